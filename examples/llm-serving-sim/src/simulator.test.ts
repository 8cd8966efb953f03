import { fc, test } from '@fast-check/vitest';
import { isInfraError } from '@infra/types';
import { describe, expect } from 'vitest';
import type { SimulatorConfig } from './config.js';
import { simulate } from './simulator.js';
import { conservationViolation, littleViolation, meanWait, simulatorConfigArb, workloadArb } from './testing.js';
import { makeWorkload, scaleArrivalRate } from './workload.js';

const unit: SimulatorConfig = {
  instances: 1,
  alphaSeconds: 0.01,
  betaSecondsPerSequence: 0,
  gammaSecondsPerPrefillToken: 0,
  kvCapacityTokens: 10_000,
  maxBatchSize: 4,
  maxBatchedTokens: 100,
};

describe('simulate', () => {
  test('chunks a long prefill over iterations and emits the first token at the end of the last chunk', () => {
    const w = makeWorkload({ arrivalSeconds: [0], inputTokens: [250], outputTokens: [3] });
    const r = simulate(unit, w, 1);
    // 100 + 100 + 50 prefill tokens: first token at 0.03, then two decode iterations.
    expect(r.firstTokenSeconds[0]).toBeCloseTo(0.03, 12);
    expect(r.finishSeconds[0]).toBeCloseTo(0.05, 12);
    expect(r.stats.iterations).toBe(5);
  });

  test('iteration time is alpha + beta * sequences + gamma * prefill tokens', () => {
    const cfg = { ...unit, betaSecondsPerSequence: 0.001, gammaSecondsPerPrefillToken: 0.0001 };
    const w = makeWorkload({ arrivalSeconds: [0, 0], inputTokens: [40, 30], outputTokens: [3, 2] });
    const r = simulate(cfg, w, 1);
    // iteration 1 (request 0 alone, it started the idle instance): 0.01 + 0.001 + 40 · 0.0001
    expect(r.firstTokenSeconds[0]).toBeCloseTo(0.015, 12);
    // iteration 2: decode of 0 + prefill of 1 (30 tokens), 2 sequences: 0.01 + 0.002 + 0.003
    expect(r.startSeconds[1]).toBeCloseTo(0.015, 12);
    expect(r.firstTokenSeconds[1]).toBeCloseTo(0.03, 12);
    // iteration 3: two decodes: 0.012
    expect(r.finishSeconds[0]).toBeCloseTo(0.042, 12);
    expect(r.finishSeconds[1]).toBeCloseTo(0.042, 12);
  });

  test('decodes take budget first, then prefills continue, then new requests are admitted', () => {
    const cfg = { ...unit, maxBatchedTokens: 10 };
    const w = makeWorkload({ arrivalSeconds: [0, 0.001], inputTokens: [5, 20], outputTokens: [4, 1] });
    const r = simulate(cfg, w, 1);
    expect(r.startSeconds[0]).toBe(0);
    // request 1 arrives during iteration 1 and is admitted at its end with 9 tokens of budget.
    expect(r.startSeconds[1]).toBeCloseTo(0.01, 12);
  });

  test('head-of-line blocking when the KV cache is full', () => {
    const cfg = { ...unit, kvCapacityTokens: 60 };
    const w = makeWorkload({ arrivalSeconds: [0, 0, 0], inputTokens: [30, 30, 5], outputTokens: [10, 10, 1] });
    const r = simulate(cfg, w, 1);
    expect(r.startSeconds[1]).toBeGreaterThanOrEqual(r.finishSeconds[0] ?? 0);
    expect(r.startSeconds[2]).toBeGreaterThanOrEqual(r.startSeconds[1] ?? 0);
  });

  test('priority order lets interactive requests overtake queued batch requests', () => {
    const cfg = { ...unit, maxBatchSize: 1, maxBatchedTokens: 10, queueOrder: 'priority' as const };
    const w = makeWorkload({
      arrivalSeconds: [0, 0.001, 0.002],
      inputTokens: [10, 10, 10],
      outputTokens: [5, 5, 5],
      requestClass: [1, 1, 0],
    });
    const r = simulate(cfg, w, 1);
    expect(r.startSeconds[2]).toBeLessThan(r.startSeconds[1] ?? 0);
    expect(r.snapshots?.queueAhead[2]).toBe(0);
    expect(r.snapshots?.queueAhead[1]).toBe(0);
  });

  test('records the queue snapshot at arrival', () => {
    const cfg = { ...unit, maxBatchSize: 1, maxBatchedTokens: 10 };
    const w = makeWorkload({ arrivalSeconds: [0, 0.001, 0.002], inputTokens: [10, 7, 9], outputTokens: [5, 5, 5] });
    const s = simulate(cfg, w, 1).snapshots;
    expect(s).toBeDefined();
    if (s === undefined) return;
    expect(Array.from(s.queueAhead)).toEqual([0, 0, 1]);
    expect(Array.from(s.queuedInputTokensAhead)).toEqual([0, 0, 7]);
    expect(Array.from(s.runningCount)).toEqual([0, 1, 1]);
    expect(Array.from(s.runningOffset)).toEqual([0, 0, 1, 2]);
    // request 0 prefills all 10 prompt tokens in the iteration in flight: nothing left after it
    expect(Array.from(s.runningPrefillRemaining)).toEqual([0, 0]);
    expect(s.iterationRemainingSeconds[1]).toBeCloseTo(0.009, 12);
  });

  test('rejects bad configs and requests that can never fit', () => {
    const w = makeWorkload({ arrivalSeconds: [0], inputTokens: [100], outputTokens: [1] });
    const bad: [Partial<SimulatorConfig>, string][] = [
      [{ instances: 0 }, 'config.instances'],
      [{ alphaSeconds: Number.NaN }, 'config.alphaSeconds'],
      [{ maxBatchedTokens: 2 }, 'config.maxBatchedTokens'],
      [{ kvCapacityTokens: 50 }, 'workload.inputTokens[0]'],
    ];
    for (const [patch, path] of bad) {
      let caught: unknown;
      try {
        simulate({ ...unit, ...patch }, w, 1);
      } catch (e) {
        caught = e;
      }
      expect(isInfraError(caught)).toBe(true);
      expect((caught as { path: string }).path).toBe(path);
    }
  });

  test.prop([simulatorConfigArb(), workloadArb()])('conservation: every request finishes exactly once', (cfg, w) => {
    expect(conservationViolation(simulate(cfg, w, 3))).toBeUndefined();
  });

  test.prop([simulatorConfigArb(), workloadArb(), fc.integer()])(
    'determinism: the same seed gives identical results',
    (cfg, w, seed) => {
      const c = { ...cfg, dispatch: 'random' as const };
      const a = simulate(c, w, seed);
      const b = simulate(c, w, seed);
      expect(b.finishSeconds).toEqual(a.finishSeconds);
      expect(b.instance).toEqual(a.instance);
      expect(b.snapshots).toEqual(a.snapshots);
    },
  );

  test.prop([simulatorConfigArb(), workloadArb()])("Little's law holds for the system and the queue", (cfg, w) => {
    expect(littleViolation(simulate(cfg, w, 5))).toBeUndefined();
  });

  test.prop([simulatorConfigArb(), workloadArb(), fc.double({ min: 1.01, max: 4, noNaN: true })], { numRuns: 1000 })(
    'monotonicity: a lower arrival rate never increases the mean wait (one request per iteration: Lindley)',
    (cfg, w, stretch) => {
      const c = { ...cfg, instances: 1, maxBatchSize: 1 };
      const fast = meanWait(simulate(c, w, 1));
      const slow = meanWait(simulate(c, scaleArrivalRate(w, 1 / stretch), 1));
      expect(slow).toBeLessThanOrEqual(fast + 1e-9);
    },
  );

  test.prop([simulatorConfigArb(), workloadArb()], { numRuns: 1000 })(
    'monotonicity: more instances never increase the mean wait (shared FCFS queue, one request per iteration)',
    (cfg, w) => {
      const c = { ...cfg, dispatch: 'global' as const, maxBatchSize: 1 };
      const fewer = meanWait(simulate(c, w, 1));
      const more = meanWait(simulate({ ...c, instances: cfg.instances + 1 }, w, 1));
      expect(more).toBeLessThanOrEqual(fewer + 1e-9);
    },
  );

  test('does not mutate its inputs', () => {
    const w = makeWorkload({ arrivalSeconds: [0, 1], inputTokens: [10, 20], outputTokens: [2, 3] });
    const before = JSON.stringify([Array.from(w.arrivalSeconds), Array.from(w.inputTokens), Array.from(w.outputTokens)]);
    const cfg = { ...unit };
    simulate(cfg, w, 1);
    expect(JSON.stringify([Array.from(w.arrivalSeconds), Array.from(w.inputTokens), Array.from(w.outputTokens)])).toBe(before);
    expect(cfg).toEqual(unit);
  });
});

describe('priority classes on the calibrated workload', () => {
  test('priority order cuts interactive TTFT and SLO misses at the expense of batch requests', async () => {
    const { generateAzureCodeWorkload } = await import('./generator.js');
    const { scaleToUtilization } = await import('./utilization.js');
    const { summarizeByClass } = await import('./slo.js');
    const { DEFAULT_SIMULATOR_CONFIG } = await import('./config.js');
    const cfg = { ...DEFAULT_SIMULATOR_CONFIG, recordSnapshots: false };
    const w = scaleToUtilization(cfg, generateAzureCodeWorkload(4, { requests: 3000, batchFraction: 0.5 }), 0.8).workload;
    const targets = { interactiveTtftSeconds: 2, batchCompletionSeconds: 120 };
    const fcfs = summarizeByClass(simulate(cfg, w, 1), w, targets);
    const prio = summarizeByClass(simulate({ ...cfg, queueOrder: 'priority' }, w, 1), w, targets);
    expect(prio.interactive.meanTtftSeconds).toBeLessThan(fcfs.interactive.meanTtftSeconds);
    expect(prio.interactive.sloAttainment).toBeGreaterThan(fcfs.interactive.sloAttainment);
    expect(prio.batch.meanWaitSeconds).toBeGreaterThan(fcfs.batch.meanWaitSeconds);
  });
});
