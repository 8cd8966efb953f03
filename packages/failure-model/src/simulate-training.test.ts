import { describe, expect, test } from 'vitest';
import { createRng } from '@infra/types';
import { simulateTraining } from './simulate-training.js';
import { scheduleEttr, periodicSchedule } from './checkpoint-schedule.js';
import { weibullWithMean } from './failure-process.js';

describe('simulateTraining', () => {
  test('matches the exact renewal ETTR of a Weibull process within 4 standard errors', () => {
    const f = weibullWithMean(0.7, 100);
    const costs = { checkpointCost: 2, restartCost: 5, downtime: 3 };
    const exact = scheduleEttr(periodicSchedule(15), f, costs);
    const s = simulateTraining({ failures: f, ...costs, schedule: 15, horizon: 2e6 }, createRng(3));
    expect(Math.abs(s.ettr - exact)).toBeLessThan(4 * s.standardError);
  });
  test('is deterministic for a seed and counts events consistently', () => {
    const input = { failures: { kind: 'exponential', mean: 50 } as const, checkpointCost: 1, restartCost: 2, schedule: 10, horizon: 1e4, liveMigration: { predictedFraction: 0.3, migrationCost: 0.5 } };
    const a = simulateTraining(input, 5);
    expect(simulateTraining(input, 5)).toEqual(a);
    expect(a.failures).toBe(a.rollbacks + a.migrations);
    expect(a.usefulWork).toBeCloseTo(a.checkpoints * 10, 6);
  });
  test('rejects bad input', () => {
    expect(() => simulateTraining({ failures: { kind: 'exponential', mean: -1 }, checkpointCost: 1, restartCost: 1, schedule: 1, horizon: 1 }, 1)).toThrow('input.failures.mean');
    expect(() => simulateTraining({ failures: { kind: 'exponential', mean: 1 }, checkpointCost: 1e-9, restartCost: 1, schedule: 1e-9, horizon: 1e3 }, 1)).toThrow('input.horizon');
  });
});

describe('simulateTraining never hangs', () => {
  test('recovery far longer than the mean time between failures ends at the horizon with no useful work', () => {
    // Regression: a property run found restart + downtime ≫ MTBF looping until a long enough gap appeared.
    const t0 = Date.now();
    const r = simulateTraining({ failures: { kind: 'exponential', mean: 1 }, checkpointCost: 1, restartCost: 200, schedule: 10, horizon: 2000 }, 7);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.usefulWork).toBe(0);
    expect(r.ettr).toBe(0);
    expect(r.rollbacks).toBeGreaterThan(1000);
  });
  test('rejects a horizon that would need more than 1e8 interruptions', () => {
    expect(() => simulateTraining({ failures: { kind: 'exponential', mean: 1e-6 }, checkpointCost: 1, restartCost: 1, schedule: 1e3, horizon: 1e3 }, 1)).toThrow(/1e8 interruptions/);
  });
});
