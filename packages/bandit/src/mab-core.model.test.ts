import { describe, test } from 'vitest';
import { epsilonGreedy } from './epsilon-greedy.js';
import { exp3 } from './exp3.js';
import type { MabState } from './mab-core.js';
import { discountedThompson, discountedUCB, slidingWindowThompson, slidingWindowUCB } from './nonstationary-policies.js';
import type { BanditPolicy } from './policy.js';
import { softmax } from './softmax.js';
import { checkMabModel, type ModelCheckOptions } from './testing.js';
import { thompsonBeta, thompsonGaussian } from './thompson.js';
import { klUCB } from './kl-ucb-policy.js';
import { ucb1 } from './ucb.js';

/** Explicit run counts keep CI fast; FC_NUM_RUNS (nightly) takes over when set. */
const runs = (n: number): { numRuns?: number } => (process.env['FC_NUM_RUNS'] === undefined ? { numRuns: n } : {});

const cases: [string, BanditPolicy<MabState>, ModelCheckOptions][] = [
  ['epsilonGreedy', epsilonGreedy({ arms: 3, decay: 1 }), {}],
  ['epsilonGreedy, window 7', epsilonGreedy({ arms: 3, nonStationary: { window: 7 } }), { window: 7 }],
  ['softmax, discount 0.9', softmax({ arms: 2, nonStationary: { discount: 0.9 } }), { discount: 0.9 }],
  ['ucb1', ucb1({ arms: 3 }), {}],
  ['klUCB', klUCB({ arms: 2 }), {}],
  ['thompsonBeta, discount 0.95', thompsonBeta({ arms: 2, nonStationary: { discount: 0.95 } }), { discount: 0.95 }],
  ['thompsonGaussian', thompsonGaussian({ arms: ['a', 'b'] }), {}],
  ['exp3', exp3({ arms: 2 }) as unknown as BanditPolicy<MabState>, {}],
  ['discountedUCB', discountedUCB({ arms: 3, discount: 0.8 }), { discount: 0.8 }],
  ['slidingWindowUCB', slidingWindowUCB({ arms: 3, window: 5 }), { window: 5 }],
  ['discountedThompson', discountedThompson({ arms: 2, discount: 0.97 }), { discount: 0.97 }],
  ['slidingWindowThompson', slidingWindowThompson({ arms: 2, window: 3 }), { window: 3 }],
];

describe('checkMabModel: incremental statistics equal a recompute from the full history', () => {
  for (const [name, policy, opts] of cases) {
    test(name, () => checkMabModel(policy, { ...opts, ...runs(60) }));
  }
});
