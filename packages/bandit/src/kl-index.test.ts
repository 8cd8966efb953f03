import { createRng } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { bernoulliKl, klIndex, klScores } from './kl-index.js';

/** The largest q with kl(μ, q) ≤ bound by 200 bisection steps (down to the last representable bit). */
function bisect(mu: number, bound: number): number {
  if (mu >= 1 || !(bound > 0)) return mu;
  let lo = mu;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (bernoulliKl(mu, mid) > bound) hi = mid;
    else lo = mid;
  }
  return lo;
}

describe('KL-UCB index', () => {
  test('agrees with bisection to 2e-13 on 100 000 random (μ, bound), edge means included', () => {
    const rng = createRng(8);
    let worst = 0;
    for (let i = 0; i < 100_000; i++) {
      const kind = i % 10;
      const mu = kind === 0 ? 0 : kind === 1 ? rng.next() * 1e-6 : kind === 2 ? 1 - rng.next() * 1e-6 : kind === 3 ? 1 : rng.next();
      const bound = Math.exp(-14 + 16 * rng.next());
      const ref = bisect(mu, bound);
      if (ref > 1 - 1e-11) continue; // saturated at 1 (the index is then reported as 1 − 1e-12 or 1)
      worst = Math.max(worst, Math.abs(klIndex(mu, bound) - ref));
    }
    expect(worst).toBeLessThan(2e-13);
  });

  test('klScores: untried arms, a zero bound, all-zero and all-one means, and the reward range', () => {
    const level = Math.log(40);
    const s = klScores([0, 10, 10, 10, 10], [0, 0, 10, 3, 6], level, -1, 2, [0, 0, 0, 0, 0]);
    expect(s[0]).toBe(Number.MAX_VALUE);
    expect(s[1]).toBeCloseTo(-1 + 2 * klIndex(0.5, level / 10), 14); // mean 0 → 0.5 on [−1, 1]
    expect(s[2]).toBe(1); // mean 1 = hi
    expect(bernoulliKl(0.65, (s[3]! + 1) / 2)).toBeCloseTo(level / 10, 13);
    expect(s[4]).toBeCloseTo(-1 + 2 * klIndex(0.8, level / 10), 14);
    expect(klScores([5], [2], 0, 0, 1, [0])[0]).toBe(0.4); // ln N = 0 (one pull in all): the mean itself
    expect(klIndex(0, 0.3)).toBeCloseTo(-Math.expm1(-0.3), 16);
  });

  test('the scores are the same as one klIndex per arm (the arm-parallel passes change nothing)', () => {
    const rng = createRng(3);
    const counts = Array.from({ length: 16 }, () => 1 + Math.floor(rng.next() * 200));
    const sums = counts.map((c) => c * rng.next());
    const level = Math.log(counts.reduce((a, b) => a + b, 0));
    const s = klScores(counts, sums, level, 0, 1, new Array<number>(16).fill(0));
    counts.forEach((c, i) => expect(s[i]).toBeCloseTo(klIndex((sums[i] as number) / c, level / c), 15));
  });
});
