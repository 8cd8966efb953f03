import { assertInRange, normalQuantile } from '@infra/types';
import { riskTable, toPlainArray } from './risk-table.js';
import { requireRightCensored, toSample, type SurvivalInput } from './survival-data.js';

/** Options of {@link nelsonAalen}. */
export interface NelsonAalenOptions {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  readonly confidenceLevel?: number;
}

/** A Nelson–Aalen cumulative-hazard curve as plain data (one row per distinct exit time). */
export interface NelsonAalenResult {
  /** State-format version. */
  readonly version: 1;
  /** Discriminator. */
  readonly kind: 'nelson-aalen';
  /** Distinct exit times, ascending. */
  readonly times: readonly number[];
  /** Units at risk at each time. */
  readonly nRisk: readonly number[];
  /** Failures at each time. */
  readonly nEvents: readonly number[];
  /** Ĥ(t) = Σ_{tⱼ ≤ t} dⱼ/nⱼ, non-decreasing. */
  readonly cumulativeHazard: readonly number[];
  /** Variance estimate Σ dⱼ/nⱼ² (Poisson form, as R `survfit`). */
  readonly variance: readonly number[];
  /** Lower bound of the log-transformed interval Ĥ·exp(−z·se/Ĥ). */
  readonly lower: readonly number[];
  /** Upper bound Ĥ·exp(z·se/Ĥ). */
  readonly upper: readonly number[];
  /** Confidence level of the bounds. */
  readonly confidenceLevel: number;
}

/**
 * Cumulative-hazard bounds on the log scale.
 *
 * @param h - cumulative hazard ≥ 0
 * @param v - its variance
 * @param z - normal quantile
 * @returns [lower, upper] containing h ([0, 0] when h = 0)
 */
export function hazardBounds(h: number, v: number, z: number): [number, number] {
  if (h <= 0) return [0, 0];
  const w = (z * Math.sqrt(v)) / h;
  return [h * Math.exp(-w), h * Math.exp(w)];
}

/**
 * Nelson–Aalen estimate of the cumulative hazard Ĥ(t) = Σ dⱼ/nⱼ with variance Σ dⱼ/nⱼ² and
 * log-transformed pointwise intervals. Right censoring and left truncation as in {@link kaplanMeier}.
 *
 * @param data - times (with `events` as the second argument), a {@link SurvivalData} object or records
 * @param eventsOrOptions - failure indicators when `data` is an array of times, otherwise the options
 * @param options - options when the second argument is the events array
 * @returns the curve at every distinct exit time
 * @throws InfraError as {@link kaplanMeier}
 *
 * @example
 * ```ts @import.meta.vitest
 * const na = nelsonAalen([1, 2, 3], [1, 0, 1]);
 * expect(na.cumulativeHazard).toEqual([1 / 3, 1 / 3, 1 / 3 + 1]);
 * ```
 */
export function nelsonAalen(
  data: SurvivalInput,
  eventsOrOptions?: ArrayLike<boolean | number> | NelsonAalenOptions,
  options?: NelsonAalenOptions,
): NelsonAalenResult {
  const isEvents = eventsOrOptions !== undefined && 'length' in eventsOrOptions;
  const events = isEvents ? (eventsOrOptions as ArrayLike<boolean | number>) : undefined;
  const opts = (isEvents ? options : (eventsOrOptions as NelsonAalenOptions | undefined)) ?? {};
  const level = assertInRange(opts.confidenceLevel ?? 0.95, 'options.confidenceLevel', 0, 1, {
    minExclusive: true,
    maxExclusive: true,
  });
  const table = riskTable(requireRightCensored(toSample(data, events), 'data'));
  const m = table.times.length;
  const z = normalQuantile(1 - (1 - level) / 2);
  const cumulativeHazard = new Array<number>(m);
  const variance = new Array<number>(m);
  const lower = new Array<number>(m);
  const upper = new Array<number>(m);
  let h = 0;
  let v = 0;
  for (let j = 0; j < m; j++) {
    const n = table.nRisk[j] as number;
    const d = table.nEvents[j] as number;
    if (d > 0) {
      h += d / n;
      v += d / (n * n);
    }
    cumulativeHazard[j] = h;
    variance[j] = v;
    const [lo, hi] = hazardBounds(h, v, z);
    lower[j] = lo;
    upper[j] = hi;
  }
  return {
    version: 1,
    kind: 'nelson-aalen',
    times: toPlainArray(table.times),
    nRisk: toPlainArray(table.nRisk),
    nEvents: toPlainArray(table.nEvents),
    cumulativeHazard,
    variance,
    lower,
    upper,
    confidenceLevel: level,
  };
}
