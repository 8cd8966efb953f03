import { createRng } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { matVec, quadForm, shermanMorrison, spdInverse } from './linalg.js';

function randomSpd(d: number, seed: number): number[] {
  const rng = createRng(seed);
  const b = Array.from({ length: d * d }, () => rng.next() - 0.5);
  const a = new Array<number>(d * d).fill(0);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = i === j ? 0.5 : 0;
    for (let k = 0; k < d; k++) s += b[i * d + k]! * b[j * d + k]!;
    a[i * d + j] = s;
  }
  return a;
}

describe('quadForm', () => {
  test.each([1, 2, 3, 7, 8, 32, 33])('equals xᵀ(Mx) for d = %i', (d) => {
    const m = randomSpd(d, d);
    const rng = createRng(100 + d);
    const x = Array.from({ length: d }, () => rng.next() * 2 - 1);
    const y = matVec(m, x, d);
    const direct = y.reduce((acc, v, i) => acc + v * x[i]!, 0);
    expect(quadForm(m, x, d)).toBeCloseTo(direct, 12);
  });
});

describe('shermanMorrison / spdInverse', () => {
  test.each([1, 4, 9, 16])('rank-1 updates of I/λ equal a fresh inverse of λI + Σxxᵀ (d = %i)', (d) => {
    const rng = createRng(d);
    const gram = new Array<number>(d * d).fill(0);
    const inv = new Array<number>(d * d).fill(0);
    for (let i = 0; i < d; i++) {
      gram[i * d + i] = 2;
      inv[i * d + i] = 0.5;
    }
    const u = new Float64Array(d);
    for (let t = 0; t < 50; t++) {
      const x = Array.from({ length: d }, () => rng.next() * 2 - 1);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) gram[i * d + j]! += x[i]! * x[j]!;
      shermanMorrison(inv, x, d, u);
    }
    const fresh = spdInverse(gram, d);
    fresh.forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 10));
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) expect(inv[i * d + j]).toBe(inv[j * d + i]);
  });
  test('spdInverse rejects a matrix that is not positive definite', () => {
    expect(() => spdInverse([1, 2, 2, 1], 2)).toThrow(/positive definite/);
  });
});
