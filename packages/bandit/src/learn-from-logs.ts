import {
  InfraError,
  assertFinite,
  assertFiniteArray,
  assertInRange,
  assertInteger,
  assertPlainObject,
  type Decision,
  type OnlinePolicy,
  type Rng,
} from './infra-types.js';
import { choleskySolve } from './linalg.js';
import type { LoggedRound } from './ope-logged-data.js';
import { fitRewardModel, predictRewards, type LinearRewardModel, type RewardModelWeighting } from './ope-reward-model.js';

/** State of {@link ridgeGreedy}: a per-arm ridge reward model plus the exploration rate. Plain JSON. */
export interface RidgeGreedyState {
  /** Schema version (1). */
  readonly version: 1;
  /** The per-arm reward model; its Gram matrices and moments keep growing online. */
  readonly model: LinearRewardModel;
  /** Exploration probability ε in [0, 1]: each decision spreads ε uniformly over the arms. */
  readonly epsilon: number;
  /** Number of online updates since the state was created or learned. */
  readonly updates: number;
}

/** Feedback of {@link ridgeGreedy}: the context, the played action index and its reward (a {@link LoggedRound} fits). */
export interface RidgeFeedback {
  /** The context of the decision. */
  readonly context: readonly number[];
  /** Index of the played action. */
  readonly action: number;
  /** Observed reward. */
  readonly reward: number;
}

/** Configuration of {@link ridgeGreedy}. */
export interface RidgeGreedyConfig {
  /** Number of actions K ≥ 1. */
  readonly numActions: number;
  /** Context length d ≥ 0. */
  readonly dimension: number;
  /** Exploration probability ε in [0, 1] (default 0.05, Vowpal Wabbit's default). */
  readonly epsilon?: number;
  /** Ridge strength λ > 0 (default 1). */
  readonly ridge?: number;
  /** Prepend a constant feature (default true). */
  readonly intercept?: boolean;
}

/**
 * ε-greedy over per-arm ridge regressions, as a pure `OnlinePolicy`: the online continuation of a policy
 * learned offline by {@link learnFromLogs}. `decide` returns the full probability vector and the propensity
 * (ties go to the lowest index); `update` adds one rank-1 term to the played arm's Gram matrix and re-solves
 * its coefficients (O(p³) with p = d + 1, meant for small contexts).
 *
 * @param config - K, d, ε, ridge, intercept
 * @returns the policy
 * @throws InfraError for invalid configuration
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = ridgeGreedy({ numActions: 2, dimension: 1, epsilon: 0.1 });
 * let s = policy.init();
 * s = policy.update(s, { context: [1], action: 1, reward: 1 });
 * const rng = { next: () => 0.5 } as unknown as Rng; // any Rng, e.g. createRng(seed)
 * const d = policy.decide(s, [1], rng);
 * expect(d.action).toBe(1);
 * expect(d.probabilities).toEqual([0.05, 0.95]);
 * expect(d.propensity).toBe(0.95);
 * ```
 */
export function ridgeGreedy(config: RidgeGreedyConfig): OnlinePolicy<RidgeGreedyState, readonly number[], number, RidgeFeedback> {
  const k = assertInteger(config.numActions, 'config.numActions', { min: 1 });
  const d = assertInteger(config.dimension, 'config.dimension', { min: 0 });
  const epsilon = assertInRange(config.epsilon ?? 0.05, 'config.epsilon', 0, 1);
  const ridge = config.ridge ?? 1;
  if (!(ridge > 0) || !Number.isFinite(ridge)) throw new InfraError('OUT_OF_RANGE', 'config.ridge', `must be finite and > 0, got ${ridge}`);
  const intercept = config.intercept ?? true;
  const p = d + (intercept ? 1 : 0);
  return {
    name: 'ridge-greedy',
    init(): RidgeGreedyState {
      const gram = Array.from({ length: p * p }, (_, i) => (i % (p + 1) === 0 ? ridge : 0));
      const arm = { gram, moment: new Array<number>(p).fill(0), theta: new Array<number>(p).fill(0), weight: 0, count: 0 };
      return { version: 1, model: { version: 1, kind: 'linear-reward-model', dimension: d, intercept, ridge, arms: Array.from({ length: k }, () => arm) }, epsilon, updates: 0 };
    },
    decide(state: RidgeGreedyState, context: readonly number[], rng: Rng): Decision<number> {
      assertFiniteArray(context, 'context', { length: state.model.dimension });
      const scores = predictRewards(state.model, context);
      let best = 0;
      for (let a = 1; a < scores.length; a++) if ((scores[a] ?? 0) > (scores[best] ?? 0)) best = a;
      const kk = scores.length;
      const floor = state.epsilon / kk;
      const probabilities = scores.map((_, a) => (a === best ? 1 - (kk - 1) * floor : floor));
      const u = rng.next();
      let action = kk - 1;
      let acc = 0;
      for (let a = 0; a < kk; a++) {
        acc += probabilities[a] ?? 0;
        if (u < acc) {
          action = a;
          break;
        }
      }
      const explore = action !== best;
      return {
        action,
        probabilities,
        propensity: probabilities[action] ?? 0,
        trace: { reason: explore ? `explore (ε = ${state.epsilon})` : 'highest predicted reward', scores },
      };
    },
    update(state: RidgeGreedyState, feedback: RidgeFeedback): RidgeGreedyState {
      const fb = assertPlainObject(feedback, 'feedback');
      const x = assertFiniteArray(fb['context'], 'feedback.context', { length: state.model.dimension });
      const action = fb['action'];
      if (typeof action !== 'number' || !Number.isInteger(action) || action < 0 || action >= state.model.arms.length) {
        throw new InfraError('UNKNOWN_ID', 'feedback.action', `unknown action ${String(action)}, expected an integer in [0, ${state.model.arms.length})`);
      }
      const reward = assertFinite(fb['reward'], 'feedback.reward');
      const m = state.model;
      const q = m.dimension + (m.intercept ? 1 : 0);
      const z = m.intercept ? [1, ...Array.from(x)] : Array.from(x);
      const old = m.arms[action];
      if (old === undefined) throw new InfraError('UNKNOWN_ID', 'feedback.action', `unknown action ${action}`);
      const gram = old.gram.map((g, idx) => g + (z[Math.floor(idx / q)] ?? 0) * (z[idx % q] ?? 0));
      const moment = old.moment.map((b, i) => b + reward * (z[i] ?? 0));
      const theta = Array.from(choleskySolve(gram, moment, q, `state.model.arms[${action}].gram`));
      const arm = { gram, moment, theta, weight: old.weight + 1, count: old.count + 1 };
      return { ...state, model: { ...m, arms: m.arms.map((a, i) => (i === action ? arm : a)) }, updates: state.updates + 1 };
    },
  };
}

/** Options of {@link learnFromLogs}. */
export interface LearnFromLogsOptions {
  /** Number of actions K. */
  readonly numActions: number;
  /** Sample weighting of the offline fit (default `dr`): see {@link RewardModelWeighting}. */
  readonly weighting?: RewardModelWeighting;
  /** Exploration rate ε of the returned policy state (default 0.05). */
  readonly epsilon?: number;
  /** Ridge strength λ > 0 (default 1). */
  readonly ridge?: number;
  /** Prepend a constant feature (default true). */
  readonly intercept?: boolean;
  /** Clip importance weights 1/p at this value (default Infinity). */
  readonly maxWeight?: number;
}

/**
 * Train a contextual policy offline from logged rounds (INDIGO's "trained on historical data" step):
 * fit per-arm ridge reward models with IPS or doubly robust weights, and return a {@link ridgeGreedy}
 * state that acts greedily (with ε exploration) on them and keeps learning online. Evaluate the
 * result on held-out logs with `doublyRobust` before deploying it.
 *
 * @param log - logged rounds (validated)
 * @param opts - K, weighting, ε, ridge, intercept, clipping
 * @returns a state for `ridgeGreedy({ numActions, dimension, epsilon, ridge, intercept })`
 * @throws InfraError for an invalid log or options
 *
 * @example
 * ```ts @import.meta.vitest
 * const log = Array.from({ length: 40 }, (_, i) => {
 *   const x = i % 2;
 *   const action = Math.floor(i / 2) % 2;
 *   return { context: [x], action, reward: action === x ? 1 : 0, propensity: 0.5 };
 * });
 * const state = learnFromLogs(log, { numActions: 2, weighting: 'dr', epsilon: 0 });
 * const policy = ridgeGreedy({ numActions: 2, dimension: 1, epsilon: 0 });
 * const rng = { next: () => 0.5 } as unknown as Rng; // any Rng, e.g. createRng(seed)
 * expect(policy.decide(state, [0], rng).action).toBe(0);
 * expect(policy.decide(state, [1], rng).action).toBe(1);
 * ```
 */
export function learnFromLogs(log: readonly LoggedRound[], opts: LearnFromLogsOptions): RidgeGreedyState {
  const epsilon = assertInRange(opts.epsilon ?? 0.05, 'options.epsilon', 0, 1);
  const model = fitRewardModel(log, {
    numActions: opts.numActions,
    weighting: opts.weighting ?? 'dr',
    ...(opts.ridge === undefined ? {} : { ridge: opts.ridge }),
    ...(opts.intercept === undefined ? {} : { intercept: opts.intercept }),
    ...(opts.maxWeight === undefined ? {} : { maxWeight: opts.maxWeight }),
  });
  return { version: 1, model, epsilon, updates: 0 };
}
