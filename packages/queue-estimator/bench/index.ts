// @infra/queue-estimator benchmark: estimateWait on a 10 000-request queue in 100 groups, O(1) queue
// updates at 10³ vs 10⁵ queued requests, EDF reorder + violation check for 1 000 groups, the scheduler
// (heuristic vs exact branch and bound; the heuristic's optimality gap against optima proven by a subset DP on
// fixed seeded case sets, and on larger problems against a 25× longer search), and Erlang C / M/M/c against
// a scipy peer (bench/erlang_scipy.py) timed in the same run.
import { fileURLToPath } from 'node:url';
import { createRng, lognormal, type Rng } from '@infra/types';
import {
  createQueueState,
  dequeueRequest,
  enqueueRequest,
  erlangC,
  estimateWait,
  histogramFromSamples,
  minServers,
  mmcQueue,
  queueAhead,
  type EstimateWaitInput,
  type QueueState,
  type TokenHistogram,
} from '@infra/queue-estimator';
import {
  DEFAULT_SEARCH_STEPS,
  edfCheck,
  heuristicSequences,
  planCost,
  planSchedule,
  type ScheduleGroup,
  type ScheduleInstance,
} from '@infra/queue-estimator/scheduler';
import { gapStats, subsetDpOptimum, tightDeadlineProblem, uniformDeadlineProblem } from '../src/schedule-gap.fixture.ts';
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
  const p = uniformDeadlineProblem(rng, n, m);
  return { groups: [...p.groups], instances: [...p.instances] };
}

/**
 * The heuristic's optimality gap on fixed seeded case sets, against optima proven by an exact subset DP
 * (src/schedule-gap.fixture.ts): gap = (heuristic − optimum) / max(optimum, 1 s); "within 5 %" means
 * heuristic − optimum ≤ 5 % of the optimum or ≤ 1e-6 s. Goal (reference sheet 6.5): within 5 % on ≥ 95 %.
 */
const GAP_SETS: readonly { readonly name: string; readonly make: typeof uniformDeadlineProblem; readonly n: number; readonly m: number; readonly cases: number }[] = [
  { name: 'uniform', make: uniformDeadlineProblem, n: 10, m: 3, cases: 100 },
  { name: 'uniform', make: uniformDeadlineProblem, n: 12, m: 2, cases: 100 },
  { name: 'uniform', make: uniformDeadlineProblem, n: 14, m: 3, cases: 30 },
  { name: 'uniform', make: uniformDeadlineProblem, n: 16, m: 3, cases: 10 },
  { name: 'tight', make: tightDeadlineProblem, n: 10, m: 3, cases: 100 },
  { name: 'tight', make: tightDeadlineProblem, n: 12, m: 2, cases: 100 },
  { name: 'tight', make: tightDeadlineProblem, n: 14, m: 3, cases: 30 },
  { name: 'tight', make: tightDeadlineProblem, n: 16, m: 3, cases: 10 },
];

/** Larger heavily loaded problems have no proven optimum: compare the default budget with a 25× larger one. */
function largeGaps(): string {
  return [[30, 4], [60, 6], [100, 8]].map(([n, m]) => {
    const rng = createRng(7 + n!);
    const problems = Array.from({ length: 10 }, () => tightDeadlineProblem(rng, n!, m!));
    const best = problems.map((p) => planCost(p, heuristicSequences(p, 25 * DEFAULT_SEARCH_STEPS)));
    const g = gapStats(problems, best, (p) => heuristicSequences(p));
    return `tight ${n}×${m}: within 5 % of the 25×-budget plan on ${(100 * g.within5).toFixed(0)} %, mean gap ${(100 * g.meanGap).toFixed(1)} %`;
  }).join('; ');
}

function heuristicGaps(): string {
  return GAP_SETS.map(({ name, make, n, m, cases }) => {
    const rng = createRng(42 + n * 10 + m);
    const problems = Array.from({ length: cases }, () => make(rng, n, m));
    const optima = problems.map((p) => subsetDpOptimum(p).cost);
    const g = gapStats(problems, optima, (p) => heuristicSequences(p));
    return `${name} ${n}×${m} (${cases} cases): within 5 % on ${(100 * g.within5).toFixed(1)} %, mean gap ${(100 * g.meanGap).toFixed(2)} %, worst ${(100 * g.worstGap).toFixed(1)} %`;
  }).join('; ');
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
    name: 'planSchedule heuristic (multi-start + local search, swap-aware, evictions)',
    size: '100 groups × 8 instances',
    ours: measure(() => planSchedule(p100.groups, p100.instances, { nowSeconds: 0, swapSeconds: 5, solver: 'heuristic' }), { iterations: 300, warmup: 30 }),
  });
  const p8 = randomProblem(rng, 8, 3);
  rows.push({
    package: PKG,
    name: 'planSchedule exact (branch and bound)',
    size: '8 groups × 3 instances',
    ours: measure(() => planSchedule(p8.groups, p8.instances, { nowSeconds: 0, swapSeconds: 5, solver: 'exact' }), { iterations: 50, warmup: 5 }),
  });

  const tight12 = Array.from({ length: 20 }, () => tightDeadlineProblem(rng, 12, 2));
  rows.push({
    package: PKG,
    name: 'heuristicSequences (multi-start + iterated local search)',
    size: '12 groups × 2 instances, heavily loaded (20 problems in turn)',
    ours: measure((i) => heuristicSequences(tight12[i % 20]!), { iterations: 400, warmup: 40 }),
    goal: 'within 5 % of the optimum on ≥ 95 %',
    note: `budget ${DEFAULT_SEARCH_STEPS.toLocaleString('en-US')} visited groups; heuristic vs proven optimum: ${heuristicGaps()}`,
  });
  const tight100 = Array.from({ length: 10 }, () => tightDeadlineProblem(rng, 100, 8));
  rows.push({
    package: PKG,
    name: 'heuristicSequences (multi-start + iterated local search)',
    size: '100 groups × 8 instances, heavily loaded (10 problems in turn)',
    ours: measure((i) => heuristicSequences(tight100[i % 10]!), { iterations: 100, warmup: 20 }),
    note: largeGaps(),
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
