import fc from 'fast-check';
import type { SimulatorConfig } from './config.js';
import type { SimulationResult } from './result.js';
import { makeWorkload, type Workload } from './workload.js';

/** Options of {@link workloadArb}. */
export interface WorkloadArbOptions {
  /** Largest number of requests (default 60). */
  readonly maxRequests?: number;
  /** Largest prompt length (default 600). */
  readonly maxInputTokens?: number;
  /** Largest output length (default 60). */
  readonly maxOutputTokens?: number;
}

/**
 * fast-check arbitrary of small valid workloads (bursty gaps: zero gaps are common, classes mixed).
 *
 * @param options - size limits
 * @returns an arbitrary of {@link Workload}
 */
export function workloadArb(options: WorkloadArbOptions = {}): fc.Arbitrary<Workload> {
  const maxN = options.maxRequests ?? 60;
  const request = fc.record({
    gap: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
    input: fc.integer({ min: 1, max: options.maxInputTokens ?? 600 }),
    output: fc.integer({ min: 1, max: options.maxOutputTokens ?? 60 }),
    cls: fc.integer({ min: 0, max: 1 }),
  });
  return fc.array(request, { minLength: 1, maxLength: maxN }).map((rs) => {
    let t = 0;
    const arrivalSeconds = rs.map((r) => (t += r.gap));
    return makeWorkload({
      arrivalSeconds,
      inputTokens: rs.map((r) => r.input),
      outputTokens: rs.map((r) => r.output),
      requestClass: rs.map((r) => r.cls),
    });
  });
}

/**
 * fast-check arbitrary of small valid simulator configs whose KV cache fits any request of
 * {@link workloadArb} with default limits (≥ 660 tokens).
 *
 * @returns an arbitrary of {@link SimulatorConfig}
 */
export function simulatorConfigArb(): fc.Arbitrary<SimulatorConfig> {
  return fc
    .record({
      instances: fc.integer({ min: 1, max: 4 }),
      alphaSeconds: fc.double({ min: 0.001, max: 0.05, noNaN: true }),
      betaSecondsPerSequence: fc.double({ min: 0, max: 0.01, noNaN: true }),
      gammaSecondsPerPrefillToken: fc.double({ min: 0, max: 0.001, noNaN: true }),
      kvCapacityTokens: fc.integer({ min: 660, max: 5000 }),
      maxBatchSize: fc.integer({ min: 1, max: 16 }),
      extraBudget: fc.integer({ min: 0, max: 512 }),
    })
    .map(({ extraBudget, ...c }) => ({ ...c, maxBatchedTokens: c.maxBatchSize + extraBudget }));
}

/**
 * Mean queue wait (start − arrival) of a simulation.
 *
 * @param result - a simulation result
 * @returns the mean wait in seconds (0 for an empty run)
 */
export function meanWait(result: SimulationResult): number {
  let s = 0;
  for (let i = 0; i < result.requests; i++) s += (result.startSeconds[i] ?? 0) - (result.arrivalSeconds[i] ?? 0);
  return result.requests > 0 ? s / result.requests : 0;
}

/**
 * Check the simulator's conservation law: every request is started, gets its first token and finishes
 * exactly once, in the order arrival ≤ start < first token ≤ finish.
 *
 * @param result - a simulation result
 * @returns undefined when the law holds, else a description of the first violation
 */
export function conservationViolation(result: SimulationResult): string | undefined {
  for (let i = 0; i < result.requests; i++) {
    const a = result.arrivalSeconds[i] ?? 0;
    const s = result.startSeconds[i] ?? -1;
    const f = result.firstTokenSeconds[i] ?? -1;
    const e = result.finishSeconds[i] ?? -1;
    if (result.finishCount[i] !== 1) return `request ${i} finished ${result.finishCount[i]} times`;
    if (!(a <= s && s < f && f <= e)) return `request ${i}: arrival ${a}, start ${s}, first ${f}, finish ${e}`;
  }
  return undefined;
}

/**
 * Check Little's law L = λW on a simulation: the time-average number in the system (integrated by the
 * simulator event by event) must equal λ·W with λ = n / horizon and W the mean sojourn from the
 * per-request records, and likewise for the queue (L_q = λ·W_q).
 *
 * @param result - a simulation result
 * @param relTol - relative tolerance (default 1e-9)
 * @returns undefined when the law holds, else a description of the mismatch
 */
export function littleViolation(result: SimulationResult, relTol = 1e-9): string | undefined {
  const n = result.requests;
  const h = result.stats.horizonSeconds;
  if (n === 0 || h === 0) return undefined;
  let w = 0;
  let wq = 0;
  for (let i = 0; i < n; i++) {
    w += (result.finishSeconds[i] ?? 0) - (result.arrivalSeconds[i] ?? 0);
    wq += (result.startSeconds[i] ?? 0) - (result.arrivalSeconds[i] ?? 0);
  }
  const lambda = n / h;
  const checks: [string, number, number][] = [
    ['L', result.stats.timeAverageInSystem, (lambda * w) / n],
    ['Lq', result.stats.timeAverageInQueue, (lambda * wq) / n],
  ];
  for (const [name, got, want] of checks) {
    if (Math.abs(got - want) > relTol * Math.max(1, Math.abs(want))) return `${name} = ${got} but λW = ${want}`;
  }
  return undefined;
}
