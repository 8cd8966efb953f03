import { DEFAULT_SIMULATOR_CONFIG } from './config.js';
import { cltBaselineAdapter, qlmBaselineAdapter, queueEstimatorAdapter } from './estimators.js';
import type { EvaluatedEstimator } from './evaluation.js';
import { generateAzureCodeWorkload } from './generator.js';
import { azureCodeTracePath, loadAzureTrace } from './load-trace.js';
import { simulate } from './simulator.js';
import { accuracyStudy, accuracyTable, type StudyRow } from './study.js';
import { scaleToUtilization } from './utilization.js';
import type { Workload } from './workload.js';

/** One section of the root demo report. */
export interface DemoSection {
  /** Section title. */
  title: string;
  /** A few lines printed by `pnpm demo`. */
  summary: string[];
  /** Markdown for the written report. */
  markdown: string;
}

const now = (): number => performance.now() / 1000;

function demoEstimators(): EvaluatedEstimator<unknown>[] {
  return [
    queueEstimatorAdapter(),
    qlmBaselineAdapter(true),
    qlmBaselineAdapter(false),
    cltBaselineAdapter(),
  ] as EvaluatedEstimator<unknown>[];
}

function throughput(workload: Workload): number {
  const cfg = DEFAULT_SIMULATOR_CONFIG;
  const w = scaleToUtilization(cfg, workload, 0.9).workload;
  simulate(cfg, w, 1);
  const t0 = now();
  let runs = 0;
  while (now() - t0 < 0.5) {
    simulate(cfg, w, 1);
    runs++;
  }
  return (runs * w.arrivalSeconds.length) / (now() - t0);
}

function lines(label: string, rows: readonly StudyRow[]): string[] {
  return rows.map((r) => {
    const [est, qlm, , clt] = r.evaluations;
    const f = (x: number | undefined): string => (x === undefined ? '–' : `${(100 * x).toFixed(1)}%`);
    return `${label} ρ=${r.utilization}: estimateWait p95 exceeded ${f(est?.all.exceedP95)}, MAPE>1s ${f(est?.all.mapeOver1s)} vs QLM ${f(qlm?.all.mapeOver1s)}, plain CLT ${f(clt?.all.mapeOver1s)}`;
  });
}

/**
 * The example's demo: replay the calibrated Azure-code workload (and the real trace when
 * `opts.dataDir/azure-llm-2023/code.csv` exists) at utilization 0.5, 0.7 and 0.9 through the simulator and
 * score the library's waiting-time estimator against QLM-style and plain-CLT baselines on a sample of
 * requests (every 20th; the estimators learn from all of them). Also measures simulator throughput.
 *
 * @param opts - `dataDir`: the folder holding the shared data sets
 * @returns the report section
 */
export async function demo(opts: { dataDir?: string | undefined }): Promise<DemoSection> {
  const t0 = now();
  const generated = generateAzureCodeWorkload(1);
  const simRate = throughput(generated);
  const stride = 20;
  const genRows = accuracyStudy(generated, { stride, estimators: demoEstimators() });
  const path = azureCodeTracePath(opts.dataDir);
  const traceRows = path === undefined ? undefined : accuracyStudy(loadAzureTrace(path).workload, { stride, estimators: demoEstimators() });
  const seconds = now() - t0;
  const summary = [
    `simulator: ${(simRate / 1e3).toFixed(0)} k simulated requests/s (1 instance, ρ = 0.9, snapshots on)`,
    ...lines('generator', genRows),
    ...(traceRows === undefined ? ['real trace: not found (pass dataDir holding azure-llm-2023/code.csv)'] : lines('Azure code trace', traceRows)),
  ];
  const markdown = [
    'Continuous-batching simulator (1 instance: α = 10 ms, β = 0.2 ms/seq, γ = 0.08 ms/prefill token, 100 k KV tokens, 64 seqs, 2048-token budget).',
    `Simulator throughput: ${(simRate / 1e3).toFixed(0)} k simulated requests per second.`,
    `Predictions on every ${stride}th request; estimators learn online from every iteration, start and completion before each arrival.`,
    '',
    '### Calibrated generator (seed 1, 8 819 requests)',
    '',
    accuracyTable(genRows),
    '',
    ...(traceRows === undefined
      ? ['Real trace not available: pass `dataDir` holding `azure-llm-2023/code.csv`.']
      : ['### Azure LLM code trace 2023', '', accuracyTable(traceRows)]),
    '',
    `(demo took ${seconds.toFixed(1)} s)`,
  ].join('\n');
  return { title: 'LLM serving simulator: waiting-time estimator accuracy', summary, markdown };
}
