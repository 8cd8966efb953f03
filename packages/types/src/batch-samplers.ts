import { InfraError } from './errors.js';
import { createRng, type Rng } from './rng.js';
import { assertFinite, assertPositive } from './validate.js';

// Ziggurat of Marsaglia & Tsang (2000) for the standard normal with 128 layers of equal area V. R is the
// start of the tail, solved (40 digits) so that the top layer closes: X[127]·(1 − f(X[127])) = V, with
// V = R·f(R) + ∫_R^∞ f and f(x) = exp(−x²/2). Layer 0 is the base strip (rectangle plus tail, virtual width
// V / f(R)); layer i ≥ 1 is the rectangle [0, X[i]] × [f(X[i]), f(X[i+1])].
const R = 3.442619855896652;
const V = 0.009912563035336461;
export const ZX: number[] = [V / Math.exp(-0.5 * R * R), R];
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
export const TWO_23 = 8388608;
export const TWO_M47 = 7.105427357601002e-15;

// Performance notes (V8): the hot loops below keep the ziggurat, the transform and the squeeze inline, with
// only two `nextUint32()` call sites each, and push the rare paths into helpers. A double passed to or
// returned from a call that the compiler does not inline is boxed (an allocation per draw), so the helpers
// on common paths take arrays and indices and write their result.

/**
 * Where {@link zigguratEdge} leaves an accepted magnitude (written after its last draw, so read it right after
 * the call; a re-entrant call from inside a user-supplied `Rng` cannot disturb it).
 */
export const EDGE: Float64Array = new Float64Array(1);

/**
 * The rare ziggurat paths: the tail beyond R (Marsaglia's exponential method) for layer 0, the wedge test
 * for the other layers. Returns whether the candidate is accepted, and then leaves |z| in `EDGE[0]` (a
 * boolean return: a double returned from a call that is not inlined would be boxed).
 */
export function zigguratEdge(rng: Rng, layer: number, x: number): boolean {
  if (layer === 0) {
    let t = 0;
    let e = 0;
    do {
      t = -Math.log(1 - rng.next()) / R;
      e = -Math.log(1 - rng.next());
    } while (e + e < t * t);
    EDGE[0] = R + t;
    return true;
  }
  const lo = ZF[layer] as number;
  if (!(lo + rng.next() * ((ZF[layer + 1] as number) - lo) < Math.exp(-0.5 * x * x))) return false;
  EDGE[0] = x;
  return true;
}

/**
 * The ziggurat normal of two words' worth of bits: the layer is bits 0–6 of `w0`, the sign bit 7, `fraction`
 * the magnitude in [0, 1); NaN when the candidate is rejected (draw new words). Small enough to be inlined.
 */
function ziggurat(rng: Rng, w0: number, fraction: number): number {
  const layer = w0 & 127;
  let x = fraction * (ZX[layer] as number);
  if (!(x < (ZX[layer + 1] as number))) x = zigguratEdge(rng, layer, x) ? (EDGE[0] as number) : Number.NaN;
  return x * (1 - ((w0 >>> 6) & 2)); // bit 7 of w0 is the sign (branch-free)
}

/** u = (k + w)·unit in [0, 1): leading bits k already drawn (unit 1/64 or 1/512), 53 more bits of the stream. */
export function refineUniform(rng: Rng, k: number, unit: number): number {
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
export function gammaInto(rng: Rng, shape: number, out: number[] | Float64Array, j: number): void {
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

export function checkShapes(shapes: ArrayLike<number>, path: string): void {
  for (let j = 0; j < shapes.length; j++) {
    const a = shapes[j];
    if (!(typeof a === 'number' && a > 0 && a < Infinity)) assertPositive(assertFinite(a, `${path}[${j}]`), `${path}[${j}]`);
  }
}

export function checkOut(n: number, m: number): void {
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
