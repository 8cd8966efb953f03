import { InfraError } from './infra-types.js';
import { linearSettings, predictArms, type LinearOptions, type LinearState } from './linear-core.js';
import { linearPolicy } from './linear-policy.js';
import { checkFloor } from './mab-policy.js';
import { argmaxPmf, mixFloor } from './pmf.js';
import type { BanditPolicy } from './policy.js';
import { zeros } from './zeros.js';
import { numberOption, sampleCount } from './options.js';

/** Options of {@link linUCB}. */
export interface LinUcbOptions extends LinearOptions {
  /** Width multiplier α ≥ 0 of the confidence bonus (default 1). */
  readonly alpha?: number | undefined;
  /** Per-arm exploration floor mixed into the one-hot probabilities (default 0). */
  readonly floor?: number | undefined;
}

/** Options of {@link linTS}. */
export interface LinTsOptions extends LinearOptions {
  /** Posterior scale v > 0: θ̃ ~ N(θ̂, v²A⁻¹) (default 1). */
  readonly v?: number | undefined;
  /**
   * Joint posterior draws per decision (default 1: classic linear Thompson sampling, one-hot probabilities).
   * With `m > 1` the probability vector is the win frequency over m joint draws and the action is drawn from
   * it: use 16 or more when decisions are logged for off-policy evaluation.
   */
  readonly samples?: number | undefined;
  /** Per-arm exploration floor mixed into the probabilities (default 0). */
  readonly floor?: number | undefined;
}

/** Options of {@link linEpsilonGreedy}. */
export interface LinEpsilonGreedyOptions extends LinearOptions {
  /** Exploration probability ε ∈ [0, 1] (default 0.05, VW's default). */
  readonly epsilon?: number | undefined;
}

/**
 * Disjoint LinUCB (Li, Chu, Langford & Schapire 2010): per arm a ridge model θ̂ₐ = Aₐ⁻¹bₐ, score
 * xᵀθ̂ₐ + α·√(xᵀAₐ⁻¹x). A⁻¹ is kept with O(d²) Sherman–Morrison updates and refactorized from A every
 * `refactorEvery` updates. Deterministic argmax: one-hot probabilities, exact ties split evenly and drawn
 * with the RNG, then mixed with the optional floor.
 *
 * @param options - arms, dimension, α, λ, refactorization period, reward range, floor
 * @returns the policy (context: `ArrayLike<number>` of length `dimension`)
 * @throws InfraError naming a bad option
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = linUCB({ arms: 1, dimension: 2, alpha: 1 });
 * let s = policy.init();
 * s = policy.update(s, { action: 0, reward: 1, context: [1, 0] });
 * s = policy.update(s, { action: 0, reward: 0, context: [0, 1] });
 * s = policy.update(s, { action: 0, reward: 1, context: [1, 1] });
 * const rng = { next: () => 0.5 } as unknown as Parameters<typeof policy.decide>[2];
 * expect(policy.decide(s, [1, 0.5], rng).trace?.scores?.[0]).toBeCloseTo(1.273802, 6);
 * ```
 */
export function linUCB(options: LinUcbOptions): BanditPolicy<LinearState, ArrayLike<number>> {
  const settings = linearSettings(options, 'options');
  const alpha = numberOption(options.alpha, 1, 'options.alpha');
  const floor = checkFloor(options.floor, settings.arms.length, 'options.floor');
  return linearPolicy({
    name: 'linucb',
    kind: 'bandit/linucb',
    settings,
    fixedFloor: floor,
    floor: () => floor,
    choose(st, x) {
      const scores = zeros(st.arms.length);
      predictArms(st, x, scores, undefined, alpha);
      return { p: mixFloor(argmaxPmf(scores), floor), scores, reason: 'highest LinUCB score' };
    },
  });
}

/**
 * Linear Thompson sampling (Agrawal & Goyal 2013): θ̃ₐ ~ N(θ̂ₐ, v²Aₐ⁻¹), play argmax xᵀθ̃ₐ. For one context
 * only the scalar xᵀθ̃ₐ ~ N(xᵀθ̂ₐ, v²·xᵀAₐ⁻¹x) matters, so each draw costs one normal per arm (no Cholesky
 * factor is needed). One joint draw by default (one-hot probabilities); with `samples: m > 1` the probability
 * vector is estimated from m joint draws and the action drawn from it, so the logged propensity is exactly
 * the probability used and the other arms' propensities are usable for off-policy evaluation.
 *
 * @param options - arms, dimension, v, samples, λ, refactorization period, reward range, floor
 * @returns the policy
 * @throws InfraError naming a bad option
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = linTS({ arms: 2, dimension: 1, v: 0.01 });
 * let s = policy.init();
 * for (let i = 0; i < 20; i++) s = policy.update(s, { action: i % 2, reward: i % 2 === 0 ? 1 : 0, context: [1] });
 * let u = 7;
 * const rng = { next: () => ((u = (u * 48271) % 2147483647) / 2147483647) } as unknown as Parameters<typeof policy.decide>[2];
 * expect(policy.decide(s, [1], rng).action).toBe(0);
 * ```
 */
export function linTS(options: LinTsOptions): BanditPolicy<LinearState, ArrayLike<number>> {
  const settings = linearSettings(options, 'options');
  const v = numberOption(options.v, 1, 'options.v', 0, true);
  const m = sampleCount(options.samples);
  const floor = checkFloor(options.floor, settings.arms.length, 'options.floor');
  return linearPolicy({
    name: 'lints',
    kind: 'bandit/lints',
    settings,
    fixedFloor: floor,
    floor: () => floor,
    choose(st, x, rng) {
      const k = st.arms.length;
      const mean = zeros(k);
      const width = zeros(k);
      predictArms(st, x, mean, width, 0, v);
      // Standard normals by Marsaglia's polar method inlined (the exact sequence `fillStandardNormals` gives for
      // an m·K buffer, pairs used in turn): no buffer, no call per pair — about 15 % of LinTS decide time.
      let spare = 0;
      let haveSpare = false;
      const p = zeros(k);
      const w = 1 / m;
      for (let j = 0; j < m; j++) {
        let best = 0;
        let bv = -Infinity;
        for (let a = 0; a < k; a++) {
          let z = spare;
          if (haveSpare) haveSpare = false;
          else {
            let u = 0;
            let t = 0;
            let s = 0;
            do {
              u = 2 * rng.next() - 1;
              t = 2 * rng.next() - 1;
              s = u * u + t * t;
            } while (s >= 1 || s === 0);
            const f = Math.sqrt((-2 * Math.log(s)) / s);
            z = u * f;
            spare = t * f;
            haveSpare = true;
          }
          const draw = (mean[a] as number) + (width[a] as number) * z;
          if (draw > bv) {
            bv = draw;
            best = a;
          }
        }
        p[best] = (p[best] as number) + w;
      }
      return { p: mixFloor(p, floor), scores: mean, reason: 'linear Thompson sampling' };
    },
  });
}

/**
 * Linear ε-greedy: per-arm ridge predictions xᵀθ̂ₐ; p(a) = ε/K + (1 − ε)·g(a) with g splitting 1 over
 * the tied best arms. Declared floor ε/K.
 *
 * @param options - arms, dimension, ε, λ, refactorization period, reward range
 * @returns the policy
 * @throws InfraError `OUT_OF_RANGE` for ε outside [0, 1]
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = linEpsilonGreedy({ arms: 2, dimension: 1, epsilon: 0.1 });
 * const s = policy.update(policy.init(), { action: 1, reward: 1, context: [1] });
 * const rng = { next: () => 0.5 } as unknown as Parameters<typeof policy.decide>[2];
 * expect(policy.decide(s, [1], rng).probabilities?.[1]).toBeCloseTo(0.95, 15);
 * ```
 */
export function linEpsilonGreedy(options: LinEpsilonGreedyOptions): BanditPolicy<LinearState, ArrayLike<number>> {
  const settings = linearSettings(options, 'options');
  const eps = numberOption(options.epsilon, 0.05, 'options.epsilon', 0, false, 1);
  return linearPolicy({
    name: 'lin-epsilon-greedy',
    kind: 'bandit/lin-epsilon-greedy',
    settings,
    fixedFloor: 0,
    floor: (st) => eps / st.arms.length,
    choose(st, x) {
      const k = st.arms.length;
      const mean = zeros(k);
      predictArms(st, x, mean, undefined);
      const p = argmaxPmf(mean);
      for (let a = 0; a < k; a++) p[a] = eps / k + (1 - eps) * (p[a] as number);
      return { p, scores: mean, reason: 'linear ε-greedy' };
    },
  });
}

/** Options of {@link squareCB}. */
export interface SquareCbOptions extends LinearOptions {
  /** γ scale: γₜ = gammaScale · max(1, t)^gammaExponent (default 10). */
  readonly gammaScale?: number | undefined;
  /** γ exponent (default 0.5). */
  readonly gammaExponent?: number | undefined;
}

/**
 * SquareCB (Foster & Rakhlin 2020) with a per-arm online ridge regression oracle and inverse-gap
 * weighting: with predicted rewards ŷ and best arm b (lowest index among ties),
 * p(a) = 1 / (K + γₜ·(ŷ_b − ŷₐ)) for a ≠ b and p(b) = 1 − Σ_{a≠b} p(a); γₜ grows as
 * gammaScale · t^gammaExponent. Every arm keeps probability ≥ 1/(K + γₜ·gap) > 0.
 *
 * @param options - arms, dimension, γ schedule, λ, refactorization period, reward range
 * @returns the policy
 * @throws InfraError naming a bad option
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(inverseGapWeights([-0.2, -0.5, -0.9], 10).map((p) => Math.round(p * 1e7) / 1e7)).toEqual([0.7333333, 0.1666667, 0.1]);
 * const policy = squareCB({ arms: 3, dimension: 1 });
 * const rng = { next: () => 0.5 } as unknown as Parameters<typeof policy.decide>[2];
 * expect(policy.decide(policy.init(), [1], rng).probabilities?.[2]).toBeCloseTo(1 / 3, 15);
 * ```
 */
export function squareCB(options: SquareCbOptions): BanditPolicy<LinearState, ArrayLike<number>> {
  const settings = linearSettings(options, 'options');
  const scale = numberOption(options.gammaScale, 10, 'options.gammaScale', 0, true);
  const expo = numberOption(options.gammaExponent, 0.5, 'options.gammaExponent');
  return linearPolicy({
    name: 'squarecb',
    kind: 'bandit/squarecb',
    settings,
    fixedFloor: 0,
    floor: () => 0,
    choose(st: LinearState, x) {
      const mean = zeros(st.arms.length);
      predictArms(st, x, mean, undefined);
      const gamma = scale * Math.max(1, st.t) ** expo;
      return { p: inverseGapWeights(mean, gamma), scores: mean, reason: 'inverse-gap weighting' };
    },
  });
}

/**
 * Inverse-gap weighting over predicted rewards (Abe & Long 1999; Foster & Rakhlin 2020).
 *
 * @param rewards - predicted reward per arm
 * @param gamma - learning-rate γ > 0
 * @returns a new probability vector
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(inverseGapWeights([1, 1], 5)).toEqual([0.5, 0.5]);
 * ```
 */
export function inverseGapWeights(rewards: readonly number[], gamma: number): number[] {
  const k = rewards.length;
  let b = 0;
  for (let a = 1; a < k; a++) if ((rewards[a] as number) > (rewards[b] as number)) b = a;
  const best = rewards[b] as number;
  const p = zeros(k);
  let rest = 0;
  for (let a = 0; a < k; a++) {
    if (a === b) continue;
    const q = 1 / (k + gamma * (best - (rewards[a] as number)));
    p[a] = q;
    rest += q;
  }
  p[b] = 1 - rest;
  return p;
}
