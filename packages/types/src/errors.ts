/**
 * The reason an {@link InfraError} was thrown.
 *
 * - `INVALID_ARGUMENT`: wrong type or shape of an argument.
 * - `NOT_FINITE`: a NaN or ±Infinity where a finite number is required.
 * - `OUT_OF_RANGE`: a number outside its allowed range.
 * - `SHAPE_MISMATCH`: a vector or matrix of the wrong length or shape.
 * - `EMPTY`: an empty collection where at least one element is required.
 * - `UNKNOWN_ID`: an id (arm, group, node, …) that the state does not know.
 * - `INVALID_STATE`: a state object that fails validation.
 * - `UNSAFE_KEY`: a `__proto__`, `constructor` or `prototype` key in untrusted JSON.
 * - `VERSION_MISMATCH`: serialized state of another kind or version.
 * - `PARSE_ERROR`: text that is not valid JSON (or not a valid record).
 * - `NOT_IDENTIFIABLE`: data that cannot determine the requested model (e.g. all observations censored).
 * - `NOT_CONVERGED`: an iterative method that did not reach its tolerance.
 * - `UNSTABLE`: a queue or system without a steady state (e.g. utilisation ≥ 1).
 */
export type InfraErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FINITE'
  | 'OUT_OF_RANGE'
  | 'SHAPE_MISMATCH'
  | 'EMPTY'
  | 'UNKNOWN_ID'
  | 'INVALID_STATE'
  | 'UNSAFE_KEY'
  | 'VERSION_MISMATCH'
  | 'PARSE_ERROR'
  | 'NOT_IDENTIFIABLE'
  | 'NOT_CONVERGED'
  | 'UNSTABLE';

/** Every error code, for exhaustive checks and arbitraries. */
export const INFRA_ERROR_CODES: readonly InfraErrorCode[] = [
  'INVALID_ARGUMENT',
  'NOT_FINITE',
  'OUT_OF_RANGE',
  'SHAPE_MISMATCH',
  'EMPTY',
  'UNKNOWN_ID',
  'INVALID_STATE',
  'UNSAFE_KEY',
  'VERSION_MISMATCH',
  'PARSE_ERROR',
  'NOT_IDENTIFIABLE',
  'NOT_CONVERGED',
  'UNSTABLE',
];

/**
 * The one error type every `@infra/*` package throws for bad input or an impossible request.
 * It names the offending argument by its path (`context[3]`, `options.epsilon`) and says what was wrong.
 *
 * @example
 * ```ts @import.meta.vitest
 * const err = new InfraError('OUT_OF_RANGE', 'options.epsilon', 'must be in [0, 1], got -0.1');
 * expect(err.code).toBe('OUT_OF_RANGE');
 * expect(err.path).toBe('options.epsilon');
 * expect(err.message).toBe('options.epsilon: must be in [0, 1], got -0.1');
 * expect(err).toBeInstanceOf(Error);
 * ```
 */
export class InfraError extends Error {
  /** Why the error was thrown. */
  readonly code: InfraErrorCode;
  /** Path of the offending argument, e.g. `context[3]` or `logs[12].propensity`. */
  readonly path: string;

  /**
   * @param code - why the error was thrown
   * @param path - path of the offending argument
   * @param message - what was wrong, without the path (it is prefixed)
   */
  constructor(code: InfraErrorCode, path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'InfraError';
    this.code = code;
    this.path = path;
  }
}

/**
 * True when `e` is an {@link InfraError} (optionally with the given code). Works across duplicated
 * copies of this package (ESM and CJS builds) by checking the shape, not only the prototype.
 *
 * @param e - anything caught
 * @param code - the code to match, if any
 * @returns whether `e` is an InfraError (with that code)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(isInfraError(new InfraError('EMPTY', 'arms', 'needs at least one arm'))).toBe(true);
 * expect(isInfraError(new InfraError('EMPTY', 'arms', 'x'), 'NOT_FINITE')).toBe(false);
 * expect(isInfraError(new TypeError('x'))).toBe(false);
 * ```
 */
export function isInfraError(e: unknown, code?: InfraErrorCode): e is InfraError {
  if (e === null || typeof e !== 'object') return false;
  const candidate = e as { name?: unknown; code?: unknown; path?: unknown };
  const shaped =
    e instanceof InfraError ||
    (e instanceof Error &&
      candidate.name === 'InfraError' &&
      typeof candidate.code === 'string' &&
      typeof candidate.path === 'string');
  return shaped && (code === undefined || candidate.code === code);
}

/**
 * Render a value briefly for an error message (numbers exactly, strings quoted, others by type).
 *
 * @param x - the offending value
 * @returns a short description
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(describeValue(Number.NaN)).toBe('NaN');
 * expect(describeValue('a')).toBe('"a"');
 * expect(describeValue([1, 2])).toBe('an array of length 2');
 * ```
 */
export function describeValue(x: unknown): string {
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (ArrayBuffer.isView(x)) return `a ${x.constructor.name}`;
  return typeof x === 'object' ? 'an object' : typeof x;
}
