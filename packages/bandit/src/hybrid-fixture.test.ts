/// <reference types="node" />
// Agreement with Algorithm 2 of Li et al. (2010) implemented literally in numpy (../fixtures/hybrid_fixture.py:
// explicit inverses, the paper's A₀/b₀ update order and its four-term sₜ,ₐ); committed output, no Python in CI.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createRng } from '@infra/types';
import { hybridLinUCB } from './hybrid-linucb.js';

interface Round {
  readonly shared: number[] | number[][];
  readonly arm: number[] | number[][];
  readonly scores: number[];
  readonly action: number;
  readonly reward: number;
}
interface Case {
  readonly name: string;
  readonly arms: number;
  readonly k: number;
  readonly d: number;
  readonly lambda: number;
  readonly alpha: number;
  readonly rounds: Round[];
  readonly beta: number[];
  readonly theta: number[][];
  readonly A0: number[];
  readonly b0: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/hybrid-fixture.json', import.meta.url), 'utf8')) as { cases: Case[] };

function close(actual: number, expected: number, tol = 1e-10): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

describe('hybridLinUCB agrees with a literal numpy implementation of Algorithm 2 to 1e-10', () => {
  test('there are fixture cases', () => expect(fixture.cases.length).toBe(3));
  for (const c of fixture.cases) {
    test(`${c.name}: every round's scores and action, then β̂, θ̂, A₀ and b₀`, () => {
      // refactorEvery 7 mixes rank-1 steps and Cholesky refactorizations along the way.
      const policy = hybridLinUCB({ arms: c.arms, sharedDimension: c.k, armDimension: c.d, lambda: c.lambda, alpha: c.alpha, refactorEvery: 7 });
      const rng = createRng(5);
      let s = policy.init();
      for (const r of c.rounds) {
        const context = { shared: r.shared, arm: r.arm };
        const d = policy.decide(s, context, rng);
        r.scores.forEach((v, a) => close(d.trace?.scores?.[a] as number, v));
        expect(d.action).toBe(r.action);
        expect(d.propensity).toBe(1);
        s = policy.update(s, { action: r.action, reward: r.reward, context });
      }
      const { beta, theta } = policy.coefficients(s);
      c.beta.forEach((v, j) => close(beta[j] as number, v));
      c.theta.forEach((row, a) => row.forEach((v, p) => close(theta[a]?.[p] as number, v)));
      c.A0.forEach((v, i) => close(s.shared.gram[i] as number, v));
      c.b0.forEach((v, i) => close(s.shared.b[i] as number, v));
    });
  }
});
