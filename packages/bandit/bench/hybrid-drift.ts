// Numerical drift of hybrid LinUCB's incremental state over many rank-1 updates, against a fresh solve from the
// accumulated sums. Usage (from the repo root):
//   pnpm exec tsx --conditions=@infra/source packages/bandit/bench/hybrid-drift.ts [updates=1e6] [k=8] [d=16] [arms=2]
// Runs hybrid LinUCB twice: with the default refactorization (every 1000 updates) and without. The reference
// recomputes every arm's Aₐ⁻¹, Cₐᵀ = BₐᵀAₐ⁻¹ and hₐ = Aₐ⁻¹bₐ by Cholesky from the state's exactly accumulated
// Aₐ, Bₐ, bₐ, and the shared block from the history's own sums: A₀ = λI + Σ zzᵀ − Σₐ BₐᵀAₐ⁻¹Bₐ,
// b₀ = Σ rz − Σₐ BₐᵀAₐ⁻¹bₐ, β = A₀⁻¹b₀.
import { createRng, normal } from '@infra/types';
import { matVec, spdInverse } from '@infra/bandit';
import { hybridLinUCB, type HybridState } from '@infra/bandit/hybrid';
import { relErr } from './rel-err.ts';

const updates = Number(process.argv[2] ?? 1e6);
const k = Number(process.argv[3] ?? 8);
const d = Number(process.argv[4] ?? 16);
const arms = Number(process.argv[5] ?? 2);

const variants = [
  { name: 'refactor every 1000', policy: hybridLinUCB({ arms, sharedDimension: k, armDimension: d, refactorEvery: 1000 }) },
  { name: 'never refactor', policy: hybridLinUCB({ arms, sharedDimension: k, armDimension: d, refactorEvery: 0 }) },
];
const env = createRng(42);
// Feature scales from 1 down to 1e-2 in both blocks (condition numbers ≈ 1e4).
const scale = (n: number): number[] => Array.from({ length: n }, (_, i) => 10 ** (-2 * (i / Math.max(1, n - 1))));
const zs = scale(k);
const xs = scale(d);
const beta = Array.from({ length: k }, () => normal(env));
const thetas = Array.from({ length: arms }, () => Array.from({ length: d }, () => normal(env)));
let states = variants.map((v) => v.policy.init());
const zz = new Array<number>(k * k).fill(0); // Σ zzᵀ over the history, for the reference
for (let i = 0; i < k; i++) zz[i * k + i] = 1; // + λI
const rz = new Array<number>(k).fill(0);
const checkpoints = new Set([1e3 - 1, 1e4 - 1, 1e5 - 1, 1e6 - 1, 1e7 - 1, updates]);

function reference(s: HybridState): Record<string, number> {
  const a0 = zz.slice();
  const b0 = rz.slice();
  let armInv = 0;
  let armCoupling = 0;
  let armOwn = 0;
  s.models.forEach((m) => {
    const inv = spdInverse(m.gram, d);
    const ct = Array.from({ length: k }, (_, j) => matVec(inv, m.cross.slice(j * d, j * d + d), d)).flat();
    const own = matVec(inv, m.b, d);
    armInv = Math.max(armInv, relErr(m.inverse, inv));
    armCoupling = Math.max(armCoupling, relErr(m.coupling, ct));
    armOwn = Math.max(armOwn, relErr(m.own, own));
    for (let i = 0; i < k; i++) {
      for (let p = 0; p < d; p++) b0[i]! -= m.cross[i * d + p]! * own[p]!;
      for (let j = 0; j < k; j++) for (let p = 0; p < d; p++) a0[i * k + j]! -= m.cross[i * d + p]! * ct[j * d + p]!;
    }
  });
  const a0inv = spdInverse(a0, k);
  return {
    'max over arms ‖Aₐ⁻¹ − inv(Aₐ)‖/‖·‖': armInv,
    'max ‖Cₐᵀ − BₐᵀAₐ⁻¹‖/‖·‖': armCoupling,
    'max ‖hₐ − Aₐ⁻¹bₐ‖/‖·‖': armOwn,
    '‖A₀ − fresh A₀‖/‖·‖': relErr(s.shared.gram, a0),
    '‖A₀⁻¹ − inv(own A₀)‖/‖·‖': relErr(s.shared.inverse, spdInverse(s.shared.gram, k)),
    '‖β − fresh β‖/‖·‖': relErr(s.shared.beta, matVec(a0inv, b0, k)),
  };
}

const report: Record<string, unknown>[] = [];
const started = process.hrtime.bigint();
for (let t = 1; t <= updates; t++) {
  const a = Math.floor(env.next() * arms);
  const z = zs.map((sc) => (env.next() * 2 - 1) * sc);
  const x = xs.map((sc) => (env.next() * 2 - 1) * sc);
  let mean = 0;
  for (let j = 0; j < k; j++) mean += z[j]! * beta[j]!;
  for (let p = 0; p < d; p++) mean += x[p]! * thetas[a]![p]!;
  const reward = mean + 0.1 * (env.next() - 0.5);
  for (let i = 0; i < k; i++) {
    rz[i]! += reward * z[i]!;
    for (let j = 0; j < k; j++) zz[i * k + j]! += z[i]! * z[j]!;
  }
  const context = [...z, ...x];
  states = states.map((s, v) => variants[v]!.policy.update(s, { action: a, reward, context }));
  if (checkpoints.has(t)) {
    const row: Record<string, unknown> = { updates: t };
    states.forEach((s, v) => {
      for (const [name, err] of Object.entries(reference(s))) row[`${variants[v]!.name}: ${name}`] = err;
    });
    report.push(row);
    console.log(JSON.stringify(row));
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ k, d, arms, updates, seconds }));
