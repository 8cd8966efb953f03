import { InfraError } from './infra-types.js';
import { checkContext } from './linear-core.js';
import type { BanditFeedback } from './policy.js';

/**
 * Context of a hybrid LinUCB decision (Li et al. 2010, section 3.2): for every arm a, features zₐ whose
 * coefficient β is shared by all arms (length k) and features xₐ with the arm's own coefficient θₐ (length d);
 * the expected reward is zₐᵀβ + xₐᵀθₐ. Each block is either one vector used for every arm or one vector per arm
 * in `state.arms` order (e.g. user features as `arm`, user × item features per arm as `shared`).
 */
export interface HybridContext {
  /** Features zₐ with the shared coefficient β: one vector of length k, or one per arm. */
  readonly shared: ArrayLike<number> | readonly ArrayLike<number>[];
  /** Features xₐ with the arm's own coefficient θₐ: one vector of length d, or one per arm. */
  readonly arm: ArrayLike<number> | readonly ArrayLike<number>[];
}

/**
 * Feedback of hybrid LinUCB: `context` is either the {@link HybridContext} the decision was made in (the played
 * arm's rows are used) or the played arm's features as one flat vector `[zₐ…, xₐ…]` of length k + d (what a
 * log of played rounds holds, e.g. for `warmStart`).
 */
export interface HybridFeedback extends Omit<BanditFeedback, 'context'> {
  /** The decision's context, or the played arm's flat `[z, x]` features (required by `update`). */
  readonly context?: HybridContext | ArrayLike<number> | undefined;
}

function isVectorList(v: unknown): v is readonly unknown[] {
  if (!Array.isArray(v) || v.length === 0) return false;
  const first: unknown = v[0];
  return Array.isArray(first) || (ArrayBuffer.isView(first) && !(first instanceof DataView));
}

function isVector(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** checkContext for row `a` of a per-arm list; the indexed error path is only built when the row is bad. */
function checkRow(v: unknown, n: number, path: string, a: number): ArrayLike<number> {
  try {
    return checkContext(v, n, path);
  } catch {
    return checkContext(v, n, `${path}[${a}]`); // throws the same error, naming the row
  }
}

/**
 * Check one block of a hybrid context and return one row per arm (the same checked vector repeated when one
 * vector serves every arm).
 *
 * @param block - one vector of length `n`, or `arms` vectors of length `n`
 * @param n - feature count of the block (k or d)
 * @param arms - number of arms K
 * @param path - argument path used in errors, e.g. `context.shared`
 * @returns K rows
 * @throws InfraError `INVALID_ARGUMENT`, `SHAPE_MISMATCH` or `NOT_FINITE` naming e.g. `context.shared[2][0]`
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(blockRows([1, 2], 2, 3, 'context.arm')).toEqual([[1, 2], [1, 2], [1, 2]]);
 * expect(blockRows([[1], [2]], 1, 2, 'context.shared')).toEqual([[1], [2]]);
 * expect(() => blockRows([[1], [2]], 1, 3, 'context.shared')).toThrow(/context.shared: must have one vector per arm \(3\)/);
 * expect(() => blockRows([[1], [Number.NaN]], 1, 2, 'context.shared')).toThrow(/context.shared\[1\]\[0\]/);
 * ```
 */
export function blockRows(block: unknown, n: number, arms: number, path: string): ArrayLike<number>[] {
  const rows: ArrayLike<number>[] = [];
  if (isVectorList(block)) {
    if (block.length !== arms) throw new InfraError('SHAPE_MISMATCH', path, `must have one vector per arm (${arms}), got ${block.length}`);
    for (let a = 0; a < arms; a++) rows.push(checkRow(block[a], n, path, a));
    return rows;
  }
  const v = checkContext(block, n, path);
  for (let a = 0; a < arms; a++) rows.push(v);
  return rows;
}

/** One checked row per arm of both blocks of a {@link HybridContext}. */
export interface HybridRows {
  /** Shared-coefficient features zₐ per arm (length k each). */
  readonly z: ArrayLike<number>[];
  /** Own-coefficient features xₐ per arm (length d each). */
  readonly x: ArrayLike<number>[];
}

function contextObject(c: unknown, path: string): { shared: unknown; arm: unknown } {
  if (c === null || typeof c !== 'object' || isVector(c)) {
    throw new InfraError('INVALID_ARGUMENT', path, 'must be an object { shared, arm } of feature vectors');
  }
  return c as { shared: unknown; arm: unknown };
}

/**
 * Check a hybrid decision context against the state's dimensions and arm count.
 *
 * @param c - the context
 * @param k - shared feature count
 * @param d - per-arm feature count
 * @param arms - number of arms K
 * @param path - argument path used in errors (default `context`)
 * @returns one row per arm of each block
 * @throws InfraError naming e.g. `context.arm[3]`
 *
 * @example
 * ```ts @import.meta.vitest
 * const rows = hybridRows({ shared: [[1], [2]], arm: [0.5, 0.5] }, 1, 2, 2);
 * expect(rows.z[1]).toEqual([2]);
 * expect(() => hybridRows([1, 2, 3], 1, 2, 2)).toThrow(/context: must be an object/);
 * expect(() => hybridRows({ shared: [1], arm: [1] }, 1, 2, 2)).toThrow(/context.arm: must have length 2/);
 * ```
 */
export function hybridRows(c: unknown, k: number, d: number, arms: number, path = 'context'): HybridRows {
  const o = contextObject(c, path);
  return { z: blockRows(o.shared, k, arms, `${path}.shared`), x: blockRows(o.arm, d, arms, `${path}.arm`) };
}

function armRow(block: unknown, n: number, arm: number, arms: number, path: string): ArrayLike<number> {
  if (!isVectorList(block)) return checkContext(block, n, path);
  if (block.length !== arms) throw new InfraError('SHAPE_MISMATCH', path, `must have one vector per arm (${arms}), got ${block.length}`);
  return checkRow(block[arm], n, path, arm);
}

/**
 * The played arm's features from feedback: the flat `[z, x]` vector (length k + d) or the decision's
 * {@link HybridContext}.
 *
 * @param c - `feedback.context`
 * @param arm - index of the played arm
 * @param k - shared feature count
 * @param d - per-arm feature count
 * @param arms - number of arms K
 * @param path - argument path used in errors (default `feedback.context`)
 * @returns the played arm's z (length k) and x (length d)
 * @throws InfraError naming e.g. `feedback.context[4]` or `feedback.context.shared[1]`
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(playedRows([1, 2, 3], 0, 1, 2, 2)).toEqual({ z: [1], x: [2, 3] });
 * expect(playedRows({ shared: [[1], [9]], arm: [2, 3] }, 1, 1, 2, 2)).toEqual({ z: [9], x: [2, 3] });
 * expect(() => playedRows([1, 2], 0, 1, 2, 2)).toThrow(/feedback.context: must have length 3/);
 * expect(() => playedRows(undefined, 0, 1, 2, 2)).toThrow(/feedback.context/);
 * ```
 */
export function playedRows(
  c: unknown,
  arm: number,
  k: number,
  d: number,
  arms: number,
  path = 'feedback.context',
): { z: ArrayLike<number>; x: ArrayLike<number> } {
  if (c === undefined) throw new InfraError('INVALID_ARGUMENT', path, 'hybrid LinUCB needs the context of the round');
  if (isVector(c)) {
    const flat = checkContext(c, k + d, path);
    return { z: Array.prototype.slice.call(flat, 0, k) as number[], x: Array.prototype.slice.call(flat, k, k + d) as number[] };
  }
  const o = contextObject(c, path);
  return { z: armRow(o.shared, k, arm, arms, `${path}.shared`), x: armRow(o.arm, d, arm, arms, `${path}.arm`) };
}
