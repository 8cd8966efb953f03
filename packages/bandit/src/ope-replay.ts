import { InfraError, assertInRange, type Rng } from './infra-types.js';
import { validateLog, validateTarget, type LoggedRound, type TargetProbabilities } from './ope-logged-data.js';
import { criticalValue, type OpeEstimate } from './ope-core.js';

/** Options of {@link replay}. */
export interface ReplayOptions {
  /** Nominal confidence level in (0, 1) (default 0.95). */
  readonly level?: number;
  /** Random source used to draw the target's action for stochastic targets (required for them). */
  readonly rng?: Rng;
}

/** A replay estimate: the {@link OpeEstimate} fields plus the number of accepted rounds. */
export interface ReplayEstimate extends OpeEstimate {
  /** Number of logged rounds on which the target's (drawn) action matched the logged action. */
  readonly accepted: number;
}

/**
 * Replay / rejection-sampling evaluation (Li, Chu, Langford, Wang 2011): keep the rounds where the target's
 * action equals the logged action and average their rewards. Unbiased when the logging policy was uniform
 * over the actions; for other logging policies prefer `ips` / `doublyRobust` (main entry). A deterministic
 * target (one-hot rows) needs no randomness; for a stochastic target the target's action is drawn from `rng`.
 *
 * @param log - logged rounds
 * @param target - the target's probability vector for each round
 * @param opts - level and (for stochastic targets) the random source
 * @returns the estimate; `n` is the log length and `accepted` the number of kept rounds (the interval uses them)
 * @throws InfraError for invalid input; `INVALID_ARGUMENT` for a stochastic target without `rng`;
 *   `NOT_IDENTIFIABLE` when fewer than 2 rounds are accepted
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = [
 *   { context: [], action: 0, reward: 1, propensity: 0.5 },
 *   { context: [], action: 1, reward: 0, propensity: 0.5 },
 *   { context: [], action: 0, reward: 0, propensity: 0.5 },
 * ];
 * const e = replay(log, log.map(() => [1, 0]));
 * expect(e.value).toBe(0.5);
 * expect(e.accepted).toBe(2);
 * ```
 */
export function replay(log: readonly LoggedRound[], target: TargetProbabilities, opts: ReplayOptions = {}): ReplayEstimate {
  validateLog(log);
  const k = validateTarget(target, log);
  const level = opts.level === undefined ? 0.95 : assertInRange(opts.level, 'options.level', 0, 1, { minExclusive: true, maxExclusive: true });
  const kept: number[] = [];
  for (let i = 0; i < log.length; i++) {
    const row = target[i] as readonly number[];
    const round = log[i] as LoggedRound;
    let chosen = row.indexOf(1);
    if (chosen < 0 || row.some((v, a) => a !== chosen && v !== 0)) {
      if (opts.rng === undefined) {
        throw new InfraError('INVALID_ARGUMENT', 'options.rng', `target[${i}] is stochastic: replay needs an rng to draw the target's action`);
      }
      const u = opts.rng.next();
      let acc = 0;
      chosen = k - 1;
      for (let a = 0; a < k; a++) {
        acc += row[a] ?? 0;
        if (u < acc) {
          chosen = a;
          break;
        }
      }
      while (chosen > 0 && (row[chosen] ?? 0) === 0) chosen--;
    }
    if (chosen === round.action) kept.push(round.reward);
  }
  const m = kept.length;
  if (m < 2) throw new InfraError('NOT_IDENTIFIABLE', 'target', `replay accepted ${m} rounds; at least 2 are needed`);
  const mean = kept.reduce((a, b) => a + b, 0) / m;
  const sd = Math.sqrt(kept.reduce((a, b) => a + (b - mean) ** 2, 0) / (m - 1));
  const se = sd / Math.sqrt(m);
  const z = criticalValue(level);
  return {
    estimator: 'replay',
    value: mean,
    standardError: se,
    ci: [mean - z * se, mean + z * se],
    level,
    interval: 'normal',
    n: log.length,
    effectiveSampleSize: m,
    maxImportanceWeight: 1,
    accepted: m,
  };
}
