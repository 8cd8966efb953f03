import { isInfraError } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { generateAzureCodeWorkload } from './generator.js';

function stats(xs: ArrayLike<number>): { mean: number; p50: number; p99: number; max: number } {
  const s = Float64Array.from(xs).sort();
  const at = (q: number): number => s[Math.floor(q * (s.length - 1))] ?? Number.NaN;
  return { mean: s.reduce((a, b) => a + b, 0) / s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? Number.NaN };
}

describe('generateAzureCodeWorkload', () => {
  const w = generateAzureCodeWorkload(11);
  test('reproduces the published token statistics of the code trace', () => {
    const ctx = stats(w.inputTokens);
    expect(ctx.mean).toBeGreaterThan(1950);
    expect(ctx.mean).toBeLessThan(2150);
    expect(Math.abs(ctx.p50 - 1469)).toBeLessThan(80);
    expect(ctx.max).toBeLessThanOrEqual(7437);
    const gen = stats(w.outputTokens);
    expect(gen.mean).toBeGreaterThan(25);
    expect(gen.mean).toBeLessThan(32);
    expect(gen.p50).toBe(13);
    expect(gen.p99).toBeGreaterThan(200);
    expect(gen.p99).toBeLessThan(300);
    expect(gen.max).toBeLessThanOrEqual(1899);
  });

  test('produces bursty ON-OFF arrivals (inter-arrival CV near 13)', () => {
    const n = w.arrivalSeconds.length;
    const gaps = Array.from({ length: n - 1 }, (_, i) => (w.arrivalSeconds[i + 1] ?? 0) - (w.arrivalSeconds[i] ?? 0));
    const g = stats(gaps);
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - g.mean) ** 2, 0) / gaps.length);
    expect(sd / g.mean).toBeGreaterThan(9);
    expect(sd / g.mean).toBeLessThan(18);
    expect(g.mean).toBeGreaterThan(0.2);
    expect(g.mean).toBeLessThan(0.6);
    expect(g.max).toBeLessThanOrEqual(250);
  });

  test('is deterministic per seed and differs across seeds', () => {
    expect(generateAzureCodeWorkload(11)).toEqual(w);
    expect(generateAzureCodeWorkload(12).inputTokens).not.toEqual(w.inputTokens);
  });

  test('rejects bad options with a typed error', () => {
    for (const [opts, path] of [[{ requests: 0 }, 'options.requests'], [{ batchFraction: 2 }, 'options.batchFraction']] as const) {
      let caught: unknown;
      try {
        generateAzureCodeWorkload(1, opts);
      } catch (e) {
        caught = e;
      }
      expect(isInfraError(caught)).toBe(true);
      expect((caught as { path: string }).path).toBe(path);
    }
  });
});
