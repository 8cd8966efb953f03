import {
  InfraError,
  assertNonNegative,
  assertPlainObject,
  assertString,
  defineEstimator,
  describeValue,
  type Estimator,
} from '@infra/types';

/** One observed transition count of an error-propagation chain. */
export interface TransitionCount {
  /** Source state, e.g. an error class `"xid-48"` or a recovery action `"reset-gpu"`. */
  readonly from: string;
  /** Target state, e.g. `"reset-gpu"` or a job outcome `"job-failed"`. */
  readonly to: string;
  /** Observed count (or prior pseudo-count), ≥ 0. */
  readonly count: number;
}

/**
 * Transition counts of an error-propagation Markov chain (error class → recovery action → job outcome, or
 * any longer chain with retries): plain JSON, sorted by (from, to), never mutated.
 */
export interface ErrorPropagationState {
  /** State-format version. */
  readonly version: 1;
  /** Discriminator. */
  readonly kind: 'error-propagation';
  /** Counts, sorted by (from, to), one entry per pair. */
  readonly transitions: readonly TransitionCount[];
}

/** Options of {@link errorPropagationEstimator} and {@link transitionProbabilities}. */
export interface PropagationOptions {
  /**
   * Symmetric Dirichlet pseudo-count added to every transition from a non-absorbing state to each target
   * seen from that state (default 0: maximum likelihood).
   */
  readonly smoothing?: number;
}

/** A query: probability that a chain started in `from` is absorbed in `to`. */
export interface PropagationQuery {
  /** Start state (e.g. an error class). */
  readonly from: string;
  /** Absorbing state (e.g. `"job-failed"`). */
  readonly to: string;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Add the transitions of one event sequence (e.g. `['xid-79', 'reboot-node', 'job-failed']`) to the counts.
 *
 * @param state - current counts
 * @param sequence - states in order, at least two
 * @returns new counts
 * @throws InfraError `INVALID_ARGUMENT` for a sequence shorter than two or a non-string state
 *
 * @example
 * ```ts @import.meta.vitest
 * const s = observeSequence(emptyPropagationState(), ['xid-48', 'reset-gpu', 'job-failed']);
 * expect(s.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['reset-gpu>job-failed', 'xid-48>reset-gpu']);
 * ```
 */
export function observeSequence(state: ErrorPropagationState, sequence: readonly string[]): ErrorPropagationState {
  if (!Array.isArray(sequence) || sequence.length < 2) {
    throw new InfraError('INVALID_ARGUMENT', 'sequence', `must be an array of at least two states, got ${describeValue(sequence)}`);
  }
  const seq = sequence.map((x, i) => assertString(x, `sequence[${i}]`));
  const map = new Map<string, TransitionCount>();
  for (const t of state.transitions) map.set(`${t.from}\u0000${t.to}`, t);
  for (let i = 0; i + 1 < seq.length; i++) {
    const from = seq[i] as string;
    const to = seq[i + 1] as string;
    const key = `${from}\u0000${to}`;
    map.set(key, { from, to, count: (map.get(key)?.count ?? 0) + 1 });
  }
  const transitions = [...map.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
  return { version: 1, kind: 'error-propagation', transitions };
}

/**
 * The empty chain (no observations).
 *
 * @returns a fresh state
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(emptyPropagationState().transitions).toEqual([]);
 * ```
 */
export function emptyPropagationState(): ErrorPropagationState {
  return { version: 1, kind: 'error-propagation', transitions: [] };
}

/**
 * Validate an untrusted {@link ErrorPropagationState} (e.g. parsed JSON).
 *
 * @param x - candidate state
 * @param path - argument name for errors
 * @returns the state
 * @throws InfraError `INVALID_STATE` / `NOT_FINITE` / `OUT_OF_RANGE` naming the bad field
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(() => assertPropagationState({ version: 1, kind: 'error-propagation', transitions: [{ from: 'a', to: 'b', count: -1 }] }, 's')).toThrow(/count/);
 * ```
 */
export function assertPropagationState(x: unknown, path: string): ErrorPropagationState {
  const o = assertPlainObject(x, path);
  if (o['version'] !== 1 || o['kind'] !== 'error-propagation' || !Array.isArray(o['transitions'])) {
    throw new InfraError('INVALID_STATE', path, 'must be { version: 1, kind: "error-propagation", transitions: [...] }');
  }
  (o['transitions'] as unknown[]).forEach((t, i) => {
    const r = assertPlainObject(t, `${path}.transitions[${i}]`);
    assertString(r['from'], `${path}.transitions[${i}].from`);
    assertString(r['to'], `${path}.transitions[${i}].to`);
    assertNonNegative(r['count'], `${path}.transitions[${i}].count`);
  });
  return x as ErrorPropagationState;
}

/** Row-stochastic transition probabilities of the chain. */
export interface TransitionMatrix {
  /** Every state, sorted. */
  readonly states: readonly string[];
  /** States without outgoing transitions (job outcomes), sorted. */
  readonly absorbing: readonly string[];
  /** probabilities[i][j] = P(next = states[j] | current = states[i]); absorbing rows are unit vectors. */
  readonly probabilities: readonly (readonly number[])[];
}

/**
 * Transition probabilities from counts: row-normalized counts, with optional Dirichlet smoothing over the
 * targets observed from each state.
 *
 * @param state - counts
 * @param options - smoothing pseudo-count
 * @returns the matrix
 * @throws InfraError `OUT_OF_RANGE` for negative smoothing
 *
 * @example
 * ```ts @import.meta.vitest
 * let s = emptyPropagationState();
 * s = observeSequence(s, ['xid-94', 'restart-app', 'job-ok']);
 * s = observeSequence(s, ['xid-94', 'restart-app', 'job-failed']);
 * const m = transitionProbabilities(s);
 * expect(m.absorbing).toEqual(['job-failed', 'job-ok']);
 * ```
 */
export function transitionProbabilities(state: ErrorPropagationState, options?: PropagationOptions): TransitionMatrix {
  const alpha = assertNonNegative(options?.smoothing ?? 0, 'options.smoothing');
  const names = new Set<string>();
  const out = new Map<string, Map<string, number>>();
  for (const t of state.transitions) {
    names.add(t.from);
    names.add(t.to);
    let row = out.get(t.from);
    if (row === undefined) out.set(t.from, (row = new Map()));
    row.set(t.to, (row.get(t.to) ?? 0) + t.count);
  }
  const states = [...names].sort(cmp);
  const index = new Map(states.map((s, i) => [s, i] as const));
  const absorbing = states.filter((s) => !out.has(s));
  const probabilities = states.map((s, i) => {
    const row = new Array<number>(states.length).fill(0);
    const counts = out.get(s);
    if (counts === undefined) {
      row[i] = 1;
      return row;
    }
    let total = 0;
    for (const c of counts.values()) total += c + alpha;
    if (total <= 0) {
      row[i] = 1;
      return row;
    }
    for (const [to, c] of counts) row[index.get(to) as number] = (c + alpha) / total;
    return row;
  });
  return { states, absorbing, probabilities };
}

/**
 * Probability that the chain started in `from` ends in absorbing state `to`: solves (I − Q)·B = R for the
 * transient block by Gaussian elimination (partial pivoting), so retry loops are handled exactly.
 *
 * @param matrix - transition probabilities
 * @param query - start and absorbing state
 * @returns P(absorbed in `to` | start in `from`), in [0, 1]
 * @throws InfraError `UNKNOWN_ID` for an unknown state or a non-absorbing `to`; `INVALID_STATE` when some
 *   transient states can never reach an absorbing state
 *
 * @example
 * ```ts @import.meta.vitest
 * let s = emptyPropagationState();
 * for (const out of ['job-ok', 'job-ok', 'job-ok', 'job-failed']) s = observeSequence(s, ['xid-94', 'restart-app', out]);
 * const m = transitionProbabilities(s);
 * expect(absorptionProbability(m, { from: 'xid-94', to: 'job-failed' })).toBeCloseTo(0.25, 12);
 * ```
 */
export function absorptionProbability(matrix: TransitionMatrix, query: PropagationQuery): number {
  const from = matrix.states.indexOf(assertString(query.from, 'query.from'));
  if (from < 0) throw new InfraError('UNKNOWN_ID', 'query.from', `unknown state ${JSON.stringify(query.from)}`);
  const to = matrix.states.indexOf(assertString(query.to, 'query.to'));
  if (to < 0 || !matrix.absorbing.includes(query.to)) {
    throw new InfraError('UNKNOWN_ID', 'query.to', `${JSON.stringify(query.to)} is not an absorbing state`);
  }
  if (from === to) return 1;
  if (matrix.absorbing.includes(query.from)) return 0;
  const transient = matrix.states.map((_, i) => i).filter((i) => !matrix.absorbing.includes(matrix.states[i] as string));
  const T = transient.length;
  const pos = new Map(transient.map((s, i) => [s, i] as const));
  // augmented system (I − Q) x = r, r_i = P(i → to)
  const A = transient.map((i, r) => {
    const row = new Array<number>(T + 1).fill(0);
    const p = matrix.probabilities[i] as readonly number[];
    for (let c = 0; c < T; c++) row[c] = (r === c ? 1 : 0) - (p[transient[c] as number] as number);
    row[T] = p[to] as number;
    return row;
  });
  for (let c = 0; c < T; c++) {
    let piv = c;
    for (let r = c + 1; r < T; r++) if (Math.abs((A[r] as number[])[c] as number) > Math.abs((A[piv] as number[])[c] as number)) piv = r;
    if (Math.abs((A[piv] as number[])[c] as number) < 1e-12) {
      throw new InfraError('INVALID_STATE', 'matrix', 'some transient states never reach an absorbing state');
    }
    [A[c], A[piv]] = [A[piv] as number[], A[c] as number[]];
    const rc = A[c] as number[];
    for (let r = 0; r < T; r++) {
      if (r === c) continue;
      const rr = A[r] as number[];
      const f = (rr[c] as number) / (rc[c] as number);
      if (f !== 0) for (let k = c; k <= T; k++) rr[k] = (rr[k] as number) - f * (rc[k] as number);
    }
  }
  const i = pos.get(from) as number;
  const row = A[i] as number[];
  return Math.min(1, Math.max(0, (row[T] as number) / (row[i] as number)));
}

/**
 * P(job failure | error class): the absorption probability into the failure outcome — estimated from data,
 * never assumed to be 1 (Delta: recovery mitigates most uncorrectable memory errors).
 *
 * @param state - transition counts
 * @param errorClass - start state
 * @param failureOutcome - the absorbing failure state (default `"job-failed"`)
 * @param options - smoothing
 * @returns the probability in [0, 1]
 * @throws InfraError as {@link absorptionProbability}
 *
 * @example
 * ```ts @import.meta.vitest
 * let s = emptyPropagationState();
 * s = observeSequence(s, ['xid-48', 'reset-gpu', 'job-ok']);
 * s = observeSequence(s, ['xid-48', 'reset-gpu', 'job-failed']);
 * s = observeSequence(s, ['xid-48', 'drain', 'job-failed']);
 * expect(jobFailureProbability(s, 'xid-48')).toBeCloseTo(2 / 3 * 0.5 + 1 / 3, 12);
 * ```
 */
export function jobFailureProbability(
  state: ErrorPropagationState,
  errorClass: string,
  failureOutcome = 'job-failed',
  options?: PropagationOptions,
): number {
  return absorptionProbability(transitionProbabilities(state, options), { from: errorClass, to: failureOutcome });
}

/**
 * The chain as an {@link Estimator}: `observe` folds in one event sequence, `estimate` answers
 * P(absorbed in `to` | start in `from`) with the given smoothing.
 *
 * @param options - smoothing
 * @returns the estimator
 *
 * @example
 * ```ts @import.meta.vitest
 * const est = errorPropagationEstimator({ smoothing: 0 });
 * const s = est.observe(est.observe(est.init(), ['gsp', 'reset-gpu', 'job-ok']), ['gsp', 'job-failed']);
 * expect(est.estimate(s, { from: 'gsp', to: 'job-failed' })).toBeCloseTo(0.5, 12);
 * ```
 */
export function errorPropagationEstimator(
  options?: PropagationOptions,
): Estimator<ErrorPropagationState, readonly string[], PropagationQuery, number> {
  assertNonNegative(options?.smoothing ?? 0, 'options.smoothing');
  return defineEstimator({
    name: 'error-propagation-markov',
    init: emptyPropagationState,
    observe: observeSequence,
    estimate: (state: ErrorPropagationState, query: PropagationQuery) =>
      absorptionProbability(transitionProbabilities(state, options), query),
  });
}

/** One transition probability of a chain given as parameters. */
export interface TransitionProbability {
  /** Source state. */
  readonly from: string;
  /** Target state. */
  readonly to: string;
  /** P(to | from) in [0, 1]; the probabilities out of each source sum to 1. */
  readonly probability: number;
}

/**
 * Build a chain from parameters instead of data, e.g. Delta-style priors "P(job failure | uncorrectable
 * memory error) = 0.08" as `{ from: 'uncorrectable-ecc', to: 'job-failed', probability: 0.08 }` plus the
 * complementary transition.
 *
 * @param transitions - probabilities; each source's outgoing probabilities must sum to 1 (±1e-9)
 * @returns the matrix for {@link absorptionProbability}
 * @throws InfraError `OUT_OF_RANGE` for a probability outside [0, 1] or a row not summing to 1
 *
 * @example
 * ```ts @import.meta.vitest
 * const m = chainFromProbabilities([
 *   { from: 'hbm-uce', to: 'row-remap', probability: 0.92 },
 *   { from: 'hbm-uce', to: 'job-failed', probability: 0.08 },
 *   { from: 'row-remap', to: 'job-ok', probability: 1 },
 * ]);
 * expect(absorptionProbability(m, { from: 'hbm-uce', to: 'job-failed' })).toBeCloseTo(0.08, 12);
 * ```
 */
export function chainFromProbabilities(transitions: readonly TransitionProbability[]): TransitionMatrix {
  if (!Array.isArray(transitions)) throw new InfraError('INVALID_ARGUMENT', 'transitions', `must be an array, got ${describeValue(transitions)}`);
  const sums = new Map<string, number>();
  const counts: TransitionCount[] = transitions.map((t, i) => {
    const from = assertString(t.from, `transitions[${i}].from`);
    const to = assertString(t.to, `transitions[${i}].to`);
    const p = assertNonNegative(t.probability, `transitions[${i}].probability`);
    if (p > 1) throw new InfraError('OUT_OF_RANGE', `transitions[${i}].probability`, `must be in [0, 1], got ${p}`);
    sums.set(from, (sums.get(from) ?? 0) + p);
    return { from, to, count: p };
  });
  for (const [from, s] of sums) {
    if (Math.abs(s - 1) > 1e-9) throw new InfraError('OUT_OF_RANGE', 'transitions', `probabilities out of ${JSON.stringify(from)} sum to ${s}, not 1`);
  }
  return transitionProbabilities({ version: 1, kind: 'error-propagation', transitions: counts });
}
