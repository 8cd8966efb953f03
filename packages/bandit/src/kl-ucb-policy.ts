import { InfraError } from './infra-types.js';
import { createKlCache, klArgmax } from './kl-argmax.js';
import { klScores } from './kl-index.js';
import { mabSettings, type MabOptions, type MabState } from './mab-core.js';
import { checkFloor, mabPolicy } from './mab-policy.js';
import { numberOption } from './options.js';
import { argmaxPmf, mixFloor } from './pmf.js';
import type { BanditPolicy } from './policy.js';
import { logTotalPulls } from './ucb.js';
import { zeros } from './zeros.js';

/** Options of {@link klUCB}. */
export interface KlUcbOptions extends MabOptions {
  /** Constant c of the exploration level ln N + c·ln ln N (default 0, the practical choice; 3 in the theory). */
  readonly c?: number | undefined;
  /** Per-arm exploration floor mixed into the one-hot probabilities (default 0). */
  readonly floor?: number | undefined;
  /**
   * Solve every arm's index and report them in `trace.scores` (default false: only the indices that can still
   * win are solved, and the trace has no scores). The decisions are the same either way.
   */
  readonly traceScores?: boolean | undefined;
}

/**
 * KL-UCB (Garivier & Cappé 2011) for rewards in a bounded range (rescaled to [0, 1]): the index of arm a
 * is the largest q with nₐ·kl(μ̂ₐ, q) ≤ ln N + c·ln ln N, to within about 1e-14: a closed-form start
 * (Jensen's bound of kl, corrected once; typically within 1e-5) refined by a Halley and a Newton step that
 * share one evaluation of kl (two logarithms per arm), with Newton from the Pinsker bound and Brent's
 * method as the fallback; untried
 * arms score `Number.MAX_VALUE`. Deterministic argmax with ties split evenly (drawn with the RNG), plus the optional floor.
 * A decision solves only the indices that can still win: the arm whose statistics
 * changed and about one more, since each arm's last solved index and its tangent in the level bound its index
 * from above; `traceScores: true` solves every arm and reports the indices in `trace.scores`, with the same
 * decisions.
 *
 * @param options - arms, c, reward range (default [0, 1]), floor, forgetting
 * @returns the policy
 * @throws InfraError `OUT_OF_RANGE` for a negative c, `INVALID_ARGUMENT` for a non-boolean `traceScores`
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = klUCB({ arms: 2, traceScores: true });
 * let s = policy.init();
 * for (let i = 0; i < 20; i++) s = policy.update(s, { action: i % 2, reward: i % 2 === 0 ? 0.8 : 0.2 });
 * const rng = { next: () => 0.5 } as unknown as Parameters<typeof policy.decide>[2];
 * const d = policy.decide(s, undefined, rng);
 * expect(d.action).toBe(0);
 * expect(d.trace?.scores?.[0]).toBeGreaterThan(0.8);
 * ```
 */
export function klUCB(options: KlUcbOptions): BanditPolicy<MabState> {
  const settings = mabSettings(options, 'options', true, [0, 1]);
  const cc = numberOption(options.c, 0, 'options.c');
  const floor = checkFloor(options.floor, settings.arms.length, 'options.floor');
  const { lo, hi } = settings;
  const scale = hi - lo;
  const traceScores = options.traceScores ?? false;
  if (typeof traceScores !== 'boolean') {
    throw new InfraError('INVALID_ARGUMENT', 'options.traceScores', `must be a boolean, got ${String(traceScores)}`);
  }
  // Solved indices and their tangent bounds, keyed by the exact statistics (see klArgmax): scratch of this
  // policy that never changes a decision, so the policy stays a pure function of its arguments.
  const cache = createKlCache();
  return mabPolicy({
    name: 'kl-ucb',
    kind: 'bandit/kl-ucb',
    settings,
    prior: (lo + hi) / 2,
    fixedFloor: floor,
    floor: () => floor,
    choose(s) {
      const k = s.arms.length;
      const logN = logTotalPulls(s.counts, k);
      const level = logN + (logN > 1 ? cc * Math.log(logN) : 0);
      const p = zeros(k);
      if (!traceScores) {
        klArgmax(s.counts, s.sums, level, lo, scale, cache, p);
        return { p: mixFloor(p, floor), reason: 'highest KL-UCB index' };
      }
      const scores = klScores(s.counts, s.sums, level, lo, scale, p);
      return { p: mixFloor(argmaxPmf(scores, p), floor), scores, reason: 'highest KL-UCB index' };
    },
  });
}
