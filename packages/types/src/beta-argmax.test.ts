import { describe, expect, test } from 'vitest';
import { argmaxBetas, betaArgmax, fillBetas, qTable, tailChord, tailTangent } from './beta-argmax.js';
import { newPlan, planShape, stirlingTail } from './beta-sampler.js';
import { InfraError } from './errors.js';
import { createRng, type Rng } from './rng.js';
import { betaInc, erfc, logGamma } from './special.js';
import { chiLimit, chiSquare } from './sampler-fit.fixture.js';

/** P(θᵢ is the largest) for independent θᵢ ~ Beta(alpha[i], beta[i]): ∫ fᵢ Π_{j≠i} Fⱼ by the midpoint rule. */
function winProbabilities(alpha: number[], beta: number[], cells = 20_000): number[] {
  const k = alpha.length;
  const p = new Array<number>(k).fill(0);
  const prev = new Array<number>(k).fill(0);
  for (let c = 1; c <= cells; c++) {
    const mid = alpha.map((a, j) => betaInc(a, beta[j] as number, (c - 0.5) / cells));
    for (let i = 0; i < k; i++) {
      const hi = betaInc(alpha[i] as number, beta[i] as number, c / cells);
      let others = 1;
      for (let j = 0; j < k; j++) if (j !== i) others *= mid[j] as number;
      p[i] = (p[i] as number) + (hi - (prev[i] as number)) * others;
      prev[i] = hi;
    }
  }
  return p;
}

/**
 * Pearson's χ² of argmax counts against the exact win probabilities, with its bins: one per arm whose expected
 * count is at least 20, the other arms pooled into one more bin (checked to hold few wins when it is too small).
 */
function argmaxChiSquare(alpha: number[], beta: number[], n: number, draw: (rng: Rng) => number, seed: number): [number, number] {
  const p = winProbabilities(alpha, beta);
  const counts = new Array<number>(alpha.length).fill(0);
  const rng = createRng(seed);
  for (let t = 0; t < n; t++) counts[draw(rng)]! += 1;
  let chi = 0;
  let bins = 0;
  let pooledExpected = 0;
  let pooled = 0;
  counts.forEach((c, i) => {
    const e = n * (p[i] as number);
    if (e >= 20) {
      chi += (c - e) ** 2 / e;
      bins++;
    } else {
      pooledExpected += e;
      pooled += c;
    }
  });
  if (pooledExpected >= 20) {
    chi += (pooled - pooledExpected) ** 2 / pooledExpected;
    bins++;
  } else expect(pooled).toBeLessThan(pooledExpected + 5 * Math.sqrt(pooledExpected) + 5);
  return [chi, bins];
}

describe('argmaxBetas (thinning against the running maximum)', () => {
  // Each set exercises a part: full draws only (two arms), followers 1.6 envelope standard deviations behind a
  // narrow leader, so that every one of their wins comes through thinning (a 3 % error in its probability fails
  // the test), a clear leader and close followers,
  // identical arms (the most records), gamma-ratio arms among envelope ones, followers 3–5 envelope standard
  // deviations behind, and twelve arms of random shapes.
  const rand = createRng(5);
  const mean = Array.from({ length: 12 }, () => 0.4 + 0.2 * rand.next());
  const count = Array.from({ length: 12 }, () => 20 + Math.floor(300 * rand.next()));
  test.each([
    ['two envelope arms', [61, 46], [26, 29]],
    ['followers decided by thinning alone', [60_000, 52, 52, 52], [40_000, 48, 48, 48]],
    ['a leader and close followers', [300, 290, 100, 120, 95], [200, 205, 100, 110, 96]],
    ['eight identical arms', Array<number>(8).fill(60), Array<number>(8).fill(60)],
    ['gamma-ratio and envelope arms', [2, 60, 30, 5, 90, 3], [3, 40, 30, 1.5, 60, 2]],
    ['followers far behind', [300, 268, 262], [200, 232, 238]],
    ['twelve random arms', mean.map((m, i) => 1 + m * count[i]!), mean.map((m, i) => 1 + (1 - m) * count[i]!)],
  ])('%s: argmax frequencies match the exact win probabilities (χ²)', (_name, alpha, beta) => {
    const n = 400_000;
    const [chi, bins] = argmaxChiSquare(alpha, beta, n, (rng) => argmaxBetas(rng, alpha, beta), 77);
    expect(bins).toBeGreaterThan(1);
    expect(chi).toBeLessThan(chiLimit(bins));
  });
  test('an arm far beyond the table (z > 8) never wins against a clear leader', () => {
    const rng = createRng(3);
    for (let t = 0; t < 20_000; t++) expect(argmaxBetas(rng, [300, 700, 300], [700, 300, 700])).toBe(1);
  });
  test('deterministic for a seed; the same stream as a BetaArgmax sampler', () => {
    const alpha = [40, 35, 2, 80];
    const beta = [60, 65, 3, 20];
    const a = createRng(9);
    const b = createRng(9);
    const sampler = betaArgmax();
    for (let t = 0; t < 500; t++) {
      alpha.forEach((x, i) => sampler.set(i, x, beta[i]!));
      expect(argmaxBetas(a, alpha, beta)).toBe(sampler.draw(b, 4));
    }
    expect(a.getState()).toEqual(b.getState());
  });
  test('rejects empty, mismatched and bad shapes by name, and keeps no bad shape', () => {
    const rng = createRng(1);
    expect(() => argmaxBetas(rng, [], [])).toThrow(/^alpha: /);
    expect(() => argmaxBetas(rng, [1, 2], [1])).toThrow(/^beta: expected 2 shapes/);
    expect(() => argmaxBetas(rng, [1, 2], [1, 0])).toThrow('beta[1]: must be > 0, got 0');
    expect(() => argmaxBetas(rng, [0, 2], [0, 1])).toThrow('alpha[0]: must be > 0, got 0');
    expect(() => argmaxBetas(rng, [2, Number.NaN], [2, 2])).toThrow(/^alpha\[1\]: /);
    expect(() => argmaxBetas(rng, [2, '3' as unknown as number], [2, 2])).toThrow(/^alpha\[1\]: /);
    expect(argmaxBetas(rng, [2, 3], [2, 2])).toBeLessThan(2);
  });
  test('a user-supplied Rng that calls argmaxBetas itself (re-entrancy) does not disturb the outer call', () => {
    const inner = createRng(4);
    const base = createRng(8);
    const reentrant = { ...base, nextUint32: () => (argmaxBetas(inner, [50, 60, 2], [50, 40, 2]), base.nextUint32()), next: () => base.next() };
    const plain = createRng(8);
    const alpha = [30, 31, 29, 1.5];
    const beta = [30, 29, 31, 4];
    for (let t = 0; t < 300; t++) expect(argmaxBetas(reentrant as Rng, alpha, beta)).toBe(argmaxBetas(plain, alpha, beta));
  });
});

describe('betaArgmax (a sampler that keeps its arms)', () => {
  test('arms keep their shapes between draws; set checks the index and the shapes; draw needs arms 0 … k − 1', () => {
    const s = betaArgmax();
    const rng = createRng(2);
    expect(() => s.draw(rng, 1)).toThrow(/^k: arm 0 of the 1 was never set/);
    s.set(1, 30, 10);
    expect(() => s.draw(rng, 2)).toThrow(/^k: arm 0 of the 2 was never set/);
    s.set(0, 20, 20);
    const kept = Array.from({ length: 200 }, () => s.draw(rng, 2));
    expect(kept.filter((a) => a === 1).length).toBeGreaterThan(180); // P(Beta(30, 10) > Beta(20, 20)) ≈ 0.98
    expect(() => s.draw(rng, 0)).toThrow(/^k: must be an integer from 1/);
    expect(() => s.draw(rng, 1.5)).toThrow(/^k: /);
    expect(() => s.set(-1, 2, 2)).toThrow(/^i: must be an integer from 0/);
    expect(() => s.set(0.5, 2, 2)).toThrow(/^i: /);
    expect(() => s.set(2 ** 20, 2, 2)).toThrow(/^i: /);
    expect(() => s.set(0, -1, 2)).toThrow('alpha[0]: must be > 0, got -1');
    expect(() => s.set(3, 2, Number.NaN)).toThrow(/^beta\[3\]: /);
    expect(s.draw(rng, 2)).toBeLessThan(2); // a failed set leaves the arms as they were
    s.set(40, 5, 5); // the table grows; arms 2 … 39 are still unset
    expect(() => s.draw(rng, 41)).toThrow(/^k: arm 2 of the 41 was never set/);
  });
  test('changed shapes are set up again: the draws match a fresh sampler on the same stream', () => {
    const kept = betaArgmax();
    const a = createRng(21);
    const b = createRng(21);
    for (let t = 0; t < 400; t++) {
      const fresh = betaArgmax();
      for (let i = 0; i < 6; i++) {
        const n = 20 + ((t * 7 + i * 13) % 50);
        const succ = (t + i) % 2 === 0 ? n / 2 : n / 3;
        kept.set(i, 1 + succ, 1 + n - succ);
        fresh.set(i, 1 + succ, 1 + n - succ);
      }
      expect(kept.draw(a, 6)).toBe(fresh.draw(b, 6));
    }
  });
  test('fill makes the draws of fillBetas; re-entrant use from inside its Rng is an InfraError', () => {
    const s = betaArgmax();
    [3, 60, 25].forEach((a, i) => s.set(i, a, [4, 40, 75][i]!));
    const x = s.fill(createRng(5), 3, new Float64Array(300));
    expect(Array.from(x)).toEqual(Array.from(fillBetas(createRng(5), [3, 60, 25], [4, 40, 75], new Float64Array(300))));
    [3, 60].forEach((a, i) => s.set(i, a, 2));
    expect(() => s.fill(createRng(5), 2, new Float64Array(3))).toThrow(/^out: length 3/);
    const base = createRng(6);
    const reentrant = { ...base, nextUint32: () => (s.set(0, 2, 2), base.nextUint32()) } as Rng;
    s.set(0, 40, 40);
    s.set(1, 41, 39);
    let error: unknown;
    try {
      s.draw(reentrant, 2);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InfraError);
    expect(String(error)).toMatch(/sampler: is drawing/);
    s.set(0, 40, 40); // usable again afterwards
    s.set(1, 41, 39);
    expect(s.draw(createRng(1), 2)).toBeLessThan(2);
  });
});

describe('the constants behind thinning', () => {
  test("Stirling's tail r(x) = ln x! − (x ln x − x + ½ ln 2πx) to double precision for x ≥ 8", () => {
    for (const x of [8, 9.5, 20, 57.3, 400]) {
      const exact = logGamma(x + 1) - (x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x));
      expect(Math.abs(stirlingTail(x) - exact)).toBeLessThan(1e-13 * Math.max(1, logGamma(x + 1)));
    }
  });
  test('the envelope constant c = f(mode)·√(2π/κ) matches log-gamma, and c·Q(0.5) < 1 on the envelope range', () => {
    const rng = createRng(12);
    const plan = newPlan(1);
    let checked = 0;
    for (let t = 0; t < 3000; t++) {
      const a = 9 + 500 * rng.next() ** 2;
      const b = a * (0.4 + 2.2 * rng.next());
      planShape(plan, 0, a, b, 'a', 'b');
      const mode = plan[2]!;
      if (!(mode === mode)) continue; // the gamma-ratio path
      const A = a - 1;
      const B = b - 1;
      const logF = A * Math.log(mode) + B * Math.log(1 - mode) - (logGamma(a) + logGamma(b) - logGamma(a + b));
      const c = Math.exp(logF) * plan[3]! * Math.sqrt(2 * Math.PI);
      expect(Math.abs(plan[9]! / c - 1)).toBeLessThan(1e-9); // the log-gamma reference limits the agreement
      expect(c).toBeGreaterThanOrEqual(1);
      expect(c * 0.5 * erfc(0.5 * Math.SQRT1_2)).toBeLessThan(1);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });
  test('the Q table and the chord / tangent bounds of each step hold', () => {
    const qt = qTable();
    for (const z of [0, 1, 2, 4, 8]) expect(qt[2 * 64 * z]).toBeCloseTo(0.5 * erfc(z * Math.SQRT1_2), 15);
    expect(qt[2 * 513]).toBe(0);
    const rng = createRng(13);
    for (let t = 0; t < 20_000; t++) {
      const z = 8 * rng.next();
      const i = Math.floor(z * 64);
      const q = 0.5 * erfc(z * Math.SQRT1_2);
      expect(tailChord(qt, i, z)).toBeGreaterThanOrEqual(q * (1 - 1e-13));
      expect(tailTangent(qt, i, z)).toBeLessThanOrEqual(q * (1 + 1e-13));
      expect(tailChord(qt, i, z) - tailTangent(qt, i, z)).toBeLessThan(1e-4);
    }
  });
});
