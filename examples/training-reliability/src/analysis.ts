import {
  dalyInterval,
  ettr,
  faultRates,
  firstFailureTimes,
  fitWeibull,
  interArrivalGaps,
  jobMttf,
  kaplanMeier,
  lemonNodes,
  loadEpisodes,
  optimalCheckpointSchedule,
  repairTimes,
  simulateTraining,
  sparesNeeded,
  survivalAt,
  weibullWithMean,
  youngInterval,
} from '@infra/failure-model';

const DAY = 86_400;

/** Fleet figures reproduced from a start/end fault trace. */
export interface FleetFigures {
  /** Faults loaded. */
  readonly faults: number;
  /** Distinct faulting nodes. */
  readonly faultingNodes: number;
  /** Starts that overlapped another open fault on the same node. */
  readonly overlappingStarts: number;
  /** Faults per 1 000 node-days: all, hardware, GPU. */
  readonly rates: { readonly all: number; readonly hardware: number; readonly gpu: number };
  /** Repair time, days: mean, median, p90, p99, max. */
  readonly repairDays: { readonly mean: number; readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  /** Per-node first-fault Kaplan–Meier S(t) at 30 / 90 / 180 / 300 days. */
  readonly kmFirstFault: readonly { readonly days: number; readonly survival: number }[];
  /** Weibull fit to the per-node first-fault times (days). */
  readonly firstFaultWeibull: { readonly shape: number; readonly scale: number };
  /** Cluster inter-arrival gaps: zero gaps, mean (days), CV, Weibull fit to the positive gaps. */
  readonly interArrival: { readonly zeroGaps: number; readonly meanDays: number; readonly cv: number; readonly shape: number; readonly scaleDays: number };
  /** Lemon nodes (Poisson tail test, BH-corrected) and their share of faults. */
  readonly lemons: { readonly count: number; readonly faultShare: number; readonly ids: readonly string[] };
  /** Per-node unavailability: node-days down / node-days observed. */
  readonly unavailability: number;
}

/** Options of {@link analyzeFaultTrace}. */
export interface AnalyzeOptions {
  /** Fleet size (default 400: the trace lists only the servers that faulted). */
  readonly nodes?: number;
  /** Window length, days (default 348.98). */
  readonly days?: number;
}

/**
 * Reproduce the InfiniteHBD fleet figures from parsed `fault_trace.json` records, one library call per figure.
 *
 * @param records - parsed JSON of the trace (or of the generator)
 * @param opts - fleet size and window
 * @returns the figures
 */
export function analyzeFaultTrace(records: unknown, opts: AnalyzeOptions = {}): FleetFigures {
  const nodes = opts.nodes ?? 400;
  const days = opts.days ?? 348.98;
  const exposure = { nodes, durationSeconds: days * DAY };
  const loaded = loadEpisodes(records);
  const events = loaded.events;
  const rates = faultRates(events, exposure);
  const rateOf = (rows: typeof rates.byClass, key: string): number => rows.find((r) => r.key === key)?.per1000NodeDays ?? 0;
  const repair = repairTimes(events, [0.5, 0.9, 0.99]);
  const first = firstFailureTimes(events, exposure);
  const firstDays = first.times.map((t) => t / DAY);
  const km = kaplanMeier(firstDays, first.events);
  const wb = fitWeibull(firstDays, first.events);
  const gaps = interArrivalGaps(events);
  const gapFit = fitWeibull(gaps.positiveGapsSeconds.map((g) => g / DAY));
  const lemon = lemonNodes(events, { population: nodes });
  const lemonSet = new Set(lemon.lemons);
  const downDays = events.reduce((a, e) => a + (Math.min(e.repairedTimeSeconds ?? days * DAY, days * DAY) - e.timeSeconds) / DAY, 0);
  return {
    faults: events.length,
    faultingNodes: loaded.nodes,
    overlappingStarts: loaded.overlappingStarts,
    rates: { all: rates.all.per1000NodeDays, hardware: rateOf(rates.byClass, 'hardware'), gpu: rateOf(rates.byComponent, 'GPU') },
    repairDays: {
      mean: repair.meanSeconds / DAY,
      p50: repair.quantiles[0]!.seconds / DAY,
      p90: repair.quantiles[1]!.seconds / DAY,
      p99: repair.quantiles[2]!.seconds / DAY,
      max: repair.maxSeconds / DAY,
    },
    kmFirstFault: [30, 90, 180, 300].map((d) => ({ days: d, survival: survivalAt(km, d).survival })),
    firstFaultWeibull: { shape: wb.shape, scale: wb.scale },
    interArrival: { zeroGaps: gaps.zeroGaps, meanDays: gaps.meanSeconds / DAY, cv: gaps.cv, shape: gapFit.shape, scaleDays: gapFit.scale },
    lemons: {
      count: lemon.lemons.length,
      faultShare: events.filter((e) => lemonSet.has(e.nodeId)).length / Math.max(1, events.length),
      ids: lemon.lemons,
    },
    unavailability: downDays / (nodes * days),
  };
}

/** Checkpoint / goodput / spares plan for one large job. */
export interface JobPlan {
  /** GPUs and nodes of the job. */
  readonly gpus: number;
  /** Nodes (8 GPUs each). */
  readonly nodes: number;
  /** Node failure rate used, per 1 000 node-days. */
  readonly ratePer1000NodeDays: number;
  /** Job MTTF, minutes (series system). */
  readonly mttfMinutes: number;
  /** Young and Daly intervals, minutes. */
  readonly youngMinutes: number;
  /** Daly interval, minutes. */
  readonly dalyMinutes: number;
  /** First-order ETTR at the Daly interval, its validity flag, and the exact renewal value. */
  readonly ettr: number;
  /** Validity of the first-order model. */
  readonly ettrValid: boolean;
  /** Exact exponential-renewal ETTR. */
  readonly renewalEttr: number;
  /** Monte-Carlo ETTR (exponential failures) ± standard error. */
  readonly simulatedEttr: number;
  /** Standard error of the Monte-Carlo ETTR. */
  readonly simulatedSe: number;
  /** Bursty failures (Weibull shape from the trace): periodic Daly vs the age-aware schedule, simulated. */
  readonly bursty: { readonly shape: number; readonly dalyEttr: number; readonly optimalEttr: number; readonly gainPoints: number };
  /** Spare nodes for P(job runnable) ≥ 0.99 with the trace's unavailability. */
  readonly spares: number;
  /** Probability reached with those spares. */
  readonly sparesProbability: number;
}

/** Options of {@link planJob}. */
export interface PlanOptions {
  /** GPUs in the job (default 16 384). */
  readonly gpus?: number;
  /** Checkpoint write time, minutes (default 1). */
  readonly checkpointMinutes?: number;
  /** Restart cost, minutes (default 10). */
  readonly restartMinutes?: number;
  /** Which rate to use: `hardware` (default) or `all`. */
  readonly rate?: 'hardware' | 'all';
}

/**
 * Plan checkpoint interval, ETTR and spares for a large job from the fleet figures.
 *
 * @param fig - figures from {@link analyzeFaultTrace}
 * @param opts - job size and costs
 * @returns the plan
 */
export function planJob(fig: FleetFigures, opts: PlanOptions = {}): JobPlan {
  const gpus = opts.gpus ?? 16_384;
  const delta = opts.checkpointMinutes ?? 1;
  const restart = opts.restartMinutes ?? 10;
  const rf = opts.rate === 'all' ? fig.rates.all : fig.rates.hardware;
  const job = jobMttf({ gpus, failuresPer1000NodeDays: rf });
  const m = job.mttfSeconds / 60;
  const e = ettr({ mtbf: m, checkpointCost: delta, restartCost: restart });
  const sim = simulateTraining({ failures: { kind: 'exponential', mean: m }, checkpointCost: delta, restartCost: restart, schedule: e.interval, horizon: 20_000 * m }, 2024);
  const costs = { checkpointCost: delta, restartCost: restart };
  const bursty = weibullWithMean(fig.interArrival.shape, m);
  const opt = optimalCheckpointSchedule(bursty, costs);
  const horizon = 20_000 * m;
  const sDaly = simulateTraining({ failures: bursty, ...costs, schedule: dalyInterval(delta, m), horizon }, 7);
  const sOpt = simulateTraining({ failures: bursty, ...costs, schedule: opt.schedule, horizon }, 7);
  const spares = sparesNeeded({ nodes: job.nodes, unavailability: fig.unavailability, target: 0.99 });
  return {
    gpus,
    nodes: job.nodes,
    ratePer1000NodeDays: rf,
    mttfMinutes: m,
    youngMinutes: youngInterval(delta, m),
    dalyMinutes: dalyInterval(delta, m),
    ettr: e.ettr,
    ettrValid: e.valid,
    renewalEttr: e.renewalEttr,
    simulatedEttr: sim.ettr,
    simulatedSe: sim.standardError,
    bursty: { shape: fig.interArrival.shape, dalyEttr: sDaly.ettr, optimalEttr: sOpt.ettr, gainPoints: 100 * (sOpt.ettr - sDaly.ettr) },
    spares: spares.spares,
    sparesProbability: spares.probability,
  };
}
