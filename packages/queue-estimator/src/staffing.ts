import { InfraError, assertInRange, assertNonNegative, assertPositive } from '@infra/types';
import { MAX_SERVERS, erlangB, erlangCFromB } from './erlang.js';
import { resolveQueue, type QueueParams } from './queue-params.js';

/** A staffing target: a mean-wait bound, or a percentile bound P(W_q ≤ maxWaitSeconds) ≥ probability. */
export type StaffingTarget =
  | {
      /** Bound the mean wait in queue. */
      readonly kind: 'meanWait';
      /** Largest acceptable mean wait in seconds, > 0. */
      readonly maxMeanWaitSeconds: number;
    }
  | {
      /** Bound a percentile of the wait: P(W_q ≤ maxWaitSeconds) ≥ probability. */
      readonly kind: 'percentile';
      /** The percentile as a probability in (0, 1), e.g. 0.95. */
      readonly probability: number;
      /** Largest acceptable wait at that percentile in seconds, ≥ 0 (0 bounds P(wait > 0)). */
      readonly maxWaitSeconds: number;
    };

/** Parameters of {@link minServers}. */
export interface StaffingParams extends QueueParams {
  /** The service-level target. */
  readonly target: StaffingTarget;
  /** C_a² for the Allen–Cunneen variant (default 1: Poisson arrivals, pure M/M/c). */
  readonly arrivalScv?: number;
  /** C_s² for the Allen–Cunneen variant (default 1: exponential service). */
  readonly serviceScv?: number;
  /** Give up above this many servers (default 10⁷). */
  readonly maxServers?: number;
}

/**
 * The wait metric a staffing target constrains, for `c` servers (Infinity when unstable).
 *
 * @param c - servers
 * @param a - offered load
 * @param es - mean service time
 * @param b - Erlang B(c, a)
 * @param scale - Allen–Cunneen factor (C_a² + C_s²)/2
 * @param target - the target
 * @returns true when the target is met
 */
function meets(c: number, a: number, es: number, b: number, scale: number, target: StaffingTarget): boolean {
  if (a >= c) return false;
  const pw = a === 0 ? 0 : erlangCFromB(c, a, b);
  const rate = (c - a) / (es * scale); // Allen–Cunneen stretches the exponential tail by `scale`
  if (target.kind === 'meanWait') return pw / rate <= target.maxMeanWaitSeconds;
  return pw * Math.exp(-rate * target.maxWaitSeconds) <= 1 - target.probability;
}

/**
 * Inverse staffing: the smallest number of servers c whose M/M/c (or Allen–Cunneen G/G/c) queue meets
 * the target. Monotone in c, so a linear scan from ⌊a⌋ + 1 with the Erlang B recursion advanced one
 * server at a time (O(a + answer) work, no bisection error). `c − 1` servers always violate the target.
 *
 * @param params - λ, E[S] (or μ), the target and optional variability
 * @returns the minimal server count
 * @throws InfraError on invalid inputs; `NOT_CONVERGED` (path `params.target`) when even `maxServers`
 *   servers miss the target
 *
 * @example
 * ```ts @import.meta.vitest
 * const c = minServers({ arrivalRate: 8, serviceRate: 1, target: { kind: 'meanWait', maxMeanWaitSeconds: 0.1 } });
 * expect(c).toBe(11);
 * const p = minServers({ arrivalRate: 95, serviceRate: 1,
 *   target: { kind: 'percentile', probability: 0.95, maxWaitSeconds: 0.05 } });
 * expect(p).toBeGreaterThan(95);
 * ```
 */
export function minServers(params: StaffingParams): number {
  const { lambda, es } = resolveQueue(params);
  const ca2 = params.arrivalScv === undefined ? 1 : assertNonNegative(params.arrivalScv, 'params.arrivalScv');
  const cs2 = params.serviceScv === undefined ? 1 : assertNonNegative(params.serviceScv, 'params.serviceScv');
  const maxC = params.maxServers === undefined ? MAX_SERVERS : assertPositive(params.maxServers, 'params.maxServers');
  const target = params.target;
  if (target === null || typeof target !== 'object') throw new InfraError('INVALID_ARGUMENT', 'params.target', 'must be an object');
  if (target.kind === 'meanWait') assertPositive(target.maxMeanWaitSeconds, 'params.target.maxMeanWaitSeconds');
  else if (target.kind === 'percentile') {
    assertInRange(target.probability, 'params.target.probability', 0, 1, { minExclusive: true, maxExclusive: true });
    assertNonNegative(target.maxWaitSeconds, 'params.target.maxWaitSeconds');
  } else {
    throw new InfraError('INVALID_ARGUMENT', 'params.target.kind', "must be 'meanWait' or 'percentile'");
  }
  const a = lambda * es;
  const scale = ca2 + cs2 === 0 ? Number.MIN_VALUE : (ca2 + cs2) / 2;
  if (a === 0) return 1;
  let c = Math.max(1, Math.floor(a) + 1);
  if (c > maxC) throw new InfraError('NOT_CONVERGED', 'params.target', `needs more than maxServers = ${maxC} servers`);
  let b = erlangB(c, a);
  while (!meets(c, a, es, b, scale, target)) {
    c += 1;
    if (c > maxC) throw new InfraError('NOT_CONVERGED', 'params.target', `not met with maxServers = ${maxC} servers`);
    b = (a * b) / (c + a * b);
  }
  return c;
}
