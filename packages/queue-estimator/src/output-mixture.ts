import { binUpper, tokenPmf, type Pmf, type TokenHistogram } from './token-histogram.js';

/**
 * Running sequences of a group that have generated `generated` tokens so far: right-censored output
 * lengths (O > generated), with their residual distribution O − generated given O > generated.
 */
export interface CensoredOutputs {
  /** Mean tokens generated so far by these sequences. */
  readonly generated: number;
  /** Residual output distribution given the tokens generated so far. */
  readonly residual: Pmf;
  /** Number of sequences. */
  readonly weight: number;
}

/** One group in an output-length mixture: its completed history and, optionally, its censored running outputs. */
export interface MixturePart {
  /** Completed output lengths of the group. */
  readonly h: TokenHistogram;
  /** Mixture weight (e.g. requests of the group in the queue). */
  readonly weight: number;
  /** Running sequences of the group (censored outputs), if any. */
  readonly censored?: readonly CensoredOutputs[];
}

/**
 * Raw moments of one group's outputs with censored running sequences redistributed to the right (Efron):
 * each contributes generated + residual instead of being left out. Completions seen so far over-represent
 * short outputs while long ones are still running (a burst on a fresh history), which this undoes.
 */
function partMoments(part: MixturePart): { n: number; m1: number; m2: number; m3: number } {
  let n = part.h.n;
  let m1 = part.h.s1;
  let m2 = part.h.s2;
  let m3 = part.h.s3;
  for (const c of part.censored ?? []) {
    const r = c.residual;
    for (let i = 0; i < r.values.length; i++) {
      const v = c.generated + r.values[i]!;
      const q = c.weight * r.probs[i]!;
      m1 += q * v;
      m2 += q * v * v;
      m3 += q * v * v * v;
    }
    n += c.weight;
  }
  return { n, m1: m1 / n, m2: m2 / n, m3: m3 / n };
}

/**
 * Raw moments E[O], E[O²], E[O³] of a weighted mixture of groups (exact power sums plus censored
 * sequences): O(groups + censored classes).
 *
 * @param parts - the groups, non-empty, weights > 0
 * @returns mean, second and third raw moments
 */
export function mixMoments(parts: readonly MixturePart[]): { mean: number; m2: number; m3: number } {
  let w = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  for (const part of parts) {
    const m = partMoments(part);
    w += part.weight;
    m1 += part.weight * m.m1;
    m2 += part.weight * m.m2;
    m3 += part.weight * m.m3;
  }
  return { mean: m1 / w, m2: m2 / w, m3: m3 / w };
}

/**
 * Effective number of observed outputs behind a mixture (completions plus censored sequences, each
 * histogram counted once): the sample size of its estimation error.
 *
 * @param parts - the groups
 * @returns at least 1
 */
export function mixtureHistorySize(parts: readonly MixturePart[]): number {
  const seen = new Set<TokenHistogram>();
  let n = 0;
  for (const part of parts) {
    if (seen.has(part.h)) continue;
    seen.add(part.h);
    n += partMoments(part).n;
  }
  return Math.max(1, n);
}

/**
 * The weighted mixture pmf of several groups' output lengths, bin by bin on the groups' common bin
 * layout (censored sequences' mass lands in the bins of generated + residual).
 *
 * @param parts - the groups, non-empty, weights > 0
 * @returns the pmf (support increasing)
 */
export function mixHistograms(parts: readonly MixturePart[]): Pmf {
  const first = parts[0]!.h;
  const anyCensored = parts.some((p) => (p.censored?.length ?? 0) > 0);
  if (parts.length === 1 && !anyCensored) return tokenPmf(first);
  const same = parts.every(({ h }) => h.counts.length === first.counts.length && h.linearBins === first.linearBins && h.growth === first.growth);
  let total = 0;
  for (const { weight } of parts) total += weight;
  if (!same) {
    const acc = new Map<number, number>();
    const add = (v: number, q: number): void => void acc.set(v, (acc.get(v) ?? 0) + q);
    for (const part of parts) {
      const n = partMoments(part).n;
      const pmf = tokenPmf(part.h);
      for (let i = 0; i < pmf.values.length; i++) add(pmf.values[i]!, (((pmf.probs[i]! * part.h.n) / n) * part.weight) / total);
      for (const c of part.censored ?? []) {
        for (let i = 0; i < c.residual.values.length; i++) add(c.generated + c.residual.values[i]!, (((c.residual.probs[i]! * c.weight) / n) * part.weight) / total);
      }
    }
    const keys = [...acc.keys()].sort((a, b) => a - b);
    return { values: Float64Array.from(keys), probs: Float64Array.from(keys, (k) => acc.get(k)!) };
  }
  const nb = first.counts.length;
  const uppers = anyCensored ? Float64Array.from({ length: nb }, (_, b) => binUpper(first, b)) : undefined;
  const mass = new Float64Array(nb);
  const tok = new Float64Array(nb);
  for (const part of parts) {
    const { h } = part;
    const f = part.weight / partMoments(part).n;
    for (let b = 0; b < nb; b++) {
      const c = h.counts[b]!;
      if (c > 0) {
        mass[b] = mass[b]! + f * c;
        tok[b] = tok[b]! + f * h.sums[b]!;
      }
    }
    for (const c of part.censored ?? []) {
      // residual values increase, so one pointer walk over the bin edges places them all
      let b = 0;
      for (let i = 0; i < c.residual.values.length; i++) {
        const v = c.generated + c.residual.values[i]!;
        const x = Math.max(1, Math.round(v));
        while (b < nb - 1 && uppers![b]! < x) b++;
        const q = f * c.weight * c.residual.probs[i]!;
        mass[b] = mass[b]! + q;
        tok[b] = tok[b]! + q * v;
      }
    }
  }
  const values: number[] = [];
  const probs: number[] = [];
  for (let b = 0; b < nb; b++) {
    if (mass[b]! > 0) {
      values.push(tok[b]! / mass[b]!);
      probs.push(mass[b]! / total);
    }
  }
  return { values: Float64Array.from(values), probs: Float64Array.from(probs) };
}
