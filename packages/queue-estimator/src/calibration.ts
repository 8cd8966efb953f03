import {
  InfraError,
  assertFinite,
  assertInRange,
  assertInteger,
  assertNonNegative,
  assertPlainObject,
  assertString,
  deserializeState,
  serializeState,
} from '@infra/types';
import { normalWait, type WaitDistribution } from './distribution.js';

/** Options of {@link createWaitCalibrator}. */
export interface WaitCalibratorOptions {
  /** Coverage of the calibrated upper bound, in (0, 1) (default 0.95: the p95 bound). */
  readonly level?: number;
  /** Most recent scores kept per stratum, integer ≥ 1 (default 500). */
  readonly window?: number;
  /** Scores a stratum needs before it overrides the model's own quantile, integer ≥ 1 (default 30). */
  readonly minScores?: number;
}

/** Scores of one stratum: a ring of the latest normalised residuals and the same values sorted. */
export interface CalibrationStratum {
  /** Ring buffer of scores, oldest overwritten first. */
  readonly ring: readonly number[];
  /** Next ring slot to overwrite once the ring is full. */
  readonly next: number;
  /** The ring's scores in ascending order. */
  readonly sorted: readonly number[];
}

/** State of the online wait calibrator (plain JSON, versioned). */
export interface WaitCalibrator {
  /** Schema version (1). */
  readonly version: 1;
  /** Coverage of the calibrated bound. */
  readonly level: number;
  /** Scores kept per stratum. */
  readonly window: number;
  /** Scores needed before a stratum is used. */
  readonly minScores: number;
  /** Scores per stratum key. */
  readonly strata: Readonly<Record<string, CalibrationStratum>>;
}

/**
 * What to keep with a prediction so its outcome can be scored later: the model's mean, its spread
 * (model quantile at the calibrator's level minus the mean, floored at 0.1 % of the mean + 1 ms) and the
 * stratum the request belongs to.
 */
export interface CalibrationBasis {
  /** Model mean wait, seconds. */
  readonly mean: number;
  /** Model upper spread at the calibrator's level, seconds (> 0). */
  readonly spread: number;
  /** Stratum key (e.g. {@link positionStratum}); scores are only compared within a stratum. */
  readonly stratum: string;
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

function checkLevel(level: unknown, path: string): number {
  return assertInRange(level, path, 0, 1, { minExclusive: true, maxExclusive: true });
}

/**
 * A new online calibrator for waiting-time upper bounds: split-conformal recalibration over a sliding
 * window, per stratum (Mondrian). A model can be right on average and still mis-state its spread: an
 * output-length tail learned from few completions, a drifting workload, effects the model leaves out.
 * The calibrator scores each started request by (wait − mean) / spread in units of the model's own
 * spread and returns bounds mean + Q·spread with Q the window's ⌈(n + 1)·level⌉-th smallest score — exact
 * finite-sample coverage when scores are exchangeable, tracking drift through the window otherwise.
 *
 * @param opts - level, window, minScores
 * @returns an empty calibrator
 * @throws InfraError `OUT_OF_RANGE` naming `opts.level`, `opts.window` or `opts.minScores`
 *
 * @example
 * ```ts @import.meta.vitest
 * const c = createWaitCalibrator({ level: 0.95, window: 200 });
 * expect(c.strata).toEqual({});
 * expect(() => createWaitCalibrator({ level: 1 })).toThrow('opts.level');
 * ```
 */
export function createWaitCalibrator(opts: WaitCalibratorOptions = {}): WaitCalibrator {
  assertPlainObject(opts, 'opts');
  return {
    version: 1,
    level: checkLevel(opts.level ?? 0.95, 'opts.level'),
    window: assertInteger(opts.window ?? 500, 'opts.window', { min: 1 }),
    minScores: assertInteger(opts.minScores ?? 30, 'opts.minScores', { min: 1 }),
    strata: {},
  };
}

/**
 * The stratum of a request by its queue position k (1 = next in line): `'k=1'`, `'k=2-5'`, `'k=6-30'`,
 * `'k>30'`. Short queues are dominated by one residual output, long ones by the sum over the queue, so
 * their errors differ in shape and are calibrated apart.
 *
 * @param k - queue position, integer ≥ 1
 * @returns the stratum key
 * @throws InfraError `OUT_OF_RANGE` naming `k`
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(positionStratum(1)).toBe('k=1');
 * expect(positionStratum(31)).toBe('k>30');
 * ```
 */
export function positionStratum(k: number): string {
  const n = assertInteger(k, 'k', { min: 1 });
  return n === 1 ? 'k=1' : n <= 5 ? 'k=2-5' : n <= 30 ? 'k=6-30' : 'k>30';
}

/**
 * The basis to keep with a prediction: the distribution's mean and its upper spread at the calibrator's
 * level.
 *
 * @param c - the calibrator (for its level)
 * @param d - the model's waiting-time distribution
 * @param stratum - stratum key (default `'all'`)
 * @returns mean, spread (> 0) and stratum
 * @throws InfraError `INVALID_ARGUMENT` naming `d` for an unstable (infinite) distribution, `UNSAFE_KEY` naming `stratum`
 *
 * @example
 * ```ts @import.meta.vitest
 * const c = createWaitCalibrator();
 * const b = calibrationBasis(c, normalWait(10, 1), 'k>30');
 * expect(b.mean).toBe(10);
 * expect(b.spread).toBeCloseTo(1.6449, 4);
 * ```
 */
export function calibrationBasis(c: WaitCalibrator, d: WaitDistribution, stratum = 'all'): CalibrationBasis {
  if (d === null || typeof d !== 'object' || typeof d.quantile !== 'function') {
    throw new InfraError('INVALID_ARGUMENT', 'd', 'must be a WaitDistribution');
  }
  if (!Number.isFinite(d.mean)) throw new InfraError('INVALID_ARGUMENT', 'd', 'an unstable queue has no finite wait to calibrate');
  const key = checkStratum(stratum, 'stratum');
  const mean = assertNonNegative(d.mean, 'd.mean');
  const q = d.quantile(c.level);
  const floor = 1e-3 * mean + 1e-3;
  return { mean, spread: Number.isFinite(q) ? Math.max(q - mean, floor) : floor, stratum: key };
}

function checkStratum(s: unknown, path: string): string {
  const key = assertString(s, path);
  if (UNSAFE.has(key)) throw new InfraError('UNSAFE_KEY', path, `'${key}' cannot be a stratum key`);
  return key;
}

function checkBasis(b: CalibrationBasis): CalibrationBasis {
  assertPlainObject(b, 'basis');
  const mean = assertNonNegative(b.mean, 'basis.mean');
  const spread = assertFinite(b.spread, 'basis.spread');
  if (!(spread > 0)) throw new InfraError('OUT_OF_RANGE', 'basis.spread', `must be > 0, got ${spread}`);
  return { mean, spread, stratum: checkStratum(b.stratum, 'basis.stratum') };
}

/** Index of the first element of `xs` (ascending) that is ≥ v. */
function lowerBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Record an observed wait for a request predicted with `basis`: O(window) (one insertion into the sorted
 * copy, one eviction of the oldest score).
 *
 * @param c - the calibrator
 * @param basis - what {@link calibrationBasis} returned at prediction time
 * @param waitSeconds - the observed wait, seconds ≥ 0
 * @returns the new calibrator (the input is not modified)
 * @throws InfraError naming `basis.*` or `waitSeconds`
 *
 * @example
 * ```ts @import.meta.vitest
 * let c = createWaitCalibrator({ minScores: 1 });
 * c = observeCalibration(c, { mean: 10, spread: 2, stratum: 'all' }, 13); // score 1.5
 * expect(c.strata['all']!.sorted).toEqual([1.5]);
 * ```
 */
export function observeCalibration(c: WaitCalibrator, basis: CalibrationBasis, waitSeconds: number): WaitCalibrator {
  const b = checkBasis(basis);
  const w = assertNonNegative(waitSeconds, 'waitSeconds');
  const score = (w - b.mean) / b.spread;
  const old = Object.prototype.hasOwnProperty.call(c.strata, b.stratum) ? c.strata[b.stratum]! : { ring: [], next: 0, sorted: [] };
  const ring = old.ring.slice();
  const sorted = old.sorted.slice();
  let next = old.next;
  if (ring.length < c.window) ring.push(score);
  else {
    const evicted = ring[next]!;
    sorted.splice(lowerBound(sorted, evicted), 1);
    ring[next] = score;
    next = (next + 1) % c.window;
  }
  sorted.splice(lowerBound(sorted, score), 0, score);
  return { ...c, strata: { ...c.strata, [b.stratum]: { ring, next, sorted } } };
}

/**
 * The calibrated upper bound for a prediction: mean + Q·spread with Q the ⌈(n + 1)·level⌉-th smallest of
 * the stratum's n scores (the largest when that rank exceeds n). Until the stratum has `minScores` scores
 * Q = 1, i.e. the model's own quantile. O(1).
 *
 * @param c - the calibrator
 * @param basis - the prediction's basis
 * @returns the bound in seconds, ≥ 0
 * @throws InfraError naming `basis.*`
 *
 * @example
 * ```ts @import.meta.vitest
 * let c = createWaitCalibrator({ level: 0.9, minScores: 5 });
 * const basis = { mean: 10, spread: 1, stratum: 'all' };
 * expect(calibratedUpper(c, basis)).toBe(11); // no scores yet: the model's own bound
 * for (const w of [9, 10, 11, 12, 13, 14, 15, 16, 17, 18]) c = observeCalibration(c, basis, w);
 * expect(calibratedUpper(c, basis)).toBe(18); // ⌈11 · 0.9⌉ = 10th smallest score is 8
 * ```
 */
export function calibratedUpper(c: WaitCalibrator, basis: CalibrationBasis): number {
  const b = checkBasis(basis);
  const s = Object.prototype.hasOwnProperty.call(c.strata, b.stratum) ? c.strata[b.stratum]! : undefined;
  const n = s?.sorted.length ?? 0;
  if (s === undefined || n < c.minScores) return b.mean + b.spread;
  const rank = Math.min(n, Math.ceil((n + 1) * c.level));
  return Math.max(0, b.mean + s.sorted[rank - 1]! * b.spread);
}

/**
 * Serialize a calibrator to JSON text (validated on the way back by {@link deserializeWaitCalibrator}).
 *
 * @param c - the calibrator
 * @returns JSON text
 *
 * @example
 * ```ts @import.meta.vitest
 * const c = observeCalibration(createWaitCalibrator(), { mean: 1, spread: 1, stratum: 'k=1' }, 2);
 * expect(deserializeWaitCalibrator(serializeWaitCalibrator(c))).toEqual(c);
 * ```
 */
export function serializeWaitCalibrator(c: WaitCalibrator): string {
  return serializeState('queue-estimator/wait-calibrator', 1, c);
}

/**
 * Parse and validate a calibrator written by {@link serializeWaitCalibrator}.
 *
 * @param text - JSON text
 * @returns the calibrator
 * @throws InfraError naming the malformed field (e.g. `state.strata.k=1.sorted`)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(() => deserializeWaitCalibrator('{"kind":"queue-estimator/wait-calibrator"}')).toThrow();
 * ```
 */
export function deserializeWaitCalibrator(text: string): WaitCalibrator {
  return deserializeState(text, 'queue-estimator/wait-calibrator', 1, (x, path) => {
    const o = assertPlainObject(x, path);
    if (o['version'] !== 1) throw new InfraError('VERSION_MISMATCH', `${path}.version`, 'expected 1');
    const base = createWaitCalibrator({ level: o['level'] as number, window: o['window'] as number, minScores: o['minScores'] as number });
    const strata = assertPlainObject(o['strata'], `${path}.strata`);
    for (const key of Object.keys(strata)) {
      const p = `${path}.strata.${key}`;
      checkStratum(key, p);
      const s = assertPlainObject(strata[key], p);
      const ring = s['ring'];
      const sorted = s['sorted'];
      if (!Array.isArray(ring) || ring.length > base.window || !ring.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        throw new InfraError('INVALID_STATE', `${p}.ring`, `must be at most ${base.window} finite numbers`);
      }
      const copy = [...(ring as number[])].sort((a, b) => a - b);
      if (!Array.isArray(sorted) || sorted.length !== copy.length || sorted.some((v, i) => v !== copy[i])) {
        throw new InfraError('INVALID_STATE', `${p}.sorted`, 'must hold the ring scores in ascending order');
      }
      assertInteger(s['next'], `${p}.next`, { min: 0, max: Math.max(0, base.window - 1) });
    }
    return x as WaitCalibrator;
  });
}
