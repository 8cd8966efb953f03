import { assertInteger, assertNonNegative, assertPositive } from '@infra/types';
import { normalWait, pointWait, type WaitDistribution } from './distribution.js';
import { assertIterationCoefficients } from './iteration-model.js';
import { groupHistogram, type EstimateWaitInput } from './estimate-wait.js';
import { residualPmf, tokenMoments, type TokenHistogram } from './token-histogram.js';

function hist(input: EstimateWaitInput, g: string, path: string): TokenHistogram {
  return groupHistogram(input.histograms, g, path);
}

/** Saturated decode throughput Θ = B / (α + β·B) tokens per second of the input's service model. */
function throughput(input: EstimateWaitInput): number {
  const c = assertIterationCoefficients(input.service.coefficients, 'service.coefficients');
  const b = assertInteger(input.service.maxBatchSize, 'service.maxBatchSize', { min: 1 });
  return b / (c.alpha + c.beta * b);
}

/**
 * Baseline: the wait as QLM's public code computes it — `n × tokens / Θ` for the n requests ahead, with
 * a constant token count per request (QLM's `workload_tokens` = 100) or, when `tokensPerRequest` is
 * omitted, each group's mean output length. No variance, no running batch, no prefill.
 *
 * @param input - the same input as `estimateWait`
 * @param tokensPerRequest - constant tokens per request (omit to use the group means)
 * @returns a point distribution
 * @throws InfraError for unknown or empty groups and invalid service models
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = qlmBaselineWait({ histograms: {}, running: [], ahead: [{ group: 'x', count: 10, inputTokens: 0 }],
 *   service: { coefficients: { alpha: 0.01, beta: 0, gamma: 0 }, maxBatchSize: 10 } }, 100);
 * expect(d.mean).toBeCloseTo(1, 12); // 10 × 100 tokens at 1000 tokens/s
 * ```
 */
export function qlmBaselineWait(input: EstimateWaitInput, tokensPerRequest?: number): WaitDistribution {
  const theta = throughput(input);
  input.running.forEach((r, i) => {
    groupHistogram(input.histograms, r.group, `running[${i}].group`);
    for (let j = 0; j < r.generatedTokens.length; j++) assertNonNegative(r.generatedTokens[j], `running[${i}].generatedTokens[${j}]`);
  });
  const fixed = tokensPerRequest === undefined ? undefined : assertPositive(tokensPerRequest, 'tokensPerRequest');
  let tokens = 0;
  input.ahead.forEach((a, i) => {
    const n = assertInteger(a.count, `ahead[${i}].count`, { min: 0 });
    tokens += n * (fixed ?? (n > 0 ? tokenMoments(hist(input, a.group, `ahead[${i}].group`)).mean : 0));
  });
  return pointWait(tokens / theta);
}

/**
 * Baseline: the plain CLT token-drain estimator (reference sheet 2.2) — W ≈ Normal((R_run + Σμ)/Θ,
 * Σσ²/Θ²), with R_run the conditional residual tokens of the whole running batch; no prefill term and
 * no slot correction. Under-covers for small queues with heavy tails, over-estimates large batches.
 *
 * @param input - the same input as `estimateWait`
 * @returns a normal distribution censored at zero
 * @throws InfraError for unknown or empty groups and invalid service models
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = cltBaselineWait({ histograms: { g: [100, 300] }, running: [], ahead: [{ group: 'g', count: 4, inputTokens: 0 }],
 *   service: { coefficients: { alpha: 0.1, beta: 0, gamma: 0 }, maxBatchSize: 100 } });
 * expect(d.quantile(0.5)).toBeCloseTo(0.8, 9); // 4 × 200 tokens at 1000 tokens/s
 * ```
 */
export function cltBaselineWait(input: EstimateWaitInput): WaitDistribution {
  const theta = throughput(input);
  let mean = 0;
  let variance = 0;
  input.running.forEach((r, i) => {
    const h = hist(input, r.group, `running[${i}].group`);
    for (let j = 0; j < r.generatedTokens.length; j++) {
      const p = residualPmf(h, assertNonNegative(r.generatedTokens[j], `running[${i}].generatedTokens[${j}]`), r.maxTokens);
      let m1 = 0;
      for (let q = 0; q < p.values.length; q++) m1 += p.values[q]! * p.probs[q]!;
      mean += m1;
    }
  });
  input.ahead.forEach((a, i) => {
    const n = assertInteger(a.count, `ahead[${i}].count`, { min: 0 });
    if (n === 0) return;
    const m = tokenMoments(hist(input, a.group, `ahead[${i}].group`));
    mean += n * m.mean;
    variance += n * m.variance;
  });
  return normalWait(mean / theta, Math.sqrt(variance) / theta);
}
