import { describe, test } from 'vitest';
import { epsilonGreedy } from './epsilon-greedy.js';
import { exp3 } from './exp3.js';
import type { MabState } from './mab-core.js';
import type { BanditPolicy } from './policy.js';
import { checkMabModel } from './testing.js';
import { thompsonBeta } from './thompson.js';
import { ucb1 } from './ucb.js';

/** Explicit run counts keep CI fast; FC_NUM_RUNS (nightly) takes over when set. */
const runs = (n: number): { numRuns?: number } => (process.env['FC_NUM_RUNS'] === undefined ? { numRuns: n } : {});

describe('checkMabModel', () => {
  test('stationary statistics equal a recompute from history', () => checkMabModel(ucb1({ arms: 3 }), runs(100)));
  test('discounted statistics equal Σ γ^(t−τ) over history', () =>
    checkMabModel(thompsonBeta({ arms: 2, nonStationary: { discount: 0.95 } }), { discount: 0.95, ...runs(100) }));
  test('sliding-window statistics equal the last W steps of history', () =>
    checkMabModel(epsilonGreedy({ arms: 3, nonStationary: { window: 7 } }), { window: 7, ...runs(100) }));
  test('EXP3 statistics equal a recompute from history', () =>
    checkMabModel(exp3({ arms: 2 }) as unknown as BanditPolicy<MabState>, runs(50)));
});
