import { createRng } from './rng.js';
import { InfraError } from './errors.js';
import type { Rng } from './rng.js';
import { logGamma } from './special.js';
import { assertFinite, assertFiniteArray, assertInteger, assertNonNegative, assertPositive, assertProbability } from './validate.js';

/**
 * A uniform draw in [min, max).
 *
 * @param rng - the random stream (advanced)
 * @param min - lower bound (default 0)
 * @param max - upper bound (default 1), ≥ min
 * @returns a number in [min, max)
 * @throws InfraError for non-finite bounds or max < min
 *
 * @example
 * ```ts @import.meta.vitest
 * const x = uniform(createRng(1), 2, 3);
 * expect(x >= 2 && x < 3).toBe(true);
 * ```
 */
export function uniform(rng: Rng, min = 0, max = 1): number {
  assertFinite(min, 'min');
  if (assertFinite(max, 'max') < min) throw new InfraError('OUT_OF_RANGE', 'max', `must be ≥ min (${min}), got ${max}`);
  return min + (max - min) * rng.next();
}

/**
 * A uniform integer in [0, n), without modulo bias.
 *
 * @param rng - the random stream (advanced)
 * @param n - the number of outcomes, a positive safe integer
 * @returns an integer in [0, n)
 * @throws InfraError when n is not a positive integer
 *
 * @example
 * ```ts @import.meta.vitest
 * const k = randomInt(createRng(3), 6);
 * expect(Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
 * ```
 */
export function randomInt(rng: Rng, n: number): number {
  assertInteger(n, 'n', { min: 1 });
  if (n > 0x100000000) return Math.floor(rng.next() * n);
  const limit = 0x100000000 - (0x100000000 % n);
  let x = rng.nextUint32();
  while (x >= limit) x = rng.nextUint32();
  return x % n;
}

/**
 * A Bernoulli draw: true with probability p.
 *
 * @param rng - the random stream (advanced)
 * @param p - probability of true, in [0, 1]
 * @returns the outcome
 * @throws InfraError when p is outside [0, 1]
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(bernoulli(createRng(1), 1)).toBe(true);
 * expect(bernoulli(createRng(1), 0)).toBe(false);
 * ```
 */
export function bernoulli(rng: Rng, p: number): boolean {
  assertProbability(p, 'p');
  return rng.next() < p;
}

/**
 * A normal draw (Box–Muller; one pair per call, the second value discarded so the state stays plain).
 *
 * @param rng - the random stream (advanced)
 * @param mean - mean (default 0)
 * @param sd - standard deviation, ≥ 0 (default 1)
 * @returns a normal variate
 * @throws InfraError for non-finite mean or negative sd
 *
 * @example
 * ```ts @import.meta.vitest
 * const rng = createRng(5);
 * let s = 0;
 * for (let i = 0; i < 20000; i++) s += normal(rng, 3, 2);
 * expect(s / 20000).toBeCloseTo(3, 1);
 * ```
 */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  assertFinite(mean, 'mean');
  assertNonNegative(sd, 'sd');
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A lognormal draw: exp(N(mu, sigma²)).
 *
 * @param rng - the random stream (advanced)
 * @param mu - mean of the logarithm
 * @param sigma - standard deviation of the logarithm, ≥ 0
 * @returns a positive variate
 * @throws InfraError for non-finite mu or negative sigma
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(lognormal(createRng(2), 0, 1)).toBeGreaterThan(0);
 * ```
 */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(normal(rng, mu, sigma));
}

/**
 * An exponential draw with the given rate (mean 1/rate).
 *
 * @param rng - the random stream (advanced)
 * @param rate - events per unit time, > 0
 * @returns a non-negative variate
 * @throws InfraError when rate ≤ 0
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(exponential(createRng(4), 2)).toBeGreaterThanOrEqual(0);
 * ```
 */
export function exponential(rng: Rng, rate: number): number {
  assertPositive(rate, 'rate');
  return -Math.log(1 - rng.next()) / rate;
}

function standardGamma(rng: Rng, shape: number): number {
  if (shape < 1) {
    const u = 1 - rng.next();
    return standardGamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  // Marsaglia & Tsang (2000).
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A gamma draw with shape k and scale θ (mean kθ), by Marsaglia–Tsang.
 *
 * @param rng - the random stream (advanced)
 * @param shape - shape k, > 0
 * @param scale - scale θ, > 0 (default 1)
 * @returns a positive variate
 * @throws InfraError for non-positive parameters
 *
 * @example
 * ```ts @import.meta.vitest
 * const rng = createRng(9);
 * let s = 0;
 * for (let i = 0; i < 20000; i++) s += gamma(rng, 2, 3);
 * expect(s / 20000).toBeCloseTo(6, 0);
 * ```
 */
export function gamma(rng: Rng, shape: number, scale = 1): number {
  assertPositive(shape, 'shape');
  assertPositive(scale, 'scale');
  return scale * standardGamma(rng, shape);
}

/**
 * A beta draw with shapes a and b (mean a / (a + b)).
 *
 * @param rng - the random stream (advanced)
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @returns a variate in [0, 1]
 * @throws InfraError for non-positive shapes
 *
 * @example
 * ```ts @import.meta.vitest
 * const x = beta(createRng(1), 2, 5);
 * expect(x >= 0 && x <= 1).toBe(true);
 * ```
 */
export function beta(rng: Rng, a: number, b: number): number {
  assertPositive(a, 'a');
  assertPositive(b, 'b');
  const x = standardGamma(rng, a);
  const y = standardGamma(rng, b);
  return x / (x + y);
}

/**
 * A Poisson draw with mean λ: multiplication method for λ < 10, Hörmann's PTRS transformed rejection above.
 *
 * @param rng - the random stream (advanced)
 * @param lambda - the mean, ≥ 0
 * @returns a non-negative integer
 * @throws InfraError when lambda is negative or not finite
 *
 * @example
 * ```ts @import.meta.vitest
 * const rng = createRng(11);
 * let s = 0;
 * for (let i = 0; i < 20000; i++) s += poisson(rng, 40);
 * expect(s / 20000).toBeCloseTo(40, 0);
 * ```
 */
export function poisson(rng: Rng, lambda: number): number {
  assertNonNegative(lambda, 'lambda');
  if (lambda === 0) return 0;
  if (lambda < 10) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let prod = rng.next();
    while (prod > limit) {
      k++;
      prod *= rng.next();
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) return k;
  }
}

/**
 * A categorical draw: index i with probability weights[i] / Σ weights.
 *
 * @param rng - the random stream (advanced)
 * @param weights - non-negative weights with a positive sum (a probability vector is fine)
 * @returns the chosen index
 * @throws InfraError for an empty vector, negative or non-finite weights, or a zero sum
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(categorical(createRng(1), [0, 1, 0])).toBe(1);
 * ```
 */
export function categorical(rng: Rng, weights: ArrayLike<number>): number {
  assertFiniteArray(weights, 'weights', { minLength: 1 });
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += assertNonNegative(weights[i], `weights[${i}]`);
  if (!(total > 0)) throw new InfraError('OUT_OF_RANGE', 'weights', 'must have a positive sum');
  const target = rng.next() * total;
  let acc = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w > 0) last = i;
    acc += w;
    if (target < acc) return i;
  }
  return last;
}

/**
 * A Weibull draw with shape k and scale λ: S(t) = exp(−(t/λ)^k).
 *
 * @param rng - the random stream (advanced)
 * @param shape - shape k, > 0
 * @param scale - scale λ, > 0
 * @returns a non-negative variate
 * @throws InfraError for non-positive parameters
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(weibull(createRng(1), 0.7, 100)).toBeGreaterThanOrEqual(0);
 * ```
 */
export function weibull(rng: Rng, shape: number, scale: number): number {
  assertPositive(shape, 'shape');
  assertPositive(scale, 'scale');
  return scale * Math.pow(-Math.log(1 - rng.next()), 1 / shape);
}

/**
 * A uniformly random permutation (Fisher–Yates) as a new array; the input is not changed.
 *
 * @param rng - the random stream (advanced)
 * @param xs - the elements
 * @returns a shuffled copy
 *
 * @example
 * ```ts @import.meta.vitest
 * const xs = [1, 2, 3, 4];
 * const ys = shuffle(createRng(1), xs);
 * expect([...ys].sort()).toEqual([1, 2, 3, 4]);
 * expect(xs).toEqual([1, 2, 3, 4]);
 * ```
 */
export function shuffle<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
