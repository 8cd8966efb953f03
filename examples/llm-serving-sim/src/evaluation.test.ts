import { describe, expect, test } from 'vitest';
import { DEFAULT_SIMULATOR_CONFIG } from './config.js';
import { cltBaselineAdapter, qlmBaselineAdapter, queueEstimatorAdapter } from './estimators.js';
import { evaluateEstimators, type EvaluatedEstimator } from './evaluation.js';
import { generateAzureCodeWorkload } from './generator.js';
import { simulate } from './simulator.js';
import { accuracyStudy, accuracyTable, positionTable } from './study.js';
import { scaleToUtilization } from './utilization.js';

const cfg = { ...DEFAULT_SIMULATOR_CONFIG, recordIterations: true };
const workload = scaleToUtilization(cfg, generateAzureCodeWorkload(5, { requests: 1500 }), 0.7).workload;
const result = simulate(cfg, workload, 1);

describe('evaluateEstimators', () => {
  test('feeds only the past: every observed completion, start and iteration ended before the prediction', () => {
    interface S { lastFinish: number; lastIterations: number; lastStart: number; violations: number }
    const spy: EvaluatedEstimator<S> = {
      name: 'spy',
      init: () => ({ lastFinish: -1, lastIterations: 0, lastStart: -1, violations: 0 }),
      observeCompletion: (s, c) => ({ ...s, lastFinish: Math.max(s.lastFinish, c.finishSeconds) }),
      observeIteration: (s) => ({ ...s, lastIterations: s.lastIterations + 1 }),
      observeStart: (s, st) => ({ ...s, lastStart: Math.max(s.lastStart, (result.startSeconds[st.request] ?? 0)) }),
      predict: (s, q) => {
        if (s.lastFinish > q.timeSeconds || s.lastStart >= q.timeSeconds) throw new Error(`peeked at request ${q.request}`);
        return { mean: 0, p95: 0 };
      },
    };
    const [e] = evaluateEstimators(cfg, workload, result, [spy as EvaluatedEstimator<unknown>]);
    expect(e?.all.count).toBe(1500);
  });

  test('scores a perfect oracle at zero error and zero exceedance', () => {
    const oracle: EvaluatedEstimator<null> = {
      name: 'oracle',
      init: () => null,
      observeCompletion: (s) => s,
      observeIteration: (s) => s,
      predict: (_s, q) => {
        const w = (result.startSeconds[q.request] ?? 0) - q.timeSeconds;
        return { mean: w, p95: w };
      },
    };
    const [e] = evaluateEstimators(cfg, workload, result, [oracle as EvaluatedEstimator<unknown>]);
    expect(e?.all.exceedP95).toBe(0);
    expect(e?.all.mapeOver1s).toBeLessThan(1e-12);
  });

  test('the library estimator beats the QLM and plain-CLT baselines on MAPE and its p95 is near 5 %', () => {
    const ests = [queueEstimatorAdapter(), qlmBaselineAdapter(true), cltBaselineAdapter()];
    const [est, qlm, clt] = evaluateEstimators(cfg, workload, result, ests as EvaluatedEstimator<unknown>[], { stride: 3 });
    const mape = est?.all.mapeOver1s ?? Number.NaN;
    expect(mape).toBeLessThan(0.15);
    expect(2 * mape).toBeLessThan(qlm?.all.mapeOver1s ?? Number.NaN);
    expect(2 * mape).toBeLessThan(clt?.all.mapeOver1s ?? Number.NaN);
    expect(est?.all.exceedP95).toBeGreaterThan(0.02);
    expect(est?.all.exceedP95).toBeLessThan(0.1);
  });
});

describe('accuracyStudy', () => {
  test('renders one row per utilization and estimator', () => {
    const rows = accuracyStudy(generateAzureCodeWorkload(2, { requests: 600 }), {
      utilizations: [0.5, 0.9],
      stride: 4,
      estimators: [qlmBaselineAdapter(true)] as EvaluatedEstimator<unknown>[],
    });
    expect(rows.map((r) => r.utilization)).toEqual([0.5, 0.9]);
    expect(rows[1]?.meanWaitSeconds).toBeGreaterThan(rows[0]?.meanWaitSeconds ?? Infinity);
    expect(accuracyTable(rows).split('\n')).toHaveLength(4);
    expect(positionTable(rows)).toContain('k=1');
  });
});
