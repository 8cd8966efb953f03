// Promotion policies for the simulator: fixed thresholds (network- and burst-oblivious), uniform random
// logging (to collect training data), and any @infra/bandit linear policy over the INDIGO levels.
import type { BanditPolicy, LinearState } from '@infra/bandit';
import { INDIGO_LEVELS } from '@infra/bandit/indigo';
import type { Rng } from '@infra/types';
import type { Candidate, Promoter } from './simulator.js';

const K = INDIGO_LEVELS.length;
const oneHot = (i: number): number[] => Array.from({ length: K }, (_, a) => (a === i ? 1 : 0));

/** Arm ids of the INDIGO levels, in level order. */
export const LEVEL_IDS: readonly string[] = INDIGO_LEVELS.map((l) => l.id);

/**
 * Never migrate: every page stays where it was first placed (all remote here).
 *
 * @returns the promoter
 */
export function noMigration(): Promoter<null> {
  return { name: 'no migration', state: null, decide: () => ({ level: 0, probabilities: oneHot(0) }), learn: (s) => s };
}

/**
 * Classic hotness threshold: promote every remote page of a region whose access rate in the last epoch is
 * at least `threshold` accesses per page; blind to burst duration, memory pressure and the network.
 *
 * @param threshold - accesses per page per epoch
 * @param epochSeconds - epoch length in seconds (default 0.01, as in DEFAULT_SIM)
 * @returns the promoter
 */
export function fixedThreshold(threshold: number, epochSeconds = 0.01): Promoter<null> {
  return {
    name: `fixed threshold (≥ ${threshold} acc/page/epoch)`,
    state: null,
    decide: (_s, c) => {
      const perEpoch = c.telemetry.accessRatePerSecond * epochSeconds;
      const level = perEpoch >= threshold ? K - 1 : 0;
      return { level, probabilities: oneHot(level) };
    },
    learn: (s) => s,
  };
}

/**
 * Uniform random level (the logging policy used to collect "historical" training data, propensity 1/K).
 *
 * @param features - context vector to log (default: the INDIGO features); the decisions do not depend on it
 * @returns the promoter
 */
export function uniformLogging(features?: (c: Candidate) => number[]): Promoter<null> {
  const p = Array.from({ length: K }, () => 1 / K);
  return {
    name: 'uniform random (logging)',
    state: null,
    decide: (_s, _c, rng: Rng) => ({ level: Math.min(K - 1, Math.floor(rng.next() * K)), probabilities: p }),
    learn: (s) => s,
    ...(features === undefined ? {} : { features }),
  };
}

/**
 * A linear contextual bandit from @infra/bandit (LinUCB, LinTS, …) over the INDIGO levels, learning online
 * from the delayed cost-aware rewards.
 *
 * @param name - display name
 * @param policy - the bandit policy (arms = {@link LEVEL_IDS}, dimension = the INDIGO feature count)
 * @param state - its starting state (fresh, or learned offline from logs)
 * @param features - context vector map (default: the INDIGO features); its length must be the policy's dimension
 * @returns the promoter
 */
export function banditPromoter(
  name: string,
  policy: BanditPolicy<LinearState, ArrayLike<number>>,
  state: LinearState,
  features?: (c: Candidate) => number[],
): Promoter<LinearState> {
  return {
    name,
    state,
    ...(features === undefined ? {} : { features }),
    decide: (s, c, rng) => {
      const d = policy.decide(s, c.context, rng);
      const level = LEVEL_IDS.indexOf(String(d.action));
      return { level, probabilities: d.probabilities ?? oneHot(level) };
    },
    learn: (s, context, level, reward) => policy.update(s, { action: LEVEL_IDS[level] ?? 'hold', reward, context }),
  };
}
