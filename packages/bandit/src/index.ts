export { assertArmId, normalizeArms, type ArmId } from './arms.js';
export { BANDIT_STATE_VERSION, type BanditFeedback, type BanditPolicy, type BanditState } from './policy.js';
export { argmaxPmf, drawIndex, mixFloor } from './pmf.js';
export {
  FLUSH_COUNT,
  type DiscountForgetting,
  type MabOptions,
  type MabState,
  type MabWindow,
  type NonStationarity,
  type WindowForgetting,
} from './mab-core.js';
export { epsilonGreedy, type EpsilonGreedyOptions } from './epsilon-greedy.js';
export { softmax, type SoftmaxOptions } from './softmax.js';
export { bernoulliKl, klUCB, ucb1, type KlUcbOptions, type Ucb1Options } from './ucb.js';
export {
  thompsonBeta,
  thompsonGaussian,
  type ThompsonBetaOptions,
  type ThompsonGaussianOptions,
  type ThompsonOptions,
} from './thompson.js';
export { exp3, type Exp3Options, type Exp3State } from './exp3.js';
export {
  discountedThompson,
  discountedUCB,
  slidingWindowThompson,
  slidingWindowUCB,
  type DiscountOptions,
  type WindowOptions,
} from './nonstationary.js';
export {
  changePointReset,
  type ChangePointOptions,
  type ChangePointState,
  type PageHinkleyStats,
} from './change-point.js';
export { dot, matVec, quadForm, shermanMorrison, spdInverse } from './linalg.js';
export { fillStandardNormals } from './gaussian.js';
export { type LinearArm, type LinearOptions, type LinearState } from './linear-core.js';
export {
  inverseGapWeights,
  linEpsilonGreedy,
  linTS,
  linUCB,
  squareCB,
  type LinEpsilonGreedyOptions,
  type LinTsOptions,
  type LinUcbOptions,
  type SquareCbOptions,
} from './linear-policies.js';
export { deserializeBandit, serializeBandit } from './serialize.js';
export { warmStart } from './warm-start.js';
// off-policy evaluation and INDIGO
export { validateLog, validateTarget, deterministicTarget, targetFromFunction, type LoggedRound, type TargetProbabilities, type ValidateLogOptions } from './ope-logged-data.js';
export { fitRewardModel, predictRewards, rewardPredictionsFor, type ArmRidgeModel, type LinearRewardModel, type RewardModelWeighting, type FitRewardModelOptions } from './ope-reward-model.js';
export { type OpeEstimate, type OpeOptions, type ModelOpeOptions, type BootstrapOptions, type RewardPredictions } from './ope-core.js';
export { ips, snips, directMethod, doublyRobust, sndr, switchDR, doublyRobustShrinkage, type SwitchDrOptions, type DrosOptions } from './ope-estimators.js';
export { replay, type ReplayOptions, type ReplayEstimate } from './ope-replay.js';
export { learnFromLogs, ridgeGreedy, type LearnFromLogsOptions, type RidgeGreedyConfig, type RidgeGreedyState, type RidgeFeedback } from './learn-from-logs.js';
export { learnLinearState, linearStateFromModel, type LearnLinearStateOptions } from './learn-linear-state.js';
export { indigoFeatures, netBenefit, INDIGO_FEATURE_NAMES, INDIGO_LEVELS, type PageTelemetry, type IndigoFeatureScales, type PromotionLevel, type MigrationOutcome, type NetBenefit, type NetBenefitOptions } from './indigo.js';
export { conservativeFallback, type FallbackOptions } from './indigo-fallback.js';
