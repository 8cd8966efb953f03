import { InfraError } from './infra-types.js';
import { mabMeans, mabSettings, type MabOptions, type MabState } from './mab-core.js';
import { checkFloor, mabPolicy } from './mab-policy.js';
import { priorValue } from './epsilon-greedy.js';
import { mixFloor } from './pmf.js';
import type { BanditPolicy } from './policy.js';
import { zeros } from './zeros.js';
import { numberOption } from './options.js';

/** Options of {@link softmax}. */
export interface SoftmaxOptions extends MabOptions {
  /** Temperature T > 0 (default 0.1); smaller is greedier. */
  readonly temperature?: number | undefined;
  /** Mean assumed for arms without observations (default: midpoint of a finite range, else 0). */
  readonly initialValue?: number | undefined;
  /** Per-arm exploration floor mixed into the probabilities (default 0). */
  readonly floor?: number | undefined;
}

/**
 * Softmax (Boltzmann) exploration: p(a) ∝ exp(μ̂ₐ / T), computed with the maximum subtracted so it
 * never overflows.
 *
 * @param options - arms, temperature, optional floor, reward range, forgetting
 * @returns the policy
 * @throws InfraError `OUT_OF_RANGE` for a non-positive temperature or an infeasible floor
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = softmax({ arms: 3, temperature: 0.5 });
 * let s = policy.init();
 * s = policy.update(s, { action: 0, reward: 0.2 });
 * s = policy.update(s, { action: 1, reward: 0.5 });
 * s = policy.update(s, { action: 2, reward: 0.9 });
 * const rng = { next: () => 0.5 } as unknown as Parameters<typeof policy.decide>[2];
 * const p = policy.decide(s, undefined, rng).probabilities ?? [];
 * expect(p[0]).toBeCloseTo(0.1454055, 7);
 * expect(p[2]).toBeCloseTo(0.5896484, 7);
 * ```
 */
export function softmax(options: SoftmaxOptions): BanditPolicy<MabState> {
  const settings = mabSettings(options, 'options', false, [-Infinity, Infinity]);
  const temp = numberOption(options.temperature, 0.1, 'options.temperature', 0, true);
  const floor = checkFloor(options.floor, settings.arms.length, 'options.floor');
  const prior = priorValue(options.initialValue, settings.lo, settings.hi, 'options.initialValue');
  return mabPolicy({
    name: 'softmax',
    kind: 'bandit/softmax',
    settings,
    prior,
    fixedFloor: floor,
    floor: () => floor,
    choose(s) {
      const means = mabMeans(s, prior);
      const k = means.length;
      let m = -Infinity;
      for (let i = 0; i < k; i++) m = Math.max(m, means[i] as number);
      const p = zeros(k);
      let z = 0;
      for (let i = 0; i < k; i++) {
        const e = Math.exp(((means[i] as number) - m) / temp);
        p[i] = e;
        z += e;
      }
      for (let i = 0; i < k; i++) p[i] = (p[i] as number) / z;
      return { p: mixFloor(p, floor), scores: means, reason: 'softmax' };
    },
  });
}
