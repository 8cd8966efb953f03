/**
 * A packed array of `n` zeros stored as doubles. `new Array(n)` creates a holey array, which V8 reads more
 * slowly in the numeric hot loops; pushing into an array that already holds doubles keeps the elements
 * packed doubles from the start, so writing a fraction later does not reallocate the backing store.
 *
 * @param n - length
 * @returns a new plain array of zeros
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(zeros(3)).toEqual([0, 0, 0]);
 * ```
 */
export function zeros(n: number): number[] {
  const a: number[] = [0.5];
  a.pop();
  for (let i = 0; i < n; i++) a.push(0);
  return a;
}
