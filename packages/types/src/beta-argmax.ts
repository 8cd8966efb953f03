import { InfraError } from './errors.js';
import { EDGE, TWO_23, TWO_M47, ZX, checkOut, refineUniform, zigguratEdge } from './batch-samplers.js';
import { DRAWN, STRIDE, betaFromGammas, betaLoop, envelopeDraw, envelopeExact, envelopeSqueeze, newPlan, planShape } from './beta-sampler.js';
import { createRng, type Rng } from './rng.js';
import { erfc } from './special.js';

/** An arm is thinned once the running maximum lies this many envelope standard deviations above its mode. */
const Z0 = 0.5;
/** Steps per unit of the table of Q(z) = P(Z > z) for a standard normal Z, on 0 ≤ z ≤ 8. */
const STEPS = 64;
const TWO_M16 = 1 / 65536;
/** Arms a {@link BetaArgmax} sampler takes (indices 0 … 2²⁰ − 1). */
const MAX_ARMS = 1 << 20;

let tailTable: Float64Array | null = null;

/**
 * Q(zᵢ) and φ(zᵢ) at zᵢ = i/64 for i = 0…512, interleaved (set up on first use: 513 `erfc` calls), then a pair
 * of zeros (bounds beyond z = 8).
 */
export function qTable(): Float64Array {
  if (tailTable === null) {
    const t = new Float64Array(2 * (8 * STEPS + 2));
    for (let i = 0; i <= 8 * STEPS; i++) {
      const z = i / STEPS;
      t[2 * i] = 0.5 * erfc(z * Math.SQRT1_2);
      t[2 * i + 1] = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }
    tailTable = t;
  }
  return tailTable;
}

/**
 * The thinning event V < c·Q(z) when the table's steps around z could not decide it for the first 16 bits w of V
 * (about φ(z)/64 of thinned arms): the rest of V against bounds from Q's convexity on z ≥ 0 — below the chord of
 * the step, above the tangent at its right end, both kept 1e-12 wide (a gap below zφ(z)/6000) — and Q(z) from
 * `erfc` only inside that gap or beyond the table.
 */
function thinningExact(rng: Rng, qt: Float64Array, i: number, w: number, c: number, z: number): boolean {
  const v = refineUniform(rng, w, TWO_M16);
  if (i < 8 * STEPS) {
    if (v >= c * tailChord(qt, i, z) * (1 + 1e-12)) return false;
    if (v < c * tailTangent(qt, i, z) * (1 - 1e-12)) return true;
  }
  return v < c * 0.5 * erfc(z * Math.SQRT1_2);
}

/** An upper bound on Q(z) for i/64 ≤ z < (i + 1)/64 ≤ 8: the chord of the convex Q over that step. */
export function tailChord(qt: Float64Array, i: number, z: number): number {
  const q0 = qt[2 * i] as number;
  return q0 + ((qt[2 * i + 2] as number) - q0) * (z * STEPS - i);
}

/** A lower bound on Q(z) for i/64 ≤ z < (i + 1)/64 ≤ 8: the tangent of the convex Q at the step's right end. */
export function tailTangent(qt: Float64Array, i: number, z: number): number {
  return (qt[2 * i + 2] as number) + (qt[2 * i + 3] as number) * ((i + 1) / STEPS - z);
}

/**
 * The thinned draw of an envelope arm that passed the thinning event: one proposal from the envelope's normal
 * beyond the running maximum, then the envelope's own acceptance test. The proposal is a standard normal z
 * conditioned on z > zM = `DRAWN[0]` (passed there: a double argument of a call that is not inlined is boxed):
 * ziggurat magnitudes until one exceeds zM while that happens often (2Q(zM) ≥ 23 % for zM ≤ 1.2), else Robert's
 * (1995) exponential proposals zM + E/λ with λ = (zM + √(zM² + 4))/2, accepted with probability
 * exp(−(z − λ)²/2). Accepted: the arm's draw, left in `DRAWN[0]`, exceeds the maximum; rejected: it does not.
 */
function thinnedDraw(rng: Rng, plan: Float64Array, o: number): boolean {
  const zM = DRAWN[0] as number;
  let z = zM;
  if (zM <= 1.2) {
    for (;;) {
      const w0 = rng.nextUint32();
      const layer = w0 & 127;
      if (!((ZX[layer] as number) > zM)) continue; // the whole layer lies below zM
      z = ((w0 >>> 8) * TWO_23 + (rng.nextUint32() >>> 9)) * TWO_M47 * (ZX[layer] as number);
      if (!(z < (ZX[layer + 1] as number))) {
        if (!zigguratEdge(rng, layer, z)) continue;
        z = EDGE[0] as number;
      }
      if (z > zM) break;
    }
  } else {
    const lambda = 0.5 * (zM + Math.sqrt(zM * zM + 4));
    for (;;) {
      z = zM - Math.log(1 - rng.next()) / lambda;
      const h = 0.5 * (z - lambda) * (z - lambda);
      const u = rng.next();
      if (u <= 1 - h || u < Math.exp(-h)) break; // e^(−h) ≥ 1 − h
    }
  }
  const mode = plan[o + 2] as number;
  const t = (plan[o + 3] as number) * z;
  const x = mode + t;
  if (!(x < 1)) return false; // beyond the support, where the density is 0
  const squeeze = envelopeSqueeze(t, mode, plan[o + 4] as number, plan[o + 5] as number, plan[o + 6] as number);
  const k = rng.nextUint32() & 511;
  if (!(k + 1 <= 512 * squeeze || envelopeExact(rng, plan, o, t, k, squeeze))) return false;
  DRAWN[0] = x;
  return true;
}

/**
 * The gamma-ratio entries of a plan of m entries, drawn in full: the index of the largest draw (−1 when there is
 * none), with that draw left in `DRAWN[0]` (−1 when there is none).
 */
function gammaArgmax(rng: Rng, plan: Float64Array, m: number): number {
  let best = -1;
  let max = -1;
  for (let s = 0, o = 0; s < m; s++, o += STRIDE) {
    const mode = plan[o + 2] as number;
    if (mode === mode) continue;
    betaFromGammas(rng, plan[o] as number, plan[o + 1] as number);
    const x = DRAWN[0] as number;
    if (x > max) {
      max = x;
      best = s;
    }
  }
  DRAWN[0] = max;
  return best;
}

/**
 * The argmax loop over the envelope entries of a plan of m entries (see {@link argmaxBetas}), from entry `lead`
 * (then the others in order), against the running maximum `DRAWN[0]` (−1, or the largest gamma-ratio draw, whose
 * index is `best`). No gamma-ratio code in this loop: the compiler inlines calls by how often they ran, and the
 * gamma ratio (the first rounds of Thompson sampling, with small shapes) would take the inlining budget of the
 * envelope's `nextUint32()` calls. The thinning test is written out here: it runs for most arms, and a call that
 * is not inlined would box its double arguments.
 */
function envelopeArgmax(rng: Rng, plan: Float64Array, m: number, qt: Float64Array, lead: number, best: number): number {
  let max = DRAWN[0] as number;
  let spare = -1; // the unused low 16 bits of the last word, or −1
  for (let k = -1; k < m; k++) {
    if (k === lead) continue;
    const s = k < 0 ? lead : k;
    const o = s * STRIDE;
    const mode = plan[o + 2] as number;
    if (!(mode === mode)) continue; // a gamma-ratio entry, drawn already
    const z = (max - mode) * (plan[o + 8] as number);
    if (z >= Z0) {
      // Thinning: V < c·Q(z) for a uniform V = (w + …)/2¹⁶ (16 bits of a word, the other 16 kept for the next
      // arm), Q(z) between the table's values at i/64 = ⌊64z⌋/64 and the next step (Q falls; the last step is
      // Q(8), then 0), both kept 1e-12 wide.
      let w = spare;
      if (w < 0) {
        const word = rng.nextUint32();
        w = word >>> 16;
        spare = word & 0xffff;
      } else spare = -1;
      const i = z < 8 ? (z * STEPS) | 0 : 8 * STEPS;
      const c = plan[o + 9] as number;
      const v = w * TWO_M16;
      if (v >= c * (qt[2 * i] as number) * (1 + 1e-12)) continue; // θ ≤ max
      if (!(v + TWO_M16 <= c * (qt[2 * i + 2] as number) * (1 - 1e-12)) && !thinningExact(rng, qt, i, w, c, z)) continue;
      DRAWN[0] = z;
      if (!thinnedDraw(rng, plan, o)) continue;
    } else envelopeDraw(rng, plan, o);
    const x = DRAWN[0] as number;
    if (x > max) {
      max = x;
      best = s;
    }
  }
  return best;
}

/**
 * A Beta argmax sampler that keeps its arms' shapes, with their per-shape constants, between calls: the inner
 * loop of Beta–Bernoulli Thompson sampling. {@link BetaArgmax.set} gives arm i its shapes; setting the shapes it
 * already has costs two comparisons, and an arm whose shapes did not change need not be set again at all.
 * {@link BetaArgmax.draw} then draws over arms 0 … k − 1 as {@link argmaxBetas} describes. Mutable (a cache); not
 * for re-entrant use from inside its own `Rng`.
 */
export interface BetaArgmax {
  /**
   * Give arm i (an integer from 0 to 2²⁰ − 1) the shapes Beta(alpha, beta); they stay until set again.
   * @throws InfraError naming `alpha[i]` / `beta[i]` for a shape that is not a positive finite number, `i` for a
   *   bad index, `INVALID_STATE` while the sampler draws
   */
  set(i: number, alpha: number, beta: number): void;
  /**
   * The index of the largest of independent draws θᵢ ~ Beta(alphaᵢ, betaᵢ) over arms 0 … k − 1.
   * @throws InfraError `INVALID_ARGUMENT` naming `k` unless k ≥ 1 and arms 0 … k − 1 were all set,
   *   `INVALID_STATE` while the sampler draws
   */
  draw(rng: Rng, k: number): number;
  /**
   * Fill `out` with independent draws over arms 0 … k − 1, `out[j] ~ Beta(alpha_(j mod k), beta_(j mod k))` (as
   * {@link fillBetas} does; `r·k` entries hold `r` joint draws).
   * @throws InfraError as {@link BetaArgmax.draw}, and naming `out` when its length is not a multiple of k
   */
  fill<T extends number[] | Float64Array>(rng: Rng, k: number, out: T): T;
}

class Sampler implements BetaArgmax {
  private table: Float64Array = newPlan(16);
  /** While drawing: `set`, `draw` and `fill` refuse (a re-entrant call from inside the Rng). */
  busy = false;
  /** Filled by {@link Sampler.scan}: the envelope arm with the highest lead score, whether there are gamma arms. */
  private lead = 0;
  private mixed = false;

  set(i: number, alpha: number, beta: number): void {
    let plan = this.table;
    const o = i * STRIDE;
    // The shapes arm i holds already (so i is a valid index): nothing to do, even while drawing.
    if (plan[o] === alpha && plan[o + 1] === beta) return;
    if (this.busy) throw new InfraError('INVALID_STATE', 'sampler', 'is drawing (a re-entrant call from inside its Rng)');
    if (!((i | 0) === i && i >= 0 && i < MAX_ARMS)) {
      throw new InfraError('INVALID_ARGUMENT', 'i', `must be an integer from 0 to ${MAX_ARMS - 1}, got ${String(i)}`);
    }
    if (!(plan.length >= STRIDE * (i + 1))) {
      plan = newPlan(Math.min(MAX_ARMS, 2 * (i + 1)));
      plan.set(this.table);
      this.table = plan;
    }
    planShape(plan, i, alpha, beta, 'alpha', 'beta');
  }

  draw(rng: Rng, k: number): number {
    this.scan(k);
    const qt = tailTable ?? qTable();
    const plan = this.table;
    const lead = this.lead;
    this.busy = true;
    try {
      let best = lead;
      DRAWN[0] = -1;
      if (this.mixed) {
        const g = gammaArgmax(rng, plan, k);
        if (g >= 0) best = g;
      }
      return envelopeArgmax(rng, plan, k, qt, lead, best); // from the maximum in DRAWN[0]
    } finally {
      this.busy = false;
    }
  }

  fill<T extends number[] | Float64Array>(rng: Rng, k: number, out: T): T {
    this.scan(k);
    if (out.length % k !== 0) throw new InfraError('INVALID_ARGUMENT', 'out', `length ${out.length} is not a multiple of k = ${k}`);
    this.busy = true;
    try {
      betaLoop(rng, this.table, k, out.length, out);
    } finally {
      this.busy = false;
    }
    return out;
  }

  /** Check arms 0 … k − 1, and find the lead (highest mode + 1.5 envelope sd) and whether any is gamma-ratio. */
  private scan(k: number): void {
    if (this.busy) throw new InfraError('INVALID_STATE', 'sampler', 'is drawing (a re-entrant call from inside its Rng)');
    const plan = this.table;
    if (!(k >= 1 && STRIDE * k <= plan.length && (k | 0) === k)) {
      throw new InfraError('INVALID_ARGUMENT', 'k', `must be an integer from 1 to the number of arms set, got ${String(k)}`);
    }
    let top = -Infinity;
    let lead = 0;
    let mixed = false;
    for (let i = 0, o = 10; i < k; i++, o += STRIDE) {
      const score = plan[o] as number;
      if (score > top) {
        top = score;
        lead = i;
      } else if (!(score === score)) {
        if (!((plan[o - 10] as number) > 0)) throw new InfraError('INVALID_ARGUMENT', 'k', `arm ${i} of the ${k} was never set`);
        mixed = true;
      }
    }
    this.lead = lead;
    this.mixed = mixed;
  }
}

/**
 * A new {@link BetaArgmax} sampler (one per policy or arm set: it keeps their shapes' constants between calls).
 *
 * @returns the sampler
 *
 * @example
 * ```ts @import.meta.vitest
 * const sampler = betaArgmax();
 * sampler.set(0, 40, 60);
 * sampler.set(1, 60, 40);
 * sampler.set(2, 45, 55);
 * const rng = createRng(6);
 * const wins = [0, 0, 0];
 * for (let t = 0; t < 3000; t++) wins[sampler.draw(rng, 3)]! += 1; // the arms keep their shapes
 * expect(wins[1]! / 3000).toBeGreaterThan(0.9);
 * expect(() => sampler.draw(rng, 4)).toThrow(/^k: /);
 * ```
 */
export function betaArgmax(): BetaArgmax {
  return new Sampler();
}

// The sampler behind argmaxBetas and fillBetas; a call that finds it drawing (re-entrant, from inside a
// user-supplied Rng) uses a sampler of its own.
const shared = new Sampler();

/**
 * The index of the largest of independent draws θᵢ ~ Beta(alpha[i], beta[i]): one joint draw of Beta–Bernoulli
 * Thompson sampling, exact, without drawing every θᵢ in full. The arms are visited from the likeliest leader (the
 * highest mode + 1.5 envelope standard deviations) with the running maximum M; only the event θᵢ > M and, when it
 * happens, θᵢ itself matter. For an arm on the normal envelope of {@link drawBeta} (f ≤ c·h with h the
 * N(mode, 1/κ) density) whose mode lies more than 0.5/√κ below M, that event is drawn by thinning: with
 * probability c·P_h(Y > M) propose Y from h beyond M and keep it with the envelope's acceptance probability
 * f(Y)/(c·h(Y)), so that P(θᵢ ∈ dx, x > M) = f(x)dx exactly, and θᵢ ≤ M otherwise. Its first test costs 16
 * random bits and a table lookup, so an arm far behind the leader costs a fraction of a draw. Other arms (and
 * gamma-ratio shapes) are drawn in full. Ties (probability zero) go to the first arm visited. The per-shape
 * constants are kept while the shapes repeat from one call to the next (a Thompson-sampling posterior changes one
 * arm per update; {@link betaArgmax} keeps them per policy). A different stream from {@link fillBetas}.
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
 * expect(argmaxBetas(createRng(1), [3, 30], [2, 20])).toBe(argmaxBetas(createRng(1), [3, 30], [2, 20]));
 * ```
 */
export function argmaxBetas(rng: Rng, alpha: ArrayLike<number>, beta: ArrayLike<number>): number {
  const m = alpha.length;
  if (m === 0) throw new InfraError('EMPTY', 'alpha', 'needs at least one shape');
  if (beta.length !== m) throw new InfraError('INVALID_ARGUMENT', 'beta', `expected ${m} shapes like alpha, got ${beta.length}`);
  const sampler = shared.busy ? new Sampler() : shared;
  for (let i = 0; i < m; i++) sampler.set(i, alpha[i] as number, beta[i] as number);
  return sampler.draw(rng, m);
}

/**
 * Fill a buffer with independent beta draws, `out[j] ~ Beta(alpha[j mod m], beta[j mod m])` with
 * `m = alpha.length = beta.length` (a buffer of `r·m` entries holds `r` joint draws, as Thompson sampling
 * needs), by {@link drawBeta} (exact; its algorithm is described there), through the sampler behind
 * {@link argmaxBetas}. Shapes are validated once per call,
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
  if (m === 0) return out;
  const sampler = shared.busy ? new Sampler() : shared;
  for (let i = 0; i < m; i++) sampler.set(i, alpha[i] as number, beta[i] as number);
  return sampler.fill(rng, m, out);
}
