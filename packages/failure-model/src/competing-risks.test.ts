import { test as fcTest, fc } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { aalenJohansen, causeSpecificHazards } from './competing-risks.js';
import { kaplanMeier } from './kaplan-meier.js';
import { nelsonAalen } from './nelson-aalen.js';

const crArb = fc
  .array(fc.record({ t: fc.integer({ min: 1, max: 30 }), c: fc.constantFrom('gpu', 'nic', 'psu', null), lag: fc.integer({ min: 0, max: 20 }) }), {
    minLength: 1,
    maxLength: 60,
  })
  .map((rows) => ({
    times: rows.map((r) => r.t),
    causes: rows.map((r) => r.c),
    entries: rows.map((r) => Math.max(0, r.t - 1 - r.lag) / 2),
  }));

/** Direct O(T²) delta-method variance for one cause. */
function bruteVariance(times: readonly number[], nRisk: readonly number[], nEvents: readonly number[], dc: readonly number[], F: readonly number[], sPrev: number[], j: number): number {
  let v = 0;
  for (let i = 0; i <= j; i++) {
    const n = nRisk[i]!;
    const d = nEvents[i]!;
    const c = dc[i]!;
    const dF = F[j]! - F[i]!;
    if (d > 0 && d < n) v += (dF * dF * d) / (n * (n - d));
    v += (sPrev[i]! ** 2 * c * (n - c)) / n ** 3 - (2 * dF * sPrev[i]! * c) / (n * n);
  }
  return v;
}

describe('aalenJohansen', () => {
  fcTest.prop([crArb, fc.boolean()])('KM + Σ cumulative incidences = 1; each F_c ≤ 1 − KM_c (never 1 − KM per cause); variance equals the direct sum', (d, truncate) => {
    const data = truncate ? d : { times: d.times, causes: d.causes };
    const cr = aalenJohansen(data);
    const km = kaplanMeier({ times: d.times, events: d.causes.map((c) => c !== null), ...(truncate ? { entries: d.entries } : {}) });
    cr.times.forEach((_, j) => {
      const total = cr.survival[j]! + cr.causes.reduce((s, c) => s + c.cumulativeIncidence[j]!, 0);
      expect(total).toBeCloseTo(1, 12);
      expect(cr.survival[j]).toBeCloseTo(km.survival[j]!, 12);
    });
    const sPrev = cr.survival.map((_, j) => (j === 0 ? 1 : cr.survival[j - 1]!));
    for (const c of cr.causes) {
      const naive = kaplanMeier({ times: d.times, events: d.causes.map((x) => x === c.cause), ...(truncate ? { entries: d.entries } : {}) });
      c.cumulativeIncidence.forEach((f, j) => {
        expect(f).toBeLessThanOrEqual(1 - naive.survival[j]! + 1e-12);
        if (j > 0) expect(f).toBeGreaterThanOrEqual(c.cumulativeIncidence[j - 1]!);
        expect(c.lower[j]!).toBeLessThanOrEqual(f + 1e-15);
        expect(c.upper[j]!).toBeGreaterThanOrEqual(f - 1e-15);
        expect(c.variance[j]).toBeCloseTo(Math.max(0, bruteVariance(cr.times, cr.nRisk, cr.nEvents, c.nEvents, c.cumulativeIncidence, sPrev, j)), 10);
      });
    }
  });

  test('with a single cause the variance is Greenwood’s variance of 1 − KM', () => {
    const times = [1, 2, 2, 3, 4, 5, 6, 7, 8, 9];
    const causes = ['x', 'x', null, 'x', null, 'x', 'x', null, 'x', null];
    const cr = aalenJohansen({ times, causes });
    const km = kaplanMeier(times, causes.map((c) => c !== null));
    cr.causes[0]!.variance.forEach((v, j) => {
      if (km.survival[j]! > 0) expect(v).toBeCloseTo(km.stdErr[j]! ** 2, 12);
    });
  });

  test('cause-specific hazards equal Nelson–Aalen with other causes censored', () => {
    const times = [3, 1, 4, 1, 5, 9, 2, 6];
    const causes = ['a', 'b', 'a', null, 'b', 'a', 'a', null];
    const h = causeSpecificHazards({ times, causes });
    const na = nelsonAalen(times, causes.map((c) => c === 'a'));
    expect(h['a']!.cumulativeHazard).toEqual(na.cumulativeHazard);
    expect(Object.keys(h)).toEqual(['a', 'b']);
  });

  test('rejects bad causes and mismatched lengths', () => {
    expect(() => aalenJohansen({ times: [1, 2], causes: ['a', {} as never] })).toThrow(expect.objectContaining({ path: 'data.causes[1]' }));
    expect(() => aalenJohansen({ times: [1, 2], causes: ['a'] })).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
    expect(() => aalenJohansen({ times: [1, -2], causes: ['a', 'b'] })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    expect(() => aalenJohansen({ times: [], causes: [] })).toThrow(expect.objectContaining({ code: 'EMPTY' }));
  });
});
