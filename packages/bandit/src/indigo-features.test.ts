import { test as fcTest } from '@fast-check/vitest';
import { isInfraError } from '@infra/types';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { INDIGO_FEATURE_NAMES, INDIGO_LEVELS, indigoFeatures, netBenefit, type PageTelemetry } from './indigo-features.js';

const telemetryArb: fc.Arbitrary<PageTelemetry> = fc.record({
  accessRatePerSecond: fc.double({ min: 0, max: 1e8, noNaN: true }),
  burstDurationSeconds: fc.double({ min: 0, max: 100, noNaN: true }),
  localFreeFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  linkUtilization: fc.double({ min: 0, max: 1, noNaN: true }),
  remoteLatencyNs: fc.double({ min: 1, max: 1e5, noNaN: true }),
});

function codeOf(f: () => unknown): string {
  try {
    f();
    return 'none';
  } catch (e) {
    return isInfraError(e) ? `${e.code} ${e.path}` : 'other';
  }
}

describe('indigoFeatures', () => {
  fcTest.prop([telemetryArb])('is finite, has one entry per name and a leading 1', (t) => {
    const x = indigoFeatures(t);
    expect(x).toHaveLength(INDIGO_FEATURE_NAMES.length);
    expect(x[0]).toBe(1);
    expect(x.every(Number.isFinite)).toBe(true);
    expect(x[3]).toBeGreaterThanOrEqual(0);
    expect(x[3]).toBeLessThanOrEqual(1);
    expect(x[5]).toBeGreaterThanOrEqual(0);
  });
  fcTest.prop([telemetryArb, fc.double({ min: 0, max: 1e6, noNaN: true })])('hotness grows with the access rate', (t, extra) => {
    const hotter = indigoFeatures({ ...t, accessRatePerSecond: t.accessRatePerSecond + extra });
    expect(hotter[1]).toBeGreaterThanOrEqual(indigoFeatures(t)[1]!);
  });
  test('names the bad field', () => {
    const ok: PageTelemetry = { accessRatePerSecond: 1, burstDurationSeconds: 0, localFreeFraction: 0.5, linkUtilization: 0.2, remoteLatencyNs: 900 };
    expect(codeOf(() => indigoFeatures({ ...ok, linkUtilization: 1.5 }))).toBe('OUT_OF_RANGE telemetry.linkUtilization');
    expect(codeOf(() => indigoFeatures({ ...ok, accessRatePerSecond: Number.NaN }))).toBe('NOT_FINITE telemetry.accessRatePerSecond');
    expect(codeOf(() => indigoFeatures({ ...ok, remoteLatencyNs: 0 }))).toBe('OUT_OF_RANGE telemetry.remoteLatencyNs');
    expect(codeOf(() => indigoFeatures(ok, { lowWatermark: 0 }))).toBe('OUT_OF_RANGE scales.lowWatermark');
  });
});

describe('netBenefit', () => {
  const base = { promotedPageAccesses: 500, localLatencyNs: 100, remoteLatencyNs: 900, migratedBytes: 65536, linkBandwidthBytesPerSecond: 2e9, linkUtilization: 0.3 };
  fcTest.prop([fc.double({ min: 0, max: 0.98, noNaN: true }), fc.double({ min: 0, max: 0.98, noNaN: true })])(
    'a busier link never makes the same migration more rewarding',
    (u1, u2) => {
      const [lo, hi] = u1 <= u2 ? [u1, u2] : [u2, u1];
      expect(netBenefit({ ...base, linkUtilization: hi }).reward).toBeLessThanOrEqual(netBenefit({ ...base, linkUtilization: lo }).reward);
    },
  );
  test('demoted-page accesses subtract from the gain; λ = 0 ignores the network', () => {
    expect(netBenefit({ ...base, demotedPageAccesses: 500 }).localityGainNs).toBe(0);
    expect(netBenefit(base, { lambda: 0 }).reward).toBeCloseTo(0.4, 12);
  });
  test('names the bad field', () => {
    expect(codeOf(() => netBenefit({ ...base, linkUtilization: 1 }))).toBe('OUT_OF_RANGE outcome.linkUtilization');
    expect(codeOf(() => netBenefit({ ...base, remoteLatencyNs: 50 }))).toBe('OUT_OF_RANGE outcome.remoteLatencyNs');
    expect(codeOf(() => netBenefit({ ...base, migratedBytes: -1 }))).toBe('OUT_OF_RANGE outcome.migratedBytes');
  });
  test('the default levels go from hold to aggressive', () => {
    expect(INDIGO_LEVELS.map((l) => l.promoteFraction)).toEqual([0, 0.25, 0.5, 1]);
  });
});
