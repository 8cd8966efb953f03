// off-policy evaluation and INDIGO
export { validateLog, validateTarget, deterministicTarget, targetFromFunction, type LoggedRound, type TargetProbabilities, type ValidateLogOptions } from './ope-logged-data.js';
export { fitRewardModel, predictRewards, rewardPredictionsFor, type ArmRidgeModel, type LinearRewardModel, type RewardModelWeighting, type FitRewardModelOptions } from './ope-reward-model.js';
export { type OpeEstimate, type OpeOptions, type ModelOpeOptions, type BootstrapOptions, type RewardPredictions } from './ope-core.js';
export { ips, snips, directMethod, doublyRobust, sndr, switchDR, doublyRobustShrinkage, type SwitchDrOptions, type DrosOptions } from './ope-estimators.js';
export { replay, type ReplayOptions, type ReplayEstimate } from './ope-replay.js';
