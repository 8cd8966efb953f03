import { InfraError } from './errors.js';
import { TWO_23, TWO_M47, ZX, checkOut, checkShapes, gammaInto, refineUniform, zigguratEdge } from './batch-samplers.js';
import { createRng, type Rng } from './rng.js';
import { assertFinite, assertPositive } from './validate.js';

/** Doubles per shape in a plan: a, b, then the envelope's mode (NaN: the gamma-ratio path), sd, α₂, α₃, α₄, κ. */
const STRIDE = 8;

// The plan (and result slot) of drawBeta: it reads the entry before it draws, so a re-entrant call cannot
// disturb it.
const one = new Float64Array(STRIDE);

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
 * Finish an envelope draw of Beta(a, b) (shapes that passed the envelope test of `planEntry`, whose κ and mode
 * are passed in) whose proposal mode + t the common path could not decide (t is NaN when the ziggurat rejected
 * it) and u = (k + w)/512 the acceptance uniform, whose 9 leading bits k are drawn and which is accepted
 * outright below `squeeze`. Returns the proposal when it is accepted, NaN when it is rejected (the caller then
 * proposes again).
 */
function envelopeRare(rng: Rng, a: number, b: number, kappa: number, mode: number, t: number, k: number, squeeze: number): number {
  const A = a - 1;
  const B = b - 1;
  const x = mode + t;
  if (x > 0 && x < 1) {
    const S = A + B;
    const u = refineUniform(rng, k, 1 / 512);
    if (u < squeeze || Math.log(u) < A * Math.log1p((t * S) / A) + B * Math.log1p((-t * S) / B) + 0.5 * kappa * t * t) return x;
  }
  return Number.NaN;
}

/**
 * One exact Beta(a, b) draw, the sampler behind {@link fillBetas}, for hot loops that draw from a different
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
 * {@link argmaxBetas}). Other shapes: x / (x + y) of two gamma draws as in {@link fillGammas}. A different stream
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
  if (typeof a !== 'number') assertFinite(a, 'a'); // a typed array would convert it silently
  if (typeof b !== 'number') assertFinite(b, 'b');
  planEntry(a, b, one, 0);
  betaLoop(rng, one, 1, 1, one); // reads the entry before it draws, writes the result last
  return one[0] as number;
}

// The per-shape constants of the last shapes drawn, keyed by their exact (a, b) and set up again only when they
// change: Thompson sampling's posteriors change one arm per update, so most entries carry over from one call to
// the next. Entry s sits at 8s (a, b, then the constants of planEntry). `busy` while a call draws from it: a
// re-entrant call (from inside a user-supplied Rng) then sets up a table of its own.
const cache = { table: new Float64Array(STRIDE * 16), busy: false };

/**
 * Write the sampler's constants for Beta(a, b) at `plan[o..o + 7]`: the envelope's (see {@link drawBeta}) when the
 * shapes pass its test, else the marker mode = NaN for the gamma-ratio path. Any shape that fails the test —
 * including NaN and infinite ones — goes to the validating gamma-ratio path.
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
    return;
  }
  const iA = 1 / A;
  const iB = 1 / B;
  const S2 = S * S;
  plan[o + 2] = A / S; // the mode
  plan[o + 3] = 1 / Math.sqrt(kappa);
  plan[o + 4] = 0.5 * (curvature - kappa);
  plan[o + 5] = S2 * S * (iA * iA - iB * iB) * (1 / 3);
  plan[o + 6] = 0.5 * S2 * S2 * (iA * iA * iA + iB * iB * iB);
  plan[o + 7] = kappa;
}

/**
 * The plan for `alpha`/`beta`: the shared table (entries set up again only where a shape changed), marked busy
 * until {@link releasePlan}, or a new table when the shared one is in use.
 */
function acquirePlan(alpha: ArrayLike<number>, beta: ArrayLike<number>): Float64Array {
  const m = alpha.length;
  if (cache.busy) {
    const plan = new Float64Array(STRIDE * m);
    for (let s = 0; s < m; s++) planEntry(alpha[s] as number, beta[s] as number, plan, STRIDE * s);
    return plan;
  }
  if (!(cache.table.length >= STRIDE * m)) cache.table = new Float64Array(STRIDE * m);
  const plan = cache.table;
  for (let s = 0, o = 0; s < m; s++, o += STRIDE) {
    const a = alpha[s] as number;
    const b = beta[s] as number;
    if (plan[o] !== a || plan[o + 1] !== b) planEntry(a, b, plan, o);
  }
  cache.busy = true;
  return plan;
}

function releasePlan(plan: Float64Array): void {
  if (cache.table === plan) cache.busy = false;
}

/**
 * The one beta sampling loop behind {@link drawBeta}, {@link fillBetas} and {@link argmaxBetas}: `n` draws, draw j
 * from the plan's entry s = j mod m. With `out` it writes draw j to `out[j]` and returns −1; with `out === null` it
 * keeps only the index of the largest draw and returns it. One function, so that the envelope code stays in one
 * place and the hot loop makes no call per draw. Each draw reads its entry before it draws.
 */
function betaLoop(rng: Rng, plan: Float64Array, m: number, n: number, out: number[] | Float64Array | null): number {
  let best = -1;
  let bv = -1;
  for (let j = 0, o = 0; j < n; j++, o = o + STRIDE === STRIDE * m ? 0 : o + STRIDE) {
    const a = plan[o] as number;
    const b = plan[o + 1] as number;
    const mode = plan[o + 2] as number;
    let x = 0;
    if (!(mode === mode)) {
      x = betaFromGammas(rng, a, b);
    } else {
      const sd = plan[o + 3] as number;
      const a2 = plan[o + 4] as number;
      const a3 = plan[o + 5] as number;
      const a4 = plan[o + 6] as number;
      const kappa = plan[o + 7] as number;
      // No call on the common path: a call would make the compiler keep the constants above in memory. The
      // rare cases (a ziggurat edge, a squeeze that cannot decide) finish the draw in `envelopeRare`.
      for (;;) {
        const w0 = rng.nextUint32();
        const w1 = rng.nextUint32();
        const layer = w0 & 127;
        const z = ((w0 >>> 8) * TWO_23 + (w1 >>> 9)) * TWO_M47 * (ZX[layer] as number);
        const sign = 1 - ((w0 >>> 6) & 2); // bit 7 of w0
        if (!(z < (ZX[layer + 1] as number))) {
          x = envelopeRare(rng, a, b, kappa, mode, sd * zigguratEdge(rng, layer, z) * sign, rng.nextUint32() & 511, 0);
          if (x === x) break;
          continue;
        }
        const t = sd * z * sign;
        x = mode + t;
        if (!(x > 0 && x < 1)) continue; // outside the support
        // The squeeze holds for τ = tS/A ≥ −1/2 and −tS/B ≥ −1/2, i.e. −mode/2 ≤ t ≤ (1 − mode)/2.
        // g ≥ γ = −t²(α₂ − t(α₃ − α₄t)) there, and e^g ≥ e^γ ≥ 1 + γ + γ²/2 + γ³/6 (for every real γ).
        const gl = -t * t * (a2 - t * (a3 - a4 * t));
        const squeeze = t >= -0.5 * mode && t <= 0.5 - 0.5 * mode ? 1 + gl * (1 + gl * (0.5 + gl * (1 / 6))) - 1e-12 : 0;
        const k = w1 & 511;
        if (k + 1 <= 512 * squeeze) break;
        x = envelopeRare(rng, a, b, kappa, mode, t, k, squeeze);
        if (x === x) break;
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
 * with the failing element named; the envelope constants of each shape are set up once per call, and kept for
 * the next call while its shapes stay the same.
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
export function fillBetas<T extends number[] | Float64Array>(
  rng: Rng,
  alpha: ArrayLike<number>,
  beta: ArrayLike<number>,
  out: T,
): T {
  const m = alpha.length;
  if (beta.length !== m) throw new InfraError('INVALID_ARGUMENT', 'beta', `expected ${m} shapes like alpha, got ${beta.length}`);
  if ((out as unknown) === alpha || (out as unknown) === beta) throw new InfraError('INVALID_ARGUMENT', 'out', 'must not be alpha or beta');
  checkOut(out.length, m);
  checkShapes(alpha, 'alpha');
  checkShapes(beta, 'beta');
  if (m === 0) return out;
  const plan = acquirePlan(alpha, beta);
  try {
    betaLoop(rng, plan, m, out.length, out);
  } finally {
    releasePlan(plan);
  }
  return out;
}

/**
 * The index of the largest of independent draws θᵢ ~ Beta(alpha[i], beta[i]): one joint draw of Beta–Bernoulli
 * Thompson sampling, without storing the draws. The draws are those {@link fillBetas} would make with the same
 * stream (exact), so `argmaxBetas(rng, a, b)` is the argmax of `fillBetas(rng, a, b, out)` for a clone of
 * `rng`; ties (probability zero) go to the first index. The envelope constants of shapes that repeat from one call
 * to the next are not set up again (a Thompson-sampling posterior changes one arm per update).
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
  const plan = acquirePlan(alpha, beta);
  try {
    return betaLoop(rng, plan, m, m, null);
  } finally {
    releasePlan(plan);
  }
}
