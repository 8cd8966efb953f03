import { InfraError, assertInRange, describeValue, normalQuantile } from '@infra/types';
import { hazardBounds } from './nelson-aalen.js';
import { toSample } from './survival-data.js';

/**
 * Lifetimes ended by one of several competing causes: `causes[i]` names the cause that ended unit i
 * (e.g. a component: "GPU", "NIC"), or is null when the unit was right-censored.
 */
export interface CompetingRisksData {
  /** Exit times, finite and ≥ 0. */
  readonly times: ArrayLike<number>;
  /** Cause of each exit, or null for right-censored units. */
  readonly causes: ArrayLike<string | number | null>;
  /** Optional delayed-entry (left-truncation) times, each < the exit time. */
  readonly entries?: ArrayLike<number>;
}

/** Options of {@link aalenJohansen} and {@link causeSpecificHazards}. */
export interface CompetingRisksOptions {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  readonly confidenceLevel?: number;
}

/** Per-cause curves on the common time grid. */
export interface CauseCurve {
  /** Cause label. */
  readonly cause: string;
  /** Failures from this cause at each time. */
  readonly nEvents: readonly number[];
  /** Aalen–Johansen cumulative incidence F_c(t) = Σ Ŝ(tⱼ−)·d_cj/nⱼ, non-decreasing, in [0, 1]. */
  readonly cumulativeIncidence: readonly number[];
  /** Delta-method (Greenwood-type) variance of F_c(t). */
  readonly variance: readonly number[];
  /** Lower bound (log(−log) transform). */
  readonly lower: readonly number[];
  /** Upper bound (log(−log) transform). */
  readonly upper: readonly number[];
  /** Cause-specific Nelson–Aalen cumulative hazard Σ d_cj/nⱼ. */
  readonly cumulativeHazard: readonly number[];
  /** Poisson variance of the cause-specific cumulative hazard, Σ d_cj/nⱼ². */
  readonly hazardVariance: readonly number[];
  /** Lower bound of the cause-specific cumulative hazard (log transform). */
  readonly hazardLower: readonly number[];
  /** Upper bound of the cause-specific cumulative hazard. */
  readonly hazardUpper: readonly number[];
}

/** Competing-risks estimates (plain data). */
export interface CompetingRisksResult {
  /** State-format version. */
  readonly version: 1;
  /** Discriminator. */
  readonly kind: 'competing-risks';
  /** Distinct exit times, ascending. */
  readonly times: readonly number[];
  /** Units at risk at each time. */
  readonly nRisk: readonly number[];
  /** Failures from any cause at each time. */
  readonly nEvents: readonly number[];
  /** All-cause Kaplan–Meier survival Ŝ(t); Ŝ + Σ_c F_c = 1 at every time. */
  readonly survival: readonly number[];
  /** One curve per cause, causes sorted by label. */
  readonly causes: readonly CauseCurve[];
  /** Confidence level of the bounds. */
  readonly confidenceLevel: number;
}

/** One cause-specific Nelson–Aalen cumulative hazard. */
export interface CauseHazard {
  /** Distinct exit times (all causes), ascending. */
  readonly times: readonly number[];
  /** Σ d_cj/nⱼ. */
  readonly cumulativeHazard: readonly number[];
  /** Σ d_cj/nⱼ². */
  readonly variance: readonly number[];
  /** Lower bound (log transform). */
  readonly lower: readonly number[];
  /** Upper bound (log transform). */
  readonly upper: readonly number[];
}

function incidenceBounds(f: number, v: number, z: number): [number, number] {
  if (f <= 0) return [0, 0];
  if (f >= 1) return [1, 1];
  const lf = Math.log(f);
  const w = (z * Math.sqrt(Math.max(0, v))) / (f * Math.abs(lf));
  return [Math.pow(f, Math.exp(w)), Math.pow(f, Math.exp(-w))];
}

/**
 * Aalen–Johansen cumulative incidence per cause, F_c(t) = Σ_{tⱼ ≤ t} Ŝ(tⱼ−)·d_cj/nⱼ with the all-cause
 * Kaplan–Meier Ŝ — never 1 − KM per cause, which overstates each cause when others compete — together with
 * the cause-specific Nelson–Aalen hazards. Variance: delta method over the multinomial hazard increments,
 * Σ [(F(t) − F(tⱼ))²·dⱼ/(nⱼ(nⱼ − dⱼ)) + Ŝ(tⱼ−)²·d_cj(nⱼ − d_cj)/nⱼ³ − 2(F(t) − F(tⱼ))·Ŝ(tⱼ−)·d_cj/nⱼ²]
 * (with one cause it equals Greenwood's variance of 1 − Ŝ). Right censoring and left truncation.
 *
 * @param data - times, causes (null = censored) and optional entries
 * @param options - confidence level
 * @returns the curves on the common grid of distinct exit times
 * @throws InfraError `EMPTY`, `SHAPE_MISMATCH`, `NOT_FINITE`, `OUT_OF_RANGE`, `INVALID_ARGUMENT` naming the
 *   bad element (`data.causes[2]`, `data.entries[0]`, …)
 *
 * @example
 * ```ts @import.meta.vitest
 * const cr = aalenJohansen({ times: [1, 2, 3, 4], causes: ['gpu', 'nic', null, 'gpu'] });
 * const gpu = cr.causes.find((c) => c.cause === 'gpu')!;
 * expect(gpu.cumulativeIncidence[3]).toBeCloseTo(0.25 + 0.5, 12);
 * expect(cr.survival[3]! + gpu.cumulativeIncidence[3]! + cr.causes[1]!.cumulativeIncidence[3]!).toBeCloseTo(1, 12);
 * ```
 */
export function aalenJohansen(data: CompetingRisksData, options?: CompetingRisksOptions): CompetingRisksResult {
  const level = assertInRange(options?.confidenceLevel ?? 0.95, 'options.confidenceLevel', 0, 1, {
    minExclusive: true,
    maxExclusive: true,
  });
  if (data === null || typeof data !== 'object') {
    throw new InfraError('INVALID_ARGUMENT', 'data', `must be { times, causes, entries? }, got ${describeValue(data)}`);
  }
  const causesIn = data.causes as ArrayLike<unknown> | undefined;
  if (causesIn === undefined || typeof causesIn !== 'object' || typeof causesIn.length !== 'number') {
    throw new InfraError('INVALID_ARGUMENT', 'data.causes', 'must be an array of cause labels (null = censored)');
  }
  const n = causesIn.length;
  const events = new Array<boolean>(n);
  const labels = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const c = causesIn[i];
    if (c === null || c === undefined) labels[i] = null;
    else if (typeof c === 'string' || (typeof c === 'number' && Number.isFinite(c))) labels[i] = String(c);
    else throw new InfraError('INVALID_ARGUMENT', `data.causes[${i}]`, `must be a string, a finite number or null, got ${describeValue(c)}`);
    events[i] = labels[i] !== null;
  }
  const sample = toSample(
    data.entries === undefined ? { times: data.times, events } : { times: data.times, events, entries: data.entries },
    undefined,
    'data',
  );
  if (sample.n !== n) throw new InfraError('SHAPE_MISMATCH', 'data.causes', `must have length ${sample.n}, got ${n}`);
  const causeNames = [...new Set(labels.filter((x): x is string => x !== null))].sort();
  const code = new Map(causeNames.map((c, i) => [c, i] as const));
  const K = causeNames.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (sample.lower[a] as number) - (sample.lower[b] as number));
  const entries = sample.entry === undefined ? undefined : Float64Array.from(sample.entry).sort();
  const times: number[] = [];
  const nRisk: number[] = [];
  const nEvents: number[] = [];
  const dc: number[][] = causeNames.map(() => []);
  let p = 0;
  let a = 0;
  while (p < n) {
    const t = sample.lower[order[p] as number] as number;
    const before = p;
    const counts = new Array<number>(K).fill(0);
    let d = 0;
    while (p < n && sample.lower[order[p] as number] === t) {
      const lab = labels[order[p] as number];
      if (lab !== null && lab !== undefined) {
        const k = code.get(lab) as number;
        counts[k] = (counts[k] as number) + 1;
        d++;
      }
      p++;
    }
    let risk = n - before;
    if (entries !== undefined) {
      while (a < n && (entries[a] as number) < t) a++;
      risk = a - before;
    }
    times.push(t);
    nRisk.push(risk);
    nEvents.push(d);
    for (let k = 0; k < K; k++) (dc[k] as number[]).push(counts[k] as number);
  }
  const m = times.length;
  const z = normalQuantile(1 - (1 - level) / 2);
  // all-cause KM, S(t_j−) and the Greenwood weights
  const survival = new Array<number>(m);
  const sPrev = new Float64Array(m);
  let s = 1;
  for (let j = 0; j < m; j++) {
    sPrev[j] = s;
    const nj = nRisk[j] as number;
    const dj = nEvents[j] as number;
    if (dj > 0) s = dj >= nj ? 0 : s * (1 - dj / nj);
    survival[j] = s;
  }
  const curves: CauseCurve[] = causeNames.map((cause, k) => {
    const d = dc[k] as number[];
    const F = new Array<number>(m);
    const variance = new Array<number>(m);
    const lower = new Array<number>(m);
    const upper = new Array<number>(m);
    const H = new Array<number>(m);
    const hv = new Array<number>(m);
    const hl = new Array<number>(m);
    const hu = new Array<number>(m);
    let f = 0;
    let h = 0;
    let vh = 0;
    // running sums for Σ (F(t) − F_j)² w_j, Σ a_j² d_c(n − d_c)/n³ and Σ (F(t) − F_j) a_j d_c/n²
    let sw = 0;
    let sfw = 0;
    let sffw = 0;
    let sb = 0;
    let sc = 0;
    let sfc = 0;
    for (let j = 0; j < m; j++) {
      const nj = nRisk[j] as number;
      const dj = nEvents[j] as number;
      const dcj = d[j] as number;
      if (dcj > 0) {
        f += ((sPrev[j] as number) * dcj) / nj;
        h += dcj / nj;
        vh += dcj / (nj * nj);
      }
      if (dj > 0 && dj < nj) {
        const w = dj / (nj * (nj - dj));
        sw += w;
        sfw += f * w;
        sffw += f * f * w;
      }
      if (dcj > 0) {
        const aj = sPrev[j] as number;
        sb += (aj * aj * dcj * (nj - dcj)) / (nj * nj * nj);
        const cj = (aj * dcj) / (nj * nj);
        sc += cj;
        sfc += f * cj;
      }
      const v = Math.max(0, f * f * sw - 2 * f * sfw + sffw + sb - 2 * (f * sc - sfc));
      F[j] = Math.min(1, f);
      variance[j] = v;
      const [lo, hi] = incidenceBounds(F[j] as number, v, z);
      lower[j] = lo;
      upper[j] = hi;
      H[j] = h;
      hv[j] = vh;
      const [hlo, hhi] = hazardBounds(h, vh, z);
      hl[j] = hlo;
      hu[j] = hhi;
    }
    return {
      cause,
      nEvents: d.slice(),
      cumulativeIncidence: F,
      variance,
      lower,
      upper,
      cumulativeHazard: H,
      hazardVariance: hv,
      hazardLower: hl,
      hazardUpper: hu,
    };
  });
  return { version: 1, kind: 'competing-risks', times, nRisk, nEvents, survival, causes: curves, confidenceLevel: level };
}

/**
 * Cause-specific cumulative hazards (Nelson–Aalen per cause, other causes treated as censoring) — the
 * `cumulativeHazard` fields of {@link aalenJohansen}, returned as a record keyed by cause.
 *
 * @param data - times, causes (null = censored) and optional entries
 * @param options - confidence level
 * @returns per cause: times, cumulative hazard, variance and bounds
 * @throws InfraError as {@link aalenJohansen}
 *
 * @example
 * ```ts @import.meta.vitest
 * const h = causeSpecificHazards({ times: [1, 2, 3], causes: ['a', 'b', 'a'] });
 * expect(h['a']!.cumulativeHazard).toEqual([1 / 3, 1 / 3, 1 / 3 + 1]);
 * ```
 */
export function causeSpecificHazards(
  data: CompetingRisksData,
  options?: CompetingRisksOptions,
): Record<string, CauseHazard> {
  const cr = aalenJohansen(data, options);
  const out: Record<string, CauseHazard> = {};
  for (const c of cr.causes) {
    Object.defineProperty(out, c.cause, {
      value: { times: cr.times, cumulativeHazard: c.cumulativeHazard, variance: c.hazardVariance, lower: c.hazardLower, upper: c.hazardUpper },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
