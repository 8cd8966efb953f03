import { InfraError } from './infra-types.js';

/**
 * Identifier of an arm (action). Arms are identified by strings or finite numbers; `1` and `'1'` are
 * different arms. A policy created with `arms: K` (a count) names its arms `0 … K-1`.
 */
export type ArmId = string | number;

/**
 * Check one arm id: a non-empty string or a finite number.
 *
 * @param id - the candidate id
 * @param path - argument path used in the error
 * @returns the id
 * @throws InfraError `INVALID_ARGUMENT` when the id is neither a non-empty string nor a finite number
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertArmId('fast', 'id')).toBe('fast');
 * expect(() => assertArmId(Number.NaN, 'id')).toThrow(/id/);
 * ```
 */
export function assertArmId(id: unknown, path: string): ArmId {
  if (typeof id === 'string' && id.length > 0) return id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  throw new InfraError('INVALID_ARGUMENT', path, `must be a non-empty string or a finite number`);
}

/**
 * Normalize an arm specification (a positive count or a list of unique ids) into an id list.
 *
 * @param arms - a positive integer K (ids `0 … K-1`) or a non-empty list of unique ids
 * @param path - argument path used in errors
 * @returns a new array of arm ids
 * @throws InfraError `EMPTY` for zero arms, `INVALID_ARGUMENT` for bad or duplicate ids
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(normalizeArms(3, 'arms')).toEqual([0, 1, 2]);
 * expect(normalizeArms(['a', 'b'], 'arms')).toEqual(['a', 'b']);
 * expect(() => normalizeArms([], 'arms')).toThrow(/arms/);
 * ```
 */
export function normalizeArms(arms: number | readonly ArmId[], path: string): ArmId[] {
  if (typeof arms === 'number') {
    if (!Number.isInteger(arms) || arms < 0) {
      throw new InfraError('INVALID_ARGUMENT', path, `must be a positive integer or a list of arm ids`);
    }
    if (arms === 0) throw new InfraError('EMPTY', path, `must name at least one arm`);
    return Array.from({ length: arms }, (_, i) => i);
  }
  if (!Array.isArray(arms)) {
    throw new InfraError('INVALID_ARGUMENT', path, `must be a positive integer or a list of arm ids`);
  }
  if (arms.length === 0) throw new InfraError('EMPTY', path, `must name at least one arm`);
  return uniqueArms(arms, path, 'INVALID_ARGUMENT');
}

/**
 * Check every entry of a non-empty list of arm ids and that no id repeats.
 *
 * @param ids - the candidate ids
 * @param path - argument path used in errors
 * @param code - error code for a duplicate (`INVALID_ARGUMENT` for options, `INVALID_STATE` for state)
 * @returns a fresh array of the ids
 * @throws InfraError naming the offending entry
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(uniqueArms(['a', 1], 'arms', 'INVALID_ARGUMENT')).toEqual(['a', 1]);
 * expect(() => uniqueArms(['a', 'a'], 'arms', 'INVALID_STATE')).toThrow(/arms\[1\]: duplicate arm id a/);
 * ```
 */
export function uniqueArms(ids: readonly unknown[], path: string, code: 'INVALID_ARGUMENT' | 'INVALID_STATE'): ArmId[] {
  const out: ArmId[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = assertArmId(ids[i], `${path}[${i}]`);
    if (out.includes(id)) throw new InfraError(code, `${path}[${i}]`, `duplicate arm id ${String(id)}`);
    out.push(id);
  }
  return out;
}

/**
 * Position of an arm id in a state's arm list.
 *
 * @param arms - the state's arms
 * @param id - the arm to find
 * @param path - argument path used in the error
 * @returns the index of `id`
 * @throws InfraError `UNKNOWN_ID` when the arm is not in the list
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(armIndex(['a', 'b'], 'b', 'action')).toBe(1);
 * expect(() => armIndex(['a'], 'z', 'action')).toThrow(/action/);
 * ```
 */
export function armIndex(arms: readonly ArmId[], id: ArmId, path: string): number {
  const i = arms.indexOf(id);
  if (i < 0) throw new InfraError('UNKNOWN_ID', path, `unknown arm ${JSON.stringify(id)}`);
  return i;
}

/**
 * Check that an id can be added to an arm list (valid and not already present).
 *
 * @param arms - the current arms
 * @param id - the new arm id
 * @param path - argument path used in errors
 * @returns the id
 * @throws InfraError `INVALID_ARGUMENT` when the id is malformed or already present
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertNewArm([0, 1], 2, 'id')).toBe(2);
 * expect(() => assertNewArm([0, 1], 1, 'id')).toThrow(/already/);
 * ```
 */
export function assertNewArm(arms: readonly ArmId[], id: unknown, path: string): ArmId {
  const ok = assertArmId(id, path);
  if (arms.includes(ok)) throw new InfraError('INVALID_ARGUMENT', path, `arm ${JSON.stringify(ok)} already exists`);
  return ok;
}

/**
 * Return a copy of `xs` without index `i` (used by `removeArm`).
 *
 * @param xs - the array
 * @param i - the index to drop
 * @returns a new array
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(without([1, 2, 3], 1)).toEqual([1, 3]);
 * ```
 */
export function without<T>(xs: readonly T[], i: number): T[] {
  const out = xs.slice();
  out.splice(i, 1);
  return out;
}

/**
 * Index of the arm `removeArm` is asked to remove.
 *
 * @param arms - the state's arms
 * @param id - the arm to remove
 * @returns its index
 * @throws InfraError `UNKNOWN_ID` for an unknown arm, `EMPTY` when it is the last arm
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(removableArm(['a', 'b'], 'b')).toBe(1);
 * expect(() => removableArm(['a'], 'a')).toThrow('cannot remove the last arm');
 * ```
 */
export function removableArm(arms: readonly ArmId[], id: ArmId): number {
  const i = armIndex(arms, id, 'id');
  if (arms.length === 1) throw new InfraError('EMPTY', 'id', 'cannot remove the last arm');
  return i;
}
