import { createRng, isInfraError } from '@infra/types';
import { describe, expect, test } from 'vitest';
import type { LoggedRound } from './ope-logged-data.js';
import { directMethod, doublyRobust, doublyRobustShrinkage, ips, snips, sndr, switchDR } from './ope-estimators.js';

// Golden vector of the reference sheet (section 4.2): five rounds, target always plays arm 0, q̂ ≡ 0.5.
const golden: LoggedRound[] = [
  { context: [], action: 0, reward: 1, propensity: 0.5 },
  { context: [], action: 1, reward: 0, propensity: 0.25 },
  { context: [], action: 0, reward: 0, propensity: 0.5 },
  { context: [], action: 2, reward: 1, propensity: 0.25 },
  { context: [], action: 0, reward: 1, propensity: 0.5 },
];
const arm0 = golden.map(() => [1, 0, 0]);
const half = golden.map(() => [0.5, 0.5, 0.5]);

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isInfraError(e) ? `${e.code} ${e.path}` : `other ${String(e)}`;
  }
  return undefined;
}

describe('estimators on the golden vector', () => {
  test('IPS 0.8, SNIPS 2/3, ESS 3, DM 0.5, DR 0.7, DRos 0.54', () => {
    expect(ips(golden, arm0).value).toBeCloseTo(0.8, 14);
    expect(ips(golden, arm0).effectiveSampleSize).toBeCloseTo(3, 14);
    expect(snips(golden, arm0).value).toBeCloseTo(2 / 3, 14);
    expect(directMethod(golden, arm0, { rewardModel: half }).value).toBeCloseTo(0.5, 14);
    expect(doublyRobust(golden, arm0, { rewardModel: half }).value).toBeCloseTo(0.7, 14);
    expect(doublyRobustShrinkage(golden, arm0, { rewardModel: half, shrinkage: 1 }).value).toBeCloseTo(0.54, 14);
  });
  test('intervals are centred on the value with the normal critical value', () => {
    const e = ips(golden, arm0);
    expect((e.ci[0] + e.ci[1]) / 2).toBeCloseTo(e.value, 14);
    expect((e.ci[1] - e.ci[0]) / (2 * e.standardError)).toBeCloseTo(1.959963984540054, 12);
    expect(e.level).toBe(0.95);
    expect(e.n).toBe(5);
  });
  test('DR with a zero reward model equals IPS; SNDR with zero model equals SNIPS', () => {
    const zero = golden.map(() => [0, 0, 0]);
    expect(doublyRobust(golden, arm0, { rewardModel: zero }).value).toBeCloseTo(ips(golden, arm0).value, 14);
    expect(sndr(golden, arm0, { rewardModel: zero }).value).toBeCloseTo(snips(golden, arm0).value, 14);
  });
  test('switch-DR interpolates between DM (τ = 0) and DR (τ = ∞)', () => {
    expect(switchDR(golden, arm0, { rewardModel: half, threshold: 0 }).value).toBeCloseTo(0.5, 14);
    expect(switchDR(golden, arm0, { rewardModel: half, threshold: 2 }).value).toBeCloseTo(0.7, 14);
    expect(switchDR(golden, arm0, { rewardModel: half, threshold: 1.9 }).value).toBeCloseTo(0.5, 14);
  });
  test('clipping caps the importance weights', () => {
    const e = ips(golden, arm0, { maxWeight: 1 });
    expect(e.maxImportanceWeight).toBe(1);
    expect(e.value).toBeCloseTo(0.4, 14);
  });
  test('DM without a supplied model fits a ridge model on the log', () => {
    const log = Array.from({ length: 20 }, (_, i) => ({ context: [i % 2], action: i % 2, reward: i % 2 === 0 ? 1 : 0, propensity: 0.5 }));
    const e = directMethod(log, log.map(() => [1, 0]), { ridge: 1e-9 });
    expect(e.value).toBeCloseTo(1, 6);
  });
});

describe('bootstrap intervals', () => {
  test('are deterministic for a seed and bracket the estimate', () => {
    const log = Array.from({ length: 200 }, (_, i) => ({ context: [], action: i % 3, reward: (i * 7) % 5 === 0 ? 1 : 0, propensity: 1 / 3 }));
    const target = log.map(() => [0.5, 0.25, 0.25]);
    const a = ips(log, target, { bootstrap: { rng: createRng(7), resamples: 400 } });
    const b = ips(log, target, { bootstrap: { rng: createRng(7), resamples: 400 } });
    expect(a.ci).toEqual(b.ci);
    expect(a.interval).toBe('bootstrap');
    expect(a.ci[0]).toBeLessThan(a.value);
    expect(a.ci[1]).toBeGreaterThan(a.value);
    const normal = ips(log, target);
    expect(Math.abs(a.ci[1] - a.ci[0] - (normal.ci[1] - normal.ci[0]))).toBeLessThan(0.3 * (normal.ci[1] - normal.ci[0]));
  });
});

describe('bad input is a typed error naming the argument', () => {
  test('a zero propensity', () => {
    const log = golden.map((r, i) => (i === 3 ? { ...r, propensity: 0 } : r));
    expect(code(() => ips(log, arm0))).toBe('OUT_OF_RANGE log[3].propensity');
  });
  test('a NaN reward', () => {
    const log = golden.map((r, i) => (i === 1 ? { ...r, reward: Number.NaN } : r));
    expect(code(() => snips(log, arm0))).toBe('NOT_FINITE log[1].reward');
  });
  test('an unknown action', () => {
    const log = golden.map((r, i) => (i === 2 ? { ...r, action: 3 } : r));
    expect(code(() => doublyRobust(log, arm0, { rewardModel: half }))).toBe('UNKNOWN_ID log[2].action');
  });
  test('a target that is not a distribution, or of the wrong size', () => {
    expect(code(() => ips(golden, golden.map(() => [0.5, 0, 0])))).toBe('INVALID_ARGUMENT target[0]');
    expect(code(() => ips(golden, arm0.slice(1)))).toBe('SHAPE_MISMATCH target');
  });
  test('a reward model of the wrong shape or with NaN', () => {
    expect(code(() => doublyRobust(golden, arm0, { rewardModel: half.slice(1) }))).toBe('SHAPE_MISMATCH options.rewardModel');
    const bad = half.map((row, i) => (i === 4 ? [0.5, Number.NaN, 0.5] : row));
    expect(code(() => doublyRobust(golden, arm0, { rewardModel: bad }))).toBe('NOT_FINITE options.rewardModel[4][1]');
  });
  test('an empty log, bad level, bad threshold', () => {
    expect(code(() => ips([], []))).toBe('EMPTY log');
    expect(code(() => ips(golden, arm0, { level: 1 }))).toBe('OUT_OF_RANGE options.level');
    expect(code(() => switchDR(golden, arm0, { rewardModel: half, threshold: -1 }))).toBe('OUT_OF_RANGE options.threshold');
    expect(code(() => snips(golden, golden.map(() => [0, 0, 1]).map((r, i) => (i === 3 ? r : [0, 1, 0]))))).toBeUndefined();
  });
  test('a target with no overlap', () => {
    const log = golden.filter((r) => r.action === 0);
    expect(code(() => snips(log, log.map(() => [0, 1, 0])))).toBe('NOT_IDENTIFIABLE target');
  });
  test('never mutates its input', () => {
    const before = JSON.stringify(golden);
    doublyRobust(golden, arm0, { rewardModel: half, bootstrap: { rng: createRng(1), resamples: 20 } });
    expect(JSON.stringify(golden)).toBe(before);
  });
});
