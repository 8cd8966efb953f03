import { readFileSync } from 'node:fs';
import { createRng, shuffle } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { missingDataMessage, sharedDataPath } from '../../../tools/shared-data.ts';
import { linTS, linUCB } from './linear-policies.js';
import type { LinearState } from './linear-core.js';
import type { BanditPolicy } from './policy.js';

const path = sharedDataPath('uci-wine', 'wine.csv');
if (!path) console.warn(missingDataMessage('uci-wine', 'wine.csv'));

/** Rows of (standardized features + bias, class) from the sklearn-format wine.csv (first line is a header). */
function loadWine(text: string): { x: number[]; y: number }[] {
  const rows = text.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  const d = (rows[0]?.length ?? 1) - 1;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((a, r) => a + (r[j] as number), 0) / rows.length);
  const sd = mean.map((m, j) => Math.sqrt(rows.reduce((a, r) => a + ((r[j] as number) - m) ** 2, 0) / rows.length));
  return rows.map((r) => ({ x: [1, ...mean.map((m, j) => ((r[j] as number) - m) / (sd[j] as number))], y: r[d] as number }));
}

/** One online pass with bandit feedback; returns the progressive accuracy (mean reward). */
function banditPass(policy: BanditPolicy<LinearState, ArrayLike<number>>, data: { x: number[]; y: number }[], seed: number): number {
  const rng = createRng(seed);
  let s = policy.init();
  let hits = 0;
  for (const { x, y } of data) {
    const a = policy.decide(s, x, rng).action as number;
    const r = a === y ? 1 : 0;
    hits += r;
    s = policy.update(s, { action: a, reward: r, context: x });
  }
  return hits / data.length;
}

/** One online pass with full information: per-class ridge regression on one-hot labels sees every label. */
function fullInformationPass(data: { x: number[]; y: number }[]): number {
  const p = linUCB({ arms: 3, dimension: data[0]!.x.length, alpha: 0 });
  let s = p.init();
  let hits = 0;
  const rng = createRng(0);
  for (const { x, y } of data) {
    if ((p.decide(s, x, rng).action as number) === y) hits++;
    for (let k = 0; k < 3; k++) s = p.update(s, { action: k, reward: k === y ? 1 : 0, context: x });
  }
  return hits / data.length;
}

describe('UCI wine as a 3-armed contextual bandit (one online pass, 20 shuffles)', () => {
  test.skipIf(!path)('LinUCB and LinTS beat uniform random (1/3) by far and approach full-information regression', () => {
    const data = loadWine(readFileSync(path as string, 'utf8'));
    expect(data.length).toBe(178);
    const runs = 20;
    let ucb = 0;
    let ts = 0;
    let full = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const order = shuffle(createRng(seed), data);
      ucb += banditPass(linUCB({ arms: 3, dimension: 14, alpha: 0.5 }), order, seed) / runs;
      ts += banditPass(linTS({ arms: 3, dimension: 14, v: 0.2, samples: 1 }), order, seed) / runs;
      full += fullInformationPass(order) / runs;
    }
    console.log(`wine one-pass accuracy: LinUCB ${ucb.toFixed(3)}, LinTS ${ts.toFixed(3)}, full-information ridge ${full.toFixed(3)}, uniform 0.333`);
    expect(ucb).toBeGreaterThan(0.8);
    expect(ts).toBeGreaterThan(0.8);
    expect(full).toBeGreaterThan(ucb - 0.02);
    expect(ucb).toBeGreaterThan(full - 0.15);
  });
});
