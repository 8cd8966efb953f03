import fc from 'fast-check';
import type { ArmId } from './arms.js';
import type { LinearState } from './linear-core.js';
import type { MabState } from './mab-core.js';
import type { BanditPolicy, BanditState } from './policy.js';

/** One observation of the naive model's history (`arm` is null once the arm was reset or removed). */
export interface Entry {
  /** The arm that was played, or null once that arm was reset or removed. */
  arm: ArmId | null;
  /** The reward. */
  reward: number;
  /** The feedback context (empty for non-contextual policies). */
  x: number[];
  /** Which reset or removal retired the arm's model (a counter), once `arm` is null. */
  retired?: number;
}

/** The naive model: full history, arm list and lifetime pulls. */
export interface Model {
  /** Current arms, in state order. */
  arms: ArmId[];
  /** Lifetime pulls per arm. */
  pulls: Map<ArmId, number>;
  /** Every update so far. */
  history: Entry[];
  /** Counter for the ids of added arms. */
  nextId: number;
  /** Number of resets and removals so far (tags of retired arm models). */
  retirements: number;
}

/** Options of the model-based checkers. */
export interface ModelCheckOptions {
  /** Discount factor the policy was built with (default: none). */
  readonly discount?: number | undefined;
  /** Sliding window the policy was built with (default: none). */
  readonly window?: number | undefined;
  /** Ridge λ of a linear policy (default 1). */
  readonly lambda?: number | undefined;
  /** Largest reward the commands use (default 1; rewards are drawn in [0, maxReward]). */
  readonly maxReward?: number | undefined;
  /** Relative tolerance of the comparison (default 1e-9). */
  readonly tolerance?: number | undefined;
  /** Maximum commands per run (default 60). */
  readonly maxCommands?: number | undefined;
  /** Number of runs (default: fast-check's setting). */
  readonly numRuns?: number | undefined;
  /** Seed to replay a failure. */
  readonly seed?: number | undefined;
}

type Box<S> = { s: S };

/**
 * Throw unless `a` and `b` agree to the relative tolerance `tol` (relative to max(1, |a|, |b|)).
 *
 * @param a - the incremental value
 * @param b - the naive value
 * @param tol - relative tolerance
 * @param what - name used in the error
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(() => close(1, 1 + 1e-12, 1e-9, 'x')).not.toThrow();
 * expect(() => close(1, 2, 1e-9, 'x')).toThrow(/x: incremental 1/);
 * ```
 */
export function close(a: number, b: number, tol: number, what: string): void {
  if (!(Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b)))) throw new Error(`${what}: incremental ${a} ≠ naive ${b}`);
}

function commands<S extends BanditState>(
  policy: BanditPolicy<S, never>,
  d: number,
  maxReward: number,
  check: (m: Model, s: S) => void,
): fc.Arbitrary<fc.Command<Model, Box<S>>>[] {
  // fc.double spreads its draws over the exponent range (mostly tiny magnitudes and exact zeros); half the
  // draws come from an evenly spaced grid instead, so that most runs see features and rewards of order one.
  const grid = (lo: number, hi: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: 1000 }).map((i) => lo + ((hi - lo) * i) / 1000);
  const feature = fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), grid(-1, 1));
  const reward = fc.oneof(fc.double({ min: 0, max: maxReward, noNaN: true }), grid(0, maxReward));
  const update = fc
    .tuple(fc.nat(), reward, fc.array(feature, { minLength: d, maxLength: d }))
    .map(([k, reward, x]): fc.Command<Model, Box<S>> => ({
      check: () => true,
      run(m, r) {
        const arm = m.arms[k % m.arms.length] as ArmId;
        r.s = policy.update(r.s, (d > 0 ? { action: arm, reward, context: x } : { action: arm, reward }) as never);
        m.history.push({ arm, reward, x });
        m.pulls.set(arm, (m.pulls.get(arm) ?? 0) + 1);
        check(m, r.s);
      },
      toString: () => `update(${k}, ${reward})`,
    }));
  const add = fc.constant<fc.Command<Model, Box<S>>>({
    check: (m) => m.arms.length < 6,
    run(m, r) {
      const id = `new${m.nextId++}`;
      r.s = policy.addArm(r.s, id);
      m.arms.push(id);
      m.pulls.set(id, 0);
      check(m, r.s);
    },
    toString: () => 'addArm',
  });
  const forget = (m: Model, id: ArmId): void => {
    const tag = m.retirements++;
    for (const e of m.history) {
      if (e.arm !== id) continue;
      e.arm = null;
      e.retired = tag;
    }
  };
  const remove = fc.nat().map((k): fc.Command<Model, Box<S>> => ({
    check: (m) => m.arms.length > 1,
    run(m, r) {
      const id = m.arms[k % m.arms.length] as ArmId;
      r.s = policy.removeArm(r.s, id);
      m.arms = m.arms.filter((a) => a !== id);
      m.pulls.delete(id);
      forget(m, id);
      check(m, r.s);
    },
    toString: () => `removeArm(${k})`,
  }));
  const reset = fc.nat().map((k): fc.Command<Model, Box<S>> => ({
    check: () => true,
    run(m, r) {
      const id = m.arms[k % m.arms.length] as ArmId;
      r.s = policy.resetArm(r.s, id);
      forget(m, id);
      check(m, r.s);
    },
    toString: () => `resetArm(${k})`,
  }));
  return [update, update, update, add, remove, reset];
}

/**
 * Drive a policy and the naive {@link Model} with random `update` / `addArm` / `removeArm` / `resetArm`
 * commands (`fc.commands`); after each command the arm lists and pulls must agree and `check` compares the rest.
 * Contextual feedback uses flat contexts of length `d` with features in [-1, 1].
 *
 * @param policy - the policy under test
 * @param d - feedback context length (0 for non-contextual)
 * @param opts - rewards, runs, seed
 * @param check - throws on a mismatch between the model and the state
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = { init: () => ({ version: 1, arms: [0], pulls: [0] }),
 *   update: (s: BanditState) => ({ ...s, pulls: [s.pulls[0]! + 1] }),
 *   addArm: (s: BanditState) => s, removeArm: (s: BanditState) => s, resetArm: (s: BanditState) => s };
 * expect(() => runModel(policy as never, 0, { numRuns: 10 }, () => undefined)).toThrow(/Property failed/);
 * ```
 */
export function runModel<S extends BanditState>(
  policy: BanditPolicy<S, never>,
  d: number,
  opts: ModelCheckOptions | undefined,
  check: (m: Model, s: S) => void,
): void {
  const maxReward = opts?.maxReward ?? 1;
  const full = (m: Model, s: S): void => {
    if (JSON.stringify(s.arms) !== JSON.stringify(m.arms)) throw new Error('arm lists differ');
    m.arms.forEach((a, j) => {
      if (s.pulls[j] !== m.pulls.get(a)) throw new Error(`pulls of ${String(a)} differ`);
    });
    check(m, s);
  };
  const cmds = commands(policy, d, maxReward, full);
  const params = {
    ...(opts?.numRuns !== undefined ? { numRuns: opts.numRuns } : {}),
    ...(opts?.seed !== undefined ? { seed: opts.seed } : {}),
  };
  fc.assert(
    fc.property(fc.commands(cmds, { maxCommands: opts?.maxCommands ?? 60 }), (cs) => {
      const s0 = policy.init() as unknown as S;
      const model: Model = { arms: [...s0.arms], pulls: new Map(s0.arms.map((a) => [a, 0])), history: [], nextId: 0, retirements: 0 };
      fc.modelRun(() => ({ model, real: { s: s0 } }), cs);
    }),
    params,
  );
}

/**
 * Model-based test (`fc.commands`) of a non-contextual policy: random sequences of `update`, `addArm`,
 * `removeArm` and `resetArm` are applied both to the policy and to a naive model that keeps the full
 * history; after every command the policy's incremental `counts`, `sums`, `sumSquares` and `pulls` must
 * equal a recompute from the history (with the given discount or window).
 *
 * @param policy - a policy over {@link MabState}
 * @param opts - the policy's discount / window, tolerance, runs
 * @throws Error with fast-check's replay information on a mismatch
 *
 * @example
 * ```ts @import.meta.vitest
 * const bad = { init: () => ({ version: 1, arms: [0], pulls: [0], counts: [0], sums: [0], sumSquares: [0], t: 0, window: null }),
 *   update: (s: MabState) => ({ ...s, pulls: [s.pulls[0]! + 1], counts: [s.counts[0]! + 2] }),
 *   addArm: (s: MabState) => s, removeArm: (s: MabState) => s, resetArm: (s: MabState) => s };
 * expect(() => checkMabModel(bad as never, { numRuns: 5 })).toThrow();
 * ```
 */
export function checkMabModel(policy: BanditPolicy<MabState>, opts?: ModelCheckOptions): void {
  const g = opts?.discount ?? 1;
  const w = opts?.window ?? 0;
  const tol = opts?.tolerance ?? 1e-9;
  runModel(policy as never, 0, opts, (m: Model, s: MabState) => {
    const n = m.history.length;
    m.arms.forEach((a, j) => {
      let c = 0;
      let sum = 0;
      let sq = 0;
      m.history.forEach((e, tau) => {
        if (e.arm !== a || (w > 0 && tau < n - w)) return;
        const weight = g ** (n - 1 - tau);
        c += weight;
        sum += weight * e.reward;
        sq += weight * e.reward * e.reward;
      });
      close(s.counts[j] as number, c, tol, `counts[${j}]`);
      close(s.sums[j] as number, sum, tol, `sums[${j}]`);
      close(s.sumSquares[j] as number, sq, tol, `sumSquares[${j}]`);
    });
  });
}

/**
 * Solve Mz = v for several right-hand sides at once by Gaussian elimination with partial pivoting (the naive
 * O(d³) reference of the model-based tests).
 *
 * @param m - a d×d matrix as rows (not mutated)
 * @param rhs - right-hand sides, each of length d
 * @returns one solution per right-hand side
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(solveColumns([[2, 0], [0, 4]], [[2, 4], [1, 0]])).toEqual([[1, 1], [0.5, 0]]);
 * ```
 */
export function solveColumns(m: number[][], rhs: readonly number[][]): number[][] {
  const d = m.length;
  const n = rhs.length;
  const a = m.map((row, i) => [...row, ...rhs.map((v) => v[i] as number)]);
  for (let c = 0; c < d; c++) {
    let piv = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    for (let r = c + 1; r < d; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k < d + n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return rhs.map((_, j) => {
    const z = new Array<number>(d).fill(0);
    for (let r = d - 1; r >= 0; r--) {
      let s = a[r]![d + j]!;
      for (let k = r + 1; k < d; k++) s -= a[r]![k]! * z[k]!;
      z[r] = s / a[r]![r]!;
    }
    return z;
  });
}

function solve(m: number[][], v: number[]): number[] {
  return solveColumns(m, [v])[0]!;
}

/**
 * Model-based test (`fc.commands`) of a linear contextual policy: after every `update`, `addArm`,
 * `removeArm` or `resetArm`, each arm's Gram matrix, b, A⁻¹ (column by column) and θ̂ must equal a naive
 * recompute from its history: A = λI + Σxxᵀ, b = Σrx, θ̂ = A⁻¹b solved by Gaussian elimination.
 *
 * @param policy - a policy over {@link LinearState}
 * @param opts - λ, tolerance, runs
 * @throws Error with fast-check's replay information on a mismatch
 *
 * @example
 * ```ts @import.meta.vitest
 * const bad = { init: () => ({ version: 1, arms: [0], pulls: [0], dimension: 1, t: 0,
 *   models: [{ gram: [1], inverse: [1], b: [0], theta: [0], sinceRefactor: 0 }] }),
 *   update: (s: LinearState) => ({ ...s, pulls: [s.pulls[0]! + 1] }),
 *   addArm: (s: LinearState) => s, removeArm: (s: LinearState) => s, resetArm: (s: LinearState) => s };
 * expect(() => checkLinearModel(bad as never, { numRuns: 20 })).toThrow();
 * ```
 */
export function checkLinearModel(policy: BanditPolicy<LinearState, ArrayLike<number>>, opts?: ModelCheckOptions): void {
  const lambda = opts?.lambda ?? 1;
  const tol = opts?.tolerance ?? 1e-9;
  const d = (policy.init() as LinearState).dimension;
  runModel(policy as never, d, opts, (m: Model, s: LinearState) => {
    m.arms.forEach((a, j) => {
      const gram = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, k) => (i === k ? lambda : 0)));
      const b = new Array<number>(d).fill(0);
      for (const e of m.history) {
        if (e.arm !== a) continue;
        for (let i = 0; i < d; i++) {
          b[i]! += e.reward * e.x[i]!;
          for (let k = 0; k < d; k++) gram[i]![k]! += e.x[i]! * e.x[k]!;
        }
      }
      const model = s.models[j] as LinearState['models'][number];
      for (let i = 0; i < d; i++) {
        close(model.b[i] as number, b[i]!, tol, `models[${j}].b[${i}]`);
        for (let k = 0; k < d; k++) close(model.gram[i * d + k] as number, gram[i]![k]!, tol, `models[${j}].gram`);
        const col = solve(gram, gram.map((_, r) => (r === i ? 1 : 0)));
        for (let k = 0; k < d; k++) close(model.inverse[k * d + i] as number, col[k]!, tol * 1e3, `models[${j}].inverse`);
      }
      const theta = solve(gram, b);
      for (let i = 0; i < d; i++) close(model.theta[i] as number, theta[i]!, tol * 1e3, `models[${j}].theta[${i}]`);
    });
  });
}
