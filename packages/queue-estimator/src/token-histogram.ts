import { InfraError, assertInteger, assertPlainObject, assertPositive } from '@infra/types';

/**
 * Bounded histogram of output lengths (tokens) for one request group: exact one-token bins up to
 * `linearBins`, then geometric bins (ratio `growth`) up to `maxTokens`. Stores per-bin counts and token
 * sums (the bin's representative is its mean) plus the raw power sums, so the mean and variance are exact.
 * When the total weight reaches `maxCount` all weights are halved (a sliding window with O(1) amortised
 * cost). Plain JSON; never mutated.
 */
export interface TokenHistogram {
  /** Schema version (1). */
  readonly version: 1;
  /** Number of exact one-token bins (values 1..linearBins). */
  readonly linearBins: number;
  /** Ratio between consecutive geometric bin edges, > 1. */
  readonly growth: number;
  /** Largest representable output length; longer observations are truncated to it. */
  readonly maxTokens: number;
  /** Weight at which all weights are halved. */
  readonly maxCount: number;
  /** Weight per bin. */
  readonly counts: readonly number[];
  /** Weighted token sum per bin. */
  readonly sums: readonly number[];
  /** Total weight. */
  readonly n: number;
  /** Weighted Σ x. */
  readonly s1: number;
  /** Weighted Σ x². */
  readonly s2: number;
  /** Weighted Σ x³. */
  readonly s3: number;
}

/** Options of {@link createTokenHistogram}. */
export interface TokenHistogramOptions {
  /** Exact bins (default 64). */
  readonly linearBins?: number;
  /** Geometric growth of the wider bins (default 1.1). */
  readonly growth?: number;
  /** Truncation point (default 32 768 tokens). */
  readonly maxTokens?: number;
  /** Halve all weights when the total reaches this (default 20 000). */
  readonly maxCount?: number;
}

/** A discrete distribution on positive support points (tokens or iterations). */
export interface Pmf {
  /** Support points, increasing. */
  readonly values: Float64Array;
  /** Probabilities (sum 1). */
  readonly probs: Float64Array;
}

/**
 * Number of bins of a histogram configuration.
 *
 * @param h - the histogram (or its configuration)
 * @returns bin count
 */
export function binCount(h: Pick<TokenHistogram, 'linearBins' | 'growth' | 'maxTokens'>): number {
  if (h.maxTokens <= h.linearBins) return h.maxTokens;
  return h.linearBins + Math.ceil(Math.log(h.maxTokens / h.linearBins) / Math.log(h.growth) - 1e-12);
}

/**
 * Bin index of an output length (already clipped to [1, maxTokens]).
 *
 * @param h - histogram configuration
 * @param x - tokens
 * @returns index in [0, binCount)
 */
export function binOf(h: Pick<TokenHistogram, 'linearBins' | 'growth' | 'maxTokens'>, x: number): number {
  if (x <= h.linearBins) return Math.max(0, Math.ceil(x) - 1);
  const j = h.linearBins + Math.floor(Math.log(x / h.linearBins) / Math.log(h.growth) - 1e-12);
  return Math.min(binCount(h) - 1, j);
}

/**
 * Upper edge (largest token count) of bin `i`.
 *
 * @param h - histogram configuration
 * @param i - bin index
 * @returns the largest output length that falls in the bin
 */
export function binUpper(h: Pick<TokenHistogram, 'linearBins' | 'growth' | 'maxTokens'>, i: number): number {
  if (i < h.linearBins) return i + 1;
  return Math.min(h.maxTokens, Math.floor(h.linearBins * Math.pow(h.growth, i - h.linearBins + 1) + 1e-9));
}

/**
 * An empty output-length histogram.
 *
 * @param opts - bin layout and window
 * @returns a fresh histogram
 * @throws InfraError on non-integer bins, growth ≤ 1 or maxTokens < 1
 *
 * @example
 * ```ts @import.meta.vitest
 * const h = createTokenHistogram({ maxTokens: 2048 });
 * expect(h.n).toBe(0);
 * expect(h.counts.length).toBe(binCount(h));
 * ```
 */
export function createTokenHistogram(opts: TokenHistogramOptions = {}): TokenHistogram {
  const linearBins = assertInteger(opts.linearBins ?? 64, 'opts.linearBins', { min: 1, max: 1 << 16 });
  const growth = assertPositive(opts.growth ?? 1.1, 'opts.growth');
  if (!(growth > 1)) throw new InfraError('OUT_OF_RANGE', 'opts.growth', `must be > 1, got ${growth}`);
  const maxTokens = assertInteger(opts.maxTokens ?? 32_768, 'opts.maxTokens', { min: 1, max: 1 << 30 });
  const maxCount = assertPositive(opts.maxCount ?? 20_000, 'opts.maxCount');
  const cfg = { linearBins, growth, maxTokens };
  const nb = binCount(cfg);
  if (nb > 4096) throw new InfraError('OUT_OF_RANGE', 'opts.growth', `gives ${nb} bins (at most 4096)`);
  const zeros = new Array<number>(nb).fill(0);
  return { version: 1, ...cfg, maxCount, counts: zeros, sums: zeros.slice(), n: 0, s1: 0, s2: 0, s3: 0 };
}

/**
 * Fold one completed request's output length into the histogram: O(bins) copy, independent of history.
 *
 * @param h - the histogram
 * @param outputTokens - observed output length, an integer ≥ 1 (values above `maxTokens` are truncated)
 * @returns a new histogram
 * @throws InfraError `NOT_FINITE` / `OUT_OF_RANGE` naming `outputTokens`
 *
 * @example
 * ```ts @import.meta.vitest
 * let h = createTokenHistogram();
 * for (const x of [10, 20, 30]) h = observeTokens(h, x);
 * expect(tokenMoments(h).mean).toBeCloseTo(20, 12);
 * ```
 */
export function observeTokens(h: TokenHistogram, outputTokens: number): TokenHistogram {
  const x0 = assertInteger(outputTokens, 'outputTokens', { min: 1 });
  const x = Math.min(x0, h.maxTokens);
  const counts = h.counts.slice();
  const sums = h.sums.slice();
  let { n, s1, s2, s3 } = h;
  if (n + 1 > h.maxCount) {
    for (let i = 0; i < counts.length; i++) {
      counts[i] = counts[i]! * 0.5;
      sums[i] = sums[i]! * 0.5;
    }
    n *= 0.5;
    s1 *= 0.5;
    s2 *= 0.5;
    s3 *= 0.5;
  }
  const b = binOf(h, x);
  counts[b] = counts[b]! + 1;
  sums[b] = sums[b]! + x;
  return { ...h, counts, sums, n: n + 1, s1: s1 + x, s2: s2 + x * x, s3: s3 + x * x * x };
}

/** Moments of an output-length distribution. */
export interface TokenMoments {
  /** Total (possibly decayed) observation weight. */
  readonly count: number;
  /** Mean E[O]. */
  readonly mean: number;
  /** Variance Var[O]. */
  readonly variance: number;
  /** Raw second moment E[O²]. */
  readonly m2: number;
  /** Raw third moment E[O³]. */
  readonly m3: number;
}

/**
 * Mean, variance and raw moments of the observed output lengths.
 *
 * @param h - the histogram
 * @returns the moments
 * @throws InfraError `EMPTY` (path `history`) when nothing was observed
 *
 * @example
 * ```ts @import.meta.vitest
 * const h = observeTokens(observeTokens(createTokenHistogram(), 1), 3);
 * expect(tokenMoments(h).variance).toBeCloseTo(1, 12);
 * ```
 */
export function tokenMoments(h: TokenHistogram): TokenMoments {
  if (!(h.n > 0)) throw new InfraError('EMPTY', 'history', 'no output lengths observed for this group');
  const mean = h.s1 / h.n;
  const m2 = h.s2 / h.n;
  return { count: h.n, mean, variance: Math.max(0, m2 - mean * mean), m2, m3: h.s3 / h.n };
}

/**
 * The empirical output-length distribution (bin means as support points).
 *
 * @param h - the histogram
 * @returns the pmf over non-empty bins
 * @throws InfraError `EMPTY` when nothing was observed
 *
 * @example
 * ```ts @import.meta.vitest
 * const p = tokenPmf(observeTokens(observeTokens(createTokenHistogram(), 5), 5));
 * expect(Array.from(p.values)).toEqual([5]);
 * ```
 */
export function tokenPmf(h: TokenHistogram): Pmf {
  return residualPmf(h, 0);
}

/**
 * Remaining output tokens of a running request that has generated `generated` tokens:
 * the distribution of O − g given O > g (inspection-paradox-correct residual life), optionally capped by
 * the request's own `max_tokens`. When the history has no mass above `g`, the tail is extrapolated with
 * a mean excess equal to `g` (Pareto-like, Lindy) capped by the limits.
 *
 * @param h - the group's histogram
 * @param generated - tokens generated so far, integer ≥ 0
 * @param maxTokens - the request's max_tokens, if known (≥ generated + 1)
 * @returns the residual pmf (support ≥ 1 token)
 * @throws InfraError `EMPTY` when nothing was observed; `OUT_OF_RANGE` on negative `generated`
 *
 * @example
 * ```ts @import.meta.vitest
 * let h = createTokenHistogram();
 * for (const x of [10, 20, 40]) h = observeTokens(h, x);
 * const r = residualPmf(h, 15); // only 20 and 40 can still be running
 * expect(Array.from(r.values)).toEqual([5, 25]);
 * expect(Array.from(r.probs)).toEqual([0.5, 0.5]);
 * ```
 */
export function residualPmf(h: TokenHistogram, generated: number, maxTokens?: number): Pmf {
  if (!(h.n > 0)) throw new InfraError('EMPTY', 'history', 'no output lengths observed for this group');
  const g = generated;
  const cap = Math.min(h.maxTokens, maxTokens ?? Infinity) - g;
  const vals: number[] = [];
  const ps: number[] = [];
  let total = 0;
  const start = binOf(h, Math.max(1, g));
  for (let i = start; i < h.counts.length; i++) {
    const c = h.counts[i]!;
    if (c <= 0) continue;
    if (i === start) {
      const upper = binUpper(h, i);
      const lower = i === 0 ? 1 : binUpper(h, i - 1) + 1;
      if (upper <= lower) {
        const v = h.sums[i]! / c - g;
        if (v > 0) {
          vals.push(Math.max(1, v));
          ps.push(c);
          total += c;
        }
        continue;
      }
      // A wide bin straddling g: only its part above g can still be running (uniform within the bin).
      if (upper <= g) continue;
      const frac = Math.min(1, (upper - g) / (upper - lower + 1));
      vals.push(Math.max(1, (upper - g + 1) / 2));
      ps.push(c * frac);
      total += c * frac;
      continue;
    }
    const v = h.sums[i]! / c - g;
    if (v <= 0) continue;
    vals.push(Math.max(1, v));
    ps.push(c);
    total += c;
  }
  if (total === 0) {
    const r = Math.max(1, Math.min(Number.isFinite(cap) ? cap : Infinity, Math.max(1, g)));
    return { values: Float64Array.of(r), probs: Float64Array.of(1) };
  }
  // Truncation at the request's max_tokens: mass above the cap sits at the cap.
  const values: number[] = [];
  const probs: number[] = [];
  let capMass = 0;
  for (let i = 0; i < vals.length; i++) {
    if (vals[i]! >= cap) capMass += ps[i]! / total;
    else {
      values.push(vals[i]!);
      probs.push(ps[i]! / total);
    }
  }
  if (capMass > 0) {
    values.push(Math.max(1, cap));
    probs.push(capMass);
  }
  return { values: Float64Array.from(values), probs: Float64Array.from(probs) };
}

/**
 * Validate an untrusted histogram (e.g. parsed JSON).
 *
 * @param x - candidate
 * @param path - argument path
 * @returns the histogram
 * @throws InfraError naming the first bad field
 */
export function assertTokenHistogram(x: unknown, path = 'histogram'): TokenHistogram {
  const o = assertPlainObject(x, path);
  if (o['version'] !== 1) throw new InfraError('VERSION_MISMATCH', `${path}.version`, 'expected 1');
  const base = createTokenHistogram({
    linearBins: o['linearBins'] as number,
    growth: o['growth'] as number,
    maxTokens: o['maxTokens'] as number,
    maxCount: o['maxCount'] as number,
  });
  const nb = base.counts.length;
  for (const key of ['counts', 'sums'] as const) {
    const arr = o[key];
    if (!Array.isArray(arr) || arr.length !== nb) throw new InfraError('SHAPE_MISMATCH', `${path}.${key}`, `must be an array of ${nb}`);
    arr.forEach((v, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new InfraError('INVALID_ARGUMENT', `${path}.${key}[${i}]`, 'must be a finite number ≥ 0');
    });
  }
  for (const key of ['n', 's1', 's2', 's3'] as const) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new InfraError('INVALID_ARGUMENT', `${path}.${key}`, 'must be a finite number ≥ 0');
  }
  return x as TokenHistogram;
}

/**
 * Build a histogram from raw output lengths (e.g. a group's recent completions).
 *
 * @param samples - output lengths, integers ≥ 1
 * @param opts - bin layout and window
 * @returns the histogram
 * @throws InfraError naming the first bad sample (`samples[i]`)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(tokenMoments(histogramFromSamples([10, 30])).mean).toBe(20);
 * expect(() => histogramFromSamples([10, Number.NaN])).toThrow('samples[1]');
 * ```
 */
export function histogramFromSamples(samples: ArrayLike<number>, opts: TokenHistogramOptions = {}): TokenHistogram {
  let h = createTokenHistogram(opts);
  const counts = h.counts.slice();
  const sums = h.sums.slice();
  let n = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = Math.min(assertInteger(samples[i], `samples[${i}]`, { min: 1 }), h.maxTokens);
    const b = binOf(h, x);
    counts[b] = counts[b]! + 1;
    sums[b] = sums[b]! + x;
    n += 1;
    s1 += x;
    s2 += x * x;
    s3 += x * x * x;
  }
  h = { ...h, counts, sums, n, s1, s2, s3 };
  return h;
}
