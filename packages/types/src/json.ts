import { InfraError, describeValue } from './errors.js';
import { assertInteger, assertPlainObject, assertString } from './validate.js';

/** A JSON value: what every `@infra/*` state must be made of. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Keys rejected in untrusted JSON: they could reach an object's prototype. */
export const UNSAFE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

function checkJson(x: unknown, path: string, seen: Set<object>): void {
  if (x === null || typeof x === 'boolean' || typeof x === 'string') return;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new InfraError('NOT_FINITE', path, `must be a finite number, got ${describeValue(x)}`);
    return;
  }
  if (typeof x !== 'object') throw new InfraError('INVALID_ARGUMENT', path, `is not JSON (got ${typeof x})`);
  if (seen.has(x)) throw new InfraError('INVALID_ARGUMENT', path, 'is a circular reference');
  seen.add(x);
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) checkJson(x[i], `${path}[${i}]`, seen);
  } else {
    assertPlainObject(x, path);
    for (const [k, v] of Object.entries(x)) {
      if (UNSAFE_KEYS.includes(k)) throw new InfraError('UNSAFE_KEY', `${path}.${k}`, 'is not an allowed key');
      if (v === undefined) continue;
      checkJson(v, `${path}.${k}`, seen);
    }
  }
  seen.delete(x);
}

/**
 * Require a plain JSON value: finite numbers, strings, booleans, null, arrays and plain objects, no cycles,
 * no unsafe keys. Properties whose value is `undefined` are allowed (JSON drops them).
 *
 * @param x - the value to check
 * @param path - the argument's path
 * @returns `x` as {@link Json}
 * @throws InfraError `NOT_FINITE`, `UNSAFE_KEY` or `INVALID_ARGUMENT` naming the offending path
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertJson({ a: [1, 'x', null] }, 'state')).toEqual({ a: [1, 'x', null] });
 * expect(() => assertJson({ a: [1, Number.NaN] }, 'state')).toThrow('state.a[1]: must be a finite number, got NaN');
 * expect(() => assertJson({ f: () => 1 }, 'state')).toThrow('state.f: is not JSON (got function)');
 * ```
 */
export function assertJson(x: unknown, path: string): Json {
  checkJson(x, path, new Set());
  return x as Json;
}

/**
 * Parse untrusted JSON text, rejecting `__proto__`, `constructor` and `prototype` keys anywhere.
 *
 * @param text - the JSON text
 * @param path - name used in errors (default `json`)
 * @returns the parsed value
 * @throws InfraError `PARSE_ERROR` for invalid JSON, `UNSAFE_KEY` for a forbidden key
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(parseJsonSafe('{"a":[1,2]}')).toEqual({ a: [1, 2] });
 * expect(() => parseJsonSafe('{"__proto__":{"x":1}}')).toThrow('json.__proto__: is not an allowed key');
 * expect(() => parseJsonSafe('{oops')).toThrow(/json: is not valid JSON/);
 * ```
 */
export function parseJsonSafe(text: string, path = 'json'): unknown {
  assertString(text, path);
  let unsafe: string | undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, function (this: unknown, key: string, value: unknown) {
      if (unsafe === undefined && UNSAFE_KEYS.includes(key)) unsafe = key;
      return value;
    });
  } catch (e) {
    throw new InfraError('PARSE_ERROR', path, `is not valid JSON (${(e as Error).message})`);
  }
  if (unsafe !== undefined) throw new InfraError('UNSAFE_KEY', `${path}.${unsafe}`, 'is not an allowed key');
  return parsed;
}

/** The envelope written by {@link serializeState}. */
export interface StateEnvelope<S = Json> {
  /** What the state belongs to, e.g. `@infra/bandit/linucb`. */
  readonly kind: string;
  /** The state format's version. */
  readonly version: number;
  /** The state itself. */
  readonly state: S;
}

/**
 * Serialize a state to JSON text inside a `{ kind, version, state }` envelope. Fails loudly, never
 * silently turning NaN into `null`.
 *
 * @param kind - what the state belongs to
 * @param version - the state format's version (a non-negative integer)
 * @param state - a plain JSON value
 * @returns JSON text
 * @throws InfraError when `state` is not plain JSON (NaN, Infinity, functions, class instances, cycles)
 *
 * @example
 * ```ts @import.meta.vitest
 * const text = serializeState('demo/counter', 1, { count: 3 });
 * expect(JSON.parse(text)).toEqual({ kind: 'demo/counter', version: 1, state: { count: 3 } });
 * expect(() => serializeState('demo/counter', 1, { count: Number.NaN })).toThrow(/state.count/);
 * ```
 */
export function serializeState(kind: string, version: number, state: unknown): string {
  assertString(kind, 'kind');
  assertInteger(version, 'version', { min: 0 });
  assertJson(state, 'state');
  return JSON.stringify({ kind, version, state });
}

/**
 * Parse and validate state written by {@link serializeState}. `validate` receives the parsed state and must
 * either return it (typed) or throw; this function never returns a half-valid object.
 *
 * @param text - JSON text
 * @param kind - the expected kind
 * @param version - the expected version
 * @param validate - checks the parsed state and returns it typed; throws an InfraError otherwise
 * @returns the validated state
 * @throws InfraError `PARSE_ERROR`, `UNSAFE_KEY`, `VERSION_MISMATCH`, or what `validate` throws
 *   (any non-InfraError thrown by `validate` is wrapped as `INVALID_STATE`)
 *
 * @example
 * ```ts @import.meta.vitest
 * const check = (s: unknown, path: string): { count: number } => {
 *   const o = assertPlainObject(s, path);
 *   return { count: assertInteger(o['count'], `${path}.count`, { min: 0 }) };
 * };
 * expect(deserializeState('{"kind":"c","version":1,"state":{"count":2}}', 'c', 1, check)).toEqual({ count: 2 });
 * expect(() => deserializeState('{"kind":"c","version":2,"state":{}}', 'c', 1, check)).toThrow(/version/);
 * expect(() => deserializeState('{"kind":"c","version":1,"state":{"count":-1}}', 'c', 1, check)).toThrow('state.count: must be ≥ 0, got -1');
 * ```
 */
export function deserializeState<S>(
  text: string,
  kind: string,
  version: number,
  validate: (state: unknown, path: string) => S,
): S {
  const envelope = assertPlainObject(parseJsonSafe(text), 'json');
  if (envelope['kind'] !== kind) {
    throw new InfraError('VERSION_MISMATCH', 'json.kind', `expected ${JSON.stringify(kind)}, got ${describeValue(envelope['kind'])}`);
  }
  if (envelope['version'] !== version) {
    throw new InfraError('VERSION_MISMATCH', 'json.version', `expected ${version}, got ${describeValue(envelope['version'])}`);
  }
  try {
    return validate(envelope['state'], 'state');
  } catch (e) {
    if (e instanceof InfraError) throw e;
    throw new InfraError('INVALID_STATE', 'state', `failed validation: ${(e as Error).message}`);
  }
}

/**
 * Recursively freeze a value (objects, arrays; typed arrays cannot be frozen and are left as they are).
 * Used by the purity laws: a function that writes to a frozen input throws in strict mode.
 *
 * @param x - the value to freeze
 * @returns the same value, frozen
 *
 * @example
 * ```ts @import.meta.vitest
 * const s = deepFreeze({ counts: [1, 2] });
 * expect(Object.isFrozen(s.counts)).toBe(true);
 * ```
 */
export function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !ArrayBuffer.isView(x) && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}
