import { InfraError, type Decision, type Rng } from './infra-types.js';
import type { ArmId } from './arms.js';
import {
  checkFeedback,
  mabAdd,
  mabAddArm,
  mabInit,
  mabMeans,
  mabRemoveArm,
  mabResetArm,
  mabValidate,
  type MabSettings,
  type MabState,
} from './mab-core.js';
import { decideFrom } from './pmf.js';
import type { BanditFeedback, BanditPolicy } from './policy.js';

/** What a non-contextual rule computes for one decision. */
export interface MabChoice {
  /** The probability vector to draw from (owned by the decision). */
  readonly p: number[];
  /** Per-arm scores for the trace, if any. */
  readonly scores?: number[] | undefined;
  /** Short reason for the trace. */
  readonly reason: string;
}

/** The policy-specific part of a non-contextual policy (internal building block). */
export interface MabRule {
  /** Policy name. */
  readonly name: string;
  /** Serialization kind. */
  readonly kind: string;
  /** Normalized settings. */
  readonly settings: MabSettings;
  /** Value reported (and used) for arms without observations. */
  readonly prior: number;
  /** Smallest probability of any arm in the next decision. */
  readonly floor: (state: MabState) => number;
  /** Compute the probability vector of the next decision (may draw from `rng`). */
  readonly choose: (state: MabState, rng: Rng) => MabChoice;
  /** Largest per-arm floor that stays feasible when arms are added (`floor · K ≤ 1`), or 0. */
  readonly fixedFloor: number;
}

/**
 * Assemble a {@link BanditPolicy} over {@link MabState} from a rule (shared by every non-contextual
 * policy except EXP3).
 *
 * @param rule - the policy-specific choice rule
 * @returns the policy
 *
 * @example
 * ```ts @import.meta.vitest
 * const settings = { arms: [0, 1], lo: 0, hi: 1, discount: 1, window: 0 };
 * const first = mabPolicy({
 *   name: 'first', kind: 'bandit/first', settings, prior: 0, fixedFloor: 0,
 *   floor: () => 0, choose: (s) => ({ p: s.arms.map((_, i) => (i === 0 ? 1 : 0)), reason: 'first' }),
 * });
 * const rng = { next: () => 0.5 } as unknown as Parameters<typeof first.decide>[2];
 * expect(first.decide(first.init(), undefined, rng).action).toBe(0);
 * ```
 */
export function mabPolicy(rule: MabRule): BanditPolicy<MabState> {
  const s = rule.settings;
  return {
    name: rule.name,
    kind: rule.kind,
    rewardRange: [s.lo, s.hi],
    dimension: 0,
    init: (): MabState => mabInit(s),
    decide(state: MabState, _context: unknown, rng: Rng): Decision<ArmId> {
      const c = rule.choose(state, rng);
      return decideFrom(state.arms, c.p, rng, c.reason, c.scores);
    },
    update(state: MabState, feedback: BanditFeedback): MabState {
      const i = checkFeedback(state.arms, feedback, s.lo, s.hi);
      return mabAdd(state, i, feedback.reward, s);
    },
    minProbability: rule.floor,
    estimates: (state: MabState): number[] => mabMeans(state, rule.prior),
    addArm(state: MabState, id: ArmId): MabState {
      checkArmRoom(rule.fixedFloor, state.arms.length);
      return mabAddArm(state, id);
    },
    removeArm: (state: MabState, id: ArmId): MabState => mabRemoveArm(state, id),
    resetArm: (state: MabState, id: ArmId): MabState => mabResetArm(state, id),
    validate: (x: unknown, path: string): MabState => mabValidate(x, path, s),
  };
}

/**
 * Validate an optional per-arm exploration floor against the initial arm count.
 *
 * @param floor - the floor (default 0)
 * @param k - number of arms
 * @param path - argument path used in errors
 * @returns the floor
 * @throws InfraError `OUT_OF_RANGE` unless `0 ≤ floor` and `floor · K ≤ 1`
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(checkFloor(0.1, 4, 'floor')).toBe(0.1);
 * expect(() => checkFloor(0.5, 4, 'floor')).toThrow(/floor/);
 * ```
 */
export function checkFloor(floor: number | undefined, k: number, path: string): number {
  if (floor === undefined) return 0;
  if (typeof floor !== 'number' || !(floor >= 0) || floor * k > 1) {
    throw new InfraError('OUT_OF_RANGE', path, `must satisfy 0 ≤ floor ≤ 1/K (K = ${k})`);
  }
  return floor;
}

/**
 * Check that a policy with a fixed per-arm floor can take one more arm (`floor · (K + 1) ≤ 1`).
 *
 * @param floor - the per-arm floor (0 when none)
 * @param k - the current number of arms
 * @throws InfraError `OUT_OF_RANGE` naming `id` when the new arm would make the floor infeasible
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(() => checkArmRoom(0.25, 3)).not.toThrow();
 * expect(() => checkArmRoom(0.25, 4)).toThrow('floor × K exceed 1');
 * ```
 */
export function checkArmRoom(floor: number, k: number): void {
  if (floor * (k + 1) > 1) throw new InfraError('OUT_OF_RANGE', 'id', 'adding an arm would make floor × K exceed 1');
}

/**
 * Name prefix of a context-free policy with forgetting: `discounted-`, `sliding-window-` or none.
 *
 * @param s - normalized settings
 * @returns the prefix
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(forgettingPrefix({ arms: [0], lo: 0, hi: 1, discount: 0.9, window: 0 })).toBe('discounted-');
 * expect(forgettingPrefix({ arms: [0], lo: 0, hi: 1, discount: 1, window: 5 })).toBe('sliding-window-');
 * ```
 */
export function forgettingPrefix(s: MabSettings): string {
  return s.discount < 1 ? 'discounted-' : s.window > 0 ? 'sliding-window-' : '';
}
