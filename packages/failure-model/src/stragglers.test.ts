import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { stragglerInflation } from './stragglers.js';
import { compareLiveMigration } from './live-migration.js';

describe('stragglerInflation', () => {
  const d = { slowdowns: [1, 1.2, 2], probabilities: [0.97, 0.02, 0.01] };
  test('equals E[max of N] computed by brute force for small N', () => {
    // N = 2: enumerate all pairs
    let e = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) e += d.probabilities[i]! * d.probabilities[j]! * Math.max(d.slowdowns[i]!, d.slowdowns[j]!);
    expect(stragglerInflation(d, 2).inflation).toBeCloseTo(e, 12);
  });
  test('is ≥ 1, non-decreasing in N, bounded by the worst slowdown', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
        const a = stragglerInflation(d, n).inflation;
        expect(a).toBeGreaterThanOrEqual(1);
        expect(a).toBeLessThanOrEqual(2 + 1e-12);
        expect(stragglerInflation(d, n + 1).inflation).toBeGreaterThanOrEqual(a - 1e-12);
      }),
    );
  });
  test('excluding predicted stragglers helps (perfect predictor → no inflation)', () => {
    const r = stragglerInflation(d, 4096, { threshold: 1.1, recall: 1, falsePositiveRate: 0 });
    expect(r.inflation).toBeGreaterThan(1.9);
    expect(r.inflationWithExclusion).toBeCloseTo(1, 12);
    expect(r.excludedFraction).toBeCloseTo(0.03, 12);
  });
  test('rejects slowdowns below 1 and probabilities not summing to 1', () => {
    expect(() => stragglerInflation({ slowdowns: [0.5], probabilities: [1] }, 2)).toThrow('distribution.slowdowns[0]');
    expect(() => stragglerInflation({ slowdowns: [1, 2], probabilities: [0.5, 0.4] }, 2)).toThrow('must sum to 1');
    expect(() => stragglerInflation(d, 2, { threshold: 0, recall: 1, falsePositiveRate: 1 })).toThrow('excludes every node');
  });
});

describe('compareLiveMigration', () => {
  const base = { failures: 419, gpus: 16_384, intervalSeconds: 1800, downtimeSeconds: 300, restartSeconds: 600, migrationSeconds: 20 };
  test('no prediction → no gain; waste reduction grows with the predicted fraction', () => {
    expect(compareLiveMigration({ ...base, predictedFraction: 0 }).downtimeRatio).toBe(1);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.99, noNaN: true }), (f) => {
        const a = compareLiveMigration({ ...base, predictedFraction: f });
        const b = compareLiveMigration({ ...base, predictedFraction: Math.min(1, f + 0.01) });
        expect(b.wasteReduction).toBeGreaterThanOrEqual(a.wasteReduction);
        expect(a.wasteReduction).toBeGreaterThanOrEqual(0);
      }),
    );
  });
  test('wasted GPU-hours = downtime × GPUs', () => {
    const c = compareLiveMigration({ ...base, predictedFraction: 0.5 });
    expect(c.checkpointRestart.wastedGpuHours).toBeCloseTo((419 * 1800 * 16_384) / 3600, 6);
    expect(c.withMigration.perFailureSeconds).toBeCloseTo(0.5 * 20 + 0.5 * 1800, 12);
  });
});
