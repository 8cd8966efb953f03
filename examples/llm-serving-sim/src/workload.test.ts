import { isInfraError } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { DEFAULT_SIMULATOR_CONFIG } from './config.js';
import { generateAzureCodeWorkload } from './generator.js';
import { simulate } from './simulator.js';
import { saturationThroughput, scaleToUtilization } from './utilization.js';
import { BATCH, makeWorkload, scaleArrivalRate, sliceWorkload, workloadFromRequests } from './workload.js';

function pathOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isInfraError(e) ? e.path : `not an InfraError: ${String(e)}`;
  }
  return undefined;
}

describe('makeWorkload', () => {
  test('copies its input and names bad entries', () => {
    const arrivals = [0, 1];
    const w = makeWorkload({ arrivalSeconds: arrivals, inputTokens: [1, 2], outputTokens: [3, 4] });
    arrivals[0] = 5;
    expect(w.arrivalSeconds[0]).toBe(0);
    expect(pathOf(() => makeWorkload({ arrivalSeconds: [0, Number.NaN], inputTokens: [1, 1], outputTokens: [1, 1] }))).toBe('workload.arrivalSeconds[1]');
    expect(pathOf(() => makeWorkload({ arrivalSeconds: [0], inputTokens: [0], outputTokens: [1] }))).toBe('workload.inputTokens[0]');
    expect(pathOf(() => makeWorkload({ arrivalSeconds: [0], inputTokens: [1], outputTokens: [1.5] }))).toBe('workload.outputTokens[0]');
    expect(pathOf(() => makeWorkload({ arrivalSeconds: [0], inputTokens: [1, 2], outputTokens: [1] }))).toBe('workload.inputTokens');
    expect(pathOf(() => makeWorkload({ arrivalSeconds: [0], inputTokens: [1], outputTokens: [1], requestClass: [2] }))).toBe('workload.requestClass[0]');
    expect(pathOf(() => makeWorkload({ arrivalSeconds: [-1], inputTokens: [1], outputTokens: [1] }))).toBe('workload.arrivalSeconds[0]');
  });
});

describe('workloadFromRequests', () => {
  test('maps LlmRequest fields and error paths', () => {
    const reqs = [
      { id: 'a', arrivalTimeSeconds: 0, inputTokens: 10, outputTokens: 2, requestClass: 'interactive' as const, slo: {} },
      { id: 'b', arrivalTimeSeconds: 1, inputTokens: 20, outputTokens: 3, requestClass: 'batch' as const, slo: {} },
    ];
    const w = workloadFromRequests(reqs);
    expect(w.requestClass[1]).toBe(BATCH);
    expect(pathOf(() => workloadFromRequests([{ ...reqs[0]!, outputTokens: undefined as unknown as number }]))).toBe('requests[0].outputTokens');
    expect(pathOf(() => workloadFromRequests([reqs[1]!, reqs[0]!]))).toBe('requests[1].arrivalTimeSeconds');
  });
});

describe('scaleArrivalRate / sliceWorkload', () => {
  test('rescale time without touching the input', () => {
    const w = makeWorkload({ arrivalSeconds: [0, 3], inputTokens: [1, 1], outputTokens: [1, 1] });
    expect(Array.from(scaleArrivalRate(w, 3).arrivalSeconds)).toEqual([0, 1]);
    expect(Array.from(w.arrivalSeconds)).toEqual([0, 3]);
    expect(pathOf(() => scaleArrivalRate(w, 0))).toBe('factor');
    expect(sliceWorkload(w, 1).arrivalSeconds.length).toBe(1);
    expect(pathOf(() => sliceWorkload(w, 3))).toBe('count');
  });
});

describe('scaleToUtilization', () => {
  const base = generateAzureCodeWorkload(3, { requests: 3000 });
  test('offered rate = ρ × saturated throughput, and busy time grows with ρ', () => {
    const cfg = { ...DEFAULT_SIMULATOR_CONFIG, recordSnapshots: false };
    const mu = saturationThroughput(cfg, base);
    let prevBusy = 0;
    for (const rho of [0.3, 0.6, 0.9]) {
      const s = scaleToUtilization(cfg, base, rho);
      expect(s.saturationRequestsPerSecond).toBeCloseTo(mu, 9);
      const n = s.workload.arrivalSeconds.length;
      const span = (s.workload.arrivalSeconds[n - 1] ?? 0) - (s.workload.arrivalSeconds[0] ?? 0);
      expect(n / span).toBeCloseTo(rho * mu, 6);
      const r = simulate(cfg, s.workload, 1);
      const busy = (r.stats.busySeconds[0] ?? 0) / span;
      expect(busy).toBeGreaterThan(prevBusy);
      prevBusy = busy;
    }
  });
  test('rejects utilizations outside (0, 1.5] and degenerate workloads', () => {
    expect(pathOf(() => scaleToUtilization(DEFAULT_SIMULATOR_CONFIG, base, 0))).toBe('utilization');
    expect(pathOf(() => scaleToUtilization(DEFAULT_SIMULATOR_CONFIG, base, Number.NaN))).toBe('utilization');
    const one = makeWorkload({ arrivalSeconds: [0], inputTokens: [1], outputTokens: [1] });
    expect(pathOf(() => scaleToUtilization(DEFAULT_SIMULATOR_CONFIG, one, 0.5))).toBe('workload.arrivalSeconds');
  });
});
