import { InfraError, type Decision, type Rng } from './infra-types.js';
import { armIndex, type ArmId } from './arms.js';
import { hybridRows, playedRows, type HybridContext, type HybridFeedback } from './hybrid-context.js';
import {
  hybridAddArm,
  hybridInit,
  hybridRemoveArm,
  hybridResetArm,
  hybridSettings,
  hybridUpdate,
  type HybridArm,
  type HybridOptions,
  type HybridState,
} from './hybrid-core.js';
import { sharedResidual } from './hybrid-kernels.js';
import { hybridValidate } from './hybrid-validate.js';
import { dot, quadForm } from './linalg.js';
import { checkArmRoom, checkFloor } from './mab-policy.js';
import { argmaxPmf, decideFrom, mixFloor } from './pmf.js';
import type { BanditPolicy } from './policy.js';
import { zeros } from './zeros.js';
import { numberOption } from './options.js';

/** Options of {@link hybridLinUCB}. */
export interface HybridLinUcbOptions extends HybridOptions {
  /** Width multiplier α ≥ 0 of the confidence bonus (default 1). */
  readonly alpha?: number | undefined;
  /** Per-arm exploration floor mixed into the one-hot probabilities (default 0). */
  readonly floor?: number | undefined;
}

/** The fitted coefficients of a hybrid model. */
export interface HybridCoefficients {
  /** β̂, shared by every arm (length k). */
  readonly beta: number[];
  /** θ̂ₐ per arm in `state.arms` order (length d each). */
  readonly theta: number[][];
}

/**
 * A hybrid LinUCB policy: a {@link BanditPolicy} over {@link HybridState} and {@link HybridContext} whose
 * `update` also takes the played arm's flat `[z, x]` features, plus the model's dimensions and accessors.
 */
export interface HybridPolicy extends BanditPolicy<HybridState, HybridContext> {
  /** Shared feature count k. */
  readonly sharedDimension: number;
  /** Per-arm feature count d. */
  readonly armDimension: number;
  /**
   * Learn from one round; `feedback.context` is the decision's {@link HybridContext} or the played arm's
   * flat `[z, x]` (length k + d).
   *
   * @param state - the current state (not mutated)
   * @param feedback - the played arm, its reward and the context
   * @returns a new state
   */
  update(state: HybridState, feedback: HybridFeedback): HybridState;
  /**
   * The flat `[zₐ, xₐ]` features of one arm in a decision context: what to log for a later `warmStart`.
   *
   * @param state - the current state (for the arm order)
   * @param context - the decision's context
   * @param action - the arm
   * @returns a new array of length k + d
   */
  features(state: HybridState, context: HybridContext, action: ArmId): number[];
  /**
   * The fitted coefficients β̂ and θ̂ₐ = Aₐ⁻¹(bₐ − Bₐβ̂).
   *
   * @param state - the current state
   * @returns new arrays
   */
  coefficients(state: HybridState): HybridCoefficients;
}

/**
 * Predicted mean and UCB width of every arm, into caller-owned buffers. For arm a with w = zₐ − Cₐᵀxₐ the mean
 * is zₐᵀβ̂ + xₐᵀθ̂ₐ = wᵀβ̂ + xₐᵀhₐ and the paper's
 * sₜ,ₐ = zᵀA₀⁻¹z − 2zᵀA₀⁻¹BₐᵀAₐ⁻¹x + xᵀAₐ⁻¹x + xᵀAₐ⁻¹BₐA₀⁻¹BₐᵀAₐ⁻¹x equals wᵀA₀⁻¹w + xᵀAₐ⁻¹x
 * (expand the square with BₐᵀAₐ⁻¹x = Cₐᵀx), which costs O(d² + dk + k²) per arm.
 *
 * @param st - the state
 * @param zs - per-arm shared features (checked, length k each)
 * @param xs - per-arm own features (checked, length d each)
 * @param mean - receives the mean, plus `bonus`·√s when `bonus ≠ 0` (the UCB score)
 * @param width - receives √s, or pass undefined to skip it
 * @param bonus - multiplier α of √s added to `mean` (default 0)
 * @returns nothing; fills the buffers
 *
 * @example
 * ```ts @import.meta.vitest
 * const st = hybridLinUCB({ arms: 1, sharedDimension: 1, armDimension: 2 }).init();
 * const mean = [0]; const width = [0];
 * hybridPredict(st, [[2]], [[3, 4]], mean, width);
 * expect(width[0]).toBeCloseTo(Math.sqrt(4 + 25), 14);
 * ```
 */
export function hybridPredict(
  st: HybridState,
  zs: readonly ArrayLike<number>[],
  xs: readonly ArrayLike<number>[],
  mean: number[],
  width: number[] | undefined,
  bonus = 0,
): void {
  const k = st.sharedDimension;
  const d = st.armDimension;
  const { inverse: a0inv, beta } = st.shared;
  const w = zeros(k);
  const needWidth = width !== undefined || bonus !== 0;
  for (let a = 0; a < st.models.length; a++) {
    const m = st.models[a] as HybridArm;
    const z = zs[a] as ArrayLike<number>;
    const x = xs[a] as ArrayLike<number>;
    sharedResidual(w, z, m.coupling, x, k, d);
    const mu = dot(w, beta, k) + dot(x, m.own, d);
    if (!needWidth) {
      mean[a] = mu;
      continue;
    }
    const sd = Math.sqrt(Math.max(0, quadForm(a0inv, w, k) + quadForm(m.inverse, x, d)));
    mean[a] = bonus === 0 ? mu : mu + bonus * sd;
    if (width !== undefined) width[a] = sd;
  }
}

/**
 * The fitted coefficients: β̂ and every arm's θ̂ₐ = Aₐ⁻¹(bₐ − Bₐβ̂) = hₐ − Cₐβ̂.
 *
 * @param st - the state
 * @returns `{ beta, theta }` with one θ̂ per arm in `arms` order (new arrays)
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = hybridLinUCB({ arms: 1, sharedDimension: 1, armDimension: 1 });
 * const st = policy.update(policy.init(), { action: 0, reward: 1, context: [1, 1] });
 * const { beta, theta } = hybridCoefficients(st);
 * expect(beta[0]).toBeCloseTo(1 / 3, 15);
 * expect(theta[0]?.[0]).toBeCloseTo(1 / 3, 15);
 * ```
 */
export function hybridCoefficients(st: HybridState): HybridCoefficients {
  const k = st.sharedDimension;
  const d = st.armDimension;
  const beta = st.shared.beta.slice();
  const theta = st.models.map((m) => {
    const th = m.own.slice();
    for (let j = 0; j < k; j++) {
      const bj = beta[j] as number;
      for (let p = 0; p < d; p++) th[p] = (th[p] as number) - (m.coupling[j * d + p] as number) * bj;
    }
    return th;
  });
  return { beta, theta };
}

/**
 * Hybrid LinUCB (Li, Chu, Langford & Schapire 2010, Algorithm 2): the reward of arm a is modelled as
 * zₐᵀβ + xₐᵀθₐ, with β shared by every arm and θₐ the arm's own, fitted jointly by ridge regression (λ on
 * both blocks). Score zₐᵀβ̂ + xₐᵀθ̂ₐ + α·√sₜ,ₐ with the paper's sₜ,ₐ (the joint posterior variance of the score).
 * What one arm's rounds teach β̂ carries over to every arm, including arms added later. Each update is
 * O(d² + dk + k²) (rank-1 steps on the played arm and the shared block, see `hybridUpdate`); each decision
 * O(K(d² + dk + k²)); every `refactorEvery` updates an inverse is recomputed from its Gram matrix. Removing
 * or resetting an arm keeps what its rounds taught β̂. Deterministic argmax: one-hot probabilities, exact
 * ties split evenly and drawn with the RNG, then mixed with the optional floor.
 *
 * @param options - arms, k (`sharedDimension`), d (`armDimension`), α, λ, refactorization period, reward range, floor
 * @returns the policy; `dimension` is k + d, the length of the flat `[z, x]` feedback form
 * @throws InfraError naming a bad option
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = hybridLinUCB({ arms: ['a', 'b'], sharedDimension: 2, armDimension: 1, alpha: 0.5 });
 * const context = { shared: [[1, 0], [0, 1]], arm: [1] }; // z per arm, one x for both arms
 * const rng = { next: () => 0.3 } as unknown as Parameters<typeof policy.decide>[2];
 * let s = policy.init();
 * const d = policy.decide(s, context, rng);
 * expect(d.probabilities).toEqual([0.5, 0.5]);
 * s = policy.update(s, { action: d.action, reward: 1, context });
 * expect(s.pulls).toEqual([1, 0]);
 * expect(policy.features(s, context, 'b')).toEqual([0, 1, 1]);
 * s = policy.update(s, { action: 'b', reward: 0, context: [0, 1, 1] }); // the flat [z, x] form
 * expect(policy.estimates(s, context)[0]).toBeGreaterThan(policy.estimates(s, context)[1]!);
 * ```
 */
export function hybridLinUCB(options: HybridLinUcbOptions): HybridPolicy {
  const s = hybridSettings(options, 'options');
  const alpha = numberOption(options.alpha, 1, 'options.alpha');
  const floor = checkFloor(options.floor, s.arms.length, 'options.floor');
  return {
    name: 'hybrid-linucb',
    kind: 'bandit/hybrid-linucb',
    rewardRange: [s.lo, s.hi],
    dimension: s.k + s.d,
    sharedDimension: s.k,
    armDimension: s.d,
    init: (): HybridState => hybridInit(s),
    decide(state: HybridState, context: HybridContext, rng: Rng): Decision<ArmId> {
      const k = state.arms.length;
      const rows = hybridRows(context, state.sharedDimension, state.armDimension, k);
      const scores = zeros(k);
      hybridPredict(state, rows.z, rows.x, scores, undefined, alpha);
      return decideFrom(state.arms, mixFloor(argmaxPmf(scores), floor), rng, 'highest hybrid LinUCB score', scores);
    },
    update: (state: HybridState, feedback: HybridFeedback): HybridState => hybridUpdate(state, feedback, s),
    minProbability: () => floor,
    estimates(state: HybridState, context: HybridContext): number[] {
      const rows = hybridRows(context, state.sharedDimension, state.armDimension, state.arms.length);
      const mean = zeros(state.arms.length);
      hybridPredict(state, rows.z, rows.x, mean, undefined);
      return mean;
    },
    features(state: HybridState, context: HybridContext, action: ArmId): number[] {
      const i = armIndex(state.arms, action, 'action');
      const { z, x } = playedRows(context, i, state.sharedDimension, state.armDimension, state.arms.length, 'context');
      return [...Array.from(z), ...Array.from(x)];
    },
    coefficients: hybridCoefficients,
    addArm(state: HybridState, id: ArmId): HybridState {
      checkArmRoom(floor, state.arms.length);
      return hybridAddArm(state, id, s);
    },
    removeArm: (state: HybridState, id: ArmId): HybridState => hybridRemoveArm(state, id),
    resetArm: (state: HybridState, id: ArmId): HybridState => hybridResetArm(state, id, s),
    validate: (x: unknown, path: string): HybridState => hybridValidate(x, path, s),
  };
}
