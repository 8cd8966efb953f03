import { InfraError, assertFinite, assertInRange, assertInteger, assertOneOf, normalCdf } from '@infra/types';
import { branchAndBound } from './schedule-exact.js';
import { searchSchedule } from './schedule-search.js';
import {
  planCost,
  validateProblem,
  type PlannedGroup,
  type Problem,
  type ScheduleGroup,
  type ScheduleInstance,
  type VirtualQueue,
} from './schedule-model.js';

/** An LLM serving operation (QLM's LSOs) the plan asks for. */
export type LsoAction =
  | {
      /** Pull the head request of a group into the instance when it has room. */
      readonly kind: 'pull';
      /** Instance id. */
      readonly instanceId: string;
      /** Group id. */
      readonly groupId: string;
    }
  | {
      /** Swap the instance's model before serving its next group. */
      readonly kind: 'swap';
      /** Instance id. */
      readonly instanceId: string;
      /** Model to load. */
      readonly toModel: string;
    }
  | {
      /** Evict (pre-empt) a running batch request so an interactive group meets its SLO. */
      readonly kind: 'evict';
      /** Instance id. */
      readonly instanceId: string;
      /** The evicted request. */
      readonly requestId: string;
      /** The interactive group it makes room for. */
      readonly forGroupId: string;
    };

/** Options of {@link planSchedule}. */
export interface ScheduleOptions {
  /** Current time, seconds (deadlines are absolute on the same clock). */
  readonly nowSeconds: number;
  /** Model swap time in seconds (QLM's `model_swap_time`), ≥ 0. */
  readonly swapSeconds: number;
  /** `'heuristic'` ({@link heuristicSequences}), `'exact'` (branch and bound), `'auto'` (exact for ≤ 8 groups; default). */
  readonly solver?: 'heuristic' | 'exact' | 'auto';
  /** A group is a violation when P(late) exceeds this (default 0.05). */
  readonly lateProbability?: number;
  /** Allow evictions of running batch requests for interactive groups (default true). */
  readonly evict?: boolean;
  /** Work budget of the heuristic's search in visited groups (default {@link DEFAULT_SEARCH_STEPS}); see {@link heuristicSequences}. */
  readonly searchSteps?: number;
}

/** The scheduler's output: virtual queues, actions and the objective. */
export interface SchedulePlan {
  /** One virtual queue per instance, in the input order. */
  readonly queues: readonly VirtualQueue[];
  /** LSO actions to execute now. */
  readonly actions: readonly LsoAction[];
  /** Total weighted expected lateness (the objective), seconds. */
  readonly totalLatenessSeconds: number;
  /** Groups whose P(late) exceeds the threshold. */
  readonly violations: readonly string[];
  /** Which solver produced the order. */
  readonly solver: 'heuristic' | 'exact';
  /** Whether the exact solver proved optimality (true for the heuristic only when it matched). */
  readonly optimal: boolean;
}

/** Default work budget of the heuristic's search, in visited groups (≈ 0.3–0.7 ms on the 2-core CI machine). */
export const DEFAULT_SEARCH_STEPS = 40_000;
const EXACT_INCUMBENT_STEPS = 500;

/**
 * The default heuristic: constructive starts (EDF + earliest finish time, swap-aware; ATC dispatching
 * with look-aheads 0.5, 1, 2, 4), each improved by local search (move a run of one or two groups anywhere
 * on any instance; exchange two groups), then iterated local search from the best with a seeded (so
 * deterministic) perturbation. Stops after `searchSteps` visited groups, after 20 rounds without a new
 * best, or when the plan reaches a lower bound. The budget bounds the run time whatever the number of
 * groups (≈ 0.3–0.7 ms at the default on the 2-core CI machine); a larger budget buys quality on big,
 * heavily loaded problems (measured figures: the package README).
 *
 * @param p - the validated problem
 * @param searchSteps - work budget in visited groups (default {@link DEFAULT_SEARCH_STEPS}; 0 = EDF + earliest finish time only)
 * @returns group indices per instance, in execution order
 * @throws InfraError `INVALID_ARGUMENT` / `OUT_OF_RANGE` when `searchSteps` is not an integer in [0, 10⁹]
 *
 * @example
 * ```ts @import.meta.vitest
 * const p = validateProblem(
 *   [
 *     { id: 'a', model: 'm', requestClass: 'batch', deadlineSeconds: 4, workSeconds: 3 },
 *     { id: 'b', model: 'm', requestClass: 'batch', deadlineSeconds: 2, workSeconds: 1 },
 *   ],
 *   [{ id: 'gpu', model: 'm', availableAtSeconds: 0 }],
 *   0,
 * );
 * expect(heuristicSequences(p)).toEqual([[1, 0]]);
 * ```
 */
export function heuristicSequences(p: Problem, searchSteps: number = DEFAULT_SEARCH_STEPS): number[][] {
  const maxSteps = assertInteger(searchSteps, 'searchSteps', { min: 0, max: 1e9 });
  return searchSchedule(p, { maxSteps, patience: 20, segment: 2, kick: 3, atc: [0.5, 1, 2, 4] });
}

function describe(p: Problem, seqs: readonly (readonly number[])[]): VirtualQueue[] {
  return seqs.map((seq, i) => {
    const inst = p.instances[i]!;
    const speed = inst.speed ?? 1;
    let t = inst.availableAtSeconds;
    let v = 0;
    let model = inst.model;
    const groups: PlannedGroup[] = seq.map((gi) => {
      const g = p.groups[gi]!;
      const swap = g.model !== model;
      if (swap) t += p.swapSeconds;
      model = g.model;
      const start = t;
      t += g.workSeconds / speed;
      v += (g.workVariance ?? 0) / (speed * speed);
      const slack = g.deadlineSeconds - t;
      const probLate = v > 0 ? normalCdf(-slack / Math.sqrt(v)) : slack < 0 ? 1 : 0;
      return { groupId: g.id, startSeconds: start, finishSeconds: t, latenessSeconds: Math.max(0, -slack), swap, probLate };
    });
    return { instanceId: inst.id, groups };
  });
}

/**
 * Plan QLM's LSOs over request groups and instances: order each virtual queue, assign groups to instances
 * (load balancing), decide model swaps and evictions. Feasible for any number of instances and groups:
 * every group is placed exactly once and lateness is a soft objective (overload never makes the problem
 * infeasible). Interactive groups at risk are handled lowest slack first; for each, running batch
 * requests are evicted from its instance in decreasing slack order, only those whose slack exceeds
 * their remaining time (they can restart later and still finish), each advancing the instance by its
 * share of the batch's drain time, until the group is expected on time.
 *
 * @param groups - request groups with absolute deadlines and drain times
 * @param instances - instances with their loaded model and availability
 * @param opts - time, swap cost, solver and thresholds
 * @returns the plan
 * @throws InfraError naming the bad element (`groups[i].deadlineSeconds`, `instances`, `opts.swapSeconds`, …)
 *
 * @example
 * ```ts @import.meta.vitest
 * const plan = planSchedule(
 *   [
 *     { id: 'chat', model: 'a', requestClass: 'interactive', deadlineSeconds: 2, workSeconds: 1 },
 *     { id: 'docs', model: 'b', requestClass: 'batch', deadlineSeconds: 100, workSeconds: 20 },
 *   ],
 *   [{ id: 'gpu0', model: 'a', availableAtSeconds: 0 }, { id: 'gpu1', model: 'b', availableAtSeconds: 0 }],
 *   { nowSeconds: 0, swapSeconds: 5 },
 * );
 * expect(plan.totalLatenessSeconds).toBe(0);
 * expect(plan.actions).toContainEqual({ kind: 'pull', instanceId: 'gpu0', groupId: 'chat' });
 * ```
 */
export function planSchedule(groups: readonly ScheduleGroup[], instances: readonly ScheduleInstance[], opts: ScheduleOptions): SchedulePlan {
  if (opts === null || typeof opts !== 'object') throw new InfraError('INVALID_ARGUMENT', 'opts', 'must be an object');
  const now = assertFinite(opts.nowSeconds, 'opts.nowSeconds');
  const solverOpt = assertOneOf(opts.solver ?? 'auto', 'opts.solver', ['heuristic', 'exact', 'auto'] as const);
  const eps = assertInRange(opts.lateProbability ?? 0.05, 'opts.lateProbability', 0, 1);
  const searchSteps = assertInteger(opts.searchSteps ?? DEFAULT_SEARCH_STEPS, 'opts.searchSteps', { min: 0, max: 1e9 });
  let p = validateProblem(groups, instances, opts.swapSeconds);
  // An instance cannot start before now.
  p = { ...p, instances: p.instances.map((s) => (s.availableAtSeconds < now ? { ...s, availableAtSeconds: now } : s)) };
  const solve = (prob: Problem): { seqs: number[][]; solver: 'heuristic' | 'exact'; optimal: boolean } => {
    const exact = solverOpt === 'exact' || (solverOpt === 'auto' && prob.groups.length <= 8);
    // The branch and bound only needs a good incumbent: a small budget does.
    const h = heuristicSequences(prob, exact ? Math.min(searchSteps, EXACT_INCUMBENT_STEPS) : searchSteps);
    if (!exact) return { seqs: h, solver: 'heuristic', optimal: planCost(prob, h) === 0 };
    const r = branchAndBound(prob, h);
    return { seqs: r.sequences, solver: 'exact', optimal: r.optimal };
  };
  let sol = solve(p);
  let queues = describe(p, sol.seqs);
  const actions: LsoAction[] = [];
  if (opts.evict ?? true) {
    const evicted = new Set<string>();
    const instArr = [...p.instances];
    let changed = false;
    const atRisk = queues
      .flatMap((q, qi) => q.groups.map((g) => ({ g, qi })))
      .filter(({ g }) => p.groups.find((x) => x.id === g.groupId)!.requestClass === 'interactive' && g.latenessSeconds > 0)
      .sort((a, b) => (a.g.finishSeconds - a.g.latenessSeconds) - (b.g.finishSeconds - b.g.latenessSeconds));
    for (const { g, qi } of atRisk) {
      const inst = instArr[qi]!;
      const running = inst.running ?? [];
      const cands = running
        .filter((r) => r.requestClass === 'batch' && !evicted.has(r.id) && r.deadlineSeconds - now - r.remainingSeconds > r.remainingSeconds)
        .sort((a, b) => (b.deadlineSeconds - now - b.remainingSeconds) - (a.deadlineSeconds - now - a.remainingSeconds) || (a.id < b.id ? -1 : 1));
      let late = g.latenessSeconds;
      for (const r of cands) {
        if (late <= 0) break;
        const gain = r.remainingSeconds / Math.max(1, running.length);
        evicted.add(r.id);
        actions.push({ kind: 'evict', instanceId: inst.id, requestId: r.id, forGroupId: g.groupId });
        instArr[qi] = { ...instArr[qi]!, availableAtSeconds: Math.max(now, instArr[qi]!.availableAtSeconds - gain) };
        late -= gain;
        changed = true;
      }
    }
    if (changed) {
      p = { ...p, instances: instArr };
      sol = solve(p);
      queues = describe(p, sol.seqs);
    }
  }
  queues.forEach((q) => {
    const head = q.groups[0];
    if (head === undefined) return;
    if (head.swap) actions.push({ kind: 'swap', instanceId: q.instanceId, toModel: p.groups.find((g) => g.id === head.groupId)!.model });
    actions.push({ kind: 'pull', instanceId: q.instanceId, groupId: head.groupId });
  });
  const violations = queues.flatMap((q) => q.groups.filter((g) => g.probLate > eps).map((g) => g.groupId));
  return { queues, actions, totalLatenessSeconds: planCost(p, sol.seqs), violations, solver: sol.solver, optimal: sol.optimal };
}

/** Result of {@link edfCheck}. */
export interface EdfCheck {
  /** Group indices in EDF order. */
  readonly order: Int32Array;
  /** Indices (into the input) of groups whose P(late) exceeds the threshold. */
  readonly violations: number[];
}

/**
 * The fast path run on every queue change: EDF-order one instance's groups and flag those whose
 * cumulative drain time (mean + normal tail from the summed variances, swaps included) would miss the
 * deadline with probability above `lateProbability`. O(n log n), no allocation per group beyond arrays.
 *
 * @param groups - the instance's groups
 * @param instance - the instance
 * @param swapSeconds - model swap time
 * @param lateProbability - violation threshold (default 0.05)
 * @returns the EDF order and the violating groups
 * @throws InfraError on invalid input
 *
 * @example
 * ```ts @import.meta.vitest
 * const r = edfCheck(
 *   [{ id: 'x', model: 'm', requestClass: 'batch', deadlineSeconds: 10, workSeconds: 4 },
 *    { id: 'y', model: 'm', requestClass: 'interactive', deadlineSeconds: 3, workSeconds: 4 }],
 *   { id: 'i', model: 'm', availableAtSeconds: 0 }, 0);
 * expect(Array.from(r.order)).toEqual([1, 0]);
 * expect(r.violations).toEqual([1]);
 * ```
 */
export function edfCheck(groups: readonly ScheduleGroup[], instance: ScheduleInstance, swapSeconds: number, lateProbability = 0.05): EdfCheck {
  validateProblem(groups, [instance], swapSeconds);
  const eps = assertInRange(lateProbability, 'lateProbability', 0, 1);
  const n = groups.length;
  const dl = new Float64Array(n);
  for (let i = 0; i < n; i++) dl[i] = groups[i]!.deadlineSeconds;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => dl[a]! - dl[b]! || a - b);
  const speed = instance.speed ?? 1;
  let t = instance.availableAtSeconds;
  let v = 0;
  let model = instance.model;
  const violations: number[] = [];
  for (let k = 0; k < n; k++) {
    const g = groups[order[k]!]!;
    if (g.model !== model) {
      t += swapSeconds;
      model = g.model;
    }
    t += g.workSeconds / speed;
    v += (g.workVariance ?? 0) / (speed * speed);
    const slack = g.deadlineSeconds - t;
    const pl = v > 0 ? normalCdf(-slack / Math.sqrt(v)) : slack < 0 ? 1 : 0;
    if (pl > eps) violations.push(order[k]!);
  }
  return { order, violations };
}
