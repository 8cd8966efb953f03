import { createRng, isInfraError, type Rng } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { learnFromLogs, ridgeGreedy } from './learn-from-logs.js';
import type { LoggedRound } from './ope-logged-data.js';
import { doublyRobust } from './ope-estimators.js';

// Linear problem: d = 3 features, K = 4 arms, reward = θₐ·x + noise; logging policy is skewed (not uniform).
const THETA = [[0.5, 0, 0], [0, 0.6, 0], [0, 0, 0.7], [0.2, 0.2, 0.2]];
const LOGGING = [0.55, 0.25, 0.1, 0.1];
const mean = (a: number, x: readonly number[]): number => THETA[a]!.reduce((s, t, j) => s + t * x[j]!, 0);
const ctx = (rng: Rng): number[] => [rng.next(), rng.next(), rng.next()];

function logData(rng: Rng, n: number): LoggedRound[] {
  return Array.from({ length: n }, () => {
    const context = ctx(rng);
    const u = rng.next();
    let action = 0;
    for (let acc = LOGGING[0]!; u >= acc && action < 3; acc += LOGGING[++action]!);
    return { context, action, reward: mean(action, context) + 0.3 * (rng.next() - 0.5), propensity: LOGGING[action]!, probabilities: LOGGING };
  });
}

function trueValue(choose: (x: readonly number[]) => number, rng: Rng): number {
  let s = 0;
  for (let i = 0; i < 4000; i++) {
    const x = ctx(rng);
    s += mean(choose(x), x);
  }
  return s / 4000;
}

describe('learnFromLogs', () => {
  test('learns a greedy policy that beats the logging policy and every constant arm (IPS, DR and unweighted fits)', () => {
    const log = logData(createRng(3), 3000);
    const policy = ridgeGreedy({ numActions: 4, dimension: 3, epsilon: 0 });
    const xs = createRng(9);
    let loggingValue = 0;
    for (let i = 0; i < 4000; i++) {
      const x = ctx(xs);
      loggingValue += LOGGING.reduce((s, p, a) => s + p * mean(a, x), 0) / 4000;
    }
    const bestConstant = Math.max(...[0, 1, 2, 3].map((a) => trueValue(() => a, createRng(9))));
    for (const weighting of ['none', 'ips', 'dr'] as const) {
      const state = learnFromLogs(log, { numActions: 4, weighting, epsilon: 0 });
      const rng = createRng(1);
      const value = trueValue((x) => policy.decide(state, x, rng).action, createRng(9));
      expect(value).toBeGreaterThan(bestConstant + 0.05);
      expect(value).toBeGreaterThan(loggingValue);
    }
  });
  test('the DR estimate of the learned policy on held-out logs brackets its true value', () => {
    const state = learnFromLogs(logData(createRng(4), 2000), { numActions: 4, epsilon: 0 });
    const policy = ridgeGreedy({ numActions: 4, dimension: 3, epsilon: 0 });
    const held = logData(createRng(5), 2000);
    const rng = createRng(2);
    const target = held.map((r) => [...(policy.decide(state, r.context, rng).probabilities ?? [])]);
    const est = doublyRobust(held, target);
    const truth = trueValue((x) => policy.decide(state, x, rng).action, createRng(10));
    expect(est.ci[0] - 0.01).toBeLessThanOrEqual(truth);
    expect(est.ci[1] + 0.01).toBeGreaterThanOrEqual(truth);
  });
  test('the learned state continues online and stays plain JSON', () => {
    const state = learnFromLogs(logData(createRng(6), 200), { numActions: 4, epsilon: 0.1 });
    const policy = ridgeGreedy({ numActions: 4, dimension: 3, epsilon: 0.1 });
    const frozen = JSON.parse(JSON.stringify(state)) as typeof state;
    expect(frozen).toEqual(state);
    const next = policy.update(Object.freeze(state), { context: [1, 0, 0], action: 2, reward: 1 });
    expect(next.model.arms[2]!.count).toBe(state.model.arms[2]!.count + 1);
    expect(next.updates).toBe(1);
    const d = policy.decide(next, [0.2, 0.3, 0.4], createRng(8));
    expect((d.probabilities ?? []).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(d.propensity).toBe(d.probabilities?.[d.action]);
    expect(Math.min(...(d.probabilities ?? []))).toBeCloseTo(0.025, 12);
  });
  test('rejects bad input with typed errors', () => {
    const policy = ridgeGreedy({ numActions: 2, dimension: 1 });
    const s = policy.init();
    const codeOf = (f: () => unknown): string => {
      try {
        f();
        return 'none';
      } catch (e) {
        return isInfraError(e) ? `${e.code} ${e.path}` : 'other';
      }
    };
    expect(codeOf(() => policy.decide(s, [Number.NaN], createRng(1)))).toBe('NOT_FINITE context[0]');
    expect(codeOf(() => policy.update(s, { context: [1], action: 5, reward: 1 }))).toBe('UNKNOWN_ID feedback.action');
    expect(codeOf(() => policy.update(s, { context: [1], action: 0, reward: Number.POSITIVE_INFINITY }))).toBe('NOT_FINITE feedback.reward');
    expect(codeOf(() => ridgeGreedy({ numActions: 2, dimension: 1, epsilon: -0.1 }))).toBe('OUT_OF_RANGE config.epsilon');
    expect(codeOf(() => learnFromLogs([{ context: [1], action: 0, reward: 1, propensity: 0 }], { numActions: 2 }))).toBe('OUT_OF_RANGE log[0].propensity');
  });
});
