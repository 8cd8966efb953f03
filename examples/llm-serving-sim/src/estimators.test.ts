import { describe, expect, test } from 'vitest';
import { DEFAULT_SIMULATOR_CONFIG } from './config.js';
import { calibratedAdapter } from './estimators.js';
import type { ArrivalQuery } from './evaluation.js';

const query: ArrivalQuery = {
  request: 0,
  timeSeconds: 0,
  queueAhead: 40,
  queuedInputTokensAhead: 80_000,
  inputTokens: 2000,
  runningGenerated: Int32Array.from([3, 10, 20]),
  runningPrefillRemaining: Int32Array.from([0, 0, 0]),
  iterationRemainingSeconds: 0.05,
  kvUsedTokens: 10_000,
  config: DEFAULT_SIMULATOR_CONFIG,
};

describe('calibratedAdapter', () => {
  test('uses the model bound until the stratum has 30 scores, then the calibrated one; the mean is untouched', () => {
    const c = calibratedAdapter();
    let s = c.init();
    const first = c.predict(s, query);
    expect(first.basis?.stratum).toBe('k>30');
    expect(first.p95).toBeCloseTo(first.mean + (first.basis?.spread ?? Number.NaN), 9);
    // every started request waited 3 model spreads above its mean
    for (let i = 0; i < 30; i++) {
      const basis = first.basis!;
      s = c.observeStart?.(s, { request: i, waitSeconds: basis.mean + 3 * basis.spread, predictedMean: first.mean, predictedP95: first.p95, basis }) ?? s;
    }
    const later = c.predict(s, query);
    expect(later.mean).toBe(first.mean);
    expect(later.p95).toBeCloseTo(first.mean + 3 * first.basis!.spread, 9);
  });

  test('starts without a basis are ignored and the state is not mutated', () => {
    const c = calibratedAdapter();
    const s = c.init();
    const frozen = JSON.stringify(s);
    expect(c.observeStart?.(s, { request: 0, waitSeconds: 3, predictedMean: 1, predictedP95: 1 })).toBe(s);
    c.observeStart?.(s, { request: 0, waitSeconds: 3, predictedMean: 1, predictedP95: 1, basis: { mean: 1, spread: 1, stratum: 'k=1' } });
    expect(JSON.stringify(s)).toBe(frozen);
  });
});
