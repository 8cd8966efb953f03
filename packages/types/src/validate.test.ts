import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import {
  assertFinite,
  assertFiniteArray,
  assertInRange,
  assertInteger,
  assertMatrix,
  assertNonEmpty,
  assertOneOf,
  assertPlainObject,
  assertProbabilityVector,
} from './validate.js';
import { InfraError, isInfraError } from './errors.js';
import { checkRobustness, nonFiniteArb, probabilityVectorArb } from './testing.js';

describe('validators', () => {
  test('accept every finite number and return it unchanged', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(assertFinite(x, 'x'), x)));
  });
  test('reject every non-finite number with NOT_FINITE naming the path', () => {
    fc.assert(fc.property(nonFiniteArb(), (x) => {
      try {
        assertFinite(x, 'opts.rate');
        return false;
      } catch (e) {
        return isInfraError(e, 'NOT_FINITE') && e.path === 'opts.rate';
      }
    }));
  });
  test('reject any non-number with INVALID_ARGUMENT (never another exception)', () => {
    checkRobustness((x: unknown) => assertFinite(x, 'x'), fc.anything().filter((x) => typeof x !== 'number'));
    checkRobustness((x: unknown) => assertFiniteArray(x, 'x'), fc.anything().filter((x) => !Array.isArray(x)));
    checkRobustness((x: unknown) => assertPlainObject(x, 'x'), fc.oneof(fc.array(fc.anything()), fc.string(), fc.integer(), fc.constant(null)));
  });
  test('name the offending element of arrays and matrices', () => {
    expect(() => assertFiniteArray(new Float64Array([1, Infinity]), 'ctx')).toThrow('ctx[1]: must be a finite number, got Infinity');
    expect(() => assertMatrix([[1, 2], [3, Number.NaN]], 'A')).toThrow('A[1][1]: must be a finite number, got NaN');
    expect(() => assertMatrix([[1]], 'A', { rows: 2 })).toThrow('A: must have 2 rows, got 1');
    expect(() => assertFiniteArray([], 'ctx', { minLength: 1 })).toThrow(InfraError);
  });
  test('assertProbabilityVector accepts generated probability vectors and rejects perturbed ones', () => {
    fc.assert(fc.property(probabilityVectorArb(5), (p) => assertProbabilityVector(p, 'p') === p));
    fc.assert(fc.property(probabilityVectorArb(5), fc.double({ min: 1e-6, max: 1, noNaN: true }), (p, d) => {
      const q = [...p];
      q[0] = q[0]! + d;
      try {
        assertProbabilityVector(q, 'p');
        return false;
      } catch (e) {
        return isInfraError(e, 'OUT_OF_RANGE');
      }
    }));
  });
  test('range and set checks', () => {
    expect(assertInRange(0, 'x', 0, 1)).toBe(0);
    expect(() => assertInRange(0, 'x', 0, 1, { minExclusive: true })).toThrow('x: must be in (0, 1], got 0');
    expect(() => assertInteger(2 ** 60, 'n')).toThrow(/^n: must be an integer, got 1152921504606847000$/);
    expect(() => assertNonEmpty('abc' as unknown as string[], 'arms')).toThrow('arms: must be an array, got "abc"');
    expect(() => assertOneOf(3, 'cls', ['a'])).toThrow('cls: must be one of "a", got 3');
    expect(() => assertPlainObject(new Date(0), 'o')).toThrow('o: must be a plain object, got an object');
  });
});
