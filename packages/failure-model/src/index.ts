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
  weibullBLife,
  weibullReliability,
  type ConfidenceInterval,
  type EstimateWithCi,
  type FitOptions,
  type LogCovariance,
  type ProfileInterval,
  type SampleCounts,
  type WeibullFit,
} from './weibull.js';
export { weibullQuantile, weibullSurvival } from './weibull-inference.js';
export { fitExponential, type ExponentialFit } from './exponential.js';

export {
  aalenJohansen,
  causeSpecificHazards,
  type CauseCurve,
  type CauseHazard,
  type CompetingRisksData,
  type CompetingRisksOptions,
  type CompetingRisksResult,
} from './competing-risks.js';
export { meanCumulativeFunction, type McfOptions, type McfResult, type RecurrentUnit } from './recurrent.js';
export {
  P_VALUE_CORRECTIONS,
  adjustPValues,
  lemonNodes,
  overdispersionTest,
  type LemonNode,
  type LemonOptions,
  type LemonResult,
  type NodeFailureCount,
  type OverdispersionResult,
  type PValueCorrection,
} from './lemon.js';
export {
  absorptionProbability,
  assertPropagationState,
  chainFromProbabilities,
  emptyPropagationState,
  errorPropagationEstimator,
  jobFailureProbability,
  observeSequence,
  transitionProbabilities,
  type ErrorPropagationState,
  type PropagationOptions,
  type PropagationQuery,
  type TransitionCount,
  type TransitionMatrix,
  type TransitionProbability,
} from './error-propagation.js';

// data and planning
export {
  loadEpisodes,
  loadFailureEvents,
  type EpisodeFormat,
  type EpisodeLoadResult,
  type FleetFailureEvent,
} from './loaders.js';
export {
  ACTION_SEVERITY,
  NVIDIA_RESOLUTION_ACTIONS,
  RECOVERY_ACTIONS,
  XID_CATALOG,
  type NvidiaResolution,
  type RecoveryAction,
  type XidCatalogEntry,
  type XidSeverity,
} from './xid-catalog.js';
export { checkXidOverrides, xidAction, type XidDecision, type XidOverride, type XidOverrides } from './xid-action.js';
export {
  LLAMA3_INTERRUPTIONS,
  incidentShares,
  type IncidentRow,
  type IncidentShare,
  type IncidentSummary,
  type IncidentTable,
} from './incidents.js';
export {
  expectedInterruptions,
  failuresPer1000NodeDays,
  faultRates,
  jobMttf,
  type FaultRates,
  type FleetExposure,
  type InterruptionForecast,
  type JobMttfInput,
  type JobMttfResult,
  type RateRow,
} from './rates.js';
export {
  availabilityOptimalInterval,
  dalyInterval,
  youngInterval,
  type CheckpointIntervalInput,
} from './checkpoint-interval.js';
export {
  checkInterArrivalModel,
  interArrivalMean,
  interArrivalSurvival,
  survivalFn,
  weibullWithMean,
  type InterArrivalModel,
} from './failure-process.js';
export {
  checkSchedule,
  optimalCheckpointSchedule,
  periodicSchedule,
  scheduleEttr,
  type CheckpointSchedule,
  type OptimalScheduleOptions,
  type OptimalScheduleResult,
  type RecoveryCosts,
} from './checkpoint-schedule.js';
export { ettr, type EttrInput, type EttrResult, type LiveMigrationInput } from './ettr.js';
export { simulateTraining, type TrainingSimulationInput, type TrainingSimulationResult } from './simulate-training.js';
export { jobRunProbability, sparesNeeded, type SparesInput, type SparesResult } from './spares.js';
export {
  compareLiveMigration,
  type LiveMigrationComparison,
  type LiveMigrationComparisonInput,
  type StrategyCost,
} from './live-migration.js';
export {
  stragglerInflation,
  type SlowdownDistribution,
  type StragglerInflation,
  type StragglerPredictor,
} from './stragglers.js';
export {
  firstFailureTimes,
  interArrivalGaps,
  repairTimes,
  type FirstFailureData,
  type InterArrivalGaps,
  type RepairTimeSummary,
} from './fleet-stats.js';
