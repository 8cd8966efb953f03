// Small dense kernels for the offline (batch) ridge fits used by OPE and learnFromLogs.
// Internal: not re-exported from the barrel.
import { InfraError } from '@infra/types';

/**
 * Solve `A x = b` for a symmetric positive-definite `p × p` matrix `A` (row-major) by Cholesky
 * factorisation. Inputs are not modified.
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
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] ?? 0) * (l[j * p + k] ?? 0);
      if (i === j) {
        if (!(s > 0)) throw new InfraError('NOT_IDENTIFIABLE', path, 'matrix is not positive definite (add ridge regularisation)');
        l[i * p + i] = Math.sqrt(s);
      } else {
        l[i * p + j] = s / (l[j * p + j] ?? 1);
      }
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] ?? 0) * (y[k] ?? 0);
    y[i] = s / (l[i * p + i] ?? 1);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (l[i * p + i] ?? 1);
  }
  return x;
}
