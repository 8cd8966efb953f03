import { createRng } from '@infra/types';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createKlCache, klArgmax } from './kl-argmax.js';
import { klScores } from './kl-index.js';
import { klUCB, type KlUcbOptions } from './kl-ucb-policy.js';
import { argmaxPmf } from './pmf.js';

/** Run the pruned policy and the solve-every-arm policy side by side; every decision must be identical. */
function sideBySide(options: KlUcbOptions, reward: (arm: number, u: number) => number, steps: number, seed: number): void {
  const fast = klUCB(options);
  const full = klUCB({ ...options, traceScores: true });
  let s = fast.init();
  const env = createRng(seed);
  const r1 = createRng(seed + 1);
  const r2 = createRng(seed + 1);
  for (let t = 0; t < steps; t++) {
    const a = fast.decide(s, undefined, r1);
    const b = full.decide(s, undefined, r2);
    expect(a.probabilities).toEqual(b.probabilities);
    expect(a.action).toBe(b.action);
    s = fast.update(s, { action: a.action, reward: reward(a.action as number, env.next()) });
  }
}

describe('klArgmax (KL-UCB decisions from the indices that can still win)', () => {
  const K = 16;
  test.each([
    ['uniform rewards on [0, 1]', {}, (_: number, u: number) => u],
    ['Bernoulli means 0.1 … 0.85', {}, (a: number, u: number) => (u < 0.1 + 0.05 * a ? 1 : 0)],
    ['Bernoulli means within 0.075', { c: 3 }, (a: number, u: number) => (u < 0.5 + 0.005 * a ? 1 : 0)],
    ['rewards on [−2, 3], floor', { rewardRange: [-2, 3] as const, floor: 0.01 }, (a: number, u: number) => -2 + 5 * u * (0.5 + a / 32)],
    ['discounted (every arm changes per update)', { nonStationary: { discount: 0.99 } }, (a: number, u: number) => (u < 0.3 + 0.03 * a ? 1 : 0)],
    ['exact ties (deterministic rewards)', {}, (a: number) => (a % 2 === 0 ? 1 : 0)],
  ])('%s: the same decision as solving every arm, at every step', (_name, extra, reward) => {
    sideBySide({ arms: K, ...extra }, reward, 3000, 11);
  });

  test('one policy used on two interleaved states decides as two fresh policies', () => {
    const shared = klUCB({ arms: 4 });
    const own = [klUCB({ arms: 4 }), klUCB({ arms: 4 })];
    const states = [shared.init(), shared.init()];
    const env = createRng(3);
    for (let t = 0; t < 600; t++) {
      const w = t % 2;
      const r = createRng(t);
      const d = shared.decide(states[w]!, undefined, r);
      expect(own[w]!.decide(states[w]!, undefined, createRng(t)).action).toBe(d.action);
      states[w] = shared.update(states[w]!, { action: d.action, reward: env.next() < 0.2 * (d.action as number) + 0.1 * w ? 1 : 0 });
    }
  });

  test('about one index solved per decision in a stationary run (K = 16, T = 5000)', () => {
    const cache = createKlCache();
    const counts = new Array<number>(K).fill(0);
    const sums = new Array<number>(K).fill(0);
    const env = createRng(9);
    const p = new Array<number>(K).fill(0);
    let solved = 0;
    let decisions = 0;
    for (let t = 0; t < 5000; t++) {
      const n = counts.reduce((x, y) => x + y, 0);
      const s = klArgmax(counts, sums, Math.log(Math.max(n, 1)), 0, 1, cache, p);
      const a = p.indexOf(Math.max(...p));
      if (t >= K) {
        solved += s;
        decisions++;
      }
      counts[a]! += 1;
      sums[a]! += env.next() < 0.2 + 0.04 * a ? 1 : 0;
    }
    expect(solved / decisions).toBeLessThan(1.4); // 1.14 measured
  });

  test('property: the one-hot vector equals argmaxPmf of every index, for any statistics and cached history', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 12, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (arms, levels) => {
          const counts = arms.map(([n]) => n);
          const sums = arms.map(([n, f]) => n * f);
          const cache = createKlCache();
          for (const level of levels) {
            const p = new Array<number>(counts.length).fill(0);
            klArgmax(counts, sums, level, 0, 1, cache, p);
            expect(p).toEqual(argmaxPmf(klScores(counts, sums, level, 0, 1, new Array<number>(counts.length).fill(0))));
            counts[0]! += 1; // one arm's statistics change between decisions, as after an update
            sums[0]! += 0.5;
          }
        },
      ),
    );
  });

  test('traceScores must be a boolean', () => {
    expect(() => klUCB({ arms: 2, traceScores: 'yes' as unknown as boolean })).toThrow('options.traceScores: must be a boolean');
    expect(klUCB({ arms: 2 }).decide(klUCB({ arms: 2 }).init(), undefined, createRng(1)).trace?.scores).toBeUndefined();
  });
});
