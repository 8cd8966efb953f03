import { klScores } from './kl-index.js';
import { zeros } from './zeros.js';

/**
 * What {@link klArgmax} keeps between decisions: per arm slot, the statistics an index was solved for, the
 * level, the score and the score's slope in the level. Internal scratch of one `klUCB` policy; it is keyed by
 * the exact statistics, so it never changes a decision, only how many indices are solved.
 */
export interface KlCache {
  /** Five doubles per arm slot: count, sum, level, score, slope (NaN count: empty). */
  table: Float64Array;
  /** Per arm, within one call: its score once solved, else an upper bound of it (scratch). */
  value: Float64Array;
  /** Per arm, within one call: 1 once its index is solved (scratch). */
  solved: Uint8Array;
  /** Arms to solve next (scratch). */
  list: Int32Array;
}

/**
 * A new, empty {@link KlCache}.
 *
 * @returns the cache
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(createKlCache().table.length).toBe(0);
 * ```
 */
export function createKlCache(): KlCache {
  return { table: new Float64Array(0), value: new Float64Array(0), solved: new Uint8Array(0), list: new Int32Array(0) };
}

const W = 5;

/**
 * The argmax of the KL-UCB scores of {@link klScores} — the same one-hot vector, exact ties split evenly, as
 * `argmaxPmf(klScores(…))` — while solving only the indices that can still win. The index q(ℓ) of an arm is
 * concave and increasing in the level ℓ (it inverts kl(μ, ·), which is convex and increasing on (μ, 1)), so the
 * tangent at a level ℓ₀ where it was solved bounds it from above at every level:
 * q(ℓ) ≤ q(ℓ₀) + (ℓ − ℓ₀)·q(1 − q)/((q − μ)·n). With the score and this slope cached per arm (keyed by the
 * exact count and sum), a decision solves the arms whose statistics changed (one, after an update), the arm
 * with the highest bound unless it cannot win, and then only arms whose bound reaches the best solved score. The
 * bound carries a margin of 1e-3 of the tangent step plus 1e-11 of the range (the solver is accurate to 1e-12);
 * bounds within 1e-9 of the top of the range, and slopes where q − μ < 1e-4, are not trusted (the arm is
 * solved). Untried arms score `Number.MAX_VALUE` as in {@link klScores}.
 *
 * @param counts - per-arm effective counts
 * @param sums - per-arm reward sums
 * @param level - the exploration level ln N + c·ln ln N
 * @param lo - reward range lower end
 * @param scale - reward range width
 * @param cache - the policy's cache (updated)
 * @param p - where to write the probability vector (length ≥ counts.length, overwritten)
 * @returns the number of indices solved (for tests and benchmarks)
 *
 * @example
 * ```ts @import.meta.vitest
 * const cache = createKlCache();
 * const p = [0, 0, 0];
 * expect(klArgmax([10, 20, 30], [5, 12, 16], Math.log(60), 0, 1, cache, p)).toBe(3);
 * expect(p).toEqual([1, 0, 0]);
 * expect(klArgmax([10, 20, 31], [5, 12, 17], Math.log(61), 0, 1, cache, p)).toBeLessThan(3);
 * expect(p).toEqual([1, 0, 0]);
 * ```
 */
export function klArgmax(
  counts: ArrayLike<number>,
  sums: ArrayLike<number>,
  level: number,
  lo: number,
  scale: number,
  cache: KlCache,
  p: number[],
): number {
  const k = counts.length;
  if (cache.value.length < k) {
    cache.table = new Float64Array(W * k).fill(Number.NaN);
    cache.value = new Float64Array(k);
    cache.solved = new Uint8Array(k);
    cache.list = new Int32Array(k);
  }
  const t = cache.table;
  const value = cache.value;
  const done = cache.solved;
  const list = cache.list;
  const top = lo + scale * (1 - 1e-9); // near the top the solver clips to 1: always solve there
  const margin = 1e-11 * scale;
  let best = -Infinity;
  let topArm = -1;
  let topBound = -Infinity;
  let n = 0;
  for (let i = 0, o = 0; i < k; i++, o += W) {
    const c = counts[i] as number;
    const s = sums[i] as number;
    done[i] = 1;
    if (!(c > 0)) {
      value[i] = Number.MAX_VALUE;
      best = Number.MAX_VALUE;
    } else if (t[o] === c && t[o + 1] === s) {
      const dl = level - (t[o + 2] as number);
      const v = t[o + 3] as number;
      if (dl === 0) {
        value[i] = v; // solved at this very level
        if (v > best) best = v;
        continue;
      }
      const step = dl * (t[o + 4] as number);
      const ub = v + step + 1e-3 * Math.abs(step) + margin;
      if (ub < top) {
        value[i] = ub;
        done[i] = 0;
        if (ub > topBound) {
          topBound = ub;
          topArm = i;
        }
      } else list[n++] = i;
    } else list[n++] = i;
  }
  // First the arms without a usable bound, then the one with the highest bound unless it cannot win.
  let solved = n;
  best = solveArms(counts, sums, level, lo, scale, cache, n, best);
  if (topArm >= 0 && !(topBound < best)) {
    list[0] = topArm;
    solved += 1;
    best = solveArms(counts, sums, level, lo, scale, cache, 1, best);
  }
  // Then every arm whose bound still reaches the best score. Afterwards each unsolved arm's score is below
  // its bound, which is below the best: it can neither win nor tie.
  n = 0;
  for (let i = 0; i < k; i++) if (done[i] === 0 && !((value[i] as number) < best)) list[n++] = i;
  solved += n;
  best = solveArms(counts, sums, level, lo, scale, cache, n, best);
  // One-hot on the best score, exact ties split evenly as in argmaxPmf.
  let ties = 0;
  for (let i = 0; i < k; i++) if (done[i] === 1 && value[i] === best) ties++;
  const share = 1 / ties;
  for (let i = 0; i < k; i++) p[i] = done[i] === 1 && value[i] === best ? share : 0;
  return solved;
}

// One-arm buffers of solveArms (the common case: no allocation).
const one = { counts: [0], sums: [0], scratch: [0] };

/** Solve the first `n` arms of `cache.list` (one {@link klScores} call), cache them, return the new best score. */
function solveArms(
  counts: ArrayLike<number>,
  sums: ArrayLike<number>,
  level: number,
  lo: number,
  scale: number,
  cache: KlCache,
  n: number,
  best: number,
): number {
  if (n === 0) return best;
  const list = cache.list;
  const cs = n === 1 ? one.counts : zeros(n);
  const ss = n === 1 ? one.sums : zeros(n);
  for (let j = 0; j < n; j++) {
    const i = list[j] as number;
    cs[j] = counts[i] as number;
    ss[j] = sums[i] as number;
  }
  const scores = klScores(cs, ss, level, lo, scale, n === 1 ? one.scratch : zeros(n));
  const t = cache.table;
  for (let j = 0; j < n; j++) {
    const i = list[j] as number;
    const c = cs[j] as number;
    const s = ss[j] as number;
    const v = scores[j] as number;
    cache.value[i] = v;
    cache.solved[i] = 1;
    if (v > best) best = v;
    // The slope of the score in the level, q(1 − q)/((q − μ)·n) in index units; where it is not reliable
    // (q at the mean or at the top, a huge count) an infinite slope forces a solve next time.
    const q = (v - lo) / scale;
    const mu = Math.min(1, Math.max(0, (s / c - lo) / scale));
    const gap = q - mu;
    const o = W * i;
    t[o] = c;
    t[o + 1] = s;
    t[o + 2] = level;
    t[o + 3] = v;
    t[o + 4] = q >= 1 ? 0 : gap > 1e-4 ? (scale * q * (1 - q)) / (gap * c) : Number.POSITIVE_INFINITY;
  }
  return best;
}
