import { normalCdf } from '@infra/types';
import { addSlotCounts, renewalMoments, toGrid } from './renewal.js';
import type { SlotClass } from './slot-class.js';
import type { Pmf } from './token-histogram.js';

/** Lattice cells of the departure-count CDF. */
export const GRID = 192;

/** Largest departure count handled by the discrete (Poisson-binomial + Poisson) approximation. */
const SMALL_NEED = 8;

/**
 * P(N_d ≤ nΔ) = P(departures by nΔ ≥ d). For d ≤ 8 the count is approximated discretely: the first
 * departure of each running slot is a Bernoulli (exact Poisson-binomial over the residual classes) and the
 * re-departures of refilled slots are Poisson, proportional to the number of slots that turned over;
 * above that, a normal approximation
 * with the renewal mean and variance (continuity-corrected).
 */
export function countNormalCdf(classes: readonly SlotClass[], refill: Pmf, need: number, delta: number): Float64Array {
  const f = toGrid(refill, delta, GRID);
  const rm = renewalMoments(f);
  const mean = new Float64Array(GRID + 1);
  const variance = new Float64Array(GRID + 1);
  // First departures are rounded up to the lattice (never earlier than possible); refills split the mass.
  const grids = classes.map((c) => toGrid(c.pmf, delta, GRID, true));
  classes.forEach((c, i) => addSlotCounts(grids[i]!, rm, c.weight, mean, variance));
  const cdf = new Float64Array(GRID + 1);
  let prev = 0;
  if (need <= SMALL_NEED) {
    const firstCdf = grids.map(() => 0);
    const dist = new Float64Array(need + 1);
    const next = new Float64Array(need + 1);
    const binom = new Float64Array(need + 1);
    for (let n = 0; n <= GRID; n++) {
      dist.fill(0);
      dist[0] = 1;
      let bernMean = 0;
      classes.forEach((c, i) => {
        firstCdf[i] = Math.min(1, firstCdf[i]! + grids[i]![n]!);
        const q = firstCdf[i]!;
        bernMean += c.weight * q;
        binomialTruncated(c.weight, q, need, binom);
        next.fill(0);
        for (let a = 0; a <= need; a++) {
          const da = dist[a]!;
          if (da === 0) continue;
          for (let k = 0; k <= need; k++) next[Math.min(need, a + k)] = next[Math.min(need, a + k)]! + da * binom[k]!;
        }
        dist.set(next);
      });
      // Re-departures happen only on slots that already turned over: given a first departures, the
      // extra count is Poisson with a × (mean extra per turned-over slot).
      const perSlot = bernMean > 0 ? Math.max(0, mean[n]! - bernMean) / bernMean : 0;
      let p = 0;
      for (let a = 0; a <= need; a++) p += dist[a]! * poissonAtLeast(a * perSlot, need - a);
      prev = Math.max(prev, Math.min(1, p));
      cdf[n] = prev;
    }
    return cdf;
  }
  for (let n = 0; n <= GRID; n++) {
    const sd = Math.sqrt(variance[n]!);
    const z = need - 0.5 - mean[n]!;
    const p = sd > 0 ? 1 - normalCdf(z / sd) : z < 0 ? 1 : 0;
    prev = Math.max(prev, p);
    cdf[n] = prev;
  }
  return cdf;
}

/** Binomial(w, q) pmf for k < cap, with P(≥ cap) lumped into `out[cap]`. */
function binomialTruncated(w: number, q: number, cap: number, out: Float64Array): void {
  out.fill(0);
  if (q <= 0) {
    out[0] = 1;
    return;
  }
  if (q >= 1) {
    out[Math.min(cap, w)] = 1;
    return;
  }
  let pk = Math.exp(w * Math.log1p(-q));
  let acc = 0;
  const ratio = q / (1 - q);
  for (let k = 0; k < cap && k <= w; k++) {
    out[k] = pk;
    acc += pk;
    pk *= ((w - k) / (k + 1)) * ratio;
  }
  if (w >= cap) out[cap] = Math.max(0, 1 - acc);
}

/** P(Poisson(λ) ≥ j). */
function poissonAtLeast(lambda: number, j: number): number {
  if (j <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let below = 0;
  for (let i = 0; i < j; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.max(0, 1 - below);
}
