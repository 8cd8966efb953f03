import { assertNewArm, armIndex, removableArm, without, type ArmId } from './arms.js';

/** The per-arm part every model-based policy state shares: arm ids, lifetime pulls and one model per arm. */
export interface ModelArms<M> {
  /** Arm ids. */
  readonly arms: readonly ArmId[];
  /** Lifetime pulls per arm. */
  readonly pulls: readonly number[];
  /** One model per arm. */
  readonly models: readonly M[];
}

/**
 * Append an arm with a fresh model (no pulls).
 *
 * @param st - the state
 * @param id - the new arm
 * @param fresh - its prior model
 * @returns a new state
 * @throws InfraError `INVALID_ARGUMENT` for a bad or duplicate id
 *
 * @example
 * ```ts @import.meta.vitest
 * const st = { arms: ['a'], pulls: [3], models: [{ n: 3 }] };
 * expect(addModelArm(st, 'b', { n: 0 })).toEqual({ arms: ['a', 'b'], pulls: [3, 0], models: [{ n: 3 }, { n: 0 }] });
 * ```
 */
export function addModelArm<M, S extends ModelArms<M>>(st: S, id: ArmId, fresh: M): S {
  const ok = assertNewArm(st.arms, id, 'id');
  return { ...st, arms: [...st.arms, ok], pulls: [...st.pulls, 0], models: [...st.models, fresh] };
}

/**
 * Remove an arm, its pulls and its model.
 *
 * @param st - the state
 * @param id - the arm
 * @returns a new state
 * @throws InfraError `UNKNOWN_ID` for an unknown arm, `EMPTY` for the last arm
 *
 * @example
 * ```ts @import.meta.vitest
 * const st = { arms: ['a', 'b'], pulls: [1, 2], models: [10, 20] };
 * expect(removeModelArm(st, 'a')).toEqual({ arms: ['b'], pulls: [2], models: [20] });
 * ```
 */
export function removeModelArm<M, S extends ModelArms<M>>(st: S, id: ArmId): S {
  const i = removableArm(st.arms, id);
  return { ...st, arms: without(st.arms, i), pulls: without(st.pulls, i), models: without(st.models, i) };
}

/**
 * Replace an arm's model by a fresh one (lifetime pulls are kept).
 *
 * @param st - the state
 * @param id - the arm
 * @param fresh - the prior model
 * @returns a new state
 * @throws InfraError `UNKNOWN_ID` for an unknown arm
 *
 * @example
 * ```ts @import.meta.vitest
 * const st = { arms: ['a', 'b'], pulls: [1, 2], models: [10, 20] };
 * expect(resetModelArm(st, 'b', 0)).toEqual({ arms: ['a', 'b'], pulls: [1, 2], models: [10, 0] });
 * ```
 */
export function resetModelArm<M, S extends ModelArms<M>>(st: S, id: ArmId, fresh: M): S {
  const i = armIndex(st.arms, id, 'id');
  const models = st.models.slice();
  models[i] = fresh;
  return { ...st, models };
}
