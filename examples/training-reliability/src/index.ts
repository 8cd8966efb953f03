export { demo, faultTracePath, readFaultTrace, type DemoSection } from './demo.js';
export { analyzeFaultTrace, planJob, type AnalyzeOptions, type FleetFigures, type JobPlan, type PlanOptions } from './analysis.js';
export { FAULT_MIX, generateFaultTrace, type GeneratorOptions, type TraceRecord } from './generator.js';
