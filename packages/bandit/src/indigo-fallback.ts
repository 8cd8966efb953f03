import { InfraError, assertFiniteArray, assertPositive, type Decision } from './infra-types.js';
import { armIndex, type ArmId } from './arms.js';
import type { LinearState } from './linear-core.js';
import { quadForm } from './linalg.js';

/** Options of {@link conservativeFallback}. */
export interface FallbackOptions {
  /** Largest acceptable posterior standard deviation √(xᵀA⁻¹x)·scale of the chosen arm's value, > 0. */
  readonly maxSd: number;
  /** The safe arm played instead (default `hold`). */
  readonly safeArm?: ArmId;
  /** Multiplier of √(xᵀA⁻¹x), e.g. the noise scale v of LinTS (default 1). */
  readonly scale?: number;
}

/**
 * INDIGO's "do not migrate under uncertainty" rule for the linear policies: when the posterior standard
 * deviation of the chosen arm's value in this context exceeds `maxSd`, play the safe arm instead. The returned
 * probability vector is that of the *final* action, so the decision stays valid for off-policy evaluation:
 * every uncertain arm's probability moves to the safe arm.
 *
 * @param state - the linear policy state (`linUCB`, `linTS`, …)
 * @param context - the context the decision was made in
 * @param decision - the policy's decision (with its probability vector)
 * @param opts - threshold, safe arm and scale
 * @returns the decision, possibly replaced by the safe arm, with updated probabilities and propensity
 * @throws InfraError `UNKNOWN_ID` for an unknown safe or chosen arm, `SHAPE_MISMATCH`/`NOT_FINITE` for a bad
 *   context, `INVALID_ARGUMENT` when the decision has no probability vector of the right length
 *
 * @example
 * ```ts @import.meta.vitest
 * // A fresh one-feature linear state (what linUCB/linTS init() return with λ = 1): A⁻¹ = 1, so sd = |x|.
 * const fresh = { gram: [1], inverse: [1], b: [0], theta: [0], sinceRefactor: 0 };
 * const state = { version: 1 as const, arms: ['hold', 'promote'], pulls: [0, 0], dimension: 1, t: 0, models: [fresh, fresh] };
 * const d = { action: 'promote', probabilities: [0.1, 0.9], propensity: 0.9 };
 * const out = conservativeFallback(state, [2], d, { maxSd: 1 });
 * expect(out.action).toBe('hold');
 * expect(out.probabilities).toEqual([1, 0]);
 * expect(conservativeFallback(state, [0.5], d, { maxSd: 1 }).action).toBe('promote');
 * ```
 */
export function conservativeFallback(
  state: LinearState,
  context: ArrayLike<number>,
  decision: Decision<ArmId>,
  opts: FallbackOptions,
): Decision<ArmId> {
  const maxSd = assertPositive(opts.maxSd, 'options.maxSd');
  const scale = assertPositive(opts.scale ?? 1, 'options.scale');
  const safe = armIndex(state.arms, opts.safeArm ?? 'hold', 'options.safeArm');
  const x = assertFiniteArray(context, 'context', { length: state.dimension });
  const chosen = armIndex(state.arms, decision.action, 'decision.action');
  const p = decision.probabilities;
  if (p === undefined || p.length !== state.arms.length) {
    throw new InfraError('INVALID_ARGUMENT', 'decision.probabilities', `a probability vector of length ${state.arms.length} is required`);
  }
  const sd = state.models.map((m) => scale * Math.sqrt(Math.max(0, quadForm(m.inverse, x, state.dimension))));
  const probabilities = p.map((v) => v);
  for (let a = 0; a < probabilities.length; a++) {
    if (a !== safe && (sd[a] ?? 0) > maxSd) {
      probabilities[safe] = (probabilities[safe] ?? 0) + (probabilities[a] ?? 0);
      probabilities[a] = 0;
    }
  }
  const fallback = chosen !== safe && (sd[chosen] ?? 0) > maxSd;
  const final = fallback ? safe : chosen;
  return {
    action: state.arms[final] as ArmId,
    probabilities,
    propensity: probabilities[final] ?? 0,
    trace: {
      reason: fallback ? `fallback: posterior sd ${(sd[chosen] ?? 0).toPrecision(3)} > ${maxSd}` : (decision.trace?.reason ?? 'policy decision'),
      details: { posteriorSd: sd, maxSd },
    },
  };
}
