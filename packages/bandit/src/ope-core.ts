import { InfraError, assertFiniteArray, assertInRange, assertInteger, normalQuantile, type Rng } from './infra-types.js';
import { validateLog, validateTarget, type LoggedRound, type TargetProbabilities } from './ope-logged-data.js';
import { ridgeRewardModel, rewardPredictionsFor, type LinearRewardModel } from './ope-reward-model.js';

/** The result of an off-policy estimator: a point estimate with its standard error and confidence interval. */
export interface OpeEstimate {
  /** Estimator name, e.g. `ips`, `dr`. */
  readonly estimator: string;
  /** Estimated value of the target policy (mean reward per round). */
  readonly value: number;
  /** Standard error: the sample standard deviation of the per-round influence terms over √n. */
  readonly standardError: number;
  /** Two-sided confidence interval at `level` (normal approximation, or bootstrap percentiles). */
  readonly ci: readonly [number, number];
  /** Nominal coverage of `ci`, e.g. 0.95. */
  readonly level: number;
  /** How `ci` was computed. */
  readonly interval: 'normal' | 'bootstrap';
  /** Number of logged rounds used. */
  readonly n: number;
  /** Effective sample size of the importance weights, (Σw)² / Σw² (n when all weights are equal). */
  readonly effectiveSampleSize: number;
  /** Largest importance weight π(a|x)/μ(a|x) after clipping. */
  readonly maxImportanceWeight: number;
}

/** Bootstrap settings: percentile interval over `resamples` resamplings of the rounds, drawn from `rng`. */
export interface BootstrapOptions {
  /** Injected random source (its state advances; pass a clone to keep yours). */
  readonly rng: Rng;
  /** Number of bootstrap resamples (default 1000, at least 10). */
  readonly resamples?: number;
}

/** Options shared by every estimator. */
export interface OpeOptions {
  /** Nominal confidence level in (0, 1) (default 0.95). */
  readonly level?: number;
  /** Clip importance weights at this value (default Infinity: no clipping). */
  readonly maxWeight?: number;
  /** Replace the normal-approximation interval by a bootstrap percentile interval. */
  readonly bootstrap?: BootstrapOptions;
}

/** Reward predictions q̂(xᵢ, a): an n × K matrix aligned with the log. */
export type RewardPredictions = readonly (readonly number[])[];

/** Options of the model-based estimators (DM, DR, SNDR, Switch-DR, DRos). */
export interface ModelOpeOptions extends OpeOptions {
  /**
   * The reward model: an n × K prediction matrix or a fitted {@link LinearRewardModel}. When absent, a per-arm
   * ridge model is fitted on the log itself (no cross-fitting; the interval then ignores the model's own
   * estimation error).
   */
  readonly rewardModel?: RewardPredictions | LinearRewardModel;
  /** Ridge strength for the fitted model when `rewardModel` is absent (default 1). */
  readonly ridge?: number;
}

/** Per-round arrays the estimator kernels work on (internal). */
export interface PreparedLog {
  /** Number of rounds. */
  readonly n: number;
  /** Number of actions. */
  readonly k: number;
  /** Importance weights π(aᵢ|xᵢ)/pᵢ, clipped. */
  readonly w: Float64Array;
  /** Rewards. */
  readonly r: Float64Array;
  /** q̂(xᵢ, aᵢ) (zeros without a model). */
  readonly qa: Float64Array;
  /** Σₐ π(a|xᵢ) q̂(xᵢ, a) (zeros without a model). */
  readonly dm: Float64Array;
}

/**
 * A kernel: the value over a subset of rounds and, when `withPseudo`, the per-round pseudo-values (whose mean is
 * the value; their sample standard deviation over √n is the standard error).
 */
export type OpeKernel = (p: PreparedLog, idx: ArrayLike<number>, withPseudo: boolean) => { value: number; pseudo: Float64Array | undefined };

function predictionsFor(log: readonly LoggedRound[], k: number, opts: ModelOpeOptions): RewardPredictions {
  const m = opts.rewardModel;
  if (m === undefined) return rewardPredictionsFor(ridgeRewardModel(log, k, opts.ridge ?? 1, true), log);
  if (Array.isArray(m)) {
    const rows = m as RewardPredictions;
    if (rows.length !== log.length) throw new InfraError('SHAPE_MISMATCH', 'options.rewardModel', `expected ${log.length} rows, got ${rows.length}`);
    rows.forEach((row, i) => assertFiniteArray(row, `options.rewardModel[${i}]`, { length: k }));
    return rows;
  }
  const model = m as LinearRewardModel;
  if (model.arms.length !== k) throw new InfraError('SHAPE_MISMATCH', 'options.rewardModel.arms', `expected ${k} arms, got ${model.arms.length}`);
  return rewardPredictionsFor(model, log);
}

/**
 * Validate a log and a target and compute the per-round arrays (internal building block of the estimators).
 *
 * @param log - logged rounds
 * @param target - target probabilities per round
 * @param opts - options; `withModel` adds reward predictions
 * @param withModel - whether the estimator uses a reward model
 * @returns the prepared arrays
 * @throws InfraError for any invalid input
 *
 * @example
 * ```ts @import.meta.vitest
 * const p = prepareLog([{ context: [], action: 1, reward: 1, propensity: 0.5 }], [[0, 1]], {}, false);
 * expect(Array.from(p.w)).toEqual([2]);
 * ```
 */
export function prepareLog(
  log: readonly LoggedRound[],
  target: TargetProbabilities,
  opts: ModelOpeOptions,
  withModel: boolean,
): PreparedLog {
  validateLog(log);
  const k = validateTarget(target, log);
  const maxWeight = opts.maxWeight ?? Infinity;
  if (!(maxWeight > 0)) throw new InfraError('OUT_OF_RANGE', 'options.maxWeight', `must be > 0, got ${maxWeight}`);
  const n = log.length;
  const w = new Float64Array(n);
  const r = new Float64Array(n);
  const qa = new Float64Array(n);
  const dm = new Float64Array(n);
  const q = withModel ? predictionsFor(log, k, opts) : undefined;
  for (let i = 0; i < n; i++) {
    const round = log[i] as LoggedRound;
    const pi = target[i] as readonly number[];
    w[i] = Math.min((pi[round.action] ?? 0) / round.propensity, maxWeight);
    r[i] = round.reward;
    if (q !== undefined) {
      const qi = q[i] as readonly number[];
      qa[i] = qi[round.action] ?? 0;
      let s = 0;
      for (let a = 0; a < k; a++) s += (pi[a] ?? 0) * (qi[a] ?? 0);
      dm[i] = s;
    }
  }
  return { n, k, w, r, qa, dm };
}

/**
 * Two-sided normal critical value z with P(|Z| ≤ z) = level.
 *
 * @param level - nominal coverage in (0, 1)
 * @returns the critical value, e.g. 1.959963984540054 for 0.95
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(Math.abs(criticalValue(0.95) - 1.959963984540054)).toBeLessThan(1e-14);
 * ```
 */
export function criticalValue(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}

function sampleSd(xs: Float64Array): number {
  const n = xs.length;
  const mean = meanOf(xs);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((xs[i] ?? 0) - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

/**
 * Run a kernel on prepared data and attach the standard error, the interval and weight diagnostics.
 *
 * @param name - estimator name
 * @param p - prepared log
 * @param kernel - the estimator kernel
 * @param opts - level and bootstrap settings
 * @returns the estimate
 * @throws InfraError `EMPTY` with fewer than 2 rounds; `OUT_OF_RANGE` for a bad level or resample count
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [0, 1, 0, 1].map((r) => ({ context: [], action: 0, reward: r, propensity: 1 }));
 * const p = prepareLog(log, log.map(() => [1]), {}, false);
 * const e = runKernel('mean', p, (q, idx) => {
 *   const pseudo = Float64Array.from(idx, (i) => q.r[i]!);
 *   return { value: pseudo.reduce((a, b) => a + b, 0) / pseudo.length, pseudo };
 * }, {});
 * expect(e.value).toBe(0.5);
 * expect(e.standardError).toBeCloseTo(Math.sqrt(1 / 3) / 2, 12);
 * ```
 */
export function runKernel(name: string, p: PreparedLog, kernel: OpeKernel, opts: OpeOptions): OpeEstimate {
  const level = opts.level === undefined ? 0.95 : assertInRange(opts.level, 'options.level', 0, 1, { minExclusive: true, maxExclusive: true });
  if (p.n < 2) throw new InfraError('EMPTY', 'log', `at least 2 rounds are needed for an interval, got ${p.n}`);
  const all = new Int32Array(p.n);
  for (let i = 0; i < p.n; i++) all[i] = i;
  const { value, pseudo } = kernel(p, all, true);
  const se = pseudo === undefined ? 0 : sampleSd(pseudo) / Math.sqrt(p.n);
  let sw = 0;
  let sw2 = 0;
  let wmax = 0;
  for (let i = 0; i < p.n; i++) {
    const wi = p.w[i] ?? 0;
    sw += wi;
    sw2 += wi * wi;
    if (wi > wmax) wmax = wi;
  }
  const ess = sw2 > 0 ? (sw * sw) / sw2 : 0;
  let ci: [number, number];
  let interval: 'normal' | 'bootstrap' = 'normal';
  if (opts.bootstrap === undefined) {
    const z = criticalValue(level);
    ci = [value - z * se, value + z * se];
  } else {
    const b = assertInteger(opts.bootstrap.resamples ?? 1000, 'options.bootstrap.resamples', { min: 10 });
    const rng = opts.bootstrap.rng;
    const reps = new Float64Array(b);
    const idx = new Int32Array(p.n);
    for (let j = 0; j < b; j++) {
      for (let i = 0; i < p.n; i++) idx[i] = Math.floor(rng.next() * p.n);
      reps[j] = kernel(p, idx, false).value;
    }
    reps.sort();
    const at = (q: number): number => {
      const h = (b - 1) * q;
      const lo = Math.floor(h);
      return (reps[lo] ?? 0) + (h - lo) * ((reps[Math.min(lo + 1, b - 1)] ?? 0) - (reps[lo] ?? 0));
    };
    ci = [at((1 - level) / 2), at(1 - (1 - level) / 2)];
    interval = 'bootstrap';
  }
  return { estimator: name, value, standardError: se, ci, level, interval, n: p.n, effectiveSampleSize: ess, maxImportanceWeight: wmax };
}

/**
 * The mean of a Float64Array (internal helper for kernels).
 *
 * @param xs - values
 * @returns their mean
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(meanOf(Float64Array.from([1, 2, 6]))).toBe(3);
 * ```
 */
export function meanOf(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] ?? 0;
  return s / xs.length;
}
