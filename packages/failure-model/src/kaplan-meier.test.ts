import { test as fcTest, fc } from '@fast-check/vitest';
import { isInfraError } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { kaplanMeier, kaplanMeierMedian, survivalAt, survivalBounds, survivalQuantile } from './kaplan-meier.js';
import { nelsonAalen } from './nelson-aalen.js';

const dataArb = fc
  .array(
    fc.record({
      time: fc.integer({ min: 1, max: 40 }),
      event: fc.boolean(),
      lag: fc.integer({ min: 0, max: 30 }),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((rows) => ({
    times: rows.map((r) => r.time),
    events: rows.map((r) => r.event),
    entries: rows.map((r) => Math.max(0, r.time - 1 - r.lag) / 1.5),
  }));

/** Brute-force product-limit estimator: O(n²) risk sets. */
function bruteKm(times: number[], events: boolean[], entries?: number[]): Map<number, number> {
  const distinct = [...new Set(times)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let s = 1;
  for (const t of distinct) {
    let n = 0;
    let d = 0;
    times.forEach((x, i) => {
      if (x >= t && (entries === undefined || entries[i]! < t)) n++;
      if (x === t && events[i]) d++;
    });
    if (d > 0) s *= 1 - d / n;
    out.set(t, s);
  }
  return out;
}

describe('kaplanMeier', () => {
  test('matches the product-limit formula with ties (failures before censorings)', () => {
    const km = kaplanMeier({ times: [1, 2, 2, 2, 3, 5, 5, 8], events: [1, 1, 0, 1, 1, 0, 1, 0] });
    expect(km.times).toEqual([1, 2, 3, 5, 8]);
    expect(km.nRisk).toEqual([8, 7, 4, 3, 1]);
    expect(km.nEvents).toEqual([1, 2, 1, 1, 0]);
    expect(km.nCensored).toEqual([0, 1, 0, 1, 1]);
    const s = [7 / 8, (7 / 8) * (5 / 7), (7 / 8) * (5 / 7) * (3 / 4), (7 / 8) * (5 / 7) * (3 / 4) * (2 / 3)];
    s.forEach((v, j) => expect(km.survival[j]).toBeCloseTo(v, 14));
    const g = 1 / (8 * 7) + 2 / (7 * 5);
    expect(km.greenwood[1]).toBeCloseTo(g, 14);
    expect(km.stdErr[1]).toBeCloseTo(s[1]! * Math.sqrt(g), 14);
  });

  test('log and log-log bounds follow their formulas', () => {
    const times = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const events = [1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
    const log = kaplanMeier(times, events, { confidenceType: 'log', confidenceLevel: 0.9 });
    const z = 1.6448536269514722;
    const j = 5;
    const s = log.survival[j]!;
    const g = log.greenwood[j]!;
    expect(log.lower[j]).toBeCloseTo(s * Math.exp(-z * Math.sqrt(g)), 12);
    expect(log.upper[j]).toBeCloseTo(Math.min(1, s * Math.exp(z * Math.sqrt(g))), 12);
    const ll = kaplanMeier(times, events, { confidenceType: 'log-log', confidenceLevel: 0.9 });
    const theta = Math.log(-Math.log(s));
    const se = Math.sqrt(g) / Math.abs(Math.log(s));
    expect(ll.lower[j]).toBeCloseTo(Math.exp(-Math.exp(theta + z * se)), 12);
    expect(ll.upper[j]).toBeCloseTo(Math.exp(-Math.exp(theta - z * se)), 12);
  });

  fcTest.prop([dataArb, fc.boolean()])('equals the brute-force risk-set estimator (with and without delayed entry)', (d, truncate) => {
    const km = truncate ? kaplanMeier(d) : kaplanMeier(d.times, d.events);
    const ref = bruteKm(d.times, d.events, truncate ? d.entries : undefined);
    km.times.forEach((t, j) => expect(km.survival[j]).toBeCloseTo(ref.get(t)!, 12));
  });

  fcTest.prop([dataArb, fc.constantFrom('plain' as const, 'log' as const, 'log-log' as const)])(
    'is non-increasing, within [0, 1], and its bounds contain it',
    (d, confidenceType) => {
      const km = kaplanMeier(d, { confidenceType });
      km.survival.forEach((s, j) => {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        if (j > 0) expect(s).toBeLessThanOrEqual(km.survival[j - 1]!);
        expect(km.lower[j]!).toBeLessThanOrEqual(s + 1e-15);
        expect(km.upper[j]!).toBeGreaterThanOrEqual(s - 1e-15);
        expect(km.lower[j]!).toBeGreaterThanOrEqual(0);
        expect(km.upper[j]!).toBeLessThanOrEqual(1);
      });
    },
  );

  test('all-censored data is a flat curve at 1 (documented result)', () => {
    const km = kaplanMeier([3, 1, 2], [0, 0, 0]);
    expect(km.survival).toEqual([1, 1, 1]);
    expect(km.totalEvents).toBe(0);
    expect(kaplanMeierMedian(km).time).toBeNull();
  });

  test('an exhausted risk set drops to 0 with [0, 0] bounds and finite output', () => {
    const km = kaplanMeier([1, 2], [1, 1]);
    expect(km.survival).toEqual([0.5, 0]);
    expect(km.lower[1]).toBe(0);
    expect(Number.isFinite(km.greenwood[1]!)).toBe(true);
  });

  test('accepts records and ArrayLike inputs, not mutating them', () => {
    const rec = Object.freeze([Object.freeze({ time: 2, event: true }), Object.freeze({ time: 1, event: false, entry: 0.5 })]);
    const km = kaplanMeier(rec);
    expect(km.survival).toEqual([1, 0]);
    expect(kaplanMeier(Float64Array.of(1, 2), Uint8Array.of(1, 0)).survival).toEqual([0.5, 0.5]);
  });

  test('rejects bad input with InfraError naming the argument', () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        if (isInfraError(e)) return `${e.code} ${e.path}`;
        throw e;
      }
      return 'no error';
    };
    expect(code(() => kaplanMeier([]))).toBe('EMPTY times');
    expect(code(() => kaplanMeier([1, Number.NaN]))).toBe('NOT_FINITE times[1]');
    expect(code(() => kaplanMeier([1, -2]))).toBe('OUT_OF_RANGE times[1]');
    expect(code(() => kaplanMeier({ times: [1, 2], entries: [0, 3] }))).toBe('INVALID_ARGUMENT data.entries[1]');
    expect(code(() => kaplanMeier([1, 2], [1]))).toBe('SHAPE_MISMATCH events');
    expect(code(() => kaplanMeier([1, 2], [1, 2]))).toBe('INVALID_ARGUMENT events[1]');
    expect(code(() => kaplanMeier([{ time: 1, entry: 1 }]))).toBe('INVALID_ARGUMENT data[0].entry');
    expect(code(() => kaplanMeier({ lower: [1], upper: [2] } as never))).toBe('INVALID_ARGUMENT data[0]');
    expect(code(() => kaplanMeier([1], { confidenceLevel: 1 }))).toBe('OUT_OF_RANGE options.confidenceLevel');
    expect(code(() => kaplanMeier([1], { confidenceType: 'logit' as never }))).toBe('INVALID_ARGUMENT options.confidenceType');
  });
});

describe('survivalAt / survivalQuantile', () => {
  test('step function lookup and quantile bounds bracket the estimate', () => {
    const times = Array.from({ length: 40 }, (_, i) => i + 1);
    const km = kaplanMeier(times, times.map((t) => t % 4 !== 0));
    expect(survivalAt(km, 0.5).survival).toBe(1);
    expect(survivalAt(km, 1).survival).toBeCloseTo(39 / 40, 14);
    expect(survivalAt(km, 1000).survival).toBe(km.survival[km.survival.length - 1]);
    const q = survivalQuantile(km, 0.5);
    expect(q.time).not.toBeNull();
    expect(q.lower!).toBeLessThanOrEqual(q.time!);
    if (q.upper !== null) expect(q.upper).toBeGreaterThanOrEqual(q.time!);
    expect(() => survivalQuantile(km, 1)).toThrow(/p/);
    expect(() => survivalAt(km, Number.NaN)).toThrow(/finite/);
  });

  test('survivalBounds gives degenerate bounds at 0 and 1', () => {
    expect(survivalBounds(1, 0, 1.96, 'log-log')).toEqual([1, 1]);
    expect(survivalBounds(0, 1, 1.96, 'plain')).toEqual([0, 0]);
  });
});

describe('nelsonAalen', () => {
  fcTest.prop([dataArb])('is non-decreasing, its bounds contain it, and exp(−H) ≥ KM', (d) => {
    const na = nelsonAalen(d);
    const km = kaplanMeier(d);
    na.cumulativeHazard.forEach((h, j) => {
      if (j > 0) expect(h).toBeGreaterThanOrEqual(na.cumulativeHazard[j - 1]!);
      expect(na.lower[j]!).toBeLessThanOrEqual(h);
      expect(na.upper[j]!).toBeGreaterThanOrEqual(h);
      expect(Math.exp(-h)).toBeGreaterThanOrEqual(km.survival[j]! - 1e-12);
    });
  });
});
