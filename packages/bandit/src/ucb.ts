import { mabSettings, type MabOptions, type MabState } from './mab-core.js';
import { checkFloor, forgettingPrefix, mabPolicy } from './mab-policy.js';
import { argmaxPmf, mixFloor } from './pmf.js';
import type { BanditPolicy } from './policy.js';
import { zeros } from './zeros.js';
import { numberOption } from './options.js';

/** Options of {@link ucb1}. */
export interface Ucb1Options extends MabOptions {
  /** Exploration constant α in μ̂ₐ + (hi − lo)·√(α ln N / nₐ) (default 2, the classical UCB1). */
  readonly alpha?: number | undefined;
  /** Per-arm exploration floor mixed into the one-hot probabilities (default 0). */
  readonly floor?: number | undefined;
}

/** log of the total pull count (at least log 1 = 0), the exploration term shared by UCB1 and KL-UCB. */
export function logTotalPulls(counts: ArrayLike<number>, k: number): number {
  let n = 0;
  for (let i = 0; i < k; i++) n += counts[i] as number;
  return Math.log(Math.max(n, 1));
}

/**
 * UCB1 (Auer, Cesa-Bianchi & Fischer 2002): play argmax μ̂ₐ + (hi − lo)·√(α·ln N / nₐ), where N is the
 * total (effective) count; untried arms score `Number.MAX_VALUE` (so they are tried first). Deterministic argmax: the probability vector is one-hot,
 * with exact ties split evenly and broken by the injected RNG, then mixed with the optional floor. With
 * `nonStationary: { discount }` this is discounted UCB, with `{ window }` sliding-window UCB
 * (Garivier & Moulines 2011), N and nₐ being the discounted / windowed counts.
 *
 * @param options - arms, α, reward range (default [0, 1], must be finite), floor, forgetting
 * @returns the policy
 * @throws InfraError `OUT_OF_RANGE` for a negative α
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = ucb1({ arms: 2 });
 * let s = policy.init();
 * for (let i = 0; i < 10; i++) s = policy.update(s, { action: 0, reward: i < 5 ? 1 : 0 });
 * for (let i = 0; i < 40; i++) s = policy.update(s, { action: 1, reward: i < 24 ? 1 : 0 });
 * const rng = { next: () => 0.5 } as unknown as Parameters<typeof policy.decide>[2];
 * const d = policy.decide(s, undefined, rng);
 * expect(d.trace?.scores?.[0]).toBeCloseTo(1.3845364, 7);
 * expect(d.trace?.scores?.[1]).toBeCloseTo(1.0422682, 7);
 * expect(d.action).toBe(0);
 * ```
 */
export function ucb1(options: Ucb1Options): BanditPolicy<MabState> {
  const settings = mabSettings(options, 'options', true, [0, 1]);
  const alpha = numberOption(options.alpha, 2, 'options.alpha');
  const floor = checkFloor(options.floor, settings.arms.length, 'options.floor');
  const scale = settings.hi - settings.lo;
  return mabPolicy({
    name: `${forgettingPrefix(settings)}ucb1`,
    kind: 'bandit/ucb1',
    settings,
    prior: (settings.lo + settings.hi) / 2,
    fixedFloor: floor,
    floor: () => floor,
    choose(s) {
      const k = s.arms.length;
      const logN = logTotalPulls(s.counts, k);
      const scores = zeros(k);
      for (let i = 0; i < k; i++) {
        const c = s.counts[i] as number;
        scores[i] = c > 0 ? (s.sums[i] as number) / c + scale * Math.sqrt((alpha * logN) / c) : Number.MAX_VALUE;
      }
      return { p: mixFloor(argmaxPmf(scores), floor), scores, reason: 'highest UCB' };
    },
  });
}
