import { InfraError } from '@infra/types';
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
