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
const TWO_23 = 8388608;
const TWO_M47 = 7.105427357601002e-15;

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

/** u = (k + w)·unit in [0, 1): leading bits k already drawn (unit 1/64 or 1/512), 53 more bits of the stream. */
function refineUniform(rng: Rng, k: number, unit: number): number {
  return (k + (rng.nextUint32() * 2097152 + (rng.nextUint32() >>> 11)) * TWO_M53) * unit;
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
  const u = refineUniform(rng, k, 1 / 64);
  const v = (1 + y) * (1 + y) * (1 + y);
  return u < squeeze || Math.log(u) < (4.5 * y * y + 1 - v + Math.log(v)) * d;
}

/** One Gamma(shape, 1) draw into `out[j]` (see {@link fillGammas}). */
function gammaInto(rng: Rng, shape: number, out: number[] | Float64Array, j: number): void {
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
  for (let j = 0, s = 0; j < out.length; j++, s = s + 1 === m ? 0 : s + 1) gammaInto(rng, shapes[s] as number, out, j);
  return out;
}

// Two gamma draws of the gamma-ratio path; each is read out before the next call writes, so a re-entrant call
// (from inside a user-supplied `Rng`) cannot disturb it.
const pair = new Float64Array(2);

/** Beta(a, b) as x / (x + y) of two gamma draws: the non-envelope case of {@link drawBeta} (validates a, b). */
function betaFromGammas(rng: Rng, a: number, b: number): number {
  assertPositive(assertFinite(a, 'a'), 'a');
  assertPositive(assertFinite(b, 'b'), 'b');
  gammaInto(rng, a, pair, 0);
  const x = pair[0] as number;
  gammaInto(rng, b, pair, 1);
  return x / (x + (pair[1] as number));
}

/**
 * Finish an envelope draw of Beta(a, b) (shapes that passed the envelope test of `betaLoop`) whose proposal
 * the common path could not decide: `z` is the proposal's standard normal (NaN when the ziggurat rejected it)
 * and u = (k + w)/512 the acceptance uniform, whose 9 leading bits k are drawn and which is accepted outright
 * below `squeeze`. Accepted: the proposal; rejected: a fresh draw, as the rejection loop would make.
 */
function envelopeRare(rng: Rng, a: number, b: number, z: number, k: number, squeeze: number): number {
  const A = a - 1;
  const B = b - 1;
  const S = A + B;
  const P = A * B;
  const kappa = (16 * P * (1 - 1e-12)) / S; // the same envelope as the common path
  const t = 0.25 * S * Math.sqrt(S * P) * (1 / (S * P)) * z;
  const x = A / S + t;
  if (x > 0 && x < 1) {
    const u = refineUniform(rng, k, 1 / 512);
    if (u < squeeze || Math.log(u) < A * Math.log1p((t * S) / A) + B * Math.log1p((-t * S) / B) + 0.5 * kappa * t * t) return x;
  }
  return drawBeta(rng, a, b);
}

/**
 * One exact Beta(a, b) draw, the sampler behind {@link fillBetas}, for hot loops that draw from a different
 * posterior each time (Thompson sampling): the arguments are checked by a few comparisons on the common path. For
 * shapes a, b ≥ 9 whose density is not too skewed (16AB/S ≥ 0.9·S³/(AB) below, i.e. mean within about 0.39–0.61):
 * rejection from one normal. With A = a − 1, B = b − 1, S = A + B, the log-density ℓ(x) = A ln x + B ln(1 − x) has
 * ℓ'' = −(A/x² + B/(1 − x)²) ≤ −κ on (0, 1), κ = (A^(1/3) + B^(1/3))³ ≥ 8√(AB) ≥ 16AB/S =: κ' (AM–GM twice), so the
 * density is at most its mode value times exp(−κ'(x − mode)²/2): propose x = mode + t, t = z/√κ' with a ziggurat
 * normal z (47-bit magnitude) and accept when ln u < g(t) = ℓ(x) − ℓ(mode) + κ't²/2. The squeeze: ln(1 + τ) ≥ τ −
 * τ²/2 + τ³/3 − τ⁴/2 for τ ≥ −1/2, applied to both logarithms of g (τ = tS/A and −tS/B), gives g(t) ≥ −α₂t² + α₃t³
 * − α₄t⁴ with α₂ = (S²(1/A + 1/B) − κ')/2, α₃ = S³(1/A² − 1/B²)/3, α₄ = S⁴(1/A³ + 1/B³)/2, and e^g ≥ 1 + g; so u <
 * 1 − α₂t² + α₃t³ − α₄t⁴ accepts without a logarithm. Its uniform is drawn lazily (9 spare bits of the normal's
 * words first, 53 more only when those cannot decide): the squeeze leaves about 0.2 % + 1/(2A) of the proposals
 * undecided (1.6 % measured for 16 shapes between 22 and 140 with means near 1/2). Other shapes: x / (x + y) of two
 * gamma draws as in {@link fillGammas}. A different stream from {@link beta}.
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
  if (typeof a !== 'number') assertFinite(a, 'a'); // a typed array would convert it silently
  if (typeof b !== 'number') assertFinite(b, 'b');
  oneA[0] = a;
  oneB[0] = b;
  betaLoop(rng, oneA, oneB, 1, oneA); // reads a and b before it draws, writes the result last
  return oneA[0] as number;
}

// The argument (and result) slots of drawBeta.
const oneA = new Float64Array(1);
const oneB = new Float64Array(1);

/**
 * The one beta sampling loop behind {@link drawBeta}, {@link fillBetas} and {@link argmaxBetas}: `n` draws, draw j
 * from Beta(alpha[s], beta[s]) with s = j mod alpha.length. With `out` it writes draw j to `out[j]` and returns −1;
 * with `out === null` it keeps only the index of the largest draw and returns it. One function, so that the
 * envelope code stays in one place and the hot loop makes no call per draw. Shapes are not validated here beyond
 * the envelope's own test: any shape that fails it goes to the validating gamma-ratio path.
 */
function betaLoop(
  rng: Rng,
  alpha: ArrayLike<number>,
  beta: ArrayLike<number>,
  n: number,
  out: number[] | Float64Array | null,
): number {
  const m = alpha.length;
  let best = -1;
  let bv = -1;
  for (let j = 0, s = 0; j < n; j++, s = s + 1 === m ? 0 : s + 1) {
    const a = alpha[s] as number;
    const b = beta[s] as number;
    const A = a - 1;
    const B = b - 1;
    const S = A + B;
    const P = A * B;
    let x = 0;
    // Also rejects NaN and infinite shapes (S ≤ 1e60 keeps S⁴ finite): they take the validating path.
    if (!(A >= 8 && B >= 8 && S <= 1e60 && 16 * P * P >= 0.9 * S * S * S * S)) {
      x = betaFromGammas(rng, a, b);
    } else {
      const SP = S * P;
      const r = 1 / SP; // independent of the square root below, so the two overlap
      const w = Math.sqrt(SP);
      const iA = B * S * r; // 1/A
      const iB = A * S * r; // 1/B
      const mode = A * P * r; // A/S
      const kappa = 16 * P * P * r * (1 - 1e-12); // 16AB/S, shrunk by 1e-12 to stay a valid envelope
      const sd = 0.25 * S * w * r; // 1/√κ' = √(S/16AB)
      const S2 = S * S;
      const a2 = 0.5 * (S2 * (iA + iB) - kappa);
      const a3 = S2 * S * (iA * iA - iB * iB) * (1 / 3);
      const a4 = 0.5 * S2 * S2 * (iA * iA * iA + iB * iB * iB);
      // No call on the common path: a call would make the compiler keep the constants above in memory. The
      // rare cases (a ziggurat edge, a squeeze that cannot decide) finish the draw in `envelopeRare`.
      for (;;) {
        const w0 = rng.nextUint32();
        const w1 = rng.nextUint32();
        const layer = w0 & 127;
        const z = ((w0 >>> 8) * TWO_23 + (w1 >>> 9)) * TWO_M47 * (ZX[layer] as number);
        const sign = 1 - ((w0 >>> 6) & 2); // bit 7 of w0
        if (!(z < (ZX[layer + 1] as number))) {
          x = envelopeRare(rng, a, b, zigguratEdge(rng, layer, z) * sign, rng.nextUint32() & 511, 0);
          break;
        }
        const t = sd * z * sign;
        x = mode + t;
        if (!(x > 0 && x < 1)) continue; // outside the support
        // The squeeze holds for τ = tS/A ≥ −1/2 and −tS/B ≥ −1/2, i.e. −mode/2 ≤ t ≤ (1 − mode)/2.
        const squeeze = t >= -0.5 * mode && t <= 0.5 - 0.5 * mode ? 1 - t * t * (a2 - t * (a3 - a4 * t)) - 1e-12 : 0;
        const k = w1 & 511;
        if (k + 1 <= 512 * squeeze) break;
        x = envelopeRare(rng, a, b, z * sign, k, squeeze);
        break;
      }
    }
    if (out !== null) out[j] = x;
    else if (x > bv) {
      bv = x;
      best = j;
    }
  }
  return best;
}

/**
 * Fill a buffer with independent beta draws, `out[j] ~ Beta(alpha[j mod m], beta[j mod m])` with
 * `m = alpha.length = beta.length` (a buffer of `r·m` entries holds `r` joint draws, as Thompson sampling
 * needs), by {@link drawBeta} (exact; its algorithm is described there). Shapes are validated once per call,
 * with the failing element named.
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
  betaLoop(rng, alpha, beta, out.length, out);
  return out;
}

/**
 * The index of the largest of independent draws θᵢ ~ Beta(alpha[i], beta[i]): one joint draw of Beta–Bernoulli
 * Thompson sampling, without storing the draws. The draws are those {@link fillBetas} would make with the same
 * stream (exact), so `argmaxBetas(rng, a, b)` is the argmax of `fillBetas(rng, a, b, out)` for a clone of
 * `rng`; ties (probability zero) go to the first index.
 *
 * @param rng - the random stream (advanced)
 * @param alpha - first shapes, positive and finite (not mutated), at least one
 * @param beta - second shapes, positive and finite, as many as `alpha`
 * @returns the index of the largest draw
 * @throws InfraError naming `alpha[j]` / `beta[j]` for a bad shape, `beta` for a length mismatch, `alpha`
 *   when it is empty
 *
 * @example
 * ```ts @import.meta.vitest
 * const wins = [0, 0];
 * const rng = createRng(6);
 * for (let i = 0; i < 4000; i++) wins[argmaxBetas(rng, [60, 40], [40, 60])]! += 1;
 * expect(wins[0]! / 4000).toBeGreaterThan(0.99); // P(θ₀ > θ₁) ≈ 0.998
 * const x = fillBetas(createRng(1), [3, 3], [2, 2], [0, 0]); // the same draws
 * expect(argmaxBetas(createRng(1), [3, 3], [2, 2])).toBe(x[0]! > x[1]! ? 0 : 1);
 * ```
 */
export function argmaxBetas(rng: Rng, alpha: ArrayLike<number>, beta: ArrayLike<number>): number {
  const m = alpha.length;
  if (m === 0) throw new InfraError('EMPTY', 'alpha', 'needs at least one shape');
  if (beta.length !== m) throw new InfraError('INVALID_ARGUMENT', 'beta', `expected ${m} shapes like alpha, got ${beta.length}`);
  checkShapes(alpha, 'alpha');
  checkShapes(beta, 'beta');
  return betaLoop(rng, alpha, beta, m, null);
}
