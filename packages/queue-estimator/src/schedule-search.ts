import { createRng } from '@infra/types';
import type { Problem } from './schedule-model.js';
import { constructiveStarts, encode, type Encoded } from './schedule-starts.js';

/** Tuning of {@link searchSchedule}. */
export interface SearchConfig {
  /** Work budget in visited groups (a deterministic stand-in for a time limit). */
  readonly maxSteps: number;
  /** Iterated-local-search rounds without a new best before stopping. */
  readonly patience: number;
  /** Longest run of consecutive groups moved as one block (1 = single-group insertion). */
  readonly segment: number;
  /** Random block moves per perturbation. */
  readonly kick: number;
  /** ATC look-ahead parameters (one constructive start each, besides EDF). */
  readonly atc: readonly number[];
}

/**
 * Minimise total weighted lateness from several constructive starts (EDF + earliest finish time, ATC
 * dispatching), each improved by variable-neighbourhood descent (move a block of 1..`segment` consecutive
 * groups to any place on any instance; exchange two groups), then iterated local search from the best:
 * a seeded random perturbation (`kick` block moves) followed by descent, accepted when not worse. Stops at
 * the step budget, after `patience` rounds without a new best, or at a lower bound (every group finishing
 * as early as it could alone).
 *
 * A move is priced in O(block + critical groups), not O(queue): it shifts whole runs of a queue by one
 * amount δ, and a run shifted by δ ≥ 0 costs its old lateness + δ·(weight of its late groups) + the
 * on-time groups whose slack is below δ (only those are visited); for δ < 0 only its late groups are.
 *
 * @param p - the validated problem
 * @param cfg - budget and tuning
 * @returns group indices per instance, in execution order
 */
export function searchSchedule(p: Problem, cfg: SearchConfig): number[][] {
  const e: Encoded = encode(p);
  const { n, m, gm, dl, wt, im, avail, dur, sw } = e;
  let wsum = 0;
  let scale = 1;
  for (let g = 0; g < n; g++) {
    wsum += wt[g]!;
    scale = Math.max(scale, Math.abs(dl[g]!));
  }
  for (let i = 0; i < m; i++) {
    let busy = avail[i]! + n * sw;
    for (let g = 0; g < n; g++) busy += dur[i * n + g]!;
    scale = Math.max(scale, busy);
  }
  const eps = 1e-9 * Math.max(1, wsum * scale); // costs closer than this are equal
  const N1 = n + 1;
  let steps = 0;
  let outT = 0;
  let outM = 0;

  // The current solution: instance i runs seq[i·n .. i·n + len[i]). Per position k (offset i·(n+1)): time,
  // model and cost after the first k groups; slack and weight of the group at k; the weight of the late
  // groups from k on; the next on-time / late position at or after k; and the last late position.
  const seq = new Int32Array(m * n);
  const len = new Int32Array(m);
  const pT = new Float64Array(m * N1);
  const pM = new Int32Array(m * N1);
  const pC = new Float64Array(m * N1);
  const slk = new Float64Array(m * N1);
  const wp = new Float64Array(m * N1);
  const lateW = new Float64Array(m * N1);
  const nextOn = new Int32Array(m * N1);
  const nextLate = new Int32Array(m * N1);
  const lastLate = new Int32Array(m);

  /** Run seq[from, to) on instance i after state (t, mdl, c); stops once c ≥ limit. */
  const run = (from: number, to: number, i: number, t: number, mdl: number, c: number, limit: number): number => {
    const o = i * n;
    let k = from;
    for (; k < to && c < limit; k++) {
      const g = seq[k]!;
      if (gm[g] !== mdl) {
        t += sw;
        mdl = gm[g]!;
      }
      t += dur[o + g]!;
      if (t > dl[g]!) c += wt[g]! * (t - dl[g]!);
    }
    steps += k - from + 1;
    outT = t;
    outM = mdl;
    return c;
  };
  /** Cost of the groups at positions [from, to) of instance i when all of them finish d later. */
  const shifted = (i: number, from: number, to: number, d: number): number => {
    const o = i * N1;
    let c = pC[o + to]! - pC[o + from]!;
    steps++;
    if (d === 0 || from >= to) return c;
    c += d * (lateW[o + from]! - lateW[o + to]!);
    if (d > 0) {
      for (let j = nextOn[o + from]!; j < to; j = nextOn[o + j + 1]!) {
        steps++;
        if (slk[o + j]! < d) c += wp[o + j]! * (d - slk[o + j]!);
      }
    } else {
      for (let j = nextLate[o + from]!; j < to; j = nextLate[o + j + 1]!) {
        steps++;
        if (slk[o + j]! > d) c += wp[o + j]! * (slk[o + j]! - d);
      }
    }
    return c;
  };
  /** How much later the group at position k of instance i starts when what precedes it ends at (t, mdl). */
  const delta = (i: number, k: number, t: number, mdl: number): number => {
    const g = gm[seq[i * n + k]!]!;
    const o = i * N1;
    return t + (mdl === g ? 0 : sw) - pT[o + k]! - (pM[o + k] === g ? 0 : sw);
  };
  const refresh = (i: number): void => {
    const o = i * N1;
    const s = i * n;
    const L = len[i]!;
    let t = avail[i]!;
    let mdl = im[i]!;
    let c = 0;
    pT[o] = t;
    pM[o] = mdl;
    pC[o] = 0;
    for (let k = 0; k < L; k++) {
      const g = seq[s + k]!;
      if (gm[g] !== mdl) {
        t += sw;
        mdl = gm[g]!;
      }
      t += dur[s + g]!;
      if (t > dl[g]!) c += wt[g]! * (t - dl[g]!);
      pT[o + k + 1] = t;
      pM[o + k + 1] = mdl;
      pC[o + k + 1] = c;
      slk[o + k] = dl[g]! - t;
      wp[o + k] = wt[g]!;
    }
    steps += L + 1;
    let lw = 0;
    let on = L;
    let late = L;
    lastLate[i] = -1;
    lateW[o + L] = 0;
    nextOn[o + L] = L;
    nextLate[o + L] = L;
    for (let k = L - 1; k >= 0; k--) {
      if (slk[o + k]! < 0) {
        lw += wp[o + k]!;
        late = k;
        if (lastLate[i]! < 0) lastLate[i] = k;
      } else on = k;
      lateW[o + k] = lw;
      nextOn[o + k] = on;
      nextLate[o + k] = late;
    }
  };
  const costOf = (i: number): number => pC[i * N1 + len[i]!]!;
  const total = (): number => {
    let c = 0;
    for (let i = 0; i < m; i++) c += costOf(i);
    return c;
  };
  // Snapshots: seq then len in one Int32Array.
  const snapshot = (into: Int32Array): void => {
    into.set(seq);
    into.set(len, m * n);
  };
  const restore = (from: Int32Array): void => {
    seq.set(from.subarray(0, m * n));
    len.set(from.subarray(m * n));
    for (let i = 0; i < m; i++) refresh(i);
  };
  const block = new Int32Array(n);
  /** Move the L groups at [pos, pos+L) of instance a to position q of instance b (q counted without them). */
  const relocate = (a: number, pos: number, L: number, b: number, q: number): void => {
    const sa = a * n;
    const sb = b * n;
    block.set(seq.subarray(sa + pos, sa + pos + L));
    seq.copyWithin(sa + pos, sa + pos + L, sa + len[a]!);
    len[a] = len[a]! - L;
    seq.copyWithin(sb + q + L, sb + q, sb + len[b]!);
    seq.set(block.subarray(0, L), sb + q);
    len[b] = len[b]! + L;
    refresh(a);
    if (b !== a) refresh(b);
  };

  /** Best move of the block at [pos, pos+L) of instance a to any other place; applied when it pays. */
  const moveBlock = (a: number, pos: number, L: number): boolean => {
    const sa = a * n;
    const oa = a * N1;
    const la = len[a]!;
    const ca = costOf(a);
    // Taking the block out moves the rest up by dRem ≤ 0.
    const dRem = pos + L < la ? delta(a, pos + L, pT[oa + pos]!, pM[oa + pos]!) : 0;
    const gain = ca - pC[oa + pos]! - shifted(a, pos + L, la, dRem);
    // Putting a block in never advances the queue it joins (a swap it adds never saves one), so a move
    // can only pay when taking the block out pays.
    if (gain <= eps) return false;
    let bd = -eps;
    let bb = -1;
    let bq = -1;
    for (let b = 0; b < m; b++) {
      if (b === a) continue;
      const ob = b * N1;
      const lb = len[b]!;
      const cb = costOf(b);
      let blockDur = 0;
      for (let k = sa + pos; k < sa + pos + L; k++) blockDur += dur[b * n + seq[k]!]!;
      for (let q = 0; q <= lb; q++) {
        const limit = cb + bd + gain;
        if (pC[ob + q]! >= limit) break;
        let c = run(sa + pos, sa + pos + L, b, pT[ob + q]!, pM[ob + q]!, pC[ob + q]!, limit);
        // the block's own lateness grows with q; the groups after it are delayed by at least its drain time
        const low = c - pC[ob + q]! + cb;
        if (low >= limit) break;
        if (low + blockDur * lateW[ob + q]! >= limit) continue;
        if (q < lb) c += shifted(b, q, lb, delta(b, q, outT, outM));
        if (c < limit) {
          bd = c - cb - gain;
          bb = b;
          bq = q;
        }
      }
    }
    // Same instance, earlier (before position q < pos): the groups it jumps over shift by one amount, and
    // so does the rest after its old place.
    for (let q = 0; q < pos; q++) {
      const limit = ca + bd;
      if (pC[oa + q]! >= limit) break;
      let c = run(sa + pos, sa + pos + L, a, pT[oa + q]!, pM[oa + q]!, pC[oa + q]!, limit);
      if (c >= limit) break;
      const d1 = delta(a, q, outT, outM);
      c += shifted(a, q, pos, d1);
      if (pos + L < la) c += shifted(a, pos + L, la, delta(a, pos + L, pT[oa + pos]! + d1, pM[oa + pos]!));
      if (c < limit) {
        bd = c - ca;
        bb = a;
        bq = q;
      }
    }
    // Same instance, later (after the group at k): the groups it jumps over move up by dRem.
    let acc = pC[oa + pos]!;
    for (let k = pos + L; k < la; k++) {
      if (slk[oa + k]! < dRem) acc += wp[oa + k]! * (dRem - slk[oa + k]!);
      const limit = ca + bd;
      if (acc >= limit) break;
      let c = run(sa + pos, sa + pos + L, a, pT[oa + k + 1]! + dRem, gm[seq[sa + k]!]!, acc, limit);
      if (c >= limit) continue;
      if (k + 1 < la) c += shifted(a, k + 1, la, delta(a, k + 1, outT, outM));
      if (c < limit) {
        bd = c - ca;
        bb = a;
        bq = k - L + 1;
      }
    }
    if (bb < 0) return false;
    relocate(a, pos, L, bb, bq);
    return true;
  };

  /** Cost of instance i with the group at position k replaced by g. */
  const replaced = (i: number, k: number, g: number): number => {
    const o = i * N1;
    const at = i * n + k;
    const keep = seq[at]!;
    seq[at] = g;
    let c = run(at, at + 1, i, pT[o + k]!, pM[o + k]!, pC[o + k]!, Infinity);
    seq[at] = keep;
    if (k + 1 < len[i]!) c += shifted(i, k + 1, len[i]!, delta(i, k + 1, outT, outM));
    return c;
  };
  /** Exchange the groups at (a, pa) and (b, pb) (pa < pb when a = b) when that lowers the cost. */
  const exchange = (a: number, pa: number, b: number, pb: number): boolean => {
    const ia = a * n + pa;
    const ib = b * n + pb;
    const x = seq[ia]!;
    const y = seq[ib]!;
    let d: number;
    if (a !== b) {
      // Each side keeps at least its prefix cost and the lateness of the group it receives.
      const oa = a * N1;
      const ob = b * N1;
      const ta = pT[oa + pa]! + (pM[oa + pa] === gm[y] ? 0 : sw) + dur[a * n + y]!;
      const tb = pT[ob + pb]! + (pM[ob + pb] === gm[x] ? 0 : sw) + dur[b * n + x]!;
      const low = wt[y]! * Math.max(0, ta - dl[y]!) + wt[x]! * Math.max(0, tb - dl[x]!);
      if (low >= costOf(a) - pC[oa + pa]! + costOf(b) - pC[ob + pb]! - eps) return false;
      d = replaced(a, pa, y) - costOf(a) + replaced(b, pb, x) - costOf(b);
    }
    else {
      const oa = a * N1;
      seq[ia] = y;
      seq[ib] = x;
      d = run(ia, a * n + len[a]!, a, pT[oa + pa]!, pM[oa + pa]!, pC[oa + pa]!, costOf(a) - eps) - costOf(a);
      seq[ia] = x;
      seq[ib] = y;
    }
    if (d >= -eps) return false;
    seq[ia] = y;
    seq[ib] = x;
    refresh(a);
    if (b !== a) refresh(b);
    return true;
  };

  /** Variable-neighbourhood descent: block moves of length 1..segment, then exchanges, until none pays. */
  const descend = (): void => {
    let improved = true;
    while (improved && steps < cfg.maxSteps) {
      improved = false;
      // Only a position with a late group at or after it can gain.
      for (let L = 1; L <= cfg.segment; L++) {
        for (let a = 0; a < m; a++) {
          for (let pos = 0; pos <= lastLate[a]! && pos + L <= len[a]! && steps < cfg.maxSteps; pos++) if (moveBlock(a, pos, L)) improved = true;
        }
      }
      for (let a = 0; a < m; a++) {
        for (let pa = 0; pa < len[a]! && steps < cfg.maxSteps; pa++) {
          for (let b = a; b < m; b++) {
            const hi = pa <= lastLate[a]! ? len[b]! : Math.min(len[b]!, lastLate[b]! + 1);
            for (let pb = b === a ? pa + 1 : 0; pb < hi; pb++) if (exchange(a, pa, b, pb)) improved = true;
          }
        }
      }
    }
  };

  const best = new Int32Array(m * n + m);
  const cur = new Int32Array(m * n + m);
  let bestCost = Infinity;
  const starts = constructiveStarts(e, cfg.atc, cfg.maxSteps / 4);
  steps += (starts.length - 1) * n * n;
  for (const start of starts) {
    restore(start);
    descend();
    const c = total();
    if (c < bestCost - eps) {
      bestCost = c;
      snapshot(best);
    }
  }
  // Iterated local search from the best start; the perturbation is seeded, so the result is deterministic.
  const rng = createRng(n * 7919 + m);
  cur.set(best);
  let curCost = bestCost;
  for (let idle = 0; idle < cfg.patience && steps < cfg.maxSteps && bestCost > e.lowerBound + eps && n > 1; idle++) {
    restore(cur);
    for (let k = 0; k < cfg.kick; k++) {
      let a = Math.floor(rng.next() * m);
      while (len[a] === 0) a = (a + 1) % m;
      const pos = Math.floor(rng.next() * len[a]!);
      const L = Math.min(len[a]! - pos, 1 + Math.floor(rng.next() * 2));
      const b = Math.floor(rng.next() * m);
      relocate(a, pos, L, b, Math.floor(rng.next() * (len[b]! + 1 - (b === a ? L : 0))));
    }
    descend();
    const c = total();
    if (c <= curCost + eps) {
      snapshot(cur);
      curCost = c;
    }
    if (c < bestCost - eps) {
      best.set(cur);
      bestCost = c;
      idle = -1;
    }
  }
  return Array.from({ length: m }, (_, i) => Array.from(best.subarray(i * n, i * n + best[m * n + i]!)));
}
