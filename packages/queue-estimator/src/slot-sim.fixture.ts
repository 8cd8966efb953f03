// Test helper (not exported): a tiny exact slot simulator for continuous batching without KV limits.
import { createRng, lognormal, randomInt, type Rng } from '@infra/types';

/** Draw an output length from a truncated lognormal (integer ≥ 1). */
export function drawOutput(rng: Rng, mu: number, sigma: number, maxTokens: number): number {
  return Math.max(1, Math.min(maxTokens, Math.round(lognormal(rng, mu, sigma))));
}

/** A snapshot in equilibrium: B running sequences (length-biased, uniform age) and k−1 queued jobs. */
export interface SlotScenario {
  readonly generated: number[];
  readonly remaining: number[];
  readonly queued: number[];
}

export function equilibriumScenario(rng: Rng, slots: number, ahead: number, draw: (rng: Rng) => number): SlotScenario {
  // length-biased sampling by rejection against the largest of a pool
  const pool = Array.from({ length: 4000 }, () => draw(rng));
  const maxO = Math.max(...pool);
  const generated: number[] = [];
  const remaining: number[] = [];
  while (generated.length < slots) {
    const o = pool[randomInt(rng, pool.length)]!;
    if (rng.next() * maxO > o) continue;
    const g = randomInt(rng, o);
    generated.push(g);
    remaining.push(o - g);
  }
  const queued = Array.from({ length: ahead }, () => draw(rng));
  return { generated, remaining, queued };
}

/** Decode iterations until the request behind `queued` is admitted (the (ahead+1)-th departure). */
export function admissionIteration(s: SlotScenario): number {
  const free = [...s.remaining].sort((a, b) => a - b); // free times of each slot
  for (const o of s.queued) {
    const t = free.shift()!;
    // insert t + o keeping the array sorted
    const v = t + o;
    let i = 0;
    while (i < free.length && free[i]! < v) i++;
    free.splice(i, 0, v);
  }
  return free[0]!;
}

export { createRng };
