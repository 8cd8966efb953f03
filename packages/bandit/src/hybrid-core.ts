import { InfraError, assertInteger, assertPlainObject } from './infra-types.js';
import { linearSettings, type LinearOptions, type LinearSettings } from './linear-core.js';
import type { ArmId } from './arms.js';
import { addModelArm, removeModelArm, resetModelArm } from './model-arms.js';
import { dot, matVec, shermanMorrison, spdInverse } from './linalg.js';
import { checkFeedback } from './mab-core.js';
import type { BanditState } from './policy.js';
import { playedRows, type HybridFeedback } from './hybrid-context.js';
import { sharedResidual } from './hybrid-kernels.js';
import { zeros } from './zeros.js';

/** Per-arm statistics of hybrid LinUCB (row-major plain JSON numbers; d per-arm features, k shared). */
export interface HybridArm {
  /** Aₐ = λI + Σ xxᵀ (d×d), kept for refactorization. */
  readonly gram: readonly number[];
  /** Aₐ⁻¹ maintained with Sherman–Morrison updates (d×d, symmetric). */
  readonly inverse: readonly number[];
  /** Bₐᵀ = Σ z xᵀ (k×d; the paper's Bₐ is d×k): couples the arm's own coefficients with the shared ones. */
  readonly cross: readonly number[];
  /** bₐ = Σ r·x (length d). */
  readonly b: readonly number[];
  /** Cₐᵀ = BₐᵀAₐ⁻¹ (k×d, the transpose of Cₐ = Aₐ⁻¹Bₐ), maintained with the matching rank-1 step. */
  readonly coupling: readonly number[];
  /** hₐ = Aₐ⁻¹bₐ (length d); the arm's coefficient is θ̂ₐ = hₐ − Cₐβ̂. */
  readonly own: readonly number[];
  /** Rank-1 updates since `inverse`, `coupling` and `own` were last recomputed from `gram`. */
  readonly sinceRefactor: number;
}

/** The shared block of hybrid LinUCB: the normal equations of β with every arm's own coefficients eliminated. */
export interface HybridShared {
  /** A₀ = λI + Σ zzᵀ − Σₐ BₐᵀAₐ⁻¹Bₐ (k×k), kept for refactorization. */
  readonly gram: readonly number[];
  /** A₀⁻¹ maintained with Sherman–Morrison updates (k×k, symmetric). */
  readonly inverse: readonly number[];
  /** b₀ = Σ r·z − Σₐ BₐᵀAₐ⁻¹bₐ (length k). */
  readonly b: readonly number[];
  /** β̂ = A₀⁻¹b₀ (length k). */
  readonly beta: readonly number[];
  /** Rank-1 updates since `inverse` was last recomputed from `gram`. */
  readonly sinceRefactor: number;
}

/** State of hybrid LinUCB: the shared block plus one model per arm (unchanged arms are shared between states). */
export interface HybridState extends BanditState {
  /** Shared feature count k (length of zₐ). */
  readonly sharedDimension: number;
  /** Per-arm feature count d (length of xₐ). */
  readonly armDimension: number;
  /** Total number of updates. */
  readonly t: number;
  /** The shared-coefficient block. */
  readonly shared: HybridShared;
  /** One model per arm, in `arms` order. */
  readonly models: readonly HybridArm[];
}

/** Options of the hybrid model (arms, λ, refactorization period and reward range as for the linear policies). */
export interface HybridOptions extends Omit<LinearOptions, 'dimension'> {
  /** Shared feature count k ≥ 1 (length of `context.shared` vectors). */
  readonly sharedDimension: number;
  /** Per-arm feature count d ≥ 1 (length of `context.arm` vectors). */
  readonly armDimension: number;
}

/** Normalized hybrid settings (internal): the linear settings with d the per-arm feature count, plus k. */
export interface HybridSettings extends LinearSettings {
  /** Shared feature count. */
  readonly k: number;
}

/**
 * Validate and normalize the hybrid options.
 *
 * @param o - the options
 * @param path - argument path used in errors
 * @returns normalized settings
 * @throws InfraError naming the bad option
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(hybridSettings({ arms: 2, sharedDimension: 2, armDimension: 3 }, 'options').k).toBe(2);
 * expect(() => hybridSettings({ arms: 2, sharedDimension: 0, armDimension: 3 }, 'options')).toThrow(/options.sharedDimension/);
 * ```
 */
export function hybridSettings(o: HybridOptions, path: string): HybridSettings {
  assertPlainObject(o, path);
  const k = assertInteger(o.sharedDimension, `${path}.sharedDimension`, { min: 1, max: 4096 });
  const d = assertInteger(o.armDimension, `${path}.armDimension`, { min: 1, max: 4096 });
  const { arms, lambda, refactorEvery, rewardRange } = o;
  return { ...linearSettings({ arms, dimension: d, lambda, refactorEvery, rewardRange }, path), k };
}

function scaledIdentity(n: number, v: number): number[] {
  const m = zeros(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = v;
  return m;
}

/**
 * A fresh arm model: Aₐ = λI, Aₐ⁻¹ = I/λ, Bₐ = 0, bₐ = Cₐ = hₐ = 0.
 *
 * @param d - per-arm feature count
 * @param k - shared feature count
 * @param lambda - ridge λ
 * @returns the model
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(freshHybridArm(2, 1, 2).inverse).toEqual([0.5, 0, 0, 0.5]);
 * expect(freshHybridArm(2, 1, 2).cross).toEqual([0, 0]);
 * ```
 */
export function freshHybridArm(d: number, k: number, lambda: number): HybridArm {
  return {
    gram: scaledIdentity(d, lambda),
    inverse: scaledIdentity(d, 1 / lambda),
    cross: zeros(d * k),
    b: zeros(d),
    coupling: zeros(d * k),
    own: zeros(d),
    sinceRefactor: 0,
  };
}

/**
 * Initial hybrid state: A₀ = λI, β̂ = 0 and a fresh model per arm.
 *
 * @param s - normalized settings
 * @returns the state
 *
 * @example
 * ```ts @import.meta.vitest
 * const st = hybridInit(hybridSettings({ arms: ['a', 'b'], sharedDimension: 1, armDimension: 2 }, 'o'));
 * expect(st.models.length).toBe(2);
 * expect(st.shared.inverse).toEqual([1]);
 * ```
 */
export function hybridInit(s: HybridSettings): HybridState {
  return {
    version: 1,
    arms: s.arms.slice(),
    pulls: s.arms.map(() => 0),
    sharedDimension: s.k,
    armDimension: s.d,
    t: 0,
    shared: { gram: scaledIdentity(s.k, s.lambda), inverse: scaledIdentity(s.k, 1 / s.lambda), b: zeros(s.k), beta: zeros(s.k), sinceRefactor: 0 },
    models: s.arms.map(() => freshHybridArm(s.d, s.k, s.lambda)),
  };
}

/** Cᵀ = BᵀM for a k×d matrix Bᵀ and a symmetric d×d matrix M (row-major): row j is M times row j of Bᵀ. */
function rowsTimesSymmetric(bt: readonly number[], m: readonly number[], k: number, d: number): number[] {
  const out = zeros(k * d);
  for (let j = 0; j < k; j++) {
    const row = j * d;
    for (let p = 0; p < d; p++) {
      let acc = 0;
      for (let q = 0; q < d; q++) acc += (m[p * d + q] as number) * (bt[row + q] as number);
      out[row + p] = acc;
    }
  }
  return out;
}

/** In place: g += s·yyᵀ on the upper triangle, mirrored (exactly symmetric). */
function addOuter(g: number[], y: ArrayLike<number>, n: number): void {
  for (let p = 0; p < n; p++) {
    const yp = y[p] as number;
    if (yp === 0) continue;
    const row = p * n;
    for (let q = p; q < n; q++) {
      const v = (g[row + q] as number) + yp * (y[q] as number);
      g[row + q] = v;
      g[q * n + p] = v;
    }
  }
}

/**
 * One hybrid LinUCB update (Li et al. 2010, Algorithm 2, lines 17–22) in O(d² + dk + k²), touching only the
 * played arm and the shared block. With u = Aₐ⁻¹x, q = xᵀu, v = Bₐᵀu = Cₐᵀx, w = z − v and g = xᵀhₐ (all
 * before the update), the algorithm's A₀ ← A₀ + BₐᵀAₐ⁻¹Bₐ, …, A₀ ← A₀ + zzᵀ − BₐᵀAₐ⁻¹Bₐ collapses to the
 * rank-1 step A₀ ← A₀ + wwᵀ/(1 + q) and b₀ ← b₀ + (r − g)·w/(1 + q) (the Schur complement of the joint ridge
 * system grows by one rank-1 term). Aₐ⁻¹ follows Sherman–Morrison, Cₐᵀ ← Cₐᵀ + w uᵀ/(1 + q),
 * hₐ ← hₐ + u(r − g)/(1 + q), A₀⁻¹ Sherman–Morrison with w/√(1 + q), and β̂ = A₀⁻¹b₀. Every `refactorEvery`
 * updates of an arm (of the shared block) its inverse is recomputed from its Gram matrix by Cholesky.
 *
 * @param st - the state (not mutated)
 * @param fb - the feedback, with the decision's context or the played arm's flat `[z, x]`
 * @param s - normalized settings
 * @returns a new state
 * @throws InfraError naming `feedback.context`, `feedback.action` or `feedback.reward`
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = hybridSettings({ arms: 2, sharedDimension: 1, armDimension: 1 }, 'o');
 * let st = hybridInit(cfg);
 * st = hybridUpdate(st, { action: 0, reward: 1, context: [1, 1] }, cfg);
 * // joint ridge over (β, θ₀) with one row (1, 1): A₀ = 1 + 1 − 1·(1/2)·1 = 1.5, b₀ = 1 − 1·(1/2)·1 = 0.5
 * expect(st.shared.gram[0]).toBeCloseTo(1.5, 15);
 * expect(st.shared.beta[0]).toBeCloseTo(1 / 3, 15);
 * ```
 */
export function hybridUpdate(st: HybridState, fb: HybridFeedback, s: HybridSettings): HybridState {
  const i = checkFeedback(st.arms, fb as Parameters<typeof checkFeedback>[1], s.lo, s.hi);
  const k = st.sharedDimension;
  const d = st.armDimension;
  const { z, x } = playedRows(fb.context, i, k, d, st.arms.length);
  const r = fb.reward;
  const m = st.models[i] as HybridArm;
  const u = zeros(d);
  const inverse = shermanMorrison(m.inverse.slice(), x, d, u);
  const q = dot(x, u, d);
  const c = 1 + q;
  const g = dot(x, m.own, d);
  const w = sharedResidual(zeros(k), z, m.coupling, x, k, d); // with the pre-update Cₐ
  const gram = m.gram.slice();
  addOuter(gram, x, d);
  const b = m.b.slice();
  for (let p = 0; p < d; p++) b[p] = (b[p] as number) + r * (x[p] as number);
  const cross = m.cross.slice();
  for (let j = 0; j < k; j++) {
    const zj = z[j] as number;
    if (zj === 0) continue;
    const row = j * d;
    for (let p = 0; p < d; p++) cross[row + p] = (cross[row + p] as number) + zj * (x[p] as number);
  }
  let since = m.sinceRefactor + 1;
  let coupling: number[];
  let own: number[];
  let armInverse = inverse;
  if (s.refactorEvery > 0 && since >= s.refactorEvery) {
    armInverse = spdInverse(gram, d);
    coupling = rowsTimesSymmetric(cross, armInverse, k, d);
    own = matVec(armInverse, b, d);
    since = 0;
  } else {
    const step = (r - g) / c;
    own = m.own.slice();
    for (let p = 0; p < d; p++) own[p] = (own[p] as number) + (u[p] as number) * step;
    coupling = m.coupling.slice();
    for (let j = 0; j < k; j++) {
      const f = (w[j] as number) / c;
      if (f === 0) continue;
      const row = j * d;
      for (let p = 0; p < d; p++) coupling[row + p] = (coupling[row + p] as number) + f * (u[p] as number);
    }
  }
  const models = st.models.slice();
  models[i] = { gram, inverse: armInverse, cross, b, coupling, own, sinceRefactor: since };
  const shared = sharedUpdate(st.shared, w, c, r - g, k, s.refactorEvery);
  const pulls = st.pulls.slice();
  pulls[i] = (pulls[i] as number) + 1;
  // An explicit literal rather than a spread of `st`: a fixed object shape, much cheaper to build.
  return {
    version: st.version,
    arms: st.arms,
    pulls,
    sharedDimension: st.sharedDimension,
    armDimension: st.armDimension,
    t: st.t + 1,
    shared,
    models,
  };
}

/** The shared block's rank-1 step: A₀ += yyᵀ with y = w/√c, b₀ += (ρ/c)·w, β̂ = A₀⁻¹b₀. */
function sharedUpdate(sh: HybridShared, w: number[], c: number, rho: number, k: number, every: number): HybridShared {
  const scale = 1 / Math.sqrt(c);
  const y = zeros(k);
  for (let j = 0; j < k; j++) y[j] = (w[j] as number) * scale;
  const gram = sh.gram.slice();
  addOuter(gram, y, k);
  const b = sh.b.slice();
  const f = rho / c;
  for (let j = 0; j < k; j++) b[j] = (b[j] as number) + f * (w[j] as number);
  let since = sh.sinceRefactor + 1;
  let inverse: number[];
  if (every > 0 && since >= every) {
    inverse = spdInverse(gram, k);
    since = 0;
  } else {
    inverse = shermanMorrison(sh.inverse.slice(), y, k, zeros(k));
  }
  return { gram, inverse, b, beta: matVec(inverse, b, k), sinceRefactor: since };
}

/**
 * Append a cold-start arm (Aₐ = λI, Bₐ = 0, bₐ = 0). The shared block is unchanged: the new arm's score
 * starts from zₐᵀβ̂, so it benefits at once from what the other arms taught β̂.
 *
 * @param st - the state
 * @param id - the new arm
 * @param s - settings
 * @returns a new state
 * @throws InfraError `INVALID_ARGUMENT` for a bad or duplicate id
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = hybridSettings({ arms: ['a'], sharedDimension: 1, armDimension: 2 }, 'o');
 * expect(hybridAddArm(hybridInit(cfg), 'b', cfg).arms).toEqual(['a', 'b']);
 * ```
 */
export function hybridAddArm<S extends HybridState>(st: S, id: ArmId, s: HybridSettings): S {
  return addModelArm(st, id, freshHybridArm(st.armDimension, st.sharedDimension, s.lambda));
}

/**
 * Remove an arm and its own model. What its rounds taught the shared coefficients stays: A₀ and b₀ already
 * hold them with the arm's own coefficients eliminated, exactly as if the arm were still there and never
 * played again (the joint ridge problem keeps a retired θ that no score uses).
 *
 * @param st - the state
 * @param id - the arm
 * @returns a new state
 * @throws InfraError `UNKNOWN_ID` for an unknown arm, `EMPTY` for the last arm
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = hybridSettings({ arms: ['a', 'b'], sharedDimension: 1, armDimension: 1 }, 'o');
 * const st = hybridUpdate(hybridInit(cfg), { action: 'a', reward: 1, context: [1, 1] }, cfg);
 * const after = hybridRemoveArm(st, 'a');
 * expect(after.arms).toEqual(['b']);
 * expect(after.shared).toBe(st.shared);
 * ```
 */
export function hybridRemoveArm<S extends HybridState>(st: S, id: ArmId): S {
  return removeModelArm(st, id);
}

/**
 * Reset an arm's own model to the prior (lifetime pulls are kept); like {@link hybridRemoveArm} followed by
 * re-adding the arm in place, so the shared coefficients keep what its earlier rounds taught them.
 *
 * @param st - the state
 * @param id - the arm
 * @param s - settings
 * @returns a new state
 * @throws InfraError `UNKNOWN_ID` for an unknown arm
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = hybridSettings({ arms: 1, sharedDimension: 1, armDimension: 1 }, 'o');
 * const st = hybridUpdate(hybridInit(cfg), { action: 0, reward: 1, context: [1, 1] }, cfg);
 * expect(hybridResetArm(st, 0, cfg).models[0]?.b).toEqual([0]);
 * ```
 */
export function hybridResetArm<S extends HybridState>(st: S, id: ArmId, s: HybridSettings): S {
  return resetModelArm(st, id, freshHybridArm(st.armDimension, st.sharedDimension, s.lambda));
}
