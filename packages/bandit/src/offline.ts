/**
 * `@infra/bandit/offline`: offline training from logged rounds — per-arm weighted ridge reward models
 * ({@link fitRewardModel}), an ε-greedy policy trained with IPS or doubly robust weights ({@link learnFromLogs},
 * {@link ridgeGreedy}) and a warm `LinearState` that `linUCB` / `linTS` continue online
 * ({@link learnLinearState}).
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
