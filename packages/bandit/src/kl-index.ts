import { findRoot } from './infra-types.js';
import { zeros } from './zeros.js';

/**
 * Bernoulli Kullback–Leibler divergence kl(p, q) with the conventions 0·ln 0 = 0.
 *
 * @param p - first mean in [0, 1]
 * @param q - second mean in (0, 1)
 * @returns kl(p, q) ≥ 0
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(bernoulliKl(0.5, 0.5)).toBe(0);
 * expect(bernoulliKl(0, 0.5)).toBeCloseTo(Math.log(2), 12);
 * ```
 */
export function bernoulliKl(p: number, q: number): number {
  const a = p > 0 ? p * Math.log(p / q) : 0;
  const b = p < 1 ? (1 - p) * Math.log((1 - p) / (1 - q)) : 0;
  return a + b;
}

const TOP = 1 - 1e-12;

/**
 * The δ > 0 solving (δ²/2)·φ(μ + 2δ/3) = bound, φ(x) = 1/(x(1 − x)) (a quadratic in δ). Since
 * kl(μ, μ + δ) = ∫₀^δ s·φ(μ + s) ds and φ is convex, Jensen's inequality under the weight 2s/δ² (mean 2δ/3)
 * gives kl(μ, μ + δ) ≥ (δ²/2)·φ(μ + 2δ/3), so this δ bounds the KL-UCB increment from above (far tighter
 * than Pinsker's √(bound/2)).
 */
function jensenIncrement(mu: number, bound: number): number {
  const a = 1 + bound * (8 / 9);
  const b = bound * (4 / 3) * (1 - 2 * mu);
  return (0.5 * (b + Math.sqrt(b * b + 8 * a * bound * mu * (1 - mu)))) / a;
}

/**
 * The KL-UCB index of a mean: the largest q ∈ [μ, 1] with kl(μ, q) ≤ bound, to within about 1e-14 (see
 * {@link klScores}, which computes it for every arm at once).
 *
 * @param mu - the empirical mean rescaled to [0, 1]
 * @param bound - the exploration level divided by the arm's count, ≥ 0
 * @returns the index in [μ, 1]
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(klIndex(0.5, 0.06)).toBeCloseTo(0.5 + 0.5 * Math.sqrt(1 - Math.exp(-0.12)), 14); // closed form at μ = 1/2
 * expect(bernoulliKl(0.3, klIndex(0.3, 0.01))).toBeCloseTo(0.01, 14);
 * expect(klIndex(0, 0.5)).toBeCloseTo(1 - Math.exp(-0.5), 15);
 * ```
 */
export function klIndex(mu: number, bound: number): number {
  return klScores([1], [mu], bound, 0, 1, [0])[0] as number;
}

/** Newton from the Pinsker bound (monotone), Brent as the fallback: the robust path of {@link klScores}. */
function klIndexNewton(mu: number, bound: number): number {
  // Pinsker: kl(μ, q) ≥ 2(q − μ)², so the root lies below μ + √(bound/2). f(q) = kl(μ, q) − bound is
  // increasing and convex on (μ, 1): Newton from a point right of the root decreases monotonically onto it.
  let q = Math.min(TOP, mu + Math.sqrt(bound / 2));
  if (bernoulliKl(mu, q) <= bound) return q === TOP ? 1 : q;
  for (let it = 0; it < 50; it++) {
    const f = bernoulliKl(mu, q) - bound;
    const step = (f * q * (1 - q)) / (q - mu);
    q -= step;
    if (!(q > mu)) return findRoot((z) => bernoulliKl(mu, z) - bound, mu, TOP, { tol: 1e-12 });
    if (step < 1e-12) break;
  }
  return q;
}

/**
 * KL-UCB scores lo + scale·index of every arm; the index is the largest q ∈ [μ, 1] with kl(μ, q) ≤ level/n
 * (untried arms score `Number.MAX_VALUE`), to within about 1e-14. Per arm:
 *
 * - a closed-form start: the Jensen increment δ of {@link jensenIncrement}, corrected once for the next term
 *   of kl's expansion around m = μ + 2δ/3, kl ≈ (δ²/2)·φ(m)·(1 + δ²φ''(m)/(36φ(m))) (typically within 1e-5);
 * - one evaluation of f(δ) = −μ·ln(1 + δ/μ) − (1 − μ)·ln(1 − δ/(1 − μ)) − bound (two `log1p`) and a Halley
 *   step (f' = δ/(q(1 − q)), f'' = (1 − μ)/(1 − q)² + μ/q², q = μ + δ), which turns an error e into O(e³);
 * - Newton steps whose f reuses the two logarithms: ln(q'/μ) = ln(q/μ) + ln(1 + h) with h = (q' − q)/q and
 *   likewise for 1 − q', ln(1 + h) from eight terms of its series (|h| ≤ 1e-2: truncation below 1e-19),
 *   until the Newton error estimate f''·s²/(2f') is below 1e-15 (one or two steps);
 * - μ = 0 has the closed form 1 − e^(−bound); anything unusual (an iterate outside (μ, 1 − 1e-12), a large
 *   step) falls back to Newton from the Pinsker bound, which decreases monotonically onto the root (f is
 *   increasing and convex on (μ, 1)), with the shared Brent root finder behind it.
 *
 * The arms are processed in two passes (all starts, then all refinements) so that the independent per-arm
 * chains of divisions, square roots and logarithms overlap in the processor.
 *
 * @param counts - per-arm effective counts
 * @param sums - per-arm reward sums
 * @param level - the exploration level ln N + c·ln ln N
 * @param lo - reward range lower end
 * @param scale - reward range width
 * @param scratch - a buffer of at least `counts.length` entries to work in (overwritten)
 * @returns a new array of scores
 *
 * @example
 * ```ts @import.meta.vitest
 * const s = klScores([10, 0, 40], [5, 0, 30], Math.log(50), 0, 1, [0, 0, 0]);
 * expect(bernoulliKl(0.5, s[0]!)).toBeCloseTo(Math.log(50) / 10, 14);
 * expect(s[1]).toBe(Number.MAX_VALUE);
 * expect(bernoulliKl(0.75, s[2]!)).toBeCloseTo(Math.log(50) / 40, 14);
 * ```
 */
export function klScores(
  counts: ArrayLike<number>,
  sums: ArrayLike<number>,
  level: number,
  lo: number,
  scale: number,
  scratch: number[],
): number[] {
  const k = counts.length;
  const scores = zeros(k);
  for (let i = 0; i < k; i++) {
    const c = counts[i] as number;
    scratch[i] = 0;
    if (!(c > 0)) {
      scores[i] = Number.MAX_VALUE;
      continue;
    }
    const ic = 1 / c;
    const mu = Math.min(1, Math.max(0, ((sums[i] as number) * ic - lo) / scale));
    const bound = level * ic;
    if (!(bound > 0) || mu >= 1) {
      scores[i] = lo + scale * mu;
      continue;
    }
    if (mu <= 0) {
      scores[i] = lo + scale * -Math.expm1(-bound);
      continue;
    }
    let d = jensenIncrement(mu, bound);
    const m = mu + d * (2 / 3);
    const v = m * (1 - m);
    if (v > 0) {
      const iv = 1 / v;
      const w = (1 - 2 * m) * iv;
      d = jensenIncrement(mu, bound / (1 + d * d * (1 / 18) * (iv + w * w)));
    }
    scores[i] = mu; // the mean, until the second pass replaces it by the score
    scratch[i] = d > 0 && mu + d < TOP ? d : -1;
  }
  for (let i = 0; i < k; i++) {
    let d = scratch[i] as number;
    if (d === 0) continue;
    const mu = scores[i] as number;
    const bound = level / (counts[i] as number);
    let q = -1;
    if (d > 0) {
      const iv = 1 / (mu * (1 - mu));
      let l1 = Math.log1p(d * (1 - mu) * iv); // ln(q/μ)
      let l2 = Math.log1p(-d * mu * iv); // ln((1 − q)/(1 − μ))
      q = mu + d;
      let t = 1 / (q * (1 - q));
      const iq = (1 - q) * t;
      const ip = q * t;
      const f2 = (1 - mu) * ip * ip + mu * iq * iq;
      const g = 1 / (d * t); // 1/f'
      const newton = (-mu * l1 - (1 - mu) * l2 - bound) * g;
      let s = newton / (1 - 0.5 * newton * f2 * g); // Halley
      let h1 = -s * iq;
      let h2 = s * ip;
      for (let it = 0; ; it++) {
        if (!(it < 3 && Math.abs(h1) <= 1e-2 && Math.abs(h2) <= 1e-2)) {
          q = -1;
          break;
        }
        l1 += h1 * (1 - h1 * (1 / 2 - h1 * (1 / 3 - h1 * (1 / 4 - h1 * (1 / 5 - h1 * (1 / 6 - h1 * (1 / 7 - h1 / 8)))))));
        l2 += h2 * (1 - h2 * (1 / 2 - h2 * (1 / 3 - h2 * (1 / 4 - h2 * (1 / 5 - h2 * (1 / 6 - h2 * (1 / 7 - h2 / 8)))))));
        d -= s;
        q = mu + d;
        t = 1 / (q * (1 - q));
        s = (-mu * l1 - (1 - mu) * l2 - bound) / (d * t); // Newton
        if (0.5 * f2 * s * s * (q * (1 - q)) <= 1e-15 * d) {
          d -= s;
          q = d > 0 && mu + d < TOP ? mu + d : -1;
          break;
        }
        h1 = -s * (1 - q) * t;
        h2 = s * q * t;
      }
    }
    scores[i] = lo + scale * (q > 0 ? q : klIndexNewton(mu, bound));
  }
  return scores;
}
