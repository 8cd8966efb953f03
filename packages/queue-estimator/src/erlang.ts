import { InfraError, assertInteger, assertNonNegative } from '@infra/types';

/** Largest server count accepted by the Erlang functions. */
export const MAX_SERVERS = 10_000_000;

/**
 * Natural log of the Erlang B blocking probability, computed in log-space so that it stays exact
 * when the probability underflows double precision (e.g. c = 10⁴, a = 10).
 *
 * @param c - number of servers, integer ≥ 0
 * @param a - offered load in Erlangs (λ/μ), ≥ 0
 * @returns log B(c, a) (−Infinity when a = 0 and c ≥ 1)
 * @throws InfraError when `c` is not a non-negative integer or `a` is negative / not finite
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(Math.exp(logErlangB(2, 1.5))).toBeCloseTo(0.3103448276, 10);
 * expect(logErlangB(10_000, 10)).toBeLessThan(-700); // far below double precision
 * ```
 */
export function logErlangB(c: number, a: number): number {
  assertInteger(c, 'c', { min: 0, max: MAX_SERVERS });
  assertNonNegative(a, 'a');
  if (c === 0) return 0;
  if (a === 0) return -Infinity;
  // 1/B(k) = 1 + (k/a)/B(k−1): track r = 1/B; switch to log-space before it overflows.
  let r = 1;
  let k = 1;
  for (; k <= c; k++) {
    r = 1 + (k / a) * r;
    if (r > 1e290) break;
  }
  if (k >= c) return -Math.log(r);
  let logR = Math.log(r);
  for (k = k + 1; k <= c; k++) {
    const t = Math.log(k / a) + logR; // log((k/a)·r)
    logR = t + Math.log1p(Math.exp(-t));
  }
  return -logR;
}

/**
 * Erlang B: probability that an arriving customer is blocked in an M/M/c/c loss system, by the stable
 * recursion B(k) = a·B(k−1) / (k + a·B(k−1)) (no factorials or powers; exact for c up to 10⁷).
 *
 * @param c - number of servers, integer ≥ 0
 * @param a - offered load in Erlangs (λ/μ), ≥ 0
 * @returns B(c, a) in [0, 1]
 * @throws InfraError when `c` is not a non-negative integer or `a` is negative / not finite
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(erlangB(10, 8)).toBeCloseTo(0.1216610643, 10);
 * expect(erlangB(0, 3)).toBe(1);
 * ```
 */
export function erlangB(c: number, a: number): number {
  assertInteger(c, 'c', { min: 0, max: MAX_SERVERS });
  assertNonNegative(a, 'a');
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  if (b === 0 && a > 0) return Math.exp(logErlangB(c, a));
  return b;
}

/**
 * Erlang C from an Erlang B value: C = c·B / (c − a·(1 − B)); the probability of waiting in M/M/c.
 *
 * @param c - servers
 * @param a - offered load, a < c
 * @param b - Erlang B value B(c, a)
 * @returns C(c, a)
 */
export function erlangCFromB(c: number, a: number, b: number): number {
  return (c * b) / (c - a + a * b);
}

/**
 * Erlang C: probability that an arrival has to wait in a stable M/M/c queue.
 *
 * @param c - number of servers, integer ≥ 1
 * @param a - offered load in Erlangs (λ/μ), 0 ≤ a < c
 * @returns C(c, a) in [0, 1]
 * @throws InfraError `UNSTABLE` (path `a`) when a ≥ c (utilisation ≥ 1: every arrival waits forever);
 *   `OUT_OF_RANGE` / `NOT_FINITE` on invalid arguments
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(erlangC(100, 95)).toBeCloseTo(0.5064568539, 10);
 * expect(() => erlangC(2, 2)).toThrow('a: ');
 * ```
 */
export function erlangC(c: number, a: number): number {
  assertInteger(c, 'c', { min: 1, max: MAX_SERVERS });
  assertNonNegative(a, 'a');
  if (a >= c) {
    throw new InfraError('UNSTABLE', 'a', `offered load ${a} must be below the ${c} servers (utilisation ≥ 1)`);
  }
  if (a === 0) return 0;
  return erlangCFromB(c, a, erlangB(c, a));
}
