import { describe, test } from 'vitest';
import { directMethod, doublyRobust, doublyRobustShrinkage, ips, snips, sndr, switchDR } from './ope-estimators.js';
import { checkOpeLaws } from './testing-ope.js';

describe('checkOpeLaws holds for every shipped estimator', () => {
  test('ips (on-policy it is the logged mean)', () => checkOpeLaws((l, t) => ips(l, t), { onPolicyIsMean: true }));
  test('ips with clipping', () => checkOpeLaws((l, t) => ips(l, t, { maxWeight: 3 })));
  test('snips', () => checkOpeLaws((l, t) => snips(l, t), { translationEquivariant: true, onPolicyIsMean: true }));
  test('direct method', () => checkOpeLaws((l, t, o) => directMethod(l, t, o), { usesRewardModel: true, translationEquivariant: true }));
  test('doubly robust', () => checkOpeLaws((l, t, o) => doublyRobust(l, t, o), { usesRewardModel: true, translationEquivariant: true }));
  test('sndr', () => checkOpeLaws((l, t, o) => sndr(l, t, o), { usesRewardModel: true, translationEquivariant: true }));
  test('switch-DR (τ = 2)', () => checkOpeLaws((l, t, o) => switchDR(l, t, { ...o, threshold: 2 }), { usesRewardModel: true, translationEquivariant: true }));
  test('DRos (λ = 1)', () => checkOpeLaws((l, t, o) => doublyRobustShrinkage(l, t, { ...o, shrinkage: 1 }), { usesRewardModel: true, translationEquivariant: true }));
});

describe('checkOpeLaws catches broken estimators', () => {
  const brokenScale = (l: Parameters<typeof ips>[0], t: Parameters<typeof ips>[1]) => {
    const e = ips(l, t);
    return { ...e, value: e.value + 0.1 * Math.abs(e.value) ** 2 };
  };
  test('a non-linear distortion violates scale equivariance', ({ expect }) => {
    expect(() => checkOpeLaws(brokenScale, { numRuns: 50 })).toThrow();
  });
  test('IPS is not translation-equivariant', ({ expect }) => {
    expect(() => checkOpeLaws((l, t) => ips(l, t), { translationEquivariant: true, numRuns: 50 })).toThrow();
  });
});
