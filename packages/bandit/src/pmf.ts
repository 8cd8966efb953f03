import { InfraError, type Decision, type Rng } from './infra-types.js';
import type { ArmId } from './arms.js';
import { zeros } from './zeros.js';

/**
 * Probability vector of a deterministic argmax rule: mass `1` split evenly over every arm whose score
 * equals the maximum (exact ties). The action is then drawn from this vector with the injected RNG, so a
 * tie is broken uniformly at random and the logged propensity is `1 / (number of tied arms)`.
 *
 * @param scores - one score per arm; `+Infinity` marks an arm that must be tried first
 * @param out - where to write the vector (default: a new array); may not be `scores`
 * @returns the probability vector (`out` when given)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(argmaxPmf([0.1, 0.7, 0.7])).toEqual([0, 0.5, 0.5]);
 * expect(argmaxPmf([Infinity, 1, Infinity])).toEqual([0.5, 0, 0.5]);
 * ```
 */
export function argmaxPmf(scores: ArrayLike<number>, out?: number[]): number[] {
  const k = scores.length;
  let best = -Infinity;
  let ties = 0;
  for (let i = 0; i < k; i++) {
    const s = scores[i] as number;
    if (s > best) {
      best = s;
      ties = 1;
    } else if (s === best) ties++;
  }
  const p = out ?? zeros(k);
  const share = 1 / ties;
  for (let i = 0; i < k; i++) p[i] = (scores[i] as number) === best ? share : 0;
  return p;
}

/**
 * Mix a probability vector with a uniform exploration floor in place: `p ← (1 − K·floor)·p + floor`,
 * so every entry is at least `floor`.
 *
 * @param p - a probability vector (mutated; pass a vector you own)
 * @param floor - per-arm minimum probability, `0 ≤ floor ≤ 1/K`
 * @returns `p`
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(mixFloor([1, 0, 0, 0], 0.025)).toEqual([0.925, 0.025, 0.025, 0.025]);
 * ```
 */
export function mixFloor(p: number[], floor: number): number[] {
  if (floor <= 0) return p;
  const k = p.length;
  const keep = 1 - k * floor;
  for (let i = 0; i < k; i++) p[i] = keep * (p[i] as number) + floor;
  return p;
}

/**
 * Draw an index from a probability vector by inversion with one `rng.next()` call. Entries equal to
 * zero are never drawn.
 *
 * @param p - probabilities (summing to 1)
 * @param rng - injected random source
 * @returns the drawn index
 *
 * @example
 * ```ts @import.meta.vitest
 * const rng = { next: () => 0.6 } as unknown as Parameters<typeof drawIndex>[1];
 * expect(drawIndex([0.5, 0, 0.5], rng)).toBe(2);
 * ```
 */
export function drawIndex(p: ArrayLike<number>, rng: Rng): number {
  const u = rng.next();
  let acc = 0;
  let last = -1;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    if (pi <= 0) continue;
    acc += pi;
    last = i;
    if (u < acc) return i;
  }
  return last;
}

/**
 * Draw an arm from `p` and build a {@link Decision} carrying the action, the full probability vector and
 * the chosen arm's propensity.
 *
 * @param arms - arm ids, in the order of `p`
 * @param p - the probability vector (owned by the decision afterwards)
 * @param rng - injected random source
 * @param reason - short human-readable reason for the trace
 * @param scores - optional per-arm scores for the trace
 * @returns the decision
 * @throws InfraError `EMPTY` when there are no arms
 *
 * @example
 * ```ts @import.meta.vitest
 * const rng = { next: () => 0.1 } as unknown as Parameters<typeof decideFrom>[2];
 * const d = decideFrom(['a', 'b'], [0.25, 0.75], rng, 'test');
 * expect(d.action).toBe('a');
 * expect(d.propensity).toBe(0.25);
 * ```
 */
export function decideFrom(
  arms: readonly ArmId[],
  p: number[],
  rng: Rng,
  reason: string,
  scores?: readonly number[],
): Decision<ArmId> {
  if (arms.length === 0) throw new InfraError('EMPTY', 'state.arms', 'the policy has no arms');
  const i = drawIndex(p, rng);
  const trace = scores === undefined ? { reason } : { reason, scores };
  return { action: arms[i] as ArmId, probabilities: p, propensity: p[i] as number, trace };
}
