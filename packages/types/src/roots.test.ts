import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { expandBracket, findRoot } from './roots.js';

describe('findRoot(f, lo, hi)', () => {
  test('finds the root of any bracketed cubic to 1e-10', () => {
    fc.assert(fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (r) => {
      const f = (x: number): number => (x - r) * ((x - r) * (x - r) + 1);
      return Math.abs(findRoot(f, -200, 200, { tol: 1e-12 }) - r) < 1e-10;
    }));
  });
  test('handles a root at an end point and a step function', () => {
    expect(findRoot((x) => x, 0, 1)).toBe(0);
    expect(findRoot((x) => (x < 0.3 ? -1 : 1), 0, 1)).toBeCloseTo(0.3, 10);
  });
  test('reports NaN from f and a missing sign change as InfraErrors', () => {
    expect(() => findRoot(() => Number.NaN, 0, 1)).toThrow('f: returned NaN at x = 0');
    expect(() => findRoot((x) => x * x + 1, -1, 1)).toThrow(/same sign/);
    expect(() => findRoot((x) => x, 0, 1, { maxIter: 0 })).toThrow('opts.maxIter: must be ≥ 1, got 0');
  });
});

describe('expandBracket(f, lo, hi)', () => {
  test('respects a lower limit', () => {
    const [lo, hi] = expandBracket((x) => Math.log(x) - 10, 0.5, 1, { lowerLimit: 0 });
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(Math.log(hi) - 10).toBeGreaterThanOrEqual(0);
  });
  test('fails with NOT_CONVERGED when there is no sign change', () => {
    expect(() => expandBracket(() => 1, 0, 1, { maxIter: 10 })).toThrow(/no sign change/);
  });
});
