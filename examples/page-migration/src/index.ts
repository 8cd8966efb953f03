// INDIGO-style page migration with @infra/bandit: demo entry point.
import { runExperiment, type ExperimentResult } from './experiment.js';

export { runExperiment, THRESHOLDS, type ExperimentOptions, type ExperimentResult, type ExperimentRow, type OpeRow } from './experiment.js';
export { LEVEL_IDS, banditPromoter, fixedThreshold, noMigration, uniformLogging } from './promoters.js';
export { EXTENDED_FEATURE_NAMES, extendedFeatures } from './features.js';
export { DEFAULT_SIM, SIM_SCALES, simulate, type Candidate, type Promoter, type PromoterChoice, type SimConfig, type SimResult } from './simulator.js';
export { DEFAULT_WORKLOAD, generateWorkload, type ClassSpec, type RegionClass, type Workload, type WorkloadConfig } from './workload.js';

/** A section of the demo report. */
export interface DemoSection {
  /** Section title. */
  title: string;
  /** A few lines printed by `pnpm demo`. */
  summary: string[];
  /** Markdown for the written report. */
  markdown: string;
}

const gib = (b: number): string => (b / 2 ** 30).toFixed(3);
const mps = (t: number): string => (t / 1e6).toFixed(3);

/**
 * Render an experiment as a markdown table plus the headline comparison.
 *
 * @param r - the experiment result
 * @returns summary lines and markdown
 */
export function report(r: ExperimentResult): { summary: string[]; markdown: string } {
  const thresholds = r.rows.filter((x) => x.name.startsWith('fixed threshold'));
  const bestFixed = thresholds.reduce((a, b) => (b.throughput > a.throughput ? b : a));
  const bandits = r.rows.filter((x) => x.name.startsWith('Lin'));
  const lines = bandits.map(
    (b) =>
      `${b.name}: ${(100 * (b.throughput / bestFixed.throughput - 1)).toFixed(1)} % throughput vs the best fixed threshold, ` +
      `${(bestFixed.migratedBytes / b.migratedBytes).toFixed(2)}× fewer migrated bytes`,
  );
  const table = [
    '| Policy | Throughput (M accesses/s) | Migrated GiB | Local hit ratio |',
    '|---|---:|---:|---:|',
    ...r.rows.map((x) => `| ${x.name} | ${mps(x.throughput)} | ${gib(x.migratedBytes)} | ${x.localHitRatio.toFixed(3)} |`),
  ].join('\n');
  const fmt = (e: { value: number; ci: readonly [number, number] }): string => `${e.value.toFixed(3)} [${e.ci[0].toFixed(3)}, ${e.ci[1].toFixed(3)}]`;
  const ope = [
    '| Target policy | IPS | SNIPS | DR |',
    '|---|---:|---:|---:|',
    ...r.ope.map((o) => `| ${o.target} | ${fmt(o.ips)} | ${fmt(o.snips)} | ${fmt(o.dr)} |`),
  ].join('\n');
  const markdown = [
    'Deterministic disaggregated-memory simulation (a simulation in the spirit of INDIGO, not a reproduction of its',
    "testbed): 4 096 pages in 256 regions, a quarter of them fit locally, a 2 GB/s shared link whose latency grows",
    'with utilization, bursty regions. Test workload (seed 2), policies trained on a different workload (seed 1).',
    '',
    table,
    '',
    ...lines.map((l) => `- ${l}`),
    '',
    `Off-policy validation on the ${r.trainingRounds} logged training decisions (uniform logging, mean reward ${r.loggingValue.toFixed(3)}; 95 % intervals):`,
    '',
    ope,
  ].join('\n');
  return { summary: [`best fixed threshold: ${bestFixed.name}, ${mps(bestFixed.throughput)} M acc/s, ${gib(bestFixed.migratedBytes)} GiB`, ...lines], markdown };
}

/**
 * The page-migration demo: train on logs, validate off-policy, deploy LinUCB/LinTS against fixed thresholds.
 * There is no public page-access trace in the shared data folder, so `dataDir` is not used; the workload is
 * the embedded generator.
 *
 * @param opts - `dataDir` (unused)
 * @returns the demo section
 */
export async function demo(opts: { dataDir?: string | undefined }): Promise<DemoSection> {
  void opts;
  const r = runExperiment();
  const { summary, markdown } = report(r);
  return { title: 'INDIGO-style page migration (@infra/bandit)', summary, markdown };
}
