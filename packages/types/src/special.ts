import { InfraError } from './errors.js';
import { assertFinite, assertFiniteArray, assertInRange, assertPositive } from './validate.js';
import { expandBracket, findRoot } from './roots.js';

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * Natural logarithm of the gamma function, ln Γ(x), for x > 0 (Lanczos approximation, ~1e-15 relative).
 *
 * @param x - a positive finite number
 * @returns ln Γ(x)
 * @throws InfraError when `x` is not positive and finite
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
 * expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
 * ```
 */
export function logGamma(x: number): number {
  assertPositive(x, 'x');
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-16;
const TINY = 1e-300;

function gammaSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < 10_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * Regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
 *
 * @param a - shape, > 0
 * @param x - argument, ≥ 0
 * @returns P(a, x) in [0, 1]
 * @throws InfraError for a ≤ 0 or x < 0
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(gammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14);
 * ```
 */
export function gammaP(a: number, x: number): number {
  assertPositive(a, 'a');
  if (assertFinite(x, 'x') < 0) throw new InfraError('OUT_OF_RANGE', 'x', `must be ≥ 0, got ${x}`);
  if (x === 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/**
 * Regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), accurate in the upper tail.
 *
 * @param a - shape, > 0
 * @param x - argument, ≥ 0
 * @returns Q(a, x) in [0, 1]
 * @throws InfraError for a ≤ 0 or x < 0
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(gammaQ(1, 50)).toBeCloseTo(Math.exp(-50), 30);
 * ```
 */
export function gammaQ(a: number, x: number): number {
  assertPositive(a, 'a');
  if (assertFinite(x, 'x') < 0) throw new InfraError('OUT_OF_RANGE', 'x', `must be ≥ 0, got ${x}`);
  if (x === 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularized incomplete beta function I_x(a, b).
 *
 * @param a - first shape, > 0
 * @param b - second shape, > 0
 * @param x - argument in [0, 1]
 * @returns I_x(a, b) in [0, 1]
 * @throws InfraError for non-positive shapes or x outside [0, 1]
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(betaInc(1, 1, 0.3)).toBeCloseTo(0.3, 14);
 * expect(betaInc(2, 3, 0.4)).toBeCloseTo(0.5248, 12);
 * ```
 */
export function betaInc(a: number, b: number, x: number): number {
  assertPositive(a, 'a');
  assertPositive(b, 'b');
  assertInRange(x, 'x', 0, 1);
  if (x === 0 || x === 1) return x;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * The error function erf(x).
 *
 * @param x - a finite number
 * @returns erf(x) in [−1, 1]
 * @throws InfraError when `x` is not finite
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(erf(1)).toBeCloseTo(0.8427007929497149, 14);
 * expect(erf(-1)).toBeCloseTo(-0.8427007929497149, 14);
 * ```
 */
export function erf(x: number): number {
  assertFinite(x, 'x');
  if (x === 0) return 0;
  const v = gammaP(0.5, x * x);
  return x > 0 ? v : -v;
}

/**
 * The complementary error function erfc(x) = 1 − erf(x), accurate in the upper tail.
 *
 * @param x - a finite number
 * @returns erfc(x) in [0, 2]
 * @throws InfraError when `x` is not finite
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(erfc(5)).toBeCloseTo(1.5374597944280349e-12, 24);
 * ```
 */
export function erfc(x: number): number {
  assertFinite(x, 'x');
  if (x === 0) return 1;
  return x > 0 ? gammaQ(0.5, x * x) : 1 + gammaP(0.5, x * x);
}

/**
 * Cumulative distribution function of the normal distribution.
 *
 * @param x - the point
 * @param mean - mean (default 0)
 * @param sd - standard deviation, > 0 (default 1)
 * @returns P(X ≤ x)
 * @throws InfraError for non-finite input or sd ≤ 0
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(normalCdf(0)).toBe(0.5);
 * expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
 * ```
 */
export function normalCdf(x: number, mean = 0, sd = 1): number {
  assertFinite(x, 'x');
  assertFinite(mean, 'mean');
  assertPositive(sd, 'sd');
  return 0.5 * erfc(-(x - mean) / (sd * Math.SQRT2));
}

const QA = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const QB = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const QC = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const QD = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function acklam(p: number): number {
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((QC[0]! * q + QC[1]!) * q + QC[2]!) * q + QC[3]!) * q + QC[4]!) * q + QC[5]!) /
      ((((QD[0]! * q + QD[1]!) * q + QD[2]!) * q + QD[3]!) * q + 1);
  }
  if (p > 1 - low) return -acklam(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((QA[0]! * r + QA[1]!) * r + QA[2]!) * r + QA[3]!) * r + QA[4]!) * r + QA[5]!) * q) /
    (((((QB[0]! * r + QB[1]!) * r + QB[2]!) * r + QB[3]!) * r + QB[4]!) * r + 1);
}

/**
 * Quantile (inverse CDF) of the normal distribution, to full double precision (Acklam's rational
 * approximation refined by Halley steps on erfc). `p = 0` and `p = 1` give ∓Infinity by definition.
 *
 * @param p - probability in [0, 1]
 * @param mean - mean (default 0)
 * @param sd - standard deviation, > 0 (default 1)
 * @returns x with P(X ≤ x) = p
 * @throws InfraError when p is outside [0, 1] or sd ≤ 0
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
 * expect(normalQuantile(0.5, 10, 2)).toBe(10);
 * ```
 */
export function normalQuantile(p: number, mean = 0, sd = 1): number {
  assertInRange(p, 'p', 0, 1);
  assertFinite(mean, 'mean');
  assertPositive(sd, 'sd');
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return mean;
  if (p > 0.5) return mean - sd * normalQuantile(1 - p);
  // Lower half: Acklam's approximation (|rel. error| < 1.2e-9), then Halley steps on Φ(x) − p.
  let x = acklam(p);
  for (let i = 0; i < 2; i++) {
    const e = 0.5 * erfc(-x / Math.SQRT2) - p;
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
    x -= u / (1 + (x * u) / 2);
  }
  return mean + sd * x;
}

/**
 * Quantile of the chi-square distribution with `dof` degrees of freedom (bracketed root of P(dof/2, x/2)).
 *
 * @param p - probability in [0, 1)
 * @param dof - degrees of freedom, > 0
 * @returns x with P(χ² ≤ x) = p
 * @throws InfraError when p is outside [0, 1) or dof ≤ 0
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841458820694124, 9);
 * expect(chiSquareQuantile(0.5, 10)).toBeCloseTo(9.341817765591966, 9);
 * ```
 */
export function chiSquareQuantile(p: number, dof: number): number {
  assertInRange(p, 'p', 0, 1, { maxExclusive: true });
  assertPositive(dof, 'dof');
  if (p === 0) return 0;
  const f = (x: number): number => gammaP(dof / 2, x / 2) - p;
  const [lo, hi] = expandBracket(f, 0, Math.max(1, dof), { lowerLimit: 0 });
  return findRoot(f, lo, hi, { tol: 1e-14 });
}

/**
 * log(Σ exp(xᵢ)) without overflow. `-Infinity` entries are allowed (they contribute nothing).
 *
 * @param xs - the values (no NaN, no +Infinity)
 * @returns log-sum-exp of `xs` (−Infinity for an empty input)
 * @throws InfraError for NaN or +Infinity entries
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
 * ```
 */
export function logSumExp(xs: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i]!;
    if (Number.isNaN(v) || v === Infinity) assertFiniteArray([v], `xs[${i}]`);
    if (v > max) max = v;
  }
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += Math.exp(xs[i]! - max);
  return max + Math.log(sum);
}

/**
 * log(1 + exp(x)) without overflow (softplus).
 *
 * @param x - a finite number
 * @returns log(1 + eˣ)
 * @throws InfraError when `x` is not finite
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(log1pExp(800)).toBe(800);
 * expect(log1pExp(0)).toBeCloseTo(Math.LN2, 15);
 * ```
 */
export function log1pExp(x: number): number {
  assertFinite(x, 'x');
  if (x > 36) return x + Math.exp(-x);
  if (x < -36) return Math.exp(x);
  return Math.log1p(Math.exp(x));
}
