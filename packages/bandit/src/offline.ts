/**
 * `@infra/bandit/offline`: offline training from logged rounds — per-arm weighted ridge reward models
 * ({@link fitRewardModel}), an ε-greedy policy trained with IPS or doubly robust weights ({@link learnFromLogs},
 * {@link ridgeGreedy}), a warm `LinearState` that `linUCB` / `linTS` continue online
 * ({@link learnLinearState}), {@link warmStart} (fold logged rounds into any policy's state) and
 * {@link linEpsilonGreedy}, ε-greedy over the per-arm ridge models of a `LinearState` — and
 * {@link fillStandardNormals}, a batch standard-normal sampler (Marsaglia's polar method) for simulations and
 * hand-written Thompson-style policies, kept out of the main entry for size.
 *
 * @packageDocumentation
 */
export {
  fitRewardModel,
  predictRewards,
  rewardPredictionsFor,
  type ArmRidgeModel,
  type LinearRewardModel,
  type RewardModelWeighting,
  type FitRewardModelOptions,
} from './ope-reward-model.js';
export {
  learnFromLogs,
  ridgeGreedy,
  type LearnFromLogsOptions,
  type RidgeGreedyConfig,
  type RidgeGreedyState,
  type RidgeFeedback,
} from './learn-from-logs.js';
export { learnLinearState, linearStateFromModel, type LearnLinearStateOptions } from './learn-linear-state.js';
export { warmStart } from './warm-start.js';
export { linEpsilonGreedy, type LinEpsilonGreedyOptions } from './linear-policies.js';
export { fillStandardNormals } from './gaussian.js';
