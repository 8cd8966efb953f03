import fc from 'fast-check';

// ---------------------------------------------------------------------------------------------------------
// Data and planning: arbitraries and laws for checkpoint intervals, ETTR models and XID policies
// ---------------------------------------------------------------------------------------------------------

import type { InterArrivalModel } from './failure-process.js';
import type { RecoveryCosts } from './checkpoint-schedule.js';
import type { SlowdownDistribution } from './stragglers.js';
import { RECOVERY_ACTIONS, type RecoveryAction } from './xid-catalog.js';
import type { XidDecision, XidOverrides } from './xid-action.js';

/**
 * Checkpoint, restart and downtime costs (minutes-scale numbers; any unit).
 *
 * @returns an arbitrary of valid {@link RecoveryCosts}
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(recoveryCostsArb(), (c) => c.checkpointCost > 0 && c.restartCost >= 0));
 * ```
 */
export function recoveryCostsArb(): fc.Arbitrary<RecoveryCosts> {
  return fc.record({
    checkpointCost: fc.double({ min: 0.01, max: 30, noNaN: true }),
    restartCost: fc.double({ min: 0, max: 60, noNaN: true }),
    downtime: fc.double({ min: 0, max: 30, noNaN: true }),
  });
}

/**
 * Exponential or Weibull inter-arrival models (means 10–10⁴, shapes 0.3–3).
 *
 * @returns an arbitrary of valid {@link InterArrivalModel}s
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(interArrivalModelArb(), (m) => (m.kind === 'exponential' ? m.mean > 0 : m.shape > 0)));
 * ```
 */
export function interArrivalModelArb(): fc.Arbitrary<InterArrivalModel> {
  return fc.oneof(
    fc.record({ kind: fc.constant('exponential' as const), mean: fc.double({ min: 10, max: 1e4, noNaN: true }) }),
    fc.record({
      kind: fc.constant('weibull' as const),
      shape: fc.double({ min: 0.3, max: 3, noNaN: true }),
      scale: fc.double({ min: 10, max: 1e4, noNaN: true }),
    }),
  );
}

/**
 * Discrete per-node slowdown distributions (1–5 support points ≥ 1, probabilities summing to 1).
 *
 * @returns an arbitrary of valid {@link SlowdownDistribution}s
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(slowdownDistributionArb(), (d) => Math.abs(d.probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-9));
 * ```
 */
export function slowdownDistributionArb(): fc.Arbitrary<SlowdownDistribution> {
  return fc
    .array(fc.tuple(fc.double({ min: 1, max: 5, noNaN: true }), fc.integer({ min: 1, max: 1000 })), { minLength: 1, maxLength: 5 })
    .map((pairs) => {
      const total = pairs.reduce((a, p) => a + p[1], 0);
      const probabilities = pairs.map((p) => p[1] / total);
      const s = probabilities.reduce((a, b) => a + b, 0);
      probabilities[0] = probabilities[0]! + (1 - s);
      return { slowdowns: pairs.map((p) => p[0]), probabilities };
    });
}

/** Record shape of an InfiniteHBD-style start/end episode list. */
export interface EpisodeRecord {
  /** Node id. */
  readonly node_id: string;
  /** Time, days. */
  readonly event_time: number;
  /** Start or end marker. */
  readonly event_type: 'fault_start' | 'fault_end';
  /** Fault type. */
  readonly fault_type: {
    /** Coarsest grain, e.g. `"Hardware Failure"`. */
    readonly Level: string;
    /** Middle grain, e.g. `"GPU"`. */
    readonly Class: string;
    /** Finest grain, e.g. `"GPU xid Error"`. */
    readonly Desc: string;
  };
}

/**
 * InfiniteHBD-shaped start/end episode lists where every start has a later (or equal-time) end of the same
 * node and fault type, in shuffled order.
 *
 * @param opts - maximum number of episodes (default 30)
 * @returns an arbitrary of record arrays
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(episodeRecordsArb({ maxEpisodes: 5 }), (rs) => rs.length % 2 === 0));
 * ```
 */
export function episodeRecordsArb(opts?: { maxEpisodes?: number }): fc.Arbitrary<EpisodeRecord[]> {
  const classes = [
    { Level: 'Hardware Failure', Class: 'GPU', Desc: 'GPU xid Error' },
    { Level: 'Hardware Failure', Class: 'NIC', Desc: 'Link Down' },
    { Level: 'Other Failure', Class: 'Unknown Error', Desc: 'Unknown Error' },
  ];
  const episode = fc.record({
    node: fc.constantFrom('n1', 'n2', 'n3', 'n4'),
    start: fc.double({ min: 0, max: 300, noNaN: true }),
    duration: fc.double({ min: 0, max: 50, noNaN: true }),
    type: fc.integer({ min: 0, max: classes.length - 1 }),
  });
  return fc.array(episode, { maxLength: opts?.maxEpisodes ?? 30 }).chain((eps) => {
    const records: EpisodeRecord[] = eps.flatMap((e) => [
      { node_id: e.node, event_time: e.start, event_type: 'fault_start' as const, fault_type: classes[e.type]! },
      { node_id: e.node, event_time: e.start + e.duration, event_type: 'fault_end' as const, fault_type: classes[e.type]! },
    ]);
    return fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length });
  });
}

function fail(msg: string): never {
  throw new Error(msg);
}

/**
 * Laws every checkpoint-interval rule τ(δ, M) should satisfy: positive and finite; homogeneous of degree
 * one (τ(kδ, kM) = k·τ(δ, M): the unit does not matter); non-decreasing in M; deterministic.
 *
 * @param interval - the rule under test, (checkpointCost, mtbf) → interval
 * @param opts - number of runs
 * @throws Error (from fast-check, with a replayable seed) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * checkIntervalRuleLaws((d, m) => Math.sqrt(2 * d * m), { numRuns: 50 });
 * expect(() => checkIntervalRuleLaws((d, m) => d + 1 / m, { numRuns: 50 })).toThrow();
 * ```
 */
export function checkIntervalRuleLaws(interval: (checkpointCost: number, mtbf: number) => number, opts?: { numRuns?: number }): void {
  const d = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
  const m = fc.double({ min: 1, max: 1e6, noNaN: true });
  const k = fc.double({ min: 1e-2, max: 1e2, noNaN: true });
  fc.assert(
    fc.property(d, m, k, (delta, mtbf, scale) => {
      const t = interval(delta, mtbf);
      if (!(Number.isFinite(t) && t > 0)) fail(`interval(${delta}, ${mtbf}) = ${t} is not positive and finite`);
      if (interval(delta, mtbf) !== t) fail('not deterministic');
      const ts = interval(delta * scale, mtbf * scale);
      if (Math.abs(ts - t * scale) > 1e-7 * Math.max(1, t * scale)) fail(`not unit-free: τ(kδ, kM) = ${ts} ≠ k·τ = ${t * scale}`);
      if (interval(delta, mtbf * 1.5) < t * (1 - 1e-12)) fail('decreases when M grows');
    }),
    { numRuns: opts?.numRuns ?? 200 },
  );
}

/** One ETTR model input: MTBF, checkpoint cost, restart cost (one unit). */
export interface EttrModelInput {
  /** Mean time between interruptions, > 0. */
  readonly mtbf: number;
  /** Checkpoint write time, > 0. */
  readonly checkpointCost: number;
  /** Restart cost, ≥ 0. */
  readonly restartCost: number;
}

/**
 * Laws of an ETTR (goodput) model: the value lies in [0, 1], does not decrease when failures become rarer
 * (larger M) and does not increase when restarts become dearer (larger R).
 *
 * @param model - the model under test, returning ETTR in [0, 1]
 * @param opts - number of runs
 * @throws Error (from fast-check) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * checkEttrModelLaws((x) => Math.max(0, 1 - x.restartCost / x.mtbf), { numRuns: 50 });
 * expect(() => checkEttrModelLaws((x) => x.restartCost / x.mtbf, { numRuns: 50 })).toThrow();
 * ```
 */
export function checkEttrModelLaws(model: (input: EttrModelInput) => number, opts?: { numRuns?: number }): void {
  const input = fc.record({
    mtbf: fc.double({ min: 1, max: 1e5, noNaN: true }),
    checkpointCost: fc.double({ min: 1e-3, max: 100, noNaN: true }),
    restartCost: fc.double({ min: 0, max: 100, noNaN: true }),
  });
  fc.assert(
    fc.property(input, (x) => {
      const e = model(x);
      if (!(e >= 0 && e <= 1)) fail(`ETTR ${e} outside [0, 1] for ${JSON.stringify(x)}`);
      if (model({ ...x, mtbf: x.mtbf * 2 }) < e - 1e-9) fail(`ETTR falls when M doubles for ${JSON.stringify(x)}`);
      if (model({ ...x, restartCost: x.restartCost + 1 }) > e + 1e-9) fail(`ETTR rises with the restart cost for ${JSON.stringify(x)}`);
    }),
    { numRuns: opts?.numRuns ?? 200 },
  );
}

/**
 * Laws of an XID policy `(code, overrides) → decision`: every code gets exactly one valid action
 * (deterministically); a per-code override always wins and touches no other code; codes outside the
 * catalogue give a typed `unknown` result instead of throwing.
 *
 * @param policy - the policy under test (e.g. `xidAction`)
 * @param opts - number of runs and the highest catalogue code (default 172)
 * @throws Error (from fast-check) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * const table = (code: number, ov?: XidOverrides): XidDecision => {
 *   const o = ov?.[code];
 *   if (o !== undefined) return { kind: 'known', code, action: typeof o === 'string' ? o : (o.action ?? 'ignore'), severity: 'low', component: 'x', nvidiaResolution: '', investigatory: '', workflow: false, source: 'override' };
 *   return code >= 1 && code <= 172
 *     ? { kind: 'known', code, action: 'restart-app', severity: 'medium', component: 'x', nvidiaResolution: 'RESTART_APP', investigatory: '', workflow: false, source: 'catalog' }
 *     : { kind: 'unknown', code, action: 'contact-support', severity: 'high', source: 'default' };
 * };
 * checkXidPolicyLaws(table, { numRuns: 50 });
 * ```
 */
export function checkXidPolicyLaws(
  policy: (code: number, overrides?: XidOverrides) => XidDecision,
  opts?: { numRuns?: number; maxCatalogCode?: number },
): void {
  const maxCode = opts?.maxCatalogCode ?? 172;
  const valid = new Set<string>(RECOVERY_ACTIONS);
  for (let c = 1; c <= maxCode; c++) {
    const d = policy(c);
    if (!valid.has(d.action)) fail(`code ${c}: invalid action ${String(d.action)}`);
    if (d.kind !== 'known') fail(`catalogue code ${c} reported as ${d.kind}`);
    if (JSON.stringify(policy(c)) !== JSON.stringify(d)) fail(`code ${c}: not deterministic`);
  }
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom<RecoveryAction>(...RECOVERY_ACTIONS), (code, action) => {
      const d = policy(code, { [code]: action });
      if (d.action !== action) fail(`override of ${code} to ${action} ignored`);
      if (JSON.stringify(policy(code + 1, { [code]: action })) !== JSON.stringify(policy(code + 1))) fail(`override of ${code} leaked to ${code + 1}`);
      if (code > maxCode) {
        const u = policy(code);
        if (u.kind !== 'unknown' || !valid.has(u.action)) fail(`code ${code} outside the catalogue is not a typed unknown`);
      }
    }),
    { numRuns: opts?.numRuns ?? 200 },
  );
}

// ---------------------------------------------------------------------------------------------------------
// Survival statistics: arbitraries and laws for survival curves, lifetime fits and failure rates
// ---------------------------------------------------------------------------------------------------------

import type { SurvivalData } from './survival-data.js';

/** Lifetimes as produced by {@link survivalDataArb} (mutable arrays, a valid {@link SurvivalData}). */
export interface GeneratedSurvivalData {
  /** Exit times, > 0. */
  readonly times: number[];
  /** Failure indicators. */
  readonly events: boolean[];
  /** Delayed-entry times (each < its exit time), when truncation was requested. */
  readonly entries?: number[];
}

/** Options of {@link survivalDataArb}. */
export interface SurvivalDataArbOptions {
  /** Minimum number of units (default 1). */
  readonly minLength?: number;
  /** Maximum number of units (default 60). */
  readonly maxLength?: number;
  /** Generate left-truncated (delayed-entry) units (default false). */
  readonly truncation?: boolean;
  /** Draw times from a small integer grid so ties are frequent (default true). */
  readonly ties?: boolean;
}

/**
 * Right-censored (optionally left-truncated) lifetimes with ties, positive times and any censoring
 * fraction from 0 to 100 %.
 *
 * @param opts - size, truncation and ties
 * @returns an arbitrary of valid survival data
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(survivalDataArb({ truncation: true }), (d) => d.times.every((t, i) => d.entries![i]! < t)));
 * ```
 */
export function survivalDataArb(opts?: SurvivalDataArbOptions): fc.Arbitrary<GeneratedSurvivalData> {
  const time = opts?.ties === false ? fc.double({ min: 1e-3, max: 1e3, noNaN: true }) : fc.integer({ min: 1, max: 30 }).map((t) => t * 0.5);
  const row = fc.record({ time, event: fc.boolean(), lag: fc.double({ min: 0, max: 1, noNaN: true }) });
  return fc.array(row, { minLength: opts?.minLength ?? 1, maxLength: opts?.maxLength ?? 60 }).map((rows) => {
    const base = { times: rows.map((r) => r.time), events: rows.map((r) => r.event) };
    return opts?.truncation === true ? { ...base, entries: rows.map((r) => r.time * r.lag * 0.999) } : base;
  });
}

/**
 * Invalid survival data: empty arrays, NaN / infinite / negative times, entries after exits, mismatched
 * lengths and non-boolean events — every estimator must reject them with an `InfraError`.
 *
 * @returns an arbitrary of invalid inputs
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(invalidSurvivalDataArb(), (d) => typeof d === 'object' && d !== null));
 * ```
 */
export function invalidSurvivalDataArb(): fc.Arbitrary<SurvivalData> {
  const good = fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 });
  return fc.oneof(
    fc.constant({ times: [] as number[] }),
    fc.tuple(good, fc.constantFrom(Number.NaN, Infinity, -Infinity, -1)).map(([t, bad]) => ({ times: [...t, bad] })),
    good.map((t) => ({ times: t, entries: t.map((x) => x + 1) })),
    good.map((t) => ({ times: t, events: [...t.map(() => true), false] })),
    good.map((t) => ({ times: t, events: t.map(() => 2) })),
  );
}

/** A curve-valued estimator result: times with an estimate and, optionally, pointwise bounds. */
export interface CurveLike {
  /** Times, ascending. */
  readonly times: readonly number[];
  /** Estimate at each time. */
  readonly survival: readonly number[];
  /** Lower bounds, if any. */
  readonly lower?: readonly number[];
  /** Upper bounds, if any. */
  readonly upper?: readonly number[];
}

/**
 * Survival-curve laws: times ascending, Ŝ in [0, 1] and non-increasing in t, bounds within [0, 1] and
 * containing the estimate, the same output for the same input, and the input left unmodified.
 *
 * @param estimator - the estimator under test (e.g. `(d) => kaplanMeier(d)`)
 * @param opts - number of runs and the data arbitrary (default {@link survivalDataArb} with truncation)
 * @throws Error (from fast-check, with a replayable seed) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * checkSurvivalCurveLaws((d) => { const times = [...new Set(d.times)].sort((a, b) => a - b); return { times, survival: times.map(() => 1) }; }, { numRuns: 20 });
 * expect(() => checkSurvivalCurveLaws((d) => ({ times: d.times.map((_, i) => i), survival: d.times.map((_, i) => i) }), { numRuns: 20 })).toThrow();
 * ```
 */
export function checkSurvivalCurveLaws(
  estimator: (data: GeneratedSurvivalData) => CurveLike,
  opts?: { numRuns?: number; data?: fc.Arbitrary<GeneratedSurvivalData> },
): void {
  fc.assert(
    fc.property(opts?.data ?? survivalDataArb({ truncation: true }), (d) => {
      const before = JSON.stringify(d);
      const c = estimator(d);
      if (JSON.stringify(d) !== before) fail('the estimator mutated its input');
      if (JSON.stringify(estimator(d)) !== JSON.stringify(c)) fail('not deterministic');
      c.survival.forEach((s, j) => {
        if (!(s >= 0 && s <= 1)) fail(`S(${c.times[j]}) = ${s} outside [0, 1]`);
        if (j > 0 && !((c.times[j] as number) > (c.times[j - 1] as number))) fail('times are not ascending');
        if (j > 0 && s > (c.survival[j - 1] as number) + 1e-15) fail(`S increases at t = ${c.times[j]}`);
        const lo = c.lower?.[j];
        const hi = c.upper?.[j];
        if (lo !== undefined && !(lo >= 0 && lo <= s + 1e-15)) fail(`lower bound ${lo} does not contain S = ${s}`);
        if (hi !== undefined && !(hi <= 1 && hi >= s - 1e-15)) fail(`upper bound ${hi} does not contain S = ${s}`);
      });
    }),
    { numRuns: opts?.numRuns ?? 100 },
  );
}

/**
 * Censoring law: censoring more data (turning some failures into censorings) never increases the number
 * of events the estimator counts.
 *
 * @param countEvents - the number of events the estimator saw (e.g. `(d) => kaplanMeier(d).totalEvents`)
 * @param opts - number of runs
 * @throws Error (from fast-check) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * checkCensoringLaw((d) => d.events.filter(Boolean).length, { numRuns: 20 });
 * ```
 */
export function checkCensoringLaw(countEvents: (data: GeneratedSurvivalData) => number, opts?: { numRuns?: number }): void {
  fc.assert(
    fc.property(survivalDataArb(), fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (d, mask) => {
      const more = { ...d, events: d.events.map((e, i) => e && !(mask[i] ?? false)) };
      const a = countEvents(d);
      const b = countEvents(more);
      if (b > a) fail(`censoring more data increased the events from ${a} to ${b}`);
    }),
    { numRuns: opts?.numRuns ?? 100 },
  );
}

/**
 * Time-unit invariance of a lifetime fit: multiplying every time by c multiplies the scale by c and leaves
 * the shape unchanged (relative tolerance 1e-7). Fits that throw an `InfraError` (e.g. not identifiable) must
 * throw for both.
 *
 * @param fit - the fitter under test, returning shape and scale
 * @param opts - number of runs
 * @throws Error (from fast-check) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * checkScaleInvarianceLaw((d) => ({ shape: 1, scale: d.times.reduce((a, b) => a + b, 0) / d.times.length }), { numRuns: 20 });
 * ```
 */
export function checkScaleInvarianceLaw(
  fit: (data: GeneratedSurvivalData) => { readonly shape: number; readonly scale: number },
  opts?: { numRuns?: number },
): void {
  const attempt = (d: GeneratedSurvivalData): { shape: number; scale: number } | string => {
    try {
      return fit(d);
    } catch (e) {
      if (e instanceof Error && e.name === 'InfraError') return (e as Error & { code: string }).code;
      throw e;
    }
  };
  fc.assert(
    fc.property(survivalDataArb({ ties: false, minLength: 2 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (d, c) => {
      const a = attempt(d);
      const b = attempt({ ...d, times: d.times.map((t) => t * c) });
      if (typeof a === 'string' || typeof b === 'string') {
        if ((typeof a === 'string') !== (typeof b === 'string')) fail(`one fit failed (${JSON.stringify(a)} / ${JSON.stringify(b)}) but not the other`);
        return;
      }
      if (Math.abs(b.shape / a.shape - 1) > 1e-7) fail(`shape changed from ${a.shape} to ${b.shape} with the time unit`);
      if (Math.abs(b.scale / (a.scale * c) - 1) > 1e-7) fail(`scale ${b.scale} ≠ ${c} × ${a.scale}`);
    }),
    { numRuns: opts?.numRuns ?? 100 },
  );
}

/**
 * Exposure law of a rate estimator: stretching every exposure (time) by c divides the rate by c.
 *
 * @param rate - the estimator under test (e.g. `(d) => fitExponential(d).rate`)
 * @param opts - number of runs
 * @throws Error (from fast-check) when a law fails
 *
 * @example
 * ```ts @import.meta.vitest
 * checkExposureScalingLaw((d) => d.events.filter(Boolean).length / d.times.reduce((a, b) => a + b, 0), { numRuns: 20 });
 * ```
 */
export function checkExposureScalingLaw(rate: (data: GeneratedSurvivalData) => number, opts?: { numRuns?: number }): void {
  fc.assert(
    fc.property(survivalDataArb({ ties: false }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (d, c) => {
      const withEvent = { ...d, events: d.events.map((e, i) => e || i === 0) };
      const a = rate(withEvent);
      const b = rate({ ...withEvent, times: withEvent.times.map((t) => t * c) });
      if (Math.abs((b * c) / a - 1) > 1e-9) fail(`rate ${b} ≠ ${a} / ${c}`);
    }),
    { numRuns: opts?.numRuns ?? 100 },
  );
}
