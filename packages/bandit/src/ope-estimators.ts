import { InfraError } from './infra-types.js';
import type { LoggedRound, TargetProbabilities } from './ope-logged-data.js';
import { meanOf, prepareLog, runKernel, type ModelOpeOptions, type OpeEstimate, type OpeKernel, type OpeOptions, type PreparedLog } from './ope-core.js';

function pseudoOf(n: number, f: (i: number) => number, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = f(idx[j] ?? 0);
  return out;
}

function meanOver(idx: ArrayLike<number>, f: (i: number) => number): number {
  let s = 0;
  for (let j = 0; j < idx.length; j++) s += f(idx[j] ?? 0);
  return s / idx.length;
}

/** A kernel whose value is the mean of a per-round term (which is then also the pseudo-value). */
function meanKernel(term: (p: PreparedLog, i: number) => number): OpeKernel {
  return (p, idx, withPseudo) => {
    const f = (i: number): number => term(p, i);
    if (!withPseudo) return { value: meanOver(idx, f), pseudo: undefined };
    const pseudo = pseudoOf(idx.length, f, idx);
    return { value: meanOf(pseudo), pseudo };
  };
}

const ipsKernel = /* @__PURE__ */ meanKernel((p, i) => (p.w[i] ?? 0) * (p.r[i] ?? 0));

const snipsKernel: OpeKernel = (p, idx, withPseudo) => {
  let sw = 0;
  let swr = 0;
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j] ?? 0;
    sw += p.w[i] ?? 0;
    swr += (p.w[i] ?? 0) * (p.r[i] ?? 0);
  }
  if (!(sw > 0)) return { value: 0, pseudo: undefined };
  const v = swr / sw;
  if (!withPseudo) return { value: v, pseudo: undefined };
  const wbar = sw / idx.length;
  return { value: v, pseudo: pseudoOf(idx.length, (i) => v + ((p.w[i] ?? 0) * ((p.r[i] ?? 0) - v)) / wbar, idx) };
};

const dmKernel = /* @__PURE__ */ meanKernel((p, i) => p.dm[i] ?? 0);

function drKernel(weight: (w: number) => number): OpeKernel {
  return meanKernel((p, i) => (p.dm[i] ?? 0) + weight(p.w[i] ?? 0) * ((p.r[i] ?? 0) - (p.qa[i] ?? 0)));
}

const sndrKernel: OpeKernel = (p, idx, withPseudo) => {
  let sw = 0;
  let swe = 0;
  let sdm = 0;
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j] ?? 0;
    const w = p.w[i] ?? 0;
    sw += w;
    swe += w * ((p.r[i] ?? 0) - (p.qa[i] ?? 0));
    sdm += p.dm[i] ?? 0;
  }
  const c = sw > 0 ? swe / sw : 0;
  const value = sdm / idx.length + c;
  if (!withPseudo) return { value, pseudo: undefined };
  const wbar = sw / idx.length;
  const pseudo = pseudoOf(
    idx.length,
    (i) => (p.dm[i] ?? 0) + c + (wbar > 0 ? ((p.w[i] ?? 0) * ((p.r[i] ?? 0) - (p.qa[i] ?? 0) - c)) / wbar : 0),
    idx,
  );
  return { value, pseudo };
};

function requireWeight(p: { w: Float64Array }, name: string): void {
  if (!p.w.some((w) => w > 0)) {
    throw new InfraError('NOT_IDENTIFIABLE', 'target', `${name}: the target gives probability 0 to every logged action`);
  }
}

/**
 * Inverse propensity scoring: V̂ = (1/n)·Σ wᵢ rᵢ with wᵢ = π(aᵢ|xᵢ)/pᵢ (optionally clipped at `maxWeight`).
 * Unbiased when the logged propensities are right and the target's support is covered.
 *
 * @param log - logged rounds
 * @param target - the target's probability vector for each round
 * @param opts - level, clipping, bootstrap
 * @returns the estimate with standard error and interval
 * @throws InfraError for an invalid log or target (see `validateLog` / `validateTarget`), fewer than 2 rounds
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 *   { context: [], action: 1, reward: 0, propensity: 0.25 },
 *   { context: [], action: 0, reward: 0, propensity: 0.5 },
 *   { context: [], action: 2, reward: 1, propensity: 0.25 },
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 * ];
 * const target = log.map(() => [1, 0, 0]);
 * const e = ips(log, target);
 * expect(e.value).toBeCloseTo(0.8, 12);
 * expect(e.effectiveSampleSize).toBeCloseTo(3, 12);
 * expect(e.ci[0]).toBeLessThan(0.8);
 * ```
 */
export function ips(log: readonly LoggedRound[], target: TargetProbabilities, opts: OpeOptions = {}): OpeEstimate {
  return runKernel('ips', prepareLog(log, target, opts, false), ipsKernel, opts);
}

/**
 * Self-normalized IPS: V̂ = Σ wᵢ rᵢ / Σ wᵢ. Slightly biased, much lower variance than IPS; the standard error
 * uses the delta-method influence wᵢ(rᵢ − V̂)/w̄.
 *
 * @param log - logged rounds
 * @param target - the target's probability vector for each round
 * @param opts - level, clipping, bootstrap
 * @returns the estimate
 * @throws InfraError for invalid input, or `NOT_IDENTIFIABLE` when every importance weight is 0
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 *   { context: [], action: 1, reward: 0, propensity: 0.25 },
 *   { context: [], action: 0, reward: 0, propensity: 0.5 },
 *   { context: [], action: 2, reward: 1, propensity: 0.25 },
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 * ];
 * expect(snips(log, log.map(() => [1, 0, 0])).value).toBeCloseTo(2 / 3, 12);
 * ```
 */
export function snips(log: readonly LoggedRound[], target: TargetProbabilities, opts: OpeOptions = {}): OpeEstimate {
  const p = prepareLog(log, target, opts, false);
  requireWeight(p, 'snips');
  return runKernel('snips', p, snipsKernel, opts);
}

/**
 * Direct method: V̂ = (1/n)·Σᵢ Σₐ π(a|xᵢ)·q̂(xᵢ, a) with a reward model q̂ (supplied, or a per-arm ridge fit on
 * the log). Low variance, biased when the model is wrong; the interval covers only the sampling noise of the
 * contexts, not the model error.
 *
 * @param log - logged rounds
 * @param target - the target's probability vector for each round
 * @param opts - reward model, level, bootstrap
 * @returns the estimate
 * @throws InfraError for invalid input or a reward model of the wrong shape
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 *   { context: [], action: 1, reward: 0, propensity: 0.5 },
 * ];
 * const e = directMethod(log, [[1, 0], [1, 0]], { rewardModel: [[0.5, 0.1], [0.5, 0.1]] });
 * expect(e.value).toBe(0.5);
 * ```
 */
export function directMethod(log: readonly LoggedRound[], target: TargetProbabilities, opts: ModelOpeOptions = {}): OpeEstimate {
  return runKernel('dm', prepareLog(log, target, opts, true), dmKernel, opts);
}

/**
 * Doubly robust: V̂ = DM + (1/n)·Σ wᵢ (rᵢ − q̂(xᵢ, aᵢ)). Unbiased when either the propensities or the reward
 * model are right; usually lower variance than IPS.
 *
 * @param log - logged rounds
 * @param target - the target's probability vector for each round
 * @param opts - reward model, level, clipping, bootstrap
 * @returns the estimate
 * @throws InfraError for invalid input
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 *   { context: [], action: 1, reward: 0, propensity: 0.25 },
 *   { context: [], action: 0, reward: 0, propensity: 0.5 },
 *   { context: [], action: 2, reward: 1, propensity: 0.25 },
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 * ];
 * const q = log.map(() => [0.5, 0.5, 0.5]);
 * expect(doublyRobust(log, log.map(() => [1, 0, 0]), { rewardModel: q }).value).toBeCloseTo(0.7, 12);
 * ```
 */
export function doublyRobust(log: readonly LoggedRound[], target: TargetProbabilities, opts: ModelOpeOptions = {}): OpeEstimate {
  return runKernel('dr', prepareLog(log, target, opts, true), drKernel((w) => w), opts);
}

/**
 * Self-normalized doubly robust: DR whose correction term is divided by Σ wᵢ instead of n.
 *
 * @param log - logged rounds
 * @param target - the target's probability vector for each round
 * @param opts - reward model, level, clipping, bootstrap
 * @returns the estimate
 * @throws InfraError for invalid input, or `NOT_IDENTIFIABLE` when every importance weight is 0
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 *   { context: [], action: 1, reward: 0, propensity: 0.25 },
 *   { context: [], action: 0, reward: 0, propensity: 0.5 },
 *   { context: [], action: 2, reward: 1, propensity: 0.25 },
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 * ];
 * const q = log.map(() => [0.5, 0.5, 0.5]);
 * expect(sndr(log, log.map(() => [1, 0, 0]), { rewardModel: q }).value).toBeCloseTo(0.5 + 1 / 6, 12);
 * ```
 */
export function sndr(log: readonly LoggedRound[], target: TargetProbabilities, opts: ModelOpeOptions = {}): OpeEstimate {
  const p = prepareLog(log, target, opts, true);
  requireWeight(p, 'sndr');
  return runKernel('sndr', p, sndrKernel, opts);
}

/** Options of {@link switchDR}. */
export interface SwitchDrOptions extends ModelOpeOptions {
  /** Switch threshold τ ≥ 0: rounds with importance weight > τ use the model only (default Infinity = DR). */
  readonly threshold?: number;
}

/**
 * Switch-DR (Wang, Agarwal, Dudík 2017, in the DR form shipped by OBP):
 * V̂ = (1/n)·Σ [Σₐ π(a|xᵢ) q̂(xᵢ, a) + 𝟙[wᵢ ≤ τ]·wᵢ (rᵢ − q̂(xᵢ, aᵢ))]. τ = ∞ gives DR, τ = 0 gives DM.
 *
 * @param log - logged rounds
 * @param target - the target's probability vector for each round
 * @param opts - threshold τ, reward model, level, clipping, bootstrap
 * @returns the estimate
 * @throws InfraError for invalid input or a negative/NaN threshold
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 *   { context: [], action: 1, reward: 0, propensity: 0.25 },
 *   { context: [], action: 0, reward: 0, propensity: 0.5 },
 * ];
 * const q = log.map(() => [0.5, 0.5]);
 * const t = log.map(() => [1, 0]);
 * expect(switchDR(log, t, { rewardModel: q, threshold: 0 }).value).toBe(0.5);
 * expect(switchDR(log, t, { rewardModel: q }).value).toBe(doublyRobust(log, t, { rewardModel: q }).value);
 * ```
 */
export function switchDR(log: readonly LoggedRound[], target: TargetProbabilities, opts: SwitchDrOptions = {}): OpeEstimate {
  const tau = opts.threshold ?? Infinity;
  if (typeof tau !== 'number' || Number.isNaN(tau) || tau < 0) {
    throw new InfraError('OUT_OF_RANGE', 'options.threshold', `must be >= 0, got ${String(tau)}`);
  }
  return runKernel('switch-dr', prepareLog(log, target, opts, true), drKernel((w) => (w <= tau ? w : 0)), opts);
}

/** Options of {@link doublyRobustShrinkage}. */
export interface DrosOptions extends ModelOpeOptions {
  /** Shrinkage λ > 0 (default 1); the weight w becomes λw / (w² + λ). */
  readonly shrinkage?: number;
}

/**
 * DR with optimistic shrinkage (DRos, Su et al. 2020): DR with each weight w replaced by λw / (w² + λ).
 *
 * @param log - logged rounds
 * @param target - the target's probability vector for each round
 * @param opts - shrinkage λ, reward model, level, bootstrap
 * @returns the estimate
 * @throws InfraError for invalid input or a non-positive λ
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 *   { context: [], action: 1, reward: 0, propensity: 0.25 },
 *   { context: [], action: 0, reward: 0, propensity: 0.5 },
 *   { context: [], action: 2, reward: 1, propensity: 0.25 },
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 * ];
 * const q = log.map(() => [0.5, 0.5, 0.5]);
 * expect(doublyRobustShrinkage(log, log.map(() => [1, 0, 0]), { rewardModel: q }).value).toBeCloseTo(0.54, 12);
 * ```
 */
export function doublyRobustShrinkage(log: readonly LoggedRound[], target: TargetProbabilities, opts: DrosOptions = {}): OpeEstimate {
  const lambda = opts.shrinkage ?? 1;
  if (typeof lambda !== 'number' || !(lambda > 0) || !Number.isFinite(lambda)) {
    throw new InfraError('OUT_OF_RANGE', 'options.shrinkage', `must be finite and > 0, got ${String(lambda)}`);
  }
  return runKernel('dros', prepareLog(log, target, opts, true), drKernel((w) => (lambda * w) / (w * w + lambda)), opts);
}
