import { InfraError, assertPlainObject } from './infra-types.js';
import { uniqueArms, type ArmId } from './arms.js';
import { zeros } from './zeros.js';

/**
 * Check a state's arm list: a non-empty array of unique, valid arm ids.
 *
 * @param x - the candidate
 * @param path - argument path used in errors
 * @returns a copy of the arm list
 * @throws InfraError `INVALID_STATE` / `EMPTY` / `INVALID_ARGUMENT` naming the bad entry
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertStateArms([0, 'x'], 'state.arms')).toEqual([0, 'x']);
 * expect(() => assertStateArms([0, 0], 'state.arms')).toThrow(/state.arms\[1\]/);
 * ```
 */
export function assertStateArms(x: unknown, path: string): ArmId[] {
  if (!Array.isArray(x)) throw new InfraError('INVALID_STATE', path, `must be an array`);
  if (x.length === 0) throw new InfraError('EMPTY', path, `must not be empty`);
  return uniqueArms(x, path, 'INVALID_STATE');
}

/** What an array in a state may contain. */
export type StateArrayKind = 'finite' | 'nonNegative' | 'count';

/**
 * Check a numeric array of a state: exact length, finite entries, and the given sign/integrality.
 *
 * @param x - the candidate
 * @param path - argument path used in errors
 * @param length - required length
 * @param kind - `finite`, `nonNegative` or `count` (non-negative integer)
 * @returns a copy as a plain number array
 * @throws InfraError `INVALID_STATE`, `SHAPE_MISMATCH` or `NOT_FINITE` naming the bad index
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertStateArray([1, 2], 's.n', 2, 'count')).toEqual([1, 2]);
 * expect(() => assertStateArray([1, -2], 's.n', 2, 'count')).toThrow(/s.n\[1\]/);
 * expect(() => assertStateArray([1], 's.n', 2, 'count')).toThrow(/s.n/);
 * ```
 */
export function assertStateArray(x: unknown, path: string, length: number, kind: StateArrayKind): number[] {
  if (!Array.isArray(x)) throw new InfraError('INVALID_STATE', path, `must be an array`);
  if (x.length !== length) {
    throw new InfraError('SHAPE_MISMATCH', path, `must have length ${length}, got ${x.length}`);
  }
  const out = zeros(length);
  for (let i = 0; i < length; i++) {
    const v: unknown = x[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InfraError('NOT_FINITE', `${path}[${i}]`, `must be a finite number`);
    }
    if (kind !== 'finite' && v < 0) throw new InfraError('INVALID_STATE', `${path}[${i}]`, 'must be >= 0');
    if (kind === 'count' && !Number.isInteger(v)) {
      throw new InfraError('INVALID_STATE', `${path}[${i}]`, 'must be an integer');
    }
    out[i] = v;
  }
  return out;
}

/**
 * Check the fields every bandit state starts with: a plain object of version 1 with a valid arm list and
 * one lifetime pull count per arm.
 *
 * @param x - the candidate
 * @param path - argument path used in errors
 * @returns the object, its arms and pulls
 * @throws InfraError `VERSION_MISMATCH`, `INVALID_STATE` (or a more specific code) naming the bad field
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertStateHead({ version: 1, arms: ['a'], pulls: [2] }, 'state').pulls).toEqual([2]);
 * expect(() => assertStateHead({ version: 2 }, 'state')).toThrow('state.version');
 * ```
 */
export function assertStateHead(x: unknown, path: string): { o: Record<string, unknown>; arms: ArmId[]; pulls: number[] } {
  const o = assertPlainObject(x, path);
  if (o['version'] !== 1) throw new InfraError('VERSION_MISMATCH', `${path}.version`, 'expected version 1');
  const arms = assertStateArms(o['arms'], `${path}.arms`);
  return { o, arms, pulls: assertStateArray(o['pulls'], `${path}.pulls`, arms.length, 'count') };
}
