import type { Decision, Rng } from './infra-types.js';
import type { ArmId } from './arms.js';
import {
  checkContext,
  linearAddArm,
  linearInit,
  linearRemoveArm,
  linearResetArm,
  linearUpdate,
  linearValidate,
  predictArms,
  type LinearSettings,
  type LinearState,
} from './linear-core.js';
import { checkArmRoom } from './mab-policy.js';
import { decideFrom } from './pmf.js';
import type { BanditFeedback, BanditPolicy } from './policy.js';
import { zeros } from './zeros.js';

/** What a linear rule computes for one decision. */
export interface LinearChoice {
  /** The probability vector to draw from (owned by the decision). */
  readonly p: number[];
  /** Per-arm scores for the trace. */
  readonly scores: number[];
  /** Short reason for the trace. */
  readonly reason: string;
}

/** The policy-specific part of a linear contextual policy (internal building block). */
export interface LinearRule {
  /** Policy name. */
  readonly name: string;
  /** Serialization kind. */
  readonly kind: string;
  /** Normalized settings. */
  readonly settings: LinearSettings;
  /** Per-arm floor that must stay feasible when arms are added (`floor · K ≤ 1`), or 0. */
  readonly fixedFloor: number;
  /** Smallest probability of any arm in the next decision. */
  readonly floor: (state: LinearState) => number;
  /** Compute the probability vector for a checked context (may draw from `rng`). */
  readonly choose: (state: LinearState, x: ArrayLike<number>, rng: Rng) => LinearChoice;
}

/**
 * Assemble a contextual {@link BanditPolicy} over {@link LinearState} from a rule (shared by LinUCB,
 * LinTS, linear ε-greedy and SquareCB). Contexts are arrays (or typed arrays) of `dimension` finite numbers.
 *
 * @param rule - the policy-specific choice rule
 * @returns the policy
 *
 * @example
 * ```ts @import.meta.vitest
 * const settings = { arms: [0, 1], d: 1, lambda: 1, refactorEvery: 0, lo: -Infinity, hi: Infinity };
 * const last = linearPolicy({
 *   name: 'last', kind: 'bandit/last', settings, fixedFloor: 0, floor: () => 0,
 *   choose: () => ({ p: [0, 1], scores: [0, 0], reason: 'last' }),
 * });
 * const rng = { next: () => 0.5 } as unknown as Parameters<typeof last.decide>[2];
 * expect(last.decide(last.init(), [1], rng).action).toBe(1);
 * expect(() => last.decide(last.init(), [1, 2], rng)).toThrow(/context/);
 * ```
 */
export function linearPolicy(rule: LinearRule): BanditPolicy<LinearState, ArrayLike<number>> {
  const s = rule.settings;
  return {
    name: rule.name,
    kind: rule.kind,
    rewardRange: [s.lo, s.hi],
    dimension: s.d,
    init: (): LinearState => linearInit(s),
    decide(state: LinearState, context: ArrayLike<number>, rng: Rng): Decision<ArmId> {
      const x = checkContext(context, state.dimension, 'context');
      const c = rule.choose(state, x, rng);
      return decideFrom(state.arms, c.p, rng, c.reason, c.scores);
    },
    update: (state: LinearState, feedback: BanditFeedback): LinearState => linearUpdate(state, feedback, s),
    minProbability: rule.floor,
    estimates(state: LinearState, context: ArrayLike<number>): number[] {
      const x = checkContext(context, state.dimension, 'context');
      const mean = zeros(state.arms.length);
      predictArms(state, x, mean, undefined);
      return mean;
    },
    addArm(state: LinearState, id: ArmId): LinearState {
      checkArmRoom(rule.fixedFloor, state.arms.length);
      return linearAddArm(state, id, s);
    },
    removeArm: (state: LinearState, id: ArmId): LinearState => linearRemoveArm(state, id),
    resetArm: (state: LinearState, id: ArmId): LinearState => linearResetArm(state, id, s),
    validate: (x: unknown, path: string): LinearState => linearValidate(x, path, s),
  };
}
