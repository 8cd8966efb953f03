// Hot loop shared by hybrid LinUCB's update and decisions.

/**
 * w = z − Cᵀx for a k×d row-major Cᵀ (one contiguous dot product per shared feature), into `w`.
 *
 * @param w - receives the result (length k)
 * @param z - shared features (length k)
 * @param ct - Cₐᵀ (k×d, row-major)
 * @param x - per-arm features (length d)
 * @param k - shared feature count
 * @param d - per-arm feature count
 * @returns `w`
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(sharedResidual([0, 0], [1, 2], [1, 0, 0, 1], [3, 4], 2, 2)).toEqual([-2, -2]);
 * expect(sharedResidual([0, 0, 0], [1, 2, 3], [1, 0, 0, 1, 1, 1], [3, 4], 3, 2)).toEqual([-2, -2, -4]);
 * ```
 */
export function sharedResidual(w: number[], z: ArrayLike<number>, ct: readonly number[], x: ArrayLike<number>, k: number, d: number): number[] {
  // Two rows at a time with two accumulators each (even / odd p): four independent add chains, and each x load
  // feeds both rows — about twice as fast as one accumulator per row (the adds' latency bounds a single chain).
  let j = 0;
  for (; j + 1 < k; j += 2) {
    const r0 = j * d;
    const r1 = r0 + d;
    let s0 = 0;
    let t0 = 0;
    let s1 = 0;
    let t1 = 0;
    let p = 0;
    for (; p + 1 < d; p += 2) {
      const xa = x[p] as number;
      const xb = x[p + 1] as number;
      s0 += (ct[r0 + p] as number) * xa;
      t0 += (ct[r0 + p + 1] as number) * xb;
      s1 += (ct[r1 + p] as number) * xa;
      t1 += (ct[r1 + p + 1] as number) * xb;
    }
    if (p < d) {
      const xa = x[p] as number;
      s0 += (ct[r0 + p] as number) * xa;
      s1 += (ct[r1 + p] as number) * xa;
    }
    w[j] = (z[j] as number) - (s0 + t0);
    w[j + 1] = (z[j + 1] as number) - (s1 + t1);
  }
  if (j < k) {
    const r0 = j * d;
    let s0 = 0;
    for (let p = 0; p < d; p++) s0 += (ct[r0 + p] as number) * (x[p] as number);
    w[j] = (z[j] as number) - s0;
  }
  return w;
}
