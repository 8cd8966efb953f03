import { InfraError, assertInRange, assertPositive, chiSquareQuantile, expandBracket, findRoot, logGamma, normalQuantile } from '@infra/types';
import { INTERVAL, RIGHT, toSample, type CensoredInput, type CensoredSample } from './survival-data.js';
import { weibullQuantile } from './weibull-inference.js';
import { logCovariance, maximizeProfile, profileAt, scaleSample, type ScaledSample } from './weibull-core.js';

/** A two-sided confidence interval. */
export interface ConfidenceInterval {
  /** Lower bound. */
  readonly lower: number;
  /** Upper bound. */
  readonly upper: number;
}

/** A profile-likelihood interval; an end is null when the likelihood never drops enough on that side. */
export interface ProfileInterval {
  /** Lower bound, or null when unbounded below within the search range. */
  readonly lower: number | null;
  /** Upper bound, or null when unbounded above within the search range. */
  readonly upper: number | null;
}

/** Options of {@link fitWeibull} and {@link fitExponential}. */
export interface FitOptions {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  readonly confidenceLevel?: number;
}

/** Counts of the observation types in a fitted sample. */
export interface SampleCounts {
  /** Number of observations. */
  readonly n: number;
  /** Exactly observed failures. */
  readonly failures: number;
  /** Right-censored observations. */
  readonly rightCensored: number;
  /** Left- or interval-censored observations. */
  readonly intervalCensored: number;
  /** Left-truncated observations (entry > 0). */
  readonly leftTruncated: number;
}

/** Covariance of (ln shape, ln scale) from the observed information at the optimum. */
export interface LogCovariance {
  /** Var(ln k̂). */
  readonly logShape: number;
  /** Cov(ln k̂, ln λ̂). */
  readonly logShapeLogScale: number;
  /** Var(ln λ̂). */
  readonly logScale: number;
}

/**
 * A maximum-likelihood Weibull fit. Parameterization: shape k and scale λ (same unit as the data), survival
 * S(t) = exp(−(t/λ)^k), hazard h(t) = (k/λ)(t/λ)^(k−1). Conversions: lifelines' `rho_` = k and `lambda_` = λ;
 * scipy `weibull_min(c = k, scale = λ)`; R `survreg` scale = 1/k and intercept = ln λ; a "rate"
 * parameterization exp(−θ t^k) has θ = λ^(−k).
 */
export interface WeibullFit extends SampleCounts {
  /** State-format version. */
  readonly version: 1;
  /** Discriminator. */
  readonly kind: 'weibull';
  /** Shape k > 0 (< 1 infant mortality / bursty, 1 exponential, > 1 wear-out). */
  readonly shape: number;
  /** Scale λ > 0 (the 63.2 % life), in the data's time unit. */
  readonly scale: number;
  /** Maximized log-likelihood (densities for exact times, probabilities for censored ones). */
  readonly logLikelihood: number;
  /** Mean time to failure λ·Γ(1 + 1/k). */
  readonly mttf: number;
  /** Confidence level of the intervals. */
  readonly confidenceLevel: number;
  /** Observed-information covariance of (ln k, ln λ), or null when the information is singular. */
  readonly covariance: LogCovariance | null;
  /** Wald interval for the shape on the log scale, or null. */
  readonly shapeCi: ConfidenceInterval | null;
  /** Wald interval for the scale on the log scale, or null. */
  readonly scaleCi: ConfidenceInterval | null;
  /** Profile-likelihood-ratio interval for the shape. */
  readonly shapeProfileCi: ProfileInterval;
  /** How the scale was profiled out: closed form, or a nested 1-D root (interval-censored data). */
  readonly method: 'profile-closed-form' | 'profile-nested';
  /** Profile-score evaluations used by the root search. */
  readonly evaluations: number;
}

/**
 * Count the observation kinds of a normalized sample.
 *
 * @param s - sample
 * @returns the counts
 */
export function sampleCounts(s: ReturnType<typeof toSample>): SampleCounts {
  let failures = 0;
  let rightCensored = 0;
  let intervalCensored = 0;
  let leftTruncated = 0;
  for (let i = 0; i < s.n; i++) {
    if (s.kind[i] === RIGHT) rightCensored++;
    else if (s.kind[i] === INTERVAL) intervalCensored++;
    else failures++;
    if (s.entry !== undefined && (s.entry[i] as number) > 0) leftTruncated++;
  }
  return { n: s.n, failures, rightCensored, intervalCensored, leftTruncated };
}

function profileShapeInterval(
  ss: ScaledSample,
  shape: number,
  logLik: number,
  level: number,
  waldHalfWidth: number | undefined,
): ProfileInterval {
  const cut = logLik - chiSquareQuantile(level, 1) / 2;
  const g = (u: number): number => {
    try {
      return profileAt(ss, Math.exp(u)).logLik - cut;
    } catch {
      return -1;
    }
  };
  const u0 = Math.log(shape);
  // start from the Wald bound on ln k (usually within a few per cent of the profile bound)
  const step = waldHalfWidth !== undefined && Number.isFinite(waldHalfWidth) && waldHalfWidth > 0 ? waldHalfWidth : 0.05;
  const side = (dir: 1 | -1): number | null => {
    try {
      const guess = u0 + dir * step;
      const gGuess = g(guess);
      let a: number;
      let b: number;
      if (gGuess <= 0) [a, b] = dir > 0 ? [u0, guess] : [guess, u0];
      else {
        [a, b] = expandBracket(g, dir > 0 ? guess : guess - step, dir > 0 ? guess + step : guess, {
          lowerLimit: dir > 0 ? guess : -12,
          upperLimit: dir > 0 ? 12 : guess,
        });
      }
      return Math.exp(findRoot(g, a, b, { tol: 1e-10 }));
    } catch {
      return null;
    }
  };
  return { lower: side(-1), upper: side(1) };
}

/** The parsed arguments every parametric fit starts from (internal; shared by the Weibull and exponential fits). */
export interface PreparedFit {
  /** The options (defaults not yet applied). */
  readonly opts: FitOptions;
  /** The validated confidence level in (0, 1). */
  readonly level: number;
  /** The validated censored sample. */
  readonly sample: CensoredSample;
  /** Counts of exact, right-, left- and interval-censored observations. */
  readonly counts: SampleCounts;
  /** The sample divided by its largest finite time. */
  readonly ss: ScaledSample;
}

/**
 * Parse the `(data, events?, options?)` or `(data, options?)` arguments of a parametric fit.
 *
 * @param data - the survival data in any accepted shape
 * @param eventsOrOptions - event flags, or the options
 * @param options - the options when event flags were given
 * @returns the validated sample, its counts, its scaled form and the confidence level
 * @throws InfraError naming the bad argument
 */
export function prepareFit(
  data: CensoredInput,
  eventsOrOptions: ArrayLike<boolean | number> | FitOptions | undefined,
  options: FitOptions | undefined,
): PreparedFit {
  const isEvents = eventsOrOptions !== undefined && 'length' in eventsOrOptions;
  const events = isEvents ? (eventsOrOptions as ArrayLike<boolean | number>) : undefined;
  const opts = (isEvents ? options : (eventsOrOptions as FitOptions | undefined)) ?? {};
  const level = assertInRange(opts.confidenceLevel ?? 0.95, 'options.confidenceLevel', 0, 1, {
    minExclusive: true,
    maxExclusive: true,
  });
  const sample = toSample(data, events);
  const counts = sampleCounts(sample);
  const ss = scaleSample(sample, 'data');
  return { opts, level, sample, counts, ss };
}

/**
 * Fit a two-parameter Weibull distribution by maximum likelihood with right, left and interval censoring
 * and left truncation. The scale is profiled out (closed form θ̂ = d/A without interval data; a nested
 * bracketed 1-D root of the concave θ-score with interval data) and the 1-D profile score in ln k is solved
 * by an expanding bracket + Brent's method — never 2-D Newton — so the fit either converges or throws a
 * typed `NOT_IDENTIFIABLE` error. Intervals: Wald on (ln k, ln λ) from the observed information and a
 * profile-likelihood interval for k. Invariant to the time unit (times × c ⇒ scale × c, same shape).
 *
 * @param data - times (with `events`), a {@link SurvivalData} / {@link IntervalData} object or records
 * @param eventsOrOptions - failure indicators when `data` is an array of times, otherwise the options
 * @param options - options when the second argument is the events array
 * @returns the fit (plain data)
 * @throws InfraError `NOT_IDENTIFIABLE` for no failures (all censored), all failures tied at the largest
 *   time, or a single failure with nothing later; bad-input errors as {@link kaplanMeier}; `OUT_OF_RANGE`
 *   for an exact failure at time 0
 *
 * @example
 * ```ts @import.meta.vitest
 * const fit = fitWeibull([10, 20, 30, 40, 50, 60], [1, 1, 1, 1, 0, 0]);
 * expect(fit.shape).toBeGreaterThan(1);
 * const scaled = fitWeibull([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 0, 0]);
 * expect(scaled.shape).toBeCloseTo(fit.shape, 10);
 * expect(scaled.scale * 10).toBeCloseTo(fit.scale, 8);
 * expect(() => fitWeibull([1, 2], [0, 0])).toThrow(/not identifiable/);
 * ```
 */
export function fitWeibull(
  data: CensoredInput,
  eventsOrOptions?: ArrayLike<boolean | number> | FitOptions,
  options?: FitOptions,
): WeibullFit {
  const { opts, level, sample, counts, ss } = prepareFit(data, eventsOrOptions, options);
  const best = maximizeProfile(ss);
  const shape = best.shape;
  const scale = ss.c * Math.pow(best.theta, -1 / shape);
  if (!(Number.isFinite(scale) && scale > 0)) {
    throw new InfraError('NOT_IDENTIFIABLE', 'data', `the scale estimate is not finite (shape ${shape})`);
  }
  const logLikelihood = best.logLik - counts.failures * Math.log(ss.c);
  const cov = logCovariance(ss, shape, scale);
  const z = normalQuantile(1 - (1 - level) / 2);
  const wald = (est: number, v: number): ConfidenceInterval => ({
    lower: est * Math.exp(-z * Math.sqrt(v)),
    upper: est * Math.exp(z * Math.sqrt(v)),
  });
  return {
    version: 1,
    kind: 'weibull',
    ...counts,
    shape,
    scale,
    logLikelihood,
    mttf: scale * Math.exp(logGamma(1 + 1 / shape)),
    confidenceLevel: level,
    covariance: cov === undefined ? null : { logShape: cov[0], logShapeLogScale: cov[1], logScale: cov[2] },
    shapeCi: cov === undefined ? null : wald(shape, cov[0]),
    scaleCi: cov === undefined ? null : wald(scale, cov[2]),
    shapeProfileCi: profileShapeInterval(ss, shape, best.logLik, level, cov === undefined ? undefined : z * Math.sqrt(cov[0])),
    method: ss.lnLo.length > 0 ? 'profile-nested' : 'profile-closed-form',
    evaluations: best.evaluations,
  };
}

/** A point estimate with a confidence interval (bounds null when the fit has no covariance). */
export interface EstimateWithCi {
  /** Point estimate. */
  readonly estimate: number;
  /** Lower bound, or null. */
  readonly lower: number | null;
  /** Upper bound, or null. */
  readonly upper: number | null;
}

function zOf(fit: WeibullFit, level: number | undefined): number {
  const lv = assertInRange(level ?? fit.confidenceLevel, 'level', 0, 1, { minExclusive: true, maxExclusive: true });
  return normalQuantile(1 - (1 - lv) / 2);
}

function checkFit(fit: WeibullFit): void {
  if (fit === null || typeof fit !== 'object' || fit.kind !== 'weibull') {
    throw new InfraError('INVALID_ARGUMENT', 'fit', 'must be a result of fitWeibull');
  }
}

/**
 * Reliability R(t) = S(t) from a Weibull fit with a delta-method interval on ln(−ln R) = k(ln t − ln λ),
 * which keeps the bounds inside [0, 1].
 *
 * @param fit - a {@link WeibullFit}
 * @param t - time > 0
 * @param level - confidence level (default: the fit's)
 * @returns R(t) and its bounds
 * @throws InfraError for a non-positive t or a bad level
 *
 * @example
 * ```ts @import.meta.vitest
 * const fit = fitWeibull([5, 8, 12, 15, 20, 22, 30, 41], [1, 1, 1, 1, 1, 1, 0, 0]);
 * const r = weibullReliability(fit, 10);
 * expect(r.lower! <= r.estimate && r.estimate <= r.upper!).toBe(true);
 * ```
 */
export function weibullReliability(fit: WeibullFit, t: number, level?: number): EstimateWithCi {
  checkFit(fit);
  const x = assertPositive(t, 't');
  const k = fit.shape;
  const w = Math.log(x) - Math.log(fit.scale);
  const eta = k * w; // ln H(t)
  const estimate = Math.exp(-Math.exp(eta));
  const c = fit.covariance;
  if (c === null) return { estimate, lower: null, upper: null };
  // ∂η/∂ln k = k·w = η, ∂η/∂ln λ = −k
  const v = eta * eta * c.logShape - 2 * eta * k * c.logShapeLogScale + k * k * c.logScale;
  const half = zOf(fit, level) * Math.sqrt(Math.max(0, v));
  return { estimate, lower: Math.exp(-Math.exp(eta + half)), upper: Math.exp(-Math.exp(eta - half)) };
}

/**
 * B-life: the time by which a fraction p has failed (p = 0.1 → B10), with a delta-method interval on
 * ln t_p = ln λ + (1/k)·ln(−ln(1 − p)).
 *
 * @param fit - a {@link WeibullFit}
 * @param p - failed fraction in (0, 1)
 * @param level - confidence level (default: the fit's)
 * @returns t_p and its bounds
 * @throws InfraError for p outside (0, 1)
 *
 * @example
 * ```ts @import.meta.vitest
 * const fit = fitWeibull([5, 8, 12, 15, 20, 22, 30, 41], [1, 1, 1, 1, 1, 1, 0, 0]);
 * const b10 = weibullBLife(fit, 0.1);
 * expect(b10.estimate).toBeCloseTo(weibullQuantile(fit.shape, fit.scale, 0.1), 12);
 * expect(b10.lower! < b10.estimate && b10.estimate < b10.upper!).toBe(true);
 * ```
 */
export function weibullBLife(fit: WeibullFit, p: number, level?: number): EstimateWithCi {
  checkFit(fit);
  const q = assertInRange(p, 'p', 0, 1, { minExclusive: true, maxExclusive: true });
  const k = fit.shape;
  const y = Math.log(-Math.log1p(-q));
  const estimate = weibullQuantile(k, fit.scale, q);
  const c = fit.covariance;
  if (c === null) return { estimate, lower: null, upper: null };
  // ∂ln t_p/∂ln k = −y/k, ∂ln t_p/∂ln λ = 1
  const a = -y / k;
  const v = a * a * c.logShape + 2 * a * c.logShapeLogScale + c.logScale;
  const half = zOf(fit, level) * Math.sqrt(Math.max(0, v));
  return { estimate, lower: estimate * Math.exp(-half), upper: estimate * Math.exp(half) };
}
