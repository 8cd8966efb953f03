import { InfraError } from './errors.js';
import { assertFinite, assertInteger, assertPositive } from './validate.js';

/** Options of {@link findRoot}. */
export interface RootOptions {
  /** Absolute tolerance on x (default 1e-12, scaled up by |x| · 4ε). */
  readonly tol?: number;
  /** Maximum iterations (default 200). */
  readonly maxIter?: number;
}

function evaluate(f: (x: number) => number, x: number): number {
  const y = f(x);
  if (Number.isNaN(y)) throw new InfraError('NOT_FINITE', 'f', `returned NaN at x = ${x}`);
  return y;
}

/**
 * Find a root of `f` in the bracket [lo, hi] by Brent's method (inverse quadratic interpolation with
 * bisection fallback). Always terminates: it needs a sign change and converges at least as fast as bisection.
 *
 * @param f - a continuous function
 * @param lo - one end of the bracket
 * @param hi - the other end
 * @param opts - tolerance and iteration cap
 * @returns x with f(x) ≈ 0
 * @throws InfraError `INVALID_ARGUMENT` when f(lo), f(hi) have the same sign; `NOT_CONVERGED` when the
 *   iteration cap is reached; `NOT_FINITE` when f returns NaN
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(findRoot((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 12);
 * expect(() => findRoot((x) => x * x + 1, -1, 1)).toThrow(/same sign/);
 * ```
 */
export function findRoot(f: (x: number) => number, lo: number, hi: number, opts?: RootOptions): number {
  let a = assertFinite(lo, 'lo');
  let b = assertFinite(hi, 'hi');
  const tol = opts?.tol === undefined ? 1e-12 : assertPositive(opts.tol, 'opts.tol');
  const maxIter = opts?.maxIter === undefined ? 200 : assertInteger(opts.maxIter, 'opts.maxIter', { min: 1 });
  let fa = evaluate(f, a);
  let fb = evaluate(f, b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa > 0 === fb > 0) {
    throw new InfraError('INVALID_ARGUMENT', 'lo', `f(lo) = ${fa} and f(hi) = ${fb} have the same sign: no bracketed root`);
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return b;
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = evaluate(f, b);
  }
  throw new InfraError('NOT_CONVERGED', 'f', `no root to tolerance ${tol} after ${maxIter} iterations`);
}

/** Options of {@link expandBracket}. */
export interface BracketOptions {
  /** Growth factor of the interval per step (default 2). */
  readonly factor?: number;
  /** Maximum expansions (default 100). */
  readonly maxIter?: number;
  /** Lower limit the bracket may not cross (default −Infinity; e.g. 0 for positive parameters). */
  readonly lowerLimit?: number;
  /** Upper limit the bracket may not cross (default +Infinity). */
  readonly upperLimit?: number;
}

/**
 * Grow [lo, hi] geometrically until `f` changes sign over it, for use with {@link findRoot}. The upper
 * end moves up (and the lower end down, within `lowerLimit`) until a sign change appears.
 *
 * @param f - a continuous function
 * @param lo - initial lower end
 * @param hi - initial upper end (> lo)
 * @param opts - growth factor, iteration cap, limits
 * @returns a bracket [lo, hi] with a sign change
 * @throws InfraError `NOT_CONVERGED` when no sign change is found
 *
 * @example
 * ```ts @import.meta.vitest
 * const [lo, hi] = expandBracket((x) => x - 1000, 0, 1);
 * expect(lo <= 1000 && 1000 <= hi).toBe(true);
 * ```
 */
export function expandBracket(
  f: (x: number) => number,
  lo: number,
  hi: number,
  opts?: BracketOptions,
): [number, number] {
  let a = assertFinite(lo, 'lo');
  let b = assertFinite(hi, 'hi');
  if (!(b > a)) throw new InfraError('INVALID_ARGUMENT', 'hi', `must be greater than lo (${a}), got ${b}`);
  const factor = opts?.factor === undefined ? 2 : assertPositive(opts.factor, 'opts.factor');
  const maxIter = opts?.maxIter ?? 100;
  const lower = opts?.lowerLimit ?? -Infinity;
  const upper = opts?.upperLimit ?? Infinity;
  let fa = evaluate(f, a);
  let fb = evaluate(f, b);
  for (let i = 0; i < maxIter; i++) {
    if (fa === 0 || fb === 0 || fa > 0 !== fb > 0) return [a, b];
    const width = (b - a) * factor;
    if (Math.abs(fa) < Math.abs(fb) && a > lower) {
      a = Math.max(lower, a - width);
      fa = evaluate(f, a);
    } else if (b < upper) {
      b = Math.min(upper, b + width);
      fb = evaluate(f, b);
    } else if (a > lower) {
      a = Math.max(lower, a - width);
      fa = evaluate(f, a);
    } else break;
  }
  if (fa === 0 || fb === 0 || fa > 0 !== fb > 0) return [a, b];
  throw new InfraError('NOT_CONVERGED', 'f', `no sign change found between ${a} and ${b}`);
}
