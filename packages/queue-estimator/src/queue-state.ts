import { InfraError, assertNonNegative, assertPlainObject, assertString } from '@infra/types';
import type { AheadGroup } from './estimate-wait.js';

/** Aggregate of the queued requests of one group. */
export interface GroupAggregate {
  /** Queued requests. */
  readonly count: number;
  /** Sum of their prompt tokens. */
  readonly inputTokens: number;
  /** Sum of their squared prompt tokens (for the prefill variance). */
  readonly inputTokensSq: number;
}

/**
 * Aggregate moments of an instance's queue by request group. Enqueue and dequeue update it in O(1)
 * (per group touched; independent of the queue length). Plain JSON, never mutated.
 */
export interface QueueState {
  /** Schema version (1). */
  readonly version: 1;
  /** Total queued requests. */
  readonly count: number;
  /** Total queued prompt tokens. */
  readonly inputTokens: number;
  /** Per-group aggregates (groups with zero requests are removed, so none is ever orphaned). */
  readonly groups: Readonly<Record<string, GroupAggregate>>;
}

/** A request entering or leaving the queue. */
export interface QueuedRequest {
  /** Its request-group key. */
  readonly group: string;
  /** Its prompt tokens, ≥ 0. */
  readonly inputTokens: number;
}

/**
 * An empty queue.
 *
 * @returns the empty aggregate
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(createQueueState().count).toBe(0);
 * ```
 */
export function createQueueState(): QueueState {
  return { version: 1, count: 0, inputTokens: 0, groups: {} };
}

function checkRequest(r: QueuedRequest, path: string): { group: string; tokens: number } {
  assertPlainObject(r, path);
  const group = assertString(r.group, `${path}.group`);
  if (group === '__proto__' || group === 'constructor' || group === 'prototype') {
    throw new InfraError('UNSAFE_KEY', `${path}.group`, `'${group}' cannot be a group key`);
  }
  return { group, tokens: assertNonNegative(r.inputTokens, `${path}.inputTokens`) };
}

/**
 * Add a request to the aggregate: O(1) in the queue length.
 *
 * @param q - the queue
 * @param request - group and prompt tokens
 * @returns the new queue
 * @throws InfraError naming `request.group` / `request.inputTokens`
 *
 * @example
 * ```ts @import.meta.vitest
 * const q = enqueueRequest(createQueueState(), { group: 'a', inputTokens: 100 });
 * expect(q.groups['a']).toEqual({ count: 1, inputTokens: 100, inputTokensSq: 10_000 });
 * ```
 */
export function enqueueRequest(q: QueueState, request: QueuedRequest): QueueState {
  const { group, tokens } = checkRequest(request, 'request');
  const g = Object.prototype.hasOwnProperty.call(q.groups, group) ? q.groups[group] : undefined;
  const next: GroupAggregate = g === undefined
    ? { count: 1, inputTokens: tokens, inputTokensSq: tokens * tokens }
    : { count: g.count + 1, inputTokens: g.inputTokens + tokens, inputTokensSq: g.inputTokensSq + tokens * tokens };
  return { version: 1, count: q.count + 1, inputTokens: q.inputTokens + tokens, groups: { ...q.groups, [group]: next } };
}

/**
 * Remove a request (admitted, evicted or cancelled) from the aggregate: O(1) in the queue length.
 * A group that becomes empty is deleted.
 *
 * @param q - the queue
 * @param request - the request leaving (same group and prompt tokens as when it was enqueued)
 * @returns the new queue
 * @throws InfraError `UNKNOWN_ID` (path `request.group`) for a group with no queued request
 *
 * @example
 * ```ts @import.meta.vitest
 * const q = enqueueRequest(createQueueState(), { group: 'a', inputTokens: 100 });
 * expect(dequeueRequest(q, { group: 'a', inputTokens: 100 })).toEqual(createQueueState());
 * ```
 */
export function dequeueRequest(q: QueueState, request: QueuedRequest): QueueState {
  const { group, tokens } = checkRequest(request, 'request');
  const g = Object.prototype.hasOwnProperty.call(q.groups, group) ? q.groups[group] : undefined;
  if (g === undefined) throw new InfraError('UNKNOWN_ID', 'request.group', `no queued request in group '${group}'`);
  const groups = { ...q.groups };
  if (g.count <= 1) delete groups[group];
  else {
    groups[group] = {
      count: g.count - 1,
      inputTokens: Math.max(0, g.inputTokens - tokens),
      inputTokensSq: Math.max(0, g.inputTokensSq - tokens * tokens),
    };
  }
  const count = q.count - 1;
  return { version: 1, count, inputTokens: count === 0 ? 0 : Math.max(0, q.inputTokens - tokens), groups };
}

/**
 * The queue as the `ahead` argument of `estimateWait` (the wait of a request joining the tail).
 *
 * @param q - the queue
 * @returns one entry per non-empty group, in key order
 *
 * @example
 * ```ts @import.meta.vitest
 * const q = enqueueRequest(enqueueRequest(createQueueState(), { group: 'b', inputTokens: 5 }), { group: 'a', inputTokens: 7 });
 * expect(queueAhead(q)).toEqual([{ group: 'a', count: 1, inputTokens: 7 }, { group: 'b', count: 1, inputTokens: 5 }]);
 * ```
 */
export function queueAhead(q: QueueState): AheadGroup[] {
  return Object.keys(q.groups)
    .sort()
    .map((group) => ({ group, count: q.groups[group]!.count, inputTokens: q.groups[group]!.inputTokens }));
}
