import { describe, expect, test } from 'vitest';
import { dalyInterval, youngInterval } from './checkpoint-interval.js';
import { optimalCheckpointSchedule, periodicSchedule, scheduleEttr } from './checkpoint-schedule.js';
import { weibullWithMean } from './failure-process.js';
import { simulateTraining } from './simulate-training.js';

const M = 185.58; // Llama-3-like mean time between interruptions, minutes
const costs = { checkpointCost: 5, restartCost: 10 };

describe('scheduleEttr', () => {
  test('equals the exponential renewal closed form for periodic schedules', () => {
    const lam = 1 / M;
    const tau = 40;
    const expected = (lam * tau * Math.exp(-lam * 10)) / Math.expm1(lam * 45);
    expect(scheduleEttr(periodicSchedule(tau), { kind: 'exponential', mean: M }, costs)).toBeCloseTo(expected, 12);
    // Weibull shape 1 is the exponential: the numeric tail sum agrees
    expect(scheduleEttr(periodicSchedule(tau), weibullWithMean(1, M), costs)).toBeCloseTo(expected, 10);
  });
  test('rejects a non-positive interval in the list with its index', () => {
    expect(() => scheduleEttr({ intervals: [1, -2], tailInterval: 3 }, { kind: 'exponential', mean: 1 }, costs)).toThrow('schedule.intervals[1]');
  });
});

describe('optimalCheckpointSchedule', () => {
  test('beats Young and Daly in simulation when failures are bursty (Weibull shape 0.6)', () => {
    const f = weibullWithMean(0.6, M);
    const opt = optimalCheckpointSchedule(f, costs);
    const horizon = 50_000 * M;
    // common random numbers: the same seed drives every schedule
    const so = simulateTraining({ failures: f, ...costs, schedule: opt.schedule, horizon }, 11);
    const sy = simulateTraining({ failures: f, ...costs, schedule: youngInterval(5, M), horizon }, 11);
    const sd = simulateTraining({ failures: f, ...costs, schedule: dalyInterval(5, M), horizon }, 11);
    // measured: +0.45 point over Young, +0.56 over Daly (analytic: +0.40 / +0.53)
    expect(so.ettr - sy.ettr).toBeGreaterThan(0.003);
    expect(so.ettr - sd.ettr).toBeGreaterThan(0.004);
    expect(Math.abs(so.ettr - opt.ettr)).toBeLessThan(4 * so.standardError);
    // intervals start short right after a restart and grow with age
    expect(opt.schedule.intervals[0]!).toBeLessThan(opt.schedule.intervals[10]!);
  });
  test('gains about 1 point at shape 0.5 (analytic renewal ETTR)', () => {
    const f = weibullWithMean(0.5, M);
    const gain = optimalCheckpointSchedule(f, costs).ettr - scheduleEttr(periodicSchedule(youngInterval(5, M)), f, costs);
    expect(gain).toBeGreaterThan(0.0075);
  });
  test('never loses more than 0.1 point to Young or Daly at shape 1', () => {
    const f = weibullWithMean(1, M);
    const opt = optimalCheckpointSchedule(f, costs).ettr;
    expect(opt).toBeGreaterThan(scheduleEttr(periodicSchedule(youngInterval(5, M)), f, costs) - 0.001);
    expect(opt).toBeGreaterThan(scheduleEttr(periodicSchedule(dalyInterval(5, M)), f, costs) - 0.001);
  });
  test('is deterministic and rejects a bad grid size', () => {
    const f = weibullWithMean(0.7, 50);
    expect(optimalCheckpointSchedule(f, costs, { gridSize: 200 })).toEqual(optimalCheckpointSchedule(f, costs, { gridSize: 200 }));
    expect(() => optimalCheckpointSchedule(f, costs, { gridSize: 10 })).toThrow('options.gridSize');
  });
});
