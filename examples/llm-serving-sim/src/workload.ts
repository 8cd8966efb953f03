import { InfraError, assertPositive, type LlmRequest } from '@infra/types';

/** Request class code in {@link Workload.requestClass}: latency-sensitive. */
export const INTERACTIVE = 0;
/** Request class code in {@link Workload.requestClass}: throughput-oriented, lower priority. */
export const BATCH = 1;

/**
 * A request workload in columnar form (one entry per request, sorted by arrival time). Columnar typed
 * arrays keep the simulator's hot loop allocation-free; build one with {@link makeWorkload},
 * {@link workloadFromRequests}, `parseAzureTrace` or `generateAzureCodeWorkload`.
 */
export interface Workload {
  /** Arrival times in seconds, non-decreasing, finite and ≥ 0. */
  readonly arrivalSeconds: Float64Array;
  /** Prompt (context) tokens per request, integers ≥ 1. */
  readonly inputTokens: Int32Array;
  /** Generated (output) tokens per request, integers ≥ 1 (the simulator's ground truth). */
  readonly outputTokens: Int32Array;
  /** Request class per request: {@link INTERACTIVE} (0) or {@link BATCH} (1). */
  readonly requestClass: Uint8Array;
}

/** Plain-array input accepted by {@link makeWorkload}. */
export interface WorkloadColumns {
  /** Arrival times in seconds, non-decreasing. */
  readonly arrivalSeconds: ArrayLike<number>;
  /** Prompt tokens per request (integers ≥ 1). */
  readonly inputTokens: ArrayLike<number>;
  /** Output tokens per request (integers ≥ 1). */
  readonly outputTokens: ArrayLike<number>;
  /** Optional class per request (0 interactive, 1 batch); all interactive when omitted. */
  readonly requestClass?: ArrayLike<number>;
}

function checkInt(x: unknown, path: string): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 1 || x > 2 ** 30) {
    throw new InfraError(
      typeof x === 'number' && !Number.isFinite(x) ? 'NOT_FINITE' : 'OUT_OF_RANGE',
      path,
      `must be an integer in [1, 2^30], got ${String(x)}`,
    );
  }
  return x;
}

/**
 * Validate columns and copy them into a {@link Workload} (the input is never mutated or aliased).
 *
 * @param columns - arrival times, input and output tokens (and optionally classes), equal lengths
 * @returns a validated columnar workload
 * @throws InfraError (`SHAPE_MISMATCH`, `NOT_FINITE`, `OUT_OF_RANGE`, `INVALID_ARGUMENT`) naming the bad
 *   entry, e.g. `workload.arrivalSeconds[3]` when arrivals decrease
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = makeWorkload({ arrivalSeconds: [0, 1], inputTokens: [10, 20], outputTokens: [5, 6] });
 * expect(w.inputTokens[1]).toBe(20);
 * expect(w.requestClass[0]).toBe(INTERACTIVE);
 * expect(() => makeWorkload({ arrivalSeconds: [1, 0], inputTokens: [1, 1], outputTokens: [1, 1] }))
 *   .toThrow('workload.arrivalSeconds[1]');
 * ```
 */
export function makeWorkload(columns: WorkloadColumns): Workload {
  const n = columns.arrivalSeconds.length;
  const path = 'workload';
  for (const key of ['inputTokens', 'outputTokens', 'requestClass'] as const) {
    const col = columns[key];
    if (col !== undefined && col.length !== n) {
      throw new InfraError('SHAPE_MISMATCH', `${path}.${key}`, `must have length ${n}, got ${col.length}`);
    }
  }
  const arrivalSeconds = new Float64Array(n);
  const inputTokens = new Int32Array(n);
  const outputTokens = new Int32Array(n);
  const requestClass = new Uint8Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const t = columns.arrivalSeconds[i];
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new InfraError('NOT_FINITE', `${path}.arrivalSeconds[${i}]`, `must be a finite number, got ${String(t)}`);
    }
    if (t < prev) {
      throw new InfraError(
        'OUT_OF_RANGE',
        `${path}.arrivalSeconds[${i}]`,
        i === 0 ? `must be ≥ 0, got ${t}` : `arrivals must be non-decreasing, got ${t} after ${prev}`,
      );
    }
    prev = t;
    arrivalSeconds[i] = t;
    inputTokens[i] = checkInt(columns.inputTokens[i], `${path}.inputTokens[${i}]`);
    outputTokens[i] = checkInt(columns.outputTokens[i], `${path}.outputTokens[${i}]`);
    const c = columns.requestClass?.[i] ?? INTERACTIVE;
    if (c !== INTERACTIVE && c !== BATCH) {
      throw new InfraError('OUT_OF_RANGE', `${path}.requestClass[${i}]`, `must be 0 or 1, got ${String(c)}`);
    }
    requestClass[i] = c;
  }
  return { arrivalSeconds, inputTokens, outputTokens, requestClass };
}

/**
 * Convert `@infra/types` {@link LlmRequest} objects (sorted by arrival) into a columnar workload.
 * `outputTokens` must be present (it is the simulated ground truth).
 *
 * @param requests - requests sorted by `arrivalTimeSeconds`
 * @returns the columnar workload
 * @throws InfraError when a request lacks `outputTokens` or a field is invalid (path `requests[i]...`)
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = workloadFromRequests([
 *   { id: 'a', arrivalTimeSeconds: 0, inputTokens: 100, outputTokens: 10, requestClass: 'batch', slo: {} },
 * ]);
 * expect(w.requestClass[0]).toBe(BATCH);
 * ```
 */
export function workloadFromRequests(requests: readonly LlmRequest[]): Workload {
  const n = requests.length;
  const out = requests.map((r, i) => {
    if (r.outputTokens === undefined) {
      throw new InfraError('INVALID_ARGUMENT', `requests[${i}].outputTokens`, 'is required to simulate a request');
    }
    return r.outputTokens;
  });
  try {
    return makeWorkload({
      arrivalSeconds: requests.map((r) => r.arrivalTimeSeconds),
      inputTokens: requests.map((r) => r.inputTokens),
      outputTokens: out,
      requestClass: requests.map((r) => (r.requestClass === 'batch' ? BATCH : INTERACTIVE)),
    });
  } catch (e) {
    if (e instanceof InfraError && n > 0) {
      const path = e.path.replace(/^workload\.(\w+)\[(\d+)\]$/, (_m, key: string, i: string) => {
        const name = key === 'arrivalSeconds' ? 'arrivalTimeSeconds' : key;
        return `requests[${i}].${name}`;
      });
      throw new InfraError(e.code, path, e.message.slice(e.path.length + 2));
    }
    throw e;
  }
}

/**
 * Scale the arrival rate by `factor` (times are divided by it, so `factor` 2 doubles the rate and halves
 * every gap). Token counts and classes are shared, not copied (workloads are never mutated).
 *
 * @param workload - the workload to rescale
 * @param factor - rate multiplier, finite and > 0
 * @returns a new workload with arrivals `t / factor`
 * @throws InfraError when `factor` is not a finite positive number
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = makeWorkload({ arrivalSeconds: [0, 2], inputTokens: [1, 1], outputTokens: [1, 1] });
 * expect(Array.from(scaleArrivalRate(w, 2).arrivalSeconds)).toEqual([0, 1]);
 * ```
 */
export function scaleArrivalRate(workload: Workload, factor: number): Workload {
  assertPositive(factor, 'factor');
  const arrivalSeconds = workload.arrivalSeconds.map((t) => t / factor);
  return { ...workload, arrivalSeconds };
}

/**
 * Take the first `count` requests of a workload (views, no copy).
 *
 * @param workload - the workload
 * @param count - number of requests to keep (clamped to the workload size is NOT done: must be ≤ size)
 * @returns the prefix workload
 * @throws InfraError when `count` is not an integer in [0, size]
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = makeWorkload({ arrivalSeconds: [0, 1, 2], inputTokens: [1, 2, 3], outputTokens: [1, 1, 1] });
 * expect(sliceWorkload(w, 2).inputTokens.length).toBe(2);
 * ```
 */
export function sliceWorkload(workload: Workload, count: number): Workload {
  const n = workload.arrivalSeconds.length;
  if (!Number.isInteger(count) || count < 0 || count > n) {
    throw new InfraError('OUT_OF_RANGE', 'count', `must be an integer in [0, ${n}], got ${String(count)}`);
  }
  return {
    arrivalSeconds: workload.arrivalSeconds.subarray(0, count),
    inputTokens: workload.inputTokens.subarray(0, count),
    outputTokens: workload.outputTokens.subarray(0, count),
    requestClass: workload.requestClass.subarray(0, count),
  };
}
