// Robustness of the page-migration comparison across workload seeds (figures in README.md).
// usage: pnpm exec tsx --conditions=@infra/source examples/page-migration/sweep.ts
import { runExperiment } from './src/experiment.js';

const pairs: [number, number][] = [[1, 2], [3, 4], [5, 6], [7, 8]];
console.log(
  '| train/test seed | best fixed threshold (M acc/s, GiB) | LinUCB cold | LinUCB trained + online | LinTS trained + online | LinUCB cold, extended features | LinUCB trained + online, extended features |',
);
console.log('|---|---|---|---|---|---|---|');
for (const [trainSeed, testSeed] of pairs) {
  const r = runExperiment({ trainSeed, testSeed });
  const best = r.rows.filter((x) => x.name.startsWith('fixed threshold')).reduce((a, b) => (b.throughput > a.throughput ? b : a));
  const cell = (name: string): string => {
    const b = r.rows.find((x) => x.name === name);
    if (b === undefined) return 'n/a';
    return `${(100 * (b.throughput / best.throughput - 1)).toFixed(1)} %, ${(best.migratedBytes / b.migratedBytes).toFixed(2)}×`;
  };
  console.log(
    `| ${trainSeed}/${testSeed} | ${(best.throughput / 1e6).toFixed(3)}, ${(best.migratedBytes / 2 ** 30).toFixed(3)} | ${cell('LinUCB, cold start (online only)')} | ${cell('LinUCB, trained on logs (DR) + online')} | ${cell('LinTS, trained on logs (DR) + online')} | ${cell('LinUCB, cold start, extended features')} | ${cell('LinUCB, trained on logs (DR) + online, extended features')} |`,
  );
}
