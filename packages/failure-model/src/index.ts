export {
  type CensoredInput,
  type IntervalData,
  type IntervalRecord,
  type SurvivalData,
  type SurvivalInput,
  type SurvivalRecord,
} from './survival-data.js';
export {
  CONFIDENCE_TYPES,
  kaplanMeier,
  kaplanMeierMedian,
  survivalAt,
  survivalQuantile,
  type ConfidenceType,
  type KaplanMeierOptions,
  type KaplanMeierResult,
  type SurvivalPoint,
  type SurvivalQuantile,
} from './kaplan-meier.js';
export { nelsonAalen, type NelsonAalenOptions, type NelsonAalenResult } from './nelson-aalen.js';
export {
  fitWeibull,
  type ConfidenceInterval,
  type FitOptions,
  type LogCovariance,
  type ProfileInterval,
  type SampleCounts,
  type WeibullFit,
} from './weibull.js';
export { weibullBLife, weibullQuantile, weibullReliability, weibullSurvival, type EstimateWithCi } from './weibull-inference.js';
export { fitExponential, type ExponentialFit } from './exponential.js';
