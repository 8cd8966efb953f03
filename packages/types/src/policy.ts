import type { Rng } from './rng.js';
import { createRng } from './rng.js';

/**
 * Why a decision was made, for logs and dashboards: a one-line reason plus the numbers behind it.
 */
export interface DecisionTrace {
  /** A short human-readable reason, e.g. `"highest UCB"` or `"explore (ε = 0.1)"`. */
  readonly reason: string;
  /** Per-action scores the policy compared (same order as the action set), if any. */
  readonly scores?: readonly number[];
  /** Other named quantities (estimates, bounds, thresholds) that drove the decision. */
  readonly details?: Readonly<Record<string, number | string | boolean | readonly number[]>>;
}

/**
 * A policy's decision: the chosen action, and — for randomized policies over a discrete action set — the
 * full probability vector the action was drawn from and the chosen action's propensity, so that the
 * decision can be logged and later evaluated off-policy.
 */
export interface Decision<A> {
  /** The chosen action. */
  readonly action: A;
  /** The probability of every action in the policy's action order (sums to 1), when the action set is discrete. */
  readonly probabilities?: readonly number[];
  /** The probability with which `action` was chosen (equals its entry in `probabilities`). */
  readonly propensity?: number;
  /** Why this action was chosen. */
  readonly trace?: DecisionTrace;
}

/**
 * The shape of every online policy: a pure state machine. `init` makes the first state, `decide` picks an
 * action for a context using only the injected random stream, `update` folds in feedback and returns a new
 * state. State is plain JSON and is never mutated.
 *
 * @typeParam S - the state (plain JSON)
 * @typeParam C - the context a decision is made in (use `void` or `undefined` for none)
 * @typeParam A - the action
 * @typeParam F - the feedback `update` learns from
 */
export interface OnlinePolicy<S, C, A, F> {
  /** A stable name, e.g. `"linucb"`. */
  readonly name: string;
  /** The initial state. */
  init(): S;
  /** Choose an action for `context`; all randomness comes from `rng`. */
  decide(state: S, context: C, rng: Rng): Decision<A>;
  /** Learn from feedback; returns a new state. */
  update(state: S, feedback: F): S;
}

/**
 * The shape of an online estimator: observations in, estimates out, state plain and immutable.
 *
 * @typeParam S - the state (plain JSON)
 * @typeParam O - one observation
 * @typeParam Q - a query
 * @typeParam E - an estimate
 */
export interface Estimator<S, O, Q, E> {
  /** A stable name. */
  readonly name: string;
  /** The initial state (no observations). */
  init(): S;
  /** Fold in one observation; returns a new state. */
  observe(state: S, observation: O): S;
  /** Answer a query from the current state. */
  estimate(state: S, query: Q): E;
}

/** What {@link Optimizer.ask} returns: a point to evaluate and the state that remembers it was asked. */
export interface Proposal<P, S> {
  /** The point to evaluate next. */
  readonly point: P;
  /** The optimizer's state after proposing it. */
  readonly state: S;
}

/** The best point an {@link Optimizer} has been told about. */
export interface BestPoint<P> {
  /** The point. */
  readonly point: P;
  /** Its objective value (lower is better). */
  readonly value: number;
}

/**
 * The ask/tell shape of a black-box optimizer that minimizes an objective.
 *
 * @typeParam S - the state (plain JSON)
 * @typeParam P - a point of the search space
 */
export interface Optimizer<S, P> {
  /** A stable name. */
  readonly name: string;
  /** The initial state. */
  init(): S;
  /** Propose the next point to evaluate. */
  ask(state: S, rng: Rng): Proposal<P, S>;
  /** Report the objective value measured at `point`; returns a new state. */
  tell(state: S, point: P, value: number): S;
  /** The best point told so far, if any. */
  best(state: S): BestPoint<P> | undefined;
}

/**
 * Define an online policy with its types inferred (an identity function that freezes the object).
 *
 * @param policy - the policy's functions
 * @returns the same policy, frozen
 *
 * @example
 * ```ts @import.meta.vitest
 * const counter = definePolicy({
 *   name: 'always-zero',
 *   init: () => ({ version: 1, n: 0 }),
 *   decide: (_s: { version: number; n: number }, _c: undefined, _rng: Rng) => ({ action: 0, probabilities: [1], propensity: 1 }),
 *   update: (s: { version: number; n: number }, _f: number) => ({ ...s, n: s.n + 1 }),
 * });
 * expect(counter.update(counter.init(), 1).n).toBe(1);
 * ```
 */
export function definePolicy<S, C, A, F>(policy: OnlinePolicy<S, C, A, F>): OnlinePolicy<S, C, A, F> {
  return Object.freeze({ ...policy });
}

/**
 * Define an estimator with its types inferred (an identity function that freezes the object).
 *
 * @param estimator - the estimator's functions
 * @returns the same estimator, frozen
 *
 * @example
 * ```ts @import.meta.vitest
 * const mean = defineEstimator({
 *   name: 'mean',
 *   init: () => ({ n: 0, sum: 0 }),
 *   observe: (s: { n: number; sum: number }, x: number) => ({ n: s.n + 1, sum: s.sum + x }),
 *   estimate: (s: { n: number; sum: number }, _q: undefined) => s.sum / s.n,
 * });
 * expect(mean.estimate(mean.observe(mean.observe(mean.init(), 1), 3), undefined)).toBe(2);
 * ```
 */
export function defineEstimator<S, O, Q, E>(estimator: Estimator<S, O, Q, E>): Estimator<S, O, Q, E> {
  return Object.freeze({ ...estimator });
}

/**
 * Define an ask/tell optimizer with its types inferred (an identity function that freezes the object).
 *
 * @param optimizer - the optimizer's functions
 * @returns the same optimizer, frozen
 *
 * @example
 * ```ts @import.meta.vitest
 * type S = { best?: { point: number; value: number } };
 * const random = defineOptimizer({
 *   name: 'random-search',
 *   init: (): S => ({}),
 *   ask: (s: S, rng: Rng) => ({ point: rng.next(), state: s }),
 *   tell: (s: S, point: number, value: number): S => (s.best && s.best.value <= value ? s : { best: { point, value } }),
 *   best: (s: S) => s.best,
 * });
 * const { point, state } = random.ask(random.init(), createRng(1));
 * expect(random.best(random.tell(state, point, 2))?.value).toBe(2);
 * ```
 */
export function defineOptimizer<S, P>(optimizer: Optimizer<S, P>): Optimizer<S, P> {
  return Object.freeze({ ...optimizer });
}
