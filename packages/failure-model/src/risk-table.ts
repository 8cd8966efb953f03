import { EXACT, type CensoredSample } from './survival-data.js';

/** Counts at each distinct exit time of right-censored, possibly left-truncated lifetimes (internal). */
export interface RiskTable {
  /** Distinct exit times, ascending. */
  readonly times: Float64Array;
  /** Units at risk just before each time: entry < t ≤ exit. */
  readonly nRisk: Float64Array;
  /** Failures at each time. */
  readonly nEvents: Float64Array;
  /** Censorings at each time (counted at risk at that time: failures come first). */
  readonly nCensored: Float64Array;
}

/**
 * Build the risk table in O(n log n) with typed-array sorts (no index sort): risk sets are
 * #{entry < t} − #{exit < t}, or n − #{exit < t} without truncation.
 *
 * @param s - a right-censored sample (interval-censored rows must be rejected before)
 * @returns the table at every distinct exit time
 */
export function riskTable(s: CensoredSample): RiskTable {
  const n = s.n;
  const exits = Float64Array.from(s.lower).sort();
  let nev = 0;
  for (let i = 0; i < n; i++) if (s.kind[i] === EXACT) nev++;
  const evs = new Float64Array(nev);
  for (let i = 0, j = 0; i < n; i++) if (s.kind[i] === EXACT) evs[j++] = s.lower[i] as number;
  evs.sort();
  const ents = s.entry === undefined ? undefined : Float64Array.from(s.entry).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || exits[i] !== exits[i - 1]) distinct++;
  const times = new Float64Array(distinct);
  const nRisk = new Float64Array(distinct);
  const nEvents = new Float64Array(distinct);
  const nCensored = new Float64Array(distinct);
  let i = 0;
  let e = 0;
  let a = 0;
  for (let j = 0; j < distinct; j++) {
    const t = exits[i] as number;
    const before = i;
    while (i < n && exits[i] === t) i++;
    let d = 0;
    while (e < nev && (evs[e] as number) <= t) {
      if (evs[e] === t) d++;
      e++;
    }
    let atRisk: number;
    if (ents === undefined) atRisk = n - before;
    else {
      while (a < n && (ents[a] as number) < t) a++;
      atRisk = a - before;
    }
    times[j] = t;
    nRisk[j] = atRisk;
    nEvents[j] = d;
    nCensored[j] = i - before - d;
  }
  return { times, nRisk, nEvents, nCensored };
}

/**
 * Index of the last element ≤ t in an ascending array, or −1.
 *
 * @param xs - ascending values
 * @param t - query
 * @returns the index, −1 when t is before the first element
 */
export function lastAtOrBefore(xs: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Copy a typed array into a plain array (a counted loop: much faster than `Array.from` on V8).
 *
 * @param xs - values
 * @returns a new plain array
 */
export function toPlainArray(xs: Float64Array): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[i] as number;
  return out;
}
