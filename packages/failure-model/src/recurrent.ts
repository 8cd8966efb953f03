import { InfraError, assertInRange, describeValue, normalQuantile } from '@infra/types';

/** One repairable unit (e.g. a node) observed over (start, end] with its failure times. */
export interface RecurrentUnit {
  /** Unit id (used in error messages and results). */
  readonly id: string;
  /** Start of observation (default 0); the unit is at risk on (start, end]. */
  readonly start?: number;
  /** End of observation, > start. */
  readonly end: number;
  /** Failure times, each in (start, end]; repeats allowed. */
  readonly events: readonly number[];
}

/** Options of {@link meanCumulativeFunction}. */
export interface McfOptions {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  readonly confidenceLevel?: number;
}

/** The mean cumulative function of a fleet of repairable units (plain data). */
export interface McfResult {
  /** State-format version. */
  readonly version: 1;
  /** Discriminator. */
  readonly kind: 'mean-cumulative-function';
  /** Distinct failure times, ascending. */
  readonly times: readonly number[];
  /** Units under observation at each time (start < t ≤ end). */
  readonly nRisk: readonly number[];
  /** Failures at each time (all units). */
  readonly nEvents: readonly number[];
  /** M̂(t) = Σ dⱼ/nⱼ: expected failures per unit by time t. */
  readonly mcf: readonly number[];
  /** Lawless–Nadeau robust variance Σ_i (Σ_{tⱼ ≤ t} δ_i(tⱼ)(d_ij − dⱼ/nⱼ)/nⱼ)² (valid under over-dispersion). */
  readonly variance: readonly number[];
  /** Poisson-process variance Σ dⱼ/nⱼ² (too small when units differ). */
  readonly poissonVariance: readonly number[];
  /** Lower bound (log transform, robust variance). */
  readonly lower: readonly number[];
  /** Upper bound (log transform, robust variance). */
  readonly upper: readonly number[];
  /** Confidence level of the bounds. */
  readonly confidenceLevel: number;
}

function num(x: unknown, path: string): number {
  if (typeof x !== 'number') throw new InfraError('INVALID_ARGUMENT', path, `must be a number, got ${describeValue(x)}`);
  if (!Number.isFinite(x)) throw new InfraError('NOT_FINITE', path, `must be finite, got ${describeValue(x)}`);
  return x;
}

/**
 * Nelson–Aalen-type mean cumulative function of recurrent failures across units with staggered
 * observation windows, M̂(t) = Σ_{tⱼ ≤ t} dⱼ/nⱼ, with the Lawless–Nadeau robust variance (computed in
 * O((N + E) log) with running sums) and the Poisson variance for comparison.
 *
 * @param units - the units, each with its window and failure times
 * @param options - confidence level
 * @returns the MCF at every distinct failure time (empty arrays when there are no failures)
 * @throws InfraError `EMPTY` for no units; `NOT_FINITE` / `INVALID_ARGUMENT` naming the bad field;
 *   `OUT_OF_RANGE` for end ≤ start or a failure outside (start, end]
 *
 * @example
 * ```ts @import.meta.vitest
 * const m = meanCumulativeFunction([
 *   { id: 'a', end: 10, events: [2, 5] },
 *   { id: 'b', end: 4, events: [] },
 * ]);
 * expect(m.times).toEqual([2, 5]);
 * expect(m.mcf[0]).toBeCloseTo(0.5, 12);
 * expect(m.mcf[1]).toBeCloseTo(1.5, 12);
 * ```
 */
export function meanCumulativeFunction(units: readonly RecurrentUnit[], options?: McfOptions): McfResult {
  const level = assertInRange(options?.confidenceLevel ?? 0.95, 'options.confidenceLevel', 0, 1, {
    minExclusive: true,
    maxExclusive: true,
  });
  if (!Array.isArray(units)) throw new InfraError('INVALID_ARGUMENT', 'units', `must be an array, got ${describeValue(units)}`);
  const N = units.length;
  if (N === 0) throw new InfraError('EMPTY', 'units', 'needs at least one unit');
  const start = new Float64Array(N);
  const end = new Float64Array(N);
  const evUnit: number[] = [];
  const evTime: number[] = [];
  for (let i = 0; i < N; i++) {
    const u = units[i] as RecurrentUnit;
    if (u === null || typeof u !== 'object') throw new InfraError('INVALID_ARGUMENT', `units[${i}]`, 'must be a unit record');
    const s = u.start === undefined ? 0 : num(u.start, `units[${i}].start`);
    const e = num(u.end, `units[${i}].end`);
    if (!(e > s)) throw new InfraError('OUT_OF_RANGE', `units[${i}].end`, `must be > start (${s}), got ${e}`);
    start[i] = s;
    end[i] = e;
    if (!Array.isArray(u.events)) throw new InfraError('INVALID_ARGUMENT', `units[${i}].events`, 'must be an array of times');
    for (let k = 0; k < u.events.length; k++) {
      const t = num(u.events[k], `units[${i}].events[${k}]`);
      if (!(t > s && t <= e)) throw new InfraError('OUT_OF_RANGE', `units[${i}].events[${k}]`, `must be in (${s}, ${e}], got ${t}`);
      evUnit.push(i);
      evTime.push(t);
    }
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const E = evTime.length;
  const evOrder = Array.from({ length: E }, (_, k) => k).sort((a, b) => (evTime[a] as number) - (evTime[b] as number));
  const byStart = Array.from({ length: N }, (_, i) => i).sort((a, b) => (start[a] as number) - (start[b] as number));
  const byEnd = Array.from({ length: N }, (_, i) => i).sort((a, b) => (end[a] as number) - (end[b] as number));
  const v = new Float64Array(N); // r_i = v_i + G while active
  const active = new Uint8Array(N);
  let nActive = 0;
  let sv1 = 0;
  let sv2 = 0;
  let qFrozen = 0;
  let G = 0;
  let ps = 0;
  let pe = 0;
  const times: number[] = [];
  const nRisk: number[] = [];
  const nEvents: number[] = [];
  const mcf: number[] = [];
  const variance: number[] = [];
  const poissonVariance: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  let m = 0;
  let pv = 0;
  let p = 0;
  while (p < E) {
    const t = evTime[evOrder[p] as number] as number;
    while (ps < N && (start[byStart[ps] as number] as number) < t) {
      const i = byStart[ps++] as number;
      if ((end[i] as number) < t) continue; // window entirely before t: r_i stays 0
      v[i] = -G;
      active[i] = 1;
      nActive++;
      sv1 += -G;
      sv2 += G * G;
    }
    while (pe < N && (end[byEnd[pe] as number] as number) < t) {
      const i = byEnd[pe++] as number;
      if (active[i] !== 1) continue;
      const r = (v[i] as number) + G;
      qFrozen += r * r;
      active[i] = 2;
      nActive--;
      sv1 -= v[i] as number;
      sv2 -= (v[i] as number) ** 2;
    }
    const q0 = p;
    while (p < E && evTime[evOrder[p] as number] === t) p++;
    const d = p - q0;
    const n = nActive;
    for (let k = q0; k < p; k++) {
      const i = evUnit[evOrder[k] as number] as number;
      const old = v[i] as number;
      const nv = old + 1 / n;
      v[i] = nv;
      sv1 += nv - old;
      sv2 += nv * nv - old * old;
    }
    G -= d / (n * n);
    m += d / n;
    pv += d / (n * n);
    const varRobust = Math.max(0, qFrozen + sv2 + 2 * G * sv1 + nActive * G * G);
    times.push(t);
    nRisk.push(n);
    nEvents.push(d);
    mcf.push(m);
    variance.push(varRobust);
    poissonVariance.push(pv);
    const w = (z * Math.sqrt(varRobust)) / m;
    lower.push(m * Math.exp(-w));
    upper.push(m * Math.exp(w));
  }
  return { version: 1, kind: 'mean-cumulative-function', times, nRisk, nEvents, mcf, variance, poissonVariance, lower, upper, confidenceLevel: level };
}
