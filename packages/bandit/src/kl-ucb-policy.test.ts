import { createRng, findRoot } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { bernoulliKl } from './kl-index.js';
import { klUCB } from './kl-ucb-policy.js';

describe('klUCB', () => {
  test('the index solves nₐ·kl(μ̂, q) = ln N to 1e-9 (Newton agrees with Brent)', () => {
    const policy = klUCB({ arms: 3 });
    let s = policy.init();
    const rng = createRng(4);
    for (let t = 0; t < 300; t++) s = policy.update(s, { action: t % 3, reward: rng.next() < [0.05, 0.5, 0.97][t % 3]! ? 1 : 0 });
    const scores = klUCB({ arms: 3, traceScores: true }).decide(s, undefined, rng).trace?.scores ?? [];
    const n = 300;
    for (let a = 0; a < 3; a++) {
      const mu = s.sums[a]! / s.counts[a]!;
      const level = Math.log(n) / s.counts[a]!;
      const brent = mu >= 1 ? 1 : findRoot((q) => bernoulliKl(mu, q) - level, mu, 1 - 1e-12, { tol: 1e-13 });
      expect(scores[a]).toBeCloseTo(brent, 9);
    }
  });
});
