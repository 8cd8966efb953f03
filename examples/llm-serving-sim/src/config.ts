import { InfraError, assertInteger, assertNonNegative, assertPositive, assertPlainObject } from '@infra/types';
import type { Workload } from './workload.js';

/**
 * Queue order inside an instance: `'fcfs'` (arrival order), `'priority'` (interactive before batch, FCFS
 * within a class) or a key function (lower key is served first, ties by arrival). The key is computed
 * once, when the request arrives.
 */
export type QueueOrder = 'fcfs' | 'priority' | ((request: number, workload: Workload) => number);

/**
 * How an arriving request is assigned to an instance (each instance has its own queue, as in QLM's
 * virtual queues): `'least-work'` picks the instance with the fewest outstanding prefill tokens plus
 * running sequences (ties: lowest index), `'round-robin'` cycles, `'random'` uses the seeded RNG, and
 * `'global'` keeps one shared queue that every instance pulls from at each iteration (idle instances are
 * woken in index order); a request's instance is then the one that admits it.
 */
export type DispatchPolicy = 'least-work' | 'round-robin' | 'random' | 'global';

/**
 * Simulated cluster: identical continuous-batching instances (vLLM / Sarathi-style iteration scheduler).
 * One iteration lasts `alpha + beta·b + gamma·p` seconds, where `b` is the number of sequences in the
 * iteration and `p` the prefill tokens it processes.
 */
export interface SimulatorConfig {
  /** Number of identical instances (≥ 1). */
  readonly instances: number;
  /** Fixed per-iteration time α in seconds (weight loading, launch overhead). */
  readonly alphaSeconds: number;
  /** Per-sequence iteration time β in seconds (attention / KV reads per sequence). */
  readonly betaSecondsPerSequence: number;
  /** Per-prefill-token iteration time γ in seconds. */
  readonly gammaSecondsPerPrefillToken: number;
  /** KV-cache capacity per instance in tokens; a request reserves input + output tokens when admitted. */
  readonly kvCapacityTokens: number;
  /** Maximum sequences in a batch (vLLM `max_num_seqs`). */
  readonly maxBatchSize: number;
  /**
   * Token budget per iteration, decode tokens included (vLLM `max_num_batched_tokens`); prefills are
   * chunked to fit (Sarathi-style stall-free batching). Must be ≥ `maxBatchSize`.
   */
  readonly maxBatchedTokens: number;
  /** Queue order within an instance (default `'fcfs'`). */
  readonly queueOrder?: QueueOrder;
  /** Dispatch policy across instances (default `'least-work'`). */
  readonly dispatch?: DispatchPolicy;
  /** Record the queue snapshot seen by each request at arrival (default true). */
  readonly recordSnapshots?: boolean;
  /** Record a per-iteration log (batch size, prefill tokens, duration; default false). */
  readonly recordIterations?: boolean;
}

/**
 * A 7B-class model on one 80 GB GPU (rounded, illustrative): 10 ms per iteration, 0.2 ms per sequence,
 * 0.08 ms per prefill token (12.5 k prefill tokens/s), 100 k KV tokens, 64 sequences, 2048-token budget.
 */
export const DEFAULT_SIMULATOR_CONFIG: SimulatorConfig = {
  instances: 1,
  alphaSeconds: 0.01,
  betaSecondsPerSequence: 0.0002,
  gammaSecondsPerPrefillToken: 0.00008,
  kvCapacityTokens: 100_000,
  maxBatchSize: 64,
  maxBatchedTokens: 2048,
};

/**
 * Validate a simulator configuration against a workload (every request must fit the KV cache alone).
 *
 * @param config - the configuration
 * @param workload - the workload it will run (checked for KV fit)
 * @returns the configuration with defaults filled in
 * @throws InfraError naming the bad field (`config.maxBatchedTokens`, `workload.inputTokens[i]`, ...)
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = { arrivalSeconds: Float64Array.of(0), inputTokens: Int32Array.of(10),
 *   outputTokens: Int32Array.of(2), requestClass: Uint8Array.of(0) };
 * expect(validateConfig(DEFAULT_SIMULATOR_CONFIG, w).queueOrder).toBe('fcfs');
 * expect(() => validateConfig({ ...DEFAULT_SIMULATOR_CONFIG, instances: 0 }, w)).toThrow('config.instances');
 * ```
 */
export function validateConfig(config: SimulatorConfig, workload: Workload): Required<SimulatorConfig> {
  assertPlainObject(config, 'config');
  assertInteger(config.instances, 'config.instances', { min: 1, max: 1_000_000 });
  assertNonNegative(config.alphaSeconds, 'config.alphaSeconds');
  assertNonNegative(config.betaSecondsPerSequence, 'config.betaSecondsPerSequence');
  assertNonNegative(config.gammaSecondsPerPrefillToken, 'config.gammaSecondsPerPrefillToken');
  assertPositive(config.alphaSeconds + config.betaSecondsPerSequence, 'config.alphaSeconds');
  assertInteger(config.kvCapacityTokens, 'config.kvCapacityTokens', { min: 1, max: 2 ** 40 });
  assertInteger(config.maxBatchSize, 'config.maxBatchSize', { min: 1, max: 1_000_000 });
  assertInteger(config.maxBatchedTokens, 'config.maxBatchedTokens', { min: config.maxBatchSize, max: 2 ** 30 });
  const queueOrder = config.queueOrder ?? 'fcfs';
  if (typeof queueOrder !== 'function' && queueOrder !== 'fcfs' && queueOrder !== 'priority') {
    throw new InfraError('INVALID_ARGUMENT', 'config.queueOrder', `must be 'fcfs', 'priority' or a function`);
  }
  const dispatch = config.dispatch ?? 'least-work';
  if (dispatch !== 'least-work' && dispatch !== 'round-robin' && dispatch !== 'random' && dispatch !== 'global') {
    throw new InfraError('INVALID_ARGUMENT', 'config.dispatch', `must be 'least-work', 'round-robin', 'random' or 'global'`);
  }
  const n = workload.arrivalSeconds.length;
  for (let i = 0; i < n; i++) {
    const need = (workload.inputTokens[i] ?? 0) + (workload.outputTokens[i] ?? 0);
    if (need > config.kvCapacityTokens) {
      throw new InfraError(
        'OUT_OF_RANGE',
        `workload.inputTokens[${i}]`,
        `input + output tokens (${need}) exceed config.kvCapacityTokens (${config.kvCapacityTokens})`,
      );
    }
  }
  return { ...config, queueOrder, dispatch, recordSnapshots: config.recordSnapshots ?? true, recordIterations: config.recordIterations ?? false };
}
