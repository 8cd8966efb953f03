import { describe, expect, test } from 'vitest';
import { fillBetas } from './beta-argmax.js';
import { drawBeta } from './beta-sampler.js';
import { createRng } from './rng.js';
import { betaInc } from './special.js';
import { BINS, N, chiLimit, chiSquare, moments } from './sampler-fit.fixture.js';

describe('fillBetas (normal envelope or gamma ratio)', () => {
  // Both sampling paths: the envelope (a, b ≥ 9, not too skewed) and the gamma ratio (small or skewed shapes).
  test.each([
    [60.3, 65.7],
    [9, 9],
    [121.1, 112.9],
    [1000, 900],
    [2, 5],
    [0.5, 0.7],
    [10, 200],
    [12.8, 20.2],
  ])('Beta(%s, %s): moments and the χ² fit against I_x(a, b)', (a, b) => {
    const x = fillBetas(createRng(31), [a], [b], new Float64Array(N));
    const m = moments(x);
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / N));
    expect(Math.abs(m.variance - variance) / variance).toBeLessThan(0.05);
    expect(chiSquare(x, (v) => (v <= 0 ? 0 : v >= 1 ? 1 : betaInc(a, b, v)), BINS, 0, 1)).toBeLessThan(chiLimit(BINS));
  });
  test('joint draws: every column has its own distribution, deterministically for a seed', () => {
    const alpha = [60, 2, 30];
    const beta = [40, 3, 30];
    const x = fillBetas(createRng(32), alpha, beta, new Array<number>(3 * 50_000).fill(0));
    alpha.forEach((a, k) => {
      const col = x.filter((_, j) => j % 3 === k);
      expect(chiSquare(col, (v) => betaInc(a, beta[k] as number, v), 100, 0, 1)).toBeLessThan(chiLimit(100));
    });
    expect(fillBetas(createRng(32), alpha, beta, new Array<number>(30).fill(0))).toEqual(x.slice(0, 30));
  });
  test('bad shapes, mismatched lengths and an aliased buffer are InfraErrors', () => {
    const rng = createRng(1);
    expect(() => fillBetas(rng, [1, 0], [1, 1], [0, 0])).toThrow('alpha[1]: must be > 0, got 0');
    expect(() => fillBetas(rng, [1, 1], [1, Number.NaN], [0, 0])).toThrow('beta[1]');
    expect(() => fillBetas(rng, [1, 1], [1], [0, 0])).toThrow(/^beta: expected 2 shapes/);
    expect(() => fillBetas(rng, [1, 1], [1, 1], [0, 0, 0])).toThrow(/^out: length 3/);
    const a = [2, 3];
    expect(() => fillBetas(rng, a, [1, 1], a)).toThrow('out: must not be alpha or beta');
  });
});

describe('drawBeta (the sampler of fillBetas, one draw at a time)', () => {
  test.each([
    [40.5, 38.2],
    [9.5, 10],
    [30, 70], // mean 0.3: the envelope (κ = 0.79 of the curvature at the mode)
    [12, 28], // small shapes near the envelope's limit (0.77)
    [30, 90], // mean 0.25: the gamma ratio (0.67)
    [1.5, 3],
  ])('drawBeta(%s, %s): the χ² fit against I_x(a, b), and the same stream as fillBetas', (a, b) => {
    const rng = createRng(41);
    const x = new Float64Array(N);
    for (let i = 0; i < N; i++) x[i] = drawBeta(rng, a, b);
    expect(chiSquare(x, (v) => (v <= 0 ? 0 : v >= 1 ? 1 : betaInc(a, b, v)), BINS, 0, 1)).toBeLessThan(chiLimit(BINS));
    expect(Array.from(x.subarray(0, 50))).toEqual(fillBetas(createRng(41), [a], [b], new Array<number>(50).fill(0)));
  });
  test('drawBeta rejects bad shapes by name, including shapes too large for the envelope', () => {
    const rng = createRng(2);
    expect(() => drawBeta(rng, Number.NaN, 20)).toThrow(/^a: /);
    expect(() => drawBeta(rng, 20, Infinity)).toThrow(/^b: /);
    expect(() => drawBeta(rng, 20, -1)).toThrow('b: must be > 0, got -1');
    const huge = drawBeta(rng, 3e70, 1e70); // past the envelope's range: the gamma ratio, still exact
    expect(huge).toBeCloseTo(0.75, 6);
  });
  test('a user-supplied Rng that draws betas itself (re-entrancy) does not disturb the outer draw', () => {
    const inner = createRng(9);
    const base = createRng(10);
    const reentrant = { ...base, nextUint32: () => (drawBeta(inner, 20, 30), base.nextUint32()), next: () => base.next() };
    const plain = createRng(10);
    for (let i = 0; i < 200; i++) expect(drawBeta(reentrant as typeof base, 50, 40)).toBe(drawBeta(plain, 50, 40));
  });
});
