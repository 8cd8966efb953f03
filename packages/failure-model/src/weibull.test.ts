import { readFileSync } from 'node:fs';
import { test as fcTest, fc } from '@fast-check/vitest';
import { createRng, isInfraError, weibull as drawWeibull } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { fitExponential } from './exponential.js';
import { fitWeibull, weibullBLife, weibullReliability } from './weibull.js';
import { weibullQuantile } from './weibull-inference.js';
import { gradientLog } from './weibull-core.js';
import { toSample } from './survival-data.js';

/** Weibull log-likelihood computed directly (oracle for the optimum and for truncation). */
function logLik(k: number, l: number, lower: number[], upper: number[], entries?: number[]): number {
  const S = (t: number): number => Math.exp(-Math.pow(t / l, k));
  let ll = 0;
  lower.forEach((lo, i) => {
    const hi = upper[i]!;
    if (hi === lo) ll += Math.log(k / l) + (k - 1) * Math.log(lo / l) - Math.pow(lo / l, k);
    else if (hi === Infinity) ll += Math.log(S(lo));
    else ll += Math.log(S(lo) - S(hi));
    if (entries) ll -= Math.log(S(entries[i]!));
  });
  return ll;
}

function weibullSample(seed: number, n: number, shape: number, scale: number, censorFraction: number) {
  const rng = createRng(seed);
  const times: number[] = [];
  const events: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const t = drawWeibull(rng, shape, scale);
    // independent (non-informative) censoring: heavier as censorFraction grows
    const c = rng.next() < censorFraction ? 3 * scale * (1.01 - censorFraction) * rng.next() : Infinity;
    times.push(Math.min(t, c) || scale * 1e-9);
    events.push(t <= c);
  }
  return { times, events };
}

describe('fitWeibull', () => {
  test('reproduces scipy on interval-, left- and right-censored data (fixture) to 1e-6', () => {
    const fx = JSON.parse(readFileSync(new URL('../fixtures/interval-scipy.json', import.meta.url), 'utf8')) as {
      lower: number[];
      upper: (number | null)[];
      weibull: { shape: number; scale: number; logLik: number };
    };
    const upper = fx.upper.map((u) => (u === null ? Infinity : u));
    const fit = fitWeibull({ lower: fx.lower, upper });
    expect(fit.method).toBe('profile-nested');
    expect(Math.abs(fit.shape / fx.weibull.shape - 1)).toBeLessThan(1e-6);
    expect(Math.abs(fit.scale / fx.weibull.scale - 1)).toBeLessThan(1e-6);
    expect(fit.logLikelihood).toBeCloseTo(fx.weibull.logLik, 8);
    expect(fit.logLikelihood).toBeCloseTo(logLik(fit.shape, fit.scale, fx.lower, upper), 9);
  });

  test('reproduces scipy on the lifelines #375 complete sample and a leading censored point (SurPyval #2)', () => {
    const a = fitWeibull([9402.7, 6082.4, 13367.2, 10644.6, 8632.0, 3043.4, 12860.2, 1034.5, 2550.9, 3637.1]);
    expect(a.shape).toBeCloseTo(1.6812799474467601, 6);
    expect(a.scale / 7965.970997349776).toBeCloseTo(1, 7);
    const b = fitWeibull([1, 2.5, 3.1, 4.4, 5.9, 7.2], [0, 1, 1, 1, 0, 1]);
    expect(b.shape).toBeCloseTo(2.5791208208457075, 6);
    expect(b.scale).toBeCloseTo(5.571251689162722, 6);
  });

  test('lifelines #827: spans of orders of magnitude converge; a single interval is not identifiable', () => {
    const fit = fitWeibull([
      { lower: 1, upper: 10 },
      { lower: 10, upper: 100 },
      { lower: 100, upper: 1000 },
    ]);
    // scipy (tight Nelder–Mead): shape 0.65306, scale 73.393; our optimum is at least as good
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(logLik(0.6530559087807011, 73.39313635035049, [1, 10, 100], [10, 100, 1000]) - 1e-9);
    expect(fit.shape).toBeCloseTo(0.65306, 3);
    expect(() => fitWeibull([{ lower: 1, upper: 10 }])).toThrow(expect.objectContaining({ code: 'NOT_IDENTIFIABLE' }));
  });

  test('lifelines #533: one failure at the largest time is a typed NOT_IDENTIFIABLE error', () => {
    expect(() => fitWeibull([13467, 13760, 12011, 7798, 7928], [0, 1, 0, 0, 0])).toThrow(
      expect.objectContaining({ code: 'NOT_IDENTIFIABLE' }),
    );
    // with a later censored unit the MLE exists
    const ok = fitWeibull([13467, 13760, 12011, 7798, 7928, 14000], [0, 1, 0, 0, 0, 0]);
    expect(Number.isFinite(ok.shape)).toBe(true);
  });

  test('all-censored and all-tied-at-the-end data are NOT_IDENTIFIABLE', () => {
    for (const f of [() => fitWeibull([1, 2, 3], [0, 0, 0]), () => fitWeibull([5, 5, 5, 2], [1, 1, 1, 0]), () => fitExponential([1, 2], [0, 0])]) {
      expect(f).toThrow(expect.objectContaining({ code: 'NOT_IDENTIFIABLE' }));
    }
  });

  test('left truncation: the score vanishes at the optimum and the likelihood beats nearby points', () => {
    const rng = createRng(7);
    const times: number[] = [];
    const entries: number[] = [];
    while (times.length < 300) {
      const a = 50 * rng.next();
      const t = drawWeibull(rng, 1.8, 40);
      if (t > a) {
        times.push(t);
        entries.push(a);
      }
    }
    const fit = fitWeibull({ times, entries });
    const [g1, g2] = gradientLog(toSample({ times, entries }), fit.shape, fit.scale);
    expect(Math.abs(g1) + Math.abs(g2)).toBeLessThan(1e-6);
    const up = times.map((t) => t);
    const best = logLik(fit.shape, fit.scale, times, up, entries);
    expect(fit.logLikelihood).toBeCloseTo(best, 8);
    for (const [dk, dl] of [[1.001, 1], [0.999, 1], [1, 1.001], [1, 0.999]] as const) {
      expect(logLik(fit.shape * dk, fit.scale * dl, times, up, entries)).toBeLessThan(best);
    }
    // ignoring truncation biases the shape fit: the two differ
    expect(Math.abs(fitWeibull(times).shape - fit.shape)).toBeGreaterThan(1e-3);
  });

  fcTest.prop(
    [
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.integer({ min: 2, max: 3000 }),
      fc.double({ min: 0.2, max: 10, noNaN: true }),
      fc.double({ min: -3, max: 6, noNaN: true }),
      fc.double({ min: 0, max: 0.99, noNaN: true }),
      fc.constantFrom(0, 1, 3),
    ],
    { numRuns: 60 },
  )('always converges (score ≈ 0, finite) or throws NOT_IDENTIFIABLE: n 2–3000, 0–99 % censoring, scales 1e-3–1e6, ties', (seed, n, shape, log10Scale, cens, digits) => {
    const scale = 10 ** log10Scale;
    const { times, events } = weibullSample(seed, n, shape, scale, cens);
    const rounded = digits === 0 ? times : times.map((t) => Number((t / scale).toFixed(digits)) * scale || scale * 1e-3);
    try {
      const fit = fitWeibull(rounded, events);
      expect(Number.isFinite(fit.shape) && Number.isFinite(fit.scale) && Number.isFinite(fit.logLikelihood)).toBe(true);
      const [g1] = gradientLog(toSample(rounded, events), fit.shape, fit.scale);
      expect(Math.abs(g1)).toBeLessThan(1e-5 * Math.max(1, n));
    } catch (e) {
      if (!isInfraError(e, 'NOT_IDENTIFIABLE')) throw e;
    }
  });

  fcTest.prop([fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.double({ min: 1e-3, max: 1e4, noNaN: true })], { numRuns: 40 })(
    'is invariant to the time unit: times × c ⇒ scale × c, same shape and CIs scale alike',
    (seed, c) => {
      const { times, events } = weibullSample(seed, 40, 1.3, 10, 0.3);
      let a;
      try {
        a = fitWeibull(times, events);
      } catch (e) {
        if (isInfraError(e, 'NOT_IDENTIFIABLE')) return;
        throw e;
      }
      const b = fitWeibull(times.map((t) => t * c), events);
      expect(b.shape / a.shape).toBeCloseTo(1, 9);
      expect(b.scale / (a.scale * c)).toBeCloseTo(1, 9);
      if (a.scaleCi && b.scaleCi) expect(b.scaleCi.upper / (a.scaleCi.upper * c)).toBeCloseTo(1, 6);
    },
  );

  test('intervals contain the estimates; profile CI ≈ Wald CI for a large sample', () => {
    const { times, events } = weibullSample(3, 2000, 2, 100, 0.3);
    const fit = fitWeibull(times, events);
    expect(fit.shapeCi!.lower).toBeLessThan(fit.shape);
    expect(fit.shapeCi!.upper).toBeGreaterThan(fit.shape);
    expect(fit.scaleCi!.lower).toBeLessThan(fit.scale);
    expect(fit.shapeProfileCi.lower!).toBeCloseTo(fit.shapeCi!.lower, 1);
    expect(fit.shapeProfileCi.upper!).toBeCloseTo(fit.shapeCi!.upper, 1);
    const r = weibullReliability(fit, 50);
    expect(r.lower! < r.estimate && r.estimate < r.upper!).toBe(true);
    const b10 = weibullBLife(fit, 0.1);
    expect(b10.estimate).toBeCloseTo(weibullQuantile(fit.shape, fit.scale, 0.1), 10);
    expect(() => weibullBLife(fit, 0)).toThrow(/p/);
  });

  test('95 % profile-likelihood intervals for the shape cover the truth in 93.5–96.5 % of 2 000 data sets', () => {
    let covered = 0;
    const runs = 2000;
    for (let s = 0; s < runs; s++) {
      // n = 40, shape 0.7, scale 5, half the units with an independent Uniform(0, 15) censoring time
      const rng = createRng(1000 + s);
      const times: number[] = [];
      const events: boolean[] = [];
      for (let i = 0; i < 40; i++) {
        const t = drawWeibull(rng, 0.7, 5);
        const c = rng.next() < 0.5 ? 15 * rng.next() : Infinity;
        times.push(Math.min(t, c));
        events.push(t <= c);
      }
      const ci = fitWeibull(times, events).shapeProfileCi;
      if (ci.lower !== null && ci.upper !== null && ci.lower <= 0.7 && 0.7 <= ci.upper) covered++;
    }
    expect(covered / runs).toBeGreaterThan(0.935);
    expect(covered / runs).toBeLessThan(0.965);
  });

  test('rejects bad input with typed errors', () => {
    expect(() => fitWeibull([1, Number.NaN])).toThrow(expect.objectContaining({ code: 'NOT_FINITE', path: 'times[1]' }));
    expect(() => fitWeibull([0, 1, 2])).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', path: 'data[0]' }));
    expect(() => fitWeibull({ lower: [2], upper: [1] })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', path: 'data.upper[0]' }));
    expect(() => fitWeibull([])).toThrow(expect.objectContaining({ code: 'EMPTY' }));
  });
});

describe('fitExponential', () => {
  test('closed form with truncation; interval data by root; LR interval contains the rate', () => {
    const fit = fitExponential({ times: [10, 20, 30], events: [1, 1, 0], entries: [0, 5, 10] });
    expect(fit.rate).toBeCloseTo(2 / (10 + 15 + 20), 14);
    expect(fit.exposure).toBeCloseTo(45, 12);
    expect(fit.rateProfileCi.lower!).toBeLessThan(fit.rate);
    expect(fit.rateProfileCi.upper!).toBeGreaterThan(fit.rate);
    const iv = fitExponential({ lower: [0, 1, 2, 5], upper: [1, 2, 4, Infinity] });
    // score: d/dr Σ log(S(L) − S(R)) = 0 checked numerically
    const ll = (r: number): number =>
      Math.log(1 - Math.exp(-r)) + Math.log(Math.exp(-r) - Math.exp(-2 * r)) + Math.log(Math.exp(-2 * r) - Math.exp(-4 * r)) - 5 * r;
    const h = 1e-6;
    expect(Math.abs((ll(iv.rate + h) - ll(iv.rate - h)) / (2 * h))).toBeLessThan(1e-5);
    expect(iv.logLikelihood).toBeCloseTo(ll(iv.rate), 10);
  });

  fcTest.prop([fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 2, maxLength: 50 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true })])(
    'rates scale with exposure: times × c ⇒ rate / c',
    (times, c) => {
      const a = fitExponential(times);
      const b = fitExponential(times.map((t) => t * c));
      expect((b.rate * c) / a.rate).toBeCloseTo(1, 9);
    },
  );
});
