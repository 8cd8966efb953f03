import { DEFAULT_SIMULATOR_CONFIG, type SimulatorConfig } from './config.js';
import {
  cltBaselineAdapter,
  cltMeasuredAdapter,
  qlmBaselineAdapter,
  qlmMeasuredAdapter,
  queueEstimatorAdapter,
  type AdapterOptions,
} from './estimators.js';
import { evaluateEstimators, type EstimatorEvaluation, type EvaluatedEstimator } from './evaluation.js';
import { simulate } from './simulator.js';
import { scaleToUtilization } from './utilization.js';
import type { Workload } from './workload.js';

/** Options of {@link accuracyStudy}. */
export interface StudyOptions {
  /** The simulated cluster (default {@link DEFAULT_SIMULATOR_CONFIG}, one instance). */
  readonly config?: SimulatorConfig;
  /** Target utilizations (default 0.5, 0.7, 0.9). */
  readonly utilizations?: readonly number[];
  /** Predict every `stride`-th request (default 1: all). */
  readonly stride?: number;
  /** Estimators to score (default {@link defaultEstimators}). */
  readonly estimators?: readonly EvaluatedEstimator<unknown>[];
  /** Wall clock in seconds for timing figures (default none). */
  readonly clock?: () => number;
}

/** One utilization level of {@link accuracyStudy}. */
export interface StudyRow {
  /** Target utilization (offered rate / saturated throughput). */
  readonly utilization: number;
  /** Rate multiplier applied to the workload. */
  readonly factor: number;
  /** Saturated throughput, requests per second. */
  readonly saturationRequestsPerSecond: number;
  /** Mean true wait, seconds. */
  readonly meanWaitSeconds: number;
  /** Share of requests that waited more than 1 s. */
  readonly shareOver1s: number;
  /** Per-estimator accuracy. */
  readonly evaluations: readonly EstimatorEvaluation[];
}

/**
 * The estimators compared in the README: the library's estimator, the library's QLM and plain-CLT baselines, and two measured-Θ baselines.
 *
 * @param opts - optional fixed coefficients for every estimator
 * @returns the estimator list
 */
export function defaultEstimators(opts: AdapterOptions = {}): EvaluatedEstimator<unknown>[] {
  const list = [
    queueEstimatorAdapter(opts),
    qlmBaselineAdapter(true, opts),
    qlmBaselineAdapter(false, opts),
    cltBaselineAdapter(opts),
    qlmMeasuredAdapter(opts),
    cltMeasuredAdapter(opts),
  ];
  return list as EvaluatedEstimator<unknown>[];
}

/**
 * Replay a workload at several utilizations through the simulator and score estimators per request
 * (online: each estimator only sees iterations, starts and completions that happened before the arrival).
 *
 * @param workload - the workload (e.g. the Azure code trace)
 * @param options - cluster, utilizations, stride, estimators
 * @returns one row per utilization
 * @throws InfraError from the simulator or the estimators
 */
export function accuracyStudy(workload: Workload, options: StudyOptions = {}): StudyRow[] {
  const config = { ...(options.config ?? DEFAULT_SIMULATOR_CONFIG), recordSnapshots: true, recordIterations: true };
  const estimators = options.estimators ?? defaultEstimators();
  return (options.utilizations ?? [0.5, 0.7, 0.9]).map((rho) => {
    const scaled = scaleToUtilization(config, workload, rho);
    const result = simulate(config, scaled.workload, 1);
    let total = 0;
    let over = 0;
    for (let i = 0; i < result.requests; i++) {
      const w = (result.startSeconds[i] ?? 0) - (result.arrivalSeconds[i] ?? 0);
      total += w;
      if (w > 1) over++;
    }
    const evaluations = evaluateEstimators(config, scaled.workload, result, estimators, {
      stride: options.stride ?? 1,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    return {
      utilization: rho,
      factor: scaled.factor,
      saturationRequestsPerSecond: scaled.saturationRequestsPerSecond,
      meanWaitSeconds: total / Math.max(1, result.requests),
      shareOver1s: over / Math.max(1, result.requests),
      evaluations,
    };
  });
}

const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '–');

/**
 * Markdown table of a study: per utilization and estimator, p95 exceedance (goal 5 ± 1 %), MAPE for waits
 * over 1 s (goal ≤ 15 %), the MAPE ratio of each estimator to the first one, the signed bias, MAE and the
 * share of point-like predictions (p95 within 0.1 % of the mean).
 *
 * @param rows - study rows
 * @returns markdown text
 */
export function accuracyTable(rows: readonly StudyRow[]): string {
  const lines = [
    '| ρ | estimator | p95 exceeded | MAPE (wait > 1 s) | MAPE ÷ estimateWait | bias (wait > 1 s) | MAE | p95 ≈ mean |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const ref = row.evaluations[0]?.all.mapeOver1s ?? Number.NaN;
    for (const e of row.evaluations) {
      const ratio = e.all.mapeOver1s / ref;
      lines.push(
        `| ${row.utilization} | ${e.name} | ${pct(e.all.exceedP95)} | ${pct(e.all.mapeOver1s)} | ${Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : '–'} | ${pct(e.all.biasOver1s)} | ${e.all.maeSeconds.toFixed(2)} s | ${pct(e.all.pointLikeShare)} |`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * Markdown table of p95 exceedance by queue position k (requests that found the instance busy).
 *
 * @param rows - study rows
 * @param names - estimator names to include (default all)
 * @returns markdown text
 */
export function positionTable(rows: readonly StudyRow[], names?: readonly string[]): string {
  const labels = Object.keys(rows[0]?.evaluations[0]?.byPosition ?? {});
  const lines = [`| ρ | estimator | ${labels.map((l) => `${l} exceeded (n)`).join(' | ')} |`, `|---|---|${labels.map(() => '---|').join('')}`];
  for (const row of rows) {
    for (const e of row.evaluations) {
      if (names !== undefined && !names.includes(e.name)) continue;
      const cells = labels.map((l) => {
        const f = e.byPosition[l];
        return f === undefined || f.count === 0 ? '–' : `${pct(f.exceedP95)} (${f.count})`;
      });
      lines.push(`| ${row.utilization} | ${e.name} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
