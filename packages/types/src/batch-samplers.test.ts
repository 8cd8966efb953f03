import { describe, expect, test } from 'vitest';
import { fillGammas, fillNormals } from './batch-samplers.js';
import { createRng } from './rng.js';
import { gammaP, normalCdf } from './special.js';
import { isInfraError } from './errors.js';
import { BINS, N, chiLimit, chiSquare, moments } from './sampler-fit.fixture.js';

describe('fillNormals (ziggurat)', () => {
  // n = 2·10⁶: a ziggurat that skipped its wedge test (accepting every point of the layers' rectangles) would
  // be off by +1.1 % in variance and +0.10 in E[z⁴], 15 and 14 standard errors here.
  const n = 2_000_000;
  const z = fillNormals(createRng(11), new Float64Array(n));
  test('mean, variance and fourth moment within 5 standard errors; χ² fit against Φ over 200 bins', () => {
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (const x of z) {
      m1 += x;
      m2 += x * x;
      m4 += x * x * x * x;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(5 * Math.sqrt(1 / n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    expect(chiSquare(z, (x) => normalCdf(x), BINS, -12, 12)).toBeLessThan(chiLimit(BINS));
  });
  test('the tail beyond R = 3.4426 (layer 0) has the right mass', () => {
    let tail = 0;
    for (const x of z) if (Math.abs(x) > 3.442619855896652) tail++;
    const p = 2 * (1 - normalCdf(3.442619855896652));
    expect(Math.abs(tail / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });
  test('deterministic for a seed, plain arrays and Float64Array alike', () => {
    const a = fillNormals(createRng(5), new Array<number>(100).fill(0));
    const b = Array.from(fillNormals(createRng(5), new Float64Array(100)));
    expect(a).toEqual(b);
    expect(fillNormals(createRng(6), new Array<number>(100).fill(0))).not.toEqual(a);
  });
});

describe('fillGammas (Marsaglia–Tsang on ziggurat normals)', () => {
  test.each([0.3, 1, 2.5, 9, 60.3, 1000])('Gamma(%s): moments and the χ² fit against P(a, x)', (a) => {
    const g = fillGammas(createRng(21), [a], new Float64Array(N));
    const m = moments(g);
    expect(Math.abs(m.mean - a)).toBeLessThan(5 * Math.sqrt(a / N));
    expect(Math.abs(m.variance - a) / a).toBeLessThan(0.05);
    expect(chiSquare(g, (x) => (x <= 0 ? 0 : gammaP(a, x)), BINS, 0, a + 40 * Math.sqrt(a) + 40)).toBeLessThan(chiLimit(BINS));
  });
  test('a buffer of r·m entries holds r joint draws of the m shapes; out may be shapes itself', () => {
    const shapes = [0.7, 3, 60.3];
    const g = fillGammas(createRng(22), shapes, new Float64Array(3 * 100_000));
    shapes.forEach((a, k) => {
      const col = g.filter((_, j) => j % 3 === k);
      expect(chiSquare(col, (x) => (x <= 0 ? 0 : gammaP(a, x)), 100, 0, a + 40 * Math.sqrt(a) + 40)).toBeLessThan(chiLimit(100));
    });
    const inPlace = [2, 5];
    expect(fillGammas(createRng(23), inPlace, inPlace)).toBe(inPlace);
    expect(inPlace).toEqual(fillGammas(createRng(23), [2, 5], [0, 0]));
  });
  test('bad shapes and buffer lengths are InfraErrors naming the argument', () => {
    const rng = createRng(1);
    expect(() => fillGammas(rng, [1, Number.NaN], [0, 0])).toThrow('shapes[1]');
    expect(() => fillGammas(rng, [-1], [0])).toThrow('shapes[0]: must be > 0, got -1');
    expect(() => fillGammas(rng, [1, 2], [0, 0, 0])).toThrow(/^out: length 3 is not a multiple/);
    try {
      fillGammas(rng, [Number.POSITIVE_INFINITY], [0]);
    } catch (e) {
      expect(isInfraError(e)).toBe(true);
    }
  });
});
