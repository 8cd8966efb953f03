import { describe, expect, test } from 'vitest';
import { createRng, isInfraError, normal } from '@infra/types';
import { createIterationModel, iterationCoefficients, observeIteration } from './iteration-model.js';

describe('iterationCoefficients', () => {
  test('recovers α, β, γ from noisy iterations (O(1) updates)', () => {
    const rng = createRng(3);
    let m = createIterationModel({ alpha: 0.05, beta: 1e-3, gamma: 1e-3 });
    for (let i = 0; i < 5000; i++) {
      const b = 1 + Math.floor(rng.next() * 64);
      const p = rng.next() < 0.3 ? Math.floor(rng.next() * 2048) : 0;
      const y = 0.01 + 2e-4 * b + 8e-5 * p;
      m = observeIteration(m, { batchSize: b, prefillTokens: p, seconds: y * (1 + normal(rng, 0, 0.02)) });
    }
    const c = iterationCoefficients(m);
    expect(c.alpha).toBeCloseTo(0.01, 3);
    expect(c.beta / 2e-4).toBeCloseTo(1, 1);
    expect(c.gamma / 8e-5).toBeCloseTo(1, 1);
  });
  test('never negative, α + β > 0, and forgets with a forgetting factor', () => {
    let m = createIterationModel({ alpha: 0.02, beta: 5e-4, gamma: 2e-4 }, { forgetting: 0.99 });
    for (let i = 0; i < 2000; i++) m = observeIteration(m, { batchSize: 1 + (i % 8), seconds: 0.05 });
    for (let i = 0; i < 2000; i++) m = observeIteration(m, { batchSize: 1 + (i % 8), seconds: 0.01 + 0.001 * (1 + (i % 8)) });
    const c = iterationCoefficients(m);
    expect(c.alpha).toBeCloseTo(0.01, 2); // the old regime is forgotten (window ≈ 100 iterations)
    expect(c.beta).toBeCloseTo(0.001, 3);
    expect(c.gamma).toBeGreaterThanOrEqual(0);
  });
  test('one-direction logs (full prefill chunks at b = 1) keep the prior shape at the data scale, not the prior', () => {
    // prior 2.5× too slow; every early iteration is a 2047-token chunk with one sequence
    let m = createIterationModel({ alpha: 0.02, beta: 5e-4, gamma: 2e-4 });
    const truth = (b: number, p: number): number => 0.01 + 2e-4 * b + 8e-5 * p;
    for (let i = 0; i < 100; i++) m = observeIteration(m, { batchSize: 1, prefillTokens: 2047, seconds: truth(1, 2047) });
    const c = iterationCoefficients(m);
    expect(c.alpha + c.beta + 2047 * c.gamma).toBeCloseTo(truth(1, 2047), 4); // the identified combination is fitted
    expect(c.alpha).toBeGreaterThan(0);
    expect(c.beta).toBeGreaterThan(0);
    expect(c.gamma).toBeGreaterThan(0);
    expect(c.gamma).toBeLessThan(1e-4); // not the prior's 2e-4 (the fit used to fall back to it)
  });
  test('bad observations name the field', () => {
    const m = createIterationModel({ alpha: 0.02, beta: 5e-4, gamma: 0 });
    const code = (f: () => unknown): string => {
      try { f(); } catch (e) { if (isInfraError(e)) return `${e.code}@${e.path}`; throw e; }
      return 'none';
    };
    expect(code(() => observeIteration(m, { batchSize: 4, seconds: Number.NaN }))).toBe('NOT_FINITE@obs.seconds');
    expect(code(() => observeIteration(m, { batchSize: -1, seconds: 1 }))).toBe('OUT_OF_RANGE@obs.batchSize');
    expect(code(() => createIterationModel({ alpha: 0.02, beta: 5e-4, gamma: 0 }, { forgetting: 0 }))).toBe('OUT_OF_RANGE@opts.forgetting');
  });
});
