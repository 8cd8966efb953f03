import { InfraError, assertFinite, assertNonNegative, assertPlainObject, assertPositive, assertString } from '@infra/types';

/** A request group to place: its drain time on a unit-speed instance and its absolute deadline. */
export interface ScheduleGroup {
  /** Unique group id. */
  readonly id: string;
  /** Model the group needs. */
  readonly model: string;
  /** Interactive groups may trigger evictions of running batch requests. */
  readonly requestClass: 'interactive' | 'batch';
  /** Absolute deadline in seconds (arrival of its oldest request + SLO; may already be past = late). */
  readonly deadlineSeconds: number;
  /** Mean time to drain the group on a unit-speed instance, seconds, ≥ 0. */
  readonly workSeconds: number;
  /** Variance of that drain time, seconds² (default 0). */
  readonly workVariance?: number;
  /** Lateness weight (default 1). */
  readonly weight?: number;
}

/** A running request an eviction could pre-empt. */
export interface RunningRequestInfo {
  /** Request id. */
  readonly id: string;
  /** Only batch requests are evicted. */
  readonly requestClass: 'interactive' | 'batch';
  /** Its absolute deadline in seconds. */
  readonly deadlineSeconds: number;
  /** Its expected remaining time in seconds. */
  readonly remainingSeconds: number;
}

/** A serving instance (virtual queue). */
export interface ScheduleInstance {
  /** Unique instance id. */
  readonly id: string;
  /** Model currently loaded. */
  readonly model: string;
  /** When it can start on its virtual queue (seconds, absolute). */
  readonly availableAtSeconds: number;
  /** Relative speed (work/speed = time), > 0 (default 1). */
  readonly speed?: number;
  /** Requests running now (eviction candidates). */
  readonly running?: readonly RunningRequestInfo[];
}

/** A group's slot in a plan. */
export interface PlannedGroup {
  /** Group id. */
  readonly groupId: string;
  /** Start time (after any swap), seconds. */
  readonly startSeconds: number;
  /** Expected finish time, seconds. */
  readonly finishSeconds: number;
  /** max(0, finish − deadline). */
  readonly latenessSeconds: number;
  /** Whether a model swap precedes it. */
  readonly swap: boolean;
  /** P(finish > deadline) under a normal model of the cumulative drain time. */
  readonly probLate: number;
}

/** One instance's ordered virtual queue. */
export interface VirtualQueue {
  /** Instance id. */
  readonly instanceId: string;
  /** Groups in execution order. */
  readonly groups: readonly PlannedGroup[];
}

/** Validated, index-based problem used by the solvers. */
export interface Problem {
  /** Groups. */
  readonly groups: readonly ScheduleGroup[];
  /** Instances. */
  readonly instances: readonly ScheduleInstance[];
  /** Model swap time, seconds. */
  readonly swapSeconds: number;
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Validate groups and instances (unique ids, finite numbers, positive speeds).
 *
 * @param groups - groups
 * @param instances - instances (at least one)
 * @param swapSeconds - model swap time, ≥ 0
 * @returns the problem
 * @throws InfraError naming the offending element, e.g. `groups[3].workSeconds`
 */
export function validateProblem(groups: readonly ScheduleGroup[], instances: readonly ScheduleInstance[], swapSeconds: number): Problem {
  if (!Array.isArray(groups)) throw new InfraError('INVALID_ARGUMENT', 'groups', 'must be an array');
  if (!Array.isArray(instances) || instances.length === 0) throw new InfraError('EMPTY', 'instances', 'needs at least one instance');
  assertNonNegative(swapSeconds, 'swapSeconds');
  const ids = new Set<string>();
  groups.forEach((g, i) => {
    assertPlainObject(g, `groups[${i}]`);
    const id = assertString(g.id, `groups[${i}].id`);
    if (UNSAFE.has(id)) throw new InfraError('UNSAFE_KEY', `groups[${i}].id`, 'reserved key');
    if (ids.has(id)) throw new InfraError('INVALID_ARGUMENT', `groups[${i}].id`, `duplicate group id '${id}'`);
    ids.add(id);
    assertString(g.model, `groups[${i}].model`);
    if (g.requestClass !== 'interactive' && g.requestClass !== 'batch') throw new InfraError('INVALID_ARGUMENT', `groups[${i}].requestClass`, "must be 'interactive' or 'batch'");
    assertFinite(g.deadlineSeconds, `groups[${i}].deadlineSeconds`);
    assertNonNegative(g.workSeconds, `groups[${i}].workSeconds`);
    if (g.workVariance !== undefined) assertNonNegative(g.workVariance, `groups[${i}].workVariance`);
    if (g.weight !== undefined) assertNonNegative(g.weight, `groups[${i}].weight`);
  });
  const iids = new Set<string>();
  instances.forEach((s, i) => {
    assertPlainObject(s, `instances[${i}]`);
    const id = assertString(s.id, `instances[${i}].id`);
    if (iids.has(id)) throw new InfraError('INVALID_ARGUMENT', `instances[${i}].id`, `duplicate instance id '${id}'`);
    iids.add(id);
    assertString(s.model, `instances[${i}].model`);
    assertFinite(s.availableAtSeconds, `instances[${i}].availableAtSeconds`);
    if (s.speed !== undefined) assertPositive(s.speed, `instances[${i}].speed`);
    (s.running ?? []).forEach((r: RunningRequestInfo, j: number) => {
      assertString(r.id, `instances[${i}].running[${j}].id`);
      assertFinite(r.deadlineSeconds, `instances[${i}].running[${j}].deadlineSeconds`);
      assertNonNegative(r.remainingSeconds, `instances[${i}].running[${j}].remainingSeconds`);
    });
  });
  return { groups, instances, swapSeconds };
}

/**
 * Total weighted lateness of an assignment given as group indices per instance (in order).
 *
 * @param p - the problem
 * @param seqs - for each instance, the indices of its groups in execution order
 * @returns Σ weight · max(0, finish − deadline)
 */
export function planCost(p: Problem, seqs: readonly (readonly number[])[]): number {
  let total = 0;
  for (let i = 0; i < seqs.length; i++) {
    const inst = p.instances[i]!;
    const speed = inst.speed ?? 1;
    let t = inst.availableAtSeconds;
    let model = inst.model;
    for (const gi of seqs[i]!) {
      const g = p.groups[gi]!;
      if (g.model !== model) {
        t += p.swapSeconds;
        model = g.model;
      }
      t += g.workSeconds / speed;
      total += (g.weight ?? 1) * Math.max(0, t - g.deadlineSeconds);
    }
  }
  return total;
}
