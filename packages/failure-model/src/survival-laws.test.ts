import { fc } from '@fast-check/vitest';
import { checkDeterminism, checkPurity, checkRobustness } from '@infra/types/testing';
import { describe, test } from 'vitest';
import { aalenJohansen } from './competing-risks.js';
import { fitExponential } from './exponential.js';
import { kaplanMeier } from './kaplan-meier.js';
import { lemonNodes } from './lemon.js';
import { nelsonAalen } from './nelson-aalen.js';
import {
  checkCensoringLaw,
  checkExposureScalingLaw,
  checkScaleInvarianceLaw,
  checkSurvivalCurveLaws,
  invalidSurvivalDataArb,
  survivalDataArb,
  type GeneratedSurvivalData,
} from './testing.js';
import { fitWeibull } from './weibull.js';

const causesOf = (d: GeneratedSurvivalData): (string | null)[] => (d.events ?? d.times.map(() => true)).map((e, i) => (e ? (i % 2 === 0 ? 'a' : 'b') : null));

describe('survival-curve laws on every shipped estimator', () => {
  test('kaplanMeier (plain / log / log-log)', () => {
    for (const confidenceType of ['plain', 'log', 'log-log'] as const) checkSurvivalCurveLaws((d) => kaplanMeier(d, { confidenceType }));
  });
  test('exp(−Nelson–Aalen)', () => {
    checkSurvivalCurveLaws((d) => {
      const na = nelsonAalen(d);
      return { times: na.times, survival: na.cumulativeHazard.map((h) => Math.exp(-h)), lower: na.upper.map((h) => Math.exp(-h)), upper: na.lower.map((h) => Math.exp(-h)) };
    });
  });
  test('Aalen–Johansen all-cause survival and 1 − cumulative incidence', () => {
    checkSurvivalCurveLaws((d) => {
      const cr = aalenJohansen({ times: d.times, causes: causesOf(d), ...(d.entries ? { entries: d.entries } : {}) });
      return { times: cr.times, survival: cr.survival };
    });
    checkSurvivalCurveLaws((d) => {
      const cr = aalenJohansen({ times: d.times, causes: causesOf(d) });
      const a = cr.causes.find((c) => c.cause === 'a');
      return a === undefined
        ? { times: cr.times, survival: cr.times.map(() => 1) }
        : { times: cr.times, survival: a.cumulativeIncidence.map((f) => 1 - f), lower: a.upper.map((f) => 1 - f), upper: a.lower.map((f) => 1 - f) };
    });
  });
});

describe('censoring, scale and exposure laws', () => {
  test('censoring more data never increases the events counted', () => {
    checkCensoringLaw((d) => kaplanMeier(d).totalEvents);
    checkCensoringLaw((d) => nelsonAalen(d).nEvents.reduce((a, b) => a + b, 0));
    checkCensoringLaw((d) => aalenJohansen({ times: d.times, causes: causesOf(d) }).nEvents.reduce((a, b) => a + b, 0));
    checkCensoringLaw((d) => {
      try {
        return fitExponential(d).failures;
      } catch {
        return 0;
      }
    });
  });
  test('Weibull and exponential MLE are invariant to the time unit', () => {
    checkScaleInvarianceLaw((d) => {
      const f = fitWeibull(d);
      return { shape: f.shape, scale: f.scale };
    }, { numRuns: 60 });
    checkScaleInvarianceLaw((d) => ({ shape: 1, scale: fitExponential(d).mttf }), { numRuns: 60 });
  });
  test('rates scale with exposure', () => {
    checkExposureScalingLaw((d) => fitExponential(d).rate);
    checkExposureScalingLaw((d) =>
      lemonNodes(d.times.map((t, i) => ({ nodeId: `n${i}`, failures: d.events[i] ? 1 : 0, exposure: t })).concat([{ nodeId: 'x', failures: 0, exposure: d.times[0]! }]), {}).dispersion.pooledRate,
    );
  });
});

describe('generic laws from @infra/types/testing', () => {
  const estimators: [string, (d: GeneratedSurvivalData) => unknown][] = [
    ['kaplanMeier', (d) => kaplanMeier(d)],
    ['nelsonAalen', (d) => nelsonAalen(d)],
    ['aalenJohansen', (d) => aalenJohansen({ times: d.times, causes: causesOf(d), ...(d.entries ? { entries: d.entries } : {}) })],
    ['fitWeibull', (d) => fitWeibull(d)],
    ['fitExponential', (d) => fitExponential(d)],
  ];
  const tolerant = (f: (d: GeneratedSurvivalData) => unknown) => (d: GeneratedSurvivalData) => {
    try {
      return f(d);
    } catch (e) {
      if (e instanceof Error && e.name === 'InfraError') return (e as Error & { code: string }).code;
      throw e;
    }
  };
  for (const [name, f] of estimators) {
    test(`${name}: deterministic, pure, robust to invalid input`, () => {
      checkDeterminism((d: GeneratedSurvivalData) => tolerant(f)(d), survivalDataArb({ truncation: true }), { numRuns: 40 });
      checkPurity(tolerant(f), survivalDataArb({ truncation: true }), { numRuns: 40 });
      // (competing risks take causes, not 0/1 events: the non-boolean-event case does not apply there)
      const invalid = name === 'aalenJohansen' ? invalidSurvivalDataArb().filter((d) => Array.from(d.events ?? []).every((e) => typeof e === 'boolean')) : invalidSurvivalDataArb();
      checkRobustness(f as (d: unknown) => unknown, invalid, { numRuns: 60 });
      // valid data never yields NaN / Infinity (fits may throw NOT_IDENTIFIABLE instead)
      checkRobustness(tolerant(f) as (d: unknown) => unknown, survivalDataArb({ truncation: true }), { numRuns: 60, mustThrow: false });
    });
  }
  test('lemonNodes: deterministic, pure and robust', () => {
    const counts = fc.array(fc.record({ nodeId: fc.string(), failures: fc.nat(20), exposure: fc.double({ min: 0.1, max: 100, noNaN: true }) }), { minLength: 2, maxLength: 30 });
    checkPurity((c: { nodeId: string; failures: number; exposure: number }[]) => lemonNodes(c), counts, { numRuns: 40 });
    checkRobustness((c: unknown) => lemonNodes(c as never), fc.oneof(fc.constant([]), fc.constant([{ nodeId: 'a', failures: -1 }, { nodeId: 'b', failures: 0 }]), fc.constant('x')), { numRuns: 10 });
  });
});
