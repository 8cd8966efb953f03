import { InfraError, assertFinite, assertFiniteArray, assertInteger, assertPlainObject, assertProbability } from '@infra/types';

/**
 * A discrete per-node slowdown distribution: a node runs an iteration `slowdowns[i]` times slower than
 * nominal (≥ 1) with probability `probabilities[i]`.
 */
export interface SlowdownDistribution {
  /** Slowdown factors, each ≥ 1. */
  readonly slowdowns: readonly number[];
  /** Their probabilities (non-negative, summing to 1 within 1e-9). */
  readonly probabilities: readonly number[];
}

/** A straggler predictor used to exclude nodes before the job starts. */
export interface StragglerPredictor {
  /** Nodes with slowdown strictly above this are stragglers (e.g. 1.1). */
  readonly threshold: number;
  /** Probability that a straggler is predicted (and excluded), in [0, 1]. */
  readonly recall: number;
  /** Probability that a healthy node is wrongly excluded, in [0, 1). */
  readonly falsePositiveRate: number;
}

/** The result of {@link stragglerInflation}. */
export interface StragglerInflation {
  /** E[max of N slowdowns]: expected iteration time relative to a straggler-free job (≥ 1). */
  readonly inflation: number;
  /** Probability that at least one of the N workers is slower than nominal. */
  readonly probabilitySlowed: number;
  /** Inflation after excluding predicted stragglers (replacements drawn from the non-excluded pool). */
  readonly inflationWithExclusion?: number;
  /** Relative iteration-time gain of exclusion, 1 − inflationWithExclusion / inflation. */
  readonly exclusionGain?: number;
  /** Fraction of candidate nodes excluded by the predictor (the spare capacity exclusion consumes). */
  readonly excludedFraction?: number;
}

function checkDistribution(x: unknown, path: string): { v: number[]; p: number[] } {
  const o = assertPlainObject(x, path);
  const s = assertFiniteArray(o['slowdowns'], `${path}.slowdowns`, { minLength: 1 });
  const p = assertFiniteArray(o['probabilities'], `${path}.probabilities`, { length: s.length });
  const pairs: [number, number][] = [];
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    if (!(s[i]! >= 1)) throw new InfraError('OUT_OF_RANGE', `${path}.slowdowns[${i}]`, `must be ≥ 1, got ${s[i]}`);
    const pi = assertProbability(p[i], `${path}.probabilities[${i}]`);
    total += pi;
    pairs.push([s[i]!, pi]);
  }
  if (Math.abs(total - 1) > 1e-9) throw new InfraError('OUT_OF_RANGE', `${path}.probabilities`, `must sum to 1, got ${total}`);
  pairs.sort((a, b) => a[0] - b[0]);
  return { v: pairs.map((q) => q[0]), p: pairs.map((q) => q[1] / total) };
}

/** E[max of n iid draws] of a sorted discrete distribution: Σ vᵢ (F(vᵢ)ⁿ − F(vᵢ₋₁)ⁿ). */
function expectedMax(v: readonly number[], p: readonly number[], n: number): number {
  let cdf = 0;
  let prevPow = 0;
  let e = 0;
  for (let i = 0; i < v.length; i++) {
    cdf = Math.min(1, cdf + p[i]!);
    const pow = i === v.length - 1 ? 1 : Math.pow(cdf, n);
    e += v[i]! * (pow - prevPow);
    prevPow = pow;
  }
  return e;
}

/**
 * Expected iteration-time inflation of a synchronous job of N workers: every iteration waits for the
 * slowest worker, so the expected time is E[max of N per-node slowdowns]. Optionally, the gain from
 * excluding the stragglers a predictor flags (recall r, false-positive rate q): the surviving pool has
 * slowdown distribution p′ᵢ ∝ pᵢ·(1 − r) above the threshold and pᵢ·(1 − q) at or below it.
 *
 * @param distribution - per-node slowdown distribution (discrete)
 * @param workers - synchronous workers N, a positive integer
 * @param predictor - optional straggler predictor
 * @returns inflation, probability of any slowdown, and the exclusion gain
 * @throws InfraError for slowdowns < 1, probabilities not summing to 1, or a predictor that excludes everything
 *
 * @example
 * ```ts @import.meta.vitest
 * // 1 % of nodes run 1.5× slower: with 1 000 workers almost every iteration waits for one
 * const d = { slowdowns: [1, 1.5], probabilities: [0.99, 0.01] };
 * const r = stragglerInflation(d, 1000, { threshold: 1.1, recall: 0.9, falsePositiveRate: 0.01 });
 * expect(r.inflation).toBeCloseTo(1 + 0.5 * (1 - 0.99 ** 1000), 12);
 * expect(r.exclusionGain!).toBeGreaterThan(0.1);
 * ```
 */
export function stragglerInflation(
  distribution: SlowdownDistribution,
  workers: number,
  predictor?: StragglerPredictor,
): StragglerInflation {
  const { v, p } = checkDistribution(distribution, 'distribution');
  const n = assertInteger(workers, 'workers', { min: 1 });
  const inflation = expectedMax(v, p, n);
  const pNominal = v[0] === 1 ? p[0]! : 0;
  const probabilitySlowed = 1 - Math.pow(pNominal, n);
  if (predictor === undefined) return { inflation, probabilitySlowed };
  const po = assertPlainObject(predictor, 'predictor');
  const threshold = assertFinite(po['threshold'], 'predictor.threshold');
  const recall = assertProbability(po['recall'], 'predictor.recall');
  const fpr = assertProbability(po['falsePositiveRate'], 'predictor.falsePositiveRate');
  const kept = p.map((pi, i) => pi * (v[i]! > threshold ? 1 - recall : 1 - fpr));
  const keptTotal = kept.reduce((a, b) => a + b, 0);
  if (!(keptTotal > 0)) throw new InfraError('OUT_OF_RANGE', 'predictor', 'excludes every node');
  const inflationWithExclusion = expectedMax(
    v,
    kept.map((k) => k / keptTotal),
    n,
  );
  return {
    inflation,
    probabilitySlowed,
    inflationWithExclusion,
    exclusionGain: 1 - inflationWithExclusion / inflation,
    excludedFraction: 1 - keptTotal,
  };
}
