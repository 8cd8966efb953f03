// Test helper (not exported): moments and Pearson's χ² goodness of fit, shared by the sampler tests.

/** Sample mean and (unbiased) variance, by Welford's update. */
export function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  }
  return { mean, variance: m2 / (xs.length - 1) };
}

/**
 * Pearson's χ² statistic of `xs` over `bins` equiprobable bins of the distribution with CDF `cdf` on
 * [lo, hi]. Under the null it is χ²(bins − 1): mean bins − 1, standard deviation √(2(bins − 1)).
 */
export function chiSquare(xs: ArrayLike<number>, cdf: (x: number) => number, bins: number, lo: number, hi: number): number {
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    let a = lo;
    let z = hi;
    for (let it = 0; it < 100; it++) {
      const mid = (a + z) / 2;
      if (cdf(mid) < b / bins) a = mid;
      else z = mid;
    }
    edges.push((a + z) / 2);
  }
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    let l = 0;
    let h = edges.length;
    while (l < h) {
      const m = (l + h) >> 1;
      if (x < (edges[m] as number)) h = m;
      else l = m + 1;
    }
    counts[l] = (counts[l] as number) + 1;
  }
  const e = xs.length / bins;
  return counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0);
}

/** χ²(df) exceeds df + 5√(2df) with probability below 1e-5: a fixed seed that passes is not luck. */
export const chiLimit = (bins: number): number => bins - 1 + 5 * Math.sqrt(2 * (bins - 1));

/** Draws per goodness-of-fit test. */
export const N = 200_000;
/** Equiprobable bins per χ² test. */
export const BINS = 200;
