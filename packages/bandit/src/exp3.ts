import { InfraError, logSumExp } from './infra-types.js';
import type { ArmId } from './arms.js';
import { mabSettings, type MabOptions, type MabState } from './mab-core.js';
import { mabPolicy } from './mab-policy.js';
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
  // The shared context-free policy supplies decide, estimates, the floor and the statistics; the overrides
  // below keep the log-weights in step with the arms.
  const base = mabPolicy({
    name: 'exp3',
    kind: 'bandit/exp3',
    settings,
    prior: (lo + hi) / 2,
    fixedFloor: 0,
    floor: (s) => gamma / s.arms.length,
    choose: (s) => {
      const lw = (s as Exp3State).logWeights;
      return { p: exp3Pmf(lw, gamma), scores: lw as number[], reason: 'EXP3 weights' };
    },
  }) as unknown as BanditPolicy<Exp3State>;
  return {
    ...base,
    init: (): Exp3State => {
      const st = base.init();
      return { ...st, logWeights: st.arms.map(() => 0) };
    },
    update(state: Exp3State, feedback: BanditFeedback): Exp3State {
      const next = base.update(state, feedback) as MabState & { logWeights?: readonly number[] };
      const i = state.arms.indexOf(feedback.action);
      const p = exp3Pmf(state.logWeights, gamma)[i] as number;
      const r = (feedback.reward - lo) / (hi - lo);
      const lw = state.logWeights.slice();
      lw[i] = (lw[i] as number) + (gamma * (r / p)) / lw.length;
      // `next` is the new state update just built: giving it its last field is far cheaper than a spread copy.
      next.logWeights = shift(lw);
      return next as Exp3State;
    },
    addArm: (state: Exp3State, id: ArmId): Exp3State => ({
      ...base.addArm(state, id),
      logWeights: shift([...state.logWeights, avgLogWeight(state.logWeights)]),
    }),
    removeArm(state: Exp3State, id: ArmId): Exp3State {
      const next = base.removeArm(state, id);
      const lw = state.logWeights.slice();
      lw.splice(state.arms.indexOf(id), 1);
      return { ...next, logWeights: shift(lw) };
    },
    resetArm(state: Exp3State, id: ArmId): Exp3State {
      const next = base.resetArm(state, id);
      const lw = state.logWeights.slice();
      lw[state.arms.indexOf(id)] = avgLogWeight(state.logWeights);
      return { ...next, logWeights: shift(lw) };
    },
    validate(x: unknown, path: string): Exp3State {
      const st = base.validate(x, path);
      const logWeights = assertStateArray((x as Record<string, unknown>)['logWeights'], `${path}.logWeights`, st.arms.length, 'finite');
      if (Math.max(...logWeights) !== 0) {
        throw new InfraError('INVALID_STATE', `${path}.logWeights`, 'the largest log-weight must be 0');
      }
      return { ...st, logWeights };
    },
  };
}
