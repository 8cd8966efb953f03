import { InfraError, assertOneOf, assertPlainObject, assertPositive, logGamma } from '@infra/types';

/**
 * The distribution of the time between consecutive job interruptions (a renewal process): exponential
 * (memoryless, the assumption behind Young / Daly) or Weibull (shape < 1: bursty, shape > 1: wear-out).
 * Times are in any one unit.
 */
export type InterArrivalModel =
  | {
      /** Exponential inter-arrival times. */
      readonly kind: 'exponential';
      /** Mean time between failures, > 0. */
      readonly mean: number;
    }
  | {
      /** Weibull inter-arrival times, S(t) = exp(−(t/scale)^shape). */
      readonly kind: 'weibull';
      /** Shape k, > 0. */
      readonly shape: number;
      /** Scale η, > 0 (same unit as the other durations). */
      readonly scale: number;
    };

/**
 * Validate an {@link InterArrivalModel}.
 *
 * @param x - the candidate model
 * @param path - argument path used in errors
 * @returns the model, typed
 * @throws InfraError when the kind is unknown or a parameter is not a positive finite number
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(checkInterArrivalModel({ kind: 'exponential', mean: 3 }, 'm').kind).toBe('exponential');
 * expect(() => checkInterArrivalModel({ kind: 'weibull', shape: 0, scale: 1 }, 'm')).toThrow('m.shape');
 * ```
 */
export function checkInterArrivalModel(x: unknown, path: string): InterArrivalModel {
  const o = assertPlainObject(x, path);
  const kind = assertOneOf(o['kind'], `${path}.kind`, ['exponential', 'weibull'] as const);
  if (kind === 'exponential') return { kind, mean: assertPositive(o['mean'], `${path}.mean`) };
  return { kind, shape: assertPositive(o['shape'], `${path}.shape`), scale: assertPositive(o['scale'], `${path}.scale`) };
}

/**
 * A Weibull inter-arrival model with a given mean: scale = mean / Γ(1 + 1/shape).
 *
 * @param shape - Weibull shape k, > 0
 * @param mean - the mean time between failures, > 0
 * @returns the Weibull {@link InterArrivalModel}
 * @throws InfraError for non-positive or non-finite arguments
 *
 * @example
 * ```ts @import.meta.vitest
 * const m = weibullWithMean(1, 5);
 * expect(m.kind === 'weibull' && m.scale).toBeCloseTo(5, 12);
 * expect(interArrivalMean(weibullWithMean(0.6, 3))).toBeCloseTo(3, 10);
 * ```
 */
export function weibullWithMean(shape: number, mean: number): InterArrivalModel {
  const k = assertPositive(shape, 'shape');
  const m = assertPositive(mean, 'mean');
  const scale = m / Math.exp(logGamma(1 + 1 / k));
  if (!(scale > 0) || !Number.isFinite(scale)) throw new InfraError('OUT_OF_RANGE', 'shape', `shape ${k} gives no finite scale`);
  return { kind: 'weibull', shape: k, scale };
}

/**
 * The mean time between failures of an {@link InterArrivalModel}.
 *
 * @param model - the inter-arrival model
 * @returns the mean (for Weibull: scale·Γ(1 + 1/shape))
 * @throws InfraError when the model is invalid
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(interArrivalMean({ kind: 'weibull', shape: 2, scale: 1 })).toBeCloseTo(Math.sqrt(Math.PI) / 2, 12);
 * ```
 */
export function interArrivalMean(model: InterArrivalModel): number {
  const m = checkInterArrivalModel(model, 'model');
  return m.kind === 'exponential' ? m.mean : m.scale * Math.exp(logGamma(1 + 1 / m.shape));
}

/**
 * The survival function S(t) = P(time to the next failure > t) of an {@link InterArrivalModel}.
 *
 * @param model - the inter-arrival model (validated)
 * @param t - time since the last failure, ≥ 0
 * @returns S(t) in [0, 1]
 * @throws InfraError when the model is invalid
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(interArrivalSurvival({ kind: 'exponential', mean: 2 }, 2)).toBeCloseTo(Math.exp(-1), 12);
 * expect(interArrivalSurvival({ kind: 'weibull', shape: 0.5, scale: 4 }, 0)).toBe(1);
 * ```
 */
export function interArrivalSurvival(model: InterArrivalModel, t: number): number {
  const m = checkInterArrivalModel(model, 'model');
  return survivalFn(m)(t);
}

/**
 * The survival function as a closure, without re-validating on each call (hot loops).
 *
 * @param m - a validated model
 * @returns t ↦ S(t)
 *
 * @example
 * ```ts @import.meta.vitest
 * const s = survivalFn({ kind: 'weibull', shape: 1, scale: 3 });
 * expect(s(3)).toBeCloseTo(Math.exp(-1), 12);
 * ```
 */
export function survivalFn(m: InterArrivalModel): (t: number) => number {
  if (m.kind === 'exponential') {
    const rate = 1 / m.mean;
    return (t) => (t <= 0 ? 1 : Math.exp(-rate * t));
  }
  const { shape, scale } = m;
  return (t) => (t <= 0 ? 1 : Math.exp(-Math.pow(t / scale, shape)));
}
