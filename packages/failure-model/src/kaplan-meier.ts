import { InfraError, assertInRange, assertOneOf, normalQuantile } from '@infra/types';
import { lastAtOrBefore, riskTable, toPlainArray } from './risk-table.js';
import { requireRightCensored, toSample, type SurvivalInput } from './survival-data.js';

/**
 * Transformation used for pointwise confidence intervals of a survival curve:
 * `plain` S ± z·se (clipped to [0, 1]); `log` exp(ln S ± z·√G) (R `survival` default, upper clipped at 1);
 * `log-log` exp(−exp(ln(−ln S) ∓ z·√G/|ln S|)) (lifelines, scikit-survival, scipy option), where G is the
 * Greenwood sum Σ d/(n(n − d)).
 */
export type ConfidenceType = 'plain' | 'log' | 'log-log';

/** The accepted confidence-interval transformations. */
export const CONFIDENCE_TYPES: readonly ConfidenceType[] = ['plain', 'log', 'log-log'];

/** Options of {@link kaplanMeier}. */
export interface KaplanMeierOptions {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  readonly confidenceLevel?: number;
  /** Interval transformation; default `'log-log'`. */
  readonly confidenceType?: ConfidenceType;
}

/** A Kaplan–Meier curve as plain data (one row per distinct exit time, failures and censorings). */
export interface KaplanMeierResult {
  /** State-format version. */
  readonly version: 1;
  /** Discriminator. */
  readonly kind: 'kaplan-meier';
  /** Number of units. */
  readonly n: number;
  /** Total failures. */
  readonly totalEvents: number;
  /** Total right-censored units. */
  readonly totalCensored: number;
  /** Distinct exit times, ascending. */
  readonly times: readonly number[];
  /** Units at risk at each time (entry < t ≤ exit). */
  readonly nRisk: readonly number[];
  /** Failures at each time. */
  readonly nEvents: readonly number[];
  /** Censorings at each time (at risk at that time: failures are processed first). */
  readonly nCensored: readonly number[];
  /** Ŝ(t) just after each time, in [0, 1] and non-increasing. */
  readonly survival: readonly number[];
  /** Greenwood cumulative sum Σ d/(n(n − d)) (= Var ln Ŝ); the term with d = n, where Ŝ drops to 0, is omitted. */
  readonly greenwood: readonly number[];
  /** Greenwood standard error of Ŝ, Ŝ·√G (0 where Ŝ = 0). */
  readonly stdErr: readonly number[];
  /** Lower pointwise confidence bound. */
  readonly lower: readonly number[];
  /** Upper pointwise confidence bound. */
  readonly upper: readonly number[];
  /** Confidence level of the bounds. */
  readonly confidenceLevel: number;
  /** Transformation of the bounds. */
  readonly confidenceType: ConfidenceType;
}

/**
 * Pointwise confidence bounds for a survival probability.
 *
 * @param s - survival estimate in [0, 1]
 * @param g - Greenwood sum (Var ln S)
 * @param z - normal quantile
 * @param type - transformation
 * @returns [lower, upper], containing s; [1, 1] when s = 1 and [0, 0] when s = 0
 */
export function survivalBounds(s: number, g: number, z: number, type: ConfidenceType): [number, number] {
  if (s >= 1) return [1, 1];
  if (s <= 0) return [0, 0];
  const sg = Math.sqrt(g);
  if (type === 'plain') return [Math.max(0, s - z * s * sg), Math.min(1, s + z * s * sg)];
  if (type === 'log') return [s * Math.exp(-z * sg), Math.min(1, s * Math.exp(z * sg))];
  // ln S < 0: a larger exponent gives a smaller probability
  const w = (z * sg) / -Math.log(s);
  return [Math.pow(s, Math.exp(w)), Math.pow(s, Math.exp(-w))];
}

/**
 * Kaplan–Meier product-limit estimate Ŝ(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ) with Greenwood variance and
 * plain / log / log-log pointwise confidence intervals. Right censoring and left truncation (delayed entry:
 * risk sets nⱼ = #{entry < tⱼ ≤ exit}) are supported; interval-censored data is rejected. All-censored data
 * is valid: the curve stays at 1. Once a risk set is exhausted (nⱼ = dⱼ) Ŝ stays at 0 with bounds [0, 0].
 * O(n log n) with typed-array sorts.
 *
 * @param data - times (with `events` as the second argument), a {@link SurvivalData} object or records
 * @param eventsOrOptions - failure indicators when `data` is an array of times, otherwise the options
 * @param options - options when the second argument is the events array
 * @returns the curve at every distinct exit time
 * @throws InfraError `EMPTY` for no data, `NOT_FINITE` / `OUT_OF_RANGE` for NaN or negative times,
 *   `INVALID_ARGUMENT` for entry ≥ exit or interval-censored rows, `SHAPE_MISMATCH` for unequal lengths
 *
 * @example
 * ```ts @import.meta.vitest
 * const km = kaplanMeier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0]);
 * expect(km.times).toEqual([1, 2, 3, 4]);
 * expect(km.survival[0]).toBeCloseTo(0.8, 12);
 * expect(km.survival[2]).toBeCloseTo(0.8 * 0.75 * 0.5, 12);
 * expect(km.lower[0]! <= km.survival[0]! && km.survival[0]! <= km.upper[0]!).toBe(true);
 * ```
 */
export function kaplanMeier(
  data: SurvivalInput,
  eventsOrOptions?: ArrayLike<boolean | number> | KaplanMeierOptions,
  options?: KaplanMeierOptions,
): KaplanMeierResult {
  const isEvents = eventsOrOptions !== undefined && 'length' in eventsOrOptions;
  const events = isEvents ? (eventsOrOptions as ArrayLike<boolean | number>) : undefined;
  const opts = (isEvents ? options : (eventsOrOptions as KaplanMeierOptions | undefined)) ?? {};
  const level = assertInRange(opts.confidenceLevel ?? 0.95, 'options.confidenceLevel', 0, 1, {
    minExclusive: true,
    maxExclusive: true,
  });
  const type = assertOneOf(opts.confidenceType ?? 'log-log', 'options.confidenceType', CONFIDENCE_TYPES);
  const sample = requireRightCensored(toSample(data, events), 'data');
  const table = riskTable(sample);
  const m = table.times.length;
  const z = normalQuantile(1 - (1 - level) / 2);
  const survival = new Array<number>(m);
  const greenwood = new Array<number>(m);
  const stdErr = new Array<number>(m);
  const lower = new Array<number>(m);
  const upper = new Array<number>(m);
  let s = 1;
  let g = 0;
  let lo = 1;
  let hi = 1;
  let totalEvents = 0;
  for (let j = 0; j < m; j++) {
    const n = table.nRisk[j] as number;
    const d = table.nEvents[j] as number;
    totalEvents += d;
    if (d > 0) {
      if (d >= n) s = 0;
      else {
        s *= 1 - d / n;
        g += d / (n * (n - d));
      }
    }
    survival[j] = s;
    greenwood[j] = g;
    stdErr[j] = s > 0 ? s * Math.sqrt(g) : 0;
    if (d > 0 || j === 0) {
      const b = survivalBounds(s, g, z, type);
      lo = b[0];
      hi = b[1];
    }
    lower[j] = lo;
    upper[j] = hi;
  }
  return {
    version: 1,
    kind: 'kaplan-meier',
    n: sample.n,
    totalEvents,
    totalCensored: sample.n - totalEvents,
    times: toPlainArray(table.times),
    nRisk: toPlainArray(table.nRisk),
    nEvents: toPlainArray(table.nEvents),
    nCensored: toPlainArray(table.nCensored),
    survival,
    greenwood,
    stdErr,
    lower,
    upper,
    confidenceLevel: level,
    confidenceType: type,
  };
}

/** A survival probability with its pointwise confidence bounds. */
export interface SurvivalPoint {
  /** Time queried. */
  readonly time: number;
  /** Ŝ(time). */
  readonly survival: number;
  /** Lower confidence bound. */
  readonly lower: number;
  /** Upper confidence bound. */
  readonly upper: number;
}

/**
 * Evaluate a Kaplan–Meier curve (a right-continuous step function) at time t: 1 before the first exit
 * time; beyond the last exit time the last value is carried forward.
 *
 * @param km - a curve from {@link kaplanMeier}
 * @param t - time, finite (negative times give 1)
 * @returns Ŝ(t) with its pointwise bounds
 * @throws InfraError `NOT_FINITE` for a non-finite t
 *
 * @example
 * ```ts @import.meta.vitest
 * const km = kaplanMeier([1, 2, 3, 4]);
 * expect(survivalAt(km, 2.5).survival).toBeCloseTo(0.5, 12);
 * expect(survivalAt(km, 0).survival).toBe(1);
 * ```
 */
export function survivalAt(km: KaplanMeierResult, t: number): SurvivalPoint {
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new InfraError('NOT_FINITE', 't', `must be finite, got ${String(t)}`);
  const j = lastAtOrBefore(km.times, t);
  if (j < 0) return { time: t, survival: 1, lower: 1, upper: 1 };
  return { time: t, survival: km.survival[j] as number, lower: km.lower[j] as number, upper: km.upper[j] as number };
}

/** A quantile of the lifetime distribution read off a survival curve, with its confidence interval. */
export interface SurvivalQuantile {
  /** Probability p: the time by which a fraction p has failed (Ŝ(t) ≤ 1 − p). */
  readonly probability: number;
  /** Estimate, or null when the curve never drops to 1 − p. */
  readonly time: number | null;
  /** Lower confidence bound (first time the lower band reaches 1 − p), or null. */
  readonly lower: number | null;
  /** Upper confidence bound (first time the upper band reaches 1 − p), or null when not reached. */
  readonly upper: number | null;
}

function firstAtOrBelow(times: readonly number[], values: readonly number[], target: number): number | null {
  for (let j = 0; j < values.length; j++) if ((values[j] as number) <= target + 1e-12) return times[j] as number;
  return null;
}

/**
 * The p-quantile of the lifetime: the smallest time with Ŝ(t) ≤ 1 − p (p = 0.5 gives the median), with
 * the Brookmeyer–Crowley-style interval obtained by inverting the pointwise confidence band (same
 * transformation as the curve). Null where the curve or band never reaches 1 − p (heavy censoring).
 *
 * @param km - a curve from {@link kaplanMeier}
 * @param p - probability in (0, 1)
 * @returns the quantile and its bounds
 * @throws InfraError `OUT_OF_RANGE` for p outside (0, 1)
 *
 * @example
 * ```ts @import.meta.vitest
 * const km = kaplanMeier([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
 * expect(survivalQuantile(km, 0.5).time).toBe(5);
 * expect(survivalQuantile(kaplanMeier([1, 2], [0, 0]), 0.5).time).toBe(null);
 * ```
 */
export function survivalQuantile(km: KaplanMeierResult, p: number): SurvivalQuantile {
  const prob = assertInRange(p, 'p', 0, 1, { minExclusive: true, maxExclusive: true });
  const target = 1 - prob;
  return {
    probability: prob,
    time: firstAtOrBelow(km.times, km.survival, target),
    lower: firstAtOrBelow(km.times, km.lower, target),
    upper: firstAtOrBelow(km.times, km.upper, target),
  };
}

/**
 * Median lifetime from a Kaplan–Meier curve with its confidence interval (see {@link survivalQuantile}).
 *
 * @param km - a curve from {@link kaplanMeier}
 * @returns the median and its bounds (null where not reached)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(kaplanMeierMedian(kaplanMeier([3, 1, 2])).time).toBe(2);
 * ```
 */
export function kaplanMeierMedian(km: KaplanMeierResult): SurvivalQuantile {
  return survivalQuantile(km, 0.5);
}
