import { InfraError, assertInRange } from '@infra/types';
import type { SimulatorConfig } from './config.js';
import { simulate } from './simulator.js';
import { scaleArrivalRate, type Workload } from './workload.js';

/** Result of {@link scaleToUtilization}. */
export interface ScaledWorkload {
  /** The workload with arrivals rescaled so that offered load / saturated throughput = target. */
  readonly workload: Workload;
  /** The rate multiplier applied (> 1 compresses time). */
  readonly factor: number;
  /** Saturated throughput of the cluster on this token mix, requests per second. */
  readonly saturationRequestsPerSecond: number;
  /** Mean offered rate after scaling, requests per second (= target × saturation throughput). */
  readonly offeredRequestsPerSecond: number;
}

/**
 * Saturated throughput of a cluster on a workload's token mix: simulate every request arriving at time 0
 * (the queue never empties) and divide the request count by the makespan.
 *
 * @param config - the cluster
 * @param workload - supplies the token mix (arrival times are ignored)
 * @returns requests per second at saturation
 * @throws InfraError `EMPTY` for an empty workload, or any config error
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = { arrivalSeconds: new Float64Array(4), inputTokens: Int32Array.of(1, 1, 1, 1),
 *   outputTokens: Int32Array.of(1, 1, 1, 1), requestClass: new Uint8Array(4) };
 * const cfg = { instances: 1, alphaSeconds: 0.5, betaSecondsPerSequence: 0, gammaSecondsPerPrefillToken: 0,
 *   kvCapacityTokens: 100, maxBatchSize: 2, maxBatchedTokens: 2 };
 * // The first arrival starts an iteration alone, then two requests per 0.5 s iteration: 4 in 1.5 s.
 * expect(saturationThroughput(cfg, w)).toBeCloseTo(4 / 1.5, 12);
 * ```
 */
export function saturationThroughput(config: SimulatorConfig, workload: Workload): number {
  const n = workload.arrivalSeconds.length;
  if (n === 0) throw new InfraError('EMPTY', 'workload', 'needs at least one request');
  const burst: Workload = { ...workload, arrivalSeconds: new Float64Array(n) };
  const r = simulate({ ...config, recordSnapshots: false }, burst, 0);
  let makespan = 0;
  for (let i = 0; i < n; i++) makespan = Math.max(makespan, r.finishSeconds[i] ?? 0);
  return n / makespan;
}

/**
 * Rescale a workload's arrival rate so that its mean offered rate is `utilization` × the cluster's
 * saturated throughput ({@link saturationThroughput}). Burstiness is preserved (all gaps scale alike).
 *
 * @param config - the cluster
 * @param workload - the workload (at least two requests with distinct arrival times)
 * @param utilization - target utilization in (0, 1.5]
 * @returns the scaled workload and the factors used
 * @throws InfraError `OUT_OF_RANGE` for a bad utilization, `INVALID_ARGUMENT` when all arrivals coincide
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = { arrivalSeconds: Float64Array.of(0, 1, 2, 3), inputTokens: Int32Array.of(1, 1, 1, 1),
 *   outputTokens: Int32Array.of(1, 1, 1, 1), requestClass: new Uint8Array(4) };
 * const cfg = { instances: 1, alphaSeconds: 0.5, betaSecondsPerSequence: 0, gammaSecondsPerPrefillToken: 0,
 *   kvCapacityTokens: 100, maxBatchSize: 2, maxBatchedTokens: 2 };
 * const s = scaleToUtilization(cfg, w, 0.5);
 * expect(s.offeredRequestsPerSecond).toBeCloseTo(0.5 * (4 / 1.5), 12);
 * expect(s.factor).toBeCloseTo((0.5 * (4 / 1.5)) / (4 / 3), 12); // the trace offered 4 requests over 3 s
 * ```
 */
export function scaleToUtilization(config: SimulatorConfig, workload: Workload, utilization: number): ScaledWorkload {
  assertInRange(utilization, 'utilization', 0, 1.5, { minExclusive: true });
  const n = workload.arrivalSeconds.length;
  const span = n > 1 ? (workload.arrivalSeconds[n - 1] ?? 0) - (workload.arrivalSeconds[0] ?? 0) : 0;
  if (!(span > 0)) {
    throw new InfraError('INVALID_ARGUMENT', 'workload.arrivalSeconds', 'needs at least two distinct arrival times');
  }
  const mu = saturationThroughput(config, workload);
  const rate = n / span;
  const factor = (utilization * mu) / rate;
  return {
    workload: scaleArrivalRate(workload, factor),
    factor,
    saturationRequestsPerSecond: mu,
    offeredRequestsPerSecond: utilization * mu,
  };
}
