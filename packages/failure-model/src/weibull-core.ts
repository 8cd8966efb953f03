// Internal numerics of the censored / truncated Weibull likelihood (not exported from the package).
//
// Parameterization: S(t) = exp(−(t/λ)^k). Internally times are divided by c (the largest finite time), so
// every x = t/c ≤ 1 and x^k never overflows, and the scale is replaced by θ = (λ/c)^(−k): on the u = x^k
// scale the model is exponential with rate θ. For a fixed shape k the log-likelihood is concave in θ, so
// the profile ℓp(k) = max_θ ℓ(k, θ) is computed exactly: in closed form (θ̂ = d / A) without interval
// censoring, by a bracketed 1-D root of the (monotone) θ-score with it. dℓp/dk is ∂ℓ/∂k at θ̂(k) (envelope
// theorem), so the MLE is a 1-D root in ln k.
import { InfraError, expandBracket, findRoot } from '@infra/types';
import { EXACT, INTERVAL, RIGHT, type CensoredSample } from './survival-data.js';

/** Pre-scaled sample (log times), built once per fit. */
export interface ScaledSample {
  readonly c: number;
  /** ln x of exact and right-censored exits (exact first: indices < dExact). */
  readonly lnExit: Float64Array;
  readonly dExact: number;
  readonly sumLnExact: number;
  /** ln x of entry times > 0. */
  readonly lnEntry: Float64Array;
  /** ln L (−Infinity for L = 0) and ln R of interval / left-censored rows. */
  readonly lnLo: Float64Array;
  readonly lnHi: Float64Array;
}

/** Profile quantities at one shape value. */
export interface ProfilePoint {
  readonly theta: number;
  /** k · dℓp/dk (the score in ln k). */
  readonly score: number;
  /** ℓp(k) on the scaled time axis. */
  readonly logLik: number;
}

/**
 * Scale a validated sample and check that it contains information about the failure distribution.
 *
 * @param s - the sample
 * @param path - argument name for errors
 * @returns the scaled sample
 * @throws InfraError `OUT_OF_RANGE` for an exact failure at time 0, `NOT_IDENTIFIABLE` without failures
 */
export function scaleSample(s: CensoredSample, path: string): ScaledSample {
  let c = 0;
  let dExact = 0;
  let nRight = 0;
  let nInt = 0;
  let nEntry = 0;
  for (let i = 0; i < s.n; i++) {
    const lo = s.lower[i] as number;
    const hi = s.upper[i] as number;
    const k = s.kind[i];
    if (k === EXACT) {
      if (lo <= 0) throw new InfraError('OUT_OF_RANGE', `${path}[${i}]`, 'exact failure times must be > 0 for a Weibull / exponential fit');
      dExact++;
    } else if (k === RIGHT) nRight++;
    else nInt++;
    c = Math.max(c, lo, k === INTERVAL ? hi : 0);
    if (s.entry !== undefined && (s.entry[i] as number) > 0) nEntry++;
  }
  if (dExact + nInt === 0) {
    throw new InfraError('NOT_IDENTIFIABLE', path, 'no failures observed (all observations right-censored): the lifetime distribution is not identifiable');
  }
  const lnExit = new Float64Array(dExact + nRight);
  const lnEntry = new Float64Array(nEntry);
  const lnLo = new Float64Array(nInt);
  const lnHi = new Float64Array(nInt);
  let e = 0;
  let r = dExact;
  let q = 0;
  let a = 0;
  let sumLnExact = 0;
  for (let i = 0; i < s.n; i++) {
    const lo = (s.lower[i] as number) / c;
    const k = s.kind[i];
    if (k === EXACT) {
      const l = Math.log(lo);
      lnExit[e++] = l;
      sumLnExact += l;
    } else if (k === RIGHT) lnExit[r++] = Math.log(lo);
    else {
      lnLo[q] = Math.log(lo);
      lnHi[q++] = Math.log((s.upper[i] as number) / c);
    }
    if (s.entry !== undefined && (s.entry[i] as number) > 0) lnEntry[a++] = Math.log((s.entry[i] as number) / c);
  }
  return { c, lnExit, dExact, sumLnExact, lnEntry, lnLo, lnHi };
}

/** x / expm1(x) for x ≥ 0 (1 at 0). */
function xOverExpm1(x: number): number {
  return x < 1e-12 ? 1 - x / 2 : x / Math.expm1(x);
}

/**
 * Profile the scale out at shape k: θ̂(k), the score in ln k and ℓp(k).
 *
 * @param ss - scaled sample
 * @param k - shape > 0
 * @returns the profile point
 * @throws InfraError `NOT_IDENTIFIABLE` when the scale has no finite maximizer at this shape
 */
export function profileAt(ss: ScaledSample, k: number): ProfilePoint {
  let a0 = 0; // Σ x^k over exact + right
  let a1 = 0; // Σ x^k ln x over exact + right
  const lnExit = ss.lnExit;
  for (let i = 0; i < lnExit.length; i++) {
    const l = lnExit[i] as number;
    if (l === -Infinity) continue;
    const p = Math.exp(k * l);
    a0 += p;
    a1 += p * l;
  }
  const lnEntry = ss.lnEntry;
  for (let i = 0; i < lnEntry.length; i++) {
    const l = lnEntry[i] as number;
    const p = Math.exp(k * l);
    a0 -= p;
    a1 -= p * l;
  }
  const d = ss.dExact;
  const m = ss.lnLo.length;
  if (m === 0) {
    if (!(a0 > 0)) throw new InfraError('NOT_IDENTIFIABLE', 'data', `the scale has no finite estimate at shape ${k}`);
    const theta = d / a0;
    return {
      theta,
      score: d + k * ss.sumLnExact - (k * d * a1) / a0,
      logLik: d * Math.log(k) + d * Math.log(theta) + (k - 1) * ss.sumLnExact - d,
    };
  }
  const lk = new Float64Array(m);
  const lkln = new Float64Array(m);
  const rk = new Float64Array(m);
  const rkln = new Float64Array(m);
  const delta = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const ll = ss.lnLo[i] as number;
    const lh = ss.lnHi[i] as number;
    const pl = ll === -Infinity ? 0 : Math.exp(k * ll);
    const ph = Math.exp(k * lh);
    lk[i] = pl;
    lkln[i] = pl === 0 ? 0 : pl * ll;
    rk[i] = ph;
    rkln[i] = ph * lh;
    delta[i] = ph - pl;
    a0 += pl;
  }
  // θ-score times θ, decreasing in θ: d + Σ θΔ/expm1(θΔ) − θ·A
  const thetaScore = (v: number): number => {
    const th = Math.exp(v);
    let s = d - th * a0;
    for (let i = 0; i < m; i++) s += xOverExpm1(th * (delta[i] as number));
    return s;
  };
  const total = d + m;
  const v0 = a0 > 0 ? Math.log(total / a0) : 0;
  let v: number;
  try {
    const [lo, hi] = expandBracket(thetaScore, v0 - 1, v0 + 1, { lowerLimit: -745, upperLimit: 709 });
    v = findRoot(thetaScore, lo, hi, { tol: 1e-13 });
  } catch {
    throw new InfraError('NOT_IDENTIFIABLE', 'data', `the scale has no finite estimate at shape ${k} (e.g. only left-censored data)`);
  }
  const theta = Math.exp(v);
  let score = d + k * ss.sumLnExact;
  for (let i = 0; i < lnExit.length; i++) {
    const l = lnExit[i] as number;
    if (l !== -Infinity) score -= theta * k * Math.exp(k * l) * l;
  }
  for (let i = 0; i < lnEntry.length; i++) {
    const l = lnEntry[i] as number;
    score += theta * k * Math.exp(k * l) * l;
  }
  let logLik = d * Math.log(k) + d * Math.log(theta) + (k - 1) * ss.sumLnExact - theta * a0;
  for (let i = 0; i < m; i++) {
    const td = theta * (delta[i] as number);
    const denom = -Math.expm1(-td);
    score += (k * (-theta * (lkln[i] as number) + theta * (rkln[i] as number) * Math.exp(-td))) / denom;
    logLik += Math.log(denom);
  }
  return { theta, score, logLik };
}

/** Result of the 1-D profile maximization. */
export interface ProfileMax {
  readonly shape: number;
  readonly theta: number;
  readonly logLik: number;
  readonly evaluations: number;
}

const U_MIN = -12;
const U_MAX = 12;

/**
 * Maximize the profile likelihood in ln k by a bracketed root of its score.
 *
 * @param ss - scaled sample
 * @param fixedShape - when given, skip the search (exponential fits use k = 1)
 * @returns the maximizer
 * @throws InfraError `NOT_IDENTIFIABLE` when the score has no sign change for k in [e^−12, e^12]
 */
export function maximizeProfile(ss: ScaledSample, fixedShape?: number): ProfileMax {
  if (fixedShape !== undefined) {
    const p = profileAt(ss, fixedShape);
    return { shape: fixedShape, theta: p.theta, logLik: p.logLik, evaluations: 1 };
  }
  let evaluations = 0;
  const f = (u: number): number => {
    evaluations++;
    const s = profileAt(ss, Math.exp(u)).score;
    if (Number.isNaN(s)) throw new InfraError('NOT_IDENTIFIABLE', 'data', `the profile score is undefined at shape ${Math.exp(u)}`);
    return s;
  };
  // start from the Gumbel-moment guess k ≈ 1.28 / sd(ln t) over exact failures
  let u0 = 0;
  const d = ss.dExact;
  if (d >= 2) {
    const mean = ss.sumLnExact / d;
    let v = 0;
    for (let i = 0; i < d; i++) v += ((ss.lnExit[i] as number) - mean) ** 2;
    const sd = Math.sqrt(v / (d - 1));
    if (sd > 0) u0 = Math.min(U_MAX - 1, Math.max(U_MIN + 1, Math.log(1.28 / sd)));
  }
  let lo: number;
  let hi: number;
  try {
    [lo, hi] = expandBracket(f, u0 - 0.5, u0 + 0.5, { lowerLimit: U_MIN, upperLimit: U_MAX, factor: 1.6 });
  } catch {
    throw new InfraError(
      'NOT_IDENTIFIABLE',
      'data',
      'the shape has no finite maximum-likelihood estimate (e.g. a single failure time at or beyond every other observation, or all failures tied at the largest time)',
    );
  }
  const u = findRoot(f, lo, hi, { tol: 1e-13, maxIter: 400 });
  const k = Math.exp(u);
  const p = profileAt(ss, k);
  // a root at the search limit or on a flat profile (score underflow) is not a maximum
  const left = u - 0.01 > U_MIN ? profileAt(ss, Math.exp(u - 0.01)).logLik : Infinity;
  const right = u + 0.01 < U_MAX ? profileAt(ss, Math.exp(u + 0.01)).logLik : Infinity;
  if (!(p.logLik > left && p.logLik > right)) {
    throw new InfraError('NOT_IDENTIFIABLE', 'data', `the profile likelihood has no strict maximum in the shape (flat near k = ${k}): the data cannot determine the shape`);
  }
  return { shape: k, theta: p.theta, logLik: p.logLik, evaluations };
}

/**
 * Gradient of the log-likelihood in (ln k, ln λ) on the original time axis (for the observed information).
 *
 * @param s - the sample
 * @param k - shape
 * @param lambda - scale
 * @returns [∂ℓ/∂ln k, ∂ℓ/∂ln λ]
 */
export function gradientLog(s: CensoredSample, k: number, lambda: number): [number, number] {
  const ll = Math.log(lambda);
  let g1 = 0;
  let g2 = 0;
  for (let i = 0; i < s.n; i++) {
    const kind = s.kind[i];
    const lo = s.lower[i] as number;
    if (kind === EXACT) {
      const w = Math.log(lo) - ll;
      const z = Math.exp(k * w);
      g1 += 1 + k * w * (1 - z);
      g2 += k * (z - 1);
    } else if (kind === RIGHT) {
      if (lo > 0) {
        const w = Math.log(lo) - ll;
        const z = Math.exp(k * w);
        g1 -= k * z * w;
        g2 += k * z;
      }
    } else {
      const hi = s.upper[i] as number;
      const wh = Math.log(hi) - ll;
      const zh = Math.exp(k * wh);
      const wl = lo > 0 ? Math.log(lo) - ll : 0;
      const zl = lo > 0 ? Math.exp(k * wl) : 0;
      const dz = zh - zl;
      const denom = -Math.expm1(-dz);
      const eh = Math.exp(-dz);
      g1 += (-zl * k * wl + zh * k * wh * eh) / denom;
      g2 += (k * zl - k * zh * eh) / denom;
    }
    if (s.entry !== undefined) {
      const a = s.entry[i] as number;
      if (a > 0) {
        const w = Math.log(a) - ll;
        const z = Math.exp(k * w);
        g1 += k * z * w;
        g2 -= k * z;
      }
    }
  }
  return [g1, g2];
}

/**
 * Gradient in (ln k, ln λ) computed on the scaled sample (no logarithms per call); λs = λ / c.
 *
 * @param ss - scaled sample
 * @param k - shape
 * @param lambdaScaled - scale divided by the sample's c
 * @returns [∂ℓ/∂ln k, ∂ℓ/∂ln λ]
 */
export function gradientScaled(ss: ScaledSample, k: number, lambdaScaled: number): [number, number] {
  const ll = Math.log(lambdaScaled);
  let g1 = 0;
  let g2 = 0;
  const lnExit = ss.lnExit;
  for (let i = 0; i < lnExit.length; i++) {
    const l = lnExit[i] as number;
    if (l === -Infinity) continue;
    const w = l - ll;
    const z = Math.exp(k * w);
    if (i < ss.dExact) {
      g1 += 1 + k * w * (1 - z);
      g2 += k * (z - 1);
    } else {
      g1 -= k * z * w;
      g2 += k * z;
    }
  }
  for (let i = 0; i < ss.lnEntry.length; i++) {
    const w = (ss.lnEntry[i] as number) - ll;
    const z = Math.exp(k * w);
    g1 += k * z * w;
    g2 -= k * z;
  }
  for (let i = 0; i < ss.lnLo.length; i++) {
    const lo = ss.lnLo[i] as number;
    const wh = (ss.lnHi[i] as number) - ll;
    const zh = Math.exp(k * wh);
    const wl = lo === -Infinity ? 0 : lo - ll;
    const zl = lo === -Infinity ? 0 : Math.exp(k * wl);
    const dz = zh - zl;
    const denom = -Math.expm1(-dz);
    const eh = Math.exp(-dz);
    g1 += (-zl * k * wl + zh * k * wh * eh) / denom;
    g2 += (k * zl - k * zh * eh) / denom;
  }
  return [g1, g2];
}

/**
 * Covariance of (ln k, ln λ) from the observed information (central differences of the analytic gradient),
 * or undefined when the information matrix is not positive definite.
 *
 * @param ss - the scaled sample
 * @param k - shape at the optimum
 * @param lambda - scale at the optimum
 * @param fixedShape - when true, only ln λ is free (exponential): returns [[0, 0], [0, var]]
 * @returns the 2 × 2 covariance as [v11, v12, v22]
 */
export function logCovariance(
  ss: ScaledSample,
  k: number,
  lambda: number,
  fixedShape = false,
): [number, number, number] | undefined {
  const h = 1e-5;
  const ls = lambda / ss.c;
  const gp2 = gradientScaled(ss, k, ls * Math.exp(h));
  const gm2 = gradientScaled(ss, k, ls * Math.exp(-h));
  const i22 = -(gp2[1] - gm2[1]) / (2 * h);
  if (fixedShape) return i22 > 0 ? [0, 0, 1 / i22] : undefined;
  const gp1 = gradientScaled(ss, k * Math.exp(h), ls);
  const gm1 = gradientScaled(ss, k * Math.exp(-h), ls);
  const i11 = -(gp1[0] - gm1[0]) / (2 * h);
  const i12 = -((gp1[1] - gm1[1]) / (2 * h) + (gp2[0] - gm2[0]) / (2 * h)) / 2;
  const det = i11 * i22 - i12 * i12;
  if (!(i11 > 0 && i22 > 0 && det > 0)) return undefined;
  return [i22 / det, -i12 / det, i11 / det];
}
