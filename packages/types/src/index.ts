export { InfraError, INFRA_ERROR_CODES, describeValue, isInfraError, type InfraErrorCode } from './errors.js';
export {
  assertFinite,
  assertFiniteArray,
  assertInRange,
  assertInteger,
  assertMatrix,
  assertNonEmpty,
  assertNonNegative,
  assertOneOf,
  assertPlainObject,
  assertPositive,
  assertProbability,
  assertProbabilityVector,
  assertString,
  type ArrayShapeOptions,
  type MatrixShape,
  type RangeOptions,
} from './validate.js';
export { UNSAFE_KEYS, assertJson, deepFreeze, deserializeState, parseJsonSafe, serializeState, type Json, type StateEnvelope } from './json.js';
export { createRng, forkRng, rngFromState, type Rng, type RngState } from './rng.js';
export { bernoulli, beta, categorical, exponential, gamma, lognormal, normal, poisson, randomInt, shuffle, uniform, weibull } from './samplers.js';
export { fillGammas, fillNormals } from './batch-samplers.js';
export { argmaxBetas, betaArgmax, fillBetas, type BetaArgmax } from './beta-argmax.js';
export { drawBeta } from './beta-sampler.js';
export { betaInc, chiSquareQuantile, erf, erfc, gammaP, gammaQ, log1pExp, logGamma, logSumExp, normalCdf, normalQuantile } from './special.js';
export { expandBracket, findRoot, type BracketOptions, type RootOptions } from './roots.js';
export {
  defineEstimator,
  defineOptimizer,
  definePolicy,
  type BestPoint,
  type Decision,
  type DecisionTrace,
  type Estimator,
  type OnlinePolicy,
  type Optimizer,
  type Proposal,
} from './policy.js';
export { assertLlmRequest, assertServingInstance, type LlmRequest, type RequestClass, type RequestSlo, type ServingInstance } from './llm.js';
export {
  assertGpuNode,
  assertNetworkLink,
  assertTrainingJob,
  type CommunicationPhase,
  type GpuNode,
  type NetworkLink,
  type TrainingJob,
} from './cluster.js';
export { FAILURE_CLASSES, assertFailureEvent, type FailureClass, type FailureEvent } from './failure.js';
export { assertMoeRoutingRecord, type MoeRoutingRecord } from './moe.js';
