import fc from 'fast-check';
import { InfraError, isInfraError, type Rng } from './infra-types.js';
import { checkDeterminism, checkPurity, checkRobustness, probabilityVectorArb, type LawRunOptions } from '@infra/types/testing';
import type { OpeEstimate } from './ope-core.js';
import { validateLog, type LoggedRound, type TargetProbabilities } from './ope-logged-data.js';

/** A generated off-policy evaluation problem: a valid log, a target and reward-model predictions. */
export interface OpeProblem {
  /** Logged rounds (each with its full logging probability vector). */
  readonly log: LoggedRound[];
  /** Target probabilities, one row per round. */
  readonly target: number[][];
  /** Reward-model predictions, one row per round. */
  readonly rewardModel: number[][];
}

/** Options of {@link opeProblemArb}. */
export interface OpeProblemArbOptions {
  /** Number of actions K (default 3). */
  readonly numActions?: number;
  /** Context length (default 2). */
  readonly dimension?: number;
  /** Fewest rounds (default 5, at least 2). */
  readonly minRounds?: number;
  /** Most rounds (default 40). */
  readonly maxRounds?: number;
  /** Smallest logging probability of any action (default 0.05; keeps weights bounded). */
  readonly minPropensity?: number;
}

/**
 * Arbitrary of valid OPE problems: logging vectors with every entry ≥ `minPropensity`, the logged action
 * drawn from them, rewards in [−1, 1], targets and reward models of matching shape.
 *
 * @param opts - sizes and the propensity floor
 * @returns the arbitrary
 *
 * @example
 * ```ts @import.meta.vitest
 * const [p] = fc.sample(opeProblemArb({ numActions: 2 }), { numRuns: 1, seed: 1 });
 * expect(validateLog(p!.log, { numActions: 2 })).toBe(p!.log);
 * ```
 */
export function opeProblemArb(opts: OpeProblemArbOptions = {}): fc.Arbitrary<OpeProblem> {
  const k = opts.numActions ?? 3;
  const d = opts.dimension ?? 2;
  const floor = opts.minPropensity ?? 0.05;
  if (!(floor > 0 && floor * k <= 1)) throw new InfraError('OUT_OF_RANGE', 'options.minPropensity', `must be in (0, 1/K], got ${floor}`);
  const mix = (p: readonly number[]): number[] => p.map((v) => floor + (1 - k * floor) * v);
  const round = fc
    .record({
      context: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d, maxLength: d }),
      logging: probabilityVectorArb(k).map(mix),
      u: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      reward: fc.double({ min: -1, max: 1, noNaN: true }),
      target: probabilityVectorArb(k),
      model: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: k, maxLength: k }),
    })
    .map(({ context, logging, u, reward, target, model }) => {
      let action = k - 1;
      let acc = 0;
      for (let a = 0; a < k; a++) {
        acc += logging[a] ?? 0;
        if (u < acc) {
          action = a;
          break;
        }
      }
      const r: LoggedRound = { context, action, reward, propensity: logging[action] ?? 1, probabilities: logging };
      return { r, target, model };
    });
  return fc
    .array(round, { minLength: Math.max(2, opts.minRounds ?? 5), maxLength: opts.maxRounds ?? 40 })
    .map((rows) => {
      const log = rows.map((x) => x.r);
      validateLog(log, { numActions: k, dimension: d });
      return { log, target: rows.map((x) => x.target), rewardModel: rows.map((x) => x.model) };
    });
}

/** An estimator under test: the shape of `ips`, `doublyRobust`, …; `rewardModel` is passed when the law options say the estimator uses one. */
export type OpeEstimatorUnderTest = (
  log: readonly LoggedRound[],
  target: TargetProbabilities,
  opts: { readonly rewardModel?: readonly (readonly number[])[] },
) => OpeEstimate;

/** Options of {@link checkOpeLaws}. */
export interface OpeLawOptions extends LawRunOptions {
  /** Pass the generated reward model to the estimator (DM/DR family). */
  readonly usesRewardModel?: boolean;
  /** Adding c to every reward (and prediction) adds c to the estimate (true for SNIPS, DM, DR, SNDR, Switch-DR, DRos; not IPS). */
  readonly translationEquivariant?: boolean;
  /** When the target equals the logging policy, the estimate is the mean logged reward (IPS, SNIPS). */
  readonly onPolicyIsMean?: boolean;
  /** Problem sizes. */
  readonly problem?: OpeProblemArbOptions;
}

const close = (a: number, b: number, scale = 1): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, scale, Math.abs(a), Math.abs(b));

function shape(p: OpeProblem, f: (r: number) => number): OpeProblem {
  return {
    log: p.log.map((r) => ({ ...r, reward: f(r.reward) })),
    target: p.target,
    rewardModel: p.rewardModel.map((row) => row.map(f)),
  };
}

/**
 * Family laws of off-policy estimators, run with fast-check on generated valid problems:
 * - a finite value and standard error, `ci[0] ≤ value ≤ ci[1]`, `n` = log length;
 * - determinism and purity (the frozen inputs are not mutated);
 * - invariance under a permutation of the rounds (targets and predictions permuted alike);
 * - scale equivariance: multiplying rewards (and predictions) by s > 0 multiplies value and standard error by s;
 * - optionally translation equivariance and on-policy consistency (see {@link OpeLawOptions});
 * - robustness: a log with a zero propensity or a NaN reward throws an `InfraError`.
 *
 * @param estimator - the estimator under test
 * @param opts - which optional laws apply, problem sizes, runs and seed
 * @throws Error (from fast-check, with a replayable seed) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * // The logged mean reward passes the structural laws (it is, of course, a biased estimator of the target).
 * const loggedMean: OpeEstimatorUnderTest = (log) => {
 *   validateLog(log);
 *   const m = log.reduce((s, r) => s + r.reward, 0) / log.length;
 *   const se = Math.sqrt(log.reduce((s, r) => s + (r.reward - m) ** 2, 0) / (log.length - 1) / log.length);
 *   return { estimator: 'mean', value: m, standardError: se, ci: [m - 2 * se, m + 2 * se], level: 0.95,
 *     interval: 'normal', n: log.length, effectiveSampleSize: log.length, maxImportanceWeight: 1 };
 * };
 * checkOpeLaws(loggedMean, { translationEquivariant: true, onPolicyIsMean: true, numRuns: 20 });
 * ```
 */
export function checkOpeLaws(estimator: OpeEstimatorUnderTest, opts: OpeLawOptions = {}): void {
  const problems = opeProblemArb(opts.problem);
  const run = (p: OpeProblem): OpeEstimate => estimator(p.log, p.target, opts.usesRewardModel === true ? { rewardModel: p.rewardModel } : {});
  const params = { ...(opts.numRuns === undefined ? {} : { numRuns: opts.numRuns }), ...(opts.seed === undefined ? {} : { seed: opts.seed }) };
  const prop = (law: (p: OpeProblem) => boolean | void, arb: fc.Arbitrary<OpeProblem> = problems): void => {
    fc.assert(
      fc.property(arb, (p) => {
        try {
          return law(p);
        } catch (e) {
          if (isInfraError(e, 'NOT_IDENTIFIABLE')) return true; // e.g. a target with no overlap for SNIPS
          throw e;
        }
      }),
      params,
    );
  };
  prop((p) => {
    const e = run(p);
    return Number.isFinite(e.value) && Number.isFinite(e.standardError) && e.standardError >= 0 && e.ci[0] <= e.value && e.value <= e.ci[1] && e.n === p.log.length;
  });
  checkDeterminism((p: OpeProblem, _rng: Rng) => run(p), problems, opts);
  checkPurity((p: OpeProblem) => run(p), problems, opts);
  prop((p) => {
    const order = p.log.map((_, i) => i).reverse();
    const q: OpeProblem = { log: order.map((i) => p.log[i] as LoggedRound), target: order.map((i) => p.target[i] as number[]), rewardModel: order.map((i) => p.rewardModel[i] as number[]) };
    return close(run(p).value, run(q).value);
  });
  prop((p) => {
    const a = run(p);
    const b = run(shape(p, (r) => 2.5 * r));
    return close(b.value, 2.5 * a.value) && close(b.standardError, 2.5 * a.standardError);
  });
  if (opts.translationEquivariant === true) {
    prop((p) => close(run(shape(p, (r) => r + 3)).value, run(p).value + 3, 10));
  }
  if (opts.onPolicyIsMean === true) {
    prop((p) => {
      const q: OpeProblem = { ...p, target: p.log.map((r) => [...(r.probabilities ?? [])]) };
      const mean = p.log.reduce((s, r) => s + r.reward, 0) / p.log.length;
      return close(run(q).value, mean);
    });
  }
  const broken = problems.chain((p) =>
    fc.tuple(fc.nat({ max: p.log.length - 1 }), fc.constantFrom<'propensity' | 'reward'>('propensity', 'reward')).map(([i, field]) => ({
      ...p,
      log: p.log.map((r, j) => (j !== i ? r : field === 'propensity' ? { context: r.context, action: r.action, reward: r.reward, propensity: 0 } : { ...r, reward: Number.NaN })),
    })),
  ) as fc.Arbitrary<OpeProblem>;
  checkRobustness((p: OpeProblem) => run(p), broken, opts);
}
