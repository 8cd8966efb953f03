// @infra/queue-estimator benchmark: estimateWait on a 10 000-request queue in 100 groups, O(1) queue
// updates at 10³ vs 10⁵ queued requests, EDF reorder + violation check for 1 000 groups, the scheduler
// (heuristic vs exact branch and bound, with the heuristic's optimality gap), and Erlang C / M/M/c against
// a scipy peer (bench/erlang_scipy.py) timed in the same run.
import { fileURLToPath } from 'node:url';
import { createRng, lognormal, type Rng } from '@infra/types';
import {
  createQueueState,
  dequeueRequest,
  edfCheck,
  enqueueRequest,
  erlangC,
  estimateWait,
  histogramFromSamples,
  minServers,
  mmcQueue,
  planSchedule,
  queueAhead,
  type EstimateWaitInput,
  type QueueState,
  type ScheduleGroup,
  type ScheduleInstance,
  type TokenHistogram,
} from '@infra/queue-estimator';
import { measure, runPythonPeer, type BenchRow, type BenchSuite } from '../../../tools/bench-kit.ts';

const PKG = '@infra/queue-estimator';

function histograms(rng: Rng, groups: number): Record<string, TokenHistogram> {
  const out: Record<string, TokenHistogram> = {};
  for (let g = 0; g < groups; g++) {
    const mu = Math.log(10 + 5 * (g % 20));
    const xs = Array.from({ length: 2000 }, () => Math.max(1, Math.min(4096, Math.round(lognormal(rng, mu, 1.2)))));
    out[`g${g}`] = histogramFromSamples(xs, { maxTokens: 4096 });
  }
  return out;
}

function bigQueueInput(rng: Rng, queued: number, groups: number): EstimateWaitInput {
  let q: QueueState = createQueueState();
  for (let i = 0; i < queued; i++) q = enqueueRequest(q, { group: `g${i % groups}`, inputTokens: 200 + Math.floor(rng.next() * 4000) });
  const gen = (n: number): number[] => Array.from({ length: n }, () => Math.floor(rng.next() * 200));
  return {
    histograms: histograms(rng, groups),
    service: { coefficients: { alpha: 0.01, beta: 2e-4, gamma: 8e-5 }, maxBatchSize: 64, kvCapacityTokens: 400_000, maxBatchedTokens: 2048 },
    running: [0, 1, 2, 3].map((g) => ({ group: `g${g}`, generatedTokens: gen(16) })),
    ahead: queueAhead(q),
    kvUsedTokens: 390_000,
    prefillBacklogTokens: 1500,
  };
}

function randomProblem(rng: Rng, n: number, m: number): { groups: ScheduleGroup[]; instances: ScheduleInstance[] } {
  const models = ['a', 'b', 'c'];
  const groups = Array.from({ length: n }, (_, i): ScheduleGroup => ({
    id: `g${i}`,
    model: models[Math.floor(rng.next() * 3)]!,
    requestClass: rng.next() < 0.5 ? 'interactive' : 'batch',
    deadlineSeconds: Math.floor(rng.next() * 8 * n),
    workSeconds: 1 + Math.floor(rng.next() * 20),
    weight: rng.next() < 0.3 ? 3 : 1,
  }));
  const instances = Array.from({ length: m }, (_, i): ScheduleInstance => ({
    id: `i${i}`,
    model: models[i % 3]!,
    availableAtSeconds: Math.floor(rng.next() * 5),
  }));
  return { groups, instances };
}

function heuristicGap(n: number, m: number, cases: number): string {
  const rng = createRng(42 + n);
  const gaps: number[] = [];
  let proven = 0;
  for (let c = 0; c < cases; c++) {
    const { groups, instances } = randomProblem(rng, n, m);
    const h = planSchedule(groups, instances, { nowSeconds: 0, swapSeconds: 5, solver: 'heuristic', evict: false });
    const e = planSchedule(groups, instances, { nowSeconds: 0, swapSeconds: 5, solver: 'exact', evict: false });
    if (!e.optimal) continue; // compare against proven optima only
    proven++;
    const opt = e.totalLatenessSeconds;
    gaps.push(opt === 0 ? (h.totalLatenessSeconds === 0 ? 0 : Infinity) : (h.totalLatenessSeconds - opt) / opt);
  }
  const within5 = gaps.filter((g) => g <= 0.05).length / gaps.length;
  const finite = gaps.filter(Number.isFinite);
  const mean = finite.reduce((a, b) => a + b, 0) / Math.max(1, finite.length);
  return `${n} groups × ${m} instances: on the ${proven}/${cases} random cases where branch and bound proved the optimum, the heuristic is within 5 % on ${(100 * within5).toFixed(0)} %, mean gap ${(100 * mean).toFixed(1)} %`;
}

const suite: BenchSuite = () => {
  const rows: BenchRow[] = [];
  const rng = createRng(7);

  const big = bigQueueInput(rng, 10_000, 100);
  let check = 0;
  const big95 = estimateWait(big);
  rows.push({
    package: PKG,
    name: 'estimateWait (+ p95 + P(W ≤ SLO))',
    size: '10 000 queued in 100 groups, 64 running, KV + token budget',
    ours: measure(() => {
      const d = estimateWait(big);
      check += d.quantile(0.95) + d.cdf(30);
      return d;
    }, { iterations: 2000, warmup: 500 }),
    goal: '< 1 ms p99',
    note: `method ${big95.method}, mean ${big95.mean.toFixed(2)} s, p95 ${big95.quantile(0.95).toFixed(2)} s`,
  });

  const small: EstimateWaitInput = { ...big, ahead: big.ahead.slice(0, 4).map((a) => ({ ...a, count: 5, inputTokens: 5 * 2000 })), kvUsedTokens: 100_000 };
  const smallD = estimateWait(small);
  rows.push({
    package: PKG,
    name: 'estimateWait, short queue (renewal count model)',
    size: '20 queued in 4 groups, 64 running',
    ours: measure(() => estimateWait(small).quantile(0.95), { iterations: 500, warmup: 100 }),
    note: `method ${smallD.method}`,
  });

  for (const n of [1_000, 100_000]) {
    let q = createQueueState();
    for (let i = 0; i < n; i++) q = enqueueRequest(q, { group: `g${i % 100}`, inputTokens: 1000 });
    const base = q;
    rows.push({
      package: PKG,
      name: 'enqueue + dequeue (aggregate moments)',
      size: `queue of ${n.toLocaleString('en-US')} in 100 groups`,
      ours: measure((i) => dequeueRequest(enqueueRequest(base, { group: `g${i % 100}`, inputTokens: 500 }), { group: `g${i % 100}`, inputTokens: 500 }), { iterations: 20_000 }),
      goal: 'O(1): same time at 10³ and 10⁵',
    });
  }

  const pr = randomProblem(rng, 1000, 1);
  rows.push({
    package: PKG,
    name: 'EDF reorder + violation check',
    size: '1 000 groups on one instance',
    ours: measure(() => edfCheck(pr.groups, pr.instances[0]!, 5), { iterations: 2000, warmup: 200 }),
    goal: '< 1 ms',
  });

  const p100 = randomProblem(rng, 100, 8);
  rows.push({
    package: PKG,
    name: 'planSchedule heuristic (EDF + EFT, swap-aware, evictions)',
    size: '100 groups × 8 instances',
    ours: measure(() => planSchedule(p100.groups, p100.instances, { nowSeconds: 0, swapSeconds: 5, solver: 'heuristic' }), { iterations: 300, warmup: 30 }),
  });
  const p8 = randomProblem(rng, 8, 3);
  rows.push({
    package: PKG,
    name: 'planSchedule exact (branch and bound)',
    size: '8 groups × 3 instances',
    ours: measure(() => planSchedule(p8.groups, p8.instances, { nowSeconds: 0, swapSeconds: 5, solver: 'exact' }), { iterations: 50, warmup: 5 }),
    note: `${heuristicGap(10, 3, 40)}; ${heuristicGap(12, 2, 20)}`,
  });

  const peer = runPythonPeer(fileURLToPath(new URL('./erlang_scipy.py', import.meta.url)));
  const erlangCases: [string, number, number][] = [
    ['erlangC c=100 a=95', 100, 95],
    ['erlangC c=1000 a=990', 1000, 990],
    ['erlangC c=10000 a=9999', 10_000, 9999],
  ];
  for (const [name, c, a] of erlangCases) {
    const ours = measure(() => erlangC(c, a), { iterations: 2000 });
    const pv = peer?.raw['values'] as Record<string, number> | undefined;
    const pt = peer?.timings[name];
    const ratio = pt === undefined ? '' : `, peer/ours median ratio ${(pt.medianUs / ours.medianUs).toFixed(1)}×`;
    rows.push({
      package: PKG,
      name: 'erlangC (stable recursion)',
      size: `c = ${c}, a = ${a}`,
      ours,
      ...(pt === undefined ? {} : { peer: { name: 'scipy.stats.poisson pmf/cdf', timing: pt } }),
      note: pv === undefined ? 'peer unavailable' : `|ours − scipy| / scipy = ${(Math.abs(erlangC(c, a) - pv[name]!) / pv[name]!).toExponential(1)}${ratio}`,
    });
  }
  const p95 = (): number => mmcQueue({ arrivalRate: 990, serviceRate: 1, servers: 1000 }).wait.quantile(0.95);
  const pt = peer?.timings['mmc p95 c=1000'];
  const oursMmc = measure(p95, { iterations: 2000 });
  rows.push({
    package: PKG,
    name: 'M/M/c p95 wait (mmcQueue + quantile)',
    size: 'c = 1000, ρ = 0.99',
    ours: oursMmc,
    ...(pt === undefined ? {} : { peer: { name: 'scipy.stats.poisson pmf/cdf', timing: pt } }),
    note: pt === undefined ? 'peer unavailable' : `p95 = ${p95().toFixed(6)} s; peer/ours median ratio ${(pt.medianUs / oursMmc.medianUs).toFixed(1)}×`,
  });
  rows.push({
    package: PKG,
    name: 'minServers (p95 wait ≤ 0.1 s)',
    size: 'a = 990 Erlangs',
    ours: measure(() => minServers({ arrivalRate: 990, serviceRate: 1, target: { kind: 'percentile', probability: 0.95, maxWaitSeconds: 0.1 } }), { iterations: 1000 }),
    note: `c = ${minServers({ arrivalRate: 990, serviceRate: 1, target: { kind: 'percentile', probability: 0.95, maxWaitSeconds: 0.1 } })}`,
  });
  if (check === Symbol.for('x') as unknown) console.log(check);
  return rows;
};

export default suite;
