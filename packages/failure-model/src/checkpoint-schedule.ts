import { InfraError, assertFiniteArray, assertInteger, assertNonNegative, assertPlainObject, assertPositive } from '@infra/types';
import { checkInterArrivalModel, interArrivalMean, survivalFn, type InterArrivalModel } from './failure-process.js';

/**
 * A checkpoint schedule restarted after every rollback: the j-th compute interval after a restart is
 * `intervals[j]`, and once the list is used up every interval is `tailInterval`. A periodic schedule
 * has an empty list.
 */
export interface CheckpointSchedule {
  /** Compute time of the first intervals after each restart, each > 0. */
  readonly intervals: readonly number[];
  /** Compute time of every later interval, > 0. */
  readonly tailInterval: number;
}

/** Costs shared by the schedule evaluators (one time unit throughout). */
export interface RecoveryCosts {
  /** Checkpoint write time δ, > 0. */
  readonly checkpointCost: number;
  /** Time to reload the last checkpoint (R), ≥ 0. */
  readonly restartCost: number;
  /** Time before the restart can begin (D), ≥ 0; default 0. */
  readonly downtime?: number;
}

/**
 * Validate a {@link CheckpointSchedule}.
 *
 * @param x - the candidate schedule
 * @param path - argument path used in errors
 * @returns the schedule, typed
 * @throws InfraError when an interval is not positive and finite
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(checkSchedule({ intervals: [1, 2], tailInterval: 3 }, 's').tailInterval).toBe(3);
 * expect(() => checkSchedule({ intervals: [0], tailInterval: 3 }, 's')).toThrow('s.intervals[0]');
 * ```
 */
export function checkSchedule(x: unknown, path: string): CheckpointSchedule {
  const o = assertPlainObject(x, path);
  const arr = assertFiniteArray(o['intervals'], `${path}.intervals`);
  const intervals: number[] = [];
  for (let i = 0; i < arr.length; i++) intervals.push(assertPositive(arr[i], `${path}.intervals[${i}]`));
  return { intervals, tailInterval: assertPositive(o['tailInterval'], `${path}.tailInterval`) };
}

function readCosts(x: unknown, path: string): { delta: number; c: number } {
  const o = assertPlainObject(x, path);
  const delta = assertPositive(o['checkpointCost'], `${path}.checkpointCost`);
  const r = assertNonNegative(o['restartCost'], `${path}.restartCost`);
  const d = o['downtime'] === undefined ? 0 : assertNonNegative(o['downtime'], `${path}.downtime`);
  return { delta, c: r + d };
}

/**
 * Exact long-run ETTR of a schedule when interruptions form a renewal process (failures during
 * recovery restart it). By renewal–reward, ETTR = Σⱼ τⱼ·S(tⱼ) / E[X], where tⱼ = D + R + Σ_{i≤j}(τᵢ + δ)
 * is the age (time since the failure) at which the j-th checkpoint completes. For exponential failures and
 * a periodic schedule this is λτe^{−λ(D+R)}/(e^{λ(τ+δ)} − 1).
 *
 * @param schedule - the checkpoint schedule
 * @param failures - the inter-arrival model of interruptions
 * @param costs - checkpoint, restart and downtime costs
 * @returns ETTR in [0, 1]
 * @throws InfraError for invalid schedules, models or costs
 *
 * @example
 * ```ts @import.meta.vitest
 * const lam = 1 / 100;
 * const e = scheduleEttr({ intervals: [], tailInterval: 10 }, { kind: 'exponential', mean: 100 },
 *   { checkpointCost: 1, restartCost: 5 });
 * expect(e).toBeCloseTo((lam * 10 * Math.exp(-lam * 5)) / Math.expm1(lam * 11), 10);
 * ```
 */
export function scheduleEttr(schedule: CheckpointSchedule, failures: InterArrivalModel, costs: RecoveryCosts): number {
  const s = checkSchedule(schedule, 'schedule');
  const m = checkInterArrivalModel(failures, 'failures');
  const { delta, c } = readCosts(costs, 'costs');
  const surv = survivalFn(m);
  let t = c;
  let sum = 0;
  for (const tau of s.intervals) {
    t += tau + delta;
    sum += tau * surv(t);
  }
  const tail = s.tailInterval;
  if (m.kind === 'exponential') {
    // closed-form geometric tail
    const q = Math.exp(-(tail + delta) / m.mean);
    sum += (tail * surv(t) * q) / (1 - q);
  } else {
    for (let j = 0; j < 50_000_000; j++) {
      t += tail + delta;
      const st = surv(t);
      sum += tail * st;
      if (st < 1e-16) break;
    }
  }
  return Math.min(1, sum / interArrivalMean(m));
}

/**
 * A periodic schedule with compute interval τ.
 *
 * @param interval - τ, > 0
 * @returns `{ intervals: [], tailInterval: τ }`
 * @throws InfraError when τ is not positive and finite
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(periodicSchedule(5)).toEqual({ intervals: [], tailInterval: 5 });
 * ```
 */
export function periodicSchedule(interval: number): CheckpointSchedule {
  return { intervals: [], tailInterval: assertPositive(interval, 'interval') };
}

/** Options of {@link optimalCheckpointSchedule}. */
export interface OptimalScheduleOptions {
  /** Number of grid points of the dynamic programme (O(n²) work); default 1 500. */
  readonly gridSize?: number;
  /** Ages beyond the (1 − tailProbability) quantile are not planned; default 1e-9. */
  readonly tailProbability?: number;
}

/** The result of {@link optimalCheckpointSchedule}. */
export interface OptimalScheduleResult {
  /** The aperiodic schedule (intervals grow with age when the hazard falls, shape < 1). */
  readonly schedule: CheckpointSchedule;
  /** The schedule's renewal ETTR as computed by {@link scheduleEttr}. */
  readonly ettr: number;
}

/**
 * A failure-age-aware (aperiodic) checkpoint schedule maximising the renewal ETTR Σⱼ τⱼ S(tⱼ) / E[X] by
 * dynamic programming over a geometric grid of checkpoint-completion ages: V(t) = max_{t′} [(t′ − t − δ)·
 * S(t′) + V(t′)]. For Weibull shape < 1 (bursty failures, e.g. InfiniteHBD's 0.62) the hazard is highest
 * just after a failure, so the optimal intervals start short and grow; for shape 1 it reproduces the
 * periodic optimum (to grid resolution).
 *
 * @param failures - inter-arrival model of interruptions
 * @param costs - checkpoint, restart and downtime costs (same unit as the model)
 * @param options - grid size and planning horizon
 * @returns the schedule and its ETTR
 * @throws InfraError for invalid input; `OUT_OF_RANGE` for a grid size outside [50, 20 000]
 *
 * @example
 * ```ts @import.meta.vitest
 * const costs = { checkpointCost: 5, restartCost: 10 };
 * const bursty = { kind: 'weibull', shape: 0.6, scale: 123 } as const; // mean ≈ 185
 * const opt = optimalCheckpointSchedule(bursty, costs);
 * const periodic = scheduleEttr(periodicSchedule(Math.sqrt(2 * 5 * 185)), bursty, costs);
 * expect(opt.ettr).toBeGreaterThan(periodic);
 * expect(opt.schedule.intervals[0]!).toBeLessThan(opt.schedule.tailInterval);
 * ```
 */
export function optimalCheckpointSchedule(
  failures: InterArrivalModel,
  costs: RecoveryCosts,
  options: OptimalScheduleOptions = {},
): OptimalScheduleResult {
  const m = checkInterArrivalModel(failures, 'failures');
  const { delta, c } = readCosts(costs, 'costs');
  const o = assertPlainObject(options, 'options');
  const n = o['gridSize'] === undefined ? 1500 : assertInteger(o['gridSize'], 'options.gridSize', { min: 50, max: 20_000 });
  const pTail = o['tailProbability'] === undefined ? 1e-9 : assertPositive(o['tailProbability'], 'options.tailProbability');
  if (pTail >= 0.5) throw new InfraError('OUT_OF_RANGE', 'options.tailProbability', `must be < 0.5, got ${pTail}`);
  const surv = survivalFn(m);
  const mean = interArrivalMean(m);
  const tMax =
    m.kind === 'exponential' ? -Math.log(pTail) * m.mean : m.scale * Math.pow(-Math.log(pTail), 1 / m.shape);
  // ages of checkpoint completion: t = c + δ + w, w on a geometric grid
  const wMin = Math.min(delta, Math.sqrt(2 * delta * mean)) / 20;
  const wMax = Math.max(tMax - c - delta, wMin * 10);
  const ratio = Math.pow(wMax / wMin, 1 / (n - 1));
  const ages = new Float64Array(n + 1);
  ages[0] = c;
  for (let i = 1; i <= n; i++) ages[i] = c + delta + wMin * Math.pow(ratio, i - 1);
  const sAt = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) sAt[i] = surv(ages[i]!);
  const value = new Float64Array(n + 1);
  const next = new Int32Array(n + 1).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    const ti = ages[i]!;
    let best = 0;
    let arg = -1;
    for (let j = i + 1; j <= n; j++) {
      const work = ages[j]! - ti - delta;
      if (work <= 0) continue;
      const v = work * sAt[j]! + value[j]!;
      if (v > best) {
        best = v;
        arg = j;
      }
    }
    value[i] = best;
    next[i] = arg;
  }
  const intervals: number[] = [];
  for (let i = 0; next[i]! >= 0; i = next[i]!) intervals.push(ages[next[i]!]! - ages[i]! - delta);
  if (intervals.length === 0) throw new InfraError('NOT_CONVERGED', 'failures', 'no checkpoint interval has positive expected value');
  const tailInterval = intervals[intervals.length - 1]!;
  const schedule: CheckpointSchedule = { intervals, tailInterval };
  return { schedule, ettr: scheduleEttr(schedule, m, costs) };
}
