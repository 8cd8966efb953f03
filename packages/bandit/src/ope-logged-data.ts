import {
  InfraError,
  assertFinite,
  assertFiniteArray,
  assertInteger,
  assertNonEmpty,
  assertPlainObject,
  describeValue,
} from './infra-types.js';

/**
 * One logged decision of a (stochastic) logging policy: what it saw, what it did, what it got, and how
 * likely that action was. This is the input of every off-policy estimator.
 */
export interface LoggedRound {
  /** Context features the logging policy saw (may be empty for non-contextual logs). */
  readonly context: readonly number[];
  /** Index of the action the logging policy played, in `[0, K)`. */
  readonly action: number;
  /** Observed reward of that action (finite). */
  readonly reward: number;
  /** Probability μ(action | context) with which the logging policy chose that action, in `(0, 1]`. */
  readonly propensity: number;
  /** Optional full logging probability vector μ(· | context) of length K; its `action` entry must equal `propensity`. */
  readonly probabilities?: readonly number[];
}

/**
 * The target policy to evaluate, as plain data: row `i` is the probability vector π(· | context_i) of length K
 * for logged round `i`. A deterministic target has one-hot rows (see {@link deterministicTarget}).
 */
export type TargetProbabilities = readonly (readonly number[])[];

/** Options of {@link validateLog}. */
export interface ValidateLogOptions {
  /** Number of actions K; actions must lie in `[0, K)`. When absent, any non-negative integer action is accepted. */
  readonly numActions?: number;
  /** Required context length; when absent, all rounds must share the first round's context length. */
  readonly dimension?: number;
  /** Name used in error paths (default `log`). */
  readonly path?: string;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** The error path of a field of entry `i`, e.g. `log[3].propensity` (built only when reporting an error). */
function at(path: string, i: number, field: string): string {
  return `${path}[${i}]${field}`;
}

/**
 * Check that entry `i` (at `path[i]` + `field`) is a probability row of length `k` (any length when undefined):
 * entries in [0, 1] summing to 1 within 1e-9.
 */
function probabilityRow(x: unknown, path: string, i: number, field: string, k: number | undefined): ArrayLike<number> {
  if (!Array.isArray(x) || (k !== undefined && x.length !== k)) assertFiniteArray(x, at(path, i, field), k === undefined ? {} : { length: k });
  const row = x as ArrayLike<unknown>;
  let sum = 0;
  for (let a = 0; a < row.length; a++) {
    const v = row[a] as number;
    if (!isFiniteNumber(v)) assertFinite(v, `${at(path, i, field)}[${a}]`);
    if (v < 0 || v > 1) throw new InfraError('OUT_OF_RANGE', `${at(path, i, field)}[${a}]`, `must be in [0, 1], got ${v}`);
    sum += v;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new InfraError('INVALID_ARGUMENT', at(path, i, field), `must sum to 1, sums to ${sum}`);
  return row as ArrayLike<number>;
}

/**
 * Check logged round `i` and return its context length. The checks are cheap and allocate nothing while the
 * round is valid; error paths and messages are built only when a check fails.
 */
function checkRound(round: unknown, path: string, i: number, k: number | undefined, dim: number | undefined): number {
  if (round === null || typeof round !== 'object' || Array.isArray(round)) assertPlainObject(round, at(path, i, ''));
  const r = round as Record<string, unknown>;
  const ctx = r['context'] as ArrayLike<unknown>;
  if (!Array.isArray(ctx)) assertFiniteArray(ctx, at(path, i, '.context'));
  else for (let j = 0; j < ctx.length; j++) if (!isFiniteNumber(ctx[j])) assertFiniteArray(ctx, at(path, i, '.context'));
  if (dim !== undefined && ctx.length !== dim) {
    throw new InfraError('SHAPE_MISMATCH', at(path, i, '.context'), `expected length ${dim}, got ${ctx.length}`);
  }
  const action = r['action'];
  if (typeof action !== 'number' || !Number.isInteger(action) || action < 0 || (k !== undefined && action >= k)) {
    const range = k === undefined ? 'a non-negative integer' : `an integer in [0, ${k})`;
    throw new InfraError('UNKNOWN_ID', at(path, i, '.action'), `unknown action ${describeValue(action)}, expected ${range}`);
  }
  if (!isFiniteNumber(r['reward'])) assertFinite(r['reward'], at(path, i, '.reward'));
  const prop = r['propensity'];
  if (!isFiniteNumber(prop)) assertFinite(prop, at(path, i, '.propensity'));
  else if (!(prop > 0 && prop <= 1)) {
    throw new InfraError('OUT_OF_RANGE', at(path, i, '.propensity'), `must be in (0, 1] (a zero propensity makes importance weights infinite), got ${prop}`);
  }
  const probs = r['probabilities'];
  if (probs !== undefined) {
    const pv = probabilityRow(probs, path, i, '.probabilities', k);
    if (action >= pv.length) throw new InfraError('UNKNOWN_ID', at(path, i, '.action'), `action ${action} is outside probabilities of length ${pv.length}`);
    if (Math.abs((pv[action] as number) - (prop as number)) > 1e-9) {
      throw new InfraError('INVALID_ARGUMENT', at(path, i, '.propensity'), `must equal probabilities[${action}] = ${pv[action]}, got ${prop}`);
    }
  }
  return ctx.length;
}

/**
 * Check a log of rounds and return it unchanged. Every problem is reported as an `InfraError` naming the
 * offending entry, e.g. `log[3].propensity`.
 *
 * @param log - the logged rounds
 * @param opts - the action count, the context length and the error path prefix
 * @returns the same array, typed as validated
 * @throws InfraError `EMPTY` for an empty log; `OUT_OF_RANGE` for a propensity outside (0, 1] (a propensity of
 *   0 would make importance weights infinite); `NOT_FINITE` for a NaN/Infinity reward or feature;
 *   `UNKNOWN_ID` for an action outside `[0, numActions)`; `SHAPE_MISMATCH` for contexts or probability vectors
 *   of the wrong length; `INVALID_ARGUMENT` when `probabilities[action]` disagrees with `propensity`.
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [{ context: [1, 0], action: 1, reward: 0.5, propensity: 0.5 }];
 * expect(validateLog(log, { numActions: 2 })).toBe(log);
 * expect(() => validateLog([{ context: [1, 0], action: 1, reward: 0.5, propensity: 0 }])).toThrow(
 *   'log[0].propensity',
 * );
 * expect(() => validateLog(log, { numActions: 1 })).toThrow('log[0].action');
 * ```
 */
export function validateLog(log: readonly LoggedRound[], opts: ValidateLogOptions = {}): readonly LoggedRound[] {
  const path = opts.path ?? 'log';
  if (!Array.isArray(log)) throw new InfraError('INVALID_ARGUMENT', path, `expected an array of rounds, got ${describeValue(log)}`);
  assertNonEmpty(log, path);
  const k = opts.numActions === undefined ? undefined : assertInteger(opts.numActions, 'options.numActions', { min: 1 });
  let dim = opts.dimension === undefined ? undefined : assertInteger(opts.dimension, 'options.dimension', { min: 0 });
  for (let i = 0; i < log.length; i++) dim = checkRound(log[i], path, i, k, dim);
  return log;
}

/**
 * Check a target probability matrix against a log: one row per round, each a probability vector of length K.
 *
 * @param target - the target's probabilities per logged round
 * @param log - the (validated) log it refers to
 * @param numActions - K; when absent, taken from the first row
 * @returns K
 * @throws InfraError `SHAPE_MISMATCH` when the row count or a row length is wrong; `OUT_OF_RANGE`/`NOT_FINITE`
 *   for bad entries; `INVALID_ARGUMENT` when a row does not sum to 1; `UNKNOWN_ID` when a logged action is `>= K`.
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [{ context: [], action: 0, reward: 1, propensity: 0.5 }];
 * expect(validateTarget([[0.2, 0.8]], log)).toBe(2);
 * expect(() => validateTarget([[0.2, 0.7]], log)).toThrow('target[0]');
 * ```
 */
export function validateTarget(target: TargetProbabilities, log: readonly LoggedRound[], numActions?: number): number {
  if (!Array.isArray(target)) throw new InfraError('INVALID_ARGUMENT', 'target', `expected an array of probability rows, got ${describeValue(target)}`);
  if (target.length !== log.length) {
    throw new InfraError('SHAPE_MISMATCH', 'target', `expected ${log.length} rows (one per logged round), got ${target.length}`);
  }
  const k = numActions ?? (Array.isArray(target[0]) ? target[0].length : 0);
  if (k < 1) throw new InfraError('SHAPE_MISMATCH', 'target[0]', 'expected a non-empty probability vector');
  for (let i = 0; i < target.length; i++) {
    probabilityRow(target[i], 'target', i, '', k);
    const action = log[i]?.action ?? 0;
    if (action >= k) throw new InfraError('UNKNOWN_ID', `log[${i}].action`, `action ${action} is outside the target's ${k} actions`);
  }
  return k;
}

/**
 * Turn per-round chosen actions of a deterministic target policy into one-hot probability rows.
 *
 * @param actions - the target's action for each logged round
 * @param numActions - K
 * @returns one one-hot row per round
 * @throws InfraError `UNKNOWN_ID` for an action outside `[0, K)`
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(deterministicTarget([1, 0], 3)).toEqual([[0, 1, 0], [1, 0, 0]]);
 * ```
 */
export function deterministicTarget(actions: readonly number[], numActions: number): number[][] {
  const k = assertInteger(numActions, 'numActions', { min: 1 });
  return actions.map((a, i) => {
    if (!Number.isInteger(a) || a < 0 || a >= k) {
      throw new InfraError('UNKNOWN_ID', `actions[${i}]`, `unknown action ${describeValue(a)}, expected an integer in [0, ${k})`);
    }
    const row = new Array<number>(k).fill(0);
    row[a] = 1;
    return row;
  });
}

/**
 * Evaluate a target policy, given as a function of the context, on every logged round.
 *
 * @param log - the logged rounds
 * @param policy - returns π(· | context) for a context (and the round index)
 * @returns the target probability rows, copied into plain arrays
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [{ context: [0.3], action: 0, reward: 1, propensity: 0.5 }];
 * expect(targetFromFunction(log, (x) => (x[0]! > 0 ? [0, 1] : [1, 0]))).toEqual([[0, 1]]);
 * ```
 */
export function targetFromFunction(
  log: readonly LoggedRound[],
  policy: (context: readonly number[], index: number) => ArrayLike<number>,
): number[][] {
  return log.map((round, i) => Array.from(policy(round.context, i)));
}
