import { InfraError } from '@infra/types';
import type { SimulatorConfig } from './config.js';
import type { SimulationResult } from './result.js';
import type { Workload } from './workload.js';

/** What a waiting-time estimator may know about an arriving request (observable at arrival). */
export interface ArrivalQuery {
  /** Request index in the workload. */
  readonly request: number;
  /** Arrival time in seconds. */
  readonly timeSeconds: number;
  /** Requests queued ahead (position k = queueAhead + 1). */
  readonly queueAhead: number;
  /** Prompt tokens of the requests queued ahead. */
  readonly queuedInputTokensAhead: number;
  /** The request's own prompt tokens. */
  readonly inputTokens: number;
  /** Tokens generated so far by each running sequence. */
  readonly runningGenerated: Int32Array;
  /** Prompt tokens each running sequence has yet to prefill after the iteration in flight. */
  readonly runningPrefillRemaining: Int32Array;
  /** Time until the instance's current iteration ends (0 when idle). */
  readonly iterationRemainingSeconds: number;
  /** KV tokens reserved on the instance. */
  readonly kvUsedTokens: number;
  /** The simulated instance's limits (public engine configuration). */
  readonly config: SimulatorConfig;
}

/** A finished request as a serving engine reports it (the estimator's online training data). */
export interface CompletionObservation {
  /** Request index. */
  readonly request: number;
  /** Prompt tokens. */
  readonly inputTokens: number;
  /** Generated tokens. */
  readonly outputTokens: number;
  /** Arrival, start, first-token and finish times in seconds. */
  readonly arrivalSeconds: number;
  /** Time the request was first scheduled. */
  readonly startSeconds: number;
  /** Time of the first token. */
  readonly firstTokenSeconds: number;
  /** Time of the last token. */
  readonly finishSeconds: number;
}

/**
 * A request that has just been scheduled, with the prediction the system logged when it arrived (what a
 * serving system can compare as soon as the wait is over, long before the request completes).
 */
export interface StartObservation {
  /** Request index. */
  readonly request: number;
  /** The true wait (start − arrival), seconds. */
  readonly waitSeconds: number;
  /** The mean the estimator predicted at arrival. */
  readonly predictedMean: number;
  /** The p95 the estimator predicted at arrival. */
  readonly predictedP95: number;
}

/** One engine iteration as observed (for fitting α + β·b + γ·p). */
export interface IterationRecord {
  /** Sequences in the iteration. */
  readonly batchSize: number;
  /** Prefill tokens processed. */
  readonly prefillTokens: number;
  /** Duration in seconds. */
  readonly seconds: number;
}

/** A prediction: mean wait and the p95 upper bound, seconds. */
export interface WaitPrediction {
  /** Predicted mean wait. */
  readonly mean: number;
  /** Predicted 95th percentile of the wait (upper bound). */
  readonly p95: number;
}

/**
 * An online waiting-time estimator under evaluation: pure functions over a state `S` that only ever sees
 * completions and iterations that ended before the arrival being predicted (no peeking at the future).
 */
export interface EvaluatedEstimator<S> {
  /** Display name. */
  readonly name: string;
  /** Fresh state. */
  init(): S;
  /** Learn from a finished request. */
  observeCompletion(state: S, completion: CompletionObservation): S;
  /** Learn from a finished iteration. */
  observeIteration(state: S, iteration: IterationRecord): S;
  /** Learn from a request that has been scheduled (optional; e.g. for online recalibration). */
  observeStart?(state: S, start: StartObservation): S;
  /** Predict the queue wait of an arriving request. */
  predict(state: S, query: ArrivalQuery): WaitPrediction;
}

/** Accuracy of one estimator on one subset of requests. */
export interface AccuracyFigures {
  /** Requests in the subset. */
  readonly count: number;
  /** Fraction of requests whose true wait exceeds the predicted p95 (goal 0.05 ± 0.01). */
  readonly exceedP95: number;
  /** Requests with a true wait over 1 s. */
  readonly countOver1s: number;
  /** Mean absolute percentage error of the predicted mean for true waits over 1 s (NaN when none). */
  readonly mapeOver1s: number;
  /** Mean signed percentage error (predicted − true) / true for true waits over 1 s (> 0: too high). */
  readonly biasOver1s: number;
  /** Share of predictions whose p95 is within 0.1 % of their mean (a point-like distribution). */
  readonly pointLikeShare: number;
  /** Mean absolute error of the predicted mean, seconds. */
  readonly maeSeconds: number;
}

/** Options of {@link evaluateEstimators}. */
export interface EvaluationOptions {
  /** Predict only every `stride`-th request (the estimators still observe everything; default 1). */
  readonly stride?: number;
  /** Wall clock (seconds) for the timing figure, e.g. `() => performance.now() / 1000` (default: none). */
  readonly clock?: () => number;
}

/** Evaluation of one estimator on one simulation. */
export interface EstimatorEvaluation {
  /** Estimator name. */
  readonly name: string;
  /** All requests. */
  readonly all: AccuracyFigures;
  /** Breakdown by queue position k (label → figures), e.g. `"k=1"`, `"k=2-5"`. */
  readonly byPosition: Readonly<Record<string, AccuracyFigures>>;
  /** Wall time spent in the estimator (observe + predict), seconds. */
  readonly estimatorSeconds: number;
  /** Predicted mean per request (NaN where not predicted, see `stride`). */
  readonly predictedMean: Float64Array;
  /** Predicted p95 per request (NaN where not predicted). */
  readonly predictedP95: Float64Array;
  /** True wait per request (start − arrival). */
  readonly trueWait: Float64Array;
}

const BUCKETS: readonly [string, number, number][] = [
  ['k=1', 1, 1],
  ['k=2-5', 2, 5],
  ['k=6-30', 6, 30],
  ['k>30', 31, Infinity],
];

function figures(truth: Float64Array, mean: Float64Array, p95: Float64Array, idx: readonly number[]): AccuracyFigures {
  let exceed = 0;
  let over = 0;
  let ape = 0;
  let spe = 0;
  let ae = 0;
  let pointLike = 0;
  for (const i of idx) {
    const y = truth[i] ?? 0;
    const m = mean[i] ?? 0;
    if (y > (p95[i] ?? 0) + 1e-9) exceed++;
    ae += Math.abs(m - y);
    if ((p95[i] ?? 0) <= m + 1e-3 * Math.abs(m)) pointLike++;
    if (y > 1) {
      over++;
      ape += Math.abs(m - y) / y;
      spe += (m - y) / y;
    }
  }
  const n = idx.length;
  return {
    count: n,
    exceedP95: n > 0 ? exceed / n : Number.NaN,
    countOver1s: over,
    mapeOver1s: over > 0 ? ape / over : Number.NaN,
    biasOver1s: over > 0 ? spe / over : Number.NaN,
    pointLikeShare: n > 0 ? pointLike / n : Number.NaN,
    maeSeconds: n > 0 ? ae / n : Number.NaN,
  };
}

/**
 * Replay a simulation through online estimators in time order and score their per-request predictions
 * against the simulated truth (wait = start − arrival). Before predicting the request arriving at time t,
 * each estimator observes exactly the completions and iterations that ended at or before t.
 *
 * @param config - the simulated cluster (exposed to estimators as public engine configuration)
 * @param workload - the simulated workload
 * @param result - the simulation (must carry snapshots; an iteration log is used when present)
 * @param estimators - the estimators to score
 * @param options - prediction stride and wall clock
 * @returns one evaluation per estimator
 * @throws InfraError `INVALID_ARGUMENT` when the result has no snapshots
 */
export function evaluateEstimators(
  config: SimulatorConfig,
  workload: Workload,
  result: SimulationResult,
  estimators: readonly EvaluatedEstimator<unknown>[],
  options: EvaluationOptions = {},
): EstimatorEvaluation[] {
  const clock = options.clock ?? ((): number => 0);
  const stride = options.stride ?? 1;
  if (!Number.isInteger(stride) || stride < 1) throw new InfraError('OUT_OF_RANGE', 'options.stride', 'must be an integer ≥ 1');
  const snap = result.snapshots;
  if (snap === undefined) throw new InfraError('INVALID_ARGUMENT', 'result.snapshots', 'simulate with recordSnapshots');
  const n = result.requests;
  const byFinish = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (result.finishSeconds[a] ?? 0) - (result.finishSeconds[b] ?? 0) || a - b,
  );
  const log = result.iterationLog;
  const iterCount = log?.count ?? 0;
  const iterEnd = new Float64Array(iterCount);
  for (let i = 0; i < iterCount; i++) iterEnd[i] = (log?.startSeconds[i] ?? 0) + (log?.seconds[i] ?? 0);
  const byIterEnd = Array.from({ length: iterCount }, (_, i) => i).sort((a, b) => (iterEnd[a] ?? 0) - (iterEnd[b] ?? 0) || a - b);
  const truth = new Float64Array(n);
  for (let i = 0; i < n; i++) truth[i] = (result.startSeconds[i] ?? 0) - (result.arrivalSeconds[i] ?? 0);
  const byStart = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (result.startSeconds[a] ?? 0) - (result.startSeconds[b] ?? 0) || a - b,
  );

  return estimators.map((est) => {
    const mean = new Float64Array(n).fill(Number.NaN);
    const p95 = new Float64Array(n).fill(Number.NaN);
    let state = est.init();
    let fi = 0;
    let ii = 0;
    let si = 0;
    let spent = 0;
    for (let r = 0; r < n; r++) {
      const t = result.arrivalSeconds[r] ?? 0;
      const t0 = clock();
      while (ii < iterCount && (iterEnd[byIterEnd[ii] ?? 0] ?? 0) <= t) {
        const k = byIterEnd[ii++] ?? 0;
        state = est.observeIteration(state, {
          batchSize: log?.batchSize[k] ?? 0,
          prefillTokens: log?.prefillTokens[k] ?? 0,
          seconds: log?.seconds[k] ?? 0,
        });
      }
      while (fi < n && (result.finishSeconds[byFinish[fi] ?? 0] ?? 0) <= t) {
        const c = byFinish[fi++] ?? 0;
        state = est.observeCompletion(state, {
          request: c,
          inputTokens: workload.inputTokens[c] ?? 0,
          outputTokens: workload.outputTokens[c] ?? 0,
          arrivalSeconds: result.arrivalSeconds[c] ?? 0,
          startSeconds: result.startSeconds[c] ?? 0,
          firstTokenSeconds: result.firstTokenSeconds[c] ?? 0,
          finishSeconds: result.finishSeconds[c] ?? 0,
        });
      }
      if (est.observeStart !== undefined) {
        // A request that starts at t is only known after the events at t; starts strictly before t are fed.
        while (si < n && (result.startSeconds[byStart[si] ?? 0] ?? 0) < t) {
          const q = byStart[si++] ?? 0;
          if (q >= r || q % stride !== 0) continue; // not predicted
          state = est.observeStart(state, {
            request: q,
            waitSeconds: truth[q] ?? 0,
            predictedMean: mean[q] ?? 0,
            predictedP95: p95[q] ?? 0,
          });
        }
      }
      if (r % stride !== 0) {
        spent += clock() - t0;
        continue;
      }
      const lo = snap.runningOffset[r] ?? 0;
      const hi = snap.runningOffset[r + 1] ?? lo;
      const pred = est.predict(state, {
        request: r,
        timeSeconds: t,
        queueAhead: snap.queueAhead[r] ?? 0,
        queuedInputTokensAhead: snap.queuedInputTokensAhead[r] ?? 0,
        inputTokens: workload.inputTokens[r] ?? 0,
        runningGenerated: snap.runningGenerated.subarray(lo, hi),
        runningPrefillRemaining: snap.runningPrefillRemaining.subarray(lo, hi),
        iterationRemainingSeconds: snap.iterationRemainingSeconds[r] ?? 0,
        kvUsedTokens: snap.kvUsedTokens[r] ?? 0,
        config,
      });
      spent += clock() - t0;
      mean[r] = pred.mean;
      p95[r] = pred.p95;
    }
    const all = Array.from({ length: Math.ceil(n / stride) }, (_, i) => i * stride);
    const byPosition: Record<string, AccuracyFigures> = {};
    for (const [label, lo, hi] of BUCKETS) {
      const idx = all.filter((i) => {
        const k = (snap.queueAhead[i] ?? 0) + 1;
        return k >= lo && k <= hi && (snap.queueAhead[i] ?? 0) + (snap.runningCount[i] ?? 0) > 0;
      });
      byPosition[label] = figures(truth, mean, p95, idx);
    }
    return {
      name: est.name,
      all: figures(truth, mean, p95, all),
      byPosition,
      estimatorSeconds: spent,
      predictedMean: mean,
      predictedP95: p95,
      trueWait: truth,
    };
  });
}
