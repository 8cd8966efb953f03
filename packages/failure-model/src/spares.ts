import {
  InfraError,
  assertInteger,
  assertNonNegative,
  assertPlainObject,
  assertPositive,
  assertProbability,
  logGamma,
} from '@infra/types';

/** Inputs of {@link sparesNeeded}: give `unavailability`, or `mtbf` and `mttr` (same unit). */
export interface SparesInput {
  /** Healthy nodes the job needs (n), a positive integer. */
  readonly nodes: number;
  /** Required probability that at least n of the n + s nodes are up, in (0, 1). */
  readonly target: number;
  /** Per-node unavailability u in [0, 1); default MTTR/(MTBF + MTTR). */
  readonly unavailability?: number;
  /** Per-node mean time between failures (> 0), used when `unavailability` is absent. */
  readonly mtbf?: number;
  /** Per-node mean time to repair (≥ 0), used when `unavailability` is absent. */
  readonly mttr?: number;
  /** Give up above this many spares (default 10·n + 100). */
  readonly maxSpares?: number;
}

/** The result of {@link sparesNeeded}. */
export interface SparesResult {
  /** Smallest number of spare nodes s meeting the target. */
  readonly spares: number;
  /** P(Binomial(n + s, u) ≤ s) at that s. */
  readonly probability: number;
  /** Per-node unavailability used. */
  readonly unavailability: number;
  /** Over-provisioning s/n. */
  readonly overProvisioning: number;
}

/**
 * Probability that a job needing `nodes` healthy nodes can run on `nodes + spares` nodes when each node
 * is independently down with probability u: P(Binomial(n + s, u) ≤ s), summed in log space.
 *
 * @param nodes - healthy nodes needed, a positive integer
 * @param spares - spare nodes, a non-negative integer
 * @param unavailability - per-node unavailability u in [0, 1]
 * @returns the probability in [0, 1]
 * @throws InfraError for non-integer counts or u outside [0, 1]
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(jobRunProbability(100, 7, 0.0234375)).toBeCloseTo(0.99619, 5);
 * expect(jobRunProbability(1, 0, 0.1)).toBeCloseTo(0.9, 12);
 * ```
 */
export function jobRunProbability(nodes: number, spares: number, unavailability: number): number {
  const n = assertInteger(nodes, 'nodes', { min: 1 });
  const s = assertInteger(spares, 'spares', { min: 0 });
  const u = assertProbability(unavailability, 'unavailability');
  return binomialCdf(s, n + s, u);
}

function binomialCdf(k: number, trials: number, p: number): number {
  if (p === 0 || k >= trials) return 1;
  if (p === 1) return 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const lnF = logGamma(trials + 1);
  // sum in log space relative to the largest term
  const terms = new Float64Array(k + 1);
  let max = -Infinity;
  for (let i = 0; i <= k; i++) {
    const v = lnF - logGamma(i + 1) - logGamma(trials - i + 1) + i * lp + (trials - i) * lq;
    terms[i] = v;
    if (v > max) max = v;
  }
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(terms[i]! - max);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

/**
 * Smallest number of spare nodes s such that a job needing n nodes runs with probability ≥ target,
 * P(Binomial(n + s, u) ≤ s) ≥ target, with per-node unavailability u = MTTR/(MTBF + MTTR). The probability
 * is non-decreasing in s, so s is found by doubling and bisection.
 *
 * @param input - n, target and u (or MTBF and MTTR)
 * @returns s, the achieved probability and the over-provisioning ratio
 * @throws InfraError for invalid input, or `NOT_CONVERGED` when even `maxSpares` does not reach the target
 *
 * @example
 * ```ts @import.meta.vitest
 * const r = sparesNeeded({ nodes: 100, mtbf: 1000, mttr: 24, target: 0.99 });
 * expect(r.spares).toBe(7);
 * expect(r.probability).toBeCloseTo(0.99619, 5);
 * ```
 */
export function sparesNeeded(input: SparesInput): SparesResult {
  const o = assertPlainObject(input, 'input');
  const n = assertInteger(o['nodes'], 'input.nodes', { min: 1 });
  const target = assertProbability(o['target'], 'input.target');
  if (target <= 0 || target >= 1) throw new InfraError('OUT_OF_RANGE', 'input.target', `must be in (0, 1), got ${target}`);
  let u: number;
  if (o['unavailability'] !== undefined) {
    u = assertProbability(o['unavailability'], 'input.unavailability');
    if (u >= 1) throw new InfraError('OUT_OF_RANGE', 'input.unavailability', 'must be < 1');
  } else {
    const mtbf = assertPositive(o['mtbf'], 'input.mtbf');
    const mttr = assertNonNegative(o['mttr'], 'input.mttr');
    u = mttr / (mtbf + mttr);
  }
  const maxS = o['maxSpares'] === undefined ? 10 * n + 100 : assertInteger(o['maxSpares'], 'input.maxSpares', { min: 0 });
  const p = (s: number): number => binomialCdf(s, n + s, u);
  let hi = 0;
  if (p(0) < target) {
    hi = 1;
    while (p(hi) < target) {
      if (hi >= maxS) throw new InfraError('NOT_CONVERGED', 'input.target', `not reached with ${maxS} spares`);
      hi = Math.min(maxS, hi * 2);
    }
    let lo = Math.floor(hi / 2);
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (p(mid) >= target) hi = mid;
      else lo = mid;
    }
    if (p(lo) >= target) hi = lo;
  }
  return { spares: hi, probability: p(hi), unavailability: u, overProvisioning: hi / n };
}
