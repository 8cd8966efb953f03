import { describe, test } from 'vitest';
import { changePointReset } from './change-point.js';
import { epsilonGreedy } from './epsilon-greedy.js';
import { exp3 } from './exp3.js';
import { linEpsilonGreedy, linTS, linUCB, squareCB } from './linear-policies.js';
import { discountedThompson, discountedUCB, slidingWindowThompson, slidingWindowUCB } from './nonstationary-policies.js';
import type { BanditPolicy, BanditState } from './policy.js';
import { softmax } from './softmax.js';
import { checkBanditLaws } from './testing.js';
import { thompsonBeta, thompsonGaussian } from './thompson.js';
import { klUCB } from './kl-ucb-policy.js';
import { ucb1 } from './ucb.js';

/** Explicit run counts keep CI fast; FC_NUM_RUNS (nightly) takes over when set. */
const runs = (n: number): { numRuns?: number } => (process.env['FC_NUM_RUNS'] === undefined ? { numRuns: n } : {});

const nonContextual: [string, BanditPolicy<BanditState>][] = [
  ['epsilonGreedy (fixed)', epsilonGreedy({ arms: 4, epsilon: 0.1 })],
  ['epsilonGreedy (decaying)', epsilonGreedy({ arms: ['a', 'b', 'c'], epsilon: 1, decay: 2 })],
  ['softmax', softmax({ arms: 3, temperature: 0.2, floor: 0.01 })],
  ['ucb1', ucb1({ arms: 3 })],
  ['ucb1 with floor', ucb1({ arms: 3, floor: 0.05, rewardRange: [-5, 5] })],
  ['klUCB', klUCB({ arms: 3, c: 3 })],
  ['thompsonBeta', thompsonBeta({ arms: 3, samples: 8 })],
  ['thompsonGaussian', thompsonGaussian({ arms: [1, 'two', 3], samples: 8, noise: 0.5 })],
  ['exp3', exp3({ arms: 3, gamma: 0.2 })],
  ['discountedUCB', discountedUCB({ arms: 3, discount: 0.9 })],
  ['slidingWindowUCB', slidingWindowUCB({ arms: 3, window: 5 })],
  ['discountedThompson', discountedThompson({ arms: 3, discount: 0.8, samples: 4 })],
  ['slidingWindowThompson', slidingWindowThompson({ arms: 3, window: 4, samples: 4 })],
  ['changePointReset(thompsonBeta)', changePointReset(thompsonBeta({ arms: 3, samples: 4 }), { threshold: 1, minSamples: 2 })],
  ['changePointReset(ucb1, arm)', changePointReset(ucb1({ arms: 2 }), { threshold: 0.5, minSamples: 1, reset: 'arm' })],
];

const contextual: [string, BanditPolicy<BanditState, ArrayLike<number>>][] = [
  ['linUCB', linUCB({ arms: 3, dimension: 3, alpha: 0.5, refactorEvery: 7 })],
  ['linTS', linTS({ arms: ['x', 'y'], dimension: 2, samples: 8 })],
  ['linEpsilonGreedy', linEpsilonGreedy({ arms: 3, dimension: 2, epsilon: 0.2 })],
  ['squareCB', squareCB({ arms: 4, dimension: 2 })],
  ['changePointReset(linUCB)', changePointReset(linUCB({ arms: 2, dimension: 2 }), { threshold: 1 })],
];

describe('checkBanditLaws', () => {
  for (const [name, policy] of nonContextual) {
    test(`${name} satisfies the generic and bandit laws`, () => checkBanditLaws(policy, runs(40)));
  }
  for (const [name, policy] of contextual) {
    test(`${name} satisfies the generic and bandit laws`, () => checkBanditLaws(policy, runs(30)));
  }
});
