import { InfraError } from './errors.js';
import { assertInteger, assertNonNegative, assertOneOf, assertPlainObject, assertPositive, assertString } from './validate.js';

/** The service class of an LLM request: latency-critical interactive traffic or throughput-oriented batch work. */
export type RequestClass = 'interactive' | 'batch';

/**
 * A request's service-level objective. Interactive requests usually set time-to-first-token and inter-token
 * latency; batch requests usually set a completion deadline. All times in seconds.
 */
export interface RequestSlo {
  /** Time to first token, seconds after arrival. */
  readonly ttftSeconds?: number;
  /** Maximum (or target mean) inter-token latency, seconds per output token. */
  readonly itlSeconds?: number;
  /** Completion deadline, seconds after arrival. */
  readonly deadlineSeconds?: number;
}

/** One LLM inference request as seen by a scheduler or estimator. */
export interface LlmRequest {
  /** Unique request id. */
  readonly id: string;
  /** Arrival time, seconds on the caller's clock. */
  readonly arrivalTimeSeconds: number;
  /** Prompt (context) length in tokens. */
  readonly inputTokens: number;
  /** Output length in tokens, once known (completed requests, traces). */
  readonly outputTokens?: number;
  /** The request's generation cap (`max_tokens`), in tokens. */
  readonly maxOutputTokens?: number;
  /** Interactive or batch. */
  readonly requestClass: RequestClass;
  /** The model the request targets. */
  readonly model?: string;
  /** The request's SLO. */
  readonly slo: RequestSlo;
}

/** A model-serving instance (one replica of one model) with a continuous-batching engine. */
export interface ServingInstance {
  /** Unique instance id. */
  readonly id: string;
  /** The model currently loaded. */
  readonly model: string;
  /** Maximum number of requests in one batch. */
  readonly maxBatchSize: number;
  /** KV-cache capacity, in tokens. */
  readonly kvCacheTokens: number;
  /** Fixed per-iteration time α, seconds. */
  readonly iterationBaseSeconds: number;
  /** Per-request per-iteration time β, seconds per running request. */
  readonly iterationPerRequestSeconds: number;
  /** Per-prefill-token time γ, seconds per prompt token processed in an iteration. */
  readonly prefillPerTokenSeconds?: number;
}

function optionalNonNegative(o: Record<string, unknown>, key: string, path: string): void {
  if (o[key] !== undefined) assertNonNegative(o[key], `${path}.${key}`);
}

/**
 * Validate an {@link LlmRequest} (ids, finite non-negative times, integer token counts, known class).
 *
 * @param x - the candidate request
 * @param path - the argument's path (default `request`)
 * @returns `x`, typed
 * @throws InfraError naming the first bad field
 *
 * @example
 * ```ts @import.meta.vitest
 * const r = { id: 'r1', arrivalTimeSeconds: 0.5, inputTokens: 100, requestClass: 'interactive', slo: { ttftSeconds: 1 } };
 * expect(assertLlmRequest(r).id).toBe('r1');
 * expect(() => assertLlmRequest({ ...r, inputTokens: -1 })).toThrow('request.inputTokens: must be ≥ 0, got -1');
 * ```
 */
export function assertLlmRequest(x: unknown, path = 'request'): LlmRequest {
  const o = assertPlainObject(x, path);
  assertString(o['id'], `${path}.id`);
  assertNonNegative(o['arrivalTimeSeconds'], `${path}.arrivalTimeSeconds`);
  assertInteger(o['inputTokens'], `${path}.inputTokens`, { min: 0 });
  if (o['outputTokens'] !== undefined) assertInteger(o['outputTokens'], `${path}.outputTokens`, { min: 0 });
  if (o['maxOutputTokens'] !== undefined) assertInteger(o['maxOutputTokens'], `${path}.maxOutputTokens`, { min: 1 });
  assertOneOf(o['requestClass'], `${path}.requestClass`, ['interactive', 'batch']);
  if (o['model'] !== undefined) assertString(o['model'], `${path}.model`);
  const slo = assertPlainObject(o['slo'], `${path}.slo`);
  optionalNonNegative(slo, 'ttftSeconds', `${path}.slo`);
  optionalNonNegative(slo, 'itlSeconds', `${path}.slo`);
  optionalNonNegative(slo, 'deadlineSeconds', `${path}.slo`);
  return x as LlmRequest;
}

/**
 * Validate a {@link ServingInstance}.
 *
 * @param x - the candidate instance
 * @param path - the argument's path (default `instance`)
 * @returns `x`, typed
 * @throws InfraError naming the first bad field
 *
 * @example
 * ```ts @import.meta.vitest
 * const inst = { id: 'i0', model: 'llama', maxBatchSize: 64, kvCacheTokens: 200000, iterationBaseSeconds: 0.01, iterationPerRequestSeconds: 0.0002 };
 * expect(assertServingInstance(inst).maxBatchSize).toBe(64);
 * expect(() => assertServingInstance({ ...inst, maxBatchSize: 0 })).toThrow('instance.maxBatchSize: must be ≥ 1, got 0');
 * ```
 */
export function assertServingInstance(x: unknown, path = 'instance'): ServingInstance {
  const o = assertPlainObject(x, path);
  assertString(o['id'], `${path}.id`);
  assertString(o['model'], `${path}.model`);
  assertInteger(o['maxBatchSize'], `${path}.maxBatchSize`, { min: 1 });
  assertInteger(o['kvCacheTokens'], `${path}.kvCacheTokens`, { min: 1 });
  assertPositive(o['iterationBaseSeconds'], `${path}.iterationBaseSeconds`);
  assertNonNegative(o['iterationPerRequestSeconds'], `${path}.iterationPerRequestSeconds`);
  optionalNonNegative(o, 'prefillPerTokenSeconds', path);
  if ((o['maxBatchSize'] as number) > (o['kvCacheTokens'] as number)) {
    throw new InfraError('OUT_OF_RANGE', `${path}.maxBatchSize`, 'cannot exceed kvCacheTokens (each request holds ≥ 1 token)');
  }
  return x as ServingInstance;
}
