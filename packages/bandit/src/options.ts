import { InfraError, assertInteger } from './infra-types.js';

/**
 * Read an optional numeric option: `dflt` when it is `undefined`, otherwise a finite number with
 * `min ≤ x ≤ max` (`min < x` when `openMin`). The one check behind every numeric policy option.
 *
 * @param x - the option as given
 * @param dflt - the value used when `x` is `undefined`
 * @param path - argument path used in errors, e.g. `options.alpha`
 * @param min - lower bound (default 0)
 * @param openMin - exclude `min` itself (default false)
 * @param max - upper bound, included (default Infinity)
 * @returns the checked value
 * @throws InfraError `OUT_OF_RANGE` naming `path` for a non-number, a non-finite number or a value out of range
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(numberOption(undefined, 2, 'options.alpha')).toBe(2);
 * expect(numberOption(0.5, 2, 'options.gamma', 0, true, 1)).toBe(0.5);
 * expect(() => numberOption(0, 2, 'options.gamma', 0, true, 1)).toThrow(/options.gamma: must be a finite number > 0 and ≤ 1, got 0/);
 * expect(() => numberOption(Number.NaN, 2, 'options.alpha')).toThrow(/options.alpha/);
 * ```
 */
export function numberOption(x: unknown, dflt: number, path: string, min: number = 0, openMin: boolean = false, max: number = Infinity): number {
  const v = x === undefined ? dflt : x;
  if (typeof v !== 'number' || !Number.isFinite(v) || (openMin ? !(v > min) : !(v >= min)) || v > max) {
    const upper = max < Infinity ? ` and ≤ ${max}` : '';
    throw new InfraError('OUT_OF_RANGE', path, `must be a finite number ${openMin ? '>' : '≥'} ${min}${upper}, got ${String(v)}`);
  }
  return v;
}

/**
 * Validate a reward range option `[lo, hi]` (default `dflt`): two numbers, not NaN, lo < hi, and finite when
 * the policy needs a bounded range.
 *
 * @param x - the option value
 * @param dflt - range used when `x` is undefined
 * @param path - argument path used in errors
 * @param bounded - whether both ends must be finite
 * @returns `[lo, hi]`
 * @throws InfraError `INVALID_ARGUMENT` for a malformed range, `NOT_FINITE` for an unbounded one when `bounded`
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(rangeOption(undefined, [0, 1], 'o.rewardRange', true)).toEqual([0, 1]);
 * expect(() => rangeOption([1, 0], [0, 1], 'o.rewardRange', false)).toThrow(/o.rewardRange/);
 * expect(() => rangeOption([0, Infinity], [0, 1], 'o.rewardRange', true)).toThrow(/finite/);
 * ```
 */
export function rangeOption(
  x: readonly [number, number] | undefined,
  dflt: readonly [number, number],
  path: string,
  bounded: boolean,
): [number, number] {
  const [lo, hi] = x ?? dflt;
  if (typeof lo !== 'number' || typeof hi !== 'number' || Number.isNaN(lo) || Number.isNaN(hi) || !(lo < hi)) {
    throw new InfraError('INVALID_ARGUMENT', path, 'must be [lo, hi] with lo < hi');
  }
  if (bounded && (!Number.isFinite(lo) || !Number.isFinite(hi))) {
    throw new InfraError('NOT_FINITE', path, 'must be finite for this policy');
  }
  return [lo, hi];
}

/**
 * Read the `samples` option of the Thompson-sampling policies: joint posterior draws per decision, an integer
 * from 1 to 10⁶ (default 1).
 *
 * @param x - the option as given
 * @returns the sample count
 * @throws InfraError naming `options.samples` for a non-integer or a count out of range
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(sampleCount(undefined)).toBe(1);
 * expect(sampleCount(16)).toBe(16);
 * expect(() => sampleCount(0)).toThrow(/options.samples/);
 * expect(() => sampleCount(2.5)).toThrow(/options.samples/);
 * ```
 */
export function sampleCount(x: number | undefined): number {
  return x === undefined ? 1 : assertInteger(x, 'options.samples', { min: 1, max: 1_000_000 });
}
