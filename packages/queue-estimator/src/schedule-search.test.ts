import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { createRng, isInfraError } from '@infra/types';
import { gapStats, subsetDpOptimum, tightDeadlineProblem, uniformDeadlineProblem } from './schedule-gap.fixture.js';
import { planCost, validateProblem, type Problem } from './schedule-model.js';
import { heuristicSequences, planSchedule } from './scheduler.js';
import { problemArb } from './testing.js';

describe('heuristicSequences', () => {
  // Reference sheet goal 6.5: within 5 % of the optimum on ≥ 95 % of random instances larger than the exact
  // solver's range. Fixed seeds (chosen before the first run), optima proven by the subset DP.
  const sets = [
    { name: 'uniform deadlines 10 × 3', make: uniformDeadlineProblem, n: 10, m: 3 },
    { name: 'uniform deadlines 12 × 2', make: uniformDeadlineProblem, n: 12, m: 2 },
    { name: 'tight deadlines 10 × 3', make: tightDeadlineProblem, n: 10, m: 3 },
    { name: 'tight deadlines 12 × 2', make: tightDeadlineProblem, n: 12, m: 2 },
  ];
  test.each(sets)('within 5 % of the proven optimum on ≥ 95 % of 40 seeded problems: $name', ({ make, n, m }) => {
    const rng = createRng(2026 + 10 * n + m);
    const problems = Array.from({ length: 40 }, () => make(rng, n, m));
    const stats = gapStats(problems, problems.map((p) => subsetDpOptimum(p).cost), (p) => heuristicSequences(p));
    expect(stats.within5).toBeGreaterThanOrEqual(0.95);
  });

  test('never worse than its EDF + earliest-finish-time start (budget 0)', () => {
    fc.assert(
      fc.property(problemArb({ maxGroups: 30, maxInstances: 4 }), ({ groups, instances, swapSeconds }) => {
        const p = validateProblem(groups, instances, swapSeconds);
        expect(planCost(p, heuristicSequences(p))).toBeLessThanOrEqual(planCost(p, heuristicSequences(p, 0)) + 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  test('places every group once; deterministic; does not depend on the clock origin', () => {
    fc.assert(
      fc.property(problemArb({ maxGroups: 20, maxInstances: 4 }), fc.constantFrom(0, 1.7e9), ({ groups, instances, swapSeconds }, origin) => {
        const p = validateProblem(groups, instances, swapSeconds);
        const shifted: Problem = {
          ...p,
          groups: p.groups.map((g) => ({ ...g, deadlineSeconds: g.deadlineSeconds + origin })),
          instances: p.instances.map((s) => ({ ...s, availableAtSeconds: s.availableAtSeconds + origin })),
        };
        const a = heuristicSequences(p);
        expect(a.flat().sort((x, y) => x - y)).toEqual(groups.map((_, i) => i));
        expect(heuristicSequences(p)).toEqual(a);
        expect(heuristicSequences(shifted)).toEqual(a);
      }),
      { numRuns: 60 },
    );
  });

  test('a bad budget names the argument', () => {
    const p = validateProblem([], [{ id: 'i', model: 'm', availableAtSeconds: 0 }], 0);
    const code = (f: () => unknown): string => {
      try { f(); } catch (e) { if (isInfraError(e)) return `${e.code}@${e.path}`; throw e; }
      return 'none';
    };
    expect(code(() => heuristicSequences(p, -1))).toBe('OUT_OF_RANGE@searchSteps');
    expect(code(() => heuristicSequences(p, 0.5))).toBe('INVALID_ARGUMENT@searchSteps');
    expect(code(() => planSchedule([], [{ id: 'i', model: 'm', availableAtSeconds: 0 }], { nowSeconds: 0, swapSeconds: 0, searchSteps: Number.NaN }))).toBe('NOT_FINITE@opts.searchSteps');
  });
});
