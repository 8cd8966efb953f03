import { InfraError, describeValue } from '@infra/types';

/**
 * Lifetimes as parallel arrays: `times[i]` is the exit time of unit i (failure or censoring),
 * `events[i]` says whether a failure was observed (true / 1) or the unit was right-censored (false / 0),
 * and `entries[i]` is an optional delayed-entry (left-truncation) time: the unit was only observed
 * because it had survived to `entries[i]`.
 */
export interface SurvivalData {
  /** Exit times (failure or censoring), finite and ≥ 0, in any one time unit. */
  readonly times: ArrayLike<number>;
  /** Failure indicators (true / 1 = failed, false / 0 = right-censored); default: every unit failed. */
  readonly events?: ArrayLike<boolean | number>;
  /** Delayed-entry times (left truncation), each finite, ≥ 0 and < the unit's exit time. */
  readonly entries?: ArrayLike<number>;
}

/**
 * Lifetimes known to lie in intervals: `lower[i] === upper[i]` is an exact failure time, `upper[i]` =
 * `Infinity` is right-censored at `lower[i]`, `lower[i] = 0` with a finite `upper[i]` is left-censored
 * and anything else is interval-censored (failure in (lower, upper]).
 */
export interface IntervalData {
  /** Lower ends, finite and ≥ 0. */
  readonly lower: ArrayLike<number>;
  /** Upper ends, ≥ lower (Infinity = right-censored). */
  readonly upper: ArrayLike<number>;
  /** Delayed-entry times (left truncation), each ≤ lower (and < lower for exact failures). */
  readonly entries?: ArrayLike<number>;
}

/** One lifetime as a record. */
export interface SurvivalRecord {
  /** Exit time (failure or censoring), finite and ≥ 0. */
  readonly time: number;
  /** Whether a failure was observed (default true); false = right-censored. */
  readonly event?: boolean | number;
  /** Delayed-entry (left-truncation) time, < time. */
  readonly entry?: number;
}

/** One interval-censored lifetime as a record (see {@link IntervalData} for the conventions). */
export interface IntervalRecord {
  /** Lower end, finite and ≥ 0. */
  readonly lower: number;
  /** Upper end, ≥ lower (Infinity = right-censored). */
  readonly upper: number;
  /** Delayed-entry (left-truncation) time. */
  readonly entry?: number;
}

/** Lifetimes with right censoring and left truncation, in any of the accepted shapes. */
export type SurvivalInput = SurvivalData | readonly SurvivalRecord[] | ArrayLike<number>;

/** Lifetimes with right, left or interval censoring and left truncation, in any of the accepted shapes. */
export type CensoredInput = SurvivalInput | IntervalData | readonly (SurvivalRecord | IntervalRecord)[];

/** Kind of one observation in a {@link CensoredSample}. */
export const EXACT = 0;
/** Right-censored observation kind. */
export const RIGHT = 1;
/** Left- or interval-censored observation kind. */
export const INTERVAL = 2;

/** Validated, normalized lifetimes (internal; typed arrays, never shared with the caller). */
export interface CensoredSample {
  /** Number of observations. */
  readonly n: number;
  /** Exact time, censoring time or lower end. */
  readonly lower: Float64Array;
  /** Exact time (= lower), Infinity (right-censored) or upper end. */
  readonly upper: Float64Array;
  /** 0 exact, 1 right-censored, 2 left/interval-censored. */
  readonly kind: Uint8Array;
  /** Entry times, or undefined when no unit is left-truncated. */
  readonly entry: Float64Array | undefined;
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

function readTime(x: unknown, path: string): number {
  if (typeof x !== 'number') throw new InfraError('INVALID_ARGUMENT', path, `must be a number, got ${describeValue(x)}`);
  if (!Number.isFinite(x)) throw new InfraError('NOT_FINITE', path, `must be finite, got ${describeValue(x)}`);
  if (x < 0) throw new InfraError('OUT_OF_RANGE', path, `must be ≥ 0, got ${x}`);
  return x;
}

function readEvent(x: unknown, path: string): boolean {
  if (x === true || x === 1) return true;
  if (x === false || x === 0) return false;
  throw new InfraError('INVALID_ARGUMENT', path, `must be a boolean or 0/1, got ${describeValue(x)}`);
}

function readUpper(x: unknown, lower: number, path: string): number {
  if (x === Infinity) return x;
  const u = readTime(x, path);
  if (u < lower) throw new InfraError('OUT_OF_RANGE', path, `must be ≥ the lower end ${lower}, got ${u}`);
  return u;
}

function checkEntry(entry: number, lower: number, kind: number, path: string): void {
  const ok = kind === INTERVAL ? entry <= lower : entry < lower;
  if (!ok) {
    throw new InfraError(
      'INVALID_ARGUMENT',
      path,
      `entry after exit: entry ${entry} must be ${kind === INTERVAL ? '≤' : '<'} the exit time ${lower}`,
    );
  }
}

function kindOf(lower: number, upper: number): number {
  if (upper === Infinity) return RIGHT;
  return lower === upper ? EXACT : INTERVAL;
}

function lengthOf(x: ArrayLike<unknown>, expected: number, path: string): void {
  if (x.length !== expected) {
    throw new InfraError('SHAPE_MISMATCH', path, `must have length ${expected}, got ${x.length}`);
  }
}

function fromColumns(
  lowerIn: ArrayLike<unknown>,
  upperIn: ArrayLike<unknown> | undefined,
  eventsIn: ArrayLike<unknown> | undefined,
  entriesIn: ArrayLike<unknown> | undefined,
  names: { lower: string; upper: string; events: string; entries: string },
): CensoredSample {
  const n = lowerIn.length;
  if (n === 0) throw new InfraError('EMPTY', names.lower, 'needs at least one observation');
  if (upperIn !== undefined) lengthOf(upperIn, n, names.upper);
  if (eventsIn !== undefined) lengthOf(eventsIn, n, names.events);
  if (entriesIn !== undefined) lengthOf(entriesIn, n, names.entries);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const kind = new Uint8Array(n);
  const entry = entriesIn === undefined ? undefined : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lo = readTime(lowerIn[i], `${names.lower}[${i}]`);
    let hi = lo;
    if (upperIn !== undefined) hi = readUpper(upperIn[i], lo, `${names.upper}[${i}]`);
    else if (eventsIn !== undefined && !readEvent(eventsIn[i], `${names.events}[${i}]`)) hi = Infinity;
    lower[i] = lo;
    upper[i] = hi;
    const k = kindOf(lo, hi);
    kind[i] = k;
    if (entry !== undefined && entriesIn !== undefined) {
      const path = `${names.entries}[${i}]`;
      const a = readTime(entriesIn[i], path);
      checkEntry(a, lo, k, path);
      entry[i] = a;
    }
  }
  return { n, lower, upper, kind, entry };
}

function fromRecords(records: readonly unknown[], path: string): CensoredSample {
  const n = records.length;
  if (n === 0) throw new InfraError('EMPTY', path, 'needs at least one observation');
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const kind = new Uint8Array(n);
  let entry: Float64Array | undefined;
  for (let i = 0; i < n; i++) {
    const r = records[i];
    const p = `${path}[${i}]`;
    if (r === null || typeof r !== 'object') {
      throw new InfraError('INVALID_ARGUMENT', p, `must be a record, got ${describeValue(r)}`);
    }
    const rec = r as Record<string, unknown>;
    let lo: number;
    let hi: number;
    if ('time' in rec) {
      lo = readTime(rec['time'], `${p}.time`);
      hi = rec['event'] === undefined || readEvent(rec['event'], `${p}.event`) ? lo : Infinity;
    } else if ('lower' in rec) {
      lo = readTime(rec['lower'], `${p}.lower`);
      hi = readUpper(rec['upper'], lo, `${p}.upper`);
    } else {
      throw new InfraError('INVALID_ARGUMENT', p, 'must have a `time` or a `lower` / `upper` pair');
    }
    lower[i] = lo;
    upper[i] = hi;
    const k = kindOf(lo, hi);
    kind[i] = k;
    if (rec['entry'] !== undefined) {
      const a = readTime(rec['entry'], `${p}.entry`);
      checkEntry(a, lo, k, `${p}.entry`);
      entry ??= new Float64Array(n);
      entry[i] = a;
    }
  }
  return { n, lower, upper, kind, entry };
}

/**
 * Validate and normalize lifetimes given as arrays (`times`, optional `events`), as a
 * {@link SurvivalData} / {@link IntervalData} object or as records.
 *
 * @param data - the lifetimes
 * @param events - failure indicators when `data` is a plain array of times
 * @param path - argument name used in error paths
 * @returns a fresh {@link CensoredSample}
 * @throws InfraError naming the offending element (`times[3]`, `data[2].entry`, …)
 */
export function toSample(data: unknown, events?: ArrayLike<unknown>, path = 'data'): CensoredSample {
  if (isArrayLike(data)) {
    const first = data.length > 0 ? data[0] : undefined;
    if (first !== null && typeof first === 'object') return fromRecords(Array.from(data), path);
    return fromColumns(data, undefined, events, undefined, {
      lower: 'times',
      upper: 'upper',
      events: 'events',
      entries: 'entries',
    });
  }
  if (data === null || typeof data !== 'object') {
    throw new InfraError('INVALID_ARGUMENT', path, `must be an array of times, records or a data object, got ${describeValue(data)}`);
  }
  const d = data as Record<string, unknown>;
  const col = (key: string): ArrayLike<unknown> | undefined => {
    const v = d[key];
    if (v === undefined) return undefined;
    if (!isArrayLike(v)) throw new InfraError('INVALID_ARGUMENT', `${path}.${key}`, `must be an array, got ${describeValue(v)}`);
    return v;
  };
  const names = {
    lower: `${path}.times`,
    upper: `${path}.upper`,
    events: `${path}.events`,
    entries: `${path}.entries`,
  };
  const times = col('times');
  if (times !== undefined) return fromColumns(times, undefined, col('events'), col('entries'), names);
  const lower = col('lower');
  const upper = col('upper');
  if (lower !== undefined && upper !== undefined) {
    return fromColumns(lower, upper, undefined, col('entries'), { ...names, lower: `${path}.lower` });
  }
  throw new InfraError('INVALID_ARGUMENT', path, 'must have `times` (and optional `events`, `entries`) or `lower` and `upper`');
}

/**
 * Reject interval- and left-censored observations for estimators that only handle right censoring.
 *
 * @param s - a normalized sample
 * @param path - argument name used in the error
 * @returns `s`
 * @throws InfraError `INVALID_ARGUMENT` naming the first interval-censored observation
 */
export function requireRightCensored(s: CensoredSample, path: string): CensoredSample {
  for (let i = 0; i < s.n; i++) {
    if (s.kind[i] === INTERVAL) {
      throw new InfraError(
        'INVALID_ARGUMENT',
        `${path}[${i}]`,
        'interval- or left-censored observations are not supported by this estimator (use fitWeibull / fitExponential)',
      );
    }
  }
  return s;
}
