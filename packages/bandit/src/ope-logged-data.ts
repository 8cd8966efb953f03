import {
  InfraError,
  assertFinite,
  assertFiniteArray,
  assertInteger,
  assertNonEmpty,
  assertPlainObject,
  describeValue,
} from '@infra/types';

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

/** Context length when the round is valid (cheap checks, no allocation), −1 otherwise. */
function fastValid(round: unknown, k: number | undefined, dim: number | undefined): number {
  if (round === null || typeof round !== 'object' || Array.isArray(round)) return -1;
  const r = round as Partial<LoggedRound>;
  const ctx = r.context;
  if (!Array.isArray(ctx) || (dim !== undefined && ctx.length !== dim)) return -1;
  for (let j = 0; j < ctx.length; j++) if (!isFiniteNumber(ctx[j])) return -1;
  const a = r.action;
  if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || (k !== undefined && a >= k)) return -1;
  if (!isFiniteNumber(r.reward)) return -1;
  const prop = r.propensity;
  if (!isFiniteNumber(prop) || !(prop > 0 && prop <= 1)) return -1;
  const probs = r.probabilities;
  if (probs !== undefined) {
    if (!Array.isArray(probs) || (k !== undefined && probs.length !== k) || a >= probs.length) return -1;
    let sum = 0;
    for (let j = 0; j < probs.length; j++) {
      const v = probs[j];
      if (!isFiniteNumber(v) || v < 0 || v > 1) return -1;
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-9 || Math.abs((probs[a] ?? 0) - prop) > 1e-9) return -1;
  }
  return ctx.length;
}

/** A probability row of length `k` (any length when undefined): entries in [0, 1] summing to 1 within 1e-9. */
function probabilityRow(x: unknown, path: string, k: number | undefined): ArrayLike<number> {
  const row = assertFiniteArray(x, path, k === undefined ? {} : { length: k });
  let sum = 0;
  for (let a = 0; a < row.length; a++) {
    const v = row[a] ?? 0;
    if (v < 0 || v > 1) throw new InfraError('OUT_OF_RANGE', `${path}[${a}]`, `must be in [0, 1], got ${v}`);
    sum += v;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new InfraError('INVALID_ARGUMENT', path, `must sum to 1, sums to ${sum}`);
  return row;
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
  for (let i = 0; i < log.length; i++) {
    const fast = fastValid(log[i], k, dim);
    if (fast >= 0) {
      dim ??= fast;
      continue;
    }
    // Slow path: find and report the exact problem.
    const p = `${path}[${i}]`;
    const round = assertPlainObject(log[i], p);
    const context = assertFiniteArray(round['context'], `${p}.context`);
    if (dim === undefined) dim = context.length;
    else if (context.length !== dim) {
      throw new InfraError('SHAPE_MISMATCH', `${p}.context`, `expected length ${dim}, got ${context.length}`);
    }
    const action = round['action'];
    if (typeof action !== 'number' || !Number.isInteger(action) || action < 0 || (k !== undefined && action >= k)) {
      const range = k === undefined ? 'a non-negative integer' : `an integer in [0, ${k})`;
      throw new InfraError('UNKNOWN_ID', `${p}.action`, `unknown action ${describeValue(action)}, expected ${range}`);
    }
    assertFinite(round['reward'], `${p}.reward`);
    const prop = assertFinite(round['propensity'], `${p}.propensity`);
    if (!(prop > 0 && prop <= 1)) {
      throw new InfraError('OUT_OF_RANGE', `${p}.propensity`, `must be in (0, 1] (a zero propensity makes importance weights infinite), got ${prop}`);
    }
    const probs = round['probabilities'];
    if (probs !== undefined) {
      const pv = probabilityRow(probs, `${p}.probabilities`, k);
      if (action >= pv.length) throw new InfraError('UNKNOWN_ID', `${p}.action`, `action ${action} is outside probabilities of length ${pv.length}`);
      if (Math.abs((pv[action] ?? 0) - prop) > 1e-9) {
        throw new InfraError('INVALID_ARGUMENT', `${p}.propensity`, `must equal probabilities[${action}] = ${pv[action]}, got ${prop}`);
      }
    }
  }
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
    probabilityRow(target[i], `target[${i}]`, k);
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
