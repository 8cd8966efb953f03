import { readFileSync } from 'node:fs';
import { test as fcTest, fc } from '@fast-check/vitest';
import { createRng, poisson } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { missingDataMessage, sharedDataPath } from '../../../tools/shared-data.js';
import { adjustPValues, lemonNodes, overdispersionTest } from './lemon.js';

const path = sharedDataPath('infinitehbd-faults', 'fault_trace.json');
if (!path) console.warn(missingDataMessage('infinitehbd-faults', 'fault_trace.json'));

describe('adjustPValues', () => {
  fcTest.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 })])(
    'adjusted ≥ raw, within [0, 1], and Bonferroni ≥ Holm ≥ BH',
    (p) => {
      const bh = adjustPValues(p, 'bh');
      const holm = adjustPValues(p, 'holm');
      const bon = adjustPValues(p, 'bonferroni');
      p.forEach((x, i) => {
        expect(bh[i]!).toBeGreaterThanOrEqual(x - 1e-15);
        expect(bh[i]!).toBeLessThanOrEqual(1);
        expect(holm[i]!).toBeGreaterThanOrEqual(bh[i]! - 1e-12);
        expect(bon[i]!).toBeGreaterThanOrEqual(holm[i]! - 1e-12);
      });
    },
  );
  test('rejects p-values outside [0, 1]', () => {
    expect(() => adjustPValues([0.1, 1.2])).toThrow(expect.objectContaining({ path: 'pValues[1]' }));
  });
});

describe('lemonNodes', () => {
  test('a homogeneous Poisson fleet rarely flags anything (false-alarm rate controlled)', () => {
    let flagged = 0;
    for (let s = 0; s < 200; s++) {
      const rng = createRng(s);
      const nodes = Array.from({ length: 100 }, (_, i) => ({ nodeId: `n${i}`, failures: poisson(rng, 1.5), exposure: 1 }));
      if (lemonNodes(nodes, { correction: 'holm' }).lemons.length > 0) flagged++;
    }
    // Holm controls the family-wise error at 5 %
    expect(flagged / 200).toBeLessThan(0.08);
  });

  test('exposure matters: the same count over a longer exposure is not a lemon', () => {
    const nodes = [
      { nodeId: 'short', failures: 6, exposure: 1 },
      { nodeId: 'long', failures: 6, exposure: 12 },
      ...Array.from({ length: 30 }, (_, i) => ({ nodeId: `n${i}`, failures: i % 2, exposure: 2 })),
    ];
    const r = lemonNodes(nodes);
    expect(r.lemons).toContain('short');
    expect(r.lemons).not.toContain('long');
  });

  test('accepts failure events with a population and exposures', () => {
    const events = [
      ...Array.from({ length: 9 }, (_, i) => ({ timeSeconds: i, nodeId: 'bad' })),
      { timeSeconds: 3, nodeId: 'ok1' },
      { timeSeconds: 4, nodeId: 'ok2' },
    ];
    const r = lemonNodes(events, { population: 40, exposure: 86_400 });
    expect(r.nodes.length).toBe(40);
    expect(r.lemons).toEqual(['bad']);
    expect(r.nodes[0]!.exposure).toBe(86_400);
    expect(() => lemonNodes(events, { population: 2 })).toThrow(expect.objectContaining({ path: 'options.population' }));
  });

  test('no failures: nothing flagged, every p = 1, dispersion 0', () => {
    const r = lemonNodes([{ nodeId: 'a', failures: 0 }, { nodeId: 'b', failures: 0 }]);
    expect(r.lemons).toEqual([]);
    expect(r.dispersion.pValue).toBe(1);
  });

  test('bad records are typed errors naming the field', () => {
    expect(() => lemonNodes([{ nodeId: 'a', failures: 1.5 }, { nodeId: 'b', failures: 0 }])).toThrow(expect.objectContaining({ path: 'input[0].failures' }));
    expect(() => lemonNodes([{ nodeId: 'a', failures: 1, exposure: 0 }, { nodeId: 'b', failures: 0 }])).toThrow(expect.objectContaining({ path: 'input[0].exposure' }));
    expect(() => lemonNodes([{ nodeId: 'a', failures: 1 }])).toThrow(expect.objectContaining({ code: 'EMPTY' }));
    expect(() => lemonNodes([{ nodeId: 'a', failures: 1 }, { nodeId: 'b', failures: 0 }], { alpha: 2 })).toThrow(expect.objectContaining({ path: 'options.alpha' }));
  });

  test.skipIf(!path)('InfiniteHBD: 400 servers are over-dispersed (variance/mean ≈ 2.57) and the heaviest nodes are flagged', () => {
    const events = JSON.parse(readFileSync(path as string, 'utf8')) as { node_id: string; event_type: string }[];
    const starts = events.filter((e) => e.event_type === 'fault_start').map((e, i) => ({ timeSeconds: i, nodeId: e.node_id }));
    const r = lemonNodes(starts, { population: 400 });
    expect(r.dispersion.mean).toBeCloseTo(1.46, 2);
    expect(r.dispersion.variance).toBeCloseTo(3.75, 1);
    expect(r.dispersion.variance / r.dispersion.mean).toBeCloseTo(2.57, 1);
    expect(r.dispersion.pValue).toBeLessThan(1e-12);
    expect(r.lemons.length).toBeGreaterThan(0);
    const maxFailures = Math.max(...r.nodes.map((n) => n.failures));
    expect(maxFailures).toBe(14);
    expect(r.nodes[0]!.failures).toBe(14);
    expect(r.nodes.filter((n) => n.lemon).every((n) => n.failures >= 6)).toBe(true);
  });
});

describe('overdispersionTest', () => {
  test('Poisson counts give a dispersion index near 1', () => {
    const rng = createRng(11);
    const nodes = Array.from({ length: 2000 }, (_, i) => ({ nodeId: `n${i}`, failures: poisson(rng, 3) }));
    const r = overdispersionTest(nodes);
    expect(r.dispersionIndex).toBeGreaterThan(0.9);
    expect(r.dispersionIndex).toBeLessThan(1.1);
  });
});
