/**
 * `@infra/bandit/nonstationary`: bandits for drifting rewards — discounted and sliding-window UCB and
 * Thompson sampling (the same policies as `ucb1` / `thompsonBeta` with their `nonStationary` option) and
 * {@link changePointReset}, a Page–Hinkley change detector that resets any policy's statistics.
 *
 * @packageDocumentation
 */
export {
  discountedThompson,
  discountedUCB,
  slidingWindowThompson,
  slidingWindowUCB,
  type DiscountOptions,
  type WindowOptions,
} from './nonstationary-policies.js';
export {
  changePointReset,
  type ChangePointOptions,
  type ChangePointState,
  type PageHinkleyStats,
} from './change-point.js';
