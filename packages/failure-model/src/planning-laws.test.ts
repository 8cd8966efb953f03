import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { checkDeterminism, checkPurity, checkRobustness, nonFiniteArb } from '@infra/types/testing';
import { isInfraError } from '@infra/types';
import { availabilityOptimalInterval, dalyInterval, youngInterval } from './checkpoint-interval.js';
import { ettr } from './ettr.js';
import { optimalCheckpointSchedule, scheduleEttr, periodicSchedule } from './checkpoint-schedule.js';
import { simulateTraining } from './simulate-training.js';
import { loadEpisodes } from './loaders.js';
import { stragglerInflation } from './stragglers.js';
import { xidAction } from './xid-action.js';
import {
  checkEttrModelLaws,
  checkIntervalRuleLaws,
  checkXidPolicyLaws,
  episodeRecordsArb,
  interArrivalModelArb,
  recoveryCostsArb,
  slowdownDistributionArb,
} from './testing.js';

describe('interval-rule laws hold for every shipped rule', () => {
  test('youngInterval', () => checkIntervalRuleLaws(youngInterval));
  test('dalyInterval', () => checkIntervalRuleLaws(dalyInterval));
  test('availabilityOptimalInterval (R = 0)', () => checkIntervalRuleLaws((d, m) => availabilityOptimalInterval({ checkpointCost: d, mtbf: m })));
});

describe('ETTR-model laws', () => {
  test('first-order ettr', () => checkEttrModelLaws((x) => ettr(x).ettr));
  test('exponential renewal ETTR', () => checkEttrModelLaws((x) => ettr(x).renewalEttr));
  test('scheduleEttr of the Daly schedule', () =>
    checkEttrModelLaws((x) => scheduleEttr(periodicSchedule(dalyInterval(x.checkpointCost, x.mtbf)), { kind: 'exponential', mean: x.mtbf }, x), { numRuns: 100 }));
});

describe('XID policy laws', () => {
  test('xidAction', () => checkXidPolicyLaws(xidAction));
});

describe('generic laws', () => {
  test('simulateTraining is deterministic for a seed', () => {
    const input = fc.record({ failures: interArrivalModelArb(), costs: recoveryCostsArb(), tau: fc.double({ min: 1, max: 200, noNaN: true }) });
    checkDeterminism(
      (x: { failures: Parameters<typeof scheduleEttr>[1]; costs: Parameters<typeof scheduleEttr>[2]; tau: number }, rng) =>
        simulateTraining({ failures: x.failures, ...x.costs, schedule: x.tau, horizon: 2000 }, rng),
      input,
      { numRuns: 50 },
    );
  });
  test('loadEpisodes is pure and pairs every generated episode', () => {
    checkPurity((rs: unknown) => loadEpisodes(rs), episodeRecordsArb(), { numRuns: 100 });
    fc.assert(
      fc.property(episodeRecordsArb(), (rs) => {
        const r = loadEpisodes(rs);
        expect(r.events).toHaveLength(rs.length / 2);
        expect(r.openEpisodes + r.unmatchedEnds).toBe(0);
        for (const e of r.events) expect(e.repairedTimeSeconds! >= e.timeSeconds).toBe(true);
      }),
    );
  });
  test('non-finite numbers give InfraErrors, never NaN', () => {
    checkRobustness((x: number) => dalyInterval(5, x), nonFiniteArb());
    checkRobustness((x: number) => ettr({ mtbf: 100, checkpointCost: x, restartCost: 1 }), nonFiniteArb());
    checkRobustness((x: number) => xidAction(x), nonFiniteArb());
    checkRobustness((x: number) => stragglerInflation({ slowdowns: [1, x], probabilities: [0.5, 0.5] }, 8), nonFiniteArb());
  });
  test('probabilities stay in [0, 1]: renewal ETTR of optimal schedules and straggler probabilities', () => {
    fc.assert(
      fc.property(interArrivalModelArb(), recoveryCostsArb(), (m, c) => {
        let r: ReturnType<typeof optimalCheckpointSchedule>;
        try {
          r = optimalCheckpointSchedule(m, c, { gridSize: 120 });
        } catch (e) {
          // Costs so high against the failure rate that no interval has positive expected value: the documented
          // typed error, outside this law (found by a random seed: Weibull(2.65, 10), checkpoint 30, restart 60).
          fc.pre(!(isInfraError(e) && e.code === 'NOT_CONVERGED'));
          throw e;
        }
        expect(r.ettr >= 0 && r.ettr <= 1).toBe(true);
      }),
      { numRuns: 40 },
    );
    fc.assert(
      fc.property(slowdownDistributionArb(), fc.integer({ min: 1, max: 1e5 }), (d, n) => {
        const r = stragglerInflation(d, n);
        expect(r.probabilitySlowed >= 0 && r.probabilitySlowed <= 1).toBe(true);
        expect(r.inflation).toBeGreaterThanOrEqual(1 - 1e-12);
      }),
    );
  });
});
