import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { isInfraError } from '@infra/types';
import { branchAndBound } from './schedule-exact.js';
import { subsetDpOptimum } from './schedule-gap.fixture.js';
import { planCost, validateProblem, type Problem, type ScheduleGroup, type ScheduleInstance } from './schedule-model.js';
import { edfCheck, heuristicSequences, planSchedule } from './scheduler.js';
import { problemArb } from './testing.js';

/** Every schedule: each permutation cut into m consecutive chunks (chunk j → instance j). */
function bruteForce(p: Problem): number {
  const n = p.groups.length;
  const m = p.instances.length;
  let best = Infinity;
  const perm = Array.from({ length: n }, (_, i) => i);
  const cuts = (start: number, left: number, acc: number[][], order: number[]): void => {
    if (left === 1) {
      best = Math.min(best, planCost(p, [...acc, order.slice(start)]));
      return;
    }
    for (let e = start; e <= n; e++) cuts(e, left - 1, [...acc, order.slice(start, e)], order);
  };
  const permute = (k: number): void => {
    if (k === n) {
      cuts(0, m, [], perm);
      return;
    }
    for (let i = k; i < n; i++) {
      [perm[k], perm[i]] = [perm[i]!, perm[k]!];
      permute(k + 1);
      [perm[k], perm[i]] = [perm[i]!, perm[k]!];
    }
  };
  permute(0);
  return best;
}

describe('branchAndBound', () => {
  test('equals brute force on random cases with ≤ 6 groups and ≤ 3 instances', () => {
    fc.assert(
      fc.property(problemArb({ maxGroups: 6, maxInstances: 3 }), ({ groups, instances, swapSeconds }) => {
        const p = validateProblem(groups, instances, swapSeconds);
        const exact = branchAndBound(p, heuristicSequences(p));
        expect(exact.optimal).toBe(true);
        expect(exact.cost).toBeCloseTo(bruteForce(p), 9);
      }),
      { numRuns: 150 },
    );
  });
  test('the subset DP that proves the gap benchmarks’ optima equals brute force too', () => {
    fc.assert(
      fc.property(problemArb({ maxGroups: 6, maxInstances: 3 }), ({ groups, instances, swapSeconds }) => {
        const p = validateProblem(groups, instances, swapSeconds);
        const dp = subsetDpOptimum(p);
        expect(dp.cost).toBeCloseTo(bruteForce(p), 9);
        expect(planCost(p, dp.sequences)).toBeCloseTo(dp.cost, 9);
      }),
      { numRuns: 150 },
    );
  });
  test('equals brute force on random cases with 7–8 groups', () => {
    fc.assert(
      fc.property(problemArb({ minGroups: 7, maxGroups: 8, maxInstances: 2 }), ({ groups, instances, swapSeconds }) => {
        const p = validateProblem(groups, instances, swapSeconds);
        expect(branchAndBound(p, heuristicSequences(p)).cost).toBeCloseTo(bruteForce(p), 9);
      }),
      { numRuns: 6 },
    );
  });
});

describe('planSchedule', () => {
  const inst = (id: string, model: string, at = 0): ScheduleInstance => ({ id, model, availableAtSeconds: at });
  const grp = (id: string, model: string, deadline: number, work: number, cls: 'interactive' | 'batch' = 'batch'): ScheduleGroup =>
    ({ id, model, requestClass: cls, deadlineSeconds: deadline, workSeconds: work });

  test('feasible with many instances (QLM’s MILP is infeasible for W > 1): every group placed once', () => {
    fc.assert(
      fc.property(problemArb({ maxGroups: 30, maxInstances: 6 }), ({ groups, instances, swapSeconds }) => {
        const plan = planSchedule(groups, instances, { nowSeconds: 0, swapSeconds, solver: 'heuristic' });
        const placed = plan.queues.flatMap((q) => q.groups.map((g) => g.groupId)).sort();
        expect(placed).toEqual(groups.map((g) => g.id).sort());
        expect(plan.queues.length).toBe(instances.length);
      }),
      { numRuns: 100 },
    );
  });

  test('load balances identical groups across instances', () => {
    const plan = planSchedule([grp('a', 'm', 10, 5), grp('b', 'm', 10, 5), grp('c', 'm', 10, 5), grp('d', 'm', 10, 5)],
      [inst('i0', 'm'), inst('i1', 'm')], { nowSeconds: 0, swapSeconds: 1 });
    expect(plan.queues.map((q) => q.groups.length)).toEqual([2, 2]);
    expect(plan.totalLatenessSeconds).toBe(0);
  });

  test('swaps a model only when it pays for the swap time', () => {
    const cheap = planSchedule([grp('x', 'b', 3, 1)], [inst('i0', 'a'), inst('i1', 'b', 10)], { nowSeconds: 0, swapSeconds: 1 });
    expect(cheap.actions).toContainEqual({ kind: 'swap', instanceId: 'i0', toModel: 'b' });
    const dear = planSchedule([grp('x', 'b', 30, 1)], [inst('i0', 'a'), inst('i1', 'b', 10)], { nowSeconds: 0, swapSeconds: 50 });
    expect(dear.actions).toEqual([{ kind: 'pull', instanceId: 'i1', groupId: 'x' }]);
  });

  test('evicts the batch request with the most slack for a late interactive group', () => {
    const i0: ScheduleInstance = { id: 'i0', model: 'm', availableAtSeconds: 4, running: [
      { id: 'tight', requestClass: 'batch', deadlineSeconds: 6, remainingSeconds: 4 },
      { id: 'loose', requestClass: 'batch', deadlineSeconds: 500, remainingSeconds: 4 },
      { id: 'chat', requestClass: 'interactive', deadlineSeconds: 500, remainingSeconds: 4 },
    ] };
    const plan = planSchedule([grp('urgent', 'm', 4, 1, 'interactive')], [i0], { nowSeconds: 0, swapSeconds: 0 });
    expect(plan.actions.filter((a) => a.kind === 'evict')).toEqual([{ kind: 'evict', instanceId: 'i0', requestId: 'loose', forGroupId: 'urgent' }]);
  });

  test('stale SLOs cannot happen: deadlines are absolute, past ones count as late', () => {
    const plan = planSchedule([grp('old', 'm', -5, 1)], [inst('i0', 'm')], { nowSeconds: 0, swapSeconds: 0 });
    expect(plan.totalLatenessSeconds).toBe(6);
    expect(plan.violations).toEqual(['old']);
  });

  test('bad input names the argument', () => {
    const code = (f: () => unknown): string => {
      try { f(); } catch (e) { if (isInfraError(e)) return `${e.code}@${e.path}`; throw e; }
      return 'none';
    };
    expect(code(() => planSchedule([grp('a', 'm', Number.NaN, 1)], [inst('i', 'm')], { nowSeconds: 0, swapSeconds: 0 }))).toBe('NOT_FINITE@groups[0].deadlineSeconds');
    expect(code(() => planSchedule([], [], { nowSeconds: 0, swapSeconds: 0 }))).toBe('EMPTY@instances');
    expect(code(() => planSchedule([grp('a', 'm', 1, -1)], [inst('i', 'm')], { nowSeconds: 0, swapSeconds: 0 }))).toBe('OUT_OF_RANGE@groups[0].workSeconds');
    expect(code(() => planSchedule([grp('a', 'm', 1, 1), grp('a', 'm', 1, 1)], [inst('i', 'm')], { nowSeconds: 0, swapSeconds: 0 }))).toBe('INVALID_ARGUMENT@groups[1].id');
    expect(code(() => planSchedule([], [inst('i', 'm')], { nowSeconds: 0, swapSeconds: -1 }))).toBe('OUT_OF_RANGE@swapSeconds');
  });
});

describe('edfCheck', () => {
  test('order is by deadline and violations match the plan metrics', () => {
    fc.assert(
      fc.property(problemArb({ maxGroups: 40, maxInstances: 1 }), ({ groups, instances, swapSeconds }) => {
        const r = edfCheck(groups, instances[0]!, swapSeconds);
        for (let k = 1; k < r.order.length; k++) {
          expect(groups[r.order[k]!]!.deadlineSeconds).toBeGreaterThanOrEqual(groups[r.order[k - 1]!]!.deadlineSeconds);
        }
      }),
    );
  });
});
