import { InfraError, assertNonNegative, assertPositive } from '@infra/types';

/**
 * Arrival and service description shared by the classic formulas. Give the service either as a rate
 * (`serviceRate`, μ per server per second) or as a mean time (`meanServiceTime`, seconds) — not both.
 */
export interface QueueParams {
  /** Arrival rate λ in customers per second, ≥ 0. */
  readonly arrivalRate: number;
  /** Service rate μ of one server (customers per second), > 0. */
  readonly serviceRate?: number;
  /** Mean service time E[S] = 1/μ in seconds, > 0. */
  readonly meanServiceTime?: number;
}

/** Validated numbers derived from {@link QueueParams}. */
export interface ResolvedQueue {
  /** λ (per second). */
  readonly lambda: number;
  /** Mean service time E[S] (seconds). */
  readonly es: number;
}

/**
 * Validate {@link QueueParams} and return λ and E[S].
 *
 * @param p - the parameters
 * @param path - argument path for errors
 * @returns λ and E[S]
 * @throws InfraError naming the field when rates are negative, missing, both given or not finite
 */
export function resolveQueue(p: QueueParams, path = 'params'): ResolvedQueue {
  if (p === null || typeof p !== 'object') throw new InfraError('INVALID_ARGUMENT', path, 'must be an object');
  const lambda = assertNonNegative(p.arrivalRate, `${path}.arrivalRate`);
  const hasRate = p.serviceRate !== undefined;
  const hasTime = p.meanServiceTime !== undefined;
  if (hasRate === hasTime) {
    throw new InfraError('INVALID_ARGUMENT', `${path}.serviceRate`, 'give exactly one of serviceRate or meanServiceTime');
  }
  const es = hasRate
    ? 1 / assertPositive(p.serviceRate, `${path}.serviceRate`)
    : assertPositive(p.meanServiceTime, `${path}.meanServiceTime`);
  if (!Number.isFinite(es) || es <= 0) throw new InfraError('OUT_OF_RANGE', `${path}.serviceRate`, 'gives a zero or infinite mean service time');
  return { lambda, es };
}

/**
 * Throw `UNSTABLE` naming the arrival rate when utilisation ρ ≥ 1.
 *
 * @param rho - utilisation
 * @param path - argument path
 * @throws InfraError `UNSTABLE`
 */
export function assertStable(rho: number, path: string): void {
  if (!(rho < 1)) {
    throw new InfraError('UNSTABLE', `${path}.arrivalRate`, `utilisation ρ = ${rho} must be < 1 for a stable queue`);
  }
}
