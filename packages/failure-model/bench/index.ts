// Benchmarks of the survival-statistics half of @infra/failure-model against scipy.stats, same data, same run.
// Run alone: pnpm exec tsx --conditions=@infra/source -e "import('./packages/failure-model/bench/index.ts').then(async m => console.log(JSON.stringify(await m.default(), null, 1)))"
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitWeibull, kaplanMeier } from '@infra/failure-model';
import { createRng, weibull } from '@infra/types';
import { measure, runPythonPeer, type BenchRow, type BenchSuite } from '../../../tools/bench-kit.js';

const here = dirname(fileURLToPath(import.meta.url));

/** 30 000 Weibull(1.5, 1000) lifetimes with random right censoring (≈ 30 %), seeded. */
export function benchData(n = 30_000, seed = 20240611): { times: number[]; events: boolean[] } {
  const rng = createRng(seed);
  const times: number[] = [];
  const events: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const t = weibull(rng, 1.5, 1000);
    const c = 2500 * rng.next();
    times.push(Math.min(t, c));
    events.push(t <= c);
  }
  return { times, events };
}

const suite: BenchSuite = () => {
  const data = benchData();
  const n = data.times.length;
  const censored = data.events.filter((e) => !e).length;
  const size = `n=${n}, ${((100 * censored) / n).toFixed(0)} % censored`;
  const dir = mkdtempSync(join(tmpdir(), 'fm-bench-'));
  const file = join(dir, 'data.json');
  writeFileSync(file, JSON.stringify({ times: data.times, events: data.events.map((e) => (e ? 1 : 0)) }));
  const peer = runPythonPeer(join(here, 'weibull_scipy.py'), [file, '5']);
  rmSync(dir, { recursive: true, force: true });

  const km = measure(() => kaplanMeier(data.times, data.events, { confidenceType: 'log-log' }), { iterations: 30, warmup: 5 });
  let fit = fitWeibull(data.times, data.events);
  const wb = measure(
    () => {
      fit = fitWeibull(data.times, data.events);
      return fit;
    },
    { iterations: 20, warmup: 3 },
  );
  const rows: BenchRow[] = [];
  const kmPeer = peer?.timings['km'];
  rows.push({
    package: 'failure-model',
    name: 'kaplanMeier + Greenwood log-log CI',
    size,
    ours: km,
    ...(kmPeer ? { peer: { name: 'scipy.stats.ecdf + confidence_interval(log-log)', timing: kmPeer } } : {}),
    goal: '< 50 ms',
    note: `median ${(km.medianUs / 1000).toFixed(2)} ms${kmPeer ? `; ${(kmPeer.medianUs / km.medianUs).toFixed(1)}× scipy` : ''}`,
  });
  const wPeer = peer?.timings['weibull'];
  const ref = peer?.raw['weibull'] as { shape: number; scale: number; logLik: number } | undefined;
  let note = `shape ${fit.shape.toFixed(6)}, scale ${fit.scale.toFixed(4)}, ${fit.evaluations} profile evaluations`;
  if (wPeer && ref) {
    note += `; ${(wPeer.medianUs / wb.medianUs).toFixed(1)}× faster than scipy; relative difference to scipy: shape ${(Math.abs(fit.shape / ref.shape - 1)).toExponential(1)}, scale ${(Math.abs(fit.scale / ref.scale - 1)).toExponential(1)}; log-likelihood ours − scipy = ${(fit.logLikelihood - ref.logLik).toExponential(1)}`;
  }
  rows.push({
    package: 'failure-model',
    name: 'fitWeibull (censored MLE, profile likelihood + CIs)',
    size,
    ours: wb,
    ...(wPeer ? { peer: { name: 'scipy.stats.weibull_min.fit(CensoredData, floc=0)', timing: wPeer } } : {}),
    goal: '≥ 2× scipy, same optimum to 1e-6',
    note,
  });
  return rows;
};

export default suite;
