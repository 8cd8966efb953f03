import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isInfraError } from '@infra/types';
import { failureEventArb } from '@infra/types/testing';
import { sharedDataPath, missingDataMessage } from '../../../tools/shared-data.ts';
import { loadEpisodes, loadFailureEvents } from './loaders.js';
import { faultRates, failuresPer1000NodeDays, jobMttf, expectedInterruptions } from './rates.js';
import { firstFailureTimes, interArrivalGaps, repairTimes } from './fleet-stats.js';

const DAY = 86_400;
const tracePath = sharedDataPath('infinitehbd-faults', 'fault_trace.json');
if (!tracePath) console.warn(missingDataMessage('infinitehbd-faults', 'fault_trace.json'));

const ft = (c: string) => ({ Level: 'Hardware Failure', Class: c, Desc: c });
const rec = (node: string, t: number, type: 'fault_start' | 'fault_end', c = 'GPU') => ({ node_id: node, event_time: t, event_type: type, fault_type: ft(c) });

describe('loadEpisodes', () => {
  test('pairs per node and fault type, so overlapping faults on one node pair correctly', () => {
    const r = loadEpisodes([rec('a', 1, 'fault_start', 'GPU'), rec('a', 2, 'fault_start', 'NIC'), rec('a', 3, 'fault_end', 'NIC'), rec('a', 9, 'fault_end', 'GPU')]);
    expect(r.events.map((e) => [e.component, e.timeSeconds / DAY, e.repairedTimeSeconds! / DAY])).toEqual([['GPU', 1, 9], ['NIC', 2, 3]]);
    expect(r.overlappingStarts).toBe(1);
  });
  test('keeps open episodes and counts unmatched ends', () => {
    const r = loadEpisodes([rec('a', 1, 'fault_start'), rec('b', 2, 'fault_end')]);
    expect(r.openEpisodes).toBe(1);
    expect(r.unmatchedEnds).toBe(1);
    expect(r.events[0]!.repairedTimeSeconds).toBeUndefined();
  });
  test('zero-duration episodes (start and end at the same time) pair', () => {
    const r = loadEpisodes([rec('a', 4, 'fault_end'), rec('a', 4, 'fault_start')]);
    expect(r.events[0]!.repairedTimeSeconds).toBe(4 * DAY);
    expect(r.unmatchedEnds).toBe(0);
  });
  test('typed errors name the bad record and field', () => {
    expect(() => loadEpisodes([rec('a', 1, 'fault_start'), { ...rec('a', 2, 'fault_end'), event_time: 'x' }])).toThrow('records[1].event_time');
    expect(() => loadEpisodes([{ ...rec('a', 1, 'fault_start'), event_type: 'boom' }])).toThrow('records[0].event_type');
    expect(() => loadEpisodes({})).toThrow('records');
  });
  test('does not mutate its input', () => {
    const input = [rec('a', 2, 'fault_end'), rec('a', 1, 'fault_start')];
    const before = JSON.stringify(input);
    loadEpisodes(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('loadFailureEvents', () => {
  test('round-trips any valid event list (sorted by time)', () => {
    fc.assert(
      fc.property(fc.array(failureEventArb()), (evs) => {
        const out = loadFailureEvents(evs);
        expect(out).toHaveLength(evs.length);
        for (let i = 1; i < out.length; i++) expect(out[i]!.timeSeconds).toBeGreaterThanOrEqual(out[i - 1]!.timeSeconds);
      }),
    );
  });
});

describe('rates and planning', () => {
  test('series-system job MTTF (r_f = 6.5 / 1 000 node-days, 8 GPUs per node)', () => {
    expect(jobMttf({ gpus: 16_384, failuresPer1000NodeDays: 6.5 }).mttfHours).toBeCloseTo(1.803, 3);
    expect(jobMttf({ gpus: 131_072, failuresPer1000NodeDays: 6.5 }).mttfSeconds / 60).toBeCloseTo(13.52, 2);
    expect(jobMttf({ gpus: 1024, failuresPer1000NodeDays: 6.5 }).mttfHours).toBeCloseTo(28.85, 2);
  });
  test('rates scale with exposure', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e6 }), fc.double({ min: 1, max: 1e7, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), (n, e, k) => {
        expect(failuresPer1000NodeDays(n, e * k) * k).toBeCloseTo(failuresPer1000NodeDays(n, e), 6);
      }),
    );
  });
  test('expected interruptions over Llama 3’s 54 days at a 3.09 h MTTF ≈ 419', () => {
    expect(expectedInterruptions(54 * DAY, 3.0931 * 3600).expected).toBeCloseTo(419, 0);
  });
  test('expected interruptions: fast, finite and above the median for any horizon / MTTF, or a typed error', () => {
    // Regression: λ = 1e15 took ~10 s and returned upper90 below λ (logGamma precision); λ = ∞ returned Infinity.
    const lambdas: [number, number][] = [[1e15, 1], [1e20, 1], [1e300, 1e-10], [1e8, 1], [1e8 + 1, 1]];
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e300, noNaN: true }), fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (h, m) => {
        const t0 = performance.now();
        let r;
        try {
          r = expectedInterruptions(h, m);
        } catch (e) {
          expect(isInfraError(e)).toBe(true);
          return;
        }
        expect(performance.now() - t0).toBeLessThan(1000);
        expect(Number.isFinite(r.expected) && Number.isFinite(r.upper90)).toBe(true);
        expect(r.upper90).toBeGreaterThanOrEqual(Math.floor(r.expected - Math.LN2)); // the 0.9-quantile ≥ the median ≥ λ − ln 2
      }),
      { examples: lambdas },
    );
    // both sides of the switch to the normal approximation agree with the exact Poisson quantile
    expect(expectedInterruptions(1e8, 1).upper90).toBe(100_012_816);
    expect(expectedInterruptions(1e8 + 1, 1).upper90).toBe(100_012_817);
  });
});

describe.skipIf(!tracePath)('InfiniteHBD trace (real data)', () => {
  const json: unknown = tracePath ? JSON.parse(readFileSync(tracePath, 'utf8')) : [];
  const loaded = loadEpisodes(json);
  const exposure = { nodes: 400, durationSeconds: 348.98 * DAY };
  test('584 paired faults on 231 nodes; the two overlapping starts are paired by fault type', () => {
    expect(loaded.events).toHaveLength(584);
    expect(loaded.nodes).toBe(231);
    expect(loaded.openEpisodes).toBe(0);
    expect(loaded.unmatchedEnds).toBe(0);
    expect(loaded.overlappingStarts).toBe(2);
  });
  test('fault rates per 1 000 node-days: 4.18 all / 2.13 hardware / 1.13 GPU', () => {
    const r = faultRates(loaded.events, exposure);
    expect(r.all.per1000NodeDays).toBeCloseTo(4.18, 2);
    expect(r.byClass.find((x) => x.key === 'hardware')!.count).toBe(298);
    expect(r.byClass.find((x) => x.key === 'hardware')!.per1000NodeDays).toBeCloseTo(2.13, 2);
    expect(r.byComponent.find((x) => x.key === 'GPU')!.per1000NodeDays).toBeCloseTo(1.13, 2);
  });
  test('repair times: mean 5.54 d, median 0.85 d, max 131.0 d', () => {
    const r = repairTimes(loaded.events);
    expect(r.meanSeconds / DAY).toBeCloseTo(5.535, 3);
    expect(r.quantiles[0]!.seconds / DAY).toBeCloseTo(0.8496, 3);
    expect(r.quantiles[1]!.seconds / DAY).toBeCloseTo(12.97, 2); // numpy percentile (linear)
    expect(r.quantiles[2]!.seconds / DAY).toBeCloseTo(81.92, 2);
    expect(r.maxSeconds / DAY).toBeCloseTo(130.96, 2);
    expect(r.zeroDuration).toBe(14);
  });
  test('inter-arrival gaps: 55 simultaneous, mean 0.59 d, CV 1.76', () => {
    const g = interArrivalGaps(loaded.events);
    expect(g.zeroGaps).toBe(55);
    expect(g.positiveGapsSeconds).toHaveLength(528);
    expect(g.meanSeconds / DAY).toBeCloseTo(0.59, 2);
    expect(g.cv).toBeCloseTo(1.76, 2);
  });
  test('first-fault data: 231 failures, 169 censored at the window end', () => {
    const d = firstFailureTimes(loaded.events, exposure);
    expect(d.events.filter(Boolean)).toHaveLength(231);
    expect(d.times.filter((t, i) => !d.events[i] && t === 348.98 * DAY)).toHaveLength(169);
  });
});
