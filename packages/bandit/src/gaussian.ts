import type { Rng } from './infra-types.js';

/**
 * Fill a buffer with independent standard normal draws, two per accepted pair of uniforms (Marsaglia's
 * polar method: no trigonometric calls, acceptance rate π/4), without per-draw validation — the hot-path
 * companion of `normal(rng)` from `@infra/types` for Thompson sampling.
 *
 * @param rng - injected random source (advanced by about 2.55·⌈n/2⌉ uniforms)
 * @param out - the buffer to fill (mutated): a `Float64Array` or a plain array
 * @returns `out`
 *
 * @example
 * ```ts @import.meta.vitest
 * let u = 1;
 * const rng = { next: () => ((u = (u * 48271) % 2147483647) / 2147483647) } as unknown as Rng;
 * const z = fillStandardNormals(rng, new Float64Array(20000));
 * const mean = z.reduce((a, b) => a + b, 0) / z.length;
 * const variance = z.reduce((a, b) => a + b * b, 0) / z.length;
 * expect(Math.abs(mean)).toBeLessThan(0.03);
 * expect(Math.abs(variance - 1)).toBeLessThan(0.05);
 * ```
 */
export function fillStandardNormals<T extends Float64Array | number[]>(rng: Rng, out: T): T {
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    // Marsaglia's polar method: a uniform point in the unit disc gives two normals (no trigonometry).
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * rng.next() - 1;
      v = 2 * rng.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out[i] = u * f;
    if (i + 1 < n) out[i + 1] = v * f;
  }
  return out;
}
