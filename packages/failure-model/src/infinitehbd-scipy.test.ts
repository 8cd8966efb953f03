import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { missingDataMessage, sharedDataPath } from '../../../tools/shared-data.js';
import { fitWeibull } from './weibull.js';
import { kaplanMeier, survivalAt } from './kaplan-meier.js';

interface Fixture {
  readonly population: number;
  readonly endOfObservationDays: number;
  readonly faultedNodes: number;
  readonly km: {
    readonly times: number[];
    readonly survival: number[];
    readonly linear95: { readonly low: number[]; readonly high: number[] };
    readonly loglog95: { readonly low: number[]; readonly high: number[] };
    readonly at: Record<string, number>;
  };
  readonly weibull: Record<'default' | 'tight', { shape: number; scale: number; negLogLik: number }>;
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/infinitehbd-scipy.json', import.meta.url), 'utf8'),
) as Fixture;
const path = sharedDataPath('infinitehbd-faults', 'fault_trace.json');
if (!path) console.warn(missingDataMessage('infinitehbd-faults', 'fault_trace.json'));

/** Per-node time to first fault; nodes that never fault are censored at the last event time. */
function firstFaults(file: string): { times: number[]; events: boolean[] } {
  const events = JSON.parse(readFileSync(file, 'utf8')) as { node_id: string; event_time: number; event_type: string }[];
  const first = new Map<string, number>();
  let end = 0;
  for (const e of events) {
    end = Math.max(end, e.event_time);
    if (e.event_type === 'fault_start' && !first.has(e.node_id)) first.set(e.node_id, e.event_time);
  }
  const times = [...first.values()];
  const flags = times.map(() => true);
  while (times.length < fixture.population) {
    times.push(end);
    flags.push(false);
  }
  return { times, events: flags };
}

describe('InfiniteHBD per-node time to first fault against scipy', () => {
  test.skipIf(!path)('kaplanMeier equals scipy.stats.ecdf (estimate and linear / log-log 95 % bounds) to 1e-6', () => {
    const { times, events } = firstFaults(path as string);
    expect(events.filter(Boolean).length).toBe(fixture.faultedNodes);
    const ll = kaplanMeier(times, events, { confidenceType: 'log-log' });
    const lin = kaplanMeier(times, events, { confidenceType: 'plain' });
    expect(ll.times).toEqual(fixture.km.times);
    for (let j = 0; j < ll.times.length; j++) {
      expect(Math.abs(ll.survival[j]! - fixture.km.survival[j]!)).toBeLessThan(1e-12);
      expect(Math.abs(ll.lower[j]! - fixture.km.loglog95.low[j]!)).toBeLessThan(1e-6);
      expect(Math.abs(ll.upper[j]! - fixture.km.loglog95.high[j]!)).toBeLessThan(1e-6);
      expect(Math.abs(lin.lower[j]! - fixture.km.linear95.low[j]!)).toBeLessThan(1e-6);
      expect(Math.abs(lin.upper[j]! - fixture.km.linear95.high[j]!)).toBeLessThan(1e-6);
    }
    for (const [t, s] of Object.entries(fixture.km.at)) {
      expect(Math.abs(survivalAt(ll, Number(t)).survival - s)).toBeLessThan(1e-12);
    }
  });

  test.skipIf(!path)('fitWeibull equals scipy.stats.weibull_min.fit(CensoredData, floc=0) to 1e-6', () => {
    const { times, events } = firstFaults(path as string);
    const fit = fitWeibull(times, events);
    for (const ref of [fixture.weibull.tight, fixture.weibull.default]) {
      expect(Math.abs(fit.shape / ref.shape - 1)).toBeLessThan(1e-6);
      expect(Math.abs(fit.scale / ref.scale - 1)).toBeLessThan(1e-6);
    }
    // our optimum is at least as good as scipy's
    expect(-fit.logLikelihood).toBeLessThanOrEqual(fixture.weibull.tight.negLogLik + 1e-9);
    expect(Math.abs(-fit.logLikelihood - fixture.weibull.tight.negLogLik)).toBeLessThan(1e-6);
    expect(Math.abs(fit.shape - 1.12406)).toBeLessThan(1e-5);
    expect(Math.abs(fit.scale - 384.064)).toBeLessThan(1e-3);
  });
});
