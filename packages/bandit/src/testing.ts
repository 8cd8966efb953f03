/**
 * `@infra/bandit/testing`: fast-check arbitraries and law checkers for bandit policies. Run
 * {@link checkBanditLaws} on any {@link BanditPolicy} (ours or yours); the model-based checkers compare a
 * policy's incremental statistics with a naive recompute from the full history. Requires `fast-check`.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { createRng } from './infra-types.js';
import { checkOnlinePolicyLaws, checkRobustness, deepEqualData, type LawRunOptions } from '@infra/types/testing';
import type { ArmId } from './arms.js';
import type { BanditFeedback, BanditPolicy, BanditState } from './policy.js';
import { deserializeBandit, serializeBandit } from './serialize.js';

export { checkLinearModel, checkMabModel, type ModelCheckOptions } from './testing-model.js';
export { checkHybridModel, hybridContextArb, type HybridModelCheckOptions } from './testing-hybrid.js';

/** Options of {@link checkBanditLaws}. */
export interface BanditLawOptions<C> extends LawRunOptions {
  /** Valid contexts (default: `undefined` for non-contextual policies, {@link contextArb} otherwise). */
  readonly context?: fc.Arbitrary<C> | undefined;
  /** Reward for playing `arm` (its index) given a uniform draw (default: the draw mapped into the reward range). */
  readonly reward?: ((arm: number, draw: number) => number) | undefined;
  /** Steps per generated trajectory (default 20). */
  readonly steps?: number | undefined;
  /** Check that non-contextual estimates stay inside the reward range (default true when `dimension` is 0). */
  readonly checkEstimates?: boolean | undefined;
}

/**
 * Contexts of dimension `d` with moderate finite features.
 *
 * @param d - dimension
 * @returns an arbitrary of number arrays
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(contextArb(3), (x) => x.length === 3 && x.every(Number.isFinite)));
 * ```
 */
export function contextArb(d: number): fc.Arbitrary<number[]> {
  return fc.array(fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }), { minLength: d, maxLength: d });
}

/**
 * Default reward model of the laws: a uniform draw mapped into the policy's reward range (into [-1, 1]
 * for unbounded ends), with an arm-dependent offset so arms differ.
 *
 * @param range - the reward range
 * @returns reward(arm, draw)
 *
 * @example
 * ```ts @import.meta.vitest
 * const r = rewardInRange([0, 1]);
 * expect(r(0, 0.5)).toBeGreaterThanOrEqual(0);
 * expect(r(3, 0.99)).toBeLessThanOrEqual(1);
 * ```
 */
export function rewardInRange(range: readonly [number, number]): (arm: number, draw: number) => number {
  const lo = Number.isFinite(range[0]) ? range[0] : Number.isFinite(range[1]) ? range[1] - 2 : -1;
  const hi = Number.isFinite(range[1]) ? range[1] : lo + 2;
  return (arm, draw) => {
    const u = (draw + ((arm * 0.618034) % 1)) / 2;
    return Math.min(hi, Math.max(lo, lo + (hi - lo) * u));
  };
}

/**
 * Valid states of a policy, built by running random trajectories (2 to `maxSteps` updates) from `init()`
 * with the policy's own decisions; every state passes the policy's validator.
 *
 * @param policy - the policy
 * @param opts - context arbitrary (required for contextual policies), reward model, trajectory length
 * @returns an arbitrary of states
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = { dimension: 0, rewardRange: [0, 1] as const,
 *   init: () => ({ version: 1 as const, arms: [0], pulls: [0] }),
 *   decide: () => ({ action: 0 }),
 *   update: (s: { version: 1; arms: number[]; pulls: number[] }) => ({ ...s, pulls: [s.pulls[0]! + 1] }) };
 * fc.assert(fc.property(banditStateArb(policy as never), (s: { pulls: number[] }) => s.pulls[0]! >= 0), { numRuns: 5 });
 * ```
 */
export function banditStateArb<S extends BanditState, C>(
  policy: BanditPolicy<S, C>,
  opts?: { context?: fc.Arbitrary<C>; reward?: (arm: number, draw: number) => number; maxSteps?: number },
): fc.Arbitrary<S> {
  const ctx = opts?.context ?? defaultContext<C>(policy.dimension);
  const reward = opts?.reward ?? rewardInRange(policy.rewardRange);
  const steps = fc.array(fc.tuple(ctx, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })), {
    minLength: 0,
    maxLength: opts?.maxSteps ?? 30,
  });
  return fc.tuple(steps, fc.integer()).map(([xs, seed]) => {
    const rng = createRng(seed);
    let s = policy.init();
    for (const [c, u] of xs) {
      const d = policy.decide(s, c, rng);
      const i = s.arms.indexOf(d.action);
      s = policy.update(s, feedbackFor(d.action, reward(i, u), c));
    }
    return s;
  });
}

function defaultContext<C>(d: number): fc.Arbitrary<C> {
  return (d === 0 ? fc.constant(undefined) : contextArb(d)) as fc.Arbitrary<C>;
}

function feedbackFor(action: ArmId, reward: number, context: unknown): BanditFeedback {
  return context === undefined ? { action, reward } : { action, reward, context: context as ArrayLike<number> };
}

/**
 * Family laws along one trajectory: probabilities sum to 1 within 1e-12 and each is ≥ the declared floor;
 * the propensity equals the chosen arm's probability; the played arm's `pulls` grow by exactly one and the
 * others are unchanged; (optionally) estimates stay in the reward range; `removeArm(addArm(s, id), id)`
 * gives back `s`.
 *
 * @param policy - the policy under test
 * @param reward - reward model
 * @param checkEstimates - whether to check the estimate range
 * @returns a predicate over (contexts, draws, seed) returning a failure message or undefined
 *
 * @example
 * ```ts @import.meta.vitest
 * const law = banditFamilyLaw({ dimension: 0, rewardRange: [0, 1], minProbability: () => 0,
 *   init: () => ({ version: 1, arms: [0], pulls: [0] }), decide: () => ({ action: 0, probabilities: [1], propensity: 1 }),
 *   update: (s: { pulls: number[] }) => ({ ...s, pulls: [s.pulls[0]! + 2] }), estimates: () => [0.5],
 *   addArm: (s: unknown) => s, removeArm: (s: unknown) => s } as never, () => 0.5, true);
 * expect(law([undefined], [0.5], 1)).toMatch(/pulls/);
 * ```
 */
export function banditFamilyLaw<S extends BanditState, C>(
  policy: BanditPolicy<S, C>,
  reward: (arm: number, draw: number) => number,
  checkEstimates: boolean,
): (contexts: readonly C[], draws: readonly number[], seed: number) => string | undefined {
  const [lo, hi] = policy.rewardRange;
  const tol = 1e-9 * Math.max(1, Math.abs(Number.isFinite(lo) ? lo : 0), Math.abs(Number.isFinite(hi) ? hi : 0));
  return (contexts, draws, seed) => {
    const rng = createRng(seed);
    let s = policy.init();
    for (let t = 0; t < contexts.length; t++) {
      const c = contexts[t] as C;
      const floor = policy.minProbability(s);
      const d = policy.decide(s, c, rng);
      const p = d.probabilities;
      if (p === undefined || p.length !== s.arms.length) return `step ${t}: probability vector missing or wrong length`;
      let sum = 0;
      for (const v of p) sum += v;
      if (Math.abs(sum - 1) > 1e-12) return `step ${t}: probabilities sum to ${sum}`;
      const low = p.findIndex((v) => !(v >= floor - 1e-15));
      if (low >= 0) return `step ${t}: probabilities[${low}] = ${p[low]} below the declared floor ${floor}`;
      const i = s.arms.indexOf(d.action);
      if (i < 0) return `step ${t}: unknown action ${String(d.action)}`;
      if (d.propensity === undefined || d.propensity !== p[i] || !(d.propensity > 0)) return `step ${t}: propensity ${d.propensity} ≠ probabilities[${i}]`;
      const next = policy.update(s, feedbackFor(d.action, reward(i, draws[t % draws.length] ?? 0.5), c));
      for (let j = 0; j < s.arms.length; j++) {
        const grow = (next.pulls[j] as number) - (s.pulls[j] as number);
        if (grow !== (j === i ? 1 : 0)) return `step ${t}: pulls[${j}] grew by ${grow}`;
      }
      if (checkEstimates) {
        const est = policy.estimates(next, c);
        const bad = est.findIndex((m) => !(m >= lo - tol && m <= hi + tol));
        if (bad >= 0) return `step ${t}: estimate ${est[bad]} of arm ${bad} outside [${lo}, ${hi}]`;
      }
      const id = `__law_arm_${t}`;
      if (!deepEqualData(policy.removeArm(policy.addArm(next, id), id), next)) {
        return `step ${t}: removeArm(addArm(s, id), id) differs from s`;
      }
      s = next;
    }
    return undefined;
  };
}

/**
 * Invalid feedback for a state: unknown arms, NaN/Infinity rewards, zero or negative propensities, and
 * (contextual policies) contexts of the wrong length or with non-finite features.
 *
 * @param arms - the state's arms (the first one is used for otherwise-valid fields)
 * @param d - context dimension (0 for non-contextual)
 * @returns an arbitrary of invalid feedback
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(invalidFeedbackArb([0, 1], 0), (f) => typeof f === 'object'), { numRuns: 10 });
 * ```
 */
export function invalidFeedbackArb(arms: readonly ArmId[], d: number): fc.Arbitrary<BanditFeedback> {
  const arm = arms[0] as ArmId;
  const ctx = d === 0 ? undefined : new Array<number>(d).fill(0.5);
  const base = (f: { action: ArmId; reward: number; propensity?: number; context?: number[] }): BanditFeedback =>
    ctx === undefined || f.context !== undefined ? f : { ...f, context: ctx };
  const bad: fc.Arbitrary<BanditFeedback>[] = [
    fc.constantFrom(Number.NaN, Infinity, -Infinity).map((reward) => base({ action: arm, reward })),
    fc.string({ minLength: 1 }).filter((s) => !arms.includes(s)).map((a) => base({ action: `?${a}`, reward: 0 })),
    fc.constantFrom(0, -0.5, 1.5, Number.NaN).map((propensity) => base({ action: arm, reward: 0, propensity })),
  ];
  if (d > 0) {
    bad.push(
      fc.integer({ min: 0, max: d + 3 }).filter((n) => n !== d).map((n) => base({ action: arm, reward: 0, context: new Array<number>(n).fill(1) })),
      fc.tuple(fc.integer({ min: 0, max: d - 1 }), fc.constantFrom(Number.NaN, Infinity)).map(([j, v]) => {
        const x = new Array<number>(d).fill(0);
        x[j] = v;
        return base({ action: arm, reward: 0, context: x });
      }),
    );
  }
  return fc.oneof(...bad);
}

/**
 * Run every law on a bandit policy: the generic `@infra/types` online-policy laws (determinism, purity,
 * finite outputs, valid actions, JSON round trip through {@link serializeBandit} / {@link deserializeBandit}),
 * the bandit family laws ({@link banditFamilyLaw}), and robustness (invalid feedback and contexts throw a
 * typed `InfraError`). Throws with a replayable seed on failure.
 *
 * @param policy - the policy under test
 * @param opts - contexts, reward model, steps, runs and seed
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = { name: 'first', kind: 'bandit/first', dimension: 0, rewardRange: [0, 1] as [number, number],
 *   init: () => ({ version: 1 as const, arms: [0, 1] as (number | string)[], pulls: [0, 0] }),
 *   decide: (s: { arms: (number | string)[] }) => ({ action: s.arms[0]!, probabilities: s.arms.map((_, i) => (i === 0 ? 1 : 0)), propensity: 1 }),
 *   update: (s: { version: 1; arms: (number | string)[]; pulls: number[] }, f: BanditFeedback) => {
 *     const i = s.arms.indexOf(f.action);
 *     return { ...s, pulls: s.pulls.map((n, j) => (j === i ? n + 1 : n)) };
 *   },
 *   minProbability: () => 0, estimates: (s: { arms: unknown[] }) => s.arms.map(() => 0.5),
 *   addArm: (s: { arms: (number | string)[]; pulls: number[] }, id: number | string) => ({ ...s, arms: [...s.arms, id], pulls: [...s.pulls, 0] }),
 *   removeArm: (s: { arms: (number | string)[]; pulls: number[] }, id: number | string) => ({ ...s, arms: s.arms.filter((a) => a !== id), pulls: s.pulls.filter((_, j) => s.arms[j] !== id) }),
 *   resetArm: (s: unknown) => s, validate: (s: unknown) => s };
 * expect(() => checkBanditLaws(policy as never, { numRuns: 5 })).toThrow();
 * ```
 */
export function checkBanditLaws<S extends BanditState, C>(policy: BanditPolicy<S, C>, opts?: BanditLawOptions<C>): void {
  const context = opts?.context ?? defaultContext<C>(policy.dimension);
  const reward = opts?.reward ?? rewardInRange(policy.rewardRange);
  const steps = opts?.steps ?? 20;
  const run: LawRunOptions = {
    ...(opts?.numRuns !== undefined ? { numRuns: opts.numRuns } : {}),
    ...(opts?.seed !== undefined ? { seed: opts.seed } : {}),
  };
  checkOnlinePolicyLaws(policy, {
    ...run,
    context,
    steps,
    feedback: (d, c, u) => feedbackFor(d.action, reward(0, u), c),
    isValidAction: (s, a) => s.arms.includes(a),
    actionIndex: (s, a) => s.arms.indexOf(a),
    serialize: (s) => serializeBandit(policy, s),
    deserialize: (t) => deserializeBandit(policy, t),
    probabilityTolerance: 1e-12,
  });
  const family = banditFamilyLaw(policy, reward, opts?.checkEstimates ?? policy.dimension === 0);
  const contexts = fc.array(context, { minLength: 1, maxLength: steps });
  const draws = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: steps });
  fc.assert(
    fc.property(contexts, draws, fc.integer(), (cs, ds, seed) => {
      const failure = family(cs, ds, seed);
      if (failure !== undefined) throw new Error(failure);
    }),
    run,
  );
  const states = banditStateArb(policy, { context, reward, maxSteps: 10 });
  checkRobustness(
    ([s, f]: [S, BanditFeedback]) => policy.update(s, f),
    states.chain((s) => fc.tuple(fc.constant(s), invalidFeedbackArb(s.arms, policy.dimension))),
    run,
  );
  if (policy.dimension > 0) {
    const badContext = fc.oneof(
      fc.integer({ min: 0, max: policy.dimension + 2 }).filter((n) => n !== policy.dimension).map((n) => new Array<number>(n).fill(1)),
      fc.constantFrom(Number.NaN, Infinity).map((v) => [v, ...new Array<number>(policy.dimension - 1).fill(0)]),
    );
    checkRobustness(
      ([s, x, seed]: [S, number[], number]) => policy.decide(s, x as C, createRng(seed)),
      fc.tuple(states, badContext, fc.integer()),
      run,
    );
  }
  checkRobustness(([s, id]: [S, string]) => policy.removeArm(s, id), fc.tuple(states, fc.constant('__no_such_arm__')), run);
}

// off-policy evaluation: arbitraries and estimator laws
export { checkOpeLaws, opeProblemArb, type OpeEstimatorUnderTest, type OpeLawOptions, type OpeProblem, type OpeProblemArbOptions } from './testing-ope.js';
