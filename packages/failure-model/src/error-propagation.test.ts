import { test as fcTest, fc } from '@fast-check/vitest';
import { deserializeState, serializeState } from '@infra/types';
import { checkDeterminism, checkJsonRoundTrip, checkPurity } from '@infra/types/testing';
import { describe, expect, test } from 'vitest';
import {
  absorptionProbability,
  assertPropagationState,
  chainFromProbabilities,
  emptyPropagationState,
  errorPropagationEstimator,
  jobFailureProbability,
  observeSequence,
  transitionProbabilities,
  type ErrorPropagationState,
} from './error-propagation.js';

const seqArb = fc
  .tuple(fc.constantFrom('xid-48', 'xid-79', 'xid-119'), fc.array(fc.constantFrom('restart-app', 'reset-gpu', 'reboot-node'), { minLength: 1, maxLength: 3 }), fc.constantFrom('job-ok', 'job-failed'))
  .map(([e, acts, out]) => [e, ...acts, out]);
const stateArb = fc.array(seqArb, { maxLength: 20 }).map((seqs) => seqs.reduce<ErrorPropagationState>((s, q) => observeSequence(s, q), emptyPropagationState()));

describe('error-propagation Markov chain', () => {
  test('retry loops are solved exactly: P(fail) = p / (1 − r) for a restart that re-errors with probability r', () => {
    const m = chainFromProbabilities([
      { from: 'xid-13', to: 'restart-app', probability: 1 },
      { from: 'restart-app', to: 'xid-13', probability: 0.3 },
      { from: 'restart-app', to: 'job-failed', probability: 0.2 },
      { from: 'restart-app', to: 'job-ok', probability: 0.5 },
    ]);
    expect(absorptionProbability(m, { from: 'xid-13', to: 'job-failed' })).toBeCloseTo(0.2 / 0.7, 12);
    expect(absorptionProbability(m, { from: 'xid-13', to: 'job-ok' })).toBeCloseTo(0.5 / 0.7, 12);
  });

  fcTest.prop([stateArb, fc.double({ min: 0, max: 2, noNaN: true })])('absorption probabilities are in [0, 1] and sum to 1 over outcomes', (s, smoothing) => {
    const m = transitionProbabilities(s, { smoothing });
    m.probabilities.forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12));
    for (const from of m.states.filter((x) => x.startsWith('xid'))) {
      const total = m.absorbing.reduce((acc, to) => {
        const p = absorptionProbability(m, { from, to });
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        return acc + p;
      }, 0);
      expect(total).toBeCloseTo(1, 9);
    }
  });

  test('P(job failure | error class) is estimated, not assumed to be 1', () => {
    let s = emptyPropagationState();
    for (let i = 0; i < 23; i++) s = observeSequence(s, ['hbm-uce', 'row-remap', 'job-ok']);
    for (let i = 0; i < 2; i++) s = observeSequence(s, ['hbm-uce', 'job-failed']);
    expect(jobFailureProbability(s, 'hbm-uce')).toBeCloseTo(2 / 25, 12);
    // Dirichlet smoothing pulls towards uniform over the observed targets
    expect(jobFailureProbability(s, 'hbm-uce', 'job-failed', { smoothing: 1 })).toBeCloseTo(3 / 27, 12);
  });

  test('the estimator satisfies the generic determinism, purity and JSON round-trip laws', () => {
    const est = errorPropagationEstimator({ smoothing: 0.5 });
    checkPurity((q: { s: ErrorPropagationState; seq: string[] }) => est.observe(q.s, q.seq), fc.record({ s: stateArb, seq: seqArb }), { numRuns: 50 });
    checkDeterminism((s: ErrorPropagationState) => est.observe(s, ['xid-48', 'reset-gpu', 'job-ok']), stateArb, { numRuns: 30 });
    checkJsonRoundTrip(
      stateArb,
      (s) => serializeState('error-propagation', 1, s),
      (t) => deserializeState(t, 'error-propagation', 1, assertPropagationState),
      { numRuns: 50 },
    );
  });

  test('unknown states and bad parameters are typed errors', () => {
    const s = observeSequence(emptyPropagationState(), ['a', 'b']);
    const m = transitionProbabilities(s);
    expect(() => absorptionProbability(m, { from: 'zz', to: 'b' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_ID' }));
    expect(() => absorptionProbability(m, { from: 'a', to: 'a' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_ID' }));
    expect(() => observeSequence(s, ['a'])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => chainFromProbabilities([{ from: 'a', to: 'b', probability: 0.5 }])).toThrow(/sum/);
    const loop = chainFromProbabilities([
      { from: 'a', to: 'b', probability: 1 },
      { from: 'b', to: 'a', probability: 1 },
      { from: 'c', to: 'd', probability: 1 },
    ]);
    expect(() => absorptionProbability(loop, { from: 'a', to: 'd' })).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });
});
