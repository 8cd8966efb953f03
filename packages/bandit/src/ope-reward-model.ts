import { InfraError, assertFiniteArray, assertInteger, assertNonNegative, assertOneOf } from './infra-types.js';
import { choleskySolve } from './linalg.js';
import { validateLog, type LoggedRound } from './ope-logged-data.js';

/** Sufficient statistics and solution of one arm's weighted ridge regression. */
export interface ArmRidgeModel {
  /** Gram matrix A = λI + Σ wᵢ zᵢ zᵢᵀ, row-major p × p (z = [1, x] with an intercept, else x). */
  readonly gram: readonly number[];
  /** Moment vector b = Σ wᵢ rᵢ zᵢ, length p. */
  readonly moment: readonly number[];
  /** Coefficients θ = A⁻¹ b, length p (intercept first when present). */
  readonly theta: readonly number[];
  /** Total sample weight Σ wᵢ the arm was fitted on. */
  readonly weight: number;
  /** Number of samples the arm was fitted on. */
  readonly count: number;
}

/** A per-arm linear reward model q̂(x, a) = θₐ · z(x), plain JSON. */
export interface LinearRewardModel {
  /** Schema version of this object (1). */
  readonly version: 1;
  /** Discriminator for serialized state. */
  readonly kind: 'linear-reward-model';
  /** Context length d. */
  readonly dimension: number;
  /** Whether a constant 1 feature is prepended (z = [1, x]). */
  readonly intercept: boolean;
  /** Ridge strength λ on every coefficient. */
  readonly ridge: number;
  /** One model per action index. */
  readonly arms: readonly ArmRidgeModel[];
}

/**
 * How samples are weighted when fitting a reward model from logs.
 * - `none`: ordinary per-arm ridge on the rounds that played the arm (the direct method's usual fit);
 * - `ips`: per-arm ridge weighted by 1 / propensity (importance-weighted regression, corrects the
 *   logging policy's covariate shift);
 * - `dr`: first fit `none`, then regress the doubly robust pseudo-reward
 *   Γᵢ(a) = q̂(xᵢ, a) + 𝟙[aᵢ = a]·(rᵢ − q̂(xᵢ, a)) / pᵢ on every round, for every arm (Dudík et al. 2011).
 */
export type RewardModelWeighting = 'none' | 'ips' | 'dr';

/** Options of {@link fitRewardModel}. */
export interface FitRewardModelOptions {
  /** Number of actions K. */
  readonly numActions: number;
  /** Ridge strength λ > 0 (default 1). */
  readonly ridge?: number;
  /** Prepend a constant feature (default true). */
  readonly intercept?: boolean;
  /** Sample weighting (default `none`). */
  readonly weighting?: RewardModelWeighting;
  /** Clip importance weights 1/p at this value (default Infinity). */
  readonly maxWeight?: number;
}

function features(x: readonly number[], intercept: boolean): Float64Array {
  const z = new Float64Array(x.length + (intercept ? 1 : 0));
  let j = 0;
  if (intercept) z[j++] = 1;
  for (const v of x) z[j++] = v;
  return z;
}

function fitArms(
  rows: readonly { readonly z: Float64Array; readonly arm: number; readonly y: number; readonly w: number }[],
  k: number,
  p: number,
  ridge: number,
): ArmRidgeModel[] {
  const grams = Array.from({ length: k }, () => {
    const g = new Float64Array(p * p);
    for (let i = 0; i < p; i++) g[i * p + i] = ridge;
    return g;
  });
  const moments = Array.from({ length: k }, () => new Float64Array(p));
  const weights = new Float64Array(k);
  const counts = new Float64Array(k);
  for (const { z, arm, y, w } of rows) {
    const g = grams[arm] as Float64Array;
    const m = moments[arm] as Float64Array;
    for (let i = 0; i < p; i++) {
      const wzi = w * (z[i] ?? 0);
      m[i] = (m[i] ?? 0) + wzi * y;
      for (let j = 0; j < p; j++) g[i * p + j] = (g[i * p + j] ?? 0) + wzi * (z[j] ?? 0);
    }
    weights[arm] = (weights[arm] ?? 0) + w;
    counts[arm] = (counts[arm] ?? 0) + 1;
  }
  return grams.map((g, a) => ({
    gram: Array.from(g),
    moment: Array.from(moments[a] as Float64Array),
    theta: Array.from(choleskySolve(g, moments[a] as Float64Array, p, `model.arms[${a}].gram`)),
    weight: weights[a] ?? 0,
    count: counts[a] ?? 0,
  }));
}

/**
 * Fit a per-arm linear reward model q̂(x, a) from logged rounds by weighted ridge regression.
 *
 * @param log - the logged rounds (validated)
 * @param opts - K, ridge strength, intercept and sample weighting
 * @returns the fitted model (plain JSON)
 * @throws InfraError for an invalid log (see {@link validateLog}) or invalid options
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [
 *   { context: [1], action: 0, reward: 2, propensity: 0.5 },
 *   { context: [2], action: 0, reward: 4, propensity: 0.5 },
 *   { context: [1], action: 1, reward: 1, propensity: 0.5 },
 * ];
 * const model = fitRewardModel(log, { numActions: 2, ridge: 1e-9, intercept: false });
 * expect(model.arms[0]!.theta[0]).toBeCloseTo(2, 6);
 * expect(predictRewards(model, [3])[0]).toBeCloseTo(6, 5);
 * ```
 */
export function fitRewardModel(log: readonly LoggedRound[], opts: FitRewardModelOptions): LinearRewardModel {
  const k = assertInteger(opts.numActions, 'options.numActions', { min: 1 });
  validateLog(log, { numActions: k });
  const weighting = assertOneOf(opts.weighting ?? 'none', 'options.weighting', ['none', 'ips', 'dr'] as const);
  const maxWeight = opts.maxWeight === undefined ? Infinity : opts.maxWeight;
  if (maxWeight !== Infinity) assertNonNegative(maxWeight, 'options.maxWeight');
  const ipsW = (r: LoggedRound): number => Math.min(1 / r.propensity, maxWeight);
  const dm = ridgeRewardModel(log, k, opts.ridge ?? 1, opts.intercept ?? true, weighting === 'ips' ? ipsW : undefined);
  if (weighting !== 'dr') return dm;
  const rows: { z: Float64Array; arm: number; y: number; w: number }[] = [];
  log.forEach((r) => {
    const z = features(r.context, dm.intercept);
    const q = predictRewards(dm, r.context);
    for (let a = 0; a < k; a++) {
      const qa = q[a] ?? 0;
      const y = a === r.action ? qa + (r.reward - qa) * ipsW(r) : qa;
      rows.push({ z, arm: a, y, w: 1 });
    }
  });
  return { ...dm, arms: fitArms(rows, k, dm.dimension + (dm.intercept ? 1 : 0), dm.ridge) };
}

/**
 * Per-arm ridge fit of a log already checked against K actions (internal: the default reward model of the
 * model-based estimators, and the first stage of {@link fitRewardModel}).
 *
 * @param log - the validated logged rounds, actions in [0, k)
 * @param k - number of actions K
 * @param ridge - ridge strength λ (checked here: finite and > 0)
 * @param intercept - whether to prepend a constant feature
 * @param weight - sample weight of a round (default 1)
 * @returns the fitted model
 * @throws InfraError `OUT_OF_RANGE` naming `options.ridge` for a bad λ
 *
 * @example
 * ```ts @import.meta.vitest
 * const m = ridgeRewardModel([{ context: [], action: 1, reward: 3, propensity: 1 }], 2, 1, true);
 * expect(m.arms[1]!.theta[0]).toBeCloseTo(1.5, 12);
 * expect(() => ridgeRewardModel([], 2, 0, true)).toThrow('options.ridge');
 * ```
 */
export function ridgeRewardModel(
  log: readonly LoggedRound[],
  k: number,
  ridge: number,
  intercept: boolean,
  weight?: (r: LoggedRound) => number,
): LinearRewardModel {
  if (!(ridge > 0) || !Number.isFinite(ridge)) throw new InfraError('OUT_OF_RANGE', 'options.ridge', `must be finite and > 0, got ${ridge}`);
  const d = log[0]?.context.length ?? 0;
  const rows = log.map((r) => ({ z: features(r.context, intercept), arm: r.action, y: r.reward, w: weight === undefined ? 1 : weight(r) }));
  return { version: 1, kind: 'linear-reward-model', dimension: d, intercept, ridge, arms: fitArms(rows, k, d + (intercept ? 1 : 0), ridge) };
}

/**
 * Predicted reward of every action for one context.
 *
 * @param model - a fitted {@link LinearRewardModel}
 * @param context - the context, length `model.dimension`
 * @returns q̂(x, a) for a = 0..K−1
 * @throws InfraError `SHAPE_MISMATCH`/`NOT_FINITE` for a bad context
 *
 * @example
 * ```ts @import.meta.vitest
 * const model = fitRewardModel([{ context: [], action: 0, reward: 1, propensity: 1 }], { numActions: 2, ridge: 1 });
 * const q = predictRewards(model, []);
 * expect(q[0]).toBeCloseTo(0.5, 12);
 * expect(q[1]).toBe(0);
 * ```
 */
export function predictRewards(model: LinearRewardModel, context: readonly number[]): number[] {
  assertFiniteArray(context, 'context', { length: model.dimension });
  return model.arms.map((arm) => {
    let s = model.intercept ? (arm.theta[0] ?? 0) : 0;
    const off = model.intercept ? 1 : 0;
    for (let j = 0; j < context.length; j++) s += (arm.theta[j + off] ?? 0) * (context[j] ?? 0);
    return s;
  });
}

/**
 * The reward-model prediction matrix q̂(xᵢ, ·) for every logged round, as the DM/DR estimators take it.
 *
 * @param model - a fitted {@link LinearRewardModel}
 * @param log - the logged rounds
 * @returns an n × K matrix
 * @throws InfraError when a context has the wrong length
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [{ context: [], action: 0, reward: 1, propensity: 1 }];
 * const model = fitRewardModel(log, { numActions: 2, ridge: 1 });
 * const q = rewardPredictionsFor(model, log);
 * expect(q).toHaveLength(1);
 * expect(q[0]![0]).toBeCloseTo(0.5, 12);
 * ```
 */
export function rewardPredictionsFor(model: LinearRewardModel, log: readonly LoggedRound[]): number[][] {
  return log.map((r) => predictRewards(model, r.context));
}
