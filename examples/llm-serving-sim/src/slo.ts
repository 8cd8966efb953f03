import { InfraError, assertPositive } from '@infra/types';
import type { SimulationResult } from './result.js';
import { BATCH, type Workload } from './workload.js';

/** SLO targets per class (seconds after arrival); omit a target to skip its attainment figure. */
export interface SloTargets {
  /** Time-to-first-token target of interactive requests. */
  readonly interactiveTtftSeconds?: number;
  /** Completion deadline of batch requests. */
  readonly batchCompletionSeconds?: number;
}

/** Latency summary of one request class. */
export interface ClassSummary {
  /** Requests of the class. */
  readonly count: number;
  /** Mean queue wait (start − arrival). */
  readonly meanWaitSeconds: number;
  /** 95th percentile of the queue wait (lower nearest rank; NaN when empty). */
  readonly p95WaitSeconds: number;
  /** Mean time to first token. */
  readonly meanTtftSeconds: number;
  /** 99th percentile of the time to first token. */
  readonly p99TtftSeconds: number;
  /** Mean end-to-end latency (finish − arrival). */
  readonly meanLatencySeconds: number;
  /** Share of requests meeting the class's SLO (NaN when no target was given or the class is empty). */
  readonly sloAttainment: number;
}

function quantile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.max(0, Math.ceil(p * s.length) - 1)] ?? Number.NaN;
}

function summarize(result: SimulationResult, idx: readonly number[], target: number | undefined, metric: 'ttft' | 'latency'): ClassSummary {
  const waits: number[] = [];
  const ttfts: number[] = [];
  let latency = 0;
  let met = 0;
  for (const i of idx) {
    const a = result.arrivalSeconds[i] ?? 0;
    const ttft = (result.firstTokenSeconds[i] ?? 0) - a;
    const lat = (result.finishSeconds[i] ?? 0) - a;
    waits.push((result.startSeconds[i] ?? 0) - a);
    ttfts.push(ttft);
    latency += lat;
    if (target !== undefined && (metric === 'ttft' ? ttft : lat) <= target) met++;
  }
  const n = idx.length;
  const mean = (xs: number[]): number => (xs.length > 0 ? xs.reduce((x, y) => x + y, 0) / xs.length : Number.NaN);
  return {
    count: n,
    meanWaitSeconds: mean(waits),
    p95WaitSeconds: quantile(waits, 0.95),
    meanTtftSeconds: mean(ttfts),
    p99TtftSeconds: quantile(ttfts, 0.99),
    meanLatencySeconds: n > 0 ? latency / n : Number.NaN,
    sloAttainment: target === undefined || n === 0 ? Number.NaN : met / n,
  };
}

/**
 * Per-class latency and SLO attainment of a simulation: interactive requests against a TTFT target, batch
 * requests against a completion deadline.
 *
 * @param result - the simulation
 * @param workload - the simulated workload (for the classes)
 * @param targets - SLO targets
 * @returns one summary per class
 * @throws InfraError `SHAPE_MISMATCH` when the workload and result sizes differ, `OUT_OF_RANGE` / `NOT_FINITE`
 *   for a non-positive target
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = { arrivalSeconds: Float64Array.of(0, 0), inputTokens: Int32Array.of(10, 10),
 *   outputTokens: Int32Array.of(2, 2), requestClass: Uint8Array.of(0, 1) };
 * const r = { requests: 2, arrivalSeconds: w.arrivalSeconds, startSeconds: Float64Array.of(0, 1),
 *   firstTokenSeconds: Float64Array.of(0.5, 1.5), finishSeconds: Float64Array.of(1, 2) } as SimulationResult;
 * const s = summarizeByClass(r, w, { interactiveTtftSeconds: 0.4, batchCompletionSeconds: 3 });
 * expect(s.interactive.sloAttainment).toBe(0);
 * expect(s.batch.sloAttainment).toBe(1);
 * expect(s.batch.meanWaitSeconds).toBe(1);
 * ```
 */
export function summarizeByClass(
  result: SimulationResult,
  workload: Workload,
  targets: SloTargets = {},
): { readonly interactive: ClassSummary; readonly batch: ClassSummary } {
  if (workload.arrivalSeconds.length !== result.requests) {
    throw new InfraError('SHAPE_MISMATCH', 'workload', `has ${workload.arrivalSeconds.length} requests, the result ${result.requests}`);
  }
  const ttft = targets.interactiveTtftSeconds === undefined ? undefined : assertPositive(targets.interactiveTtftSeconds, 'targets.interactiveTtftSeconds');
  const deadline = targets.batchCompletionSeconds === undefined ? undefined : assertPositive(targets.batchCompletionSeconds, 'targets.batchCompletionSeconds');
  const inter: number[] = [];
  const batch: number[] = [];
  for (let i = 0; i < result.requests; i++) (workload.requestClass[i] === BATCH ? batch : inter).push(i);
  return { interactive: summarize(result, inter, ttft, 'ttft'), batch: summarize(result, batch, deadline, 'latency') };
}
