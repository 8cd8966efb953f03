import type { SlotClass } from './slot-class.js';
import type { Pmf } from './token-histogram.js';

/** E[min(X, L)] and Var(min(X, L)) of a pmf. */
export function truncatedMoments(p: Pmf, limit: number): { mean: number; variance: number } {
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < p.values.length; i++) {
    const v = Math.min(p.values[i]!, limit);
    const q = p.probs[i]!;
    m1 += q * v;
    m2 += q * v * v;
  }
  return { mean: m1, variance: Math.max(0, m2 - m1 * m1) };
}

/** Quadrature points for the admissions spread over the window. */
const WINDOW_POINTS = 16;

/**
 * Decoder-iterations inside a window of `iters` iterations: running classes decode min(R, iters); `count`
 * requests with outputs ~ `ahead`, admitted uniformly over the window, decode min(O, iters − t). `spread`
 * is Σ sd of the terms: a mis-estimated output distribution shifts every term the same way, so its
 * estimation error contributes spread²/n for a history of n outputs.
 */
export function windowDecode(
  classes: readonly SlotClass[],
  running: number,
  ahead: Pmf | undefined,
  count: number,
  iters: number,
): { mean: number; variance: number; spread: number } {
  let mean = 0;
  let variance = 0;
  let spread = 0;
  for (let c = 0; c < running; c++) {
    const t = truncatedMoments(classes[c]!.pmf, iters);
    const w = classes[c]!.weight;
    mean += w * t.mean;
    variance += w * t.variance;
    spread += w * Math.sqrt(t.variance);
  }
  if (ahead !== undefined && count > 0) {
    const points = Math.min(count, WINDOW_POINTS);
    for (let j = 0; j < points; j++) {
      const t = truncatedMoments(ahead, iters * (1 - (j + 0.5) / points));
      mean += (count / points) * t.mean;
      variance += (count / points) * t.variance;
      spread += (count / points) * Math.sqrt(t.variance);
    }
  }
  return { mean, variance, spread };
}
