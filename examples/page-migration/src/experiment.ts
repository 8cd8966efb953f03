// The INDIGO-style experiment: log a uniform-random promoter on a training workload ("historical runs"),
// validate candidate policies off-policy on those logs, train LinUCB/LinTS offline, then deploy them
// (continuing to learn online) on a different workload against fixed-threshold promotion.
import { doublyRobust, ips, linTS, linUCB, snips, type LinearState, type LoggedRound, type OpeEstimate } from '@infra/bandit';
import { INDIGO_FEATURE_NAMES } from '@infra/bandit/indigo';
import { learnLinearState } from '@infra/bandit/offline';
import { createRng } from '@infra/types';
import { EXTENDED_FEATURE_NAMES, extendedFeatures } from './features.js';
import { LEVEL_IDS, banditPromoter, fixedThreshold, noMigration, uniformLogging } from './promoters.js';
import { DEFAULT_SIM, SIM_SCALES, simulate, type SimConfig, type SimResult } from './simulator.js';
import { DEFAULT_WORKLOAD, generateWorkload, type WorkloadConfig } from './workload.js';

/** Settings of {@link runExperiment}. */
export interface ExperimentOptions {
  /** Seed of the training ("historical") workload. */
  readonly trainSeed?: number;
  /** Seed of the test workload. */
  readonly testSeed?: number;
  /** Seed of the policies' random streams. */
  readonly policySeed?: number;
  /** Workload settings. */
  readonly workload?: WorkloadConfig;
  /** Platform settings. */
  readonly sim?: SimConfig;
}

/** One row of the comparison table. */
export interface ExperimentRow {
  /** Policy name. */
  readonly name: string;
  /** Accesses per second of application time. */
  readonly throughput: number;
  /** Bytes moved by promotions and demotions. */
  readonly migratedBytes: number;
  /** Fraction of accesses served locally. */
  readonly localHitRatio: number;
}

/** One off-policy estimate on the training logs. */
export interface OpeRow {
  /** Target policy. */
  readonly target: string;
  /** IPS, SNIPS and DR estimates of the mean per-decision reward. */
  readonly ips: OpeEstimate;
  /** Self-normalized IPS. */
  readonly snips: OpeEstimate;
  /** Doubly robust (per-arm ridge reward model fitted on the logs). */
  readonly dr: OpeEstimate;
}

/** Everything the demo reports. */
export interface ExperimentResult {
  /** Rows on the test workload. */
  readonly rows: readonly ExperimentRow[];
  /** Off-policy estimates on the training logs. */
  readonly ope: readonly OpeRow[];
  /** Number of logged training decisions. */
  readonly trainingRounds: number;
  /** Mean logged reward of the uniform logging policy. */
  readonly loggingValue: number;
}

const row = (r: SimResult): ExperimentRow => ({ name: r.name, throughput: r.throughput, migratedBytes: r.migratedBytes, localHitRatio: r.localHitRatio });

/** Fixed thresholds compared (accesses per page per epoch). */
export const THRESHOLDS: readonly number[] = [5, 20, 100];

/**
 * Run the whole experiment (about 5 s).
 *
 * @param opts - seeds and settings
 * @returns the comparison rows and the off-policy estimates
 */
export function runExperiment(opts: ExperimentOptions = {}): ExperimentResult {
  const sim = opts.sim ?? DEFAULT_SIM;
  const wl = opts.workload ?? DEFAULT_WORKLOAD;
  const seed = opts.policySeed ?? 5;
  const train = generateWorkload(opts.trainSeed ?? 1, wl);
  const test = generateWorkload(opts.testSeed ?? 2, wl);
  const logged = simulate(train, uniformLogging(), 11, sim);
  const log: readonly LoggedRound[] = logged.log;
  const d = INDIGO_FEATURE_NAMES.length;
  const learned: LinearState = learnLinearState(log, { arms: LEVEL_IDS, weighting: 'dr' });
  const ucb = linUCB({ arms: LEVEL_IDS, dimension: d, alpha: 0.2 });
  const ts = linTS({ arms: LEVEL_IDS, dimension: d, v: 0.1, samples: 16 });
  // The same uniform logging run (same decisions: the features draw no random numbers) recorded with the
  // extended context, and LinUCB trained on it.
  const ext = extendedFeatures(sim.epochSeconds, sim.pagesPerRegion);
  const extLearned = learnLinearState(simulate(train, uniformLogging(ext), 11, sim).log, { arms: LEVEL_IDS, weighting: 'dr' });
  const ucbExt = linUCB({ arms: LEVEL_IDS, dimension: EXTENDED_FEATURE_NAMES.length, alpha: 0.2 });

  // Off-policy validation before deployment: target probabilities on every logged context.
  const greedy = linUCB({ arms: LEVEL_IDS, dimension: d, alpha: 0 });
  const rng = createRng(seed);
  const k = LEVEL_IDS.length;
  const targets: [string, number[][]][] = [
    ['learned (greedy on the DR-trained LinUCB state)', log.map((r) => [...(greedy.decide(learned, r.context, rng).probabilities ?? [])])],
    ['fixed threshold (≥ 20 acc/page/epoch)', log.map((r) => Array.from({ length: k }, (_, a) => ((r.context[2] ?? 0) * (SIM_SCALES.maxAccessRatePerSecond ?? 1) * sim.epochSeconds >= 20 ? (a === k - 1 ? 1 : 0) : a === 0 ? 1 : 0)))],
    ['always hold', log.map(() => Array.from({ length: k }, (_, a) => (a === 0 ? 1 : 0)))],
  ];
  const ope = targets.map(([target, t]) => ({ target, ips: ips(log, t), snips: snips(log, t), dr: doublyRobust(log, t) }));

  const rows = [
    row(simulate(test, noMigration(), seed, sim)),
    ...THRESHOLDS.map((th) => row(simulate(test, fixedThreshold(th, sim.epochSeconds), seed, sim))),
    row(simulate(test, uniformLogging(), seed, sim)),
    row(simulate(test, banditPromoter('LinUCB, cold start (online only)', ucb, ucb.init()), seed, sim)),
    row(simulate(test, banditPromoter('LinTS, cold start (online only)', ts, ts.init()), seed, sim)),
    row(simulate(test, banditPromoter('LinUCB, trained on logs (DR) + online', ucb, learned), seed, sim)),
    row(simulate(test, banditPromoter('LinTS, trained on logs (DR) + online', ts, learned), seed, sim)),
    row(simulate(test, banditPromoter('LinUCB, cold start, extended features', ucbExt, ucbExt.init(), ext), seed, sim)),
    row(simulate(test, banditPromoter('LinUCB, trained on logs (DR) + online, extended features', ucbExt, extLearned, ext), seed, sim)),
  ];
  const loggingValue = log.reduce((s, r) => s + r.reward, 0) / log.length;
  return { rows, ope, trainingRounds: log.length, loggingValue };
}
