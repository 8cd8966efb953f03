import { describe, test } from 'vitest';
import { linEpsilonGreedy, linTS, linUCB, squareCB } from './linear-policies.js';
import { checkLinearModel } from './testing.js';

/** Explicit run counts keep CI fast; FC_NUM_RUNS (nightly) takes over when set. */
const runs = (n: number): { numRuns?: number } => (process.env['FC_NUM_RUNS'] === undefined ? { numRuns: n } : {});

describe('checkLinearModel: Sherman–Morrison A⁻¹ and θ̂ equal a fresh solve from the history', () => {
  test('linUCB without refactorization', () => checkLinearModel(linUCB({ arms: 2, dimension: 3, refactorEvery: 0 }), runs(80)));
  test('linTS', () => checkLinearModel(linTS({ arms: 2, dimension: 4 }), runs(40)));
  test('linEpsilonGreedy, λ = 2', () => checkLinearModel(linEpsilonGreedy({ arms: 3, dimension: 2, lambda: 2 }), { lambda: 2, ...runs(40) }));
  test('squareCB with refactorization every 3 updates, λ = 0.5', () =>
    checkLinearModel(squareCB({ arms: 2, dimension: 2, lambda: 0.5, refactorEvery: 3 }), { lambda: 0.5, ...runs(80) }));
});
