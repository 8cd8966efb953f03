import { InfraError, assertPlainObject, logSumExp, type Decision, type Rng } from '@infra/types';
import { armIndex, type ArmId } from './arms.js';
import {
  checkFeedback,
  mabAdd,
  mabAddArm,
  mabInit,
  mabMeans,
  mabRemoveArm,
  mabResetArm,
  mabSettings,
  mabValidate,
  type MabOptions,
  type MabState,
} from './mab-core.js';
import { decideFrom } from './pmf.js';
import type { BanditFeedback, BanditPolicy } from './policy.js';
import { assertStateArray } from './state-checks.js';
import { zeros } from './zeros.js';
import { numberOption } from './options.js';

/** State of {@link exp3}: the usual statistics plus one log-weight per arm. */
export interface Exp3State extends MabState {
  /** Natural logarithm of each arm's weight (shifted so the largest is 0). */
  readonly logWeights: readonly number[];
}

/** Options of {@link exp3}. */
export interface Exp3Options extends Omit<MabOptions, 'nonStationary'> {
  /** Mixing rate γ ∈ (0, 1] (default 0.1); it is also the total uniform-exploration mass. */
  readonly gamma?: number | undefined;
}

function exp3Pmf(lw: readonly number[], gamma: number): number[] {
  // log-weights are kept shifted so that the largest is 0: exp never overflows and Σ ≥ 1.
  const k = lw.length;
  const p = zeros(k);
  let z = 0;
  for (let i = 0; i < k; i++) {
    const w = Math.exp(lw[i] as number);
    p[i] = w;
    z += w;
  }
  const scale = (1 - gamma) / z;
  for (let i = 0; i < k; i++) p[i] = (p[i] as number) * scale + gamma / k;
  return p;
}

function shift(lw: number[]): number[] {
  let m = -Infinity;
  for (const v of lw) m = Math.max(m, v);
  for (let i = 0; i < lw.length; i++) lw[i] = (lw[i] as number) - m;
  return lw;
}

/**
 * EXP3 for adversarial rewards (Auer, Cesa-Bianchi, Freund & Schapire 2002): pₐ = (1 − γ)·wₐ/Σw + γ/K;
 * after playing a with reward r (rescaled to [0, 1]), r̂ = r / pₐ and wₐ ← wₐ·exp(γ·r̂ / K). Weights are
 * kept as shifted logarithms, so they never overflow. Declared floor: γ/K. A new arm starts with the
 * average weight.
 *
 * @param options - arms, γ, reward range (default [0, 1], must be finite)
 * @returns the policy
 * @throws InfraError `OUT_OF_RANGE` for γ outside (0, 1]
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = exp3({ arms: 3, gamma: 0.1 });
 * const rng = { next: () => 0.1 } as unknown as Parameters<typeof policy.decide>[2];
 * expect(policy.decide(policy.init(), undefined, rng).probabilities?.[1]).toBeCloseTo(1 / 3, 15);
 * const s = policy.update(policy.init(), { action: 0, reward: 1 });
 * const p = policy.decide(s, undefined, rng).probabilities ?? [];
 * expect(p[0]).toBeCloseTo(0.3536551, 7);
 * expect(p[1]).toBeCloseTo(0.3231725, 7);
 * ```
 */
export function exp3(options: Exp3Options): BanditPolicy<Exp3State> {
  const settings = mabSettings({ ...options, nonStationary: undefined }, 'options', true, [0, 1]);
  const gamma = numberOption(options.gamma, 0.1, 'options.gamma', 0, true, 1);
  const { lo, hi } = settings;
  const avgLogWeight = (lw: readonly number[]): number => logSumExp(lw) - Math.log(lw.length);
  return {
    name: 'exp3',
    kind: 'bandit/exp3',
    rewardRange: [lo, hi],
    dimension: 0,
    init: (): Exp3State => {
      const base = mabInit(settings);
      return { ...base, logWeights: base.arms.map(() => 0) };
    },
    decide(state: Exp3State, _context: unknown, rng: Rng): Decision<ArmId> {
      return decideFrom(state.arms, exp3Pmf(state.logWeights, gamma), rng, 'EXP3 weights', state.logWeights);
    },
    update(state: Exp3State, feedback: BanditFeedback): Exp3State {
      const i = checkFeedback(state.arms, feedback, lo, hi);
      const p = exp3Pmf(state.logWeights, gamma)[i] as number;
      const r = (feedback.reward - lo) / (hi - lo);
      const lw = state.logWeights.slice();
      lw[i] = (lw[i] as number) + (gamma * (r / p)) / lw.length;
      return { ...mabAdd(state, i, feedback.reward, settings), logWeights: shift(lw) };
    },
    minProbability: (state: Exp3State): number => gamma / state.arms.length,
    estimates: (state: Exp3State): number[] => mabMeans(state, (lo + hi) / 2),
    addArm(state: Exp3State, id: ArmId): Exp3State {
      const next = mabAddArm(state, id);
      return { ...next, logWeights: shift([...state.logWeights, avgLogWeight(state.logWeights)]) };
    },
    removeArm(state: Exp3State, id: ArmId): Exp3State {
      const i = armIndex(state.arms, id, 'id');
      const next = mabRemoveArm(state, id);
      const lw = state.logWeights.slice();
      lw.splice(i, 1);
      return { ...next, logWeights: shift(lw) };
    },
    resetArm(state: Exp3State, id: ArmId): Exp3State {
      const i = armIndex(state.arms, id, 'id');
      const lw = state.logWeights.slice();
      lw[i] = avgLogWeight(state.logWeights);
      return { ...mabResetArm(state, id), logWeights: shift(lw) };
    },
    validate(x: unknown, path: string): Exp3State {
      const base = mabValidate(x, path, settings);
      const o = assertPlainObject(x, path);
      const logWeights = assertStateArray(o['logWeights'], `${path}.logWeights`, base.arms.length, 'finite');
      if (Math.max(...logWeights) !== 0) {
        throw new InfraError('INVALID_STATE', `${path}.logWeights`, 'the largest log-weight must be 0');
      }
      return { ...base, logWeights };
    },
  };
}
