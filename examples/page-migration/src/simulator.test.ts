import { describe, expect, test } from 'vitest';
import { runExperiment } from './experiment.js';
import { report } from './index.js';
import { EXTENDED_FEATURE_NAMES, extendedFeatures } from './features.js';
import { fixedThreshold, noMigration, uniformLogging } from './promoters.js';
import { DEFAULT_SIM, simulate } from './simulator.js';
import { DEFAULT_WORKLOAD, generateWorkload } from './workload.js';

const small = { ...DEFAULT_WORKLOAD, epochs: 400 };

describe('workload generator', () => {
  test('is deterministic for a seed and differs across seeds', () => {
    const a = generateWorkload(1, small);
    const b = generateWorkload(1, small);
    const c = generateWorkload(2, small);
    expect(a.rates.map((r) => Array.from(r))).toEqual(b.rates.map((r) => Array.from(r)));
    expect(a.classes).not.toEqual(c.classes);
    expect(a.classes.filter((x) => x === 'flash').length).toBe(Math.round(0.35 * 256));
  });
});

describe('simulate', () => {
  const wl = generateWorkload(3, small);
  test('no migration moves no bytes and serves nothing locally', () => {
    const r = simulate(wl, noMigration(), 1);
    expect(r.migratedBytes).toBe(0);
    expect(r.localHitRatio).toBe(0);
    expect(r.throughput).toBeGreaterThan(0);
  });
  test('is deterministic: same workload, promoter and seed give identical results', () => {
    const a = simulate(wl, uniformLogging(), 7);
    const b = simulate(wl, uniformLogging(), 7);
    expect(a.throughput).toBe(b.throughput);
    expect(a.log).toEqual(b.log);
  });
  test('promotion helps: a sensible threshold beats no migration; migrated bytes are whole pages', () => {
    const none = simulate(wl, noMigration(), 1);
    const th = simulate(wl, fixedThreshold(20), 1);
    expect(th.throughput).toBeGreaterThan(2 * none.throughput);
    expect(th.migratedBytes % DEFAULT_SIM.pageBytes).toBe(0);
  });
  test('a promoter’s feature map is what the log records; the uniform decisions do not change', () => {
    const ext = extendedFeatures(DEFAULT_SIM.epochSeconds, DEFAULT_SIM.pagesPerRegion);
    const plain = simulate(wl, uniformLogging(), 2);
    const extended = simulate(wl, uniformLogging(ext), 2);
    expect(extended.log.map((r) => r.action)).toEqual(plain.log.map((r) => r.action));
    expect(extended.throughput).toBe(plain.throughput);
    for (const [i, round] of extended.log.slice(0, 50).entries()) {
      expect(round.context).toHaveLength(EXTENDED_FEATURE_NAMES.length);
      expect(round.context.slice(0, 12)).toEqual(plain.log[i]!.context);
      const ages = round.context.slice(13).filter((_, j) => j % 4 === 0);
      expect(ages.reduce((a, b) => a + b, 0)).toBe(1); // exactly one burst-age bin
    }
  });
  test('the uniform logging policy logs valid OPE rounds (propensity 1/4, full probability vector)', () => {
    const r = simulate(wl, uniformLogging(), 2);
    expect(r.log.length).toBeGreaterThan(1000);
    for (const round of r.log.slice(0, 200)) {
      expect(round.propensity).toBe(0.25);
      expect(round.probabilities).toEqual([0.25, 0.25, 0.25, 0.25]);
      expect(Number.isFinite(round.reward)).toBe(true);
      if (round.action === 0) expect(round.reward).toBe(0);
    }
  });
});

describe('experiment (shortened to 800 epochs)', () => {
  const r = runExperiment({ workload: { ...DEFAULT_WORKLOAD, epochs: 800 } });
  const best = r.rows.filter((x) => x.name.startsWith('fixed threshold')).reduce((a, b) => (b.throughput > a.throughput ? b : a));
  test('the trained contextual bandits beat the best fixed threshold on throughput while moving fewer bytes', () => {
    for (const name of [
      'LinUCB, trained on logs (DR) + online',
      'LinTS, trained on logs (DR) + online',
      'LinUCB, cold start (online only)',
      'LinUCB, trained on logs (DR) + online, extended features',
      'LinUCB, cold start, extended features',
    ]) {
      const b = r.rows.find((x) => x.name === name);
      expect(b).toBeDefined();
      expect(b!.throughput).toBeGreaterThan(1.05 * best.throughput);
      expect(b!.migratedBytes).toBeLessThan(best.migratedBytes);
    }
  });
  test('off-policy estimates rank the learned policy above the fixed threshold above holding', () => {
    const [learned, threshold, hold] = r.ope;
    expect(learned!.dr.ci[0]).toBeGreaterThan(threshold!.dr.value);
    expect(threshold!.dr.value).toBeGreaterThan(hold!.dr.value);
    expect(hold!.ips.value).toBe(0);
  });
  test('the report renders every row', () => {
    const { markdown, summary } = report(r);
    for (const row of r.rows) expect(markdown).toContain(row.name);
    expect(summary.length).toBe(7);
  });
});
