import { assertInteger, assertPositive, createRng, exponential, lognormal, randomInt } from '@infra/types';
import type { Workload } from './workload.js';

/** Options of {@link generateHeavyTailWorkload}. */
export interface HeavyTailOptions {
  /** Number of requests (default 5000). */
  readonly requests?: number;
  /** Median output tokens (default 100). */
  readonly medianOutputTokens?: number;
  /** Log-sd σ of the lognormal output length (default 1.2; σ ≥ 1 is heavy-tailed). */
  readonly outputLogSd?: number;
  /** Generation cap `max_tokens` (default 2048): longer outputs are truncated, as engines do. */
  readonly maxOutputTokens?: number;
  /** Prompt tokens are uniform in [minInputTokens, maxInputTokens] (default 50..300). */
  readonly minInputTokens?: number;
  /** Upper end of the prompt range (default 300). */
  readonly maxInputTokens?: number;
}

/**
 * A decode-heavy workload with heavy-tailed (lognormal, truncated at `max_tokens`) output lengths and
 * Poisson arrivals at 1 request/s (rescale with `scaleToUtilization`). It complements the prefill-dominated
 * Azure code trace: here the wait is governed by departures of running sequences, which is where a plain
 * CLT over output lengths under-covers for small queues.
 *
 * @param seed - integer seed
 * @param options - size and distribution parameters
 * @returns a columnar workload
 * @throws InfraError on a non-integer size or non-positive parameters
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = generateHeavyTailWorkload(1, { requests: 100 });
 * expect(w.outputTokens.every((x) => x >= 1 && x <= 2048)).toBe(true);
 * ```
 */
export function generateHeavyTailWorkload(seed: number, options: HeavyTailOptions = {}): Workload {
  const n = assertInteger(options.requests ?? 5000, 'options.requests', { min: 1, max: 1e8 });
  const median = assertPositive(options.medianOutputTokens ?? 100, 'options.medianOutputTokens');
  const sigma = assertPositive(options.outputLogSd ?? 1.2, 'options.outputLogSd');
  const cap = assertInteger(options.maxOutputTokens ?? 2048, 'options.maxOutputTokens', { min: 1 });
  const lo = assertInteger(options.minInputTokens ?? 50, 'options.minInputTokens', { min: 1 });
  const hi = assertInteger(options.maxInputTokens ?? 300, 'options.maxInputTokens', { min: lo });
  const rng = createRng(assertInteger(seed, 'seed', { min: -(2 ** 53), max: 2 ** 53 }));
  const arrivalSeconds = new Float64Array(n);
  const inputTokens = new Int32Array(n);
  const outputTokens = new Int32Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    arrivalSeconds[i] = t;
    t += exponential(rng, 1);
    inputTokens[i] = lo + randomInt(rng, hi - lo + 1);
    outputTokens[i] = Math.min(cap, Math.max(1, Math.round(lognormal(rng, Math.log(median), sigma))));
  }
  return { arrivalSeconds, inputTokens, outputTokens, requestClass: new Uint8Array(n) };
}
