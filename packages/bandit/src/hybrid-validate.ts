import { InfraError, assertInteger, assertPlainObject } from './infra-types.js';
import type { HybridArm, HybridSettings, HybridShared, HybridState } from './hybrid-core.js';
import { assertStateArray, assertStateHead } from './state-checks.js';

/** A d×d matrix field: finite, symmetric, positive diagonal. */
function symmetric(x: unknown, path: string, n: number): number[] {
  const m = assertStateArray(x, path, n * n, 'finite');
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const bad = j === i ? !((m[i * n + i] as number) > 0) : m[i * n + j] !== m[j * n + i];
      if (bad) throw new InfraError('INVALID_STATE', `${path}[${i * n + j}]`, j === i ? 'diagonal must be > 0' : 'must be symmetric');
    }
  }
  return m;
}

function sinceField(x: unknown, path: string): number {
  return assertInteger(x, path, { min: 0 });
}

/**
 * Validate a hybrid state: dimensions, shapes, finiteness, symmetric Gram matrices and inverses with positive
 * diagonals, for the shared block and every arm.
 *
 * @param x - the candidate
 * @param path - argument path used in errors
 * @param s - settings (the dimensions must match)
 * @returns the state, typed (fresh arrays)
 * @throws InfraError naming the bad field, e.g. `state.models[1].coupling[3]`
 *
 * @example
 * ```ts @import.meta.vitest
 * const cfg = { arms: [0], k: 1, d: 1, lambda: 1, refactorEvery: 1000, lo: -Infinity, hi: Infinity };
 * const shared = { gram: [1], inverse: [1], b: [0], beta: [0], sinceRefactor: 0 };
 * const arm = { gram: [1], inverse: [1], cross: [0], b: [0], coupling: [0], own: [0], sinceRefactor: 0 };
 * const state = { version: 1, arms: [0], pulls: [0], sharedDimension: 1, armDimension: 1, t: 0, shared, models: [arm] };
 * expect(hybridValidate(state, 'state', cfg).sharedDimension).toBe(1);
 * expect(() => hybridValidate({ ...state, armDimension: 3 }, 'state', cfg)).toThrow(/state.armDimension/);
 * expect(() => hybridValidate({ ...state, models: [{ ...arm, inverse: [0] }] }, 'state', cfg)).toThrow(/state.models\[0\].inverse\[0\]/);
 * ```
 */
export function hybridValidate(x: unknown, path: string, s: HybridSettings): HybridState {
  const { o, arms, pulls } = assertStateHead(x, path);
  const n = arms.length;
  if (o['sharedDimension'] !== s.k) throw new InfraError('SHAPE_MISMATCH', `${path}.sharedDimension`, `expected ${s.k}`);
  if (o['armDimension'] !== s.d) throw new InfraError('SHAPE_MISMATCH', `${path}.armDimension`, `expected ${s.d}`);
  const { k, d } = s;
  const t = assertInteger(o['t'], `${path}.t`, { min: 0 });
  const sp = `${path}.shared`;
  const so = assertPlainObject(o['shared'], sp);
  const shared: HybridShared = {
    gram: symmetric(so['gram'], `${sp}.gram`, k),
    inverse: symmetric(so['inverse'], `${sp}.inverse`, k),
    b: assertStateArray(so['b'], `${sp}.b`, k, 'finite'),
    beta: assertStateArray(so['beta'], `${sp}.beta`, k, 'finite'),
    sinceRefactor: sinceField(so['sinceRefactor'], `${sp}.sinceRefactor`),
  };
  const ms = o['models'];
  if (!Array.isArray(ms) || ms.length !== n) throw new InfraError('SHAPE_MISMATCH', `${path}.models`, `must be an array of ${n} models`);
  const models = ms.map((m: unknown, a): HybridArm => {
    const p = `${path}.models[${a}]`;
    const mo = assertPlainObject(m, p);
    return {
      gram: symmetric(mo['gram'], `${p}.gram`, d),
      inverse: symmetric(mo['inverse'], `${p}.inverse`, d),
      cross: assertStateArray(mo['cross'], `${p}.cross`, d * k, 'finite'),
      b: assertStateArray(mo['b'], `${p}.b`, d, 'finite'),
      coupling: assertStateArray(mo['coupling'], `${p}.coupling`, d * k, 'finite'),
      own: assertStateArray(mo['own'], `${p}.own`, d, 'finite'),
      sinceRefactor: sinceField(mo['sinceRefactor'], `${p}.sinceRefactor`),
    };
  });
  return { version: 1, arms, pulls, sharedDimension: k, armDimension: d, t, shared, models };
}
