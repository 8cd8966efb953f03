/* Result types of the simulator (plain data: typed arrays and numbers). */

/**
 * What request `i` saw when it arrived, on the instance it was dispatched to. Everything here is
 * observable by a serving system at that instant (no future output lengths), so an estimator can be
 * evaluated per request. Running-batch details are flattened: request `i`'s running sequences are
 * entries `runningOffset[i] .. runningOffset[i+1]` of the `running*` arrays.
 */
export interface QueueSnapshots {
  /** Requests queued ahead of request `i` (position k = queueAhead + 1). */
  readonly queueAhead: Int32Array;
  /** Batch-class requests among those ahead. */
  readonly queueAheadBatch: Int32Array;
  /** Sum of the prompt tokens of the requests queued ahead. */
  readonly queuedInputTokensAhead: Float64Array;
  /** Sequences running on the instance at arrival. */
  readonly runningCount: Int32Array;
  /** Offsets into the flat running arrays (length = requests + 1). */
  readonly runningOffset: Int32Array;
  /** Tokens generated so far by each running sequence (0 while it is still in prefill). */
  readonly runningGenerated: Int32Array;
  /** Prompt tokens each running sequence has yet to prefill after the iteration in flight. */
  readonly runningPrefillRemaining: Int32Array;
  /** Time until the instance's current iteration ends (0 when idle). */
  readonly iterationRemainingSeconds: Float64Array;
  /** KV tokens reserved on the instance at arrival. */
  readonly kvUsedTokens: Float64Array;
}

/** Aggregate statistics of one simulation run. */
export interface SimulationStats {
  /** Iterations executed over all instances. */
  readonly iterations: number;
  /** Time from the first arrival to the last finish. */
  readonly horizonSeconds: number;
  /** Busy time (sum of iteration durations) per instance. */
  readonly busySeconds: Float64Array;
  /** Time-average number of requests in the system (arrived, not finished) over the horizon. */
  readonly timeAverageInSystem: number;
  /** Time-average number of requests waiting (arrived, not yet scheduled) over the horizon. */
  readonly timeAverageInQueue: number;
  /** Largest per-instance queue length seen. */
  readonly maxQueueLength: number;
}

/**
 * Per-iteration log (columnar, in the order iterations start), what an engine's step metrics expose:
 * enough to fit the iteration-time model α + β·b + γ·p online.
 */
export interface IterationLog {
  /** Number of logged iterations. */
  readonly count: number;
  /** Instance that ran the iteration. */
  readonly instance: Int32Array;
  /** Start time of the iteration. */
  readonly startSeconds: Float64Array;
  /** Duration of the iteration. */
  readonly seconds: Float64Array;
  /** Sequences in the iteration (decodes plus prefill chunks). */
  readonly batchSize: Int32Array;
  /** Prefill tokens processed in the iteration. */
  readonly prefillTokens: Int32Array;
}

/** Per-request results of `simulate` (columnar; index = request index in the workload). */
export interface SimulationResult {
  /** Number of requests simulated. */
  readonly requests: number;
  /** Instance each request was dispatched to. */
  readonly instance: Int32Array;
  /** Arrival times (copied from the workload). */
  readonly arrivalSeconds: Float64Array;
  /** Start times: the iteration in which the request was first scheduled (queue wait = start − arrival). */
  readonly startSeconds: Float64Array;
  /** End of the iteration that completed the prefill and produced the first token. */
  readonly firstTokenSeconds: Float64Array;
  /** End of the iteration that produced the last token. */
  readonly finishSeconds: Float64Array;
  /** How many times each request finished (always exactly 1; kept so conservation is checkable). */
  readonly finishCount: Uint8Array;
  /** Queue snapshots at arrival (absent when `recordSnapshots` is false). */
  readonly snapshots?: QueueSnapshots;
  /** Iteration log (absent unless `recordIterations` is true). */
  readonly iterationLog?: IterationLog;
  /** Aggregate statistics. */
  readonly stats: SimulationStats;
}

