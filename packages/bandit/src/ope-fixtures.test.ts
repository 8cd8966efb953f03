/// <reference types="node" />
// Agreement with the numpy re-implementation in ../fixtures/ope_fixtures.py (committed output; no Python at CI time).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { deterministicTarget } from './ope-logged-data.js';
import type { LoggedRound } from './ope-logged-data.js';
import type { OpeEstimate } from './ope-core.js';
import { directMethod, doublyRobust, doublyRobustShrinkage, ips, snips, sndr, switchDR } from './ope-estimators.js';
import { replay } from './ope-replay.js';

interface Expected {
  readonly value: number;
  readonly standardError: number;
  readonly ci: readonly [number, number];
}
interface FixtureCase {
  readonly name: string;
  readonly maxWeight: number | null;
  readonly threshold: number;
  readonly shrinkage: number;
  readonly log: LoggedRound[];
  readonly target: number[][];
  readonly rewardModel: number[][];
  readonly replayTarget: number[];
  readonly expected: Record<string, Expected> & { readonly ess: number; readonly replay: Expected & { readonly accepted: number } };
}

const fixtures = JSON.parse(readFileSync(new URL('../fixtures/ope-fixtures.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] };

function close(actual: number, expected: number): void {
  const tol = 1e-10 * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol);
}

function agree(est: OpeEstimate, exp: Expected): void {
  close(est.value, exp.value);
  close(est.standardError, exp.standardError);
  close(est.ci[0], exp.ci[0]);
  close(est.ci[1], exp.ci[1]);
}

describe('OPE estimators agree with the numpy re-implementation to 1e-10', () => {
  test('there are fixture cases', () => {
    expect(fixtures.cases.length).toBeGreaterThanOrEqual(4);
  });
  for (const c of fixtures.cases) {
    const clip = c.maxWeight === null ? {} : { maxWeight: c.maxWeight };
    const model = { ...clip, rewardModel: c.rewardModel };
    test(`${c.name}: ips, snips, dm, dr, sndr, switch-dr, dros, ess`, () => {
      const e = c.expected;
      const ipsEst = ips(c.log, c.target, clip);
      agree(ipsEst, e['ips'] as Expected);
      close(ipsEst.effectiveSampleSize, e.ess);
      agree(snips(c.log, c.target, clip), e['snips'] as Expected);
      agree(directMethod(c.log, c.target, model), e['dm'] as Expected);
      agree(doublyRobust(c.log, c.target, model), e['dr'] as Expected);
      agree(sndr(c.log, c.target, model), e['sndr'] as Expected);
      agree(switchDR(c.log, c.target, { ...model, threshold: c.threshold }), e['switchDR'] as Expected);
      agree(doublyRobustShrinkage(c.log, c.target, { ...model, shrinkage: c.shrinkage }), e['dros'] as Expected);
    });
    test(`${c.name}: replay of the deterministic argmax target`, () => {
      const k = c.target[0]?.length ?? 0;
      const est = replay(c.log, deterministicTarget(c.replayTarget, k));
      agree(est, c.expected.replay);
      expect(est.accepted).toBe(c.expected.replay.accepted);
    });
  }
});
