import { InfraError, describeValue } from './errors.js';

/**
 * Require a finite number (not NaN, not ±Infinity, not a string).
 *
 * @param x - the value to check
 * @param path - the argument's path, used in the error
 * @returns `x` as a number
 * @throws InfraError `INVALID_ARGUMENT` for non-numbers, `NOT_FINITE` for NaN/±Infinity
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertFinite(2.5, 'rate')).toBe(2.5);
 * expect(() => assertFinite(Number.NaN, 'rate')).toThrow('rate: must be a finite number, got NaN');
 * ```
 */
export function assertFinite(x: unknown, path: string): number {
  if (typeof x !== 'number') {
    throw new InfraError('INVALID_ARGUMENT', path, `must be a finite number, got ${describeValue(x)}`);
  }
  if (!Number.isFinite(x)) throw new InfraError('NOT_FINITE', path, `must be a finite number, got ${describeValue(x)}`);
  return x;
}

/**
 * Require a safe integer, optionally within `[min, max]`.
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @param range - optional inclusive bounds
 * @returns `x` as a number
 * @throws InfraError when `x` is not an integer or is out of range
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertInteger(3, 'arms', { min: 1 })).toBe(3);
 * expect(() => assertInteger(0, 'arms', { min: 1 })).toThrow('arms: must be ≥ 1, got 0');
 * expect(() => assertInteger(1.5, 'arms')).toThrow('arms: must be an integer, got 1.5');
 * ```
 */
export function assertInteger(x: unknown, path: string, range?: { min?: number; max?: number }): number {
  const v = assertFinite(x, path);
  if (!Number.isSafeInteger(v)) throw new InfraError('INVALID_ARGUMENT', path, `must be an integer, got ${describeValue(v)}`);
  if (range?.min !== undefined && v < range.min) throw new InfraError('OUT_OF_RANGE', path, `must be ≥ ${range.min}, got ${v}`);
  if (range?.max !== undefined && v > range.max) throw new InfraError('OUT_OF_RANGE', path, `must be ≤ ${range.max}, got ${v}`);
  return v;
}

/**
 * Require a finite number strictly greater than zero.
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @returns `x` as a number
 * @throws InfraError when `x` is not finite or not > 0
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertPositive(0.1, 'rate')).toBe(0.1);
 * expect(() => assertPositive(0, 'rate')).toThrow('rate: must be > 0, got 0');
 * ```
 */
export function assertPositive(x: unknown, path: string): number {
  const v = assertFinite(x, path);
  if (!(v > 0)) throw new InfraError('OUT_OF_RANGE', path, `must be > 0, got ${describeValue(v)}`);
  return v;
}

/**
 * Require a finite number ≥ 0.
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @returns `x` as a number
 * @throws InfraError when `x` is not finite or negative
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertNonNegative(0, 'epsilon')).toBe(0);
 * expect(() => assertNonNegative(-1, 'epsilon')).toThrow('epsilon: must be ≥ 0, got -1');
 * ```
 */
export function assertNonNegative(x: unknown, path: string): number {
  const v = assertFinite(x, path);
  if (!(v >= 0)) throw new InfraError('OUT_OF_RANGE', path, `must be ≥ 0, got ${describeValue(v)}`);
  return v;
}

/** Options of {@link assertInRange}. */
export interface RangeOptions {
  /** Exclude the lower bound. */
  readonly minExclusive?: boolean;
  /** Exclude the upper bound. */
  readonly maxExclusive?: boolean;
}

/**
 * Require a finite number within `[min, max]` (each end optionally exclusive).
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @param min - lower bound
 * @param max - upper bound
 * @param opts - which ends are exclusive
 * @returns `x` as a number
 * @throws InfraError `OUT_OF_RANGE` when outside the range
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertInRange(0.5, 'rho', 0, 1, { maxExclusive: true })).toBe(0.5);
 * expect(() => assertInRange(1, 'rho', 0, 1, { maxExclusive: true })).toThrow('rho: must be in [0, 1), got 1');
 * ```
 */
export function assertInRange(x: unknown, path: string, min: number, max: number, opts?: RangeOptions): number {
  const v = assertFinite(x, path);
  const lowOk = opts?.minExclusive === true ? v > min : v >= min;
  const highOk = opts?.maxExclusive === true ? v < max : v <= max;
  if (!lowOk || !highOk) {
    const lo = opts?.minExclusive === true ? '(' : '[';
    const hi = opts?.maxExclusive === true ? ')' : ']';
    throw new InfraError('OUT_OF_RANGE', path, `must be in ${lo}${min}, ${max}${hi}, got ${describeValue(v)}`);
  }
  return v;
}

/**
 * Require a probability: a finite number in [0, 1].
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @returns `x` as a number
 * @throws InfraError when `x` is not in [0, 1]
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertProbability(1, 'p')).toBe(1);
 * expect(() => assertProbability(1.2, 'p')).toThrow('p: must be in [0, 1], got 1.2');
 * ```
 */
export function assertProbability(x: unknown, path: string): number {
  return assertInRange(x, path, 0, 1);
}

/** Options of {@link assertFiniteArray}. */
export interface ArrayShapeOptions {
  /** Required exact length. */
  readonly length?: number;
  /** Required minimum length. */
  readonly minLength?: number;
}

/**
 * Require an array (or typed array) of finite numbers, naming the first bad index.
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @param opts - required length or minimum length
 * @returns `x` as an array-like of numbers (the same object, not a copy)
 * @throws InfraError `INVALID_ARGUMENT`, `SHAPE_MISMATCH`, `EMPTY` or `NOT_FINITE` (path `path[i]`)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertFiniteArray([1, 2], 'context', { length: 2 })).toEqual([1, 2]);
 * expect(() => assertFiniteArray([1, Number.NaN], 'context')).toThrow('context[1]: must be a finite number, got NaN');
 * expect(() => assertFiniteArray([1], 'context', { length: 3 })).toThrow('context: must have length 3, got 1');
 * ```
 */
export function assertFiniteArray(x: unknown, path: string, opts?: ArrayShapeOptions): ArrayLike<number> {
  const isTyped = ArrayBuffer.isView(x) && !(x instanceof DataView);
  if (!Array.isArray(x) && !isTyped) {
    throw new InfraError('INVALID_ARGUMENT', path, `must be an array of numbers, got ${describeValue(x)}`);
  }
  const arr = x as ArrayLike<unknown>;
  if (opts?.length !== undefined && arr.length !== opts.length) {
    throw new InfraError('SHAPE_MISMATCH', path, `must have length ${opts.length}, got ${arr.length}`);
  }
  if (opts?.minLength !== undefined && arr.length < opts.minLength) {
    const code = arr.length === 0 ? 'EMPTY' : 'SHAPE_MISMATCH';
    throw new InfraError(code, path, `must have at least ${opts.minLength} element(s), got ${arr.length}`);
  }
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) assertFinite(v, `${path}[${i}]`);
  }
  return arr as ArrayLike<number>;
}

/**
 * Require a probability vector: non-empty, entries in [0, 1], summing to 1 within `tolerance`.
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @param tolerance - allowed |sum − 1| (default 1e-9)
 * @returns `x` as an array-like of numbers
 * @throws InfraError when an entry is out of [0, 1] or the sum is off
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertProbabilityVector([0.25, 0.75], 'probs')).toEqual([0.25, 0.75]);
 * expect(() => assertProbabilityVector([0.5, 0.6], 'probs')).toThrow(/must sum to 1/);
 * ```
 */
export function assertProbabilityVector(x: unknown, path: string, tolerance = 1e-9): ArrayLike<number> {
  const arr = assertFiniteArray(x, path, { minLength: 1 });
  let sum = 0;
  for (let i = 0; i < arr.length; i++) sum += assertProbability(arr[i], `${path}[${i}]`);
  if (Math.abs(sum - 1) > tolerance) {
    throw new InfraError('OUT_OF_RANGE', path, `must sum to 1 (±${tolerance}), sums to ${sum}`);
  }
  return arr;
}

/** Expected shape for {@link assertMatrix}. */
export interface MatrixShape {
  /** Required number of rows. */
  readonly rows?: number;
  /** Required number of columns. */
  readonly cols?: number;
}

/**
 * Require a rectangular matrix given as an array of rows of finite numbers.
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @param shape - required rows and/or columns
 * @returns `x` as an array of rows
 * @throws InfraError naming the bad row or cell (`path[r][c]`)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertMatrix([[1, 0], [0, 1]], 'A', { rows: 2, cols: 2 }).length).toBe(2);
 * expect(() => assertMatrix([[1, 0], [0]], 'A')).toThrow('A[1]: must have length 2, got 1');
 * ```
 */
export function assertMatrix(x: unknown, path: string, shape?: MatrixShape): readonly ArrayLike<number>[] {
  if (!Array.isArray(x)) throw new InfraError('INVALID_ARGUMENT', path, `must be an array of rows, got ${describeValue(x)}`);
  if (shape?.rows !== undefined && x.length !== shape.rows) {
    throw new InfraError('SHAPE_MISMATCH', path, `must have ${shape.rows} rows, got ${x.length}`);
  }
  const first: unknown = x[0];
  const cols = shape?.cols ?? (Array.isArray(first) || ArrayBuffer.isView(first) ? (first as ArrayLike<unknown>).length : undefined);
  for (let r = 0; r < x.length; r++) {
    assertFiniteArray(x[r], `${path}[${r}]`, cols === undefined ? undefined : { length: cols });
  }
  return x as readonly ArrayLike<number>[];
}

/**
 * Require a non-empty array.
 *
 * @param x - the array
 * @param path - the argument's path
 * @returns `x`
 * @throws InfraError `EMPTY` when `x` has no elements, `INVALID_ARGUMENT` when it is not an array
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertNonEmpty(['a'], 'arms')).toEqual(['a']);
 * expect(() => assertNonEmpty([], 'arms')).toThrow('arms: must not be empty');
 * ```
 */
export function assertNonEmpty<T>(x: readonly T[], path: string): readonly T[] {
  if (!Array.isArray(x)) throw new InfraError('INVALID_ARGUMENT', path, `must be an array, got ${describeValue(x)}`);
  if (x.length === 0) throw new InfraError('EMPTY', path, 'must not be empty');
  return x;
}

/**
 * Require one of a fixed set of strings.
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @param allowed - the accepted values
 * @returns `x`, narrowed
 * @throws InfraError `INVALID_ARGUMENT` listing the accepted values
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertOneOf('batch', 'requestClass', ['interactive', 'batch'] as const)).toBe('batch');
 * expect(() => assertOneOf('x', 'requestClass', ['interactive', 'batch'])).toThrow(/one of "interactive", "batch"/);
 * ```
 */
export function assertOneOf<T extends string>(x: unknown, path: string, allowed: readonly T[]): T {
  if (typeof x !== 'string' || !(allowed as readonly string[]).includes(x)) {
    const list = allowed.map((a) => JSON.stringify(a)).join(', ');
    throw new InfraError('INVALID_ARGUMENT', path, `must be one of ${list}, got ${describeValue(x)}`);
  }
  return x as T;
}

/**
 * Require a string.
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @returns `x` as a string
 * @throws InfraError `INVALID_ARGUMENT` for non-strings
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertString('node-1', 'nodeId')).toBe('node-1');
 * expect(() => assertString(1, 'nodeId')).toThrow('nodeId: must be a string, got 1');
 * ```
 */
export function assertString(x: unknown, path: string): string {
  if (typeof x !== 'string') throw new InfraError('INVALID_ARGUMENT', path, `must be a string, got ${describeValue(x)}`);
  return x;
}

/**
 * Require a plain object (not null, not an array, prototype `Object.prototype` or null).
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @returns `x` as a record
 * @throws InfraError `INVALID_ARGUMENT` otherwise
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertPlainObject({ a: 1 }, 'options')).toEqual({ a: 1 });
 * expect(() => assertPlainObject([1], 'options')).toThrow('options: must be a plain object, got an array of length 1');
 * ```
 */
export function assertPlainObject(x: unknown, path: string): Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) {
    throw new InfraError('INVALID_ARGUMENT', path, `must be a plain object, got ${describeValue(x)}`);
  }
  const proto: unknown = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) {
    throw new InfraError('INVALID_ARGUMENT', path, `must be a plain object, got ${describeValue(x)}`);
  }
  return x as Record<string, unknown>;
}
