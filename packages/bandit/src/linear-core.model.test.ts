import { describe, test } from 'vitest';
import { linUCB, squareCB } from './linear-policies.js';
import { checkLinearModel } from './testing.js';

/** Explicit run counts keep CI fast; FC_NUM_RUNS (nightly) takes over when set. */
const runs = (n: number): { numRuns?: number } => (process.env['FC_NUM_RUNS'] === undefined ? { numRuns: n } : {});

describe('checkLinearModel', () => {
  test('Sherman–Morrison A⁻¹ and θ̂ equal a fresh solve from history', () =>
    checkLinearModel(linUCB({ arms: 2, dimension: 3, refactorEvery: 0 }), runs(100)));
  test('with periodic refactorization and λ = 0.5', () =>
    checkLinearModel(squareCB({ arms: 2, dimension: 2, lambda: 0.5, refactorEvery: 3 }), { lambda: 0.5, ...runs(100) }));
});
