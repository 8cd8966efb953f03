import { InfraError } from './errors.js';
import { createRng, type Rng } from './rng.js';
import { assertFinite, assertPositive } from './validate.js';

// Ziggurat of Marsaglia & Tsang (2000) for the standard normal with 128 layers of equal area V. R is the
// start of the tail, solved (40 digits) so that the top layer closes: X[127]·(1 − f(X[127])) = V, with
// V = R·f(R) + ∫_R^∞ f and f(x) = exp(−x²/2). Layer 0 is the base strip (rectangle plus tail, virtual width
// V / f(R)); layer i ≥ 1 is the rectangle [0, X[i]] × [f(X[i]), f(X[i+1])].
const R = 3.442619855896652;
const V = 0.009912563035336461;
const ZX: number[] = [V / Math.exp(-0.5 * R * R), R];
for (let i = 1; i < 127; i++) {
  const x = ZX[i] as number;
  ZX.push(Math.sqrt(-2 * Math.log(V / x + Math.exp(-0.5 * x * x))));
}
ZX.push(0);
const ZF = ZX.map((x) => Math.exp(-0.5 * x * x));
const TWO_29 = 536870912;
const TWO_M53 = 1.1102230246251565e-16;
const TWO_26 = 67108864;
const TWO_M50 = 8.881784197001252e-16;

// Performance notes (V8): the hot loops below keep the ziggurat, the transform and the squeeze inline, with
// only two `nextUint32()` call sites each, and push the rare paths into helpers. A double passed to or
// returned from a call that the compiler does not inline is boxed (an allocation per draw), so the helpers
// on common paths take arrays and indices and write their result.

/**
 * The rare ziggurat paths: the tail beyond R (Marsaglia's exponential method) for layer 0, the wedge test
 * for the other layers. Returns the accepted |z| or NaN when the candidate is rejected.
 */
function zigguratEdge(rng: Rng, layer: number, x: number): number {
  if (layer === 0) {
    let t = 0;
    let e = 0;
    do {
      t = -Math.log(1 - rng.next()) / R;
      e = -Math.log(1 - rng.next());
    } while (e + e < t * t);
    return R + t;
  }
  const lo = ZF[layer] as number;
  return lo + rng.next() * ((ZF[layer + 1] as number) - lo) < Math.exp(-0.5 * x * x) ? x : Number.NaN;
}

/**
 * The ziggurat normal of two words' worth of bits: the layer is bits 0–6 of `w0`, the sign bit 7, `fraction`
 * the magnitude in [0, 1); NaN when the candidate is rejected (draw new words). Small enough to be inlined.
 */
function ziggurat(rng: Rng, w0: number, fraction: number): number {
  const layer = w0 & 127;
  let x = fraction * (ZX[layer] as number);
  if (!(x < (ZX[layer + 1] as number))) x = zigguratEdge(rng, layer, x);
  return x * (1 - ((w0 >>> 6) & 2)); // bit 7 of w0 is the sign (branch-free)
}

/** u = (k + w)/64 in [0, 1) from six bits k already drawn and 53 more bits of the stream. */
function refineUniform(rng: Rng, k: number): number {
  return (k + (rng.nextUint32() * 2097152 + (rng.nextUint32() >>> 11)) * TWO_M53) * 0.015625;
}

/**
 * Fill a buffer with independent standard normal draws by the ziggurat method (Marsaglia & Tsang 2000,
 * 128 layers): each draw takes two `nextUint32()` words — 7 bits pick the layer, 1 the sign and 53 the
 * magnitude — and 97.2 % of draws need no more than one multiplication and one comparison (the others take
 * the exact wedge or tail test). It is exact; it is a different stream from {@link normal}, which stays
 * Box–Muller. No argument to validate, so it suits hot loops.
 *
 * @param rng - the random stream (advanced by about 2.06 words per draw)
 * @param out - the buffer to fill (mutated): a plain array or a `Float64Array`
 * @returns `out`
 *
 * @example
 * ```ts @import.meta.vitest
 * const z = fillNormals(createRng(1), new Float64Array(20000));
 * const mean = z.reduce((a, b) => a + b, 0) / z.length;
 * const variance = z.reduce((a, b) => a + b * b, 0) / z.length;
 * expect(Math.abs(mean)).toBeLessThan(0.03);
 * expect(Math.abs(variance - 1)).toBeLessThan(0.05);
 * ```
 */
export function fillNormals<T extends number[] | Float64Array>(rng: Rng, out: T): T {
  const n = out.length;
  for (let j = 0; j < n; ) {
    const w0 = rng.nextUint32();
    const x = ziggurat(rng, w0, ((w0 >>> 8) * TWO_29 + (rng.nextUint32() >>> 3)) * TWO_M53);
    if (x === x) out[j++] = x;
  }
  return out;
}

/** The exact Marsaglia–Tsang test when the squeeze could not decide (rare). */
function gammaExact(rng: Rng, k: number, squeeze: number, y: number, d: number): boolean {
  const u = refineUniform(rng, k);
  const v = (1 + y) * (1 + y) * (1 + y);
  return u < squeeze || Math.log(u) < (4.5 * y * y + 1 - v + Math.log(v)) * d;
}

/** One Gamma(shapes[e], 1) draw into `out[j]` (see {@link fillGammas}). */
function gammaInto(rng: Rng, shapes: ArrayLike<number>, e: number, out: number[] | Float64Array, j: number): void {
  const shape = shapes[e] as number;
  const d = (shape < 1 ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    // A ziggurat normal with a 50-bit magnitude (7 bits layer, 1 sign), leaving 6 spare bits of w1.
    const w0 = rng.nextUint32();
    const w1 = rng.nextUint32();
    const y = c * ziggurat(rng, w0, ((w0 >>> 8) * TWO_26 + (w1 >>> 6)) * TWO_M50);
    if (!(y > -1)) continue; // a rejected candidate (NaN) or v = (1 + y)³ ≤ 0
    // Accept when ln u < d·h(y), h(y) = 3 ln(1 + y) − 3y + 3y²/2 − y³ (= x²/2d + 1 − v + ln v). Squeeze: for
    // y ≥ −1/2 the Taylor remainder of ln(1 + y) gives h(y) ≥ −y⁴·(3/4 + 6|y|/5), and e^z ≥ 1 + z, so
    // u < 1 − d·y⁴·(3/4 + 6|y|/5) accepts without a logarithm (all but ~x⁴/(108d) of draws for large d).
    // u = (k + w)/64: k = the spare bits, the 53 bits of w drawn only when k cannot decide.
    const y4 = y * y * y * y;
    const squeeze = y >= -0.5 ? 1 - d * y4 * (0.75 + 1.2 * Math.abs(y)) : 0;
    const k = w1 & 63;
    if (k + 1 <= 64 * squeeze || gammaExact(rng, k, squeeze, y, d)) {
      const g = d * (1 + y) * (1 + y) * (1 + y);
      out[j] = shape < 1 ? g * Math.exp(Math.log(1 - rng.next()) / shape) : g;
      return;
    }
  }
}

function checkShapes(shapes: ArrayLike<number>, path: string): void {
  for (let j = 0; j < shapes.length; j++) {
    const a = shapes[j];
    if (!(typeof a === 'number' && a > 0 && a < Infinity)) assertPositive(assertFinite(a, `${path}[${j}]`), `${path}[${j}]`);
  }
}

function checkOut(n: number, m: number): void {
  if (m === 0 ? n !== 0 : n % m !== 0) {
    throw new InfraError('INVALID_ARGUMENT', 'out', `length ${n} is not a multiple of the number of shapes (${m})`);
  }
}

/**
 * Fill a buffer with independent standard gamma draws, `out[j] ~ Gamma(shapes[j mod m], 1)` with
 * `m = shapes.length` (so a buffer of `r·m` entries holds `r` joint draws of every shape). Marsaglia & Tsang
 * (2000) for shape ≥ 1 on ziggurat normals (50-bit magnitude), with a squeeze derived from the Taylor bound of
 * ln(1 + y) that is much tighter than their 1 − 0.0331x⁴ for large shapes; the uniform of the squeeze test is
 * drawn lazily (6 spare bits of the normal's words first, 53 more only when those bits cannot decide), so a
 * typical draw costs two `nextUint32()` words and no logarithm. Shape < 1 uses Gamma(a) = Gamma(a + 1)·U^(1/a).
 * Exact; a different stream from {@link gamma}. Shapes are validated once per call, not per draw.
 *
 * @param rng - the random stream (advanced)
 * @param shapes - positive finite shapes (not mutated; `out` may be `shapes` itself)
 * @param out - the buffer to fill (mutated), its length a multiple of `shapes.length`
 * @returns `out`
 * @throws InfraError naming `shapes[j]` for a non-positive or non-finite shape, `out` for a length that is
 *   not a multiple of `shapes.length`
 *
 * @example
 * ```ts @import.meta.vitest
 * const g = fillGammas(createRng(2), [2, 0.5], new Array<number>(20000).fill(0));
 * const mean = (k: number) => g.filter((_, j) => j % 2 === k).reduce((a, b) => a + b, 0) / 10000;
 * expect(mean(0)).toBeCloseTo(2, 1);
 * expect(mean(1)).toBeCloseTo(0.5, 1);
 * expect(() => fillGammas(createRng(2), [1, 0], [0, 0])).toThrow('shapes[1]: must be > 0, got 0');
 * ```
 */
export function fillGammas<T extends number[] | Float64Array>(rng: Rng, shapes: ArrayLike<number>, out: T): T {
  const m = shapes.length;
  checkOut(out.length, m);
  checkShapes(shapes, 'shapes');
  for (let j = 0, s = 0; j < out.length; j++, s = s + 1 === m ? 0 : s + 1) gammaInto(rng, shapes, s, out, j);
  return out;
}

/** Beta(alpha[e], beta[e]) as x / (x + y) of two gamma draws, into `out[j]` (the non-envelope case of {@link fillBetas}). */
function betaFromGammas(rng: Rng, alpha: ArrayLike<number>, beta: ArrayLike<number>, e: number, out: number[] | Float64Array, j: number): void {
  gammaInto(rng, alpha, e, out, j);
  const x = out[j] as number;
  gammaInto(rng, beta, e, out, j);
  out[j] = x / (x + (out[j] as number));
}

/** The exact acceptance test of a beta envelope proposal when the squeeze could not decide (rare). */
function envelopeExact(rng: Rng, k: number, squeeze: number, A: number, B: number, mode: number, kappa: number, t: number): boolean {
  const u = refineUniform(rng, k);
  return u < squeeze || Math.log(u) < A * Math.log1p(t / mode) + B * Math.log1p(-t / (1 - mode)) + 0.5 * kappa * t * t;
}

/**
 * Fill a buffer with independent beta draws, `out[j] ~ Beta(alpha[j mod m], beta[j mod m])` with
 * `m = alpha.length = beta.length` (a buffer of `r·m` entries holds `r` joint draws, as Thompson sampling
 * needs). Exact. For shapes a, b ≥ 9 whose posterior is not too skewed (16AB/S ≥ 0.9·S³/(AB) below):
 * rejection from one normal. With A = a − 1, B = b − 1, S = A + B, the log-density
 * ℓ(x) = A ln x + B ln(1 − x) has ℓ'' = −(A/x² + B/(1 − x)²) ≤ −κ on (0, 1), κ = (A^(1/3) + B^(1/3))³ ≥
 * 8√(AB) ≥ 16AB/S =: κ' (AM–GM twice), so the density is at most its mode value times
 * exp(−κ'(x − mode)²/2): propose x = mode + z/√κ' with a ziggurat normal z (50-bit magnitude) and accept when
 * ln u < ℓ(x) − ℓ(mode) + κ'(x − mode)²/2. The squeeze 1 − ½(x − mode)²·(max of −ℓ'' over [mode, x] − κ')
 * (−ℓ'' is convex, so the maximum is at an end; bounded without a division for steps within a quarter of
 * the mode's distance to 0 and 1) decides all but about 1 % of the draws without a logarithm, its uniform
 * drawn lazily from 6 spare bits of the normal's words. Other shapes: x / (x + y) of two
 * {@link fillGammas} draws. Shapes are validated once per call, not per draw.
 *
 * @param rng - the random stream (advanced)
 * @param alpha - first shapes, positive and finite (not mutated)
 * @param beta - second shapes, positive and finite, as many as `alpha`
 * @param out - the buffer to fill (mutated; not `alpha` or `beta`), its length a multiple of `alpha.length`
 * @returns `out`
 * @throws InfraError naming `alpha[j]` / `beta[j]` for a bad shape, `beta` for a length mismatch, `out` for a
 *   length that is not a multiple of the number of shapes or for `out` being one of the shape arrays
 *
 * @example
 * ```ts @import.meta.vitest
 * const x = fillBetas(createRng(3), [2, 60], [5, 40], new Array<number>(20000).fill(0));
 * const mean = (k: number) => x.filter((_, j) => j % 2 === k).reduce((a, b) => a + b, 0) / 10000;
 * expect(mean(0)).toBeCloseTo(2 / 7, 2);
 * expect(mean(1)).toBeCloseTo(0.6, 2);
 * ```
 */
export function fillBetas<T extends number[] | Float64Array>(rng: Rng, alpha: ArrayLike<number>, beta: ArrayLike<number>, out: T): T {
  const m = alpha.length;
  if (beta.length !== m) throw new InfraError('INVALID_ARGUMENT', 'beta', `expected ${m} shapes like alpha, got ${beta.length}`);
  if ((out as unknown) === alpha || (out as unknown) === beta) throw new InfraError('INVALID_ARGUMENT', 'out', 'must not be alpha or beta');
  checkOut(out.length, m);
  checkShapes(alpha, 'alpha');
  checkShapes(beta, 'beta');
  for (let j = 0, s = 0; j < out.length; j++, s = s + 1 === m ? 0 : s + 1) {
    const A = (alpha[s] as number) - 1;
    const B = (beta[s] as number) - 1;
    const S = A + B;
    const P = A * B;
    if (!(A >= 8 && B >= 8 && 16 * P * P >= 0.9 * S * S * S * S)) {
      betaFromGammas(rng, alpha, beta, s, out, j);
      continue;
    }
    const r = 1 / (S * P);
    const iA = B * S * r; // 1/A
    const iB = A * S * r; // 1/B
    const mode = A * P * r; // A/S
    const c2 = S * S * (iA + iB); // −ℓ''(mode)
    const kappa = 16 * P * P * r * (1 - 1e-12); // 16AB/S
    const sd = Math.sqrt(0.0625 * S * S * r); // 1/√κ'
    for (;;) {
      const w0 = rng.nextUint32();
      const w1 = rng.nextUint32();
      const t = sd * ziggurat(rng, w0, ((w0 >>> 8) * TWO_26 + (w1 >>> 6)) * TWO_M50);
      const x = mode + t;
      if (!(x > 0 && x < 1)) continue; // a rejected candidate (NaN) or outside the support
      // −ℓ''(x) = (S²/A)/(1 + τa)² + (S²/B)/(1 − τb)², τa = t/mode, τb = t/(1 − mode); for |τ| ≤ 1/4,
      // 1/(1 + τ)² ≤ 1 − 2τ + 5τ² (no division), else the exact value.
      const ta = t * S * iA;
      const tb = t * S * iB;
      const q =
        ta <= 0.25 && ta >= -0.25 && tb <= 0.25 && tb >= -0.25
          ? S * S * (iA * (1 - 2 * ta + 5 * ta * ta) + iB * (1 + 2 * tb + 5 * tb * tb))
          : A / (x * x) + B / ((1 - x) * (1 - x));
      const squeeze = 1 - 0.5 * t * t * ((q > c2 ? q : c2) - kappa) - 1e-12;
      const k = w1 & 63;
      if (k + 1 <= 64 * squeeze || envelopeExact(rng, k, squeeze, A, B, mode, kappa, t)) {
        out[j] = x;
        break;
      }
    }
  }
  return out;
}
