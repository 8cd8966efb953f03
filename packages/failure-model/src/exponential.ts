import { assertInRange, chiSquareQuantile, expandBracket, findRoot, normalQuantile } from '@infra/types';
import { EXACT, RIGHT, toSample, type CensoredInput, type CensoredSample } from './survival-data.js';
import { prepareFit, type ConfidenceInterval, type FitOptions, type ProfileInterval, type SampleCounts } from './weibull.js';
import { logCovariance, maximizeProfile, scaleSample } from './weibull-core.js';

/** A maximum-likelihood exponential fit: constant hazard `rate`, S(t) = exp(−rate·t), MTTF = 1/rate. */
export interface ExponentialFit extends SampleCounts {
  /** State-format version. */
  readonly version: 1;
  /** Discriminator. */
  readonly kind: 'exponential';
  /** Failure rate per unit time (failures / exposure without interval data). */
  readonly rate: number;
  /** Mean time to failure 1/rate. */
  readonly mttf: number;
  /** Total exposure Σ(exit − entry) over exact and right-censored units (interval rows excluded). */
  readonly exposure: number;
  /** Maximized log-likelihood. */
  readonly logLikelihood: number;
  /** Confidence level of the intervals. */
  readonly confidenceLevel: number;
  /** Wald interval for the rate on the log scale (se(ln rate) = 1/√d without interval data). */
  readonly rateCi: ConfidenceInterval;
  /** Likelihood-ratio interval for the rate. */
  readonly rateProfileCi: ProfileInterval;
  /** Interval for the MTTF (the inverted Wald rate interval). */
  readonly mttfCi: ConfidenceInterval;
}

function logLikAtRate(s: CensoredSample, r: number): number {
  let ll = 0;
  const lr = Math.log(r);
  for (let i = 0; i < s.n; i++) {
    const lo = s.lower[i] as number;
    const k = s.kind[i];
    if (k === EXACT) ll += lr - r * lo;
    else if (k === RIGHT) ll -= r * lo;
    else ll += -r * lo + Math.log(-Math.expm1(-r * ((s.upper[i] as number) - lo)));
    if (s.entry !== undefined) ll += r * (s.entry[i] as number);
  }
  return ll;
}

/**
 * Fit an exponential lifetime (constant hazard) by maximum likelihood with right, left and interval
 * censoring and left truncation. Without interval data the estimate is failures / exposure; with it the
 * score is solved by a bracketed 1-D root. Rates scale with exposure: times × c ⇒ rate / c.
 *
 * @param data - times (with `events`), a {@link SurvivalData} / {@link IntervalData} object or records
 * @param eventsOrOptions - failure indicators when `data` is an array of times, otherwise the options
 * @param options - options when the second argument is the events array
 * @returns the fit
 * @throws InfraError `NOT_IDENTIFIABLE` when no failure was observed (the MLE rate would be 0); bad-input
 *   errors as {@link kaplanMeier}
 *
 * @example
 * ```ts @import.meta.vitest
 * const fit = fitExponential([10, 20, 30, 40], [1, 0, 1, 0]);
 * expect(fit.rate).toBeCloseTo(2 / 100, 12);
 * expect(fit.mttf).toBeCloseTo(50, 10);
 * expect(fit.rateCi.lower < fit.rate && fit.rate < fit.rateCi.upper).toBe(true);
 * ```
 */
export function fitExponential(
  data: CensoredInput,
  eventsOrOptions?: ArrayLike<boolean | number> | FitOptions,
  options?: FitOptions,
): ExponentialFit {
  const { opts, level, sample, counts, ss } = prepareFit(data, eventsOrOptions, options);
  const best = maximizeProfile(ss, 1);
  const rate = best.theta / ss.c;
  let exposure = 0;
  for (let i = 0; i < sample.n; i++) {
    if (sample.kind[i] !== EXACT && sample.kind[i] !== RIGHT) continue;
    exposure += (sample.lower[i] as number) - (sample.entry === undefined ? 0 : (sample.entry[i] as number));
  }
  const logLikelihood = logLikAtRate(sample, rate);
  const cov = logCovariance(ss, 1, 1 / rate, true);
  const z = normalQuantile(1 - (1 - level) / 2);
  const se = cov === undefined ? 1 / Math.sqrt(Math.max(1, counts.failures + counts.intervalCensored)) : Math.sqrt(cov[2]);
  const rateCi = { lower: rate * Math.exp(-z * se), upper: rate * Math.exp(z * se) };
  const cut = logLikelihood - chiSquareQuantile(level, 1) / 2;
  const g = (v: number): number => logLikAtRate(sample, Math.exp(v)) - cut;
  const v0 = Math.log(rate);
  const side = (dir: 1 | -1): number | null => {
    try {
      const [a, b] = expandBracket(g, dir > 0 ? v0 : v0 - 0.1, dir > 0 ? v0 + 0.1 : v0, {
        lowerLimit: dir > 0 ? v0 : v0 - 60,
        upperLimit: dir > 0 ? v0 + 60 : v0,
      });
      return Math.exp(findRoot(g, a, b, { tol: 1e-12 }));
    } catch {
      return null;
    }
  };
  return {
    version: 1,
    kind: 'exponential',
    ...counts,
    rate,
    mttf: 1 / rate,
    exposure,
    logLikelihood,
    confidenceLevel: level,
    rateCi,
    rateProfileCi: { lower: side(-1), upper: side(1) },
    mttfCi: { lower: 1 / rateCi.upper, upper: 1 / rateCi.lower },
  };
}
