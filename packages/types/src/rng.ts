import { InfraError } from './errors.js';
import { assertFiniteArray, assertInteger, assertPlainObject } from './validate.js';

/**
 * The complete, JSON-serializable state of an {@link Rng}: the four 32-bit words of xoshiro128**.
 * Restoring it with {@link rngFromState} continues the exact same stream.
 */
export interface RngState {
  /** The generator algorithm (only `xoshiro128**` today). */
  readonly algorithm: 'xoshiro128**';
  /** The four state words, each an unsigned 32-bit integer, not all zero. */
  readonly s: readonly [number, number, number, number];
}

/**
 * A seeded pseudo-random stream (xoshiro128** by Blackman and Vigna). It is the only source of randomness
 * `@infra/*` functions use: it is passed in, never created inside library code. An `Rng` object is mutable
 * (each draw advances it); its {@link RngState} is plain data. Streams are bit-identical on every platform:
 * the generator uses only 32-bit integer arithmetic (`Math.imul`, shifts).
 */
export interface Rng {
  /** The next unsigned 32-bit integer in [0, 2³²). */
  nextUint32(): number;
  /** The next double in [0, 1) with 53 random bits. */
  next(): number;
  /** A snapshot of the current state (plain JSON). */
  getState(): RngState;
  /** An independent copy that continues the same stream from here. */
  clone(): Rng;
}

class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 >>> 0;
    this.s1 = s1 >>> 0;
    this.s2 = s2 >>> 0;
    this.s3 = s3 >>> 0;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * 1.1102230246251565e-16; // 2^-53
  }

  getState(): RngState {
    return { algorithm: 'xoshiro128**', s: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0] };
  }

  clone(): Rng {
    return new Xoshiro128(this.s0, this.s1, this.s2, this.s3);
  }
}

/** One step of a 32-bit SplitMix-style mixer (a bijective finalizer over a Weyl sequence). */
function mix32(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function fromWords(words: readonly number[]): Rng {
  let acc = 0x9e3779b9;
  for (const w of words) acc = mix32((acc ^ w) + 0x6d2b79f5);
  const s: number[] = [];
  let weyl = acc;
  for (let i = 0; i < 4; i++) {
    weyl = (weyl + 0x9e3779b9) >>> 0;
    s.push(mix32(weyl));
  }
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  return new Xoshiro128(s[0]!, s[1]!, s[2]!, s[3]!);
}

function splitSafeInteger(seed: number): [number, number] {
  const lo = seed % 4294967296;
  const hi = (seed - lo) / 4294967296;
  return [lo >>> 0, hi >>> 0];
}

/**
 * Create a generator from an integer seed (any safe integer, negative included). Equal seeds give equal
 * streams on every platform.
 *
 * @param seed - a safe integer
 * @returns a fresh generator
 * @throws InfraError when `seed` is not a safe integer
 *
 * @example
 * ```ts @import.meta.vitest
 * const a = createRng(42);
 * const b = createRng(42);
 * expect(a.next()).toBe(b.next());
 * expect(a.next()).toBeGreaterThanOrEqual(0);
 * ```
 */
export function createRng(seed: number): Rng {
  assertInteger(seed, 'seed');
  return fromWords(splitSafeInteger(seed));
}

/**
 * Restore a generator from a state snapshot (validated: four uint32 words, not all zero).
 *
 * @param state - a snapshot from {@link Rng.getState}
 * @returns a generator continuing that stream
 * @throws InfraError when the state is malformed
 *
 * @example
 * ```ts @import.meta.vitest
 * const rng = createRng(7);
 * rng.next();
 * const saved = JSON.parse(JSON.stringify(rng.getState()));
 * const expected = rng.next();
 * expect(rngFromState(saved).next()).toBe(expected);
 * ```
 */
export function rngFromState(state: RngState): Rng {
  const o = assertPlainObject(state, 'state');
  if (o['algorithm'] !== 'xoshiro128**') {
    throw new InfraError('INVALID_STATE', 'state.algorithm', `must be "xoshiro128**", got ${JSON.stringify(o['algorithm'])}`);
  }
  const s = assertFiniteArray(o['s'], 'state.s', { length: 4 });
  for (let i = 0; i < 4; i++) assertInteger(s[i], `state.s[${i}]`, { min: 0, max: 0xffffffff });
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) throw new InfraError('INVALID_STATE', 'state.s', 'must not be all zero');
  return new Xoshiro128(s[0]!, s[1]!, s[2]!, s[3]!);
}

/**
 * Derive an independent stream numbered `stream` from a generator's current state, without advancing it.
 * Use it to give each simulated instance, arm or worker its own stream so that adding one does not shift
 * the others' draws.
 *
 * @param rng - the parent generator (not advanced)
 * @param stream - a non-negative integer naming the child stream
 * @returns a new generator
 * @throws InfraError when `stream` is not a non-negative safe integer
 *
 * @example
 * ```ts @import.meta.vitest
 * const root = createRng(1);
 * const a = forkRng(root, 0).next();
 * const b = forkRng(root, 1).next();
 * expect(a).not.toBe(b);
 * expect(forkRng(root, 0).next()).toBe(a);
 * ```
 */
export function forkRng(rng: Rng, stream: number): Rng {
  assertInteger(stream, 'stream', { min: 0 });
  const { s } = rng.getState();
  return fromWords([...s, ...splitSafeInteger(stream), 0x5eed]);
}
