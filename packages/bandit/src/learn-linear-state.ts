import { InfraError } from './infra-types.js';
import { normalizeArms, type ArmId } from './arms.js';
import type { LinearState } from './linear-core.js';
import { spdInverse } from './linalg.js';
import type { LoggedRound } from './ope-logged-data.js';
import { fitRewardModel, type LinearRewardModel, type RewardModelWeighting } from './ope-reward-model.js';

/**
 * Convert a fitted {@link LinearRewardModel} (without intercept) into the state of the linear contextual
 * policies (`linUCB`, `linTS`, `linEpsilonGreedy`, `squareCB`), so that a model trained offline keeps
 * learning online. Gram matrices, moments and coefficients are copied; A⁻¹ is computed by Cholesky;
 * `pulls` are the per-arm sample counts.
 *
 * @param model - a fitted model with `intercept: false` and `dimension ≥ 1` (put a constant feature in the context instead)
 * @param arms - arm ids in model order (default `0 … K-1`)
 * @returns a linear policy state
 * @throws InfraError `INVALID_ARGUMENT` for a model with an intercept or dimension 0; `SHAPE_MISMATCH` when `arms` has the wrong length
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [
 *   { context: [1, 0], action: 0, reward: 1, propensity: 0.5 },
 *   { context: [1, 1], action: 1, reward: 0, propensity: 0.5 },
 * ];
 * const model = fitRewardModel(log, { numActions: 2, intercept: false });
 * const state = linearStateFromModel(model);
 * expect(state.arms).toEqual([0, 1]);
 * expect(state.pulls).toEqual([1, 1]);
 * expect(state.models[0]!.theta).toEqual(model.arms[0]!.theta);
 * ```
 */
export function linearStateFromModel(model: LinearRewardModel, arms?: readonly ArmId[]): LinearState {
  if (model.intercept) {
    throw new InfraError('INVALID_ARGUMENT', 'model.intercept', 'linear policies have no intercept: fit with intercept: false and add a constant feature to the context');
  }
  const d = model.dimension;
  if (d < 1) throw new InfraError('INVALID_ARGUMENT', 'model.dimension', 'linear policies need at least one feature');
  const ids = normalizeArms(arms === undefined ? model.arms.length : arms, 'arms');
  if (ids.length !== model.arms.length) {
    throw new InfraError('SHAPE_MISMATCH', 'arms', `expected ${model.arms.length} arm ids, got ${ids.length}`);
  }
  const pulls = model.arms.map((a) => a.count);
  return {
    version: 1,
    arms: ids,
    pulls,
    dimension: d,
    t: pulls.reduce((s, c) => s + c, 0),
    models: model.arms.map((a) => ({
      gram: a.gram.slice(),
      inverse: spdInverse(a.gram, d),
      b: a.moment.slice(),
      theta: a.theta.slice(),
      sinceRefactor: 0,
    })),
  };
}

/** Options of {@link learnLinearState}. */
export interface LearnLinearStateOptions {
  /** Number of actions K (the log's action indices), or the arm ids in index order. */
  readonly arms: number | readonly ArmId[];
  /** Sample weighting (default `none`, which keeps the per-arm posterior semantics of LinUCB/LinTS; see {@link RewardModelWeighting}). */
  readonly weighting?: RewardModelWeighting;
  /** Ridge λ > 0; use the same λ as the online policy (default 1). */
  readonly lambda?: number;
  /** Clip importance weights 1/p at this value (default Infinity). */
  readonly maxWeight?: number;
}

/**
 * Train a linear contextual policy offline from logs (IPS- or DR-weighted ridge fits) and return a state
 * that `linUCB` / `linTS` / `linEpsilonGreedy` / `squareCB` continue online. With `weighting: 'ips'` a
 * round counts 1/p times and with `'dr'` every round adds a pseudo-observation to every arm, so the
 * confidence widths of LinUCB/LinTS shrink faster than with real per-arm samples.
 *
 * @param log - logged rounds whose contexts already contain any constant feature
 * @param opts - arms, weighting, λ, clipping
 * @returns a linear policy state
 * @throws InfraError for an invalid log or options
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = Array.from({ length: 20 }, (_, i) => ({ context: [1, i % 2], action: i % 2, reward: i % 2, propensity: 0.5 }));
 * const state = learnLinearState(log, { arms: 2, weighting: 'ips' });
 * expect(state.t).toBe(20);
 * expect(state.models[1]!.theta[0]! + state.models[1]!.theta[1]!).toBeGreaterThan(0.8);
 * ```
 */
export function learnLinearState(log: readonly LoggedRound[], opts: LearnLinearStateOptions): LinearState {
  const ids = normalizeArms(opts.arms, 'options.arms');
  const model = fitRewardModel(log, {
    numActions: ids.length,
    intercept: false,
    weighting: opts.weighting ?? 'none',
    ...(opts.lambda === undefined ? {} : { ridge: opts.lambda }),
    ...(opts.maxWeight === undefined ? {} : { maxWeight: opts.maxWeight }),
  });
  return linearStateFromModel(model, ids);
}
