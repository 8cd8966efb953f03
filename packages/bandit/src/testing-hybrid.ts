import fc from 'fast-check';
import { createRng } from './infra-types.js';
import type { ArmId } from './arms.js';
import type { HybridContext } from './hybrid-context.js';
import type { HybridState } from './hybrid-core.js';
import type { HybridPolicy } from './hybrid-linucb.js';
import { close, runModel, solveColumns, type Entry, type Model, type ModelCheckOptions } from './testing-model.js';

/** Options of {@link checkHybridModel}. */
export interface HybridModelCheckOptions extends ModelCheckOptions {
  /** The policy's α, used to check the decision scores (default 1). */
  readonly alpha?: number | undefined;
}

/**
 * Hybrid contexts for `arms` arms: each block is either one vector for every arm or one vector per arm,
 * with moderate finite features.
 *
 * @param k - shared feature count
 * @param d - per-arm feature count
 * @param arms - number of arms K
 * @returns an arbitrary of {@link HybridContext}
 *
 * @example
 * ```ts @import.meta.vitest
 * fc.assert(fc.property(hybridContextArb(2, 3, 4), (c) => c.shared.length === 2 || c.shared.length === 4));
 * ```
 */
export function hybridContextArb(k: number, d: number, arms: number): fc.Arbitrary<HybridContext> {
  const vec = (n: number): fc.Arbitrary<number[]> =>
    fc.array(fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }), { minLength: n, maxLength: n });
  const block = (n: number): fc.Arbitrary<number[] | number[][]> => fc.oneof(vec(n), fc.array(vec(n), { minLength: arms, maxLength: arms }));
  return fc.record({ shared: block(k), arm: block(d) });
}

/** A deterministic probe context with one z and one x per arm. */
function probe(k: number, d: number, arms: number): { z: number[][]; x: number[][] } {
  const z = Array.from({ length: arms }, (_, a) => Array.from({ length: k }, (_, j) => Math.sin(1 + a * 7 + j * 3)));
  const x = Array.from({ length: arms }, (_, a) => Array.from({ length: d }, (_, p) => Math.cos(2 + a * 5 + p * 11)));
  return { z, x };
}

/**
 * Model-based test (`fc.commands`) of hybrid LinUCB against the joint ridge regression solved from scratch:
 * random `update` (flat `[z, x]` feedback), `addArm`, `removeArm` and `resetArm` commands; after each, a naive
 * model builds the full system over β and one θ per arm model ever used (reset or removed arms keep a retired
 * θ, so their rounds still inform β), G = λI + Σ φφᵀ with φ = (z, 0, …, x, …, 0), and solves it by Gaussian
 * elimination. Every arm's Aₐ, Bₐ, bₐ, Aₐ⁻¹, Cₐ = Aₐ⁻¹Bₐ and hₐ = Aₐ⁻¹bₐ, the shared A₀ (the Schur
 * complement), b₀, A₀⁻¹ (the β block of G⁻¹) and β̂, the coefficients θ̂ₐ, and the decision scores
 * φᵀĝ + α·√(φᵀG⁻¹φ) on a probe context must agree.
 *
 * @param policy - the hybrid policy
 * @param opts - λ and α the policy was built with, tolerance, runs
 * @throws Error with fast-check's replay information on a mismatch
 *
 * @example
 * ```ts @import.meta.vitest
 * const real = { sharedDimension: 1, armDimension: 1, dimension: 2 };
 * const bad = { ...real, init: () => ({ version: 1, arms: [0], pulls: [0], sharedDimension: 1, armDimension: 1, t: 0,
 *   shared: { gram: [1], inverse: [1], b: [0], beta: [0], sinceRefactor: 0 },
 *   models: [{ gram: [1], inverse: [1], cross: [0], b: [0], coupling: [0], own: [0], sinceRefactor: 0 }] }),
 *   update: (s: HybridState) => ({ ...s, pulls: [s.pulls[0]! + 1] }),
 *   addArm: (s: HybridState) => s, removeArm: (s: HybridState) => s, resetArm: (s: HybridState) => s };
 * expect(() => checkHybridModel(bad as never, { numRuns: 20 })).toThrow();
 * ```
 */
export function checkHybridModel(policy: HybridPolicy, opts?: HybridModelCheckOptions): void {
  const lambda = opts?.lambda ?? 1;
  const alpha = opts?.alpha ?? 1;
  const tol = opts?.tolerance ?? 1e-9;
  const k = policy.sharedDimension;
  const d = policy.armDimension;
  runModel(policy as never, k + d, opts, (m: Model, s: HybridState) => {
    // Groups: live arms first (state order), then every retired arm model.
    const groups = new Map<string, Entry[]>();
    m.arms.forEach((a) => groups.set(`live:${String(a)}`, []));
    for (const e of m.history) {
      const key = e.arm === null ? `retired:${e.retired}` : `live:${String(e.arm)}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(e);
    }
    const keys = [...groups.keys()];
    const n = k + d * keys.length;
    const g = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? lambda : 0)));
    const rhs = new Array<number>(n).fill(0);
    const a0 = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? lambda : 0)));
    const b0 = new Array<number>(k).fill(0);
    const perGroup = keys.map((key, gi) => {
      const rows = groups.get(key)!;
      const off = k + d * gi;
      const ga = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? lambda : 0)));
      const cross = Array.from({ length: d }, () => new Array<number>(k).fill(0));
      const bb = new Array<number>(d).fill(0);
      for (const e of rows) {
        const z = e.x.slice(0, k);
        const x = e.x.slice(k);
        const phi = new Map<number, number>();
        z.forEach((v, j) => phi.set(j, v));
        x.forEach((v, p) => phi.set(off + p, v));
        for (const [i, vi] of phi) {
          rhs[i]! += e.reward * vi;
          for (const [j, vj] of phi) g[i]![j]! += vi * vj;
        }
        for (let i = 0; i < k; i++) {
          b0[i]! += e.reward * z[i]!;
          for (let j = 0; j < k; j++) a0[i]![j]! += z[i]! * z[j]!;
        }
        for (let p = 0; p < d; p++) {
          bb[p]! += e.reward * x[p]!;
          for (let j = 0; j < k; j++) cross[p]![j]! += x[p]! * z[j]!;
          for (let q = 0; q < d; q++) ga[p]![q]! += x[p]! * x[q]!;
        }
      }
      // Columns of A⁻¹, A⁻¹B and A⁻¹b in one elimination.
      const unit = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
      const crossCols = Array.from({ length: k }, (_, j) => cross.map((row) => row[j]!));
      const sol = solveColumns(ga, [...unit, ...crossCols, bb]);
      const inv = sol.slice(0, d);
      const coupling = sol.slice(d, d + k);
      const own = sol[d + k]!;
      // Schur complement: A₀ −= BᵀA⁻¹B, b₀ −= BᵀA⁻¹b.
      for (let i = 0; i < k; i++) {
        for (let p = 0; p < d; p++) {
          b0[i]! -= cross[p]![i]! * own[p]!;
          for (let j = 0; j < k; j++) a0[i]![j]! -= cross[p]![i]! * coupling[j]![p]!;
        }
      }
      return { ga, cross, bb, inv, coupling, own };
    });
    const { z: pz, x: px } = probe(k, d, m.arms.length);
    const phis = m.arms.map((_, a) => {
      const phi = new Array<number>(n).fill(0);
      pz[a]!.forEach((v, j) => (phi[j] = v));
      px[a]!.forEach((v, p) => (phi[k + d * a + p] = v));
      return phi;
    });
    const unitK = Array.from({ length: k }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
    const joint = solveColumns(g, [rhs, ...unitK, ...phis]);
    const coef = joint[0]!;
    const loose = tol * 10;
    const sh = s.shared;
    for (let i = 0; i < k; i++) {
      close(sh.b[i]!, b0[i]!, loose, `shared.b[${i}]`);
      close(sh.beta[i]!, coef[i]!, loose, `shared.beta[${i}]`);
      for (let j = 0; j < k; j++) {
        close(sh.gram[i * k + j]!, a0[i]![j]!, loose, `shared.gram[${i * k + j}]`);
        close(sh.inverse[i * k + j]!, joint[1 + i]![j]!, loose, `shared.inverse[${i * k + j}]`);
      }
    }
    const fitted = policy.coefficients(s);
    m.arms.forEach((_, a) => {
      const mod = s.models[a]!;
      const ref = perGroup[a]!;
      const at = `models[${a}]`;
      for (let p = 0; p < d; p++) {
        close(mod.b[p]!, ref.bb[p]!, tol, `${at}.b[${p}]`);
        close(mod.own[p]!, ref.own[p]!, loose, `${at}.own[${p}]`);
        close(fitted.theta[a]![p]!, coef[k + d * a + p]!, loose, `theta[${a}][${p}]`);
        for (let q = 0; q < d; q++) {
          close(mod.gram[p * d + q]!, ref.ga[p]![q]!, tol, `${at}.gram`);
          close(mod.inverse[p * d + q]!, ref.inv[q]![p]!, loose, `${at}.inverse`);
        }
        for (let j = 0; j < k; j++) {
          close(mod.cross[j * d + p]!, ref.cross[p]![j]!, tol, `${at}.cross`);
          close(mod.coupling[j * d + p]!, ref.coupling[j]![p]!, loose, `${at}.coupling`);
        }
      }
    });
    const decision = policy.decide(s, { shared: pz, arm: px }, createRng(1));
    m.arms.forEach((_, a) => {
      const phi = phis[a]!;
      const v = joint[1 + k + a]!;
      let mean = 0;
      let variance = 0;
      for (let i = 0; i < n; i++) {
        mean += phi[i]! * coef[i]!;
        variance += phi[i]! * v[i]!;
      }
      close(decision.trace!.scores![a]!, mean + alpha * Math.sqrt(variance), loose, `score of arm ${String(m.arms[a] as ArmId)}`);
    });
  });
}
