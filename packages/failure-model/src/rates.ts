import {
  InfraError,
  assertFailureEvent,
  assertInteger,
  assertNonNegative,
  assertPlainObject,
  assertPositive,
  logGamma,
  type FailureClass,
  type FailureEvent,
} from '@infra/types';

const DAY = 86_400;

/** Observation window of a fleet: how many nodes were watched for how long. */
export interface FleetExposure {
  /** Number of nodes observed (including those that never failed), a positive integer. */
  readonly nodes: number;
  /** Length of the observation window, seconds (> 0). */
  readonly durationSeconds: number;
}

/** Counts and rates of one group of failures. */
export interface RateRow {
  /** Group key (a failure class or component; `"all"` for the total). */
  readonly key: string;
  /** Number of failures. */
  readonly count: number;
  /** Failures per 1 000 node-days. */
  readonly per1000NodeDays: number;
  /** Mean time between failures of one node, seconds (node exposure / count); undefined when count is 0. */
  readonly nodeMtbfSeconds: number | undefined;
  /** Mean time between failures of the whole fleet, seconds (window / count); undefined when count is 0. */
  readonly fleetMtbfSeconds: number | undefined;
}

/** The result of {@link faultRates}. */
export interface FaultRates {
  /** Exposure in node-days. */
  readonly nodeDays: number;
  /** All failures. */
  readonly all: RateRow;
  /** Per failure class (`hardware`, `software`, …; events without a class are counted as `unknown`). */
  readonly byClass: readonly RateRow[];
  /** Per component (events without a component are counted as `"unspecified"`), most frequent first. */
  readonly byComponent: readonly RateRow[];
}

/**
 * Failures per 1 000 node-days: 1 000 · failures / (nodes · days).
 *
 * @param failures - number of failures, ≥ 0
 * @param nodeDays - exposure in node-days, > 0
 * @returns the rate
 * @throws InfraError for negative counts or non-positive exposure
 *
 * @example
 * ```ts @import.meta.vitest
 * // InfiniteHBD: 584 faults on 400 servers over 348.98 days
 * expect(failuresPer1000NodeDays(584, 400 * 348.98)).toBeCloseTo(4.18, 2);
 * ```
 */
export function failuresPer1000NodeDays(failures: number, nodeDays: number): number {
  return (1000 * assertNonNegative(failures, 'failures')) / assertPositive(nodeDays, 'nodeDays');
}

function row(key: string, count: number, nodes: number, duration: number): RateRow {
  return {
    key,
    count,
    per1000NodeDays: (1000 * count) / ((nodes * duration) / DAY),
    nodeMtbfSeconds: count > 0 ? (nodes * duration) / count : undefined,
    fleetMtbfSeconds: count > 0 ? duration / count : undefined,
  };
}

/**
 * Failure counts, rates per 1 000 node-days and MTBF (per node and per fleet) overall, per failure class
 * and per component, from a list of failure events and the fleet's exposure.
 *
 * @param events - failure events (validated with `assertFailureEvent`)
 * @param exposure - nodes observed and window length
 * @returns the rate table
 * @throws InfraError naming the first bad event (e.g. `events[3].timeSeconds`) or bad exposure
 *
 * @example
 * ```ts @import.meta.vitest
 * const ev = [
 *   { timeSeconds: 10, nodeId: 'a', failureClass: 'hardware', component: 'GPU' },
 *   { timeSeconds: 20, nodeId: 'b', failureClass: 'software' },
 * ] as const;
 * const r = faultRates(ev, { nodes: 10, durationSeconds: 100 * 86400 });
 * expect(r.all.per1000NodeDays).toBeCloseTo(2, 12);
 * expect(r.byComponent[0]).toMatchObject({ key: 'GPU', count: 1 });
 * ```
 */
export function faultRates(events: readonly FailureEvent[], exposure: FleetExposure): FaultRates {
  const ex = assertPlainObject(exposure, 'exposure');
  const nodes = assertInteger(ex['nodes'], 'exposure.nodes', { min: 1 });
  const duration = assertPositive(ex['durationSeconds'], 'exposure.durationSeconds');
  if (!Array.isArray(events)) throw new InfraError('INVALID_ARGUMENT', 'events', 'must be an array of failure events');
  const byClass = new Map<string, number>();
  const byComponent = new Map<string, number>();
  events.forEach((e, i) => {
    const ev = assertFailureEvent(e, `events[${i}]`);
    const cls: FailureClass = ev.failureClass ?? 'unknown';
    byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
    const comp = ev.component ?? 'unspecified';
    byComponent.set(comp, (byComponent.get(comp) ?? 0) + 1);
  });
  const sortRows = (m: Map<string, number>): RateRow[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([k, c]) => row(k, c, nodes, duration));
  return {
    nodeDays: (nodes * duration) / DAY,
    all: row('all', events.length, nodes, duration),
    byClass: sortRows(byClass),
    byComponent: sortRows(byComponent),
  };
}

/** Inputs of {@link jobMttf}. */
export interface JobMttfInput {
  /** GPUs in the job, a positive integer. */
  readonly gpus: number;
  /** GPUs per node, a positive integer (default 8). */
  readonly gpusPerNode?: number;
  /** Node failure rate r_f, failures per 1 000 node-days (> 0). */
  readonly failuresPer1000NodeDays: number;
}

/** The result of {@link jobMttf}. */
export interface JobMttfResult {
  /** Nodes the job spans, ⌈gpus / gpusPerNode⌉. */
  readonly nodes: number;
  /** Job interruptions per day, nodes · r_f / 1 000. */
  readonly failuresPerDay: number;
  /** Mean time to (job) failure, seconds. */
  readonly mttfSeconds: number;
  /** The same in hours. */
  readonly mttfHours: number;
}

/**
 * Job mean time to failure for N GPUs under the series-system model (Meta RSC): every node fails
 * independently at rate r_f, any node failure interrupts the job, so MTTF = 1/(nodes · r_f).
 *
 * @param input - GPUs, GPUs per node and the node failure rate
 * @returns nodes, failures per day and MTTF
 * @throws InfraError for non-integer GPU counts or a non-positive rate
 *
 * @example
 * ```ts @import.meta.vitest
 * // r_f = 6.5 per 1 000 node-days, 8 GPUs per node
 * expect(jobMttf({ gpus: 16384, failuresPer1000NodeDays: 6.5 }).mttfHours).toBeCloseTo(1.80, 2);
 * expect(jobMttf({ gpus: 131072, failuresPer1000NodeDays: 6.5 }).mttfSeconds / 60).toBeCloseTo(13.5, 1);
 * ```
 */
export function jobMttf(input: JobMttfInput): JobMttfResult {
  const o = assertPlainObject(input, 'input');
  const gpus = assertInteger(o['gpus'], 'input.gpus', { min: 1 });
  const perNode = o['gpusPerNode'] === undefined ? 8 : assertInteger(o['gpusPerNode'], 'input.gpusPerNode', { min: 1 });
  const rf = assertPositive(o['failuresPer1000NodeDays'], 'input.failuresPer1000NodeDays');
  const nodes = Math.ceil(gpus / perNode);
  const failuresPerDay = (nodes * rf) / 1000;
  const mttfSeconds = DAY / failuresPerDay;
  return { nodes, failuresPerDay, mttfSeconds, mttfHours: mttfSeconds / 3600 };
}

/** Above this expected count {@link expectedInterruptions} uses a normal approximation instead of summing the Poisson CDF. */
const POISSON_SUM_LIMIT = 1e8;

/** The result of {@link expectedInterruptions}. */
export interface InterruptionForecast {
  /** Expected number of interruptions over the horizon, horizon / MTTF. */
  readonly expected: number;
  /** Probability of no interruption (Poisson), e^{−expected}. */
  readonly probabilityNone: number;
  /** Poisson 90 % upper bound: the smallest k with P(N ≤ k) ≥ 0.9. */
  readonly upper90: number;
}

/**
 * Expected interruptions of a job over a horizon, assuming a Poisson process with the given MTTF.
 *
 * @param horizonSeconds - planning horizon, ≥ 0
 * @param mttfSeconds - job mean time to failure, > 0
 * @returns expected count, P(none) and a 90 % upper count
 * @throws InfraError for a negative horizon or non-positive MTTF, or when horizon / MTTF overflows
 *
 * @example
 * ```ts @import.meta.vitest
 * const f = expectedInterruptions(54 * 86400, (54 * 86400) / 419);
 * expect(f.expected).toBeCloseTo(419, 9);
 * expect(f.upper90).toBeGreaterThan(419);
 * ```
 */
export function expectedInterruptions(horizonSeconds: number, mttfSeconds: number): InterruptionForecast {
  const h = assertNonNegative(horizonSeconds, 'horizonSeconds');
  const m = assertPositive(mttfSeconds, 'mttfSeconds');
  const lambda = h / m;
  if (!Number.isFinite(lambda)) throw new InfraError('OUT_OF_RANGE', 'horizonSeconds', `horizonSeconds / mttfSeconds overflows (${h} / ${m})`);
  if (lambda > POISSON_SUM_LIMIT) {
    // Summing the CDF term by term costs ~13·√λ steps and logGamma(k + 1) loses all precision near
    // k ≈ 1e15 (a property run with λ ≥ 1e15 took seconds and returned an upper bound below the mean; with
    // λ ≥ 2^53, k++ stops moving). Here the Cornish–Fisher normal quantile with continuity correction is
    // exact to O(1/√λ) < 1e-4 of a count.
    const z = 1.2815515655446004; // Φ⁻¹(0.9)
    return { expected: lambda, probabilityNone: Math.exp(-lambda), upper90: Math.ceil(lambda + z * Math.sqrt(lambda) + (z * z - 1) / 6 - 0.5) };
  }
  // Poisson CDF in log space (stable for large λ)
  let k = 0;
  let logTerm = -lambda;
  let cdf = Math.exp(logTerm);
  const start = Math.max(0, Math.floor(lambda - 12 * Math.sqrt(lambda + 1)));
  if (start > 0) {
    // skip the negligible lower tail: accumulate from `start` in log space
    k = start;
    logTerm = -lambda + k * Math.log(lambda) - logGamma(k + 1);
    cdf = Math.exp(logTerm);
  }
  while (cdf < 0.9) {
    k++;
    logTerm += Math.log(lambda / k);
    cdf += Math.exp(logTerm);
  }
  return { expected: lambda, probabilityNone: Math.exp(-lambda), upper90: k };
}
