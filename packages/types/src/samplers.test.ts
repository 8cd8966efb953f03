import { describe, expect, test } from 'vitest';
import { bernoulli, beta, categorical, exponential, gamma, lognormal, normal, poisson, randomInt, shuffle, uniform, weibull } from './samplers.js';
import { createRng, type Rng } from './rng.js';
import { checkRobustness, nonFiniteArb } from './testing.js';
import { fc } from '@fast-check/vitest';

function moments(draw: (rng: Rng) => number, n = 100_000, seed = 12345): { mean: number; variance: number } {
  const rng = createRng(seed);
  let mean = 0;
  let m2 = 0;
  for (let i = 1; i <= n; i++) {
    const x = draw(rng);
    const d = x - mean;
    mean += d / i;
    m2 += d * (x - mean);
  }
  return { mean, variance: m2 / (n - 1) };
}

// Each sampler's sample mean and variance must be within ~5 standard errors of the distribution's moments.
describe('samplers reproduce their distributions’ moments (n = 100 000)', () => {
  const cases: [string, (rng: Rng) => number, number, number][] = [
    ['uniform(2, 5)', (r) => uniform(r, 2, 5), 3.5, 0.75],
    ['normal(3, 2)', (r) => normal(r, 3, 2), 3, 4],
    ['lognormal(0, 0.5)', (r) => lognormal(r, 0, 0.5), Math.exp(0.125), (Math.exp(0.25) - 1) * Math.exp(0.25)],
    ['exponential(4)', (r) => exponential(r, 4), 0.25, 0.0625],
    ['gamma(0.3, 2)', (r) => gamma(r, 0.3, 2), 0.6, 1.2],
    ['gamma(7.5, 1)', (r) => gamma(r, 7.5), 7.5, 7.5],
    ['beta(2, 5)', (r) => beta(r, 2, 5), 2 / 7, 10 / (49 * 8)],
    ['poisson(3)', (r) => poisson(r, 3), 3, 3],
    ['poisson(250)', (r) => poisson(r, 250), 250, 250],
    ['weibull(0.7, 10)', (r) => weibull(r, 0.7, 10), 10 * 1.2658235060572836, 100 * (5.029144702140307 - 1.2658235060572836 ** 2)],
    ['randomInt(7)', (r) => randomInt(r, 7), 3, 4],
    ['bernoulli(0.3)', (r) => (bernoulli(r, 0.3) ? 1 : 0), 0.3, 0.21],
  ];
  test.each(cases)('%s', (_name, draw, mean, variance) => {
    const m = moments(draw);
    const se = Math.sqrt(variance / 100_000);
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * se);
    expect(Math.abs(m.variance - variance) / variance).toBeLessThan(0.05);
  });
});

describe('categorical(rng, weights)', () => {
  test('draws index i with frequency weights[i] / Σ weights', () => {
    const rng = createRng(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[categorical(rng, [1, 0, 3, 6])]! += 1;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[3]! / 100_000 - 0.6)).toBeLessThan(0.01);
  });
  test('rejects empty, negative and all-zero weights', () => {
    const rng = createRng(1);
    expect(() => categorical(rng, [])).toThrow(/weights/);
    expect(() => categorical(rng, [1, -1])).toThrow('weights[1]: must be ≥ 0, got -1');
    expect(() => categorical(rng, [0, 0])).toThrow('weights: must have a positive sum');
  });
});

describe('shuffle(rng, xs)', () => {
  test('returns a permutation and leaves the input alone', () => {
    fc.assert(fc.property(fc.array(fc.integer()), fc.integer(), (xs, seed) => {
      const copy = [...xs];
      const ys = shuffle(createRng(seed), xs);
      return JSON.stringify(xs) === JSON.stringify(copy) && JSON.stringify([...ys].sort()) === JSON.stringify([...xs].sort());
    }));
  });
});

describe('sampler parameters', () => {
  test('non-finite parameters are InfraErrors, never NaN draws', () => {
    const rng = createRng(1);
    const all = [
      (x: number) => uniform(rng, x, 1),
      (x: number) => normal(rng, 0, x),
      (x: number) => exponential(rng, x),
      (x: number) => gamma(rng, x),
      (x: number) => beta(rng, 1, x),
      (x: number) => poisson(rng, x),
      (x: number) => weibull(rng, x, 1),
      (x: number) => lognormal(rng, x, 1),
      (x: number) => randomInt(rng, x),
      (x: number) => bernoulli(rng, x),
    ];
    for (const f of all) checkRobustness(f, nonFiniteArb(), { numRuns: 10 });
  });
  test('out-of-range parameters name the argument', () => {
    const rng = createRng(1);
    expect(() => exponential(rng, 0)).toThrow('rate: must be > 0, got 0');
    expect(() => gamma(rng, -1)).toThrow('shape: must be > 0, got -1');
    expect(() => uniform(rng, 2, 1)).toThrow('max: must be ≥ min (2), got 1');
    expect(() => randomInt(rng, 0)).toThrow('n: must be ≥ 1, got 0');
    expect(() => poisson(rng, -2)).toThrow('lambda: must be ≥ 0, got -2');
  });
});
