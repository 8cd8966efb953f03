// Numerical drift of the Sherman–Morrison inverse over many rank-1 updates, against a fresh Cholesky solve
// of the accumulated Gram matrix. Usage (from the repo root):
//   pnpm exec tsx --conditions=@infra/source packages/bandit/bench/drift.ts [updates=1e7] [d=16]
// Runs LinUCB with one arm twice: with the default refactorization (every 1000 updates) and without.
import { createRng, normal } from '@infra/types';
import { linUCB, matVec, spdInverse, type LinearState } from '@infra/bandit';
import { relErr } from './rel-err.ts';

const updates = Number(process.argv[2] ?? 1e7);
const d = Number(process.argv[3] ?? 16);

const variants = [
  { name: 'refactor every 1000', policy: linUCB({ arms: 1, dimension: d, refactorEvery: 1000 }) },
  { name: 'never refactor', policy: linUCB({ arms: 1, dimension: d, refactorEvery: 0 }) },
];
const envRng = createRng(42);
// Feature scales from 1 down to 1e-2 make A moderately ill-conditioned (condition number ≈ 1e4).
const scales = Array.from({ length: d }, (_, i) => 10 ** (-2 * (i / Math.max(1, d - 1))));
const thetaStar = Array.from({ length: d }, () => normal(envRng));
let states = variants.map((v) => v.policy.init());
// One update before each refactorization point: the worst case (999 Sherman–Morrison steps since the last one).
const checkpoints = new Set([1e3 - 1, 1e4 - 1, 1e5 - 1, 1e6 - 1, 1e7 - 1, updates]);
const report: Record<string, unknown>[] = [];
const x = new Array<number>(d).fill(0);
const started = process.hrtime.bigint();
for (let t = 1; t <= updates; t++) {
  let mean = 0;
  for (let i = 0; i < d; i++) {
    x[i] = (envRng.next() * 2 - 1) * (scales[i] as number);
    mean += (x[i] as number) * (thetaStar[i] as number);
  }
  const reward = mean + 0.1 * (envRng.next() - 0.5);
  const ctx = x.slice();
  states = states.map((s, k) => (variants[k] as (typeof variants)[number]).policy.update(s, { action: 0, reward, context: ctx }));
  if (checkpoints.has(t)) {
    const row: Record<string, unknown> = { updates: t };
    states.forEach((s: LinearState, k) => {
      const m = s.models[0]!;
      const fresh = spdInverse(m.gram, d);
      row[`${variants[k]!.name}: ‖A⁻¹ − inv(A)‖/‖inv(A)‖`] = relErr(m.inverse, fresh);
      row[`${variants[k]!.name}: ‖θ − inv(A)b‖/‖θ‖`] = relErr(m.theta, matVec(fresh, m.b, d));
    });
    report.push(row);
    console.log(JSON.stringify(row));
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ d, updates, seconds, report }));
