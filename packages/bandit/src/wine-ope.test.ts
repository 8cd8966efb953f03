/// <reference types="node" />
// Real data: the UCI wine set as a 3-armed contextual bandit (classes = arms, reward 1 for the right class).
// One pass over a seeded permutation of the 178 rows, averaged over 20 permutations.
import { readFileSync } from 'node:fs';
import { createRng, type Rng } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { missingDataMessage, sharedDataPath } from '../../../tools/shared-data.ts';
import { linTS, linUCB } from './linear-policies.js';
import type { LoggedRound } from './ope-logged-data.js';
import { deterministicTarget } from './ope-logged-data.js';
import { doublyRobust, ips, snips } from './ope-estimators.js';
import type { BanditPolicy } from './policy.js';
import type { LinearState } from './linear-core.js';

const path = sharedDataPath('uci-wine', 'wine.csv');
if (!path) console.warn(missingDataMessage('uci-wine', 'wine.csv'));

interface Wine {
  readonly x: number[][];
  readonly y: number[];
}

function parseWine(text: string): Wine {
  // First line is metadata ("178,13,class_0,class_1,class_2"): skip it. Then 13 features and the class.
  const rows = text.trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
  return { x: rows.map((r) => r.slice(0, 13)), y: rows.map((r) => r[13]!) };
}

/** Fixed scaler from the whole pass (label-free z-scores), with a constant feature first. */
function fixedScaler(x: readonly number[][]): (row: readonly number[]) => number[] {
  const d = x[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / x.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / x.length));
  return (row) => [1, ...row.map((v, j) => (v - mean[j]!) / sd[j]!)];
}

/** Online scaler: z-scores from the rows seen so far (Welford), so no information from the future leaks. */
function onlineScaler(d: number): { scale(row: readonly number[]): number[]; observe(row: readonly number[]): void } {
  let n = 0;
  const mean = new Array<number>(d).fill(0);
  const m2 = new Array<number>(d).fill(0);
  return {
    scale: (row) => [1, ...row.map((v, j) => (n < 2 ? 0 : (v - mean[j]!) / (Math.sqrt(m2[j]! / (n - 1)) || 1)))],
    observe: (row) => {
      n++;
      row.forEach((v, j) => {
        const delta = v - mean[j]!;
        mean[j]! += delta / n;
        m2[j]! += delta * (v - mean[j]!);
      });
    },
  };
}

function permutation(n: number, rng: Rng): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

type Scaling = 'fixed' | 'online';

function banditPass(data: Wine, order: readonly number[], policy: BanditPolicy<LinearState, ArrayLike<number>>, rng: Rng, scaling: Scaling): number {
  const fixed = fixedScaler(data.x);
  const online = onlineScaler(13);
  let s = policy.init();
  let correct = 0;
  for (const i of order) {
    const row = data.x[i]!;
    const ctx = scaling === 'fixed' ? fixed(row) : online.scale(row);
    const a = policy.decide(s, ctx, rng).action as number;
    const reward = a === data.y[i] ? 1 : 0;
    correct += reward;
    s = policy.update(s, { action: a, reward, context: ctx });
    online.observe(row);
  }
  return correct / order.length;
}

/** Full-information online baseline: per-class ridge regression on one-hot labels, predict then learn the true label. */
function fullInfoPass(data: Wine, order: readonly number[], scaling: Scaling): number {
  const fixed = fixedScaler(data.x);
  const online = onlineScaler(13);
  const policy = linUCB({ arms: 3, dimension: 14, alpha: 0 });
  let s = policy.init();
  let correct = 0;
  for (const i of order) {
    const row = data.x[i]!;
    const ctx = scaling === 'fixed' ? fixed(row) : online.scale(row);
    const a = policy.decide(s, ctx, createRng(0)).action as number;
    correct += a === data.y[i] ? 1 : 0;
    for (let c = 0; c < 3; c++) s = policy.update(s, { action: c, reward: c === data.y[i] ? 1 : 0, context: ctx });
    online.observe(row);
  }
  return correct / order.length;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]): number => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1));

describe('UCI wine: scaler comparison and off-policy evaluation (real data)', () => {
  test.skipIf(!path)('LinUCB/LinTS one-pass accuracy beats uniform random by far and approaches full information', () => {
    const data = parseWine(readFileSync(path!, 'utf8'));
    expect(data.x).toHaveLength(178);
    const runs = 20;
    const results: Record<string, number[]> = {};
    const add = (k: string, v: number): void => void (results[k] ??= []).push(v);
    for (let run = 0; run < runs; run++) {
      const order = permutation(178, createRng(1000 + run));
      for (const scaling of ['fixed', 'online'] as const) {
        add(`LinUCB (α = 1), ${scaling} scaler`, banditPass(data, order, linUCB({ arms: 3, dimension: 14, alpha: 1 }), createRng(run), scaling));
        add(`LinUCB (α = 0.3), ${scaling} scaler`, banditPass(data, order, linUCB({ arms: 3, dimension: 14, alpha: 0.3 }), createRng(run), scaling));
        add(`LinTS (v = 0.1), ${scaling} scaler`, banditPass(data, order, linTS({ arms: 3, dimension: 14, v: 0.1, samples: 16 }), createRng(run), scaling));
        add(`full-information online ridge, ${scaling} scaler`, fullInfoPass(data, order, scaling));
      }
      const rng = createRng(5000 + run);
      add('uniform random', mean(order.map((i) => (Math.floor(rng.next() * 3) === data.y[i] ? 1 : 0))));
    }
    const table = Object.entries(results).map(([k, v]) => `${k}: ${mean(v).toFixed(3)} ± ${sd(v).toFixed(3)}`);
    console.info(`wine, one-pass online accuracy over ${runs} permutations (mean ± sd):\n  ${table.join('\n  ')}`);
    const m = (k: string): number => mean(results[k]!);
    expect(m('uniform random')).toBeGreaterThan(0.25);
    expect(m('uniform random')).toBeLessThan(0.42);
    for (const s of ['fixed', 'online']) {
      expect(m(`LinUCB (α = 0.3), ${s} scaler`)).toBeGreaterThan(0.8);
      expect(m(`LinTS (v = 0.1), ${s} scaler`)).toBeGreaterThan(0.8);
      expect(m(`full-information online ridge, ${s} scaler`)).toBeGreaterThan(m(`LinUCB (α = 1), ${s} scaler`) - 0.02);
    }
  });

  test.skipIf(!path)('OPE on uniformly logged wine rounds: intervals cover the exact value of constant and oracle targets', () => {
    const data = parseWine(readFileSync(path!, 'utf8'));
    const rng = createRng(77);
    // Five logged passes (890 rounds) with a uniform logging policy.
    const log: LoggedRound[] = [];
    const rowOf: number[] = [];
    for (let pass = 0; pass < 5; pass++) {
      for (const i of permutation(178, rng)) {
        const action = Math.floor(rng.next() * 3);
        log.push({ context: fixedScaler(data.x)(data.x[i]!), action, reward: action === data.y[i] ? 1 : 0, propensity: 1 / 3 });
        rowOf.push(i);
      }
    }
    const constant1 = deterministicTarget(log.map(() => 1), 3);
    const oracle = deterministicTarget(rowOf.map((i) => data.y[i]!), 3);
    const e1 = ips(log, constant1);
    const e2 = snips(log, oracle);
    const e3 = doublyRobust(log, constant1);
    console.info(`wine OPE: IPS(always class 1) = ${e1.value.toFixed(4)} [${e1.ci[0].toFixed(4)}, ${e1.ci[1].toFixed(4)}] (exact 71/178 = 0.3989); ` +
      `DR = ${e3.value.toFixed(4)} [${e3.ci[0].toFixed(4)}, ${e3.ci[1].toFixed(4)}]; SNIPS(oracle) = ${e2.value.toFixed(4)} (exact 1)`);
    expect(e1.ci[0]).toBeLessThanOrEqual(71 / 178);
    expect(e1.ci[1]).toBeGreaterThanOrEqual(71 / 178);
    expect(e3.ci[0]).toBeLessThanOrEqual(71 / 178);
    expect(e3.ci[1]).toBeGreaterThanOrEqual(71 / 178);
    expect(e2.value).toBe(1);
  });
});
