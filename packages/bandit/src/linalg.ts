import { InfraError } from './infra-types.js';
import { zeros } from './zeros.js';

/**
 * Sherman–Morrison rank-1 update of a symmetric inverse, in place:
 * A⁻¹ ← A⁻¹ − (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x), i.e. the inverse of A + xxᵀ. O(d²); only the upper triangle
 * is computed and mirrored, so the result is exactly symmetric.
 *
 * @param ainv - row-major d×d symmetric inverse (mutated; pass a copy you own)
 * @param x - the new feature vector, length d
 * @param d - dimension
 * @param u - scratch vector of length d (receives A⁻¹x)
 * @returns `ainv`
 * @throws InfraError `UNSTABLE` when 1 + xᵀA⁻¹x is not positive (A⁻¹ lost positive definiteness)
 *
 * @example
 * ```ts @import.meta.vitest
 * const ainv = [1, 0, 0, 1];
 * shermanMorrison(ainv, [1, 0], 2, new Float64Array(2));
 * shermanMorrison(ainv, [0, 1], 2, new Float64Array(2));
 * shermanMorrison(ainv, [1, 1], 2, new Float64Array(2));
 * expect(ainv.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0.375, -0.125, -0.125, 0.375]);
 * ```
 */
export function shermanMorrison(ainv: number[], x: ArrayLike<number>, d: number, u: Float64Array | number[]): number[] {
  let denom = 1;
  // u = A⁻¹x, two rows at a time so that each x[j] load feeds both.
  let i = 0;
  for (; i + 1 < d; i += 2) {
    const r0 = i * d;
    const r1 = r0 + d;
    let s0 = 0;
    let s1 = 0;
    for (let j = 0; j < d; j++) {
      const xj = x[j] as number;
      s0 += (ainv[r0 + j] as number) * xj;
      s1 += (ainv[r1 + j] as number) * xj;
    }
    u[i] = s0;
    u[i + 1] = s1;
    denom += s0 * (x[i] as number) + s1 * (x[i + 1] as number);
  }
  if (i < d) {
    const row = i * d;
    let s0 = 0;
    for (let j = 0; j < d; j++) s0 += (ainv[row + j] as number) * (x[j] as number);
    u[i] = s0;
    denom += s0 * (x[i] as number);
  }
  if (!(denom > 0) || !Number.isFinite(denom)) {
    throw new InfraError('UNSTABLE', 'state', 'Sherman–Morrison denominator is not positive; refactorize');
  }
  const inv = 1 / denom;
  for (let i = 0; i < d; i++) {
    const ui = (u[i] as number) * inv;
    const row = i * d;
    ainv[row + i] = (ainv[row + i] as number) - ui * (u[i] as number);
    for (let j = i + 1; j < d; j++) {
      const v = (ainv[row + j] as number) - ui * (u[j] as number);
      ainv[row + j] = v;
      ainv[j * d + i] = v;
    }
  }
  return ainv;
}

/**
 * Quadratic form xᵀMx of a symmetric row-major matrix, using the upper triangle only.
 *
 * @param m - row-major d×d symmetric matrix
 * @param x - vector of length d
 * @param d - dimension
 * @returns xᵀMx
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(quadForm([0.375, -0.125, -0.125, 0.375], [1, 0.5], 2)).toBeCloseTo(0.34375, 14);
 * ```
 */
export function quadForm(m: readonly number[], x: ArrayLike<number>, d: number): number {
  // Two rows at a time (each x[j] load feeds both) with two accumulators per row; upper triangle only.
  let total = 0;
  let i = 0;
  for (; i + 1 < d; i += 2) {
    const r0 = i * d;
    const r1 = r0 + d;
    const x0 = x[i] as number;
    const x1 = x[i + 1] as number;
    let s0 = 0;
    let t0 = 0;
    let s1 = 0;
    let t1 = 0;
    let j = i + 2;
    for (; j + 1 < d; j += 2) {
      const xa = x[j] as number;
      const xb = x[j + 1] as number;
      s0 += (m[r0 + j] as number) * xa;
      t0 += (m[r0 + j + 1] as number) * xb;
      s1 += (m[r1 + j] as number) * xa;
      t1 += (m[r1 + j + 1] as number) * xb;
    }
    if (j < d) {
      const xa = x[j] as number;
      s0 += (m[r0 + j] as number) * xa;
      s1 += (m[r1 + j] as number) * xa;
    }
    total +=
      x0 * ((m[r0 + i] as number) * x0 + 2 * ((m[r0 + i + 1] as number) * x1 + s0 + t0)) +
      x1 * ((m[r1 + i + 1] as number) * x1 + 2 * (s1 + t1));
  }
  if (i < d) {
    const xi = x[i] as number;
    total += (m[i * d + i] as number) * xi * xi;
  }
  return total;
}

/**
 * Matrix–vector product y = Mv of a row-major d×d matrix.
 *
 * @param m - row-major d×d matrix
 * @param v - vector of length d
 * @param d - dimension
 * @returns a new plain array y
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(matVec([1, 2, 3, 4], [1, 1], 2)).toEqual([3, 7]);
 * ```
 */
export function matVec(m: readonly number[], v: ArrayLike<number>, d: number): number[] {
  const y = zeros(d);
  for (let i = 0; i < d; i++) {
    let s = 0;
    const row = i * d;
    for (let j = 0; j < d; j++) s += (m[row + j] as number) * (v[j] as number);
    y[i] = s;
  }
  return y;
}

/**
 * Dot product of two vectors of length d.
 *
 * @param a - first vector
 * @param b - second vector
 * @param d - length
 * @returns aᵀb
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(dot([1, 2], [3, 4], 2)).toBe(11);
 * ```
 */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/**
 * Inverse of a symmetric positive-definite matrix through its Cholesky factor (O(d³)); used to
 * refactorize the Sherman–Morrison inverse from A. The result is exactly symmetric.
 *
 * @param a - row-major d×d symmetric positive-definite matrix (not mutated)
 * @param d - dimension
 * @returns a new row-major inverse
 * @throws InfraError `UNSTABLE` when `a` is not numerically positive definite
 *
 * @example
 * ```ts @import.meta.vitest
 * const inv = spdInverse([3, 1, 1, 3], 2);
 * expect(inv.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0.375, -0.125, -0.125, 0.375]);
 * ```
 */
export function spdInverse(a: ArrayLike<number>, d: number): number[] {
  const l = cholesky(a, d);
  if (l === undefined) throw new InfraError('UNSTABLE', 'state', 'matrix is not positive definite');
  // W = L⁻¹ (lower triangular), then A⁻¹ = WᵀW.
  const w = new Float64Array(d * d);
  for (let c = 0; c < d; c++) {
    w[c * d + c] = 1 / (l[c * d + c] as number);
    for (let i = c + 1; i < d; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s += (l[i * d + k] as number) * (w[k * d + c] as number);
      w[i * d + c] = -s / (l[i * d + i] as number);
    }
  }
  const out = zeros(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let k = j; k < d; k++) s += (w[k * d + i] as number) * (w[k * d + j] as number);
      out[i * d + j] = s;
      out[j * d + i] = s;
    }
  }
  return out;
}

/** Lower Cholesky factor L (row-major, LLᵀ = A) of a symmetric matrix, or `undefined` when it is not positive definite. */
function cholesky(a: ArrayLike<number>, d: number): Float64Array | undefined {
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j] as number;
    for (let k = 0; k < j; k++) s -= (l[j * d + k] as number) ** 2;
    if (!(s > 0)) return undefined;
    const ljj = Math.sqrt(s);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j] as number;
      for (let k = 0; k < j; k++) t -= (l[i * d + k] as number) * (l[j * d + k] as number);
      l[i * d + j] = t / ljj;
    }
  }
  return l;
}

/**
 * Solve `A x = b` for a symmetric positive-definite `p × p` matrix `A` (row-major) by Cholesky
 * factorisation (the offline ridge fits). Inputs are not modified.
 *
 * @param a - the matrix, row-major, length p²
 * @param b - the right-hand side, length p
 * @param p - the dimension
 * @param path - error path naming the matrix
 * @returns the solution x
 * @throws InfraError `NOT_IDENTIFIABLE` when `A` is not positive definite
 *
 * @example
 * ```ts @import.meta.vitest
 * const x = choleskySolve([4, 2, 2, 3], [2, 1], 2);
 * expect(x[0]).toBeCloseTo(0.5, 12);
 * expect(x[1]).toBeCloseTo(0, 12);
 * ```
 */
export function choleskySolve(a: ArrayLike<number>, b: ArrayLike<number>, p: number, path = 'gram'): Float64Array {
  const l = cholesky(a, p);
  if (l === undefined) throw new InfraError('NOT_IDENTIFIABLE', path, 'matrix is not positive definite (add ridge regularisation)');
  // Forward substitution L y = b, then back substitution Lᵀ x = y, in place.
  const x = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let s = x[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (x[k] as number);
    x[i] = s / (l[i * p + i] as number);
  }
  return x;
}
