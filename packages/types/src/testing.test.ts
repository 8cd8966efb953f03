import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import {
  checkDeterminism,
  checkOnlinePolicyLaws,
  checkPurity,
  coinPolicy,
  failureEventArb,
  gpuNodeArb,
  llmRequestArb,
  moeRoutingRecordArb,
  networkLinkArb,
  onlinePolicyLaw,
  rngStateArb,
  servingInstanceArb,
  trainingJobArb,
  type CoinFeedback,
  type CoinPolicyState,
} from './testing.js';
import { assertFailureEvent } from './failure.js';
import { assertGpuNode, assertNetworkLink, assertTrainingJob } from './cluster.js';
import { assertLlmRequest, assertServingInstance } from './llm.js';
import { assertMoeRoutingRecord } from './moe.js';
import { rngFromState } from './rng.js';
import type { OnlinePolicy } from './policy.js';

const drive = { context: fc.constant(undefined), feedback: (d: { action: number }, _c: undefined, u: number): CoinFeedback => ({ action: d.action, reward: u }) };

describe('arbitraries produce only valid values (checked by the package’s own validators)', () => {
  test.each([
    ['llmRequestArb', llmRequestArb(), assertLlmRequest],
    ['servingInstanceArb', servingInstanceArb(), assertServingInstance],
    ['gpuNodeArb', gpuNodeArb(), assertGpuNode],
    ['networkLinkArb', networkLinkArb(), assertNetworkLink],
    ['trainingJobArb', trainingJobArb(), assertTrainingJob],
    ['failureEventArb', failureEventArb(), assertFailureEvent],
    ['moeRoutingRecordArb', moeRoutingRecordArb(), assertMoeRoutingRecord],
    ['rngStateArb', rngStateArb(), rngFromState],
  ] as unknown as [string, fc.Arbitrary<never>, (x: never) => unknown][])('%s', (_n, arb, validate) => {
    fc.assert(fc.property(arb, (x) => {
      validate(x);
    }));
  });
});

describe('generic laws on the tiny reference policy', () => {
  test('coinPolicy passes every online-policy law', () => {
    checkOnlinePolicyLaws(coinPolicy(), drive);
  });
  test('checkDeterminism and checkPurity pass on pure functions', () => {
    checkDeterminism((n: number, rng) => n + rng.next(), fc.integer());
    checkPurity((s: CoinPolicyState) => coinPolicy().update(s, { action: 0, reward: 1 }), fc.constant(coinPolicy().init()));
  });
});

// The laws must be able to fail: each broken policy below violates exactly one of them.
describe('generic laws catch broken policies', () => {
  const base = coinPolicy();
  const broken = (patch: Partial<OnlinePolicy<CoinPolicyState, undefined, number, CoinFeedback>>): OnlinePolicy<CoinPolicyState, undefined, number, CoinFeedback> => ({ ...base, ...patch });
  const failureOf = (p: OnlinePolicy<CoinPolicyState, undefined, number, CoinFeedback>): string | undefined =>
    onlinePolicyLaw(p, drive)([undefined, undefined, undefined], [0.3, 0.7], 11);

  test('a policy using hidden randomness is not deterministic', () => {
    let calls = 0;
    expect(failureOf(broken({ decide: (s, c, rng) => ({ ...base.decide(s, c, rng), trace: { reason: String(calls++) } }) }))).toMatch(/not deterministic/);
  });
  test('a policy that mutates its state is caught', () => {
    expect(failureOf(broken({ update: (s, f) => { (s.counts as unknown as number[])[f.action] = 1; return s; } }))).toMatch(/mutat/);
  });
  test('a policy returning NaN is caught', () => {
    expect(failureOf(broken({ decide: (s, c, rng) => ({ ...base.decide(s, c, rng), trace: { reason: 'x', scores: [Number.NaN] } }) }))).toMatch(/non-finite/);
  });
  test('a wrong propensity is caught', () => {
    expect(failureOf(broken({ decide: (s, c, rng) => ({ ...base.decide(s, c, rng), propensity: 0.123 }) }))).toMatch(/propensity/);
  });
  test('probabilities that do not sum to 1 are caught', () => {
    expect(failureOf(broken({ decide: (s, c, rng) => ({ ...base.decide(s, c, rng), probabilities: [0.5, 0.6] }) }))).toMatch(/sum/);
  });
  test('a state that does not survive JSON is caught', () => {
    expect(failureOf(broken({ update: (s, f) => ({ ...base.update(s, f), when: new Date(0) }) as unknown as CoinPolicyState }))).toMatch(/JSON/);
  });
});
