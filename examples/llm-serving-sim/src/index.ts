export { parseAzureTrace, type AzureTrace } from './azure-trace.js';
export { DEFAULT_SIMULATOR_CONFIG, validateConfig, type DispatchPolicy, type QueueOrder, type SimulatorConfig } from './config.js';
export { ARRIVAL_MODEL, CONTEXT_TOKEN_QUANTILES, GENERATED_TOKEN_QUANTILES, generateAzureCodeWorkload, type GeneratorOptions } from './generator.js';
export { azureCodeTracePath, loadAzureTrace } from './load-trace.js';
export { simulate, type IterationLog, type QueueSnapshots, type SimulationResult, type SimulationStats } from './simulator.js';
export { saturationThroughput, scaleToUtilization, type ScaledWorkload } from './utilization.js';
export { BATCH, INTERACTIVE, makeWorkload, scaleArrivalRate, sliceWorkload, workloadFromRequests, type Workload, type WorkloadColumns } from './workload.js';
