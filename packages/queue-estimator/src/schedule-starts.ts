import type { Problem } from './schedule-model.js';

/** A scheduling problem as flat arrays (internal to the heuristic). */
export interface Encoded {
  /** Groups. */
  readonly n: number;
  /** Instances. */
  readonly m: number;
  /** Model index per group. */
  readonly gm: Int32Array;
  /** Deadline per group, relative to the earliest instance. */
  readonly dl: Float64Array;
  /** Weight per group. */
  readonly wt: Float64Array;
  /** Loaded model index per instance. */
  readonly im: Int32Array;
  /** Availability per instance, relative to the earliest one. */
  readonly avail: Float64Array;
  /** dur[i·n + g]: g's drain time on instance i. */
  readonly dur: Float64Array;
  /** Model swap time. */
  readonly sw: number;
  /** Σ weight · lateness if every group ran alone, first, on its best instance (a lower bound). */
  readonly lowerBound: number;
}

/**
 * Constructive starts, each as a snapshot (group indices of instance i at [i·n, i·n + len[i]), then the m
 * lengths): EDF with earliest-finish-time assignment (swap-aware), and for each look-ahead k the ATC rule
 * (apparent tardiness cost): whenever an instance frees up, run the group maximising
 * (w/p)·exp(−max(0, d − p − t)/(k·p̄)), p including the swap.
 *
 * @param e - the encoded problem
 * @param atc - ATC look-ahead parameters
 * @param budget - work allowed for the ATC starts (n² each); the first ones that fit are built
 * @returns one snapshot per start, EDF first
 */
export function constructiveStarts(e: Encoded, atc: readonly number[], budget: number): Int32Array[] {
  const { n, m, gm, dl, wt, im, avail, dur, sw } = e;
  const edf = Array.from({ length: n }, (_, g) => g).sort((a, b) => dl[a]! - dl[b]! || a - b);
  const starts: Int32Array[] = [];
  {
    const out = new Int32Array(m * n + m);
    const end = Float64Array.from(avail);
    const mdl = Int32Array.from(im);
    for (const g of edf) {
      let bi = 0;
      let bf = Infinity;
      for (let i = 0; i < m; i++) {
        const f = end[i]! + (gm[g] === mdl[i] ? 0 : sw) + dur[i * n + g]!;
        if (f < bf - 1e-12) {
          bf = f;
          bi = i;
        }
      }
      out[bi * n + out[m * n + bi]!] = g;
      out[m * n + bi] = out[m * n + bi]! + 1;
      end[bi] = bf;
      mdl[bi] = gm[g]!;
    }
    starts.push(out);
  }
  let pbar = 0;
  for (let g = 0; g < n; g++) pbar += dur[g]!;
  pbar = Math.max(pbar / Math.max(1, n), 1e-9);
  // log(w/p) per (instance, group), without and with a swap: the rule compares logs, no exp per step
  const logWp = new Float64Array(2 * m * n);
  for (let i = 0; i < m; i++) {
    for (let g = 0; g < n; g++) {
      const w = Math.max(wt[g]!, 1e-300);
      logWp[2 * (i * n + g)] = Math.log(w / Math.max(dur[i * n + g]!, 1e-9));
      logWp[2 * (i * n + g) + 1] = Math.log(w / Math.max(dur[i * n + g]! + sw, 1e-9));
    }
  }
  for (const k of atc.slice(0, Math.floor(budget / Math.max(1, n * n)))) {
    const out = new Int32Array(m * n + m);
    const end = Float64Array.from(avail);
    const mdl = Int32Array.from(im);
    const used = new Uint8Array(n);
    for (let step = 0; step < n; step++) {
      let i = 0;
      for (let j = 1; j < m; j++) if (end[j]! < end[i]!) i = j;
      const t = end[i]!;
      let bg = -1;
      let bv = -Infinity;
      for (const g of edf) {
        if (used[g]) continue;
        const swap = gm[g] === mdl[i] ? 0 : 1;
        const v = logWp[2 * (i * n + g) + swap]! - Math.max(0, dl[g]! - dur[i * n + g]! - swap * sw - t) / (k * pbar);
        if (v > bv) {
          bv = v;
          bg = g;
        }
      }
      used[bg] = 1;
      out[i * n + out[m * n + i]!] = bg;
      out[m * n + i] = out[m * n + i]! + 1;
      end[i] = t + dur[i * n + bg]! + (gm[bg] === mdl[i] ? 0 : sw);
      mdl[i] = gm[bg]!;
    }
    starts.push(out);
  }
  return starts;
}

/**
 * The problem as flat arrays, times relative to the earliest instance (lateness is shift-invariant, and
 * small numbers keep the search's tolerance meaningful for epoch-second deadlines).
 *
 * @param p - the validated problem
 * @returns the encoding
 */
export function encode(p: Problem): Encoded {
  const n = p.groups.length;
  const m = p.instances.length;
  const ids = new Map<string, number>();
  const id = (s: string): number => {
    let v = ids.get(s);
    if (v === undefined) ids.set(s, (v = ids.size));
    return v;
  };
  let t0 = Infinity;
  for (const s of p.instances) t0 = Math.min(t0, s.availableAtSeconds);
  const gm = new Int32Array(n);
  const dl = new Float64Array(n);
  const wt = new Float64Array(n);
  p.groups.forEach((g, k) => {
    gm[k] = id(g.model);
    dl[k] = g.deadlineSeconds - t0;
    wt[k] = g.weight ?? 1;
  });
  const im = new Int32Array(m);
  const avail = new Float64Array(m);
  const dur = new Float64Array(m * n);
  p.instances.forEach((s, i) => {
    im[i] = id(s.model);
    avail[i] = s.availableAtSeconds - t0;
    for (let g = 0; g < n; g++) dur[i * n + g] = p.groups[g]!.workSeconds / (s.speed ?? 1);
  });
  const sw = p.swapSeconds;
  let lowerBound = 0;
  for (let g = 0; g < n; g++) {
    let f = Infinity;
    for (let i = 0; i < m; i++) f = Math.min(f, avail[i]! + (im[i] === gm[g] ? 0 : sw) + dur[i * n + g]!);
    lowerBound += wt[g]! * Math.max(0, f - dl[g]!);
  }
  return { n, m, gm, dl, wt, im, avail, dur, sw, lowerBound };
}
