/** Relative Frobenius error ‖a − b‖ / ‖b‖ of two equally long arrays (the drift scripts' measure). */
export function relErr(a: readonly number[], b: readonly number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += ((a[i] as number) - (b[i] as number)) ** 2;
    den += (b[i] as number) ** 2;
  }
  return Math.sqrt(num / den);
}
