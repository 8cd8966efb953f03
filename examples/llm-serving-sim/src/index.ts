export { demo, type DemoSection } from './demo.js';
export { parseAzureTrace, type AzureTrace } from './azure-trace.js';
export { DEFAULT_SIMULATOR_CONFIG, validateConfig, type DispatchPolicy, type QueueOrder, type SimulatorConfig } from './config.js';
export {
  HISTOGRAM_WINDOW,
  PRIOR_COEFFICIENTS,
  QLM_WORKLOAD_TOKENS,
  cltBaselineAdapter,
  cltMeasuredAdapter,
  qlmBaselineAdapter,
  qlmMeasuredAdapter,
  queueEstimatorAdapter,
  type AdapterOptions,
  type LearnedState,
} from './estimators.js';
export { barSvg, scatterSvg, type BarGroup, type ScatterSeries } from './figure.js';
export {
  evaluateEstimators,
  type AccuracyFigures,
  type ArrivalQuery,
  type CompletionObservation,
  type EstimatorEvaluation,
  type EvaluatedEstimator,
  type EvaluationOptions,
  type IterationRecord,
  type StartObservation,
  type WaitPrediction,
} from './evaluation.js';
export { ARRIVAL_MODEL, CONTEXT_TOKEN_QUANTILES, GENERATED_TOKEN_QUANTILES, generateAzureCodeWorkload, type GeneratorOptions } from './generator.js';
export { generateHeavyTailWorkload, type HeavyTailOptions } from './heavy-tail.js';
export { azureCodeTracePath, loadAzureTrace } from './load-trace.js';
export type { IterationLog, QueueSnapshots, SimulationResult, SimulationStats } from './result.js';
export { simulate } from './simulator.js';
export { summarizeByClass, type ClassSummary, type SloTargets } from './slo.js';
export { accuracyStudy, accuracyTable, defaultEstimators, positionTable, type StudyOptions, type StudyRow } from './study.js';
export { saturationThroughput, scaleToUtilization, type ScaledWorkload } from './utilization.js';
export { BATCH, INTERACTIVE, makeWorkload, scaleArrivalRate, sliceWorkload, workloadFromRequests, type Workload, type WorkloadColumns } from './workload.js';
