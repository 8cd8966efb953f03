import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isInfraError } from '@infra/types';
import { availabilityOptimalInterval, dalyInterval, youngInterval } from './checkpoint-interval.js';

describe('dalyInterval', () => {
  test("reproduces Daly's published examples (δ = 5 min; M = 24 h, 6 h, 15 min → 117, 57, 9.1 min)", () => {
    expect(dalyInterval(5, 24 * 60)).toBeCloseTo(116.69, 2);
    expect(dalyInterval(5, 6 * 60)).toBeCloseTo(56.71, 2);
    expect(dalyInterval(5, 15)).toBeCloseTo(9.14, 2);
    expect(Math.round(dalyInterval(5, 24 * 60))).toBe(117);
    expect(Math.round(dalyInterval(5, 6 * 60))).toBe(57);
    expect(Math.round(dalyInterval(5, 15) * 10) / 10).toBe(9.1);
  });
  test('returns M when δ ≥ 2M', () => {
    expect(dalyInterval(10, 5)).toBe(5);
  });
  test('is unit-free: scaling δ and M scales τ', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.double({ min: 1e-2, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (d, m, k) => {
        expect(dalyInterval(d * k, m * k)).toBeCloseTo(dalyInterval(d, m) * k, 6 - Math.max(0, Math.log10(dalyInterval(d * k, m * k))));
      }),
    );
  });
  test('is positive and non-decreasing in M', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (d, m) => {
        const a = dalyInterval(d, m);
        expect(a).toBeGreaterThan(0);
        expect(dalyInterval(d, m * 1.5)).toBeGreaterThanOrEqual(a * (1 - 1e-12));
      }),
    );
  });
  test('rejects non-positive and non-finite input with typed errors naming the argument', () => {
    for (const [d, m, path] of [[0, 10, 'checkpointCost'], [5, -1, 'mtbf'], [Number.NaN, 1, 'checkpointCost'], [1, Infinity, 'mtbf']] as const) {
      try {
        dalyInterval(d, m);
        expect.unreachable();
      } catch (e) {
        expect(isInfraError(e)).toBe(true);
        expect((e as Error).message).toContain(path);
      }
    }
  });
});

describe('youngInterval', () => {
  test('is √(2δM): 120 / 60 / 12.247 min at δ = 5 min', () => {
    expect(youngInterval(5, 1440)).toBeCloseTo(120, 10);
    expect(youngInterval({ checkpointCost: 5, mtbf: 360 })).toBeCloseTo(60, 10);
    expect(youngInterval(5, 15)).toBeCloseTo(12.247, 3);
  });
  test('exceeds Daly for δ ≪ M (Daly subtracts roughly δ)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1, noNaN: true }), fc.double({ min: 100, max: 1e6, noNaN: true }), (d, m) => {
        expect(youngInterval(d, m)).toBeGreaterThan(dalyInterval(d, m));
      }),
    );
  });
});

describe('availabilityOptimalInterval', () => {
  test('δ = 5, M = 1 440, R = 10 → 125.52 min', () => {
    expect(availabilityOptimalInterval({ checkpointCost: 5, mtbf: 1440, restartCost: 10 })).toBeCloseTo(125.52, 2);
  });
  test('never falls below the detection latency', () => {
    expect(availabilityOptimalInterval({ checkpointCost: 5, mtbf: 1440, detectionLatency: 500 })).toBe(500);
  });
  test('rejects a negative restart cost', () => {
    expect(() => availabilityOptimalInterval({ checkpointCost: 5, mtbf: 1440, restartCost: -1 })).toThrow('restartCost');
  });
});
