import { InfraError, isInfraError } from './infra-types.js';
import type { BanditFeedback, BanditPolicy, BanditState } from './policy.js';

/**
 * Warm-start a policy from logged history: fold `update` over the logged rounds in order. Each round
 * needs the played action and reward (and the context for contextual policies); a logged propensity,
 * when present, must be in (0, 1]. The per-arm statistics of every shipped policy are unbiased under any
 * logging policy with positive propensities for the arms it played (they model each arm's reward given
 * the context); importance-weighted offline training is the off-policy module's job.
 *
 * @param policy - the policy
 * @param state - the state to start from (e.g. `policy.init()`)
 * @param logs - logged rounds
 * @returns the state after learning from every round
 * @throws InfraError naming the bad round, e.g. `logs[3].propensity`
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = {
 *   update: (s: { version: 1; arms: number[]; pulls: number[] }, f: { action: number | string; reward: number }) => {
 *     if (f.reward > 1) throw new InfraError('OUT_OF_RANGE', 'feedback.reward', 'too big');
 *     return { ...s, pulls: s.pulls.map((n, i) => (i === f.action ? n + 1 : n)) };
 *   },
 * };
 * const s0 = { version: 1 as const, arms: [0, 1], pulls: [0, 0] };
 * expect(warmStart(policy, s0, [{ action: 1, reward: 1 }]).pulls).toEqual([0, 1]);
 * expect(() => warmStart(policy, s0, [{ action: 1, reward: 1 }, { action: 0, reward: 5 }])).toThrow(/logs\[1\].reward/);
 * ```
 */
export function warmStart<S extends BanditState>(
  policy: Pick<BanditPolicy<S, never>, 'update'>,
  state: S,
  logs: readonly BanditFeedback[],
): S {
  if (!Array.isArray(logs)) throw new InfraError('INVALID_ARGUMENT', 'logs', 'must be an array of logged rounds');
  let s = state;
  for (let i = 0; i < logs.length; i++) {
    const round = logs[i] as BanditFeedback;
    if (round !== null && typeof round === 'object' && round.propensity !== undefined) {
      const p = round.propensity;
      if (!(typeof p === 'number' && p > 0 && p <= 1)) {
        throw new InfraError('OUT_OF_RANGE', `logs[${i}].propensity`, 'must be in (0, 1]');
      }
    }
    try {
      s = policy.update(s, round);
    } catch (e) {
      if (isInfraError(e) && e.path.startsWith('feedback')) {
        const path = `logs[${i}]${e.path.slice('feedback'.length)}`;
        throw new InfraError(e.code, path, e.message.slice(e.path.length + 2));
      }
      throw e;
    }
  }
  return s;
}
