import {
  InfraError,
  assertFinite,
  assertInRange,
  assertNonNegative,
  assertPositive,
  findRoot,
  gammaP,
  gammaQ,
  normalCdf,
  normalQuantile,
} from '@infra/types';

/** How a {@link WaitDistribution} was obtained. */
export type WaitMethod =
  | 'point'
  | 'mmc'
  | 'exact'
  | 'count-normal'
  | 'gamma'
  | 'lognormal'
  | 'normal'
  | 'uniform'
  | 'unstable';

/**
 * A waiting-time distribution (seconds). Plain numeric fields plus two pure query methods; waits are
 * non-negative, `cdf` is non-decreasing and `quantile` is non-decreasing in `p`.
 */
export interface WaitDistribution {
  /** How the distribution was computed (`'unstable'`: an overloaded queue, the wait is infinite). */
  readonly method: WaitMethod;
  /** Mean wait in seconds (Infinity when unstable). */
  readonly mean: number;
  /** Variance in seconds² (Infinity when unstable). */
  readonly variance: number;
  /** Standard deviation in seconds. */
  readonly sd: number;
  /** P(wait ≤ t); 0 for t < 0. Use it as the probability of meeting an SLO of `t` seconds. */
  cdf(t: number): number;
  /** P(wait > t) = 1 − cdf(t), computed without cancellation for tiny tails. */
  survival(t: number): number;
  /** The p-quantile in seconds, p in [0, 1) (p = 1 gives the upper end of the support, maybe Infinity). */
  quantile(p: number): number;
}

function checkT(t: number): number {
  if (typeof t !== 'number' || Number.isNaN(t)) throw new InfraError('NOT_FINITE', 't', `must be a number, got ${String(t)}`);
  return t;
}

function checkP(p: number): number {
  return assertInRange(p, 'p', 0, 1);
}

function make(
  method: WaitMethod,
  mean: number,
  variance: number,
  cdf: (t: number) => number,
  quantile: (p: number) => number,
  survival?: (t: number) => number,
): WaitDistribution {
  const v = Math.max(0, variance);
  const sf = survival ?? ((t: number): number => 1 - cdf(t));
  return {
    method,
    mean,
    variance: v,
    sd: Math.sqrt(v),
    cdf: (t: number): number => cdf(checkT(t)),
    survival: (t: number): number => sf(checkT(t)),
    quantile: (p: number): number => quantile(checkP(p)),
  };
}

/**
 * A wait that is exactly `seconds` (for example zero when a batch slot is free).
 *
 * @param seconds - the wait, ≥ 0
 * @param method - tag to report (default `'point'`)
 * @returns the degenerate distribution
 * @throws InfraError when `seconds` is negative or not finite
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = pointWait(2);
 * expect(d.cdf(1.9)).toBe(0);
 * expect(d.cdf(2)).toBe(1);
 * expect(d.quantile(0.95)).toBe(2);
 * ```
 */
export function pointWait(seconds: number, method: WaitMethod = 'point'): WaitDistribution {
  const x = assertNonNegative(seconds, 'seconds');
  const at = x * (1 - 1e-12); // slack for round-off from affine maps
  return make(method, x, 0, (t) => (t >= at ? 1 : 0), () => x);
}

/**
 * The infinite wait of an unstable (overloaded) queue: mean Infinity, P(wait ≤ t) = 0 for every t.
 *
 * @returns the documented explicit result for ρ ≥ 1
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = unstableWait();
 * expect(d.mean).toBe(Infinity);
 * expect(d.cdf(1e9)).toBe(0);
 * expect(d.quantile(0.5)).toBe(Infinity);
 * ```
 */
export function unstableWait(): WaitDistribution {
  return make('unstable', Infinity, Infinity, () => 0, () => Infinity);
}

/**
 * Atom at zero with mass 1 − `probWait`, else exponential with `rate` — the M/M/c queueing delay.
 *
 * @param probWait - P(wait > 0) in [0, 1]
 * @param rate - exponential rate cμ − λ, > 0
 * @returns the mixed distribution
 * @throws InfraError on a probability outside [0, 1] or a non-positive rate
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = atomExponentialWait(0.5, 0.5);
 * expect(d.mean).toBeCloseTo(1, 12);
 * expect(d.survival(1)).toBeCloseTo(0.5 * Math.exp(-0.5), 12);
 * expect(d.quantile(0.4)).toBe(0);
 * ```
 */
export function atomExponentialWait(probWait: number, rate: number): WaitDistribution {
  const c = assertInRange(probWait, 'probWait', 0, 1);
  const r = assertPositive(rate, 'rate');
  return make(
    'mmc',
    c / r,
    (c * (2 - c)) / (r * r),
    (t) => (t < 0 ? 0 : 1 - c * Math.exp(-r * t)),
    (p) => (p <= 1 - c ? 0 : p === 1 ? Infinity : Math.log(c / (1 - p)) / r),
    (t) => (t < 0 ? 1 : c * Math.exp(-r * t)),
  );
}

/**
 * Uniform on [lo, hi] (e.g. the prefill-bound wait of a chunked-prefill engine, where the request is admitted
 * somewhere within the last iteration of the prompts ahead).
 *
 * @param lo - lower end, seconds ≥ 0
 * @param hi - upper end, seconds ≥ lo
 * @returns the uniform distribution (a point when lo = hi)
 * @throws InfraError when lo < 0 or hi < lo
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = uniformWait(1, 3);
 * expect(d.mean).toBe(2);
 * expect(d.quantile(0.95)).toBeCloseTo(2.9, 12);
 * expect(d.cdf(1.5)).toBeCloseTo(0.25, 12);
 * ```
 */
export function uniformWait(lo: number, hi: number): WaitDistribution {
  const a = assertNonNegative(lo, 'lo');
  const b = assertFinite(hi, 'hi');
  if (b < a) throw new InfraError('OUT_OF_RANGE', 'hi', `must be ≥ lo = ${a}, got ${b}`);
  if (b === a) return pointWait(a, 'uniform');
  const w = b - a;
  return make(
    'uniform',
    (a + b) / 2,
    (w * w) / 12,
    (t) => (t <= a ? 0 : t >= b ? 1 : (t - a) / w),
    (p) => a + p * w,
    (t) => (t <= a ? 1 : t >= b ? 0 : (b - t) / w),
  );
}

/**
 * Uniform on [lo, hi] plus independent Normal(0, sd) noise, censored at zero: a prefill-bound wait whose
 * iteration costs fluctuate with the decoding population.
 *
 * @param lo - lower end of the uniform part, seconds ≥ 0
 * @param hi - upper end, ≥ lo
 * @param sd - standard deviation of the normal part, ≥ 0
 * @returns the distribution (uniform when sd = 0)
 * @throws InfraError on invalid parameters
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = uniformNormalWait(10, 12, 0.5);
 * expect(d.mean).toBeCloseTo(11, 9);
 * expect(d.cdf(11)).toBeCloseTo(0.5, 9);
 * expect(d.quantile(0.95)).toBeGreaterThan(11.9);
 * ```
 */
export function uniformNormalWait(lo: number, hi: number, sd: number): WaitDistribution {
  const s = assertNonNegative(sd, 'sd');
  if (s === 0) return uniformWait(lo, hi);
  const a = assertNonNegative(lo, 'lo');
  const b = assertFinite(hi, 'hi');
  if (b < a) throw new InfraError('OUT_OF_RANGE', 'hi', `must be ≥ lo = ${a}, got ${b}`);
  const w = b - a;
  const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  const g = (x: number): number => x * normalCdf(x) + phi(x); // ∫ Φ
  const mid = (a + b) / 2;
  // For a uniform part much narrower than the noise the difference of G cancels: use the normal.
  const raw = (t: number): number => (w < 1e-4 * s ? normalCdf((t - mid) / s) : (s / w) * (g((t - a) / s) - g((t - b) / s)));
  const cdf = (t: number): number => (t < 0 ? 0 : Math.min(1, Math.max(0, raw(t))));
  const quantile = (p: number): number => {
    if (p === 1) return Infinity;
    let lo2 = Math.max(0, a - 10 * s);
    let hi2 = b + 10 * s;
    if (cdf(lo2) >= p) return lo2;
    for (let i = 0; i < 100; i++) {
      const mid = 0.5 * (lo2 + hi2);
      if (cdf(mid) >= p) hi2 = mid;
      else lo2 = mid;
    }
    return hi2;
  };
  return make('uniform', (a + b) / 2, (w * w) / 12 + s * s, cdf, quantile);
}

/**
 * `shift` + Normal(mean, sd) censored at zero (negative draws count as zero wait) — the plain CLT.
 *
 * @param mean - mean of the uncensored normal (seconds)
 * @param sd - its standard deviation, ≥ 0
 * @returns the censored normal; `mean`/`variance` are those of the censored variable
 * @throws InfraError on non-finite parameters or negative sd
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = normalWait(2.5, 0.9486833);
 * expect(d.quantile(0.95)).toBeCloseTo(4.0604452, 6);
 * expect(d.cdf(3)).toBeCloseTo(0.7009193, 6);
 * ```
 */
export function normalWait(mean: number, sd: number): WaitDistribution {
  const m = assertFinite(mean, 'mean');
  const s = assertNonNegative(sd, 'sd');
  if (s === 0) return pointWait(Math.max(0, m), 'normal');
  const z = m / s;
  const phi = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  const cz = normalCdf(z);
  const e1 = m * cz + s * phi;
  const e2 = (m * m + s * s) * cz + m * s * phi;
  return make(
    'normal',
    e1,
    e2 - e1 * e1,
    (t) => (t < 0 ? 0 : normalCdf(t, m, s)),
    (p) => (p === 1 ? Infinity : Math.max(0, normalQuantile(p, m, s))),
    (t) => (t < 0 ? 1 : normalCdf(-t, -m, s)),
  );
}

/**
 * `shift` + Gamma(shape, scale): a moment-matched sum of many output lengths.
 *
 * @param shift - deterministic part in seconds, ≥ 0
 * @param shape - gamma shape, > 0
 * @param scale - gamma scale in seconds, > 0
 * @returns the shifted gamma
 * @throws InfraError on invalid parameters
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = gammaWait(1, 1, 2); // 1 + Exp(mean 2)
 * expect(d.mean).toBeCloseTo(3, 12);
 * expect(d.cdf(1 + 2 * Math.LN2)).toBeCloseTo(0.5, 10);
 * expect(d.quantile(0.5)).toBeCloseTo(1 + 2 * Math.LN2, 8);
 * ```
 */
export function gammaWait(shift: number, shape: number, scale: number): WaitDistribution {
  const s0 = assertNonNegative(shift, 'shift');
  const k = assertPositive(shape, 'shape');
  const th = assertPositive(scale, 'scale');
  const cdf = (t: number): number => (t <= s0 ? 0 : gammaP(k, (t - s0) / th));
  const quantile = (p: number): number => {
    if (p === 0) return s0;
    if (p === 1) return Infinity;
    // Bracket in units of the scale: the p-quantile of Gamma(k, 1) lies below k + 40·√k + 40.
    const f = (x: number): number => gammaP(k, x) - p;
    let hi = k + 10 * Math.sqrt(k) + 10;
    while (f(hi) < 0) hi *= 2;
    return s0 + th * findRoot(f, 0, hi, { tol: 1e-12 * Math.max(1, hi) });
  };
  const survival = (t: number): number => (t <= s0 ? 1 : gammaQ(k, (t - s0) / th));
  return make('gamma', s0 + k * th, k * th * th, cdf, quantile, survival);
}

/**
 * `shift` + LogNormal(mu, sigma) (Fenton–Wilkinson moment matching of heavy-tailed sums).
 *
 * @param shift - deterministic part in seconds, ≥ 0
 * @param mu - log-scale location
 * @param sigma - log-scale spread, > 0
 * @returns the shifted lognormal
 * @throws InfraError on invalid parameters
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = lognormalWait(0, 0, 1);
 * expect(d.quantile(0.5)).toBeCloseTo(1, 12);
 * expect(d.mean).toBeCloseTo(Math.exp(0.5), 12);
 * ```
 */
export function lognormalWait(shift: number, mu: number, sigma: number): WaitDistribution {
  const s0 = assertNonNegative(shift, 'shift');
  const m = assertFinite(mu, 'mu');
  const s = assertPositive(sigma, 'sigma');
  const mean = Math.exp(m + (s * s) / 2);
  const variance = Math.expm1(s * s) * Math.exp(2 * m + s * s);
  return make(
    'lognormal',
    s0 + mean,
    variance,
    (t) => (t <= s0 ? 0 : normalCdf((Math.log(t - s0) - m) / s)),
    (p) => (p === 0 ? s0 : p === 1 ? Infinity : s0 + Math.exp(m + s * normalQuantile(p))),
    (t) => (t <= s0 ? 1 : normalCdf(-(Math.log(t - s0) - m) / s)),
  );
}

/**
 * A distribution on a finite grid: wait = `values[i]` with P(wait ≤ values[i]) = `cdf[i]`.
 * `values` must be non-decreasing and non-negative; `cdf` non-decreasing in [0, 1], its last entry is
 * treated as 1 (mass beyond the grid is put on the last value).
 *
 * @param values - support points in seconds
 * @param cdf - cumulative probabilities at those points
 * @param method - tag to report
 * @returns the lattice distribution
 * @throws InfraError on empty or mismatched arrays
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = latticeWait([0, 1, 2], [0.2, 0.7, 1]);
 * expect(d.mean).toBeCloseTo(1.1, 12);
 * expect(d.quantile(0.5)).toBe(1);
 * expect(d.cdf(1.5)).toBeCloseTo(0.7, 12);
 * ```
 */
export function latticeWait(
  values: ArrayLike<number>,
  cdf: ArrayLike<number>,
  method: WaitMethod = 'exact',
): WaitDistribution {
  const n = values.length;
  if (n === 0) throw new InfraError('EMPTY', 'values', 'needs at least one support point');
  if (cdf.length !== n) throw new InfraError('SHAPE_MISMATCH', 'cdf', `must have length ${n}, got ${cdf.length}`);
  const v = Float64Array.from(values);
  const c = new Float64Array(n);
  let prev = 0;
  let e1 = 0;
  let e2 = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (!Number.isFinite(x) || x < 0 || (i > 0 && x < v[i - 1]!)) {
      throw new InfraError('INVALID_ARGUMENT', `values[${i}]`, 'must be finite, non-negative and non-decreasing');
    }
    const ci = i === n - 1 ? 1 : Math.min(1, Math.max(prev, cdf[i]!));
    if (Number.isNaN(ci)) throw new InfraError('NOT_FINITE', `cdf[${i}]`, 'must be a number');
    const mass = ci - prev;
    e1 += mass * x;
    e2 += mass * x * x;
    c[i] = ci;
    prev = ci;
  }
  const at = (t0: number): number => {
    // last index with v[i] ≤ t (binary search; a relative 1e-12 slack absorbs round-off from affine maps)
    const t = t0 + 1e-12 * Math.abs(t0);
    let lo = 0;
    let hi = n - 1;
    if (t < v[0]!) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (v[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return c[lo]!;
  };
  const quantile = (p: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid]! >= p) hi = mid;
      else lo = mid + 1;
    }
    return v[lo]!;
  };
  return make(method, e1, e2 - e1 * e1, at, quantile);
}

/**
 * The distribution of `shift + scale · max(X, floor)` for a non-negative X with distribution `base`
 * (a monotone transform: quantiles map directly; the mean and variance are integrated over quantiles
 * when the floor binds).
 *
 * @param base - distribution of X
 * @param shift - added constant, ≥ 0
 * @param scale - multiplier, > 0
 * @param floor - lower censoring point for X (default 0)
 * @returns the transformed distribution (keeps `base.method`)
 * @throws InfraError on a negative shift or floor, or a non-positive scale
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = affineWait(pointWait(3), 1, 2);
 * expect(d.mean).toBe(7);
 * expect(affineWait(pointWait(3), 0, 1, 5).quantile(0.5)).toBe(5);
 * ```
 */
export function affineWait(base: WaitDistribution, shift: number, scale: number, floor = 0): WaitDistribution {
  const s0 = assertNonNegative(shift, 'shift');
  const a = assertPositive(scale, 'scale');
  const fl = assertNonNegative(floor, 'floor');
  const lowest = s0 + a * fl;
  const cdf = (t: number): number => (t < lowest * (1 - 1e-12) ? 0 : base.cdf(Math.max(fl, (t - s0) / a)));
  const survival = (t: number): number => (t < lowest ? 1 : base.survival((t - s0) / a));
  const quantile = (p: number): number => s0 + a * Math.max(fl, base.quantile(p));
  if (fl === 0 || base.quantile(0) >= fl) {
    return make(base.method, s0 + a * base.mean, a * a * base.variance, cdf, quantile, survival);
  }
  // The floor binds: E[max(X, c)] = c + ∫_c^∞ S(x) dx and E[max(X, c)²] = c² + ∫_c^∞ 2x·S(x) dx, by
  // Simpson's rule up to the 1 − 10⁻⁹ quantile (survival evaluations are cheap; quantiles are not).
  const top = base.quantile(1 - 1e-9);
  let e1 = fl;
  let e2 = fl * fl;
  if (Number.isFinite(top) && top > fl) {
    const n = 64;
    const h = (top - fl) / n;
    for (let i = 0; i <= n; i++) {
      const x = fl + i * h;
      const w = (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * (h / 3);
      const sx = base.survival(x);
      e1 += w * sx;
      e2 += w * 2 * x * sx;
    }
  }
  return make(base.method, s0 + a * e1, a * a * Math.max(0, e2 - e1 * e1), cdf, quantile, survival);
}
