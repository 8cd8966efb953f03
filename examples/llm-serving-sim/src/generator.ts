import { assertInteger, assertProbability, createRng, exponential, lognormal, normal, type Rng } from '@infra/types';
import type { Workload } from './workload.js';

/** Options of {@link generateAzureCodeWorkload}. */
export interface GeneratorOptions {
  /** Number of requests (default 8 819, the size of the Azure code trace). */
  readonly requests?: number;
  /** Fraction of requests marked batch class (default 0: all interactive, like the trace). */
  readonly batchFraction?: number;
}

/**
 * Quantile knots (probability, tokens) of ContextTokens in the Azure LLM code trace 2023: min 3, p50 1469,
 * p90 5188, p99 7436, max 7437 (published in the data README), other knots measured by us on the trace.
 */
export const CONTEXT_TOKEN_QUANTILES: readonly (readonly [number, number])[] = [
  [0, 3], [0.05, 75], [0.1, 147], [0.2, 385], [0.3, 770], [0.4, 1075], [0.5, 1469], [0.6, 1909],
  [0.7, 2433], [0.8, 3192], [0.9, 5188], [0.95, 7302], [0.98, 7436], [1, 7437],
];

/**
 * Quantile knots of GeneratedTokens in the same trace: min 6, p50 13, p90 55, p99 251, max 1899 (published),
 * other knots measured by us. Above p99.9 the tail is interpolated log-linearly (heavy tail).
 */
export const GENERATED_TOKEN_QUANTILES: readonly (readonly [number, number])[] = [
  [0, 6], [0.05, 6], [0.1, 7], [0.2, 8], [0.3, 9], [0.4, 11], [0.5, 13], [0.6, 16], [0.7, 20],
  [0.8, 29], [0.9, 55], [0.95, 90], [0.98, 169], [0.99, 251], [0.995, 343], [0.999, 824], [1, 1899],
];

/**
 * ON-OFF arrival parameters fitted to the code trace (bursts separated by gaps > 2 s): 96 bursts of mean
 * length 9.0 s (exponential), idle gaps lognormal (log-mean 2.373, log-sd 1.351, conditioned on > 2 s),
 * truncated to [2, 250] s), and within a burst 34.7 % near-simultaneous arrivals (gap < 5 ms) and
 * otherwise lognormal gaps (median 0.099 s, log-sd 0.68) whose scale varies per burst with log-sd 0.42. This reproduces the published inter-arrival mean 0.39 s
 * and CV ≈ 13 (bursty on/off, several idle gaps over two minutes).
 */
export const ARRIVAL_MODEL = {
  /** Mean burst (ON) duration, seconds. */
  meanOnSeconds: 9.0,
  /** Log-mean of idle (OFF) gaps. */
  offLogMean: 2.373,
  /** Log-sd of idle (OFF) gaps. */
  offLogSd: 1.351,
  /** Smallest idle gap, seconds. */
  offMinSeconds: 2,
  /** Largest idle gap, seconds (the trace's longest is 217 s). */
  offMaxSeconds: 250,
  /** Probability that a within-burst gap is near-zero. */
  clusterProbability: 0.347,
  /** Largest near-zero gap, seconds. */
  clusterMaxSeconds: 0.005,
  /** Log-mean of the other within-burst gaps (lognormal). */
  gapLogMean: -2.315,
  /** Log-sd of the other within-burst gaps, net of the per-burst modulation. */
  gapLogSd: 0.68,
  /** Log-sd of the per-burst gap-mean multiplier. */
  burstRateLogSd: 0.42,
} as const;

function sampleQuantiles(rng: Rng, knots: readonly (readonly [number, number])[], logTailFrom: number): number {
  const u = rng.next();
  for (let i = 1; i < knots.length; i++) {
    const [p1, v1] = knots[i] ?? [1, 1];
    if (u <= p1 || i === knots.length - 1) {
      const [p0, v0] = knots[i - 1] ?? [0, 1];
      const f = p1 > p0 ? (u - p0) / (p1 - p0) : 0;
      const v = p0 >= logTailFrom ? Math.exp(Math.log(v0) + f * (Math.log(v1) - Math.log(v0))) : v0 + f * (v1 - v0);
      return Math.max(1, Math.round(v));
    }
  }
  return 1;
}

/**
 * Generate a synthetic workload calibrated to the Azure LLM code trace's published statistics (bursty ON-OFF
 * arrivals with inter-arrival CV ≈ 13, context tokens mean ≈ 2 048 / p50 1 469 / max 7 437, heavy-tailed
 * generated tokens mean ≈ 28 / p50 13 / p99 251 / max 1 899). Used when the real trace is not available.
 *
 * @param seed - integer seed; the same seed gives the same workload
 * @param options - size and class mix
 * @returns a columnar workload starting at time 0
 * @throws InfraError when `requests` is not a positive integer or `batchFraction` is outside [0, 1]
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = generateAzureCodeWorkload(7, { requests: 2000 });
 * expect(w.arrivalSeconds.length).toBe(2000);
 * expect(Math.max(...w.inputTokens)).toBeLessThanOrEqual(7437);
 * expect(generateAzureCodeWorkload(7, { requests: 2000 }).arrivalSeconds).toEqual(w.arrivalSeconds);
 * ```
 */
export function generateAzureCodeWorkload(seed: number, options: GeneratorOptions = {}): Workload {
  const n = assertInteger(options.requests ?? 8819, 'options.requests', { min: 1, max: 1e8 });
  const batchFraction = assertProbability(options.batchFraction ?? 0, 'options.batchFraction');
  const rng = createRng(assertInteger(seed, 'seed', { min: -(2 ** 53), max: 2 ** 53 }));
  const m = ARRIVAL_MODEL;
  const arrivalSeconds = new Float64Array(n);
  const inputTokens = new Int32Array(n);
  const outputTokens = new Int32Array(n);
  const requestClass = new Uint8Array(n);
  let t = 0;
  let i = 0;
  while (i < n) {
    const burstEnd = t + exponential(rng, 1 / m.meanOnSeconds);
    const logScale = m.gapLogMean + normal(rng, 0, m.burstRateLogSd);
    while (i < n) {
      arrivalSeconds[i++] = t;
      const gap = rng.next() < m.clusterProbability ? rng.next() * m.clusterMaxSeconds : lognormal(rng, logScale, m.gapLogSd);
      if (t + gap > burstEnd) break;
      t += gap;
    }
    let off = 0;
    do off = lognormal(rng, m.offLogMean, m.offLogSd);
    while (off < m.offMinSeconds || off > m.offMaxSeconds);
    t += off;
  }
  for (let k = 0; k < n; k++) {
    inputTokens[k] = sampleQuantiles(rng, CONTEXT_TOKEN_QUANTILES, 2);
    outputTokens[k] = sampleQuantiles(rng, GENERATED_TOKEN_QUANTILES, 0.999);
    requestClass[k] = batchFraction > 0 && rng.next() < batchFraction ? 1 : 0;
  }
  return { arrivalSeconds, inputTokens, outputTokens, requestClass };
}
