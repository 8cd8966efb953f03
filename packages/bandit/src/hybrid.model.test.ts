import { describe, test } from 'vitest';
import { hybridLinUCB } from './hybrid-linucb.js';
import { checkHybridModel } from './testing.js';

/** Explicit run counts keep CI fast; FC_NUM_RUNS (nightly) takes over when set. */
const runs = (n: number): { numRuns?: number } => (process.env['FC_NUM_RUNS'] === undefined ? { numRuns: n } : {});

describe('checkHybridModel: incremental hybrid LinUCB equals the joint ridge system solved from the history', () => {
  test('k = 2, d = 3, no refactorization', () =>
    checkHybridModel(hybridLinUCB({ arms: 2, sharedDimension: 2, armDimension: 3, refactorEvery: 0 }), runs(60)));
  test('k = 3, d = 1, α = 0.4, λ = 0.5, refactorization every 3 updates', () =>
    checkHybridModel(hybridLinUCB({ arms: ['a', 'b', 'c'], sharedDimension: 3, armDimension: 1, alpha: 0.4, lambda: 0.5, refactorEvery: 3 }), {
      alpha: 0.4,
      lambda: 0.5,
      ...runs(60),
    }));
  test('k = 1, d = 2, λ = 2, rewards up to 10', () =>
    checkHybridModel(hybridLinUCB({ arms: 1, sharedDimension: 1, armDimension: 2, lambda: 2, refactorEvery: 5 }), { lambda: 2, maxReward: 10, ...runs(40) }));
});
