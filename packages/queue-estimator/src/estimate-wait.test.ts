import { describe, expect, test } from 'vitest';
import { createRng, isInfraError, type Rng } from '@infra/types';
import { estimateWait, type EstimateWaitInput } from './estimate-wait.js';
import { createTokenHistogram, observeTokens, type TokenHistogram } from './token-histogram.js';
import { admissionIteration, drawOutput, equilibriumScenario } from './slot-sim.fixture.js';

const LN = { mu: Math.log(13), sigma: 1.3, cap: 2000 }; // Azure-code-like: median 13, heavy tail
const draw = (r: Rng): number => drawOutput(r, LN.mu, LN.sigma, LN.cap);

function history(seed: number, n = 20_000): TokenHistogram {
  const rng = createRng(seed);
  let h = createTokenHistogram({ maxTokens: 4096 });
  for (let i = 0; i < n; i++) h = observeTokens(h, draw(rng));
  return h;
}
const H = history(1);

function coverage(slots: number, k: number, trials: number, seed: number, method?: EstimateWaitInput['method'], p = 0.95): { over: number; ape: number; method: string } {
  const rng = createRng(seed);
  let over = 0;
  let ape = 0;
  let m = '';
  for (let t = 0; t < trials; t++) {
    const s = equilibriumScenario(rng, slots, k - 1, draw);
    const actual = admissionIteration(s);
    const d = estimateWait({
      histograms: { g: H },
      service: { coefficients: { alpha: 1, beta: 0, gamma: 0 }, maxBatchSize: slots },
      running: [{ group: 'g', generatedTokens: s.generated }],
      ahead: [{ group: 'g', count: k - 1, inputTokens: 0 }],
      ...(method === undefined ? {} : { method }),
    });
    m = d.method;
    if (actual > d.quantile(p)) over++;
    ape += Math.abs(d.mean - actual) / Math.max(actual, 1);
  }
  return { over: over / trials, ape: ape / trials, method: m };
}

describe('estimateWait calibration against an exact slot simulation (heavy-tailed outputs)', () => {
  test.each([
    [1, 5],
    [1, 60],
    [8, 10],
    [8, 40],
    [32, 200],
    [16, 2000],
  ])('B = %d slots, position k = %d: p95 exceeded by 5 ± 3 percent of 300 requests', (slots, k) => {
    const r = coverage(slots, k, 300, 100 + slots * 7 + k);
    expect(r.over).toBeGreaterThan(0.02);
    expect(r.over).toBeLessThan(0.08);
  });

  test('the plain CLT under-covers small queues with heavy tails; the automatic method does not', () => {
    // p99 bound, k = 5 on one slot: the normal's symmetric tail is too light for a lognormal(σ = 1.3) sum.
    const auto = coverage(1, 5, 1000, 9, 'auto', 0.99);
    const clt = coverage(1, 5, 1000, 9, 'normal', 0.99);
    expect(auto.method).toBe('exact');
    expect(clt.over).toBeGreaterThan(0.02);
    expect(auto.over).toBeLessThan(0.018);
  });
});

describe('estimateWait behaviour', () => {
  const base: EstimateWaitInput = {
    histograms: { g: H },
    service: { coefficients: { alpha: 0.01, beta: 2e-4, gamma: 8e-5 }, maxBatchSize: 16, maxBatchedTokens: 2048 },
    running: [{ group: 'g', generatedTokens: [1, 5, 9, 20, 3, 3, 50, 100, 7, 8, 9, 10, 11, 12, 13, 14] }],
    ahead: [{ group: 'g', count: 20, inputTokens: 40_000 }],
  };
  test('a free slot and an empty queue give zero wait', () => {
    const d = estimateWait({ ...base, running: [{ group: 'g', generatedTokens: [1, 2] }], ahead: [] });
    expect(d.mean).toBe(0);
    expect(d.quantile(0.99)).toBe(0);
  });
  test('prefill ahead adds at least γ·prompt tokens', () => {
    const d = estimateWait(base);
    expect(d.quantile(0)).toBeGreaterThanOrEqual(8e-5 * 40_000);
  });
  test('longer queues wait longer (stochastically)', () => {
    const a = estimateWait(base);
    const b = estimateWait({ ...base, ahead: [{ group: 'g', count: 40, inputTokens: 80_000 }] });
    for (const p of [0.1, 0.5, 0.9]) expect(b.quantile(p)).toBeGreaterThanOrEqual(a.quantile(p));
  });
  test('KV pressure forces more departures', () => {
    const roomy = estimateWait({ ...base, service: { ...base.service, kvCapacityTokens: 1e6 }, kvUsedTokens: 1000 });
    const tight = estimateWait({ ...base, service: { ...base.service, kvCapacityTokens: 1e5 }, kvUsedTokens: 99_000 });
    expect(tight.mean).toBeGreaterThanOrEqual(roomy.mean);
  });
  test('bad input names the argument', () => {
    const code = (i: EstimateWaitInput): string => {
      try { estimateWait(i); } catch (e) { if (isInfraError(e)) return `${e.code}@${e.path}`; throw e; }
      return 'none';
    };
    expect(code({ ...base, ahead: [{ group: 'nope', count: 1, inputTokens: 1 }] })).toBe('UNKNOWN_ID@ahead[0].group');
    expect(code({ ...base, histograms: { g: createTokenHistogram() } })).toBe('EMPTY@histograms.g');
    expect(code({ ...base, running: [{ group: 'g', generatedTokens: [1, Number.NaN] }] })).toBe('NOT_FINITE@running[0].generatedTokens[1]');
    expect(code({ ...base, ahead: [{ group: 'g', count: -1, inputTokens: 1 }] })).toBe('OUT_OF_RANGE@ahead[0].count');
    expect(code({ ...base, service: { ...base.service, coefficients: { alpha: -1, beta: 0, gamma: 0 } } })).toBe('OUT_OF_RANGE@service.coefficients.alpha');
  });

  test('prefill-bound wait: long-running sequences widen the bound and a short history adds its estimation error', () => {
    const short = Array.from({ length: 60 }, (_, i) => 5 + (i % 20)); // a burst's first completions: all short
    const svc = { coefficients: { alpha: 0.01, beta: 0.0002, gamma: 0.00008 }, maxBatchSize: 64, maxBatchedTokens: 2048 };
    const q = (generatedTokens: number[], hist: readonly number[]) =>
      estimateWait({ histograms: { g: hist }, service: svc, running: [{ group: 'g', generatedTokens }], ahead: [{ group: 'g', count: 200, inputTokens: 400_000 }] });
    const fresh = q([3, 4, 5], short);
    const censored = q([3, 4, 5, 300, 350, 400], short); // three sequences already far beyond every completion
    expect(censored.quantile(0.95) - censored.mean).toBeGreaterThan(1.5 * (fresh.quantile(0.95) - fresh.mean));
    expect(censored.mean).toBeGreaterThan(fresh.mean);
    // the same outputs seen 100× more often: a narrower predictive spread
    const many = Array.from({ length: 100 }, () => short).flat();
    const known = q([3, 4, 5], many);
    expect(known.quantile(0.95) - known.mean).toBeLessThan(fresh.quantile(0.95) - fresh.mean);
  });
});
