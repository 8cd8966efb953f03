// A packed-double array of zeros to copy from: `slice` of a packed-double array is a plain memory copy, about
// half the cost of building the array by pushes (the hot paths allocate a few small vectors per decision).
// Never written to.
const TEMPLATE: number[] = [0.5];
TEMPLATE.pop();
for (let i = 0; i < 256; i++) TEMPLATE.push(0);

/**
 * A packed array of `n` zeros stored as doubles. `new Array(n)` creates a holey array, which V8 reads more
 * slowly in the numeric hot loops; an array that holds doubles from the start stays packed doubles, so
 * writing a fraction later does not reallocate the backing store. Up to 256 entries it is a copy of a
 * template of zeros, beyond that it is built by pushes.
 *
 * @param n - length
 * @returns a new plain array of zeros
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(zeros(3)).toEqual([0, 0, 0]);
 * expect(zeros(300).length).toBe(300);
 * ```
 */
export function zeros(n: number): number[] {
  if (n <= TEMPLATE.length) return TEMPLATE.slice(0, n);
  const a: number[] = [0.5];
  a.pop();
  for (let i = 0; i < n; i++) a.push(0);
  return a;
}
