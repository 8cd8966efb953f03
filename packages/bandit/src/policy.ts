import type { OnlinePolicy } from './infra-types.js';
import type { ArmId } from './arms.js';

/** Version of every state shape in this package (the `version` field and the serialization envelope). */
export const BANDIT_STATE_VERSION = 1 as const;

/** Fields every bandit state carries. */
export interface BanditState {
  /** Schema version of the state, {@link BANDIT_STATE_VERSION}. */
  readonly version: 1;
  /** Arm ids, in the order of every per-arm array and of `Decision.probabilities`. */
  readonly arms: readonly ArmId[];
  /** Lifetime number of updates received by each arm (never discounted or reset). */
  readonly pulls: readonly number[];
}

/** One observation fed to `update`: the played arm, its reward and (for contextual policies) the context. */
export interface BanditFeedback {
  /** The arm that was played. */
  readonly action: ArmId;
  /** The observed reward (finite; bounded policies also require it inside their reward range). */
  readonly reward: number;
  /** The context the decision was made in; required by contextual policies, ignored by the others. */
  readonly context?: ArrayLike<number> | undefined;
  /** The logged propensity of `action`; optional, must be in (0, 1] when given. */
  readonly propensity?: number | undefined;
}

/**
 * A bandit policy: the `@infra/types` `OnlinePolicy` shape (`init`, `decide`, `update`) plus the
 * arm lifecycle, introspection used by the laws, and a state validator for deserialization.
 */
export interface BanditPolicy<S extends BanditState, C = unknown>
  extends OnlinePolicy<S, C, ArmId, BanditFeedback> {
  /** Serialization kind written in the state envelope, e.g. `bandit/ucb1`. */
  readonly kind: string;
  /** Closed interval of admissible rewards (`[-Infinity, Infinity]` when unbounded). */
  readonly rewardRange: readonly [number, number];
  /** Number of features a context must have (0 for non-contextual policies). */
  readonly dimension: number;
  /**
   * Smallest probability any arm gets in the next decision from `state` (the declared exploration floor).
   *
   * @param state - the current state
   * @returns a probability in `[0, 1/K]`
   */
  minProbability(state: S): number;
  /**
   * Estimated mean reward of every arm (in `state.arms` order), in the given context for contextual policies.
   *
   * @param state - the current state
   * @param context - the context (ignored by non-contextual policies)
   * @returns one estimate per arm
   */
  estimates(state: S, context: C): number[];
  /**
   * Add a cold-start arm (prior statistics) at the end of the arm list.
   *
   * @param state - the current state
   * @param id - the new arm id
   * @returns a new state
   */
  addArm(state: S, id: ArmId): S;
  /**
   * Remove an arm and its statistics.
   *
   * @param state - the current state
   * @param id - the arm to remove (the last arm cannot be removed)
   * @returns a new state
   */
  removeArm(state: S, id: ArmId): S;
  /**
   * Reset an arm's learned statistics to the prior (its lifetime `pulls` are kept).
   *
   * @param state - the current state
   * @param id - the arm to reset
   * @returns a new state
   */
  resetArm(state: S, id: ArmId): S;
  /**
   * Check that an unknown value is a well-formed state of this policy.
   *
   * @param state - the candidate
   * @param path - argument path used in errors
   * @returns the state, typed
   */
  validate(state: unknown, path: string): S;
}
