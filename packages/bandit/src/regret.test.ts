import { createRng, normal, type Rng } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { changePointReset } from './change-point.js';
import { linTS, linUCB } from './linear-policies.js';
import { discountedThompson, discountedUCB, slidingWindowThompson, slidingWindowUCB } from './nonstationary-policies.js';
import type { BanditPolicy, BanditState } from './policy.js';
import { warmStart } from './warm-start.js';
import { thompsonBeta } from './thompson.js';
import { klUCB } from './kl-ucb-policy.js';
import { ucb1 } from './ucb.js';

/** Mean pseudo-regret curve (Σ gap of the played arm) of a non-contextual policy on Bernoulli arms. */
function bernoulliRegret(
  make: () => BanditPolicy<BanditState>,
  means: (t: number) => readonly number[],
  horizon: number,
  seeds: number,
  checkpoints: readonly number[],
): number[] {
  const out = checkpoints.map(() => 0);
  for (let seed = 1; seed <= seeds; seed++) {
    const policy = make();
    const rng = createRng(seed);
    const env = createRng(1000 + seed);
    let s = policy.init();
    let regret = 0;
    let c = 0;
    for (let t = 1; t <= horizon; t++) {
      const mu = means(t);
      const d = policy.decide(s, undefined, rng);
      const a = d.action as number;
      regret += Math.max(...mu) - (mu[a] as number);
      s = policy.update(s, { action: a, reward: env.next() < (mu[a] as number) ? 1 : 0 });
      if (t === checkpoints[c]) out[c++]! += regret / seeds;
    }
  }
  return out;
}

describe('regret on Bernoulli K = 10 (5 seeds, T = 10⁴)', () => {
  const mu = Array.from({ length: 10 }, (_, a) => 0.1 + 0.08 * a);
  const gaps = mu.map((m) => 0.82 - m).filter((g) => g > 0);
  const T = 10_000;
  // Auer et al. (2002), Theorem 1: E[R_T] ≤ Σ 8 ln T / Δ + (1 + π²/3) Σ Δ.
  const auerBound = gaps.reduce((acc, g) => acc + (8 * Math.log(T)) / g + (1 + Math.PI ** 2 / 3) * g, 0);
  const cases: [string, () => BanditPolicy<BanditState>][] = [
    ['ucb1', () => ucb1({ arms: 10 })],
    ['klUCB', () => klUCB({ arms: 10 })],
    ['thompsonBeta', () => thompsonBeta({ arms: 10, samples: 1 })],
  ];
  for (const [name, make] of cases) {
    test(`${name}: logarithmic growth, below the UCB1 bound`, () => {
      const [r1, r2] = bernoulliRegret(make, () => mu, T, 5, [1000, T]) as [number, number];
      console.log(`${name}: regret(10³) = ${r1.toFixed(1)}, regret(10⁴) = ${r2.toFixed(1)}, UCB1 bound ${auerBound.toFixed(0)}`);
      expect(r2).toBeLessThan(auerBound);
      expect(r2 / r1).toBeLessThan(3); // linear growth would give 10, log growth ≈ 1.33
      expect(r2).toBeLessThan(0.15 * T * 0.36); // ≪ uniform play (mean gap 0.36)
    });
  }
});

/** Linear-Gaussian environment: K arms with unit parameter vectors, contexts uniform on the sphere. */
function linearRegret(make: () => BanditPolicy<BanditState, ArrayLike<number>>, d: number, k: number, horizon: number, seed: number) {
  const envRng = createRng(seed);
  const unit = (rng: Rng): number[] => {
    const v = Array.from({ length: d }, () => normal(rng));
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const thetas = Array.from({ length: k }, () => unit(envRng));
  const policy = make();
  const rng = createRng(seed + 7);
  let s = policy.init();
  let regret = 0;
  let half = 0;
  let uniform = 0;
  for (let t = 1; t <= horizon; t++) {
    const x = unit(envRng);
    const value = thetas.map((th) => th.reduce((acc, v, i) => acc + v * (x[i] as number), 0));
    const best = Math.max(...value);
    const dd = policy.decide(s, x, rng);
    const a = dd.action as number;
    regret += best - (value[a] as number);
    uniform += best - value.reduce((p, q) => p + q, 0) / k;
    s = policy.update(s, { action: a, reward: (value[a] as number) + normal(envRng, 0, 0.1), context: x });
    if (t === horizon / 4) half = regret;
  }
  return { regret, quarter: half, uniform };
}

describe('regret on linear d = 10, K = 5 (T = 8000)', () => {
  const cases: [string, () => BanditPolicy<BanditState, ArrayLike<number>>][] = [
    ['linUCB', () => linUCB({ arms: 5, dimension: 10, alpha: 0.5 })],
    ['linTS', () => linTS({ arms: 5, dimension: 10, v: 0.1, samples: 1 })],
  ];
  for (const [name, make] of cases) {
    test(`${name}: sub-linear (≤ √T growth), ≪ uniform, within O(d√T log T)`, () => {
      const { regret, quarter, uniform } = linearRegret(make, 10, 5, 8000, 3);
      console.log(`${name}: regret(2000) = ${quarter.toFixed(1)}, regret(8000) = ${regret.toFixed(1)}, uniform ${uniform.toFixed(0)}`);
      expect(regret / quarter).toBeLessThan(2); // √T growth gives 2, linear 4
      expect(regret).toBeLessThan(0.05 * uniform);
      expect(regret).toBeLessThan(10 * Math.sqrt(8000) * Math.log(8000));
    });
  }
});

describe('piecewise-stationary Bernoulli K = 5 with 3 change points (T = 20 000, 3 seeds)', () => {
  const segments = [
    [0.9, 0.5, 0.3, 0.2, 0.1],
    [0.2, 0.9, 0.5, 0.3, 0.1],
    [0.1, 0.2, 0.3, 0.9, 0.5],
    [0.5, 0.1, 0.9, 0.2, 0.3],
  ];
  const T = 20_000;
  const means = (t: number): readonly number[] => segments[Math.min(3, Math.floor(((t - 1) * 4) / T))] as number[];
  const regretOf = (make: () => BanditPolicy<BanditState>): number => bernoulliRegret(make, means, T, 3, [T])[0] as number;
  const stationary = regretOf(() => thompsonBeta({ arms: 5, samples: 1 }));
  const cases: [string, () => BanditPolicy<BanditState>][] = [
    ['discountedThompson (γ = 0.99)', () => discountedThompson({ arms: 5, discount: 0.99, samples: 1 })],
    ['slidingWindowThompson (W = 300)', () => slidingWindowThompson({ arms: 5, window: 300, samples: 1 })],
    ['discountedUCB (γ = 0.99)', () => discountedUCB({ arms: 5, discount: 0.99, alpha: 0.5 })],
    ['slidingWindowUCB (W = 500)', () => slidingWindowUCB({ arms: 5, window: 500, alpha: 0.5 })],
    ['changePointReset(thompsonBeta)', () => changePointReset(thompsonBeta({ arms: 5, samples: 1 }), { threshold: 15 })],
  ];
  for (const [name, make] of cases) {
    test(`${name} has ≥ 30 % less regret than stationary Thompson sampling`, () => {
      const r = regretOf(make);
      console.log(`${name}: regret ${r.toFixed(0)} vs stationary TS ${stationary.toFixed(0)} (${((1 - r / stationary) * 100).toFixed(0)} % less)`);
      expect(r).toBeLessThan(0.7 * stationary);
    });
  }
});

describe('warm start from logged history (linear d = 10, K = 5)', () => {
  test('LinUCB warm-started on 10⁴ uniformly logged rounds has ≤ 20 % of a cold start\'s regret over the next 2000 rounds', () => {
    const d = 10;
    const k = 5;
    const envRng = createRng(99);
    const unit = (): number[] => {
      const v = Array.from({ length: d }, () => normal(envRng));
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    };
    const thetas = Array.from({ length: k }, unit);
    const value = (a: number, x: number[]): number => (thetas[a] as number[]).reduce((acc, v, i) => acc + v * (x[i] as number), 0);
    const logs = Array.from({ length: 10_000 }, () => {
      const x = unit();
      const a = Math.floor(envRng.next() * k);
      return { action: a, reward: value(a, x) + normal(envRng, 0, 0.1), context: x, propensity: 1 / k };
    });
    const online = Array.from({ length: 2000 }, () => unit());
    const run = (warm: boolean): number => {
      const policy = linUCB({ arms: k, dimension: d, alpha: 0.5 });
      let s = warm ? warmStart(policy, policy.init(), logs) : policy.init();
      const rng = createRng(5);
      const noise = createRng(6);
      let regret = 0;
      for (const x of online) {
        const a = policy.decide(s, x, rng).action as number;
        const vals = thetas.map((_, b) => value(b, x));
        regret += Math.max(...vals) - (vals[a] as number);
        s = policy.update(s, { action: a, reward: (vals[a] as number) + normal(noise, 0, 0.1), context: x });
      }
      return regret;
    };
    const cold = run(false);
    const warm = run(true);
    console.log(`warm start: regret over 2000 online rounds ${warm.toFixed(2)} (cold start ${cold.toFixed(2)})`);
    expect(warm).toBeLessThan(0.2 * cold);
  });
});
