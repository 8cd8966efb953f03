import { test as fcTest, fc } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { meanCumulativeFunction, type RecurrentUnit } from './recurrent.js';

const unitsArb = fc
  .array(
    fc.record({ start: fc.integer({ min: 0, max: 10 }), len: fc.integer({ min: 1, max: 20 }), ev: fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 6 }) }),
    { minLength: 1, maxLength: 25 },
  )
  .map((rows) =>
    rows.map((r, i): RecurrentUnit => ({
      id: `u${i}`,
      start: r.start,
      end: r.start + r.len,
      events: r.ev.filter((e) => e <= r.len).map((e) => r.start + e),
    })),
  );

/** Direct O(N·T) Lawless–Nadeau variance. */
function bruteRobust(units: readonly RecurrentUnit[], times: readonly number[], nRisk: readonly number[], nEvents: readonly number[]): number[] {
  return times.map((_, j) => {
    let v = 0;
    for (const u of units) {
      let r = 0;
      for (let i = 0; i <= j; i++) {
        const t = times[i]!;
        if (!((u.start ?? 0) < t && t <= u.end)) continue;
        const dij = u.events.filter((e) => e === t).length;
        r += (dij - nEvents[i]! / nRisk[i]!) / nRisk[i]!;
      }
      v += r * r;
    }
    return v;
  });
}

describe('meanCumulativeFunction', () => {
  fcTest.prop([unitsArb])('matches the direct risk-set MCF and the direct robust variance; non-decreasing; bounds contain it', (units) => {
    const m = meanCumulativeFunction(units);
    const robust = bruteRobust(units, m.times, m.nRisk, m.nEvents);
    let acc = 0;
    m.times.forEach((t, j) => {
      const n = units.filter((u) => (u.start ?? 0) < t && t <= u.end).length;
      const d = units.reduce((s, u) => s + u.events.filter((e) => e === t).length, 0);
      expect(m.nRisk[j]).toBe(n);
      expect(m.nEvents[j]).toBe(d);
      acc += d / n;
      expect(m.mcf[j]).toBeCloseTo(acc, 12);
      expect(m.variance[j]).toBeCloseTo(robust[j]!, 10);
      expect(m.lower[j]!).toBeLessThanOrEqual(m.mcf[j]!);
      expect(m.upper[j]!).toBeGreaterThanOrEqual(m.mcf[j]!);
    });
  });

  test('no failures gives empty curves; bad windows and events are typed errors', () => {
    expect(meanCumulativeFunction([{ id: 'a', end: 5, events: [] }]).times).toEqual([]);
    expect(() => meanCumulativeFunction([])).toThrow(expect.objectContaining({ code: 'EMPTY' }));
    expect(() => meanCumulativeFunction([{ id: 'a', start: 5, end: 5, events: [] }])).toThrow(expect.objectContaining({ path: 'units[0].end' }));
    expect(() => meanCumulativeFunction([{ id: 'a', end: 5, events: [6] }])).toThrow(expect.objectContaining({ path: 'units[0].events[0]' }));
    expect(() => meanCumulativeFunction([{ id: 'a', end: 5, events: [Number.NaN] }])).toThrow(expect.objectContaining({ code: 'NOT_FINITE' }));
  });
});
