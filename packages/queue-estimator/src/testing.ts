/**
 * `@infra/queue-estimator/testing`: fast-check arbitraries for the package's inputs and states, and the
 * law checkers users run on their own estimators, queue formulas, staffing solvers and schedulers.
 * Requires `fast-check` (optional peer dependency).
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { createRng, gamma as gammaSample, isInfraError, type Estimator } from '@infra/types';
import { checkDeterminism, checkJsonRoundTrip, checkPurity, checkRobustness, type LawRunOptions } from '@infra/types/testing';
import type { WaitDistribution } from './distribution.js';
import type { EstimateWaitInput } from './estimate-wait.js';
import { createQueueState, enqueueRequest, type QueueState } from './queue-state.js';
import type { ScheduleGroup, ScheduleInstance } from './schedule-model.js';
import type { SchedulePlan } from './scheduler.js';
import type { StaffingParams } from './staffing.js';
import { histogramFromSamples, type TokenHistogram } from './token-histogram.js';
import type { RwtObservation, RwtQuery } from './rwt-estimator.js';

// ---------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------

/**
 * Output-length histograms built from `minSamples`–200 samples (valid by construction).
 *
 * @param maxTokens - largest sample (default 4096)
 * @param minSamples - fewest samples (default 1: degenerate one-value histograms included)
 * @returns an arbitrary of histograms
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(tokenHistogramArb(), (h) => h.n > 0), { numRuns: 20 });
 * ```
 */
export function tokenHistogramArb(maxTokens = 4096, minSamples = 1): fc.Arbitrary<TokenHistogram> {
  return fc.array(fc.integer({ min: 1, max: maxTokens }), { minLength: minSamples, maxLength: Math.max(minSamples, 200) }).map((xs) => histogramFromSamples(xs, { maxTokens }));
}

/**
 * Valid {@link EstimateWaitInput}s: 1–3 groups, up to 64 running sequences, up to 300 queued ahead,
 * optional KV and chunked-prefill limits.
 *
 * @param opts - `minSamples`: fewest output-length samples per group histogram (default 1); `kv: false`
 *   leaves out the KV-cache limit
 * @returns an arbitrary of estimator inputs
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(estimateInputArb(), (i) => i.ahead.length >= 0), { numRuns: 10 });
 * ```
 */
export function estimateInputArb(opts: { readonly minSamples?: number; readonly kv?: boolean } = {}): fc.Arbitrary<EstimateWaitInput> {
  return fc
    .record({
      hists: fc.array(tokenHistogramArb(2048, opts.minSamples ?? 1), { minLength: 1, maxLength: 3 }),
      alpha: fc.double({ min: 1e-4, max: 0.05, noNaN: true }),
      beta: fc.double({ min: 0, max: 1e-3, noNaN: true }),
      gamma: fc.double({ min: 0, max: 2e-4, noNaN: true }),
      maxBatch: fc.integer({ min: 1, max: 64 }),
      running: fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 0, max: 3000 })), { maxLength: 64 }),
      ahead: fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 8000 })), { maxLength: 3 }),
      kv: opts.kv === false ? fc.constant(undefined) : fc.option(fc.tuple(fc.integer({ min: 10_000, max: 200_000 }), fc.double({ min: 0, max: 1, noNaN: true })), { nil: undefined }),
      budget: fc.option(fc.integer({ min: 256, max: 8192 }), { nil: undefined }),
    })
    .map((r) => {
      const names = r.hists.map((_, i) => `g${i}`);
      const histograms: Record<string, TokenHistogram> = {};
      r.hists.forEach((h, i) => (histograms[names[i]!] = h));
      const pick = (i: number): string => names[i % names.length]!;
      const byGroup = new Map<string, number[]>();
      for (const [gi, tok] of r.running.slice(0, r.maxBatch)) byGroup.set(pick(gi), [...(byGroup.get(pick(gi)) ?? []), tok]);
      const input: EstimateWaitInput = {
        histograms,
        service: {
          coefficients: { alpha: r.alpha, beta: r.beta, gamma: r.gamma },
          maxBatchSize: r.maxBatch,
          ...(r.kv === undefined ? {} : { kvCapacityTokens: r.kv[0] }),
          ...(r.budget === undefined ? {} : { maxBatchedTokens: r.budget }),
        },
        running: [...byGroup.entries()].map(([group, generatedTokens]) => ({ group, generatedTokens })),
        ahead: r.ahead.map(([gi, count, tok]) => ({ group: pick(gi), count, inputTokens: count === 0 ? 0 : tok })),
        ...(r.kv === undefined ? {} : { kvUsedTokens: r.kv[0] * r.kv[1] }),
      };
      return input;
    });
}

/**
 * Queue aggregates built by random enqueues.
 *
 * @returns an arbitrary of {@link QueueState}
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(queueStateArb(), (q) => q.count >= 0), { numRuns: 10 });
 * ```
 */
export function queueStateArb(): fc.Arbitrary<QueueState> {
  return fc
    .array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 8000 })), { maxLength: 50 })
    .map((ops) => ops.reduce((q, [group, inputTokens]) => enqueueRequest(q, { group, inputTokens }), createQueueState()));
}

/** A scheduling problem: groups, instances and a swap time. */
export interface ScheduleProblem {
  /** Groups. */
  readonly groups: ScheduleGroup[];
  /** Instances. */
  readonly instances: ScheduleInstance[];
  /** Model swap time (seconds). */
  readonly swapSeconds: number;
}

/**
 * Random scheduling problems over up to three models (integer-ish times so ties occur).
 *
 * @param opts - group and instance counts
 * @returns an arbitrary of problems
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(problemArb({ maxGroups: 4 }), (p) => p.groups.length <= 4), { numRuns: 10 });
 * ```
 */
export function problemArb(opts: { minGroups?: number; maxGroups?: number; maxInstances?: number } = {}): fc.Arbitrary<ScheduleProblem> {
  const models = ['m0', 'm1', 'm2'];
  const group = fc.record({
    model: fc.constantFrom(...models),
    requestClass: fc.constantFrom('interactive' as const, 'batch' as const),
    deadlineSeconds: fc.integer({ min: 0, max: 60 }),
    workSeconds: fc.integer({ min: 1, max: 20 }),
    workVariance: fc.integer({ min: 0, max: 10 }),
    weight: fc.constantFrom(1, 1, 2, 5),
  });
  const instance = fc.record({
    model: fc.constantFrom(...models),
    availableAtSeconds: fc.integer({ min: 0, max: 10 }),
    speed: fc.constantFrom(1, 1, 2),
  });
  return fc
    .record({
      groups: fc.array(group, { minLength: opts.minGroups ?? 0, maxLength: opts.maxGroups ?? 8 }),
      instances: fc.array(instance, { minLength: 1, maxLength: opts.maxInstances ?? 3 }),
      swapSeconds: fc.integer({ min: 0, max: 10 }),
    })
    .map((r) => ({
      groups: r.groups.map((g, i) => ({ id: `g${i}`, ...g })),
      instances: r.instances.map((s, i) => ({ id: `i${i}`, ...s })),
      swapSeconds: r.swapSeconds,
    }));
}

// ---------------------------------------------------------------------------------------------------------
// Laws
// ---------------------------------------------------------------------------------------------------------

const PS = [0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

/**
 * Waiting-time distribution law: finite non-negative mean, quantiles non-negative and monotone in p,
 * cdf monotone and consistent with the quantiles (cdf(q(p)) ≥ p), survival = 1 − cdf.
 *
 * @param d - a distribution
 * @returns undefined when the law holds, else what failed
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(waitDistributionLaw({ method: 'point', mean: 1, variance: 0, sd: 0, cdf: (t) => (t >= 1 ? 1 : 0),
 *   survival: (t) => (t >= 1 ? 0 : 1), quantile: () => 1 })).toBeUndefined();
 * ```
 */
export function waitDistributionLaw(d: WaitDistribution): string | undefined {
  if (!(d.mean >= 0) || !Number.isFinite(d.mean)) return `mean ${d.mean} is not a finite non-negative number`;
  if (!(d.variance >= 0) || !Number.isFinite(d.variance)) return `variance ${d.variance} invalid`;
  let prev = -Infinity;
  for (const p of PS) {
    const q = d.quantile(p);
    if (!(q >= 0) || !Number.isFinite(q)) return `quantile(${p}) = ${q} is not a finite non-negative number`;
    if (q < prev - 1e-12 * Math.max(1, Math.abs(prev))) return `quantile not monotone at p = ${p}`;
    prev = q;
    const c = d.cdf(q);
    if (c < p - 1e-5) return `cdf(quantile(${p})) = ${c} < ${p}`;
    if (Math.abs(d.survival(q) - (1 - c)) > 1e-9) return `survival ≠ 1 − cdf at ${q}`;
  }
  if (d.cdf(-1) !== 0) return 'negative waits have positive probability';
  return undefined;
}

/** Options of {@link checkWaitEstimatorLaws}. */
export interface WaitEstimatorLawOptions extends LawRunOptions {
  /** Inputs to run on (default {@link estimateInputArb}). */
  readonly input?: fc.Arbitrary<EstimateWaitInput>;
  /** Check that one more request ahead never shortens any quantile (default true). */
  readonly monotoneInQueue?: boolean;
  /** Relative slack for that check, covering lattice discretisation (default 0.02). */
  readonly tolerance?: number;
}

function summary(d: WaitDistribution): number[] {
  return [d.mean, d.variance, ...PS.map((p) => d.quantile(p))];
}

/**
 * The family laws of a waiting-time estimator with `estimateWait`'s input: distribution law; waits grow
 * with the queue ahead (more load never shortens the wait, up to `tolerance`); an empty queue with a free slot and no prefill
 * waits zero (ρ → 0); determinism and purity; typed errors for NaN tokens, unknown groups and negative
 * counts.
 *
 * @param estimate - the estimator under test
 * @param opts - runs, seed and input arbitrary
 * @throws Error (from fast-check, with a replayable seed) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * const constant = (): WaitDistribution => ({ method: 'point', mean: 0, variance: 0, sd: 0,
 *   cdf: (t) => (t >= 0 ? 1 : 0), survival: (t) => (t >= 0 ? 0 : 1), quantile: () => 0 });
 * expect(() => checkWaitEstimatorLaws(constant, { numRuns: 5 })).toThrow(); // ignores bad input
 * ```
 */
export function checkWaitEstimatorLaws(estimate: (input: EstimateWaitInput) => WaitDistribution, opts: WaitEstimatorLawOptions = {}): void {
  const input = opts.input ?? estimateInputArb();
  const params = { ...(opts.numRuns === undefined ? {} : { numRuns: opts.numRuns }), ...(opts.seed === undefined ? {} : { seed: opts.seed }) };
  fc.assert(
    fc.property(input, (i) => {
      const d = estimate(i);
      const bad = waitDistributionLaw(d);
      if (bad !== undefined) throw new Error(bad);
      if ((opts.monotoneInQueue ?? true) && i.ahead.length > 0) {
        const first = i.ahead[0]!;
        const more = estimate({ ...i, ahead: [{ ...first, count: first.count + 1 }, ...i.ahead.slice(1)] });
        for (const p of [0.5, 0.9, 0.95]) {
          if (more.quantile(p) < d.quantile(p) * (1 - (opts.tolerance ?? 0.02)) - 1e-9) throw new Error(`one more request ahead shortened quantile(${p})`);
        }
      }
      const idle = estimate({ ...i, running: [], ahead: [], prefillBacklogTokens: 0 });
      if (idle.quantile(0.99) !== 0) throw new Error('an idle instance must give zero wait');
    }),
    params,
  );
  checkDeterminism((i: EstimateWaitInput) => summary(estimate(i)), input, opts);
  checkPurity((i: EstimateWaitInput) => estimate(i), input, opts);
  const broken = fc.tuple(input, fc.constantFrom('nan-token', 'unknown-group', 'negative-count')).map(([i, kind]) => {
    const g = Object.keys(i.histograms)[0]!;
    if (kind === 'nan-token') return { ...i, running: [{ group: g, generatedTokens: [Number.NaN] }] };
    if (kind === 'unknown-group') return { ...i, ahead: [{ group: 'no-such-group', count: 1, inputTokens: 1 }] };
    return { ...i, ahead: [{ group: g, count: -1, inputTokens: 0 }] };
  });
  checkRobustness((i: EstimateWaitInput) => summary(estimate(i)), broken, opts);
}

/** A queue formula under test: mean wait as a function of λ, μ and c (c may be ignored). */
export type WaitFormula = (params: { readonly arrivalRate: number; readonly serviceRate: number; readonly servers: number }) => number;

/**
 * Family laws of a mean-wait formula: non-negative and finite for stable queues (c ≤ 10⁴, ρ ≤ 0.9999);
 * more servers never increases the wait (unless `singleServer`); a lower arrival rate never increases it;
 * ρ → 0 gives (essentially) zero wait; ρ ≥ 1 throws an InfraError or returns Infinity, never NaN.
 *
 * @param wait - the formula
 * @param opts - runs, seed and `singleServer` (skip the servers law)
 * @throws Error (from fast-check) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * const mm1Wait: WaitFormula = ({ arrivalRate: l, serviceRate: m }) => (l >= m ? Infinity : l / (m * (m - l)));
 * checkQueueFormulaLaws(mm1Wait, { numRuns: 50, singleServer: true });
 * ```
 */
export function checkQueueFormulaLaws(wait: WaitFormula, opts: LawRunOptions & { readonly singleServer?: boolean } = {}): void {
  const params = { ...(opts.numRuns === undefined ? {} : { numRuns: opts.numRuns }), ...(opts.seed === undefined ? {} : { seed: opts.seed }) };
  const stable = fc.record({
    servers: opts.singleServer ? fc.constant(1) : fc.integer({ min: 1, max: 10_000 }),
    rho: fc.double({ min: 1e-6, max: 0.9999, noNaN: true }),
    serviceRate: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    shrink: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  fc.assert(
    fc.property(stable, ({ servers, rho, serviceRate, shrink }) => {
      const arrivalRate = rho * servers * serviceRate;
      const w = wait({ arrivalRate, serviceRate, servers });
      if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`wait ${w} for ρ = ${rho}, c = ${servers}`);
      const tol = (x: number): number => x * (1 + 1e-9) + 1e-15;
      if (!opts.singleServer && wait({ arrivalRate, serviceRate, servers: servers + 1 }) > tol(w)) throw new Error('one more server increased the wait');
      if (wait({ arrivalRate: arrivalRate * shrink, serviceRate, servers }) > tol(w)) throw new Error('a lower arrival rate increased the wait');
      const tiny = wait({ arrivalRate: 1e-9 * servers * serviceRate, serviceRate, servers });
      if (tiny > 1e-6 / serviceRate) throw new Error(`ρ → 0 gives wait ${tiny}, not ≈ 0`);
      try {
        const u = wait({ arrivalRate: servers * serviceRate * (1.000001 + shrink), serviceRate, servers });
        if (u !== Infinity) throw new Error(`unstable queue (ρ ≥ 1) returned ${u}`);
      } catch (e) {
        if (!isInfraError(e)) throw e;
      }
    }),
    params,
  );
}

/**
 * Staffing law: the solver's answer c meets the target and c − 1 violates it (minimality), for M/M/c
 * targets checked with the caller's `meets(c, params)`.
 *
 * @param solve - staffing solver (e.g. `minServers`)
 * @param meets - whether c servers meet the target
 * @param opts - runs and seed
 * @throws Error (from fast-check) when the law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * const naive = (p: StaffingParams): number => Math.ceil(p.arrivalRate / (p.serviceRate ?? 1)) + 1;
 * expect(() => checkStaffingLaws(naive, () => false, { numRuns: 5 })).toThrow();
 * ```
 */
export function checkStaffingLaws(solve: (p: StaffingParams) => number, meets: (c: number, p: StaffingParams) => boolean, opts: LawRunOptions = {}): void {
  const params = { ...(opts.numRuns === undefined ? {} : { numRuns: opts.numRuns }), ...(opts.seed === undefined ? {} : { seed: opts.seed }) };
  const arb = fc.record({
    arrivalRate: fc.double({ min: 0.01, max: 500, noNaN: true }),
    serviceRate: fc.double({ min: 0.1, max: 10, noNaN: true }),
    w: fc.double({ min: 1e-3, max: 2, noNaN: true }),
    p: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
    kind: fc.constantFrom('meanWait' as const, 'percentile' as const),
  });
  fc.assert(
    fc.property(arb, ({ arrivalRate, serviceRate, w, p, kind }) => {
      const sp: StaffingParams = {
        arrivalRate,
        serviceRate,
        target: kind === 'meanWait' ? { kind, maxMeanWaitSeconds: w } : { kind, probability: p, maxWaitSeconds: w },
      };
      const c = solve(sp);
      if (!meets(c, sp)) throw new Error(`c = ${c} misses the target`);
      if (c > 1 && meets(c - 1, sp)) throw new Error(`c − 1 = ${c - 1} also meets the target: not minimal`);
    }),
    params,
  );
}

/**
 * Convergence law of an online RWT estimator: under stationary input (gamma-distributed output lengths
 * and linear iteration times from a fixed seed), the estimated mean wait for a fixed query settles — the
 * estimates after n and 4n observations differ by less than `tolerance` (relative) — and the learned
 * state stays JSON-serializable.
 *
 * @param estimator - the estimator (e.g. `rwtEstimator(...)`)
 * @param opts - `observations` n (default 2000), `tolerance` (default 0.05), `seed`
 * @throws Error when the estimates do not settle
 *
 * @example
 * ```ts @import.meta.vitest
 * const drifting: Estimator<number, RwtObservation, RwtQuery, WaitDistribution> = {
 *   name: 'drift', init: () => 0, observe: (s) => s + 1,
 *   estimate: (s) => ({ method: 'point', mean: s, variance: 0, sd: 0, cdf: () => 1, survival: () => 0, quantile: () => s }),
 * };
 * expect(() => checkConvergenceLaw(drifting, { observations: 50 })).toThrow(/settle/);
 * ```
 */
export function checkConvergenceLaw<S>(
  estimator: Estimator<S, RwtObservation, RwtQuery, WaitDistribution>,
  opts: { readonly observations?: number; readonly tolerance?: number; readonly seed?: number } = {},
): void {
  const n = opts.observations ?? 2000;
  const tol = opts.tolerance ?? 0.05;
  const rng = createRng(opts.seed ?? 1);
  const query: RwtQuery = {
    service: { maxBatchSize: 8 },
    running: [{ group: 'g', generatedTokens: [0, 5, 10, 20, 40, 80, 3, 1] }],
    ahead: [{ group: 'g', count: 30, inputTokens: 3000 }],
  };
  let s = estimator.init();
  const feed = (count: number): void => {
    for (let i = 0; i < count; i++) {
      s = estimator.observe(s, { kind: 'completion', group: 'g', outputTokens: 1 + Math.round(gammaSample(rng, 0.8, 60)) });
      const b = 1 + (i % 16);
      const p = (i % 4) * 256;
      s = estimator.observe(s, { kind: 'iteration', batchSize: b, prefillTokens: p, seconds: 0.01 + 2e-4 * b + 8e-5 * p });
    }
  };
  feed(n);
  const a = estimator.estimate(s, query).mean;
  feed(3 * n);
  const b = estimator.estimate(s, query).mean;
  if (!(Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1e-9))) throw new Error(`estimates did not settle: ${a} after ${n}, ${b} after ${4 * n} observations`);
  JSON.parse(JSON.stringify(s));
}

/**
 * Scheduler laws: every group is placed exactly once on the given instances (feasible for any number of
 * instances), lateness is non-negative and consistent with the reported total, the plan is deterministic
 * and the inputs are not mutated.
 *
 * @param plan - the scheduler (e.g. `(g, i, s) => planSchedule(g, i, { nowSeconds: 0, swapSeconds: s })`)
 * @param opts - runs, seed and problem arbitrary
 * @throws Error (from fast-check) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * const dropsAll = (_g: readonly ScheduleGroup[], i: readonly ScheduleInstance[]): SchedulePlan => ({ queues: i.map((x) => ({ instanceId: x.id, groups: [] })),
 *   actions: [], totalLatenessSeconds: 0, violations: [], solver: 'heuristic', optimal: true });
 * expect(() => checkSchedulerLaws(dropsAll, { numRuns: 20, problem: problemArb({ minGroups: 1 }) })).toThrow();
 * ```
 */
export function checkSchedulerLaws(
  plan: (groups: readonly ScheduleGroup[], instances: readonly ScheduleInstance[], swapSeconds: number) => SchedulePlan,
  opts: LawRunOptions & { readonly problem?: fc.Arbitrary<ScheduleProblem> } = {},
): void {
  const problem = opts.problem ?? problemArb();
  const params = { ...(opts.numRuns === undefined ? {} : { numRuns: opts.numRuns }), ...(opts.seed === undefined ? {} : { seed: opts.seed }) };
  fc.assert(
    fc.property(problem, ({ groups, instances, swapSeconds }) => {
      const r = plan(groups, instances, swapSeconds);
      const placed = r.queues.flatMap((q) => q.groups.map((g) => g.groupId)).sort();
      const expected = groups.map((g) => g.id).sort();
      if (JSON.stringify(placed) !== JSON.stringify(expected)) throw new Error('not every group placed exactly once');
      if (r.queues.length !== instances.length) throw new Error('one virtual queue per instance expected');
      let total = 0;
      for (const q of r.queues) for (const g of q.groups) {
        if (g.latenessSeconds < 0) throw new Error('negative lateness');
        total += (groups.find((x) => x.id === g.groupId)!.weight ?? 1) * g.latenessSeconds;
      }
      if (Math.abs(total - r.totalLatenessSeconds) > 1e-6 * Math.max(1, total)) throw new Error('total lateness inconsistent');
    }),
    params,
  );
  checkDeterminism((p: ScheduleProblem) => plan(p.groups, p.instances, p.swapSeconds), problem, opts);
  checkPurity((p: ScheduleProblem) => plan(p.groups, p.instances, p.swapSeconds), problem, opts);
}

/**
 * JSON round trip of an estimator state after random observations (generic law, run on `RwtState`).
 *
 * @param estimator - the estimator
 * @param serialize - state → text
 * @param deserialize - text → state
 * @param opts - runs and seed
 * @throws Error (from fast-check) when the round trip fails
 *
 * @example
 * ```ts @import.meta.vitest
 * const counter: Estimator<number, RwtObservation, RwtQuery, number> = { name: 'c', init: () => 0,
 *   observe: (s) => s + 1, estimate: (s) => s };
 * checkStateRoundTrip(counter, (s) => JSON.stringify(s), (t) => JSON.parse(t) as number, { numRuns: 5 });
 * ```
 */
export function checkStateRoundTrip<S, E>(
  estimator: Estimator<S, RwtObservation, RwtQuery, E>,
  serialize: (s: S) => string,
  deserialize: (text: string) => S,
  opts: LawRunOptions = {},
): void {
  const obs = fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('completion' as const), group: fc.constantFrom('a', 'b'), outputTokens: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({ kind: fc.constant('iteration' as const), batchSize: fc.integer({ min: 0, max: 256 }), prefillTokens: fc.integer({ min: 0, max: 8192 }), seconds: fc.double({ min: 1e-4, max: 1, noNaN: true }) }),
    ),
    { maxLength: 30 },
  );
  const states = obs.map((xs) => xs.reduce((s, o) => estimator.observe(s, o), estimator.init()));
  checkJsonRoundTrip(states, serialize, deserialize, opts);
}

