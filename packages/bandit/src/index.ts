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
export { ucb1, type Ucb1Options } from './ucb.js';
export {
  thompsonBeta,
  thompsonGaussian,
  type ThompsonBetaOptions,
  type ThompsonGaussianOptions,
  type ThompsonOptions,
} from './thompson.js';
export { exp3, type Exp3Options, type Exp3State } from './exp3.js';
export { dot, matVec, quadForm, shermanMorrison, spdInverse } from './linalg.js';
export { type LinearArm, type LinearOptions, type LinearState } from './linear-core.js';
export {
  inverseGapWeights,
  linTS,
  linUCB,
  squareCB,
  type LinTsOptions,
  type LinUcbOptions,
  type SquareCbOptions,
} from './linear-policies.js';
export { deserializeBandit, serializeBandit } from './serialize.js';
// off-policy evaluation (more estimators in `@infra/bandit/ope`; offline training, warm start, linear ε-greedy
// and the `fillStandardNormals` kernel in `@infra/bandit/offline`; KL-UCB in `@infra/bandit/kl-ucb`; the
// drifting-reward policies in `@infra/bandit/nonstationary`; the INDIGO preset in `@infra/bandit/indigo`)
export { validateLog, validateTarget, type LoggedRound, type TargetProbabilities, type ValidateLogOptions } from './ope-logged-data.js';
export { type OpeEstimate, type OpeOptions, type ModelOpeOptions, type BootstrapOptions, type RewardPredictions } from './ope-core.js';
export { ips, snips, doublyRobust } from './ope-estimators.js';
