import { describe, expect, test } from 'vitest';
import { truncatedMoments, windowDecode } from './decode-window.js';

const pmf = (values: number[], probs: number[]) => ({ values: Float64Array.from(values), probs: Float64Array.from(probs) });

describe('decode window', () => {
  test('truncated moments of min(X, L)', () => {
    const p = pmf([2, 10], [0.5, 0.5]);
    expect(truncatedMoments(p, 100)).toEqual({ mean: 6, variance: 16 });
    expect(truncatedMoments(p, 4)).toEqual({ mean: 3, variance: 1 });
    expect(truncatedMoments(p, 1)).toEqual({ mean: 1, variance: 0 });
  });

  test('running slots decode min(R, N); requests ahead min(O, N − t) with t spread over the window', () => {
    const run = { pmf: pmf([100], [1]), weight: 3, mean: 100, variance: 0 };
    const w = windowDecode([run], 1, pmf([1000], [1]), 4, 40);
    // running: 3 × 40; ahead at t = 5, 15, 25, 35: 35 + 25 + 15 + 5
    expect(w.mean).toBeCloseTo(120 + 80, 12);
    expect(w.variance).toBe(0);
    // a class beyond `running` (an immediate admission) is not counted twice
    expect(windowDecode([run, run], 1, undefined, 0, 40).mean).toBe(120);
  });

  test('a heavy tail beyond the window adds at most the window to the spread', () => {
    const heavy = pmf([10, 100_000], [0.99, 0.01]);
    const w = windowDecode([], 0, heavy, 16, 50);
    expect(w.variance).toBeLessThan(16 * 50 * 50);
    expect(w.spread).toBeGreaterThan(0);
  });
});
