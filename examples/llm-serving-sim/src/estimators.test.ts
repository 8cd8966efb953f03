import { describe, expect, test } from 'vitest';
import { conformalAdapter } from './estimators.js';
import type { ArrivalQuery, EvaluatedEstimator } from './evaluation.js';

// A base estimator that always predicts mean 1 s, p95 1 s.
const constant: EvaluatedEstimator<null> = {
  name: 'constant',
  init: () => null,
  observeCompletion: (s) => s,
  observeIteration: (s) => s,
  predict: () => ({ mean: 1, p95: 1 }),
};
const query = {} as ArrivalQuery;

describe('conformalAdapter', () => {
  test('uses the base p95 until 20 scores exist, then the empirical score quantile', () => {
    const c = conformalAdapter(constant, { step: 0, scaleSeconds: 0 });
    let s = c.init();
    expect(c.predict(s, query).p95).toBe(1);
    // waits 1.0, 1.1, ..., 2.9 s: scores 0, 0.1, ..., 1.9
    for (let i = 0; i < 20; i++) s = c.observeStart?.(s, { request: i, waitSeconds: 1 + i / 10, predictedMean: 1, predictedP95: 1 }) ?? s;
    // rank ⌈21 · 0.95⌉ = 20 → the largest score 1.9 → p95 = 1 + 1.9
    expect(c.predict(s, query).p95).toBeCloseTo(2.9, 12);
    expect(c.predict(s, query).mean).toBe(1);
  });

  test('adaptive level: repeated misses lower the level and raise the bound', () => {
    const c = conformalAdapter(constant, { step: 0.01, window: 100 });
    let s = c.init();
    for (let i = 0; i < 100; i++) s = c.observeStart?.(s, { request: i, waitSeconds: (i % 10) / 5, predictedMean: 1, predictedP95: 1 }) ?? s;
    const before = c.predict(s, query).p95;
    for (let i = 0; i < 30; i++) s = c.observeStart?.(s, { request: 100 + i, waitSeconds: (i % 10) / 5, predictedMean: 1, predictedP95: 0 }) ?? s;
    expect(s.level).toBeLessThan(0.05);
    expect(c.predict(s, query).p95).toBeGreaterThanOrEqual(before);
  });

  test('does not mutate its state', () => {
    const c = conformalAdapter(constant);
    const s = c.init();
    const frozen = JSON.stringify(s);
    c.observeStart?.(s, { request: 0, waitSeconds: 3, predictedMean: 1, predictedP95: 1 });
    expect(JSON.stringify(s)).toBe(frozen);
  });
});
