// Accuracy of @infra/queue-estimator's waiting-time estimator on the Azure LLM code trace (and on a
// decode-heavy heavy-tailed workload), replayed through the simulator at utilization 0.5, 0.7 and 0.9.
// Run: pnpm exec tsx --conditions=@infra/source examples/llm-serving-sim/evaluate.ts [path/to/code.csv] [stride]

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataDir } from '../../tools/shared-data.ts';
import {
  accuracyStudy,
  accuracyTable,
  azureCodeTracePath,
  barSvg,
  scatterSvg,
  defaultEstimators,
  generateAzureCodeWorkload,
  generateHeavyTailWorkload,
  loadAzureTrace,
  positionTable,
} from './src/index.js';

const clock = (): number => performance.now() / 1000;
const libCommit = execFileSync('git', ['log', '-1', '--format=%h %cI', '--', 'packages/queue-estimator'], { encoding: 'utf8' }).trim();
console.log(`@infra/queue-estimator at ${libCommit}\n`);
const userPath = process.argv[2];
const stride = Number(process.argv[3] ?? 1);
const tracePath = userPath ?? azureCodeTracePath(sharedDataDir());
const workload = tracePath !== undefined ? loadAzureTrace(tracePath).workload : generateAzureCodeWorkload(1);
console.log(`## Azure LLM code trace (${tracePath ?? 'not found: calibrated generator, seed 1'}), stride ${stride}\n`);
const t0 = clock();
const rows = accuracyStudy(workload, { stride, clock });
for (const r of rows) {
  console.log(
    `ρ = ${r.utilization}: rate ×${r.factor.toFixed(3)}, saturation ${r.saturationRequestsPerSecond.toFixed(2)} req/s, mean wait ${r.meanWaitSeconds.toFixed(2)} s, ${(100 * r.shareOver1s).toFixed(1)} % wait > 1 s; estimateWait time ${r.evaluations[0]?.estimatorSeconds.toFixed(1)} s`,
  );
}
console.log(`\n${accuracyTable(rows)}\n`);
console.log(positionTable(rows, ['estimateWait', 'plain CLT', 'plain CLT, measured Θ']));
console.log(`\n(${(clock() - t0).toFixed(1)} s)\n`);

// Decode-heavy, heavy-tailed outputs (lognormal σ = 1.2, truncated at 2048) on a one-slot instance, where the
// wait is a sum of k residual/complete output lengths: the regime where a plain CLT under-covers for small k.
// Coefficients are learned online as everywhere else (α and β are not separately identifiable with a constant batch
// size, but the library's non-negative fit keeps α + β exact).
const oneSlot = { instances: 1, alphaSeconds: 0.01, betaSecondsPerSequence: 0.0002, gammaSecondsPerPrefillToken: 0.00008, kvCapacityTokens: 100_000, maxBatchSize: 1, maxBatchedTokens: 2048 };
const heavy = generateHeavyTailWorkload(1, { requests: 4000 });
const heavyRows = accuracyStudy(heavy, { config: oneSlot, estimators: defaultEstimators(), clock });
console.log('## Heavy-tailed decode-heavy workload, one slot (lognormal σ = 1.2)\n');
console.log(`${accuracyTable(heavyRows)}\n`);
console.log(positionTable(heavyRows, ['estimateWait', 'plain CLT', 'plain CLT, measured Θ']));
const batched = { ...oneSlot, maxBatchSize: 8 };
const batchedRows = accuracyStudy(heavy, { config: batched, clock });
console.log('\n## Same workload, 8 slots\n');
console.log(`${accuracyTable(batchedRows)}\n`);
console.log(positionTable(batchedRows, ['estimateWait', 'plain CLT', 'plain CLT, measured Θ']));

// Figures.
const figDir = join(dirname(fileURLToPath(import.meta.url)), 'figures');
mkdirSync(figDir, { recursive: true });
const mid = rows.find((r) => r.utilization === 0.7);
if (mid !== undefined) {
  const pick = (name: string) => mid.evaluations.find((e) => e.name === name);
  const series = [
    ['estimateWait', '#1f77b4'],
    ['QLM-style, measured Θ', '#ff7f0e'],
    ['plain CLT', '#d62728'],
  ].flatMap(([name, color]) => {
    const e = pick(name ?? '');
    // Every 6th request keeps the SVG small.
    const every = (xs: Float64Array): Float64Array => xs.filter((_, i) => i % 6 === 0);
    return e === undefined ? [] : [{ name: name ?? '', color: color ?? '#000', x: every(e.trueWait), y: every(e.predictedMean) }];
  });
  writeFileSync(
    join(figDir, 'trace-predicted-vs-true.svg'),
    scatterSvg(`Azure code trace, ρ = 0.7: predicted mean vs true wait (every 6th request${tracePath === undefined ? ', generator' : ''})`, 'true wait (s)', 'predicted mean wait (s)', series, [0.1, 1000]),
  );
}
const heavyMid = heavyRows.find((r) => r.utilization === 0.7);
if (heavyMid !== undefined) {
  const names = ['estimateWait', 'plain CLT', 'plain CLT, measured Θ'];
  const evs = names.map((nm) => heavyMid.evaluations.find((e) => e.name === nm));
  const labels = Object.keys(evs[0]?.byPosition ?? {}).filter((l) => (evs[0]?.byPosition[l]?.count ?? 0) > 0);
  writeFileSync(
    join(figDir, 'heavy-tail-coverage-by-k.svg'),
    barSvg(
      'One slot, lognormal outputs σ = 1.2, ρ = 0.7: share of waits above the p95 bound',
      names,
      ['#1f77b4', '#d62728', '#9467bd'],
      labels.map((l) => ({ label: l, values: evs.map((e) => e?.byPosition[l]?.exceedP95 ?? Number.NaN) })),
      0.05,
    ),
  );
}
console.log(`\nfigures written to ${figDir}`);

