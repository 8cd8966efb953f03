/**
 * `@infra/types/testing`: fast-check arbitraries for the shared domain types and the generic laws every
 * `@infra/*` package runs on its own implementations — and that users run on theirs. Requires `fast-check`
 * (an optional peer dependency) in the caller's project.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { isInfraError } from './errors.js';
import { deepFreeze } from './json.js';
import { assertGpuNode, assertTrainingJob, type CommunicationPhase, type GpuNode, type NetworkLink, type TrainingJob } from './cluster.js';
import { assertFailureEvent, type FailureClass, type FailureEvent } from './failure.js';
import { assertLlmRequest, assertServingInstance, type LlmRequest, type RequestSlo, type ServingInstance } from './llm.js';
import { assertMoeRoutingRecord, type MoeRoutingRecord } from './moe.js';
import { assertFinite, assertPositive } from './validate.js';

// Globals of every supported runtime (Node ≥ 20, browsers), declared here so the package needs no DOM or
// Node type definitions.
declare const performance: { now(): number };
declare function structuredClone<T>(value: T): T;
import type { Decision, OnlinePolicy } from './policy.js';
import { createRng, type Rng, type RngState } from './rng.js';

// ---------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------

/**
 * Seeds for {@link createRng}: any safe integer.
 *
 * @returns an arbitrary of seeds
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(seedArb(), (s) => Number.isSafeInteger(s)));
 * ```
 */
export function seedArb(): fc.Arbitrary<number> {
  return fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
}

/**
 * Valid RNG states (four uint32 words, not all zero).
 *
 * @returns an arbitrary of {@link RngState}
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(rngStateArb(), (s) => s.s.some((w) => w !== 0)));
 * ```
 */
export function rngStateArb(): fc.Arbitrary<RngState> {
  const word = fc.integer({ min: 0, max: 0xffffffff });
  return fc
    .tuple(word, word, word, word)
    .filter((s) => s.some((w) => w !== 0))
    .map((s): RngState => ({ algorithm: 'xoshiro128**', s }));
}

/**
 * Finite doubles (no NaN, no ±Infinity), optionally bounded.
 *
 * @param range - optional bounds
 * @returns an arbitrary of finite numbers
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(finiteArb({ min: 0, max: 1 }), (x) => x >= 0 && x <= 1));
 * ```
 */
export function finiteArb(range?: { min?: number; max?: number }): fc.Arbitrary<number> {
  return fc.double({ noNaN: true, noDefaultInfinity: true, min: range?.min ?? -1e12, max: range?.max ?? 1e12 });
}

/**
 * The numbers every validator must reject where a finite number is required: NaN, +Infinity, −Infinity.
 *
 * @returns an arbitrary of non-finite numbers
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(nonFiniteArb(), (x) => !Number.isFinite(x)));
 * ```
 */
export function nonFiniteArb(): fc.Arbitrary<number> {
  return fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
}

/**
 * Probability vectors of length `n` (non-negative, summing to 1 up to rounding).
 *
 * @param n - the length, ≥ 1
 * @returns an arbitrary of probability vectors
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(probabilityVectorArb(4), (p) => Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12));
 * ```
 */
export function probabilityVectorArb(n: number): fc.Arbitrary<number[]> {
  return fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n })
    .filter((w) => w.reduce((a, b) => a + b, 0) > 1e-9)
    .map((w) => {
      const total = w.reduce((a, b) => a + b, 0);
      return w.map((x) => x / total);
    });
}

const idArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Valid {@link LlmRequest}s (interactive with TTFT/ITL SLOs, batch with deadlines).
 *
 * @param opts - bounds for arrival time (seconds) and token counts
 * @returns an arbitrary of requests
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(llmRequestArb(), (r) => assertLlmRequest(r) === r));
 * ```
 */
export function llmRequestArb(opts?: { maxArrivalSeconds?: number; maxTokens?: number }): fc.Arbitrary<LlmRequest> {
  const maxTokens = opts?.maxTokens ?? 8192;
  const slo = (cls: 'interactive' | 'batch'): fc.Arbitrary<RequestSlo> =>
    cls === 'interactive'
      ? fc.record({ ttftSeconds: fc.double({ min: 0.05, max: 10, noNaN: true }), itlSeconds: fc.double({ min: 0.005, max: 0.5, noNaN: true }) })
      : fc.record({ deadlineSeconds: fc.double({ min: 1, max: 86_400, noNaN: true }) });
  return fc.constantFrom<'interactive' | 'batch'>('interactive', 'batch').chain((requestClass) =>
    fc
      .record({
        id: idArb,
        arrivalTimeSeconds: fc.double({ min: 0, max: opts?.maxArrivalSeconds ?? 3600, noNaN: true }),
        inputTokens: fc.integer({ min: 1, max: maxTokens }),
        outputTokens: optional(fc.integer({ min: 1, max: maxTokens })),
        maxOutputTokens: optional(fc.integer({ min: 1, max: maxTokens })),
        model: optional(fc.constantFrom('llama-70b', 'mistral-7b', 'mixtral-8x7b')),
        slo: slo(requestClass),
      })
      .map((r) => compact({ ...r, requestClass }) as unknown as LlmRequest),
  );
}

/**
 * Valid {@link ServingInstance}s with plausible α/β iteration-time coefficients.
 *
 * @returns an arbitrary of instances
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(servingInstanceArb(), (i) => assertServingInstance(i) === i));
 * ```
 */
export function servingInstanceArb(): fc.Arbitrary<ServingInstance> {
  return fc.record({
    id: idArb,
    model: fc.constantFrom('llama-70b', 'mistral-7b', 'mixtral-8x7b'),
    maxBatchSize: fc.integer({ min: 1, max: 512 }),
    kvCacheTokens: fc.integer({ min: 512, max: 2_000_000 }),
    iterationBaseSeconds: fc.double({ min: 1e-3, max: 0.1, noNaN: true }),
    iterationPerRequestSeconds: fc.double({ min: 0, max: 1e-2, noNaN: true }),
    prefillPerTokenSeconds: fc.double({ min: 0, max: 1e-4, noNaN: true }),
  });
}

/**
 * Valid {@link GpuNode}s.
 *
 * @returns an arbitrary of nodes
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(gpuNodeArb(), (n) => assertGpuNode(n) === n));
 * ```
 */
export function gpuNodeArb(): fc.Arbitrary<GpuNode> {
  return fc
    .record({ id: idArb, gpus: fc.constantFrom(1, 2, 4, 8, 16), gpuModel: optional(fc.constantFrom('A100', 'H100', 'B200')), rack: optional(idArb) })
    .map((n) => compact(n) as unknown as GpuNode);
}

/**
 * Valid {@link NetworkLink}s (1 Gb/s to 800 Gb/s).
 *
 * @returns an arbitrary of links
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(networkLinkArb(), (l) => l.capacityBytesPerSecond > 0));
 * ```
 */
export function networkLinkArb(): fc.Arbitrary<NetworkLink> {
  return fc.record({ id: idArb, capacityBytesPerSecond: fc.double({ min: 1.25e8, max: 1e11, noNaN: true }) });
}

/**
 * Valid {@link TrainingJob}s with up to four communication phases inside the iteration.
 *
 * @returns an arbitrary of jobs
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(trainingJobArb(), (j) => assertTrainingJob(j) === j));
 * ```
 */
export function trainingJobArb(): fc.Arbitrary<TrainingJob> {
  return fc.double({ min: 0.01, max: 10, noNaN: true }).chain((iterationTimeSeconds) => {
    const phase: fc.Arbitrary<CommunicationPhase> = fc
      .tuple(fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0.001, max: 1, noNaN: true }), fc.double({ min: 1e8, max: 1e11, noNaN: true }))
      .map(([start, fraction, bw]) => ({
        startSeconds: start * iterationTimeSeconds,
        durationSeconds: Math.max(1e-6, fraction * (1 - start) * iterationTimeSeconds),
        bandwidthBytesPerSecond: bw,
      }));
    return fc.record({
      id: idArb,
      gpus: fc.integer({ min: 1, max: 4096 }),
      iterationTimeSeconds: fc.constant(iterationTimeSeconds),
      communicationPhases: fc.array(phase, { maxLength: 4 }),
    });
  });
}

/**
 * Valid {@link FailureEvent}s (times within `maxSeconds`, default one year).
 *
 * @param opts - the time horizon and the node ids to draw from
 * @returns an arbitrary of events
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(failureEventArb(), (e) => assertFailureEvent(e) === e));
 * ```
 */
export function failureEventArb(opts?: { maxSeconds?: number; nodeIds?: readonly string[] }): fc.Arbitrary<FailureEvent> {
  const horizon = opts?.maxSeconds ?? 365 * 86_400;
  const classes: FailureClass[] = ['hardware', 'software', 'network', 'user', 'other', 'unknown'];
  return fc
    .record({
      timeSeconds: fc.double({ min: 0, max: horizon, noNaN: true }),
      nodeId: opts?.nodeIds ? fc.constantFrom(...opts.nodeIds) : idArb,
      gpuIndex: optional(fc.integer({ min: 0, max: 7 })),
      component: optional(fc.constantFrom('HBM', 'SRAM', 'GSP', 'NVLink', 'PCIe', 'NIC', 'PSU')),
      xid: optional(fc.constantFrom(13, 31, 43, 48, 63, 64, 74, 79, 92, 94, 95, 119, 120)),
      failureClass: optional(fc.constantFrom(...classes)),
      repairSeconds: optional(fc.double({ min: 0, max: 30 * 86_400, noNaN: true })),
    })
    .map(({ repairSeconds, ...e }) =>
      compact({ ...e, repairedTimeSeconds: repairSeconds === undefined ? undefined : e.timeSeconds + repairSeconds }) as unknown as FailureEvent,
    );
}

/**
 * Valid {@link MoeRoutingRecord}s: top-k distinct experts with descending gate weights summing to 1.
 *
 * @param opts - experts per layer (default 8), k (default 2), layers (default 32)
 * @returns an arbitrary of routing records
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(moeRoutingRecordArb(), (r) => assertMoeRoutingRecord(r) === r));
 * ```
 */
export function moeRoutingRecordArb(opts?: { experts?: number; k?: number; layers?: number }): fc.Arbitrary<MoeRoutingRecord> {
  const experts = opts?.experts ?? 8;
  const k = Math.min(opts?.k ?? 2, experts);
  return fc.record({
    sequenceId: fc.nat({ max: 1000 }),
    layer: fc.nat({ max: (opts?.layers ?? 32) - 1 }),
    tokenIndex: fc.nat({ max: 4096 }),
    experts: fc.uniqueArray(fc.nat({ max: experts - 1 }), { minLength: k, maxLength: k }),
    gateWeights: probabilityVectorArb(k).map((w) => [...w].sort((a, b) => b - a)),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Law predicates (each returns undefined when the law holds, or a message saying how it failed)
// ---------------------------------------------------------------------------------------------------------

/**
 * Structural equality for plain data: numbers by `Object.is` (so NaN equals NaN) except that 0 equals −0;
 * arrays and typed arrays element-wise; plain objects by own enumerable keys (undefined values ignored).
 *
 * @param a - first value
 * @param b - second value
 * @returns whether they are structurally equal
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(deepEqualData({ a: [1, Number.NaN] }, { a: [1, Number.NaN] })).toBe(true);
 * expect(deepEqualData({ a: 1 }, { a: 1, b: undefined })).toBe(true);
 * expect(deepEqualData([1, 2], [1, 3])).toBe(false);
 * ```
 */
export function deepEqualData(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Object.is(a, b);
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const aList = Array.isArray(a) || ArrayBuffer.isView(a);
  const bList = Array.isArray(b) || ArrayBuffer.isView(b);
  if (aList || bList) {
    if (!aList || !bList) return false;
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqualData(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqualData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Find the first NaN or ±Infinity inside a value (numbers, arrays, typed arrays, plain objects).
 *
 * @param x - the value to scan
 * @param path - the root's name in the returned path
 * @returns the path of the first non-finite number, or undefined when there is none
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(findNonFinite({ a: [1, Number.NaN] })).toBe('value.a[1]');
 * expect(findNonFinite({ a: [1, 2] })).toBeUndefined();
 * ```
 */
export function findNonFinite(x: unknown, path = 'value'): string | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? undefined : path;
  if (x === null || typeof x !== 'object') return undefined;
  if (Array.isArray(x) || ArrayBuffer.isView(x)) {
    const arr = x as ArrayLike<unknown>;
    for (let i = 0; i < arr.length; i++) {
      const found = findNonFinite(arr[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(x)) {
    const found = findNonFinite(v, `${path}.${k}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** True for the TypeError strict-mode code throws when it writes to a frozen object. */
function isFrozenWriteError(e: unknown): e is TypeError {
  return e instanceof TypeError && /read[- ]only|frozen|not extensible|Cannot assign|Cannot add|Cannot delete/i.test(e.message);
}

/**
 * Determinism law: running twice with the same input and seed gives structurally equal outputs.
 *
 * @param run - the function under test; it must draw all randomness from the `Rng` it is given
 * @returns a predicate over (input, seed)
 *
 * @example
 * ```ts @import.meta.vitest
 * const law = determinismLaw((n: number, rng: Rng) => n + rng.next());
 * expect(law(1, 42)).toBeUndefined();
 * let calls = 0;
 * expect(determinismLaw((n: number) => n + calls++)(1, 42)).toMatch(/differ/);
 * ```
 */
export function determinismLaw<I, O>(run: (input: I, rng: Rng) => O): (input: I, seed: number) => string | undefined {
  return (input, seed) => {
    const a = run(input, createRng(seed));
    const b = run(input, createRng(seed));
    return deepEqualData(a, b) ? undefined : `outputs differ for the same input and seed ${seed}`;
  };
}

/**
 * Purity law: the function neither mutates its (deep-frozen) input nor fails because it is frozen.
 *
 * @param run - the function under test
 * @returns a predicate over an input
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(purityLaw((xs: number[]) => xs.map((x) => x + 1))([1, 2])).toBeUndefined();
 * expect(purityLaw((xs: number[]) => xs.sort())([2, 1])).toMatch(/mutat/);
 * ```
 */
export function purityLaw<I>(run: (input: I) => unknown): (input: I) => string | undefined {
  return (input) => {
    const snapshot = structuredClone(input);
    deepFreeze(input);
    try {
      run(input);
    } catch (e) {
      if (isFrozenWriteError(e)) {
        return `mutated its input: ${e.message}`;
      }
      throw e;
    }
    return deepEqualData(input, snapshot) ? undefined : 'mutated its input';
  };
}

/**
 * JSON round-trip law: `deserialize(serialize(s))` equals `s`, and serializing again gives the same text.
 *
 * @param serialize - state to text
 * @param deserialize - text to state (validating)
 * @returns a predicate over a state
 *
 * @example
 * ```ts @import.meta.vitest
 * const law = jsonRoundTripLaw((s: { n: number }) => JSON.stringify(s), (t) => JSON.parse(t) as { n: number });
 * expect(law({ n: 3 })).toBeUndefined();
 * ```
 */
export function jsonRoundTripLaw<S>(serialize: (s: S) => string, deserialize: (text: string) => S): (state: S) => string | undefined {
  return (state) => {
    const text = serialize(state);
    const back = deserialize(text);
    if (!deepEqualData(back, state)) return 'deserialize(serialize(state)) differs from state';
    return serialize(back) === text ? undefined : 'serializing the restored state gives different text';
  };
}

/**
 * Robustness law: on invalid input the function throws our typed `InfraError` — never another exception,
 * never a NaN/Infinity result, and never takes longer than `timeoutMs` (a synchronous call cannot be
 * interrupted, so a slow one is reported after it returns).
 *
 * @param run - the function under test
 * @param opts - `mustThrow` (default true: every generated input is invalid) and `timeoutMs` (default 2000)
 * @returns a predicate over an (invalid) input
 *
 * @example
 * ```ts @import.meta.vitest
 * const law = robustnessLaw((x: number) => assertPositive(x, 'x'));
 * expect(law(-1)).toBeUndefined();
 * expect(robustnessLaw((x: number) => x * 2)(-1)).toMatch(/did not throw/);
 * expect(robustnessLaw((x: number) => Math.sqrt(x))(-1)).toMatch(/non-finite/);
 * expect(robustnessLaw((_x: number) => { throw new RangeError('bad'); })(-1)).toMatch(/RangeError/);
 * ```
 */
export function robustnessLaw<I>(
  run: (input: I) => unknown,
  opts?: { mustThrow?: boolean; timeoutMs?: number },
): (input: I) => string | undefined {
  const mustThrow = opts?.mustThrow ?? true;
  const timeoutMs = opts?.timeoutMs ?? 2000;
  return (input) => {
    const start = performance.now();
    let result: unknown;
    try {
      result = run(input);
    } catch (e) {
      if (isInfraError(e)) return undefined;
      return `threw ${(e as Error)?.name ?? typeof e} instead of InfraError: ${(e as Error)?.message ?? String(e)}`;
    } finally {
      const ms = performance.now() - start;
      if (ms > timeoutMs) return `took ${ms.toFixed(0)} ms (limit ${timeoutMs} ms)`;
    }
    const bad = findNonFinite(result, 'result');
    if (bad !== undefined) return `returned a non-finite number at ${bad}`;
    return mustThrow ? 'did not throw an InfraError on invalid input' : undefined;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Runners
// ---------------------------------------------------------------------------------------------------------

/** Options shared by the law runners. */
export interface LawRunOptions {
  /** Number of generated cases (default: fast-check's global setting, 100 unless FC_NUM_RUNS says otherwise). */
  readonly numRuns?: number;
  /** Seed to replay a failure exactly. */
  readonly seed?: number;
}

function assertLaw<T extends unknown[]>(arbs: { [K in keyof T]: fc.Arbitrary<T[K]> }, law: (...args: T) => string | undefined, opts?: LawRunOptions): void {
  const params: fc.Parameters<T> = {};
  if (opts?.numRuns !== undefined) params.numRuns = opts.numRuns;
  if (opts?.seed !== undefined) params.seed = opts.seed;
  fc.assert(
    fc.property(...(arbs as unknown as [fc.Arbitrary<unknown>]), (...args: unknown[]) => {
      const failure = law(...(args as T));
      if (failure !== undefined) throw new Error(failure);
    }) as unknown as fc.IRawProperty<T>,
    params,
  );
}

/**
 * Run the {@link determinismLaw} over generated inputs and seeds; throws (with a replayable seed) on failure.
 *
 * @param run - the function under test
 * @param input - an arbitrary of valid inputs
 * @param opts - runs and seed
 *
 * @example
 * ```ts @import.meta.vitest
 * checkDeterminism((n: number, rng: Rng) => n * rng.next(), fc.integer(), { numRuns: 20 });
 * ```
 */
export function checkDeterminism<I, O>(run: (input: I, rng: Rng) => O, input: fc.Arbitrary<I>, opts?: LawRunOptions): void {
  assertLaw([input, seedArb()], determinismLaw(run), opts);
}

/**
 * Run the {@link purityLaw} over generated inputs.
 *
 * @param run - the function under test
 * @param input - an arbitrary of valid inputs (each is frozen before the call)
 * @param opts - runs and seed
 *
 * @example
 * ```ts @import.meta.vitest
 * checkPurity((xs: number[]) => [...xs].sort(), fc.array(fc.integer()), { numRuns: 20 });
 * ```
 */
export function checkPurity<I>(run: (input: I) => unknown, input: fc.Arbitrary<I>, opts?: LawRunOptions): void {
  assertLaw([input], purityLaw(run), opts);
}

/**
 * Run the {@link jsonRoundTripLaw} over generated states.
 *
 * @param state - an arbitrary of valid states
 * @param serialize - state to text
 * @param deserialize - text to state
 * @param opts - runs and seed
 *
 * @example
 * ```ts @import.meta.vitest
 * checkJsonRoundTrip(fc.record({ n: fc.integer() }), (s) => JSON.stringify(s), (t) => JSON.parse(t) as { n: number }, { numRuns: 20 });
 * ```
 */
export function checkJsonRoundTrip<S>(state: fc.Arbitrary<S>, serialize: (s: S) => string, deserialize: (text: string) => S, opts?: LawRunOptions): void {
  assertLaw([state], jsonRoundTripLaw(serialize, deserialize), opts);
}

/**
 * Run the {@link robustnessLaw} over generated invalid inputs.
 *
 * @param run - the function under test
 * @param invalid - an arbitrary of invalid inputs
 * @param opts - runs, seed, `mustThrow`, `timeoutMs`
 *
 * @example
 * ```ts @import.meta.vitest
 * checkRobustness((x: number) => assertFinite(x, 'x'), nonFiniteArb(), { numRuns: 10 });
 * ```
 */
export function checkRobustness<I>(
  run: (input: I) => unknown,
  invalid: fc.Arbitrary<I>,
  opts?: LawRunOptions & { mustThrow?: boolean; timeoutMs?: number },
): void {
  assertLaw([invalid], robustnessLaw(run, opts), opts);
}

/** How {@link checkOnlinePolicyLaws} drives a policy. */
export interface OnlinePolicyLawOptions<S, C, A, F> extends LawRunOptions {
  /** Valid contexts. */
  readonly context: fc.Arbitrary<C>;
  /** Build the feedback for a decision; `draw` is a uniform number in [0, 1) for simulated rewards. */
  readonly feedback: (decision: Decision<A>, context: C, draw: number) => F;
  /** Steps per generated trajectory (default 20). */
  readonly steps?: number;
  /** Whether an action is valid in a state (default: always). */
  readonly isValidAction?: (state: S, action: A) => boolean;
  /** Index of an action in the decision's probability vector (default: the action itself when it is a number). */
  readonly actionIndex?: (state: S, action: A) => number;
  /** State serialization to check the JSON round trip with (default: JSON.stringify / JSON.parse). */
  readonly serialize?: (state: S) => string;
  /** State deserialization (default: JSON.parse). */
  readonly deserialize?: (text: string) => S;
  /** Tolerance on Σ probabilities = 1 (default 1e-9). */
  readonly probabilityTolerance?: number;
}

/** One step of a recorded policy trajectory (used by {@link onlinePolicyLaw}). */
interface Step<A> {
  readonly decision: Decision<A>;
  readonly stateJson: string;
}

/**
 * The generic online-policy law: along a trajectory of contexts, `decide` and `update` are deterministic
 * for a seed, never mutate their (frozen) inputs, return finite numbers only, choose valid actions, keep
 * probability vectors summing to 1 with the propensity equal to the chosen action's probability, and keep a
 * state that survives the JSON round trip.
 *
 * @param policy - the policy under test
 * @param opts - how to drive it
 * @returns a predicate over (contexts, draws, seed)
 *
 * @example
 * ```ts @import.meta.vitest
 * const law = onlinePolicyLaw(coinPolicy(), { context: fc.constant(undefined), feedback: (d, _c, u) => ({ action: d.action, reward: u }) });
 * expect(law([undefined, undefined], [0.1, 0.9], 7)).toBeUndefined();
 * ```
 */
export function onlinePolicyLaw<S, C, A, F>(
  policy: OnlinePolicy<S, C, A, F>,
  opts: OnlinePolicyLawOptions<S, C, A, F>,
): (contexts: readonly C[], draws: readonly number[], seed: number) => string | undefined {
  const serialize = opts.serialize ?? ((s: S) => JSON.stringify(s));
  const deserialize = opts.deserialize ?? ((t: string) => JSON.parse(t) as S);
  const tolerance = opts.probabilityTolerance ?? 1e-9;
  const indexOf = opts.actionIndex ?? ((_s: S, a: A) => (typeof a === 'number' ? a : -1));
  const trajectory = (contexts: readonly C[], draws: readonly number[], seed: number): Step<A>[] | string => {
    const rng = createRng(seed);
    let state = policy.init();
    const steps: Step<A>[] = [];
    for (let t = 0; t < contexts.length; t++) {
      const context = structuredClone(contexts[t]) as C;
      const frozenState = deepFreeze(structuredClone(state));
      const stateText = JSON.stringify(frozenState);
      deepFreeze(context);
      const decision = policy.decide(frozenState, context, rng);
      const bad = findNonFinite(decision, `step ${t} decision`);
      if (bad !== undefined) return `non-finite number at ${bad}`;
      if (opts.isValidAction && !opts.isValidAction(frozenState, decision.action)) return `step ${t}: invalid action ${JSON.stringify(decision.action)}`;
      if (decision.probabilities !== undefined) {
        const p = decision.probabilities;
        const sum = p.reduce((a, b) => a + b, 0);
        if (Math.abs(sum - 1) > tolerance) return `step ${t}: probabilities sum to ${sum}`;
        if (p.some((x) => x < 0 || x > 1)) return `step ${t}: a probability outside [0, 1]`;
        const i = indexOf(frozenState, decision.action);
        if (decision.propensity !== undefined && i >= 0 && p[i] !== decision.propensity) {
          return `step ${t}: propensity ${decision.propensity} ≠ probabilities[${i}] = ${p[i]}`;
        }
      }
      const next = policy.update(frozenState, opts.feedback(decision, context, draws[t % draws.length] ?? 0.5));
      if (JSON.stringify(frozenState) !== stateText) return `step ${t}: update mutated the state`;
      const badState = findNonFinite(next, `step ${t} state`);
      if (badState !== undefined) return `non-finite number at ${badState}`;
      const text = serialize(next);
      if (!deepEqualData(deserialize(text), next)) return `step ${t}: state does not survive the JSON round trip`;
      state = next;
      steps.push({ decision, stateJson: text });
    }
    return steps;
  };
  return (contexts, draws, seed) => {
    let first: Step<A>[] | string;
    let second: Step<A>[] | string;
    try {
      first = trajectory(contexts, draws, seed);
      second = trajectory(contexts, draws, seed);
    } catch (e) {
      if (isFrozenWriteError(e)) {
        return `mutated a frozen input: ${e.message}`;
      }
      throw e;
    }
    if (typeof first === 'string') return first;
    if (typeof second === 'string') return second;
    return deepEqualData(first, second) ? undefined : `not deterministic for seed ${seed}`;
  };
}

/**
 * Run the {@link onlinePolicyLaw} over generated trajectories; throws with a replayable seed on failure.
 *
 * @param policy - the policy under test
 * @param opts - how to drive it, runs and seed
 *
 * @example
 * ```ts @import.meta.vitest
 * checkOnlinePolicyLaws(coinPolicy(), { context: fc.constant(undefined), feedback: (d, _c, u) => ({ action: d.action, reward: u }), numRuns: 20 });
 * ```
 */
export function checkOnlinePolicyLaws<S, C, A, F>(policy: OnlinePolicy<S, C, A, F>, opts: OnlinePolicyLawOptions<S, C, A, F>): void {
  const steps = opts.steps ?? 20;
  const contexts = fc.array(opts.context, { minLength: 1, maxLength: steps });
  const draws = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: steps });
  assertLaw([contexts, draws, seedArb()], onlinePolicyLaw(policy, opts), opts);
}

/** State of {@link coinPolicy}. */
export interface CoinPolicyState {
  /** State format version. */
  readonly version: 1;
  /** Pulls per arm. */
  readonly counts: readonly [number, number];
  /** Reward sums per arm. */
  readonly sums: readonly [number, number];
}

/** Feedback of {@link coinPolicy}. */
export interface CoinFeedback {
  /** The arm that was played. */
  readonly action: number;
  /** The reward observed. */
  readonly reward: number;
}

/**
 * A tiny reference policy (ε-greedy with ε = 0.2 over two arms) that satisfies every generic law; use it
 * to see the laws pass, or as a template for your own policy.
 *
 * @returns the policy
 *
 * @example
 * ```ts @import.meta.vitest
 * const p = coinPolicy();
 * const d = p.decide(p.init(), undefined, createRng(1));
 * expect(d.probabilities?.reduce((a, b) => a + b, 0)).toBe(1);
 * ```
 */
export function coinPolicy(): OnlinePolicy<CoinPolicyState, undefined, number, CoinFeedback> {
  const epsilon = 0.2;
  return {
    name: 'coin',
    init: () => ({ version: 1, counts: [0, 0], sums: [0, 0] }),
    decide: (s, _c, rng) => {
      const mean = (i: 0 | 1): number => (s.counts[i] === 0 ? Infinity : s.sums[i] / s.counts[i]);
      const greedy = mean(1) > mean(0) ? 1 : 0;
      const probabilities = greedy === 0 ? [1 - epsilon / 2, epsilon / 2] : [epsilon / 2, 1 - epsilon / 2];
      const action = rng.next() < probabilities[0]! ? 0 : 1;
      return { action, probabilities, propensity: probabilities[action]!, trace: { reason: action === greedy ? 'exploit' : 'explore' } };
    },
    update: (s, f) => {
      const counts: [number, number] = [s.counts[0], s.counts[1]];
      const sums: [number, number] = [s.sums[0], s.sums[1]];
      counts[f.action as 0 | 1] += 1;
      sums[f.action as 0 | 1] += f.reward;
      return { version: 1, counts, sums };
    },
  };
}
