import { describe, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { cltBaselineWait, qlmBaselineWait } from './baselines.js';
import { allenCunneen, mmcQueue } from './classic.js';
import { estimateWait } from './estimate-wait.js';
import { deserializeRwtState, rwtEstimator, serializeRwtState } from './rwt-estimator.js';
import { planSchedule } from './scheduler.js';
import { minServers } from './staffing.js';
import {
  checkConvergenceLaw,
  checkQueueFormulaLaws,
  checkSchedulerLaws,
  checkStaffingLaws,
  checkStateRoundTrip,
  checkWaitEstimatorLaws,
  estimateInputArb,
  problemArb,
} from './testing.js';

describe('family laws on every shipped implementation', () => {
  test('estimateWait satisfies the waiting-time estimator laws', () => {
    // Monotone in the queue: histograms of ≥ 20 outputs and no KV limit. Known exceptions (README): with
    // one-value histograms the switch between the discrete and normal departure-count approximations
    // (d = 8 → 9), and with a KV limit the aggregate KV-shortfall rule, can shorten a quantile by a few %.
    checkWaitEstimatorLaws(estimateWait, { numRuns: 80, input: estimateInputArb({ minSamples: 20, kv: false }) });
  });
  test('estimateWait distributions are valid on any input, KV limits and one-value histograms included', () => {
    checkWaitEstimatorLaws(estimateWait, { numRuns: 80, monotoneInQueue: false });
  });
  test('the CLT baseline satisfies them too', () => {
    checkWaitEstimatorLaws(cltBaselineWait, { numRuns: 100 });
  });
  test('the QLM public-code baseline satisfies them too', () => {
    checkWaitEstimatorLaws((i) => qlmBaselineWait(i), { numRuns: 100 });
  });
  test('M/M/c (Erlang C) mean wait: monotone in c and λ, ρ → 0, unstable → typed', () => {
    checkQueueFormulaLaws((p) => mmcQueue(p).meanWait, { numRuns: 10_000 });
  });
  test('Allen–Cunneen with bursty arrivals obeys the same laws', () => {
    checkQueueFormulaLaws((p) => allenCunneen({ ...p, arrivalScv: 3, serviceScv: 0.5 }), { numRuns: 2000 });
  });
  test("Little's law holds for M/M/c", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 1e-6, max: 0.9999, noNaN: true }), (c, rho) => {
        const q = mmcQueue({ arrivalRate: rho * c * 2, serviceRate: 2, servers: c });
        return Math.abs(q.meanInSystem - q.meanQueueLength - rho * c) <= 1e-9 * Math.max(1, rho * c);
      }),
      { numRuns: 10_000 },
    );
  });
  test('minServers: meets the target and c − 1 does not', () => {
    checkStaffingLaws(minServers, (c, p) => {
      const q = mmcQueue({ arrivalRate: p.arrivalRate, serviceRate: p.serviceRate!, servers: c });
      if (!q.stable) return false;
      return p.target.kind === 'meanWait' ? q.meanWait <= p.target.maxMeanWaitSeconds : q.wait.survival(p.target.maxWaitSeconds) <= 1 - p.target.probability;
    }, { numRuns: 10_000 });
  });
  test('the online RWT estimator converges under stationary input and round-trips through JSON', () => {
    const est = rwtEstimator({ prior: { alpha: 0.02, beta: 1e-4, gamma: 5e-5 } });
    checkConvergenceLaw(est, { observations: 2000, tolerance: 0.05 });
    checkStateRoundTrip(est, serializeRwtState, deserializeRwtState, { numRuns: 50 });
  });
  test('planSchedule (heuristic and exact) satisfies the scheduler laws', () => {
    checkSchedulerLaws((g, i, s) => planSchedule(g, i, { nowSeconds: 0, swapSeconds: s, solver: 'heuristic' }), { numRuns: 100, problem: problemArb({ maxGroups: 40, maxInstances: 5 }) });
    checkSchedulerLaws((g, i, s) => planSchedule(g, i, { nowSeconds: 0, swapSeconds: s, solver: 'exact' }), { numRuns: 60, problem: problemArb({ maxGroups: 6 }) });
  });
});
