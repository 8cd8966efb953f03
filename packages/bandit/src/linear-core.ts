import { InfraError, assertFiniteArray, assertInteger, assertPlainObject } from './infra-types.js';
import { normalizeArms, type ArmId } from './arms.js';
import { addModelArm, removeModelArm, resetModelArm } from './model-arms.js';
import { dot, matVec, quadForm, shermanMorrison, spdInverse } from './linalg.js';
import { checkFeedback } from './mab-core.js';
import type { BanditFeedback, BanditState } from './policy.js';
import { assertStateArray, assertStateHead } from './state-checks.js';
import { zeros } from './zeros.js';
import { numberOption, rangeOption } from './options.js';

/** Per-arm ridge-regression statistics (all row-major, plain JSON numbers). */
export interface LinearArm {
  /** Gram matrix A = λI + Σ xxᵀ (d×d, row-major), kept for refactorization. */
  readonly gram: readonly number[];
  /** A⁻¹ maintained with Sherman–Morrison updates (d×d, row-major, symmetric). */
  readonly inverse: readonly number[];
  /** b = Σ r·x (length d). */
  readonly b: readonly number[];
  /** θ̂ = A⁻¹b (length d). */
  readonly theta: readonly number[];
  /** Rank-1 updates since `inverse` was last recomputed from `gram`. */
  readonly sinceRefactor: number;
}

/** State of a linear contextual policy: one ridge model per arm, shared structurally between states. */
export interface LinearState extends BanditState {
  /** Context dimension d. */
  readonly dimension: number;
  /** Total number of updates. */
  readonly t: number;
  /** One model per arm, in `arms` order. */
  readonly models: readonly LinearArm[];
}

/** Options shared by the linear contextual policies. */
export interface LinearOptions {
  /** A positive arm count K (ids `0 … K-1`) or a list of unique arm ids. */
  readonly arms: number | readonly ArmId[];
  /** Context dimension d (a positive integer). */
  readonly dimension: number;
  /** Ridge regularization λ > 0 (default 1): A starts at λI. */
  readonly lambda?: number | undefined;
  /** Recompute A⁻¹ from A by Cholesky every this many updates of an arm (default 1000; 0 = never). */
  readonly refactorEvery?: number | undefined;
  /** Admissible reward interval (default unbounded). */
  readonly rewardRange?: readonly [number, number] | undefined;
}

/** Normalized linear settings (internal). */
export interface LinearSettings {
  /** Initial arms. */
  readonly arms: readonly ArmId[];
  /** Dimension. */
  readonly d: number;
  /** Ridge λ. */
  readonly lambda: number;
  /** Refactorization period (0 = never). */
  readonly refactorEvery: number;
  /** Reward lower bound. */
  readonly lo: number;
  /** Reward upper bound. */
  readonly hi: number;
}

/**
 * Validate and normalize the shared linear options.
 *
 * @param o - the options
 * @param path - argument path used in errors
 * @returns normalized settings
 * @throws InfraError naming the bad option
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(linearSettings({ arms: 2, dimension: 3 }, 'options').lambda).toBe(1);
 * expect(() => linearSettings({ arms: 2, dimension: 0 }, 'options')).toThrow(/options.dimension/);
 * ```
 */
export function linearSettings(o: LinearOptions, path: string): LinearSettings {
  assertPlainObject(o, path);
  const arms = normalizeArms(o.arms, `${path}.arms`);
  const d = assertInteger(o.dimension, `${path}.dimension`, { min: 1, max: 4096 });
  const lambda = numberOption(o.lambda, 1, `${path}.lambda`, 0, true);
  const refactorEvery = assertInteger(o.refactorEvery ?? 1000, `${path}.refactorEvery`, { min: 0 });
  const [lo, hi] = rangeOption(o.rewardRange, [-Infinity, Infinity], `${path}.rewardRange`, false);
  return { arms, d, lambda, refactorEvery, lo, hi };
}

/**
 * A fresh ridge model: A = λI, A⁻¹ = I/λ, b = θ = 0.
 *
 * @param d - dimension
 * @param lambda - ridge λ
 * @returns the model
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(freshArm(2, 2).inverse).toEqual([0.5, 0, 0, 0.5]);
 * ```
 */
export function freshArm(d: number, lambda: number): LinearArm {
  const gram = zeros(d * d);
  const inverse = zeros(d * d);
  for (let i = 0; i < d; i++) {
    gram[i * d + i] = lambda;
    inverse[i * d + i] = 1 / lambda;
  }
  const zero = zeros(d);
  return { gram, inverse, b: zero, theta: zero.slice(), sinceRefactor: 0 };
}

/**
 * Initial linear state.
 *
 * @param s - normalized settings
 * @returns the state
 *
 * @example
 * ```ts @import.meta.vitest
 * const st = linearInit(linearSettings({ arms: ['a', 'b'], dimension: 2 }, 'o'));
 * expect(st.models.length).toBe(2);
 * ```
 */
export function linearInit(s: LinearSettings): LinearState {
  return {
    version: 1,
    arms: s.arms.slice(),
    pulls: s.arms.map(() => 0),
    dimension: s.d,
    t: 0,
    models: s.arms.map(() => freshArm(s.d, s.lambda)),
  };
}

/**
 * Check a context: an array (or typed array) of `d` finite numbers.
 *
 * @param x - the context
 * @param d - required length
 * @param path - argument path used in errors
 * @returns the context
 * @throws InfraError `SHAPE_MISMATCH`, `NOT_FINITE` or `INVALID_ARGUMENT` naming e.g. `context[3]`
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(() => checkContext([1, Number.NaN], 2, 'context')).toThrow(/context\[1\]/);
 * expect(() => checkContext([1], 2, 'context')).toThrow(/context/);
 * ```
 */
export function checkContext(x: unknown, d: number, path: string): ArrayLike<number> {
  return assertFiniteArray(x, path, { length: d });
}

/**
 * One O(d²) ridge update of the played arm; the other arms' models are shared with the old state.
 * A⁻¹ follows Sherman–Morrison and θ̂ the matching O(d) recursive-least-squares step; every
 * `refactorEvery` updates the arm's A⁻¹ is recomputed from A by Cholesky and θ̂ = A⁻¹b afresh.
 *
 * @param st - the state (not mutated)
 * @param fb - the feedback (with `context`)
 * @param s - normalized settings
 * @returns a new state
 * @throws InfraError naming `feedback.context`, `feedback.action` or `feedback.reward`
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = linearSettings({ arms: 1, dimension: 2 }, 'o');
 * let st = linearInit(cfg);
 * st = linearUpdate(st, { action: 0, reward: 1, context: [1, 0] }, cfg);
 * st = linearUpdate(st, { action: 0, reward: 0, context: [0, 1] }, cfg);
 * st = linearUpdate(st, { action: 0, reward: 1, context: [1, 1] }, cfg);
 * expect(st.models[0]?.theta.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0.625, 0.125]);
 * ```
 */
export function linearUpdate(st: LinearState, fb: BanditFeedback, s: LinearSettings): LinearState {
  const i = checkFeedback(st.arms, fb, s.lo, s.hi);
  const d = st.dimension;
  const x = checkContext(fb.context, d, 'feedback.context');
  const r = fb.reward;
  const m = st.models[i] as LinearArm;
  // A is exactly symmetric, so the upper triangle of A + xxᵀ is computed and mirrored (half the products).
  const gram = m.gram.slice();
  for (let p = 0; p < d; p++) {
    const xp = x[p] as number;
    if (xp === 0) continue;
    const row = p * d;
    for (let q = p; q < d; q++) {
      const v = (gram[row + q] as number) + xp * (x[q] as number);
      gram[row + q] = v;
      gram[q * d + p] = v;
    }
  }
  const b = m.b.slice();
  for (let p = 0; p < d; p++) b[p] = (b[p] as number) + r * (x[p] as number);
  let since = m.sinceRefactor + 1;
  let inverse: number[];
  let theta: number[];
  if (s.refactorEvery > 0 && since >= s.refactorEvery) {
    inverse = spdInverse(gram, d);
    theta = matVec(inverse, b, d);
    since = 0;
  } else {
    // θ' = θ + A'⁻¹x·(r − xᵀθ), and A'⁻¹x = u / (1 + xᵀu) with u = A⁻¹x: O(d) given u.
    const u = zeros(d);
    inverse = shermanMorrison(m.inverse.slice(), x, d, u);
    let xu = 0;
    for (let p = 0; p < d; p++) xu += (x[p] as number) * (u[p] as number);
    const step = (r - dot(m.theta, x, d)) / (1 + xu);
    theta = m.theta.slice();
    for (let p = 0; p < d; p++) theta[p] = (theta[p] as number) + step * (u[p] as number);
  }
  const models = st.models.slice();
  models[i] = { gram, inverse, b, theta, sinceRefactor: since };
  const pulls = st.pulls.slice();
  pulls[i] = (pulls[i] as number) + 1;
  // An explicit literal rather than a spread of `st`: a fixed object shape, much cheaper to build.
  return { version: st.version, arms: st.arms, pulls, dimension: st.dimension, t: st.t + 1, models };
}

/**
 * Predicted mean xᵀθ̂ₐ and width √(xᵀAₐ⁻¹x) of every arm, into caller-owned buffers, in one pass over the
 * models. With `bonus ≠ 0` the mean receives the optimistic score xᵀθ̂ₐ + bonus·√(xᵀAₐ⁻¹x) instead (LinUCB).
 *
 * @param st - the state
 * @param x - a checked context
 * @param mean - receives xᵀθ̂ₐ (plus the bonus term when `bonus ≠ 0`; length ≥ K)
 * @param width - receives scale·√(xᵀAₐ⁻¹x), or pass undefined to skip it
 * @param bonus - multiplier of the width added to `mean` (default 0: plain means)
 * @param scale - multiplier of the width written to `width` (default 1)
 * @returns nothing; fills the buffers
 *
 * @example
 * ```ts @import.meta.vitest
 * const st = linearInit(linearSettings({ arms: 1, dimension: 2 }, 'o'));
 * const mean = [0]; const width = [0];
 * predictArms(st, [3, 4], mean, width);
 * expect(width[0]).toBe(5);
 * predictArms(st, [3, 4], mean, undefined, 2);
 * expect(mean[0]).toBe(10);
 * ```
 */
export function predictArms(st: LinearState, x: ArrayLike<number>, mean: number[], width: number[] | undefined, bonus = 0, scale = 1): void {
  const d = st.dimension;
  const needWidth = width !== undefined || bonus !== 0;
  for (let a = 0; a < st.models.length; a++) {
    const m = st.models[a] as LinearArm;
    const mu = dot(m.theta, x, d);
    if (!needWidth) {
      mean[a] = mu;
      continue;
    }
    const sd = Math.sqrt(Math.max(0, quadForm(m.inverse, x, d)));
    mean[a] = bonus === 0 ? mu : mu + bonus * sd;
    if (width !== undefined) width[a] = scale * sd;
  }
}

/**
 * Append a cold-start arm (A = λI).
 *
 * @param st - the state
 * @param id - the new arm
 * @param s - settings
 * @returns a new state
 * @throws InfraError `INVALID_ARGUMENT` for a bad or duplicate id
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = linearSettings({ arms: ['a'], dimension: 2 }, 'o');
 * expect(linearAddArm(linearInit(cfg), 'b', cfg).arms).toEqual(['a', 'b']);
 * ```
 */
export function linearAddArm<S extends LinearState>(st: S, id: ArmId, s: LinearSettings): S {
  return addModelArm(st, id, freshArm(st.dimension, s.lambda));
}

/**
 * Remove an arm and its model.
 *
 * @param st - the state
 * @param id - the arm
 * @returns a new state
 * @throws InfraError `UNKNOWN_ID` for an unknown arm, `EMPTY` for the last arm
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = linearSettings({ arms: ['a', 'b'], dimension: 2 }, 'o');
 * expect(linearRemoveArm(linearInit(cfg), 'a').arms).toEqual(['b']);
 * ```
 */
export function linearRemoveArm<S extends LinearState>(st: S, id: ArmId): S {
  return removeModelArm(st, id);
}

/**
 * Reset an arm's model to the prior (lifetime pulls are kept).
 *
 * @param st - the state
 * @param id - the arm
 * @param s - settings
 * @returns a new state
 * @throws InfraError `UNKNOWN_ID` for an unknown arm
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = linearSettings({ arms: 1, dimension: 1 }, 'o');
 * const st = linearUpdate(linearInit(cfg), { action: 0, reward: 1, context: [1] }, cfg);
 * expect(linearResetArm(st, 0, cfg).models[0]?.theta).toEqual([0]);
 * ```
 */
export function linearResetArm<S extends LinearState>(st: S, id: ArmId, s: LinearSettings): S {
  return resetModelArm(st, id, freshArm(st.dimension, s.lambda));
}

/**
 * Validate a linear state: shapes, finiteness, symmetric A and A⁻¹ with positive diagonals.
 *
 * @param x - the candidate
 * @param path - argument path used in errors
 * @param s - settings (the dimension must match)
 * @returns the state, typed
 * @throws InfraError naming the bad field
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = linearSettings({ arms: 1, dimension: 2 }, 'o');
 * expect(linearValidate(linearInit(cfg), 'state', cfg).dimension).toBe(2);
 * expect(() => linearValidate({ ...linearInit(cfg), dimension: 3 }, 'state', cfg)).toThrow(/state.dimension/);
 * ```
 */
export function linearValidate(x: unknown, path: string, s: LinearSettings): LinearState {
  const { o, arms, pulls } = assertStateHead(x, path);
  const k = arms.length;
  if (o['dimension'] !== s.d) throw new InfraError('SHAPE_MISMATCH', `${path}.dimension`, `expected ${s.d}`);
  const d = s.d;
  const t = assertInteger(o['t'], `${path}.t`, { min: 0 });
  const ms = o['models'];
  if (!Array.isArray(ms) || ms.length !== k) {
    throw new InfraError('SHAPE_MISMATCH', `${path}.models`, `must be an array of ${k} models`);
  }
  const models = ms.map((m: unknown, a): LinearArm => {
    const p = `${path}.models[${a}]`;
    const mo = assertPlainObject(m, p);
    const [gram, inverse] = ['gram', 'inverse'].map((key) => {
      const m = assertStateArray(mo[key], `${p}.${key}`, d * d, 'finite');
      for (let i = 0; i < d; i++) {
        for (let j = i; j < d; j++) {
          const bad = j === i ? !((m[i * d + i] as number) > 0) : m[i * d + j] !== m[j * d + i];
          if (bad) throw new InfraError('INVALID_STATE', `${p}.${key}[${i * d + j}]`, j === i ? 'diagonal must be > 0' : 'must be symmetric');
        }
      }
      return m;
    }) as [number[], number[]];
    return {
      gram,
      inverse,
      b: assertStateArray(mo['b'], `${p}.b`, d, 'finite'),
      theta: assertStateArray(mo['theta'], `${p}.theta`, d, 'finite'),
      sinceRefactor: assertInteger(mo['sinceRefactor'], `${p}.sinceRefactor`, { min: 0 }),
    };
  });
  return { version: 1, arms, pulls, dimension: d, t, models };
}
