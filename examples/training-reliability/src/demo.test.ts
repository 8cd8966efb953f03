import { beforeAll, describe, expect, test } from 'vitest';
import { sharedDataDir } from '../../../tools/shared-data.ts';
import { analyzeFaultTrace, demo, faultTracePath, generateFaultTrace, planJob, readFaultTrace } from './index.js';

const path = faultTracePath(sharedDataDir());
if (!path) console.warn('real-data test skipped: ../shared/data/infinitehbd-faults/fault_trace.json not found');

describe('generator', () => {
  test('is deterministic and calibrated to the published totals', () => {
    expect(generateFaultTrace(3)).toEqual(generateFaultTrace(3));
    const f = analyzeFaultTrace(generateFaultTrace(3));
    expect(f.faults).toBe(584);
    expect(f.rates.all).toBeCloseTo(4.18, 1);
    expect(f.faultingNodes).toBeGreaterThan(190);
    expect(f.faultingNodes).toBeLessThan(270);
    expect(f.interArrival.shape).toBeLessThan(0.8);
    expect(f.repairDays.p50).toBeGreaterThan(0.4);
    expect(f.repairDays.p50).toBeLessThan(1.6);
  });
});

describe.skipIf(!path)('InfiniteHBD trace', () => {
  // Read in beforeAll: a skipped describe still runs its body to collect the tests.
  let f: ReturnType<typeof analyzeFaultTrace>;
  beforeAll(() => {
    f = analyzeFaultTrace(readFaultTrace(path!));
  });
  test('reproduces the published figures', () => {
    expect(f.rates.all).toBeCloseTo(4.18, 2);
    expect(f.rates.hardware).toBeCloseTo(2.13, 2);
    expect(f.rates.gpu).toBeCloseTo(1.13, 2);
    expect(f.kmFirstFault.map((k) => k.survival)).toEqual([0.975, 0.7975, 0.5975, 0.455].map((x) => expect.closeTo(x, 12)));
    expect(f.firstFaultWeibull.shape).toBeCloseTo(1.12406, 4);
    expect(f.firstFaultWeibull.scale).toBeCloseTo(384.064, 2);
    expect(f.interArrival.shape).toBeCloseTo(0.62, 2);
    expect(f.repairDays.p50).toBeCloseTo(0.85, 2);
    expect(f.lemons.count).toBeGreaterThan(0);
  });
  test('plans a 16k-GPU job whose Monte-Carlo ETTR agrees with the analytic model', () => {
    const p = planJob(f);
    expect(p.nodes).toBe(2048);
    expect(p.ettrValid).toBe(true);
    expect(Math.abs(p.simulatedEttr - p.ettr)).toBeLessThan(0.005);
    expect(p.bursty.gainPoints).toBeGreaterThan(0);
    expect(p.sparesProbability).toBeGreaterThanOrEqual(0.99);
  });
});

describe('demo', () => {
  test('returns a section with a summary and a markdown table', async () => {
    const s = await demo({ dataDir: sharedDataDir() });
    expect(s.title).toMatch(/reliability/i);
    expect(s.summary.length).toBeGreaterThanOrEqual(3);
    expect(s.markdown).toContain('| Figure |');
  });
});
