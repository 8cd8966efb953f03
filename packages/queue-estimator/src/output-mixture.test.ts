import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { mixHistograms, mixMoments, mixtureHistorySize } from './output-mixture.js';
import { histogramFromSamples, residualPmf, tokenMoments } from './token-histogram.js';

describe('output-length mixtures', () => {
  fcTest.prop([fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 80 }), fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 9 })])(
    'without censoring: exact mixture moments, pmf sums to 1 with the same mean',
    (xs, ys, w) => {
      const a = histogramFromSamples(xs);
      const b = histogramFromSamples(ys);
      const m = mixMoments([{ h: a, weight: w }, { h: b, weight: 1 }]);
      const ma = tokenMoments(a);
      const mb = tokenMoments(b);
      expect(m.mean).toBeCloseTo((w * ma.mean + mb.mean) / (w + 1), 6);
      const pmf = mixHistograms([{ h: a, weight: w }, { h: b, weight: 1 }]);
      let p = 0;
      let mean = 0;
      for (let i = 0; i < pmf.values.length; i++) {
        p += pmf.probs[i]!;
        mean += pmf.probs[i]! * pmf.values[i]!;
        if (i > 0) expect(pmf.values[i]!).toBeGreaterThan(pmf.values[i - 1]!);
      }
      expect(p).toBeCloseTo(1, 9);
      expect(mean / m.mean).toBeCloseTo(1, 6);
      expect(mixtureHistorySize([{ h: a, weight: w }, { h: a, weight: 2 }])).toBe(xs.length);
    },
  );

  test('censored running sequences put back the tail a burst of short completions hides', () => {
    // 100 completions of 10 tokens while 10 long requests are still running at 200 generated tokens
    const h = histogramFromSamples([...Array.from({ length: 100 }, () => 10), 400, 600]);
    const residual = residualPmf(h, 200);
    const plain = mixMoments([{ h, weight: 1 }]);
    const censored = [{ generated: 200, residual, weight: 10 }];
    const adjusted = mixMoments([{ h, weight: 1, censored }]);
    expect(adjusted.mean).toBeGreaterThan(plain.mean + 30); // ≈ (1000 + 1000 + 10·(200 + E[R])) / 112
    expect(adjusted.m2).toBeGreaterThan(4 * plain.m2);
    const pmf = mixHistograms([{ h, weight: 1, censored }]);
    let tail = 0;
    for (let i = 0; i < pmf.values.length; i++) if (pmf.values[i]! > 200) tail += pmf.probs[i]!;
    expect(tail).toBeCloseTo(12 / 112, 6); // 2 completions and all 10 censored sequences lie above 200
    expect(mixtureHistorySize([{ h, weight: 1, censored }])).toBe(112);
  });
});
