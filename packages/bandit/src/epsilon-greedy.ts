import { InfraError } from './infra-types.js';
import { mabMeans, mabSettings, type MabOptions, type MabState } from './mab-core.js';
import { mabPolicy } from './mab-policy.js';
import { argmaxPmf } from './pmf.js';
import type { BanditPolicy } from './policy.js';
import { numberOption } from './options.js';

/** Options of {@link epsilonGreedy}. */
export interface EpsilonGreedyOptions extends MabOptions {
  /** Exploration probability ε ∈ [0, 1] (default 0.1); the cap of the decaying schedule. */
  readonly epsilon?: number | undefined;
  /** When set to c > 0, ε decays as εₜ = min(ε, c·K / t) after t updates. */
  readonly decay?: number | undefined;
  /** Mean assumed for arms without observations (default: midpoint of a finite reward range, else 0). */
  readonly initialValue?: number | undefined;
}

/**
 * ε-greedy: with probability ε play a uniformly random arm, otherwise the arm with the best empirical
 * mean. Probabilities: p(a) = ε/K + (1 − ε)·g(a), where g splits 1 evenly over the tied best arms.
 * Fixed ε, or the decaying schedule εₜ = min(ε, c·K/t) (Auer, Cesa-Bianchi & Fischer 2002). The declared
 * floor is εₜ/K.
 *
 * @param options - arms, ε, optional decay constant c, reward range, forgetting
 * @returns the policy
 * @throws InfraError `OUT_OF_RANGE` for ε outside [0, 1] or a non-positive decay constant
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = epsilonGreedy({ arms: 4, epsilon: 0.1 });
 * const s = policy.update(policy.init(), { action: 2, reward: 1 });
 * const rng = { next: () => 0.99 } as unknown as Parameters<typeof policy.decide>[2];
 * const d = policy.decide(s, undefined, rng);
 * expect(d.probabilities?.[2]).toBeCloseTo(0.925, 12);
 * expect(d.probabilities?.[0]).toBeCloseTo(0.025, 12);
 * ```
 */
export function epsilonGreedy(options: EpsilonGreedyOptions): BanditPolicy<MabState> {
  const settings = mabSettings(options, 'options', false, [-Infinity, Infinity]);
  const eps = numberOption(options.epsilon, 0.1, 'options.epsilon', 0, false, 1);
  const c = options.decay === undefined ? undefined : numberOption(options.decay, 1, 'options.decay', 0, true);
  const prior = priorValue(options.initialValue, settings.lo, settings.hi, 'options.initialValue');
  const epsAt = (s: MabState): number => (c === undefined || s.t === 0 ? eps : Math.min(eps, (c * s.arms.length) / s.t));
  return mabPolicy({
    name: c === undefined ? 'epsilon-greedy' : 'epsilon-greedy-decaying',
    kind: 'bandit/epsilon-greedy',
    settings,
    prior,
    fixedFloor: 0,
    floor: (s) => epsAt(s) / s.arms.length,
    choose(s) {
      const e = epsAt(s);
      const means = mabMeans(s, prior);
      const p = argmaxPmf(means);
      const k = p.length;
      for (let i = 0; i < k; i++) p[i] = e / k + (1 - e) * (p[i] as number);
      return { p, scores: means, reason: 'ε-greedy' };
    },
  });
}

/**
 * The value assumed for untried arms: the given one (must be finite and inside the range) or the
 * midpoint of a finite range, else 0 clamped into the range.
 *
 * @param v - user value or undefined
 * @param lo - reward lower bound
 * @param hi - reward upper bound
 * @param path - argument path used in errors
 * @returns the prior value
 * @throws InfraError `OUT_OF_RANGE` when `v` is outside the reward range
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(priorValue(undefined, 0, 1, 'p')).toBe(0.5);
 * expect(priorValue(undefined, -Infinity, Infinity, 'p')).toBe(0);
 * expect(() => priorValue(2, 0, 1, 'p')).toThrow(/p/);
 * ```
 */
export function priorValue(v: number | undefined, lo: number, hi: number, path: string): number {
  if (v === undefined) {
    if (Number.isFinite(lo) && Number.isFinite(hi)) return (lo + hi) / 2;
    return Number.isFinite(lo) ? Math.max(lo, 0) : Number.isFinite(hi) ? Math.min(hi, 0) : 0;
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
    throw new InfraError('OUT_OF_RANGE', path, `must be a finite number in [${lo}, ${hi}]`);
  }
  return v;
}
