import { InfraError, assertInteger, assertNonNegative, assertPositive } from '@infra/types';
import { atomExponentialWait, unstableWait, type WaitDistribution } from './distribution.js';
import { MAX_SERVERS, erlangB, erlangCFromB } from './erlang.js';
import { assertStable, resolveQueue, type QueueParams } from './queue-params.js';

/** Parameters of an M/M/c queue. */
export interface MmcParams extends QueueParams {
  /** Number of servers c, integer ≥ 1. */
  readonly servers: number;
}

/** Everything about an M/M/c queue in steady state (W = wait in queue, T = sojourn). */
export interface MmcResult {
  /** False when ρ ≥ 1: then waits and lengths are Infinity and `probWait` is 1 (documented explicit result). */
  readonly stable: boolean;
  /** Offered load a = λ·E[S] in Erlangs. */
  readonly offeredLoad: number;
  /** Utilisation ρ = a / c. */
  readonly utilization: number;
  /** Erlang C: probability an arrival waits. */
  readonly probWait: number;
  /** Mean wait in queue E[W_q] (seconds). */
  readonly meanWait: number;
  /** Mean sojourn time E[W_q] + E[S] (seconds). */
  readonly meanSojourn: number;
  /** Mean number waiting L_q = λ·E[W_q] (Little). */
  readonly meanQueueLength: number;
  /** Mean number in system L = λ·E[T] (Little). */
  readonly meanInSystem: number;
  /** The full waiting-time distribution (atom at 0 plus exponential tail). */
  readonly wait: WaitDistribution;
}

/**
 * Steady-state M/M/c queue: Erlang C, mean wait, Little's-law lengths and the waiting-time distribution
 * P(W_q > t) = C·e^{−(cμ−λ)t}, with percentiles via `wait.quantile(p)`. Stable for c up to 10⁷.
 *
 * @param params - arrival rate, service rate (or mean time) and servers
 * @returns the queue's metrics; when ρ ≥ 1 a result with `stable: false` and infinite waits
 * @throws InfraError on negative / non-finite rates or a non-integer server count
 *
 * @example
 * ```ts @import.meta.vitest
 * const q = mmcQueue({ arrivalRate: 8, serviceRate: 1, servers: 10 });
 * expect(q.probWait).toBeCloseTo(0.4091801508, 10);
 * expect(q.meanWait).toBeCloseTo(0.2045900754, 10);
 * expect(q.wait.survival(1)).toBeCloseTo(0.0553765116, 10);
 * expect(mmcQueue({ arrivalRate: 3, serviceRate: 1, servers: 2 }).stable).toBe(false);
 * ```
 */
export function mmcQueue(params: MmcParams): MmcResult {
  const { lambda, es } = resolveQueue(params);
  const c = assertInteger(params.servers, 'params.servers', { min: 1, max: MAX_SERVERS });
  const a = lambda * es;
  const rho = a / c;
  if (!(rho < 1)) {
    return {
      stable: false,
      offeredLoad: a,
      utilization: rho,
      probWait: 1,
      meanWait: Infinity,
      meanSojourn: Infinity,
      meanQueueLength: Infinity,
      meanInSystem: Infinity,
      wait: unstableWait(),
    };
  }
  const probWait = a === 0 ? 0 : erlangCFromB(c, a, erlangB(c, a));
  const rate = (c - a) / es; // cμ − λ
  const meanWait = probWait / rate;
  return {
    stable: true,
    offeredLoad: a,
    utilization: rho,
    probWait,
    meanWait,
    meanSojourn: meanWait + es,
    meanQueueLength: lambda * meanWait,
    meanInSystem: lambda * (meanWait + es),
    wait: atomExponentialWait(probWait, rate),
  };
}

/**
 * M/M/1 queue (the c = 1 case of {@link mmcQueue}): W_q = ρ/(μ − λ), P(W_q > t) = ρ·e^{−(μ−λ)t}.
 *
 * @param params - arrival and service rates
 * @returns the queue's metrics (`stable: false` with infinite waits when ρ ≥ 1)
 * @throws InfraError on negative or non-finite rates
 *
 * @example
 * ```ts @import.meta.vitest
 * const q = mm1({ arrivalRate: 0.8, serviceRate: 1 });
 * expect(q.meanWait).toBeCloseTo(4, 12);
 * expect(q.wait.survival(1)).toBeCloseTo(0.8 * Math.exp(-0.2), 12);
 * ```
 */
export function mm1(params: QueueParams): MmcResult {
  return mmcQueue({ ...params, servers: 1 });
}

/** M/G/1 parameters: the service-time variability as a squared CV or as a raw second moment. */
export interface MG1Params extends QueueParams {
  /** Squared coefficient of variation of the service time C_s² (1 for exponential, 0 for deterministic). */
  readonly serviceScv?: number;
  /** Second moment E[S²] in seconds² (alternative to `serviceScv`). */
  readonly serviceSecondMoment?: number;
}

/**
 * Pollaczek–Khinchine mean wait in an M/G/1 queue: W_q = λ·E[S²] / (2(1 − ρ)).
 *
 * @param params - λ, E[S] (or μ) and either C_s² or E[S²]
 * @returns mean wait in queue, seconds
 * @throws InfraError `UNSTABLE` when ρ ≥ 1; `INVALID_ARGUMENT` when neither or both of
 *   `serviceScv` / `serviceSecondMoment` are given or E[S²] < E[S]²
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(pollaczekKhinchine({ arrivalRate: 0.8, meanServiceTime: 1, serviceScv: 1 })).toBeCloseTo(4, 12);
 * expect(pollaczekKhinchine({ arrivalRate: 0.8, meanServiceTime: 1, serviceScv: 0 })).toBeCloseTo(2, 12);
 * ```
 */
export function pollaczekKhinchine(params: MG1Params): number {
  const { lambda, es } = resolveQueue(params);
  const hasScv = params.serviceScv !== undefined;
  if (hasScv === (params.serviceSecondMoment !== undefined)) {
    throw new InfraError('INVALID_ARGUMENT', 'params.serviceScv', 'give exactly one of serviceScv or serviceSecondMoment');
  }
  let es2: number;
  if (hasScv) es2 = es * es * (1 + assertNonNegative(params.serviceScv, 'params.serviceScv'));
  else {
    es2 = assertNonNegative(params.serviceSecondMoment, 'params.serviceSecondMoment');
    if (es2 < es * es * (1 - 1e-12)) {
      throw new InfraError('OUT_OF_RANGE', 'params.serviceSecondMoment', `E[S²] = ${es2} must be ≥ E[S]² = ${es * es}`);
    }
  }
  const rho = lambda * es;
  assertStable(rho, 'params');
  return (lambda * es2) / (2 * (1 - rho));
}

/**
 * M/D/1 mean wait (deterministic service): W_q = ρ·E[S] / (2(1 − ρ)).
 *
 * @param params - λ and the constant service time (or rate)
 * @returns mean wait in queue, seconds
 * @throws InfraError `UNSTABLE` when ρ ≥ 1, or on invalid rates
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(md1({ arrivalRate: 0.8, meanServiceTime: 1 })).toBeCloseTo(2, 12);
 * ```
 */
export function md1(params: QueueParams): number {
  const { lambda, es } = resolveQueue(params);
  const rho = lambda * es;
  assertStable(rho, 'params');
  return (rho * es) / (2 * (1 - rho));
}

/** G/G/c parameters for the heavy-traffic approximations. */
export interface GGParams extends QueueParams {
  /** Squared coefficient of variation of inter-arrival times C_a² (1 for Poisson), ≥ 0. */
  readonly arrivalScv: number;
  /** Squared coefficient of variation of service times C_s² (1 for exponential), ≥ 0. */
  readonly serviceScv: number;
}

/**
 * Kingman's G/G/1 approximation: E[W_q] ≈ (ρ/(1 − ρ))·((C_a² + C_s²)/2)·E[S].
 *
 * @param params - λ, E[S] (or μ), C_a², C_s²
 * @returns approximate mean wait in queue, seconds
 * @throws InfraError `UNSTABLE` when ρ ≥ 1, or on negative / non-finite inputs
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(kingman({ arrivalRate: 0.8, meanServiceTime: 1, arrivalScv: 1, serviceScv: 0.5 })).toBeCloseTo(3, 12);
 * ```
 */
export function kingman(params: GGParams): number {
  const { lambda, es } = resolveQueue(params);
  const ca2 = assertNonNegative(params.arrivalScv, 'params.arrivalScv');
  const cs2 = assertNonNegative(params.serviceScv, 'params.serviceScv');
  const rho = lambda * es;
  assertStable(rho, 'params');
  return (rho / (1 - rho)) * ((ca2 + cs2) / 2) * es;
}

/**
 * Allen–Cunneen G/G/c approximation: E[W_q] ≈ [C(c, a)/(cμ − λ)]·(C_a² + C_s²)/2 (exact for M/M/c).
 *
 * @param params - λ, E[S] (or μ), servers, C_a², C_s²
 * @returns approximate mean wait in queue, seconds
 * @throws InfraError `UNSTABLE` when ρ ≥ 1, or on invalid inputs
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = allenCunneen({ arrivalRate: 8, serviceRate: 1, servers: 10, arrivalScv: 1, serviceScv: 1 });
 * expect(w).toBeCloseTo(0.2045900754, 10);
 * ```
 */
export function allenCunneen(params: GGParams & { readonly servers: number }): number {
  const { lambda, es } = resolveQueue(params);
  const c = assertInteger(params.servers, 'params.servers', { min: 1, max: MAX_SERVERS });
  const ca2 = assertNonNegative(params.arrivalScv, 'params.arrivalScv');
  const cs2 = assertNonNegative(params.serviceScv, 'params.serviceScv');
  const a = lambda * es;
  assertStable(a / c, 'params');
  if (a === 0) return 0;
  const pw = erlangCFromB(c, a, erlangB(c, a));
  return ((pw * es) / (c - a)) * ((ca2 + cs2) / 2);
}

/**
 * DistServe's prefill-instance TTFT model (M/D/1 sojourn): TTFT = D + λD²/(2(1 − λD)).
 *
 * @param prefillSeconds - deterministic prefill time D, > 0
 * @param arrivalRate - request rate λ per second, ≥ 0
 * @returns mean time to first token, seconds
 * @throws InfraError `UNSTABLE` when λD ≥ 1
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(distServeTtft(0.2, 3)).toBeCloseTo(0.35, 12);
 * ```
 */
export function distServeTtft(prefillSeconds: number, arrivalRate: number): number {
  const d = assertPositive(prefillSeconds, 'prefillSeconds');
  const lambda = assertNonNegative(arrivalRate, 'arrivalRate');
  const rho = lambda * d;
  if (!(rho < 1)) throw new InfraError('UNSTABLE', 'arrivalRate', `λ·D = ${rho} must be < 1`);
  return d + (lambda * d * d) / (2 * (1 - rho));
}
