import { describe, expect, test } from 'vitest';
import { isInfraError } from '@infra/types';
import { allenCunneen, distServeTtft, kingman, md1, mm1, mmcQueue, pollaczekKhinchine } from './classic.js';
import { erlangB, erlangC, logErlangB } from './erlang.js';

// [c, a, B, C, W_q (μ = 1), P(W_q > 1)] computed with mpmath at 60 digits (first six rows: reference sheet 4.2).
const GOLDEN: readonly (readonly [number, number, number, number, number, number])[] = [
  [1, 0.5, 0.33333333333333333, 0.5, 1.0, 0.30326532985631671],
  [2, 1.5, 0.3103448275862069, 0.64285714285714286, 1.2857142857142857, 0.38991256695812149],
  [10, 8, 0.12166106425295151, 0.40918015079644353, 0.20459007539822177, 0.055376511602836578],
  [50, 45, 0.05410447216462617, 0.36386446720698839, 0.072772893441397677, 0.0024516994948911598],
  [100, 95, 0.048804206178677821, 0.50645685391302059, 0.10129137078260412, 0.0034124794389895039],
  [1000, 990, 0.018965776430814612, 0.65908042188085444, 0.065908042188085444, 2.9922204861219676e-5],
  [3, 2.7, 0.30873841231000896, 0.81706102117061032, 2.7235367372353693, 0.60529369189199905],
  [20, 10, 0.0018690498523543055, 0.0037311260441267206, 0.00037311260441267206, 1.6939286033833107e-7],
  [500, 499.95, 0.034787077722985573, 0.99723304661925425, 19.94466093238055, 0.94859741702871614],
  [10000, 9999, 0.0078736775061153612, 0.98755625243448581, 0.98755625243448581, 0.36330164227096246],
  [10000, 9000, 2.0916197944192896e-26, 2.0916197944192896e-25, 2.0916197944192896e-28, 0],
  [7, 0.001, 1.9821438488757443e-25, 1.9824270527404215e-25, 2.8324432815265345e-26, 1.8095481210699075e-28],
];

const rel = (x: number, y: number): number => (y === 0 ? Math.abs(x) : Math.abs(x - y) / Math.abs(y));

describe('erlangB / erlangC / mmcQueue golden values', () => {
  test.each(GOLDEN)('c=%d a=%d matches to 1e-9 relative', (c, a, b, cc, wq, tail) => {
    expect(rel(erlangB(c, a), b)).toBeLessThan(1e-9);
    expect(rel(erlangC(c, a), cc)).toBeLessThan(1e-9);
    const q = mmcQueue({ arrivalRate: a, serviceRate: 1, servers: c });
    expect(rel(q.meanWait, wq)).toBeLessThan(1e-9);
    if (tail > 0) expect(rel(q.wait.survival(1), tail)).toBeLessThan(1e-9);
    expect(rel(q.meanQueueLength, a * wq)).toBeLessThan(1e-12); // Little
  });

  test('log-space Erlang B stays exact far below double precision (c = 10⁴, a = 10)', () => {
    // log10 B = log10(1.5950733542294763e-25664)
    const log10 = logErlangB(10_000, 10) / Math.LN10;
    expect(Math.abs(log10 - (-25664 + Math.log10(1.5950733542294763)))).toBeLessThan(1e-9 * 25664);
  });

  test('no NaN or Infinity for c ≤ 10⁴ and ρ ≤ 0.9999', () => {
    for (const c of [1, 2, 7, 64, 999, 10_000]) {
      for (const rho of [1e-9, 0.001, 0.3, 0.9, 0.99, 0.999, 0.9999]) {
        const q = mmcQueue({ arrivalRate: rho * c, serviceRate: 1, servers: c });
        for (const x of [q.probWait, q.meanWait, q.meanQueueLength, q.wait.quantile(0.99), q.wait.variance]) {
          expect(Number.isFinite(x)).toBe(true);
        }
        expect(Number.isFinite(erlangB(c, rho * c))).toBe(true);
        expect(Number.isFinite(allenCunneen({ arrivalRate: rho * c, serviceRate: 1, servers: c, arrivalScv: 2, serviceScv: 0.5 }))).toBe(true);
      }
    }
  });
});

describe('single-server formulas', () => {
  test('reference vectors', () => {
    expect(pollaczekKhinchine({ arrivalRate: 0.8, meanServiceTime: 1, serviceScv: 1 })).toBeCloseTo(4, 12);
    expect(pollaczekKhinchine({ arrivalRate: 0.8, meanServiceTime: 1, serviceSecondMoment: 1 })).toBeCloseTo(2, 12);
    expect(md1({ arrivalRate: 0.8, meanServiceTime: 1 })).toBeCloseTo(2, 12);
    expect(mm1({ arrivalRate: 0.8, serviceRate: 1 }).wait.survival(1)).toBeCloseTo(0.6549846, 7);
    expect(kingman({ arrivalRate: 0.8, meanServiceTime: 1, arrivalScv: 1, serviceScv: 0.5 })).toBeCloseTo(3, 12);
    expect(distServeTtft(0.2, 3)).toBeCloseTo(0.35, 12);
  });

  test('textbook: M/M/1 with λ = 2, μ = 3 has W_q = 2/3 s, L = 2', () => {
    const q = mm1({ arrivalRate: 2, serviceRate: 3 });
    expect(rel(q.meanWait, 2 / 3)).toBeLessThan(1e-12);
    expect(rel(q.meanInSystem, 2)).toBeLessThan(1e-12);
  });

  test('Kingman and P-K agree for M/G/1 (C_a² = 1)', () => {
    for (const cs2 of [0, 0.3, 1, 4]) {
      const p = { arrivalRate: 0.7, meanServiceTime: 1.3 };
      expect(rel(kingman({ ...p, arrivalScv: 1, serviceScv: cs2 }), pollaczekKhinchine({ ...p, serviceScv: cs2 }))).toBeLessThan(1e-12);
    }
  });

  test('Allen–Cunneen reduces to Erlang C for M/M/c', () => {
    const q = mmcQueue({ arrivalRate: 45, serviceRate: 1, servers: 50 });
    expect(rel(allenCunneen({ arrivalRate: 45, serviceRate: 1, servers: 50, arrivalScv: 1, serviceScv: 1 }), q.meanWait)).toBeLessThan(1e-12);
  });
});

describe('bad input', () => {
  const code = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (isInfraError(e)) return `${e.code}@${e.path}`;
      throw e;
    }
    return 'no error';
  };
  test('unstable queues: typed error for scalar formulas, explicit result for M/M/c', () => {
    expect(code(() => erlangC(2, 2))).toBe('UNSTABLE@a');
    expect(code(() => kingman({ arrivalRate: 1, meanServiceTime: 1, arrivalScv: 1, serviceScv: 1 }))).toBe('UNSTABLE@params.arrivalRate');
    expect(code(() => pollaczekKhinchine({ arrivalRate: 2, serviceRate: 1, serviceScv: 1 }))).toBe('UNSTABLE@params.arrivalRate');
    expect(code(() => md1({ arrivalRate: 2, serviceRate: 1 }))).toBe('UNSTABLE@params.arrivalRate');
    expect(code(() => allenCunneen({ arrivalRate: 4, serviceRate: 1, servers: 3, arrivalScv: 1, serviceScv: 1 }))).toBe('UNSTABLE@params.arrivalRate');
    const q = mmcQueue({ arrivalRate: 5, serviceRate: 1, servers: 5 });
    expect(q.stable).toBe(false);
    expect(q.meanWait).toBe(Infinity);
    expect(q.wait.cdf(100)).toBe(0);
  });
  test('negative / NaN rates and bad server counts name the argument', () => {
    expect(code(() => erlangB(-1, 2))).toBe('OUT_OF_RANGE@c');
    expect(code(() => erlangB(2.5, 2))).toBe('INVALID_ARGUMENT@c');
    expect(code(() => erlangB(3, Number.NaN))).toBe('NOT_FINITE@a');
    expect(code(() => mm1({ arrivalRate: -1, serviceRate: 1 }))).toBe('OUT_OF_RANGE@params.arrivalRate');
    expect(code(() => mm1({ arrivalRate: 1, serviceRate: -1 }))).toBe('OUT_OF_RANGE@params.serviceRate');
    expect(code(() => mm1({ arrivalRate: 1 }))).toBe('INVALID_ARGUMENT@params.serviceRate');
    expect(code(() => kingman({ arrivalRate: 0.1, serviceRate: 1, arrivalScv: Number.NaN, serviceScv: 1 }))).toBe('NOT_FINITE@params.arrivalScv');
  });
});
