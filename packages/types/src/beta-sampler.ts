import { InfraError } from './errors.js';
import { EDGE, TWO_23, TWO_M47, ZX, gammaInto, refineUniform, zigguratEdge } from './batch-samplers.js';
import { createRng, type Rng } from './rng.js';
import { assertPositive } from './validate.js';

/**
 * Doubles per shape in a plan: a, b, then the envelope's mode (NaN: the gamma-ratio path), sd = 1/√κ, α₂, α₃, α₄,
 * κ, √κ, the envelope constant c and the lead score mode + 1.5·sd (NaN on the gamma-ratio path); see
 * {@link planEntry}.
 */
export const STRIDE = 11;

/** Where the envelope and gamma-ratio helpers leave a draw (written after their last use of the stream). */
export const DRAWN: Float64Array = new Float64Array(1);

// The plan of drawBeta (its draw is written over the entry's first slot), `busy` while it draws: a re-entrant call
// (from inside a user-supplied Rng) then uses a plan of its own.
const single = { plan: new Float64Array(STRIDE), busy: false };

// Two gamma draws of the gamma-ratio path; each is read out before the next call writes, so a re-entrant call
// (from inside a user-supplied `Rng`) cannot disturb it.
const pair = new Float64Array(2);

/**
 * Beta(a, b) as x / (x + y) of two gamma draws, the non-envelope case of {@link drawBeta}, for validated shapes;
 * the draw is left in `DRAWN[0]`.
 */
export function betaFromGammas(rng: Rng, a: number, b: number): void {
  gammaInto(rng, a, pair, 0);
  const x = pair[0] as number; // read before the next draw, which may re-enter
  gammaInto(rng, b, pair, 1);
  DRAWN[0] = x / (x + (pair[1] as number));
}

/**
 * The exact acceptance test of an envelope proposal mode + t inside (0, 1) for the plan entry at `o` (see
 * {@link drawBeta}) when the squeeze's 9 leading bits k of the uniform u = (k + w)/512 could not decide: draws the
 * rest of u, accepts below `squeeze`, else compares ln u with g(t). A boolean return, not the variate: a double
 * returned from a call that is not inlined would be boxed (an allocation).
 */
export function envelopeExact(rng: Rng, plan: Float64Array, o: number, t: number, k: number, squeeze: number): boolean {
  const u = refineUniform(rng, k, 1 / 512);
  if (u < squeeze) return true;
  const A = (plan[o] as number) - 1;
  const B = (plan[o + 1] as number) - 1;
  const S = A + B;
  return Math.log(u) < A * Math.log1p((t * S) / A) + B * Math.log1p((-t * S) / B) + 0.5 * (plan[o + 7] as number) * t * t;
}

/**
 * One exact Beta(a, b) draw, the sampler behind `fillBetas`, for hot loops that draw from a different
 * posterior each time (Thompson sampling): the arguments are checked by a few comparisons on the common path. With
 * A = a − 1, B = b − 1, S = A + B, the log-density ℓ(x) = A ln x + B ln(1 − x) has ℓ'' = −(A/x² + B/(1 − x)²) ≤ −κ
 * on (0, 1) with κ = (A^(1/3) + B^(1/3))³, its exact minimum, so the density is at most its mode value times
 * exp(−κ(x − mode)²/2). For shapes a, b ≥ 9 whose density is not too skewed (κ ≥ 0.7·S³/(AB), the curvature at the
 * mode; mean within about 0.27–0.73): rejection from that normal. Propose x = mode + t, t = z/√κ with a ziggurat
 * normal z (47-bit magnitude), and accept when ln u < g(t) = ℓ(x) − ℓ(mode) + κt²/2; a rejected proposal is
 * followed by a new one. The squeeze: ln(1 + τ) ≥ τ − τ²/2 + τ³/3 − τ⁴/2 for τ ≥ −1/2, applied to both logarithms
 * of g (τ = tS/A and −tS/B), gives g(t) ≥ γ = −α₂t² + α₃t³ − α₄t⁴ with α₂ = (S²(1/A + 1/B) − κ)/2,
 * α₃ = S³(1/A² − 1/B²)/3, α₄ = S⁴(1/A³ + 1/B³)/2, and e^g ≥ 1 + γ + γ²/2 + γ³/6; so u below that accepts without a
 * logarithm (checked numerically to hold with the 1e-12 safety margin on 5·10⁵ random shapes and proposals). Its
 * uniform is drawn lazily (9 spare bits of the normal's words first, 53 more only when those cannot decide). The
 * envelope constants of a shape are set up once per call (and kept while the shapes repeat from call to call, see
 * `argmaxBetas`). Other shapes: x / (x + y) of two gamma draws as in {@link fillGammas}. A different stream
 * from {@link beta}.
 *
 * @param rng - the random stream (advanced)
 * @param a - first shape, positive and finite
 * @param b - second shape, positive and finite
 * @returns a variate in (0, 1)
 * @throws InfraError naming `a` or `b` when it is not a positive finite number
 *
 * @example
 * ```ts @import.meta.vitest
 * const rng = createRng(4);
 * let s = 0;
 * for (let i = 0; i < 20000; i++) s += drawBeta(rng, 30, 20);
 * expect(s / 20000).toBeCloseTo(0.6, 2);
 * expect(() => drawBeta(rng, 1, 0)).toThrow('b: must be > 0, got 0');
 * ```
 */
export function drawBeta(rng: Rng, a: number, b: number): number {
  checkShape(a, 'a', -1);
  checkShape(b, 'b', -1);
  const reentrant = single.busy;
  const plan = reentrant ? new Float64Array(STRIDE) : single.plan;
  planEntry(a, b, plan, 0);
  single.busy = true;
  try {
    betaLoop(rng, plan, 1, 1, plan); // writes the draw last
  } finally {
    if (!reentrant) single.busy = false;
  }
  return plan[0] as number;
}

/**
 * Write the sampler's constants for Beta(a, b), validated shapes, at `plan[o..o + 10]` (see {@link STRIDE}): the
 * envelope's (see {@link drawBeta}) when the shapes pass its test, else the marker mode = NaN for the gamma-ratio
 * path (shapes too small, too skewed or too large for the envelope).
 */
function planEntry(a: number, b: number, plan: Float64Array, o: number): void {
  const A = a - 1;
  const B = b - 1;
  const S = A + B;
  const P = A * B;
  plan[o] = a;
  plan[o + 1] = b;
  const c = Math.cbrt(A) + Math.cbrt(B);
  const kappa = c * c * c * (1 - 1e-12); // (A^⅓ + B^⅓)³, shrunk by 1e-12 to stay a valid envelope
  const curvature = (S * S * S) / P; // −ℓ''(mode) = S²(1/A + 1/B)
  // Also rejects NaN and infinite shapes (S ≤ 1e60 keeps S⁴ finite).
  if (!(A >= 8 && B >= 8 && S <= 1e60 && kappa >= 0.7 * curvature)) {
    plan[o + 2] = Number.NaN;
    plan[o + 10] = Number.NaN;
    return;
  }
  const iA = 1 / A;
  const iB = 1 / B;
  const S2 = S * S;
  const rootKappa = Math.sqrt(kappa);
  const sd = 1 / rootKappa;
  const mode = A / S;
  plan[o + 2] = mode;
  plan[o + 3] = sd;
  plan[o + 4] = 0.5 * (curvature - kappa);
  plan[o + 5] = S2 * S * (iA * iA - iB * iB) * (1 / 3);
  plan[o + 6] = 0.5 * S2 * S2 * (iA * iA * iA + iB * iB * iB);
  plan[o + 7] = kappa;
  plan[o + 8] = rootKappa;
  // c = f(mode)·√(2π)/√κ, the envelope's constant (f ≤ c·N(mode, 1/κ) density): with Stirling's series for the
  // three gamma functions of B(a, b) it is (S + 1)·√(S/(AB))/√κ·e^(r(S) − r(A) − r(B)).
  plan[o + 9] = (S + 1) * Math.sqrt(S / P) * Math.exp(stirlingTail(S) - stirlingTail(A) - stirlingTail(B)) * sd;
  plan[o + 10] = mode + 1.5 * sd;
}

/**
 * Set plan entry s to Beta(a, b) unless it holds those shapes already: a plan entry holds shapes that were valid
 * when written, so only new shapes are validated (naming `pathA[s]` / `pathB[s]`) and set up.
 */
export function planShape(plan: Float64Array, s: number, a: number, b: number, pathA: string, pathB: string): void {
  const o = s * STRIDE;
  if (plan[o] !== a || plan[o + 1] !== b) {
    checkShape(a, pathA, s);
    checkShape(b, pathB, s);
    planEntry(a, b, plan, o);
  }
}

/** A plan table of m entries that match no shape (NaN), so that every entry is validated and set up on first use. */
export function newPlan(m: number): Float64Array {
  return new Float64Array(STRIDE * m).fill(Number.NaN);
}

/**
 * r(x) = ln x! − (x ln x − x + ½ ln 2πx), Stirling's series to the x⁻¹⁵ term: for x ≥ 8 the rest is below 1e-16.
 */
export function stirlingTail(x: number): number {
  const y = 1 / (x * x);
  return (
    (1 / 12 - y * (1 / 360 - y * (1 / 1260 - y * (1 / 1680 - y * (1 / 1188 - y * (691 / 360360 - y * (1 / 156 - y * (3617 / 122400)))))))) /
    x
  );
}

/** Require a positive finite shape, named `path[j]` (`path` when j < 0): a few comparisons when it is one. */
function checkShape(a: number, path: string, j: number): void {
  if (!(typeof a === 'number' && a > 0 && a < Infinity)) assertPositive(a, j < 0 ? path : `${path}[${j}]`);
}

/**
 * The squeeze of an envelope proposal mode + t (see {@link drawBeta}): a lower bound of its acceptance probability.
 * It holds for τ = tS/A ≥ −1/2 and −tS/B ≥ −1/2, i.e. −mode/2 ≤ t ≤ (1 − mode)/2, where g ≥ γ = −t²(α₂ − t(α₃ − α₄t))
 * and e^g ≥ e^γ ≥ 1 + γ + γ²/2 + γ³/6 (for every real γ); 0 elsewhere.
 */
export function envelopeSqueeze(t: number, mode: number, a2: number, a3: number, a4: number): number {
  const gl = -t * t * (a2 - t * (a3 - a4 * t));
  return t >= -0.5 * mode && t <= 0.5 - 0.5 * mode ? 1 + gl * (1 + gl * (0.5 + gl * (1 / 6))) - 1e-12 : 0;
}

/**
 * One envelope draw (see {@link drawBeta}) from the plan entry at `o`, whose shapes passed the envelope test:
 * proposals until one is accepted, the draw left in `DRAWN[0]`. Inlined into the loops below; its rare cases (a
 * ziggurat edge, a squeeze that cannot decide) call helpers that return booleans: a double passed out of a call
 * that is not inlined is boxed (an allocation).
 */
export function envelopeDraw(rng: Rng, plan: Float64Array, o: number): void {
  const mode = plan[o + 2] as number;
  const sd = plan[o + 3] as number;
  const a2 = plan[o + 4] as number;
  const a3 = plan[o + 5] as number;
  const a4 = plan[o + 6] as number;
  for (;;) {
    const w0 = rng.nextUint32();
    const w1 = rng.nextUint32();
    const layer = w0 & 127;
    let z = ((w0 >>> 8) * TWO_23 + (w1 >>> 9)) * TWO_M47 * (ZX[layer] as number);
    if (!(z < (ZX[layer + 1] as number))) {
      // A ziggurat edge (2.8 % of proposals): its exact wedge or tail test draws from the stream.
      if (!zigguratEdge(rng, layer, z)) continue;
      z = EDGE[0] as number;
    }
    const t = sd * z * (1 - ((w0 >>> 6) & 2)); // bit 7 of w0 is the sign
    const x = mode + t;
    if (!(x > 0 && x < 1)) continue; // outside the support
    // The squeeze, written out (see envelopeSqueeze): a call that is not inlined would box its result.
    const gl = -t * t * (a2 - t * (a3 - a4 * t));
    const squeeze = t >= -0.5 * mode && t <= 0.5 - 0.5 * mode ? 1 + gl * (1 + gl * (0.5 + gl * (1 / 6))) - 1e-12 : 0;
    // The acceptance uniform's leading 9 bits: bits 0–8 of w1, which the magnitude (bits 9–31) leaves free.
    const k = w1 & 511;
    if (k + 1 <= 512 * squeeze || envelopeExact(rng, plan, o, t, k, squeeze)) {
      DRAWN[0] = x;
      return;
    }
  }
}

/**
 * The sampling loop behind {@link drawBeta} and `fillBetas` for a plan whose entries all take the envelope:
 * `out[j]` for j < n from the plan's entry j mod m. The plan must not change while it draws (the shared ones are
 * marked busy).
 *
 * A loop of its own, apart from {@link mixedLoop}: the compiler inlines calls by how often they ran, and where the
 * gamma-ratio path ran more often (small shapes: the first rounds of Thompson sampling) it would take the inlining
 * budget and leave the envelope's `nextUint32()` calls as calls (about 1.5× slower).
 */
function envelopeLoop(rng: Rng, plan: Float64Array, m: number, n: number, out: number[] | Float64Array): void {
  for (let j = 0, o = 0; j < n; j++, o = o + STRIDE === STRIDE * m ? 0 : o + STRIDE) {
    envelopeDraw(rng, plan, o);
    out[j] = DRAWN[0] as number;
  }
}

/** {@link envelopeLoop} for a plan with gamma-ratio entries (mode NaN). */
function mixedLoop(rng: Rng, plan: Float64Array, m: number, n: number, out: number[] | Float64Array): void {
  for (let j = 0, o = 0; j < n; j++, o = o + STRIDE === STRIDE * m ? 0 : o + STRIDE) {
    const mode = plan[o + 2] as number;
    if (mode === mode) envelopeDraw(rng, plan, o);
    else betaFromGammas(rng, plan[o] as number, plan[o + 1] as number);
    out[j] = DRAWN[0] as number;
  }
}

/** Fill `out` from a plan of m entries (see {@link envelopeLoop}) through the loop that fits it. */
export function betaLoop(rng: Rng, plan: Float64Array, m: number, n: number, out: number[] | Float64Array): void {
  for (let o = 2; o < STRIDE * m; o += STRIDE) {
    if (!((plan[o] as number) === (plan[o] as number))) {
      mixedLoop(rng, plan, m, n, out);
      return;
    }
  }
  envelopeLoop(rng, plan, m, n, out);
}
