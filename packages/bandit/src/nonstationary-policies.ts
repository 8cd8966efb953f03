import type { MabState } from './mab-core.js';
import type { BanditPolicy } from './policy.js';
import { thompsonBeta, type ThompsonBetaOptions } from './thompson.js';
import { ucb1, type Ucb1Options } from './ucb.js';

/** Options of the discounted policies: the base options plus the discount factor. */
export interface DiscountOptions {
  /** Discount factor γ ∈ (0, 1) applied to every arm's statistics before each update. */
  readonly discount: number;
}

/** Options of the sliding-window policies: the base options plus the window length. */
export interface WindowOptions {
  /** Number of most recent observations kept (a positive integer). */
  readonly window: number;
}

/**
 * Discounted UCB (Garivier & Moulines 2011): {@link ucb1} over statistics multiplied by γ before each
 * update, so old rewards fade with half-life ln 2 / ln(1/γ) updates.
 *
 * @param options - the {@link ucb1} options plus `discount`
 * @returns the policy
 * @throws InfraError `OUT_OF_RANGE` for a discount outside (0, 1)
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = discountedUCB({ arms: 2, discount: 0.9 });
 * const s = policy.update(policy.update(policy.init(), { action: 0, reward: 1 }), { action: 1, reward: 0 });
 * expect(s.counts).toEqual([0.9, 1]);
 * ```
 */
export function discountedUCB(options: Omit<Ucb1Options, 'nonStationary'> & DiscountOptions): BanditPolicy<MabState> {
  return ucb1({ ...options, nonStationary: { discount: options.discount } });
}

/**
 * Sliding-window UCB (Garivier & Moulines 2011): {@link ucb1} over the last `window` observations.
 *
 * @param options - the {@link ucb1} options plus `window`
 * @returns the policy
 * @throws InfraError for a non-positive window
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = slidingWindowUCB({ arms: 2, window: 1 });
 * const s = policy.update(policy.update(policy.init(), { action: 0, reward: 1 }), { action: 1, reward: 0 });
 * expect(s.counts).toEqual([0, 1]);
 * ```
 */
export function slidingWindowUCB(options: Omit<Ucb1Options, 'nonStationary'> & WindowOptions): BanditPolicy<MabState> {
  return ucb1({ ...options, nonStationary: { window: options.window } });
}

/**
 * Discounted Thompson sampling (Raj & Kalyani 2017): {@link thompsonBeta} whose pseudo-counts are
 * multiplied by γ before each update.
 *
 * @param options - the {@link thompsonBeta} options plus `discount`
 * @returns the policy
 * @throws InfraError `OUT_OF_RANGE` for a discount outside (0, 1)
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = discountedThompson({ arms: 2, discount: 0.5 });
 * const s = policy.update(policy.update(policy.init(), { action: 0, reward: 1 }), { action: 0, reward: 1 });
 * expect(s.sums).toEqual([1.5, 0]);
 * ```
 */
export function discountedThompson(
  options: Omit<ThompsonBetaOptions, 'nonStationary'> & DiscountOptions,
): BanditPolicy<MabState> {
  return thompsonBeta({ ...options, nonStationary: { discount: options.discount } });
}

/**
 * Sliding-window Thompson sampling: {@link thompsonBeta} over the last `window` observations.
 *
 * @param options - the {@link thompsonBeta} options plus `window`
 * @returns the policy
 * @throws InfraError for a non-positive window
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = slidingWindowThompson({ arms: 2, window: 2 });
 * let s = policy.init();
 * for (const r of [1, 0, 0]) s = policy.update(s, { action: 0, reward: r });
 * expect(s.sums).toEqual([0, 0]);
 * expect(s.counts).toEqual([2, 0]);
 * ```
 */
export function slidingWindowThompson(
  options: Omit<ThompsonBetaOptions, 'nonStationary'> & WindowOptions,
): BanditPolicy<MabState> {
  return thompsonBeta({ ...options, nonStationary: { window: options.window } });
}
