import { createRng, deepFreeze, normal, type InfraErrorCode } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { hybridLinUCB } from './hybrid-linucb.js';
import { spdInverse } from './linalg.js';
import { deserializeBandit, serializeBandit } from './serialize.js';
import { checkBanditLaws, hybridContextArb } from './testing.js';
import { warmStart } from './warm-start.js';

/** Explicit run counts keep CI fast; FC_NUM_RUNS (nightly) takes over when set. */
const runs = (n: number): { numRuns?: number } => (process.env['FC_NUM_RUNS'] === undefined ? { numRuns: n } : {});

/** `f` throws an InfraError with this code and a path matching `path`. */
function throwsInfra(f: () => unknown, code: InfraErrorCode, path: string | RegExp): void {
  const at = typeof path === 'string' ? path : expect.stringMatching(path);
  expect(f).toThrow(expect.objectContaining({ name: 'InfraError', code, path: at }));
}

describe('hybridLinUCB: bad input', () => {
  test('the constructor names the bad option', () => {
    const base = { arms: 2, sharedDimension: 2, armDimension: 3 };
    throwsInfra(() => hybridLinUCB({ ...base, sharedDimension: 0 }), 'OUT_OF_RANGE', 'options.sharedDimension');
    throwsInfra(() => hybridLinUCB({ ...base, armDimension: 2.5 }), 'INVALID_ARGUMENT', 'options.armDimension');
    throwsInfra(() => hybridLinUCB({ ...base, alpha: -1 }), 'OUT_OF_RANGE', 'options.alpha');
    throwsInfra(() => hybridLinUCB({ ...base, lambda: 0 }), 'OUT_OF_RANGE', 'options.lambda');
    throwsInfra(() => hybridLinUCB({ ...base, floor: 0.6 }), 'OUT_OF_RANGE', 'options.floor');
    throwsInfra(() => hybridLinUCB({ ...base, arms: [] }), 'EMPTY', 'options.arms');
    throwsInfra(() => hybridLinUCB({ ...base, rewardRange: [1, 0] }), 'INVALID_ARGUMENT', 'options.rewardRange');
  });

  test('decide names the bad block, arm and feature', () => {
    const p = hybridLinUCB({ arms: 3, sharedDimension: 2, armDimension: 1 });
    const s = p.init();
    const rng = createRng(1);
    const decide = (c: unknown): unknown => p.decide(s, c as never, rng);
    throwsInfra(() => decide([1, 2, 3]), 'INVALID_ARGUMENT', 'context');
    throwsInfra(() => decide(undefined), 'INVALID_ARGUMENT', 'context');
    throwsInfra(() => decide({ shared: [1, 2, 3], arm: [1] }), 'SHAPE_MISMATCH', 'context.shared');
    throwsInfra(() => decide({ shared: [1, 2] }), 'INVALID_ARGUMENT', 'context.arm');
    throwsInfra(() => decide({ shared: [[1, 2], [3, 4]], arm: [1] }), 'SHAPE_MISMATCH', 'context.shared');
    throwsInfra(() => decide({ shared: [1, 2], arm: [[1], [2], [Number.NaN]] }), 'NOT_FINITE', 'context.arm[2][0]');
    throwsInfra(() => decide({ shared: [[1, 2], [3, 4], [5]], arm: [1] }), 'SHAPE_MISMATCH', 'context.shared[2]');
    throwsInfra(() => decide({ shared: [1, Infinity], arm: [1] }), 'NOT_FINITE', 'context.shared[1]');
    throwsInfra(() => p.estimates(s, { shared: [1, 2], arm: [1, 2] }), 'SHAPE_MISMATCH', 'context.arm');
  });

  test('update names the bad feedback context (flat form or decision context)', () => {
    const p = hybridLinUCB({ arms: ['a', 'b'], sharedDimension: 2, armDimension: 1 });
    const s = p.init();
    throwsInfra(() => p.update(s, { action: 'a', reward: 1 }), 'INVALID_ARGUMENT', 'feedback.context');
    throwsInfra(() => p.update(s, { action: 'a', reward: 1, context: [1, 2] }), 'SHAPE_MISMATCH', 'feedback.context');
    throwsInfra(() => p.update(s, { action: 'a', reward: 1, context: [1, Number.NaN, 2] }), 'NOT_FINITE', 'feedback.context[1]');
    throwsInfra(() => p.update(s, { action: 'b', reward: 1, context: { shared: [[1, 2], [3, Number.NaN]], arm: [1] } }), 'NOT_FINITE', 'feedback.context.shared[1][1]');
    throwsInfra(() => p.update(s, { action: 'c', reward: 1, context: [1, 2, 3] }), 'UNKNOWN_ID', 'feedback.action');
    throwsInfra(() => p.update(s, { action: 'a', reward: Number.NaN, context: [1, 2, 3] }), 'NOT_FINITE', 'feedback.reward');
    throwsInfra(() => p.features(s, { shared: [1, 2], arm: [1] }, 'z'), 'UNKNOWN_ID', 'action');
  });
});

describe('hybridLinUCB: the paper’s quantities', () => {
  test('scores equal Algorithm 2’s zᵀβ̂ + xᵀθ̂ₐ + α√sₜ,ₐ with its four-term sₜ,ₐ from fresh inverses', () => {
    const k = 3;
    const d = 2;
    const alpha = 0.7;
    const p = hybridLinUCB({ arms: 4, sharedDimension: k, armDimension: d, alpha, refactorEvery: 0 });
    const rng = createRng(9);
    const ctx = (): { shared: number[][]; arm: number[][] } => ({
      shared: Array.from({ length: 4 }, () => Array.from({ length: k }, () => normal(rng))),
      arm: Array.from({ length: 4 }, () => Array.from({ length: d }, () => normal(rng))),
    });
    let s = p.init();
    for (let t = 0; t < 300; t++) {
      const c = ctx();
      const dec = p.decide(s, c, rng);
      s = p.update(s, { action: dec.action, reward: normal(rng), context: c });
    }
    const c = ctx();
    const scores = p.decide(s, c, rng).trace?.scores as number[];
    const a0inv = spdInverse(s.shared.gram, k);
    const beta = a0inv.reduce<number[]>((acc, v, i) => ((acc[Math.floor(i / k)]! += v * s.shared.b[i % k]!), acc), new Array(k).fill(0));
    const mv = (m: readonly number[], v: readonly number[], rows: number, cols: number): number[] =>
      Array.from({ length: rows }, (_, i) => v.reduce((acc, vj, j) => acc + m[i * cols + j]! * vj, 0));
    const dotv = (a: readonly number[], b: readonly number[]): number => a.reduce((acc, v, i) => acc + v * b[i]!, 0);
    for (let a = 0; a < 4; a++) {
      const m = s.models[a]!;
      const ainv = spdInverse(m.gram, d);
      const z = c.shared[a]!;
      const x = c.arm[a]!;
      const bt = m.cross; // Bᵀ (k×d)
      const bMat = Array.from({ length: d * k }, (_, i) => bt[(i % k) * d + Math.floor(i / k)]!); // B (d×k)
      const theta = mv(ainv, m.b.map((v, i) => v - dotv(bMat.slice(i * k, i * k + k), beta)), d, d);
      const ainvx = mv(ainv, x, d, d);
      const btAinvx = mv(bt, ainvx, k, d);
      const sTerm =
        dotv(z, mv(a0inv, z, k, k)) - 2 * dotv(z, mv(a0inv, btAinvx, k, k)) + dotv(x, ainvx) + dotv(btAinvx, mv(a0inv, btAinvx, k, k));
      const expected = dotv(z, beta) + dotv(x, theta) + alpha * Math.sqrt(sTerm);
      expect(Math.abs(scores[a]! - expected)).toBeLessThan(1e-10 * Math.max(1, Math.abs(expected)));
    }
    expect(s.pulls.reduce((x, y) => x + y, 0)).toBe(300);
  });

  test('refactorization recomputes the inverses from the Gram matrices (exactly, at the period)', () => {
    const p = hybridLinUCB({ arms: 1, sharedDimension: 2, armDimension: 2, refactorEvery: 4 });
    let s = p.init();
    for (let t = 0; t < 4; t++) s = p.update(s, { action: 0, reward: t, context: [1, t, 0.5, -t] });
    expect(s.models[0]!.sinceRefactor).toBe(0);
    expect(s.shared.sinceRefactor).toBe(0);
    expect(s.models[0]!.inverse).toEqual(spdInverse(s.models[0]!.gram, 2));
    expect(s.shared.inverse).toEqual(spdInverse(s.shared.gram, 2));
    s = p.update(s, { action: 0, reward: 1, context: [0, 1, 1, 0] });
    expect(s.models[0]!.sinceRefactor).toBe(1);
  });
});

describe('hybridLinUCB: arms, sharing, state', () => {
  test('what β̂ learned carries over to a new arm (disjoint LinUCB would start it at 0)', () => {
    // r = zₐᵀβ + xᵀθₐ with item features zₐ, a user feature x and θₐ = 0.
    const beta = [1, -2, 0.5];
    const rng = createRng(3);
    const items = Array.from({ length: 6 }, () => [normal(rng), normal(rng), normal(rng)]);
    const value = (z: readonly number[]): number => z.reduce((acc, v, j) => acc + v * beta[j]!, 0);
    const p = hybridLinUCB({ arms: 6, sharedDimension: 3, armDimension: 1, alpha: 0.1 });
    let s = p.init();
    for (let t = 0; t < 600; t++) {
      const a = t % 6;
      s = p.update(s, { action: a, reward: value(items[a]!) + 0.05 * normal(rng), context: [...items[a]!, normal(rng)] });
    }
    s = p.addArm(s, 'new');
    for (const fresh of [[0.5, 0.5, 1], [2, 0, 0], [-1, 1, 3]]) {
      const est = p.estimates(s, { shared: [...items, fresh], arm: [0.7] });
      expect(Math.abs(est[6]! - value(fresh))).toBeLessThan(0.05);
    }
  });

  test('removeArm and resetArm keep the shared block; removeArm(addArm(s)) = s; update copies only the played arm', () => {
    const p = hybridLinUCB({ arms: ['a', 'b', 'c'], sharedDimension: 1, armDimension: 2 });
    let s = p.init();
    s = p.update(s, { action: 'a', reward: 1, context: [1, 1, 0] });
    const t = p.update(s, { action: 'b', reward: 0.5, context: [0.3, 0, 1] });
    expect(t.models[0]).toBe(s.models[0]);
    expect(t.models[2]).toBe(s.models[2]);
    expect(t.models[1]).not.toBe(s.models[1]);
    expect(p.removeArm(t, 'a').shared).toBe(t.shared);
    expect(p.resetArm(t, 'a').shared).toBe(t.shared);
    expect(p.resetArm(t, 'a').models[0]).toEqual(p.init().models[0]);
    expect(p.resetArm(t, 'a').pulls).toEqual([1, 1, 0]);
    expect(p.removeArm(p.addArm(t, 'd'), 'd')).toEqual(t);
    throwsInfra(() => p.addArm(t, 'a'), 'INVALID_ARGUMENT', 'id');
    throwsInfra(() => p.removeArm(p.removeArm(p.removeArm(t, 'a'), 'b'), 'c'), 'EMPTY', 'id');
    throwsInfra(() => hybridLinUCB({ arms: 2, sharedDimension: 1, armDimension: 1, floor: 0.5 }).addArm(p.init(), 'x'), 'OUT_OF_RANGE', 'id');
  });

  test('update never mutates its inputs (frozen state and context)', () => {
    const p = hybridLinUCB({ arms: 2, sharedDimension: 2, armDimension: 2 });
    const s = deepFreeze(p.update(p.init(), { action: 0, reward: 1, context: [1, 0, 0, 1] }));
    const c = deepFreeze({ shared: [[1, 2], [3, 4]], arm: [0.5, 0.5] });
    const next = p.update(s, { action: 1, reward: 0, context: c });
    expect(next.pulls).toEqual([1, 1]);
  });

  test('serialize/deserialize round-trips and rejects malformed states naming the field', () => {
    const p = hybridLinUCB({ arms: ['x', 'y'], sharedDimension: 2, armDimension: 2 });
    const s = p.update(p.init(), { action: 'y', reward: 0.3, context: [1, 0.5, -1, 2] });
    const text = serializeBandit(p, s);
    expect(deserializeBandit(p, text)).toEqual(s);
    const good = JSON.parse(text);
    const bad = (mut: (st: Record<string, any>) => void): string => {
      const c = structuredClone(good);
      mut(c.state);
      return JSON.stringify(c);
    };
    throwsInfra(() => deserializeBandit(p, bad((st) => (st['sharedDimension'] = 3))), 'SHAPE_MISMATCH', 'state.sharedDimension');
    throwsInfra(() => deserializeBandit(p, bad((st) => (st['shared'].inverse = [1, 0.5, 0, 1]))), 'INVALID_STATE', 'state.shared.inverse[1]');
    throwsInfra(() => deserializeBandit(p, bad((st) => (st['shared'].beta = [0]))), 'SHAPE_MISMATCH', 'state.shared.beta');
    throwsInfra(() => deserializeBandit(p, bad((st) => (st['models'][1].coupling[3] = 'x'))), 'NOT_FINITE', 'state.models[1].coupling[3]');
    throwsInfra(() => deserializeBandit(p, bad((st) => (st['models'][0].gram[0] = -1))), 'INVALID_STATE', 'state.models[0].gram[0]');
    throwsInfra(() => deserializeBandit(p, bad((st) => (st['models'] = [st['models'][0]]))), 'SHAPE_MISMATCH', 'state.models');
    throwsInfra(() => deserializeBandit(p, bad((st) => delete st['shared'])), 'INVALID_ARGUMENT', 'state.shared');
    throwsInfra(() => deserializeBandit(p, bad((st) => (st['version'] = 2))), 'VERSION_MISMATCH', 'state.version');
    throwsInfra(() => deserializeBandit(p, text.replace('bandit/hybrid-linucb', 'bandit/linucb')), 'VERSION_MISMATCH', /kind/);
    throwsInfra(() => deserializeBandit(p, '{"kind":"bandit/hybrid-linucb","version":1,"state":'), 'PARSE_ERROR', /./);
  });

  test('warmStart on logged flat [z, x] rounds equals updating with the decision contexts', () => {
    const p = hybridLinUCB({ arms: 3, sharedDimension: 2, armDimension: 2, refactorEvery: 5 });
    const rng = createRng(4);
    let online = p.init();
    const logs = [];
    for (let t = 0; t < 40; t++) {
      const c = { shared: [0, 1, 2].map(() => [normal(rng), normal(rng)]), arm: [normal(rng), 1] };
      const d = p.decide(online, c, rng);
      const reward = normal(rng);
      online = p.update(online, { action: d.action, reward, context: c });
      logs.push({ action: d.action, reward, context: p.features(online, c, d.action), propensity: d.propensity as number });
    }
    expect(warmStart(p, p.init(), logs)).toEqual(online);
    throwsInfra(() => warmStart(p, p.init(), [{ action: 0, reward: 1, context: [1, 2, 3] }]), 'SHAPE_MISMATCH', 'logs[0].context');
  });

  test('decisions carry the full probability vector, the propensity and the floor', () => {
    const p = hybridLinUCB({ arms: 4, sharedDimension: 1, armDimension: 1, floor: 0.05 });
    const d = p.decide(p.init(), { shared: [[1], [2], [3], [4]], arm: [1] }, createRng(1));
    [0.05, 0.05, 0.05, 0.85].forEach((v, a) => expect(d.probabilities?.[a]).toBeCloseTo(v, 15));
    expect(d.propensity).toBe(d.probabilities?.[p.init().arms.indexOf(d.action)]);
    expect(p.minProbability(p.init())).toBe(0.05);
    expect(p.dimension).toBe(2);
  });
});

describe('checkBanditLaws on hybridLinUCB', () => {
  const configs: [string, ReturnType<typeof hybridLinUCB>, number][] = [
    ['k = 2, d = 3, refactor every 7', hybridLinUCB({ arms: 3, sharedDimension: 2, armDimension: 3, alpha: 0.5, refactorEvery: 7 }), 3],
    ['string ids, floor, bounded rewards', hybridLinUCB({ arms: ['x', 'y'], sharedDimension: 1, armDimension: 2, floor: 0.1, rewardRange: [0, 1] }), 2],
    ['k = 4, d = 1, λ = 0.5', hybridLinUCB({ arms: 4, sharedDimension: 4, armDimension: 1, lambda: 0.5 }), 4],
  ];
  for (const [name, policy, arms] of configs) {
    test(`${name} satisfies the generic and bandit laws`, () =>
      checkBanditLaws(policy, { context: hybridContextArb(policy.sharedDimension, policy.armDimension, arms), ...runs(30) }));
  }
});
