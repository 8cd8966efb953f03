import { InfraError, betaArgmax, createRng, fillNormals, type BetaArgmax, type Rng } from './infra-types.js';
import { mabSettings, type MabOptions, type MabState } from './mab-core.js';
import { checkFloor, forgettingPrefix, mabPolicy } from './mab-policy.js';
import { priorValue } from './epsilon-greedy.js';
import { mixFloor } from './pmf.js';
import type { BanditPolicy } from './policy.js';
import { zeros } from './zeros.js';
import { numberOption, sampleCount } from './options.js';

/** Options shared by the Thompson-sampling policies. */
export interface ThompsonOptions extends MabOptions {
  /**
   * Joint posterior draws per decision (default 1: classic Thompson sampling, whose probability vector is the
   * one-hot vector of the winning arm). With `m > 1` the probability vector is the win frequency over `m`
   * joint draws and the action is drawn from it, so the logged propensity is exactly the probability used and
   * other arms get non-zero propensities: use 16 or more when the decisions are logged for off-policy
   * evaluation (the cost grows linearly in `m`).
   */
  readonly samples?: number | undefined;
  /** Per-arm exploration floor mixed into the probabilities (default 0). */
  readonly floor?: number | undefined;
}

/** Options of {@link thompsonBeta}. */
export interface ThompsonBetaOptions extends ThompsonOptions {
  /** Prior successes α₀ > 0 (default 1). */
  readonly priorAlpha?: number | undefined;
  /** Prior failures β₀ > 0 (default 1). */
  readonly priorBeta?: number | undefined;
}

/** Options of {@link thompsonGaussian}. */
export interface ThompsonGaussianOptions extends ThompsonOptions {
  /** Known reward noise standard deviation σ > 0 (default 1). */
  readonly noise?: number | undefined;
  /** Prior mean of every arm (default: midpoint of a finite range, else 0). */
  readonly priorMean?: number | undefined;
  /** Prior standard deviation of every arm's mean, > 0 (default 1). */
  readonly priorSd?: number | undefined;
}

/**
 * Estimate P(arm a has the largest posterior draw) from `m` joint draws: `draws[j·k + i]` is arm i's value
 * in joint draw j, and each joint draw gives weight 1/m to its argmax (first index on ties). For `m = 1` the
 * draws array itself is overwritten with the (one-hot) vector and returned; otherwise a new array.
 *
 * @param k - number of arms
 * @param m - number of joint draws
 * @param draws - `m·k` posterior values, joint draw by joint draw
 * @returns win frequencies (sum 1)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(winFrequencies(3, 2, [0, 1, 2, 5, 1, 2])).toEqual([0.5, 0, 0.5]);
 * expect(winFrequencies(3, 1, [0.2, 0.7, 0.1])).toEqual([0, 1, 0]);
 * ```
 */
export function winFrequencies(k: number, m: number, draws: number[]): number[] {
  const p = m === 1 ? draws : zeros(k);
  const w = 1 / m;
  for (let j = 0, o = 0; j < m; j++) {
    let best = 0;
    let bv = -Infinity;
    for (let i = 0; i < k; i++, o++) {
      const v = draws[o] as number;
      if (v > bv) {
        bv = v;
        best = i;
      }
    }
    if (m === 1) {
      for (let i = 0; i < k; i++) p[i] = i === best ? 1 : 0;
    } else {
      p[best] = (p[best] as number) + w;
    }
  }
  return p;
}

/**
 * Set every arm's Beta posterior α₀ + Sₐ, β₀ + nₐ − Sₐ into the policy's sampler, checked (the error names the
 * state). `last[2a]`, `last[2a + 1]`: arm a's count and sum when its posterior was last set (NaN: not yet); an arm
 * whose count and sum are unchanged keeps its posterior, at the cost of two comparisons. A module function, not a
 * closure: its compiled code does not depend on how many policies exist.
 */
function setPosteriors(sampler: BetaArgmax, last: Float64Array, s: MabState, a0: number, b0: number, lo: number, perScale: number): void {
  const { counts, sums } = s;
  for (let i = 0; i < s.arms.length; i++) {
    const n = counts[i] as number;
    const sum = sums[i] as number;
    if (n === last[2 * i] && sum === last[2 * i + 1]) continue;
    const succ = Math.min(n, Math.max(0, (sum - lo * n) * perScale)); // clamped against rounding; NaN stays
    const a = a0 + succ;
    const b = b0 + n - succ;
    if (!(a > 0 && b > 0 && a + b < Infinity)) {
      throw new InfraError('INVALID_STATE', `state.counts[${i}]`, 'gives an invalid Beta posterior');
    }
    sampler.set(i, a, b);
    last[2 * i] = n;
    last[2 * i + 1] = sum;
  }
}

/**
 * Beta–Bernoulli Thompson sampling (Thompson 1933; Agrawal & Goyal 2012): arm a's posterior is
 * Beta(α₀ + Sₐ, β₀ + nₐ − Sₐ) with Sₐ the (rescaled to [0, 1]) reward sum, so fractional rewards are
 * pseudo-counts. Classic Thompson sampling by default (one joint posterior draw, one-hot probabilities); with
 * `samples: m > 1` the probability vector is estimated from m joint draws and the action drawn from it
 * (mixed with the optional floor), which gives usable propensities for off-policy evaluation. With
 * `nonStationary` it is discounted / sliding-window Thompson sampling (Raj & Kalyani 2017).
 *
 * @param options - arms, priors, samples, reward range (default [0, 1]), floor, forgetting
 * @returns the policy
 * @throws InfraError `OUT_OF_RANGE` for non-positive priors, `INVALID_ARGUMENT` for a bad sample count; its
 *   `decide` throws `INVALID_STATE` when called again from inside its own `rng` (the policy's sampler is drawing)
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = thompsonBeta({ arms: 2, samples: 200 });
 * let s = policy.init();
 * for (let i = 0; i < 30; i++) s = policy.update(s, { action: i % 2, reward: i % 2 === 0 ? 1 : 0 });
 * const d = policy.decide(s, undefined, createRng(7));
 * expect(d.probabilities?.[0]).toBeGreaterThan(0.99);
 * expect(d.propensity).toBe(d.probabilities?.[d.action === 0 ? 0 : 1]);
 * ```
 */
export function thompsonBeta(options: ThompsonBetaOptions): BanditPolicy<MabState> {
  const settings = mabSettings(options, 'options', true, [0, 1]);
  const m = sampleCount(options.samples);
  const a0 = numberOption(options.priorAlpha, 1, 'options.priorAlpha', 0, true);
  const b0 = numberOption(options.priorBeta, 1, 'options.priorBeta', 0, true);
  const floor = checkFloor(options.floor, settings.arms.length, 'options.floor');
  const { lo, hi } = settings;
  const scale = hi - lo;
  const perScale = 1 / scale;
  const sampler = betaArgmax();
  let last = new Float64Array(0);
  return mabPolicy({
    name: `${forgettingPrefix(settings)}thompson-beta`,
    kind: 'bandit/thompson-beta',
    settings,
    prior: lo + (scale * a0) / (a0 + b0),
    fixedFloor: floor,
    floor: () => floor,
    choose(s: MabState, rng: Rng) {
      const k = s.arms.length;
      // Each arm's posterior into the policy's own sampler (see setPosteriors); the sampler keeps the constants
      // of the arms whose posterior did not change.
      if (last.length < 2 * k) last = new Float64Array(2 * k).fill(Number.NaN);
      setPosteriors(sampler, last, s, a0, b0, lo, perScale);
      let p = zeros(k);
      // One joint draw: only its argmax is needed.
      if (m > 1) p = winFrequencies(k, m, sampler.fill(rng, k, zeros(k * m)));
      else if (k > 0) p[sampler.draw(rng, k)] = 1;
      return { p: mixFloor(p, floor), reason: 'Thompson sampling (Beta)' };
    },
  });
}

/**
 * Gaussian Thompson sampling with known noise σ and a conjugate normal prior N(μ₀, σ₀²) on each arm's
 * mean: the posterior is N(m, v) with 1/v = 1/σ₀² + nₐ/σ² and m = v·(μ₀/σ₀² + Sₐ/σ²). One joint draw by
 * default (one-hot probabilities); with `samples: m > 1` the probability vector is estimated from m joint
 * draws and the action drawn from it (plus the optional floor).
 * Reported estimates are the empirical means.
 *
 * @param options - arms, noise σ, prior, samples, reward range (default unbounded), floor, forgetting
 * @returns the policy
 * @throws InfraError `OUT_OF_RANGE` for non-positive σ or σ₀, a prior mean outside the reward range
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = thompsonGaussian({ arms: 2, noise: 0.1 });
 * let s = policy.init();
 * for (let i = 0; i < 20; i++) s = policy.update(s, { action: i % 2, reward: i % 2 === 0 ? 5 : 1 });
 * expect(policy.decide(s, undefined, createRng(7)).action).toBe(0);
 * expect(policy.estimates(s, undefined)).toEqual([5, 1]);
 * ```
 */
export function thompsonGaussian(options: ThompsonGaussianOptions): BanditPolicy<MabState> {
  const settings = mabSettings(options, 'options', false, [-Infinity, Infinity]);
  const m = sampleCount(options.samples);
  const sigma = numberOption(options.noise, 1, 'options.noise', 0, true);
  const sd0 = numberOption(options.priorSd, 1, 'options.priorSd', 0, true);
  const mu0 = priorValue(options.priorMean, settings.lo, settings.hi, 'options.priorMean');
  const floor = checkFloor(options.floor, settings.arms.length, 'options.floor');
  const prec0 = 1 / (sd0 * sd0);
  const precNoise = 1 / (sigma * sigma);
  return mabPolicy({
    name: `${forgettingPrefix(settings)}thompson-gaussian`,
    kind: 'bandit/thompson-gaussian',
    settings,
    prior: mu0,
    fixedFloor: floor,
    floor: () => floor,
    choose(s: MabState, rng: Rng) {
      const k = s.arms.length;
      const n = m * k;
      const z = fillNormals(rng, zeros(n));
      for (let i = 0; i < k; i++) {
        const prec = prec0 + (s.counts[i] as number) * precNoise;
        const mean = (mu0 * prec0 + (s.sums[i] as number) * precNoise) / prec;
        const sd = 1 / Math.sqrt(prec);
        for (let o = i; o < n; o += k) z[o] = mean + sd * (z[o] as number);
      }
      const p = winFrequencies(k, m, z);
      return { p: mixFloor(p, floor), reason: 'Thompson sampling (Gaussian)' };
    },
  });
}
