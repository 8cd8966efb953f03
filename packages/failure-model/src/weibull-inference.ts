import { InfraError, assertInRange, assertNonNegative, assertPositive, normalQuantile } from '@infra/types';
import type { WeibullFit } from './weibull.js';

/** A point estimate with a confidence interval (bounds null when the fit has no covariance). */
export interface EstimateWithCi {
  /** Point estimate. */
  readonly estimate: number;
  /** Lower bound, or null. */
  readonly lower: number | null;
  /** Upper bound, or null. */
  readonly upper: number | null;
}

/**
 * Weibull survival S(t) = exp(−(t/λ)^k).
 *
 * @param shape - k > 0
 * @param scale - λ > 0
 * @param t - time ≥ 0
 * @returns S(t) in [0, 1]
 * @throws InfraError for non-positive shape / scale or negative t
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(weibullSurvival(2, 10, 10)).toBeCloseTo(Math.exp(-1), 14);
 * ```
 */
export function weibullSurvival(shape: number, scale: number, t: number): number {
  const k = assertPositive(shape, 'shape');
  const l = assertPositive(scale, 'scale');
  const x = assertNonNegative(t, 't');
  return Math.exp(-Math.pow(x / l, k));
}

/**
 * Weibull quantile: the time by which a fraction p has failed, λ·(−ln(1 − p))^(1/k).
 *
 * @param shape - k > 0
 * @param scale - λ > 0
 * @param p - probability in [0, 1)
 * @returns t_p ≥ 0
 * @throws InfraError for bad parameters
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(weibullQuantile(1, 100, 1 - Math.exp(-1))).toBeCloseTo(100, 10);
 * ```
 */
export function weibullQuantile(shape: number, scale: number, p: number): number {
  const k = assertPositive(shape, 'shape');
  const l = assertPositive(scale, 'scale');
  const q = assertInRange(p, 'p', 0, 1, { maxExclusive: true });
  return l * Math.pow(-Math.log1p(-q), 1 / k);
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
  const estimate = fit.scale * Math.exp(y / k);
  const c = fit.covariance;
  if (c === null) return { estimate, lower: null, upper: null };
  // ∂ln t_p/∂ln k = −y/k, ∂ln t_p/∂ln λ = 1
  const a = -y / k;
  const v = a * a * c.logShape + 2 * a * c.logShapeLogScale + c.logScale;
  const half = zOf(fit, level) * Math.sqrt(Math.max(0, v));
  return { estimate, lower: estimate * Math.exp(-half), upper: estimate * Math.exp(half) };
}
