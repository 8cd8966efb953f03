import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { LLAMA3_INTERRUPTIONS, incidentShares } from './incidents.js';

describe('incidentShares', () => {
  test('Llama 3: 419 interruptions in 54 days → one every 3.09 h; shares sum to 100 %', () => {
    const s = incidentShares(LLAMA3_INTERRUPTIONS);
    expect(s.total).toBe(419);
    expect(s.meanTimeBetweenSeconds / 3600).toBeCloseTo(3.093, 3);
    expect(s.rows.reduce((a, r) => a + r.percent, 0)).toBeCloseTo(100, 10);
    expect(s.rows.find((r) => r.component === 'Faulty GPU')!.percent).toBeCloseTo(35.3, 1);
    const gpu = s.byCategory.find((c) => c.category === 'GPU')!;
    expect(gpu.count).toBe(268);
    expect(gpu.percent).toBeCloseTo(64.0, 1);
  });
  test('documents the published 30.1 % typo: every other row matches its printed rounding', () => {
    const printed: Record<string, number> = { 'GPU HBM3 memory': 17.2, 'Software bug': 12.9, 'Network switch / cable': 8.4, 'Host maintenance': 7.6, 'GPU SRAM memory': 4.5, 'GPU System Processor': 4.1, NIC: 1.7 };
    const s = incidentShares(LLAMA3_INTERRUPTIONS);
    for (const [k, v] of Object.entries(printed)) expect(Math.round(s.rows.find((r) => r.component === k)!.percent * 10) / 10).toBe(v);
    expect(LLAMA3_INTERRUPTIONS.rows[0]!.publishedPercent).toBe(30.1);
  });
  test('percentages are in [0, 100] and sum to 100 for any counts', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 20 }).filter((xs) => xs.some((x) => x > 0)), (counts) => {
        const s = incidentShares({ source: 's', scope: 's', durationSeconds: 1, rows: counts.map((count, i) => ({ component: `c${i}`, category: `k${i % 3}`, count })) });
        expect(s.rows.reduce((a, r) => a + r.percent, 0)).toBeCloseTo(100, 9);
        for (const r of s.rows) expect(r.percent >= 0 && r.percent <= 100).toBe(true);
      }),
    );
  });
  test('rejects negative counts and all-zero tables', () => {
    expect(() => incidentShares({ source: 's', scope: 's', durationSeconds: 1, rows: [{ component: 'a', category: 'b', count: -1 }] })).toThrow('table.rows[0].count');
    expect(() => incidentShares({ source: 's', scope: 's', durationSeconds: 1, rows: [{ component: 'a', category: 'b', count: 0 }] })).toThrow('all counts are zero');
  });
});
