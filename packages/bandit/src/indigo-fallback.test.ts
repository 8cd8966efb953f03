import { createRng, isInfraError } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { conservativeFallback } from './indigo-fallback.js';
import { linTS, linUCB } from './linear-policies.js';

describe('conservativeFallback', () => {
  const arms = ['hold', 'conservative', 'aggressive'];
  test('falls back on a fresh state for large contexts and keeps a valid probability vector', () => {
    const policy = linTS({ arms, dimension: 2, samples: 8 });
    const s = policy.init();
    const rng = createRng(3);
    for (let i = 0; i < 50; i++) {
      const x = [1, 3 * rng.next()];
      const d = policy.decide(s, x, rng);
      const out = conservativeFallback(s, x, d, { maxSd: 1.5 });
      const p = out.probabilities ?? [];
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(out.propensity).toBe(p[arms.indexOf(String(out.action))]);
      const sd = Math.hypot(1, x[1]!);
      if (sd > 1.5) expect(out.action).toBe('hold');
      else expect(out.action).toBe(d.action);
    }
  });
  test('stops falling back once the arm has been learned', () => {
    const policy = linUCB({ arms, dimension: 2, alpha: 0 });
    let s = policy.init();
    for (let i = 0; i < 100; i++) s = policy.update(s, { action: 'aggressive', reward: 1, context: [1, (i % 10) / 5] });
    const d = { action: 'aggressive', probabilities: [0, 0, 1], propensity: 1 };
    expect(conservativeFallback(s, [1, 1], d, { maxSd: 0.5 }).action).toBe('aggressive');
    expect(conservativeFallback(policy.init(), [1, 1], d, { maxSd: 0.5 }).action).toBe('hold');
  });
  test('names bad arguments', () => {
    const s = linUCB({ arms, dimension: 1 }).init();
    const d = { action: 'hold', probabilities: [1, 0, 0], propensity: 1 };
    const codeOf = (f: () => unknown): string => {
      try {
        f();
        return 'none';
      } catch (e) {
        return isInfraError(e) ? `${e.code} ${e.path}` : 'other';
      }
    };
    expect(codeOf(() => conservativeFallback(s, [1], d, { maxSd: 0 }))).toBe('OUT_OF_RANGE options.maxSd');
    expect(codeOf(() => conservativeFallback(s, [1], d, { maxSd: 1, safeArm: 'nope' }))).toBe('UNKNOWN_ID options.safeArm');
    expect(codeOf(() => conservativeFallback(s, [Number.NaN], d, { maxSd: 1 }))).toBe('NOT_FINITE context[0]');
    expect(codeOf(() => conservativeFallback(s, [1], { action: 'hold' }, { maxSd: 1 }))).toBe('INVALID_ARGUMENT decision.probabilities');
  });
});
