import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { assertJson, deepFreeze, deserializeState, parseJsonSafe, serializeState } from './json.js';
import { assertFiniteArray, assertPlainObject } from './validate.js';
import { checkJsonRoundTrip, deepEqualData } from './testing.js';
import { isInfraError } from './errors.js';

interface Demo {
  readonly version: 1;
  readonly xs: readonly number[];
}
const validateDemo = (s: unknown, path: string): Demo => {
  const o = assertPlainObject(s, path);
  if (o['version'] !== 1) throw new Error('bad version');
  return { version: 1, xs: Array.from(assertFiniteArray(o['xs'], `${path}.xs`)) };
};

describe('serializeState / deserializeState', () => {
  test('round-trip any JSON value exactly (without the keys it rejects by design, tested below)', () => {
    checkJsonRoundTrip(
      fc
        .jsonValue()
        .filter((v) => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(v)))
        .map((v) => JSON.parse(JSON.stringify(v)) as unknown),
      (s) => serializeState('any', 3, s),
      (t) => deserializeState(t, 'any', 3, (x) => x),
    );
  });
  test('round-trip a typed state and reject a malformed one without a partial result', () => {
    const text = serializeState('demo', 1, { version: 1, xs: [1, 2.5] });
    expect(deserializeState(text, 'demo', 1, validateDemo)).toEqual({ version: 1, xs: [1, 2.5] });
    expect(() => deserializeState('{"kind":"demo","version":1,"state":{"version":1,"xs":[1,"a"]}}', 'demo', 1, validateDemo)).toThrow(
      'state.xs[1]: must be a finite number, got "a"',
    );
    // A validator's own exception becomes INVALID_STATE.
    expect(() => deserializeState('{"kind":"demo","version":1,"state":{"version":2}}', 'demo', 1, validateDemo)).toThrow(/INVALID|failed validation/);
    expect(() => deserializeState(text, 'other', 1, validateDemo)).toThrow('json.kind: expected "other", got "demo"');
  });
  test('never turns NaN or Infinity into null', () => {
    expect(() => serializeState('demo', 1, { x: [Infinity] })).toThrow('state.x[0]: must be a finite number, got Infinity');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => serializeState('demo', 1, cyclic)).toThrow('state.self: is a circular reference');
    expect(() => serializeState('demo', 1, new Map())).toThrow('state: must be a plain object, got an object');
  });
});

describe('parseJsonSafe(text)', () => {
  test('rejects prototype-polluting keys at any depth', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      try {
        parseJsonSafe(`{"a":{"b":[{"${key}":{"polluted":true}}]}}`);
        expect.unreachable();
      } catch (e) {
        expect(isInfraError(e, 'UNSAFE_KEY')).toBe(true);
      }
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
  test('assertJson rejects unsafe keys created in code', () => {
    const o = JSON.parse('{"__proto__": 1}') as unknown;
    expect(() => assertJson(o, 'state')).toThrow('state.__proto__: is not an allowed key');
  });
});

describe('deepFreeze(x)', () => {
  test('freezes nested objects so that writes throw in strict mode', () => {
    const s = deepFreeze({ a: { b: [1, 2] } });
    expect(() => {
      (s.a.b as number[]).push(3);
    }).toThrow(TypeError);
    expect(deepEqualData(s, { a: { b: [1, 2] } })).toBe(true);
  });
});
