import { InfraError, assertInteger, assertPlainObject } from './infra-types.js';
import { armIndex, assertNewArm, normalizeArms, removableArm, without, type ArmId } from './arms.js';
import type { BanditFeedback, BanditState } from './policy.js';
import { assertStateArray, assertStateHead } from './state-checks.js';
import { zeros } from './zeros.js';
import { rangeOption } from './options.js';

/**
 * How a non-contextual policy forgets: `{ discount: γ }` multiplies every arm's statistics by γ ∈ (0, 1)
 * before each update (Garivier & Moulines' discounted UCB); `{ window: W }` keeps only the last W
 * observations (sliding-window UCB / Thompson). A window update copies the window (O(W)).
 */
export type NonStationarity = DiscountForgetting | WindowForgetting;

/** Exponential forgetting: statistics multiplied by `discount` before each update. */
export interface DiscountForgetting {
  /** Discount factor γ ∈ (0, 1). */
  readonly discount: number;
}

/** Sliding-window forgetting: statistics over the last `window` updates. */
export interface WindowForgetting {
  /** Window length W (a positive integer). */
  readonly window: number;
}

/** Options shared by the non-contextual policies. */
export interface MabOptions {
  /** A positive arm count K (ids `0 … K-1`) or a list of unique arm ids. */
  readonly arms: number | readonly ArmId[];
  /** Admissible reward interval `[lo, hi]`; rewards outside it are rejected. */
  readonly rewardRange?: readonly [number, number] | undefined;
  /** Forgetting for non-stationary problems (default: none, stationary statistics). */
  readonly nonStationary?: NonStationarity | undefined;
}

/** Normalized non-contextual settings (internal, exported for the policy files). */
export interface MabSettings {
  /** Initial arms. */
  readonly arms: readonly ArmId[];
  /** Reward lower bound. */
  readonly lo: number;
  /** Reward upper bound. */
  readonly hi: number;
  /** Discount factor (1 = none). */
  readonly discount: number;
  /** Window length (0 = none). */
  readonly window: number;
}

/** Sliding window of recent observations (oldest first). */
export interface MabWindow {
  /** Arm of each observation (`null` once the arm was removed or reset). */
  readonly arms: readonly (ArmId | null)[];
  /** Reward of each observation. */
  readonly rewards: readonly number[];
}

/** State of a non-contextual policy: per-arm sufficient statistics. */
export interface MabState extends BanditState {
  /** Effective number of observations per arm (discounted or windowed when forgetting). */
  readonly counts: readonly number[];
  /** Effective sum of rewards per arm. */
  readonly sums: readonly number[];
  /** Effective sum of squared rewards per arm. */
  readonly sumSquares: readonly number[];
  /** Total number of updates. */
  readonly t: number;
  /** Recent observations for a sliding-window policy, else `null`. */
  readonly window: MabWindow | null;
}

/** Discounted statistics below this effective count are flushed to zero (the arm counts as untried). */
export const FLUSH_COUNT = 1e-9;

/**
 * Validate and normalize the shared options.
 *
 * @param o - the options
 * @param path - argument path used in errors
 * @param bounded - whether the policy needs a finite reward range
 * @param defaultRange - range used when none is given
 * @returns normalized settings
 * @throws InfraError naming the bad option
 *
 * @example
 * ```ts @import.meta.vitest
 * const s = mabSettings({ arms: 2, nonStationary: { window: 50 } }, 'options', true, [0, 1]);
 * expect(s.window).toBe(50);
 * expect(() => mabSettings({ arms: 2, rewardRange: [1, 0] }, 'options', true, [0, 1])).toThrow(/rewardRange/);
 * ```
 */
export function mabSettings(
  o: MabOptions,
  path: string,
  bounded: boolean,
  defaultRange: readonly [number, number],
): MabSettings {
  assertPlainObject(o, path);
  const arms = normalizeArms(o.arms, `${path}.arms`);
  const [lo, hi] = rangeOption(o.rewardRange, defaultRange, `${path}.rewardRange`, bounded);
  let discount = 1;
  let window = 0;
  const ns = o.nonStationary;
  if (ns !== undefined) {
    if ('discount' in ns) {
      const g = ns.discount;
      if (typeof g !== 'number' || !(g > 0 && g < 1)) {
        throw new InfraError('OUT_OF_RANGE', `${path}.nonStationary.discount`, 'discount must be in (0, 1)');
      }
      discount = g;
    } else if ('window' in ns) {
      window = assertInteger(ns.window, `${path}.nonStationary.window`, { min: 1 });
    } else {
      throw new InfraError('INVALID_ARGUMENT', `${path}.nonStationary`, 'expected { discount } or { window }');
    }
  }
  return { arms, lo, hi, discount, window };
}

/**
 * Fresh statistics for the configured arms.
 *
 * @param s - normalized settings
 * @returns the initial state
 *
 * @example
 * ```ts @import.meta.vitest
 * const st = mabInit(mabSettings({ arms: 2 }, 'o', false, [0, 1]));
 * expect(st.counts).toEqual([0, 0]);
 * ```
 */
export function mabInit(s: MabSettings): MabState {
  const k = s.arms.length;
  const z = (): number[] => zeros(k);
  return {
    version: 1,
    arms: s.arms.slice(),
    pulls: z(),
    counts: z(),
    sums: z(),
    sumSquares: z(),
    t: 0,
    window: s.window > 0 ? { arms: [], rewards: [] } : null,
  };
}

/**
 * Check a feedback record against a state and the reward range.
 *
 * @param arms - the state's arms
 * @param fb - the feedback
 * @param lo - reward lower bound
 * @param hi - reward upper bound
 * @returns the index of the played arm
 * @throws InfraError naming `feedback.action`, `feedback.reward` or `feedback.propensity`
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(checkFeedback([0, 1], { action: 1, reward: 0.5 }, 0, 1)).toBe(1);
 * expect(() => checkFeedback([0, 1], { action: 1, reward: Number.NaN }, 0, 1)).toThrow(/feedback.reward/);
 * ```
 */
export function checkFeedback(arms: readonly ArmId[], fb: BanditFeedback, lo: number, hi: number): number {
  if (typeof fb !== 'object' || fb === null) {
    throw new InfraError('INVALID_ARGUMENT', 'feedback', 'must be an object');
  }
  const i = armIndex(arms, fb.action, 'feedback.action');
  const r = fb.reward;
  if (typeof r !== 'number' || !Number.isFinite(r)) {
    throw new InfraError('NOT_FINITE', 'feedback.reward', 'must be a finite number');
  }
  if (r < lo || r > hi) {
    throw new InfraError('OUT_OF_RANGE', 'feedback.reward', `${r} is outside [${lo}, ${hi}]`);
  }
  const p = fb.propensity;
  if (p !== undefined && !(typeof p === 'number' && p > 0 && p <= 1)) {
    throw new InfraError('OUT_OF_RANGE', 'feedback.propensity', 'must be in (0, 1]');
  }
  return i;
}

/**
 * Add one observation to the statistics (with discounting or windowing as configured).
 *
 * @param st - the current state (not mutated)
 * @param i - index of the played arm
 * @param r - the reward
 * @param s - normalized settings
 * @returns a new state
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = mabSettings({ arms: 2, nonStationary: { discount: 0.5 } }, 'o', false, [0, 1]);
 * const st = mabAdd(mabAdd(mabInit(cfg), 0, 1, cfg), 1, 1, cfg);
 * expect(st.counts).toEqual([0.5, 1]);
 * expect(st.pulls).toEqual([1, 1]);
 * ```
 */
export function mabAdd(st: MabState, i: number, r: number, s: MabSettings): MabState {
  const pulls = st.pulls.slice();
  pulls[i] = (pulls[i] as number) + 1;
  if (st.window !== null && s.window > 0) {
    let wa = st.window.arms.slice();
    let wr = st.window.rewards.slice();
    wa.push(st.arms[i] as ArmId);
    wr.push(r);
    if (wa.length > s.window) {
      wa = wa.slice(wa.length - s.window);
      wr = wr.slice(wr.length - s.window);
    }
    const window = { arms: wa, rewards: wr };
    return { ...st, pulls, ...windowStats(st.arms, window), t: st.t + 1, window };
  }
  const counts = st.counts.slice();
  const sums = st.sums.slice();
  const sumSquares = st.sumSquares.slice();
  const g = s.discount;
  if (g < 1) {
    for (let j = 0; j < counts.length; j++) {
      const c = (counts[j] as number) * g;
      if (c < FLUSH_COUNT) {
        counts[j] = 0;
        sums[j] = 0;
        sumSquares[j] = 0;
      } else {
        counts[j] = c;
        sums[j] = (sums[j] as number) * g;
        sumSquares[j] = (sumSquares[j] as number) * g;
      }
    }
  }
  counts[i] = (counts[i] as number) + 1;
  sums[i] = (sums[i] as number) + r;
  sumSquares[i] = (sumSquares[i] as number) + r * r;
  // An explicit literal (not a spread of `st`): one fixed object shape, several times faster to build.
  return { version: st.version, arms: st.arms, pulls, counts, sums, sumSquares, t: st.t + 1, window: st.window };
}

function forgetInWindow(w: MabWindow | null, id: ArmId): MabWindow | null {
  if (w === null || !w.arms.includes(id)) return w;
  return { arms: w.arms.map((a) => (a === id ? null : a)), rewards: w.rewards };
}

function windowStats(
  arms: readonly ArmId[],
  w: MabWindow,
): { counts: number[]; sums: number[]; sumSquares: number[] } {
  const k = arms.length;
  const counts = zeros(k);
  const sums = zeros(k);
  const sumSquares = zeros(k);
  for (let j = 0; j < w.arms.length; j++) {
    const id = w.arms[j];
    const a = id === null || id === undefined ? -1 : arms.indexOf(id);
    if (a < 0) continue;
    const r = w.rewards[j] as number;
    counts[a] = (counts[a] as number) + 1;
    sums[a] = (sums[a] as number) + r;
    sumSquares[a] = (sumSquares[a] as number) + r * r;
  }
  return { counts, sums, sumSquares };
}

/**
 * Per-arm empirical means; arms without observations get `prior`.
 *
 * @param st - the state
 * @param prior - value reported for untried arms
 * @returns one mean per arm
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = mabSettings({ arms: 2 }, 'o', false, [0, 1]);
 * expect(mabMeans(mabAdd(mabInit(cfg), 1, 0.25, cfg), 0.5)).toEqual([0.5, 0.25]);
 * ```
 */
export function mabMeans(st: MabState, prior: number): number[] {
  const k = st.arms.length;
  const out = zeros(k);
  for (let j = 0; j < k; j++) {
    const c = st.counts[j] as number;
    out[j] = c > 0 ? (st.sums[j] as number) / c : prior;
  }
  return out;
}

/**
 * Append a cold-start arm.
 *
 * @param st - the state
 * @param id - the new arm
 * @returns a new state
 * @throws InfraError `INVALID_ARGUMENT` for a bad or duplicate id
 *
 * @example
 * ```ts @import.meta.vitest
 * const st = mabInit(mabSettings({ arms: ['a'] }, 'o', false, [0, 1]));
 * expect(mabAddArm(st, 'b').arms).toEqual(['a', 'b']);
 * ```
 */
export function mabAddArm<S extends MabState>(st: S, id: ArmId): S {
  const ok = assertNewArm(st.arms, id, 'id');
  return {
    ...st,
    arms: [...st.arms, ok],
    pulls: [...st.pulls, 0],
    counts: [...st.counts, 0],
    sums: [...st.sums, 0],
    sumSquares: [...st.sumSquares, 0],
  };
}

/**
 * Remove an arm and its statistics (its window entries are marked `null`, so the window still spans the
 * last W steps).
 *
 * @param st - the state
 * @param id - the arm to remove
 * @returns a new state
 * @throws InfraError `UNKNOWN_ID` for an unknown arm, `EMPTY` when removing the last arm
 *
 * @example
 * ```ts @import.meta.vitest
 * const st = mabInit(mabSettings({ arms: ['a', 'b'] }, 'o', false, [0, 1]));
 * expect(mabRemoveArm(st, 'a').arms).toEqual(['b']);
 * ```
 */
export function mabRemoveArm<S extends MabState>(st: S, id: ArmId): S {
  const i = removableArm(st.arms, id);
  const window = forgetInWindow(st.window, id);
  return {
    ...st,
    arms: without(st.arms, i),
    pulls: without(st.pulls, i),
    counts: without(st.counts, i),
    sums: without(st.sums, i),
    sumSquares: without(st.sumSquares, i),
    window,
  };
}

/**
 * Reset one arm's statistics to the prior (lifetime pulls are kept; its window entries are marked `null`).
 *
 * @param st - the state
 * @param id - the arm
 * @returns a new state
 * @throws InfraError `UNKNOWN_ID` for an unknown arm
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = mabSettings({ arms: 2 }, 'o', false, [0, 1]);
 * const st = mabResetArm(mabAdd(mabInit(cfg), 0, 1, cfg), 0);
 * expect(st.counts).toEqual([0, 0]);
 * expect(st.pulls).toEqual([1, 0]);
 * ```
 */
export function mabResetArm<S extends MabState>(st: S, id: ArmId): S {
  const i = armIndex(st.arms, id, 'id');
  const zero = (xs: readonly number[]): number[] => {
    const c = xs.slice();
    c[i] = 0;
    return c;
  };
  const window = forgetInWindow(st.window, id);
  return { ...st, counts: zero(st.counts), sums: zero(st.sums), sumSquares: zero(st.sumSquares), window };
}

/**
 * Validate the shape of a non-contextual state.
 *
 * @param x - the candidate
 * @param path - argument path used in errors
 * @param s - settings (window mode must match)
 * @returns the state, typed
 * @throws InfraError `INVALID_STATE` (or a more specific code) naming the bad field
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = mabSettings({ arms: 2 }, 'o', false, [0, 1]);
 * expect(mabValidate(mabInit(cfg), 'state', cfg).arms).toEqual([0, 1]);
 * expect(() => mabValidate({ version: 1 }, 'state', cfg)).toThrow(/state.arms/);
 * ```
 */
export function mabValidate(x: unknown, path: string, s: MabSettings): MabState {
  const { o, arms, pulls } = assertStateHead(x, path);
  const k = arms.length;
  const counts = assertStateArray(o['counts'], `${path}.counts`, k, 'nonNegative');
  const sums = assertStateArray(o['sums'], `${path}.sums`, k, 'finite');
  const sumSquares = assertStateArray(o['sumSquares'], `${path}.sumSquares`, k, 'nonNegative');
  const t = assertInteger(o['t'], `${path}.t`, { min: 0 });
  let window: MabWindow | null = null;
  const w = o['window'];
  if (s.window > 0) {
    const wo = assertPlainObject(w, `${path}.window`);
    const wa = wo['arms'];
    if (!Array.isArray(wa) || wa.length > s.window) {
      throw new InfraError('INVALID_STATE', `${path}.window.arms`, `expected at most ${s.window} entries`);
    }
    wa.forEach((a, j) => {
      if (a !== null) armIndex(arms, a as ArmId, `${path}.window.arms[${j}]`);
    });
    const wr = assertStateArray(wo['rewards'], `${path}.window.rewards`, wa.length, 'finite');
    window = { arms: wa as (ArmId | null)[], rewards: wr };
  } else if (w !== null) {
    throw new InfraError('INVALID_STATE', `${path}.window`, 'expected null (no sliding window configured)');
  }
  for (let j = 0; j < k; j++) {
    const v = sums[j] as number;
    const c = counts[j] as number;
    if (c === 0 && v !== 0) throw new InfraError('INVALID_STATE', `${path}.sums[${j}]`, 'non-zero sum for an empty arm');
    if (c > 0 && Number.isFinite(s.lo) && Number.isFinite(s.hi)) {
      const m = v / c;
      const tol = 1e-9 * Math.max(1, Math.abs(s.lo), Math.abs(s.hi));
      if (m < s.lo - tol || m > s.hi + tol) {
        throw new InfraError('INVALID_STATE', `${path}.sums[${j}]`, 'mean reward outside the reward range');
      }
    }
  }
  return { version: 1, arms, pulls, counts, sums, sumSquares, t, window };
}
