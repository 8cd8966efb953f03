import { createRng, isInfraError, type InfraErrorCode } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { changePointReset } from './change-point.js';
import { epsilonGreedy } from './epsilon-greedy.js';
import { exp3 } from './exp3.js';
import { spdInverse } from './linalg.js';
import { linEpsilonGreedy, linTS, linUCB, squareCB } from './linear-policies.js';
import { deserializeBandit, serializeBandit } from './serialize.js';
import { softmax } from './softmax.js';
import { thompsonBeta, thompsonGaussian } from './thompson.js';
import { klUCB } from './kl-ucb-policy.js';
import { ucb1 } from './ucb.js';
import { warmStart } from './warm-start.js';

function throwsInfra(f: () => unknown, code: InfraErrorCode, path: string | RegExp): void {
  try {
    f();
  } catch (e) {
    expect(isInfraError(e, code)).toBe(true);
    if (isInfraError(e)) expect(e.path).toMatch(path);
    return;
  }
  throw new Error('expected an InfraError');
}

describe('bad input', () => {
  test('constructors name the bad option', () => {
    throwsInfra(() => epsilonGreedy({ arms: 3, epsilon: -0.1 }), 'OUT_OF_RANGE', 'options.epsilon');
    throwsInfra(() => epsilonGreedy({ arms: [] }), 'EMPTY', 'options.arms');
    throwsInfra(() => ucb1({ arms: 0 }), 'EMPTY', 'options.arms');
    throwsInfra(() => ucb1({ arms: ['a', 'a'] }), 'INVALID_ARGUMENT', 'options.arms[1]');
    throwsInfra(() => ucb1({ arms: 2, rewardRange: [0, Infinity] }), 'NOT_FINITE', 'options.rewardRange');
    throwsInfra(() => softmax({ arms: 2, temperature: 0 }), 'OUT_OF_RANGE', 'options.temperature');
    throwsInfra(() => thompsonBeta({ arms: 2, priorAlpha: -1 }), 'OUT_OF_RANGE', 'options.priorAlpha');
    throwsInfra(() => exp3({ arms: 2, gamma: 0 }), 'OUT_OF_RANGE', 'options.gamma');
    throwsInfra(() => ucb1({ arms: 2, nonStationary: { discount: 1.5 } }), 'OUT_OF_RANGE', 'options.nonStationary.discount');
    throwsInfra(() => ucb1({ arms: 4, floor: 0.3 }), 'OUT_OF_RANGE', 'options.floor');
    throwsInfra(() => linUCB({ arms: 2, dimension: 2.5 }), 'INVALID_ARGUMENT', 'options.dimension');
    throwsInfra(() => linTS({ arms: 2, dimension: 2, v: 0 }), 'OUT_OF_RANGE', 'options.v');
    throwsInfra(() => linEpsilonGreedy({ arms: 2, dimension: 2, epsilon: -1 }), 'OUT_OF_RANGE', 'options.epsilon');
    throwsInfra(() => changePointReset(ucb1({ arms: 2 }), { threshold: -1 }), 'OUT_OF_RANGE', 'options.threshold');
  });

  test('update rejects NaN/Infinity rewards, out-of-range rewards, unknown arms and zero propensities', () => {
    const p = ucb1({ arms: ['a', 'b'] });
    const s = p.init();
    throwsInfra(() => p.update(s, { action: 'a', reward: Number.NaN }), 'NOT_FINITE', 'feedback.reward');
    throwsInfra(() => p.update(s, { action: 'a', reward: Infinity }), 'NOT_FINITE', 'feedback.reward');
    throwsInfra(() => p.update(s, { action: 'a', reward: 2 }), 'OUT_OF_RANGE', 'feedback.reward');
    throwsInfra(() => p.update(s, { action: 'z', reward: 1 }), 'UNKNOWN_ID', 'feedback.action');
    throwsInfra(() => p.update(s, { action: 'a', reward: 1, propensity: 0 }), 'OUT_OF_RANGE', 'feedback.propensity');
  });

  test('contextual policies reject contexts of the wrong length and non-finite features', () => {
    const p = linUCB({ arms: 2, dimension: 4 });
    const s = p.init();
    const rng = createRng(1);
    throwsInfra(() => p.decide(s, [1, 2, 3], rng), 'SHAPE_MISMATCH', 'context');
    throwsInfra(() => p.decide(s, [1, 2, Number.NaN, 4], rng), 'NOT_FINITE', 'context[2]');
    throwsInfra(() => p.update(s, { action: 0, reward: 1 }), 'INVALID_ARGUMENT', 'feedback.context');
    throwsInfra(() => p.update(s, { action: 0, reward: 1, context: [0, 0, 0, Infinity] }), 'NOT_FINITE', 'feedback.context[3]');
  });

  test('arm lifecycle: unknown ids, duplicates and removing the last arm', () => {
    const p = thompsonGaussian({ arms: ['x'] });
    const s = p.init();
    throwsInfra(() => p.removeArm(s, 'x'), 'EMPTY', 'id');
    throwsInfra(() => p.removeArm(s, 'nope'), 'UNKNOWN_ID', 'id');
    throwsInfra(() => p.addArm(s, 'x'), 'INVALID_ARGUMENT', 'id');
    throwsInfra(() => p.addArm(s, Number.NaN), 'INVALID_ARGUMENT', 'id');
  });

  test('warmStart names the bad logged round', () => {
    const p = linTS({ arms: 2, dimension: 2 });
    throwsInfra(
      () => warmStart(p, p.init(), [{ action: 0, reward: 1, context: [1, 0] }, { action: 1, reward: 1, context: [1, 0], propensity: 0 }]),
      'OUT_OF_RANGE',
      'logs[1].propensity',
    );
    throwsInfra(() => warmStart(p, p.init(), [{ action: 0, reward: Number.NaN, context: [1, 0] }]), 'NOT_FINITE', 'logs[0].reward');
  });
});

describe('golden values (reference sheet §4.2)', () => {
  const rng = createRng(3);
  test('ε-greedy pmf K = 4, ε = 0.1', () => {
    const p = epsilonGreedy({ arms: 4, epsilon: 0.1 });
    const d = p.decide(p.update(p.init(), { action: 1, reward: 1 }), undefined, rng);
    expect(d.probabilities?.[1]).toBeCloseTo(0.925, 14);
    expect(d.probabilities?.[3]).toBeCloseTo(0.025, 14);
  });
  test('EXP3 step and SquareCB pmf are covered by the doctests; LinUCB inverse equals a direct inverse', () => {
    const p = linUCB({ arms: 1, dimension: 2 });
    let s = p.init();
    for (const [x, r] of [[[1, 0], 1], [[0, 1], 0], [[1, 1], 1]] as const) s = p.update(s, { action: 0, reward: r, context: x });
    const direct = spdInverse(s.models[0]!.gram, 2);
    s.models[0]!.inverse.forEach((v, i) => expect(v).toBeCloseTo(direct[i]!, 14));
    expect(s.models[0]!.inverse[1]).toBeCloseTo(-0.125, 14);
  });
});

describe('serializeBandit / deserializeBandit', () => {
  const policies = [
    ucb1({ arms: 3, nonStationary: { window: 4 } }),
    exp3({ arms: ['a', 'b'] }),
    squareCB({ arms: 2, dimension: 3 }),
    changePointReset(klUCB({ arms: 2 })),
  ] as const;
  test('round-trips exactly and keeps decisions identical', () => {
    for (const p of policies) {
      const rng = createRng(11);
      let s = p.init() as never;
      for (let t = 0; t < 25; t++) {
        const x = [rng.next(), rng.next(), rng.next()];
        const d = (p.decide as (s: never, c: unknown, r: typeof rng) => { action: number | string })(s, x, rng);
        s = (p.update as (s: never, f: unknown) => never)(s, { action: d.action, reward: rng.next(), context: x });
      }
      const text = serializeBandit(p as never, s);
      const back = deserializeBandit(p as never, text);
      expect(back).toEqual(s);
      const a = (p.decide as (s: never, c: unknown, r: unknown) => unknown)(s, [0.1, 0.2, 0.3], createRng(5));
      const b = (p.decide as (s: never, c: unknown, r: unknown) => unknown)(back as never, [0.1, 0.2, 0.3], createRng(5));
      expect(b).toEqual(a);
    }
  });
  test('rejects malformed states with a typed error naming the field', () => {
    const p = ucb1({ arms: 2 });
    const good = JSON.parse(serializeBandit(p, p.update(p.init(), { action: 0, reward: 1 })));
    const bad = (mut: (s: Record<string, unknown>) => void): string => {
      const c = structuredClone(good);
      mut(c.state);
      return JSON.stringify(c);
    };
    throwsInfra(() => deserializeBandit(p, bad((s) => (s['counts'] = [1]))), 'SHAPE_MISMATCH', 'state.counts');
    throwsInfra(() => deserializeBandit(p, bad((s) => (s['pulls'] = [-1, 0]))), 'INVALID_STATE', 'state.pulls[0]');
    throwsInfra(() => deserializeBandit(p, bad((s) => (s['sums'] = [5, 0]))), 'INVALID_STATE', 'state.sums[0]');
    throwsInfra(() => deserializeBandit(p, bad((s) => (s['arms'] = []))), 'EMPTY', 'state.arms');
    throwsInfra(() => deserializeBandit(p, bad((s) => (s['version'] = 2))), 'VERSION_MISMATCH', 'state.version');
    throwsInfra(() => deserializeBandit(p, '{"kind":"bandit/ucb1","version":1,"state":{"__proto__":{}}}'), 'UNSAFE_KEY', /json|state/);
    const q = linUCB({ arms: 1, dimension: 2 });
    const lin = JSON.parse(serializeBandit(q, q.init()));
    lin.state.models[0].inverse = [1, 0.5, 0, 1];
    throwsInfra(() => deserializeBandit(q, JSON.stringify(lin)), 'INVALID_STATE', 'state.models[0].inverse[1]');
  });
});

describe('arms at runtime and structural sharing', () => {
  test('a new arm starts cold and is tried first by UCB1', () => {
    const p = ucb1({ arms: ['a', 'b'] });
    let s = p.init();
    s = p.update(p.update(s, { action: 'a', reward: 1 }), { action: 'b', reward: 0 });
    s = p.addArm(s, 'c');
    expect(p.decide(s, undefined, createRng(1)).action).toBe('c');
  });
  test('linear update shares the untouched arms and copies only the played one', () => {
    const p = linUCB({ arms: 3, dimension: 2 });
    const s = p.init();
    const t = p.update(s, { action: 1, reward: 1, context: [1, 0] });
    expect(t.models[0]).toBe(s.models[0]);
    expect(t.models[2]).toBe(s.models[2]);
    expect(t.models[1]).not.toBe(s.models[1]);
  });
  test('warm start from logs makes LinUCB prefer the arm that paid off', () => {
    const p = linUCB({ arms: ['slow', 'fast'], dimension: 2, alpha: 0.1 });
    const logs = Array.from({ length: 200 }, (_, i) => ({
      action: i % 2 === 0 ? 'slow' : 'fast',
      reward: i % 2 === 0 ? 0.2 : 0.8,
      context: [1, (i % 7) / 7],
      propensity: 0.5,
    }));
    const s = warmStart(p, p.init(), logs);
    expect(p.decide(s, [1, 0.5], createRng(2)).action).toBe('fast');
    expect(s.pulls).toEqual([100, 100]);
  });
});
