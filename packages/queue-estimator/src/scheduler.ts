/**
 * `@infra/queue-estimator/scheduler`: SLO-aware global scheduling of request groups over serving instances
 * (after QLM) — `planSchedule` (virtual queues and the pull / swap / evict actions to run now), the fast
 * `edfCheck`, the default multi-start local-search heuristic (`heuristicSequences`), the exact branch and
 * bound (`branchAndBound`), `planCost` and `validateProblem`. Kept out of the main entry so that users of the
 * waiting-time estimator and the queueing formulas do not ship it.
 *
 * @packageDocumentation
 */
export { branchAndBound, type ExactResult } from './schedule-exact.js';
export { planCost, validateProblem, type PlannedGroup, type Problem, type RunningRequestInfo, type ScheduleGroup, type ScheduleInstance, type VirtualQueue } from './schedule-model.js';
export { DEFAULT_SEARCH_STEPS, edfCheck, heuristicSequences, planSchedule, type EdfCheck, type LsoAction, type SchedulePlan, type ScheduleOptions } from './plan-schedule.js';
