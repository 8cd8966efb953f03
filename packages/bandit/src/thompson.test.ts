import { betaInc, createRng, logGamma, normalCdf } from '@infra/types';
import { describe, expect, test } from 'vitest';
import type { MabState } from './mab-core.js';
import type { BanditPolicy } from './policy.js';
import { thompsonBeta, thompsonGaussian } from './thompson.js';

/** P(X > Y) for independent X ~ Beta(a, b), Y ~ Beta(c, d): ∫ f_X(x)·I_x(c, d) dx by Simpson's rule. */
function betaWins(a: number, b: number, c: number, d: number): number {
  const lb = logGamma(a) + logGamma(b) - logGamma(a + b);
  const f = (x: number): number => (x <= 0 || x >= 1 ? 0 : Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lb) * betaInc(c, d, x));
  const n = 20_000;
  let s = f(0) + f(1);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(i / n);
  return s / (3 * n);
}

/** Share of `n` decisions (seeded stream) that pick arm 0, checked against p within 5 standard errors. */
function expectArm0Share(policy: BanditPolicy<MabState>, s: MabState, p: number, seed: number, n = 40_000): void {
  const rng = createRng(seed);
  let wins = 0;
  for (let i = 0; i < n; i++) if (policy.decide(s, undefined, rng).action === 0) wins++;
  expect(Math.abs(wins / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
}

/** A two-arm state with the given successes and failures (rewards 1 and 0). */
function twoArms(succ: [number, number], fail: [number, number]): MabState {
  const counts = [succ[0] + fail[0], succ[1] + fail[1]];
  const sums = [succ[0], succ[1]];
  return { version: 1, arms: [0, 1], pulls: counts.slice(), counts, sums, sumSquares: sums.slice(), t: counts[0]! + counts[1]!, window: null };
}

describe('Thompson sampling decisions have the exact distribution of the posterior argmax', () => {
  // Posteriors Beta(1 + S, 1 + F): the first pair is drawn by the normal envelope, the second by gamma ratios.
  test.each([
    [[60, 25], [45, 28]],
    [[3, 5], [27, 40]],
  ] as [[number, number], [number, number]][])('Beta: P(arm 0) over 40 000 one-draw decisions (successes %j, failures %j)', (succ, fail) => {
    const p = betaWins(1 + succ[0], 1 + fail[0], 1 + succ[1], 1 + fail[1]);
    expectArm0Share(thompsonBeta({ arms: 2, samples: 1 }), twoArms(succ, fail), p, 17);
  });

  test('Beta, 16 draws: the logged probability of arm 0 averages to P(arm 0 wins)', () => {
    const policy = thompsonBeta({ arms: 2, samples: 16 });
    const s = twoArms([60, 25], [45, 28]);
    const p = betaWins(61, 46, 26, 29);
    const rng = createRng(18);
    const n = 5000;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += (policy.decide(s, undefined, rng).probabilities?.[0] ?? 0) / n;
    expect(Math.abs(mean - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / (16 * n)));
  });

  test('Gaussian: P(arm 0) = Φ((m₀ − m₁)/√(v₀ + v₁)) over 40 000 one-draw decisions', () => {
    const policy = thompsonGaussian({ arms: 2, samples: 1, noise: 1, priorMean: 0, priorSd: 1 });
    const s: MabState = { version: 1, arms: [0, 1], pulls: [4, 9], counts: [4, 9], sums: [2.4, 4.1], sumSquares: [3, 5], t: 13, window: null };
    const post = (n: number, sum: number): [number, number] => [sum / (1 + n), 1 / (1 + n)];
    const [m0, v0] = post(4, 2.4);
    const [m1, v1] = post(9, 4.1);
    expectArm0Share(policy, s, normalCdf((m0 - m1) / Math.sqrt(v0 + v1)), 19);
  });

  test('a state whose counts give no valid Beta posterior is an InfraError naming the count', () => {
    const policy = thompsonBeta({ arms: 2, samples: 1 });
    const s = { ...twoArms([1, 1], [1, 1]), counts: [2, Number.NaN] };
    expect(() => policy.decide(s, undefined, createRng(1))).toThrow('state.counts[1]');
  });

  test('the posteriors a policy keeps between decisions give the decisions of a fresh policy', () => {
    // Interleaved states, updates, an arm removed and one added: the kept posteriors are keyed by each arm's
    // count and sum, so every decision equals that of a policy that has seen nothing before.
    const kept = thompsonBeta({ arms: 4 });
    const rng = createRng(31);
    let a = kept.init();
    let b = kept.init();
    for (let t = 0; t < 400; t++) {
      a = kept.update(a, { action: a.arms[t % a.arms.length]!, reward: (t * 7) % 10 < 6 ? 1 : 0 });
      if (t % 3 === 0) b = kept.update(b, { action: (t / 3) % 4, reward: t % 2 });
      if (t === 200) a = kept.addArm(kept.removeArm(a, 1), 9);
      for (const s of [a, b]) {
        const seed = Math.floor(rng.next() * 1e9);
        const fresh = thompsonBeta({ arms: 4 });
        expect(kept.decide(s, undefined, createRng(seed)).action).toBe(fresh.decide(s, undefined, createRng(seed)).action);
      }
    }
  });

  test('a policy decided again from inside its own rng is an InfraError, and the policy keeps working', () => {
    const policy = thompsonBeta({ arms: 2 });
    const s = twoArms([60, 25], [45, 28]);
    const base = createRng(3);
    const reentrant = { ...base, nextUint32: () => (policy.decide(s, undefined, createRng(4)), base.nextUint32()), next: () => base.next() };
    expect(() => policy.decide(s, undefined, reentrant as typeof base)).toThrow(/sampler: is drawing/);
    expect([0, 1]).toContain(policy.decide(s, undefined, createRng(5)).action);
    // Another policy's sampler is independent: a user rng may decide with it.
    const other = thompsonBeta({ arms: 2 });
    const viaOther = { ...base, nextUint32: () => (other.decide(s, undefined, createRng(4)), base.nextUint32()), next: () => base.next() };
    expect([0, 1]).toContain(policy.decide(s, undefined, viaOther as typeof base).action);
  });
});
