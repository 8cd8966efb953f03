import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { jobRunProbability, sparesNeeded } from './spares.js';

describe('sparesNeeded', () => {
  test('n = 100, MTBF 1 000 h, MTTR 24 h, target 0.99 → 7 spares (P = 0.99619)', () => {
    const r = sparesNeeded({ nodes: 100, mtbf: 1000, mttr: 24, target: 0.99 });
    expect(r.unavailability).toBeCloseTo(0.0234375, 12);
    expect(r.spares).toBe(7);
    expect(r.probability).toBeCloseTo(0.99619, 5);
    expect(jobRunProbability(100, 6, r.unavailability)).toBeLessThan(0.99);
  });
  test('returns the smallest s meeting the target', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0.5, max: 0.9999, noNaN: true }), (n, u, target) => {
        const r = sparesNeeded({ nodes: n, unavailability: u, target });
        expect(r.probability).toBeGreaterThanOrEqual(target);
        if (r.spares > 0) expect(jobRunProbability(n, r.spares - 1, u)).toBeLessThan(target);
      }),
      { numRuns: 60 },
    );
  });
  test('probability is in [0, 1] and non-decreasing in spares', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, s, u) => {
        const p = jobRunProbability(n, s, u);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(jobRunProbability(n, s + 1, u)).toBeGreaterThanOrEqual(p - 1e-12);
      }),
    );
  });
  test('typed errors for bad input', () => {
    expect(() => sparesNeeded({ nodes: 0, unavailability: 0.1, target: 0.9 })).toThrow('input.nodes');
    expect(() => sparesNeeded({ nodes: 10, unavailability: 0.1, target: 1 })).toThrow('input.target');
    expect(() => sparesNeeded({ nodes: 10, unavailability: 0.9, target: 0.999, maxSpares: 3 })).toThrow('not reached');
  });
});
