import { assertInRange, assertNonNegative, assertPositive } from '@infra/types';

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

