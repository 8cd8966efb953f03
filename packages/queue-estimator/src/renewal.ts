import type { Pmf } from './token-histogram.js';

/**
 * Put a pmf on the lattice {0, Δ, 2Δ, …, HΔ}, splitting each point's mass between its two neighbours
 * so the mean is preserved (or, with `roundUp`, moving it to the next lattice point: no departure is
 * ever placed earlier than it can happen); mass beyond HΔ is dropped (it never falls inside the horizon).
 *
 * @param pmf - support in tokens (= decode iterations) and probabilities
 * @param delta - lattice step Δ > 0
 * @param h - number of cells H
 * @param roundUp - round up instead of splitting (default false)
 * @returns probabilities per cell, length H + 1
 */
export function toGrid(pmf: Pmf, delta: number, h: number, roundUp = false): Float64Array {
  const out = new Float64Array(h + 1);
  for (let i = 0; i < pmf.values.length; i++) {
    const x = pmf.values[i]! / delta;
    const p = pmf.probs[i]!;
    if (roundUp) {
      const c = Math.ceil(x - 1e-9);
      if (c <= h) out[c] = out[c]! + p;
      continue;
    }
    const lo = Math.floor(x);
    const frac = x - lo;
    if (lo <= h) out[lo] = out[lo]! + p * (1 - frac);
    if (lo + 1 <= h) out[lo + 1] = out[lo + 1]! + p * frac;
  }
  return out;
}

/** First and second moments of a renewal counting process on a lattice. */
export interface RenewalMoments {
  /** m(n) = E[N(nΔ)]: renewals in (0, nΔ] of an ordinary renewal process. */
  readonly m: Float64Array;
  /** m2(n) = E[N(nΔ)²]. */
  readonly m2: Float64Array;
}

/**
 * Renewal function and its second moment on the lattice by the discrete renewal equations
 * m = F + f∗m and m2 = F + 2 f∗m + f∗m2 (zero-length cells handled by dividing out f(0)).
 *
 * @param f - inter-renewal pmf on the grid (from {@link toGrid}); f(0) < 1
 * @returns m and m2, length H + 1
 */
export function renewalMoments(f: Float64Array): RenewalMoments {
  const h = f.length - 1;
  const m = new Float64Array(h + 1);
  const m2 = new Float64Array(h + 1);
  const f0 = f[0]!;
  const inv = 1 / (1 - Math.min(f0, 1 - 1e-9));
  const nz: number[] = [];
  for (let x = 1; x <= h; x++) if (f[x]! > 0) nz.push(x);
  let cdf = f0;
  for (let n = 0; n <= h; n++) {
    if (n > 0) cdf += f[n]!;
    let a = 0;
    let b = 0;
    for (const x of nz) {
      if (x > n) break;
      const fx = f[x]!;
      a += fx * m[n - x]!;
      b += fx * m2[n - x]!;
    }
    const mn = (cdf + a) * inv;
    m[n] = mn;
    // m2 = F + 2(f∗m) + f∗m2, where f∗m includes the x = 0 term f0·m(n).
    m2[n] = (cdf + 2 * (a + f0 * mn) + b) * inv;
  }
  return { m, m2 };
}

/**
 * Mean and second moment of a slot's departure count by nΔ, for a slot whose current job has residual
 * pmf `r` (on the grid) and whose later jobs follow the renewal process with moments `rm`:
 * E[N] = Σ r(x)(1 + m(n−x)), E[N²] = Σ r(x)(1 + 2m(n−x) + m2(n−x)). Adds `weight` × these into the
 * accumulators (mean, second-moment-minus-square per slot).
 *
 * @param r - residual pmf on the grid
 * @param rm - renewal moments of the later jobs
 * @param weight - number of identical slots
 * @param mean - accumulator of Σ E[N]
 * @param variance - accumulator of Σ Var[N]
 */
export function addSlotCounts(r: Float64Array, rm: RenewalMoments, weight: number, mean: Float64Array, variance: Float64Array): void {
  const h = r.length - 1;
  const nz: number[] = [];
  for (let x = 0; x <= h; x++) if (r[x]! > 0) nz.push(x);
  for (let n = 0; n <= h; n++) {
    let e1 = 0;
    let e2 = 0;
    for (const x of nz) {
      if (x > n) break;
      const rx = r[x]!;
      const mm = rm.m[n - x]!;
      e1 += rx * (1 + mm);
      e2 += rx * (1 + 2 * mm + rm.m2[n - x]!);
    }
    mean[n] = mean[n]! + weight * e1;
    variance[n] = variance[n]! + weight * Math.max(0, e2 - e1 * e1);
  }
}

/**
 * Exact distribution of R + O₁ + … + O_j on the grid by repeated sparse convolution.
 *
 * @param r - pmf of R on the grid
 * @param f - pmf of each O on the grid
 * @param j - number of O terms, ≥ 0
 * @returns pmf of the sum on the same grid (mass beyond the horizon dropped)
 */
export function convolvePower(r: Float64Array, f: Float64Array, j: number): Float64Array {
  const h = r.length - 1;
  const nz: number[] = [];
  for (let x = 0; x <= h; x++) if (f[x]! > 0) nz.push(x);
  let cur = r;
  for (let step = 0; step < j; step++) {
    const next = new Float64Array(h + 1);
    for (let a = 0; a <= h; a++) {
      const ca = cur[a]!;
      if (ca === 0) continue;
      for (const x of nz) {
        if (a + x > h) break;
        next[a + x] = next[a + x]! + ca * f[x]!;
      }
    }
    cur = next;
  }
  return cur;
}
