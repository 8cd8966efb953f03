import {
  InfraError,
  assertFailureEvent,
  assertFiniteArray,
  assertInteger,
  assertPlainObject,
  assertPositive,
  assertProbability,
  type FailureEvent,
} from '@infra/types';
import type { FleetExposure } from './rates.js';

function checkEvents(events: unknown): readonly FailureEvent[] {
  if (!Array.isArray(events)) throw new InfraError('INVALID_ARGUMENT', 'events', 'must be an array of failure events');
  events.forEach((e, i) => assertFailureEvent(e, `events[${i}]`));
  return events as readonly FailureEvent[];
}

/** Linear-interpolation quantile (R type 7, numpy's default) of sorted values. */
function quantileSorted(xs: Float64Array, p: number): number {
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(xs.length - 1, lo + 1);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}

/** The result of {@link repairTimes}. */
export interface RepairTimeSummary {
  /** Repair durations (repairedTimeSeconds − timeSeconds) of the repaired events, in event order, seconds. */
  readonly durationsSeconds: readonly number[];
  /** Number of events with no repair time (still open or unknown). */
  readonly unrepaired: number;
  /** Mean repair time, seconds. */
  readonly meanSeconds: number;
  /** Requested quantiles (linear interpolation, R type 7 / numpy default). */
  readonly quantiles: readonly {
    /** The quantile level in [0, 1]. */
    readonly p: number;
    /** The repair time at that level, seconds. */
    readonly seconds: number;
  }[];
  /** Longest repair, seconds. */
  readonly maxSeconds: number;
  /** Repairs of zero duration. */
  readonly zeroDuration: number;
}

/**
 * Repair-time (time-to-repair) statistics of failure events that carry `repairedTimeSeconds`.
 *
 * @param events - failure events
 * @param probs - quantile levels in [0, 1] (default 0.5, 0.9, 0.99)
 * @returns durations, mean, quantiles, maximum and counts
 * @throws InfraError for invalid events or levels, or `EMPTY` when no event has a repair time
 *
 * @example
 * ```ts @import.meta.vitest
 * const ev = [1, 2, 3, 4].map((d, i) => ({ timeSeconds: 10 * i, nodeId: `n${i}`, repairedTimeSeconds: 10 * i + d }));
 * const r = repairTimes(ev, [0.5]);
 * expect(r.meanSeconds).toBe(2.5);
 * expect(r.quantiles[0]).toEqual({ p: 0.5, seconds: 2.5 });
 * ```
 */
export function repairTimes(events: readonly FailureEvent[], probs: readonly number[] = [0.5, 0.9, 0.99]): RepairTimeSummary {
  const ev = checkEvents(events);
  const ps = assertFiniteArray(probs, 'probs');
  for (let i = 0; i < ps.length; i++) assertProbability(ps[i], `probs[${i}]`);
  const durations: number[] = [];
  for (const e of ev) if (e.repairedTimeSeconds !== undefined) durations.push(e.repairedTimeSeconds - e.timeSeconds);
  if (durations.length === 0) throw new InfraError('EMPTY', 'events', 'no event has a repair time');
  const sorted = Float64Array.from(durations).sort();
  return {
    durationsSeconds: durations,
    unrepaired: ev.length - durations.length,
    meanSeconds: durations.reduce((a, b) => a + b, 0) / durations.length,
    quantiles: Array.from(ps, (p) => ({ p, seconds: quantileSorted(sorted, p) })),
    maxSeconds: sorted[sorted.length - 1]!,
    zeroDuration: durations.filter((d) => d === 0).length,
  };
}

/** The result of {@link interArrivalGaps}. */
export interface InterArrivalGaps {
  /** Gaps between consecutive failure times of the whole fleet, seconds (including zeros). */
  readonly gapsSeconds: readonly number[];
  /** The strictly positive gaps (for a Weibull fit). */
  readonly positiveGapsSeconds: readonly number[];
  /** Number of simultaneous failures (zero gaps). */
  readonly zeroGaps: number;
  /** Mean gap, seconds. */
  readonly meanSeconds: number;
  /** Coefficient of variation of the gaps (1 for a Poisson process; > 1 bursty). */
  readonly cv: number;
}

/**
 * Fleet-level inter-arrival times of failures (sorted failure times, consecutive differences).
 *
 * @param events - failure events (at least two)
 * @returns all gaps, the positive ones, the zero count, mean and CV
 * @throws InfraError for invalid events or fewer than two
 *
 * @example
 * ```ts @import.meta.vitest
 * const g = interArrivalGaps([0, 1, 1, 4].map((t) => ({ timeSeconds: t, nodeId: 'n' })));
 * expect(g.gapsSeconds).toEqual([1, 0, 3]);
 * expect(g.zeroGaps).toBe(1);
 * ```
 */
export function interArrivalGaps(events: readonly FailureEvent[]): InterArrivalGaps {
  const ev = checkEvents(events);
  if (ev.length < 2) throw new InfraError('EMPTY', 'events', 'needs at least two events');
  const t = Float64Array.from(ev, (e) => e.timeSeconds).sort();
  const gaps: number[] = [];
  for (let i = 1; i < t.length; i++) gaps.push(t[i]! - t[i - 1]!);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const variance = gaps.length > 1 ? gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (gaps.length - 1) : 0;
  return {
    gapsSeconds: gaps,
    positiveGapsSeconds: gaps.filter((g) => g > 0),
    zeroGaps: gaps.filter((g) => g === 0).length,
    meanSeconds: mean,
    cv: mean > 0 ? Math.sqrt(variance) / mean : 0,
  };
}

/** Per-node time to first failure, in the `{ times, events }` shape the survival estimators take. */
export interface FirstFailureData {
  /** Time of each node's first failure, or the window length for nodes that never failed, seconds. */
  readonly times: readonly number[];
  /** true = failed, false = right-censored at the end of the window. */
  readonly events: readonly boolean[];
  /** Node ids in the same order (never-failed nodes are `unobserved-<k>` unless `nodeIds` lists them). */
  readonly nodeIds: readonly string[];
}

/**
 * Per-node time to first failure within an observation window, with the nodes that never failed
 * right-censored at the window's end (the InfiniteHBD trace lists only the 231 of 400 servers that failed).
 * Feed the result to `kaplanMeier` / `fitWeibull`. Left truncation (unknown server age) is ignored, as the
 * source data carries no ages.
 *
 * @param events - failure events
 * @param exposure - fleet size and window length (every failure must fall inside the window)
 * @param nodeIds - optional full node list (so censored nodes keep their ids)
 * @returns times, event flags and node ids, failed nodes first in order of first failure
 * @throws InfraError when more nodes failed than `exposure.nodes`, or an event lies after the window
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = firstFailureTimes([{ timeSeconds: 5, nodeId: 'a' }, { timeSeconds: 2, nodeId: 'a' }],
 *   { nodes: 2, durationSeconds: 10 });
 * expect(d).toEqual({ times: [2, 10], events: [true, false], nodeIds: ['a', 'unobserved-1'] });
 * ```
 */
export function firstFailureTimes(events: readonly FailureEvent[], exposure: FleetExposure, nodeIds?: readonly string[]): FirstFailureData {
  const ev = checkEvents(events);
  const ex = assertPlainObject(exposure, 'exposure');
  const nodes = assertInteger(ex['nodes'], 'exposure.nodes', { min: 1 });
  const window = assertPositive(ex['durationSeconds'], 'exposure.durationSeconds');
  const first = new Map<string, number>();
  ev.forEach((e, i) => {
    if (e.timeSeconds > window) throw new InfraError('OUT_OF_RANGE', `events[${i}].timeSeconds`, `after the window end ${window}`);
    const f = first.get(e.nodeId);
    if (f === undefined || e.timeSeconds < f) first.set(e.nodeId, e.timeSeconds);
  });
  if (first.size > nodes) throw new InfraError('OUT_OF_RANGE', 'exposure.nodes', `${first.size} distinct nodes failed, more than ${nodes}`);
  const failed = [...first.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const times = failed.map((p) => p[1]);
  const flags = failed.map(() => true);
  const ids = failed.map((p) => p[0]);
  const spare = (nodeIds ?? []).filter((id) => !first.has(id));
  for (let k = 0; k < nodes - first.size; k++) {
    times.push(window);
    flags.push(false);
    ids.push(spare[k] ?? `unobserved-${k + 1}`);
  }
  return { times, events: flags, nodeIds: ids };
}
