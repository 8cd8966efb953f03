import { createRng, isInfraError } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { learnLinearState, linearStateFromModel } from './learn-linear-state.js';
import { linTS, linUCB } from './linear-policies.js';
import type { LoggedRound } from './ope-logged-data.js';
import { fitRewardModel } from './ope-reward-model.js';

// Two arms; arm 1 pays off when the second feature is on. Uniform logging.
function logs(n: number, seed: number): LoggedRound[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const x = rng.next() < 0.5 ? 1 : 0;
    const action = rng.next() < 0.5 ? 0 : 1;
    const reward = (action === x ? 0.8 : 0.2) + 0.1 * (rng.next() - 0.5);
    return { context: [1, x], action, reward, propensity: 0.5 };
  });
}

describe('learnLinearState', () => {
  for (const weighting of ['none', 'ips', 'dr'] as const) {
    test(`a ${weighting}-weighted offline fit is a valid LinUCB/LinTS state that acts correctly and keeps learning`, () => {
      const state = learnLinearState(logs(400, 1), { arms: ['hold', 'promote'], weighting });
      const ucb = linUCB({ arms: ['hold', 'promote'], dimension: 2, alpha: 0.1 });
      const ts = linTS({ arms: ['hold', 'promote'], dimension: 2, v: 0.05 });
      expect(ucb.validate(JSON.parse(JSON.stringify(state)), 'state')).toEqual(state);
      const rng = createRng(2);
      expect(ucb.decide(state, [1, 0], rng).action).toBe('hold');
      expect(ucb.decide(state, [1, 1], rng).action).toBe('promote');
      expect(ts.decide(state, [1, 1], rng).action).toBe('promote');
      const next = ucb.update(state, { action: 'promote', reward: 0.8, context: [1, 1] });
      expect(next.pulls[1]).toBe(state.pulls[1]! + 1);
    });
  }
  test('rejects models with an intercept and mismatched arm lists', () => {
    const codeOf = (f: () => unknown): string => {
      try {
        f();
        return 'none';
      } catch (e) {
        return isInfraError(e) ? `${e.code} ${e.path}` : 'other';
      }
    };
    const withIntercept = fitRewardModel(logs(10, 3), { numActions: 2 });
    expect(codeOf(() => linearStateFromModel(withIntercept))).toBe('INVALID_ARGUMENT model.intercept');
    const plain = fitRewardModel(logs(10, 3), { numActions: 2, intercept: false });
    expect(codeOf(() => linearStateFromModel(plain, ['a', 'b', 'c']))).toBe('SHAPE_MISMATCH arms');
  });
});
