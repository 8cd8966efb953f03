/**
 * `@infra/bandit/ope`: the off-policy estimators beyond `ips`, `snips` and `doublyRobust` (which live in the
 * main entry) — replay, the direct method, self-normalized DR, Switch-DR and DR with shrinkage — and helpers
 * that build target-probability matrices. Each estimator returns an `OpeEstimate` with a standard
 * error and a confidence interval.
 *
 * @packageDocumentation
 */
export { deterministicTarget, targetFromFunction } from './ope-logged-data.js';
export {
  directMethod,
  sndr,
  switchDR,
  doublyRobustShrinkage,
  type SwitchDrOptions,
  type DrosOptions,
} from './ope-estimators.js';
export { replay, type ReplayOptions, type ReplayEstimate } from './ope-replay.js';
