import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { betaInc, chiSquareQuantile, erf, erfc, gammaP, gammaQ, log1pExp, logGamma, logSumExp, normalCdf, normalQuantile } from './special.js';
import { isInfraError } from './errors.js';

// Golden values computed with scipy 1.10 (Debian python3-scipy) in double precision.
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('normalQuantile(p)', () => {
  const golden: [number, number][] = [
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798409],
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.02425, -1.972961051311885],
    [0.1, -1.2815515655446004],
    [0.3, -0.5244005127080409],
    [0.7, 0.5244005127080407],
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
  ];
  test.each(golden)('matches scipy at p = %s', (p, x) => expect(rel(normalQuantile(p), x)).toBeLessThan(1e-13));
  test('inverts normalCdf (upper tail limited by the precision of p near 1)', () => {
    fc.assert(fc.property(fc.double({ min: -30, max: 5, noNaN: true }), (x) => Math.abs(normalQuantile(normalCdf(x)) - x) < 1e-9 * Math.max(1, Math.abs(x))));
  });
  test('is monotone in p', () => {
    fc.assert(fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (a, b) =>
      a <= b ? normalQuantile(a) <= normalQuantile(b) : normalQuantile(a) >= normalQuantile(b)));
  });
  test('gives ∓Infinity at 0 and 1 and rejects p outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow('p: must be in [0, 1], got 1.5');
    expect(() => normalQuantile(Number.NaN)).toThrow(/p: must be a finite number/);
  });
});

describe('special functions against scipy', () => {
  test('chiSquareQuantile', () => {
    expect(rel(chiSquareQuantile(0.95, 1), 3.841458820694124)).toBeLessThan(1e-11);
    expect(rel(chiSquareQuantile(0.5, 10), 9.34181776559197)).toBeLessThan(1e-11);
    expect(rel(chiSquareQuantile(0.99, 3.5), 12.329572300734483)).toBeLessThan(1e-11);
    expect(rel(chiSquareQuantile(0.001, 200), 143.8427949900008)).toBeLessThan(1e-11);
  });
  test('gammaP / gammaQ', () => {
    expect(rel(gammaP(2.5, 1.7), 0.36143007689620493)).toBeLessThan(1e-13);
    expect(rel(gammaP(100, 90), 0.15822098918643007)).toBeLessThan(1e-12);
    expect(rel(gammaP(0.3, 0.01), 0.27924099635901484)).toBeLessThan(1e-13);
    fc.assert(fc.property(fc.double({ min: 0.01, max: 200, noNaN: true }), fc.double({ min: 0, max: 400, noNaN: true }), (a, x) =>
      Math.abs(gammaP(a, x) + gammaQ(a, x) - 1) < 1e-12));
  });
  test('betaInc', () => {
    expect(rel(betaInc(2, 3, 0.4), 0.5247999999999999)).toBeLessThan(1e-13);
    expect(rel(betaInc(0.5, 0.5, 0.1), 0.20483276469913345)).toBeLessThan(1e-13);
    expect(rel(betaInc(50, 20, 0.7), 0.3825092483812333)).toBeLessThan(1e-11);
  });
  test('logGamma', () => {
    expect(rel(logGamma(0.001), 6.907178885383853)).toBeLessThan(1e-13);
    expect(rel(logGamma(171.5), 709.1431630309283)).toBeLessThan(1e-13);
    expect(rel(logGamma(1e6), 12815504.569147611)).toBeLessThan(1e-13);
    expect(rel(logGamma(3.7), 1.428072326665388)).toBeLessThan(1e-13);
  });
  test('erf / erfc', () => {
    expect(rel(erf(0.1), 0.1124629160182849)).toBeLessThan(1e-13);
    expect(rel(erfc(3), 2.2090496998585445e-5)).toBeLessThan(1e-13);
    expect(rel(erfc(-1.5), 1.9661051464753108)).toBeLessThan(1e-14);
    fc.assert(fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => Math.abs(erf(x) + erfc(x) - 1) < 1e-14));
  });
  test('logSumExp and log1pExp do not overflow', () => {
    expect(logSumExp([-Infinity, 0])).toBe(0);
    expect(logSumExp([])).toBe(-Infinity);
    expect(log1pExp(-800)).toBe(0);
    expect(() => logSumExp([1, Number.NaN])).toThrow(/xs\[1\]/);
  });
  test('every function rejects non-finite input with an InfraError', () => {
    const fns = [() => logGamma(0), () => gammaP(-1, 1), () => gammaQ(1, -1), () => betaInc(1, 1, 2), () => erf(Number.NaN), () => normalCdf(0, 0, 0), () => chiSquareQuantile(1, 2)];
    for (const f of fns) {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(isInfraError(e)).toBe(true);
      }
    }
  });
});
