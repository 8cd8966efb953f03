// @infra/bandit benchmark: LinUCB / LinTS decide+update (d = 32, K = 16) and hybrid LinUCB (k = 8 shared,
// d = 32 per-arm features, K = 16) against the same algorithms in numpy (bench/linear_numpy.py,
// bench/hybrid_numpy.py, run in the same process tree), and non-contextual decisions per second.
import { fileURLToPath } from 'node:url';
import { createRng, type Rng } from '@infra/types';
import {
  epsilonGreedy,
  exp3,
  linTS,
  linUCB,
  softmax,
  thompsonBeta,
  thompsonGaussian,
  ucb1,
  type ArmId,
  type BanditFeedback,
  type BanditPolicy,
  type BanditState,
} from '@infra/bandit';
import { hybridLinUCB, type HybridContext } from '@infra/bandit/hybrid';
import { klUCB } from '@infra/bandit/kl-ucb';
import { measure, measureBatched, runPythonPeer, type BenchRow, type BenchSuite } from '../../../tools/bench-kit.ts';

const D = 32;
const K = 16;
const KS = 8;

interface AnyPolicy<C> {
  init(): BanditState;
  decide(s: BanditState, c: C, rng: Rng): { action: ArmId; propensity?: number };
  update(s: BanditState, f: BanditFeedback): BanditState;
}

function linearStep(policy: BanditPolicy<BanditState, ArrayLike<number>>): (i: number) => unknown {
  const p = policy as unknown as AnyPolicy<ArrayLike<number>>;
  const rng = createRng(1);
  const xs = Array.from({ length: 256 }, () => Array.from({ length: D }, () => rng.next() - 0.5));
  let s = p.init();
  for (let i = 0; i < 1000; i++) {
    const x = xs[i % 256] as number[];
    s = p.update(s, { action: p.decide(s, x, rng).action, reward: rng.next(), context: x });
  }
  return (i) => {
    const x = xs[i % 256] as number[];
    const d = p.decide(s, x, rng);
    s = p.update(s, { action: d.action, reward: rng.next(), context: x });
    return d;
  };
}

/** Hybrid LinUCB decide + update: z per arm (k = 8), one x (d = 32) for every arm, like user features in news. */
function hybridStep(): (i: number) => unknown {
  const p = hybridLinUCB({ arms: K, sharedDimension: KS, armDimension: D });
  const rng = createRng(1);
  const contexts: HybridContext[] = Array.from({ length: 256 }, () => ({
    shared: Array.from({ length: K }, () => Array.from({ length: KS }, () => rng.next() - 0.5)),
    arm: Array.from({ length: D }, () => rng.next() - 0.5),
  }));
  let s = p.init();
  for (let i = 0; i < 1000; i++) {
    const c = contexts[i % 256] as HybridContext;
    s = p.update(s, { action: p.decide(s, c, rng).action, reward: rng.next(), context: c });
  }
  return (i) => {
    const c = contexts[i % 256] as HybridContext;
    const d = p.decide(s, c, rng);
    s = p.update(s, { action: d.action, reward: rng.next(), context: c });
    return d;
  };
}

/** A context-free policy trained for 2 000 rounds on uniform rewards, with the stream it was trained with. */
function trained(policy: BanditPolicy<BanditState>): { p: AnyPolicy<undefined>; s: BanditState; rng: Rng } {
  const p = policy as unknown as AnyPolicy<undefined>;
  const rng = createRng(2);
  let s = p.init();
  for (let i = 0; i < 2000; i++) s = p.update(s, { action: p.decide(s, undefined, rng).action, reward: rng.next() });
  return { p, s, rng };
}

function decisionsPerSecond(policy: BanditPolicy<BanditState>): (i: number) => unknown {
  const { p, s, rng } = trained(policy);
  return () => p.decide(s, undefined, rng);
}

/** One learning step on a trained state: decide, then update with the reward (uniform on [0, 1]). */
function stepsPerSecond(policy: BanditPolicy<BanditState>): (i: number) => unknown {
  const t = trained(policy);
  const { p, rng } = t;
  let s = t.s;
  return () => {
    const d = p.decide(s, undefined, rng);
    s = p.update(s, { action: d.action, reward: rng.next() });
    return d;
  };
}

function updatesPerSecond(policy: BanditPolicy<BanditState>): (i: number) => unknown {
  const p = policy as unknown as AnyPolicy<undefined>;
  const rng = createRng(3);
  const s0 = p.init();
  const rewards = Array.from({ length: 1024 }, () => rng.next());
  let s = s0;
  return (i) => {
    s = p.update(s, { action: i % K, reward: rewards[i % 1024] as number });
    if ((i & 4095) === 4095) s = s0;
    return s;
  };
}

/** Operations per CPU-second of this process (insensitive to other processes competing for the cores). */
function perCpuSecond(op: (i: number) => unknown, n: number): number {
  let sink: unknown;
  for (let i = 0; i < Math.min(n, 10_000); i++) sink = op(i);
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) sink = op(i);
  const c = process.cpuUsage(c0);
  if (sink === Symbol.for('never')) console.log(sink);
  return n / ((c.user + c.system) / 1e6);
}

const suite: BenchSuite = () => {
  const peer = runPythonPeer(fileURLToPath(new URL('./linear_numpy.py', import.meta.url)), ['5000']);
  const rows: BenchRow[] = [];
  const peerCpu = peer?.raw['cpu_us_per_step'] as Record<string, number> | undefined;
  const linear: [string, string, BanditPolicy<BanditState, ArrayLike<number>>][] = [
    ['LinUCB decide+update', 'linucb', linUCB({ arms: K, dimension: D }) as unknown as BanditPolicy<BanditState, ArrayLike<number>>],
    ['LinTS decide+update (16 draws)', 'lints', linTS({ arms: K, dimension: D, samples: 16 }) as unknown as BanditPolicy<BanditState, ArrayLike<number>>],
  ];
  for (const [name, key, policy] of linear) {
    const ours = measure(linearStep(policy), { iterations: 20_000, warmup: 5_000 });
    const cpuUs = 1e6 / perCpuSecond(linearStep(policy), 20_000);
    const theirs = peer?.timings[key];
    const ratio = theirs === undefined ? undefined : theirs.medianUs / ours.medianUs;
    rows.push({
      package: '@infra/bandit',
      name,
      size: `d=${D}, K=${K}`,
      ours,
      ...(theirs === undefined ? {} : { peer: { name: 'numpy', timing: theirs } }),
      goal: 'median ≤ 20 µs, p99 ≤ 50 µs, ≥ 3× numpy',
      note: `${ratio === undefined ? 'numpy peer did not run' : `${ratio.toFixed(1)}× numpy (median)`}; CPU time per call ${cpuUs.toFixed(1)} µs${
        peerCpu?.[key] === undefined ? '' : ` vs numpy ${peerCpu[key].toFixed(1)} µs (${(peerCpu[key] / cpuUs).toFixed(1)}×)`
      }`,
    });
  }
  const hybridPeer = runPythonPeer(fileURLToPath(new URL('./hybrid_numpy.py', import.meta.url)), ['5000']);
  const hybrid = measure(hybridStep(), { iterations: 20_000, warmup: 5_000 });
  const hybridCpu = 1e6 / perCpuSecond(hybridStep(), 20_000);
  const hybridTheirs = hybridPeer?.timings['hybrid'];
  const hybridPeerCpu = (hybridPeer?.raw['cpu_us_per_step'] as Record<string, number> | undefined)?.['hybrid'];
  rows.push({
    package: '@infra/bandit',
    name: 'hybrid LinUCB decide+update',
    size: `k=${KS}, d=${D}, K=${K}`,
    ours: hybrid,
    ...(hybridTheirs === undefined ? {} : { peer: { name: 'numpy', timing: hybridTheirs } }),
    goal: 'median ≤ 20 µs, p99 ≤ 50 µs, ≥ 3× numpy (the LinUCB goals)',
    note: `${hybridTheirs === undefined ? 'numpy peer did not run' : `${(hybridTheirs.medianUs / hybrid.medianUs).toFixed(1)}× numpy (median)`}; CPU time per call ${hybridCpu.toFixed(1)} µs${
      hybridPeerCpu === undefined ? '' : ` vs numpy ${hybridPeerCpu.toFixed(1)} µs (${(hybridPeerCpu / hybridCpu).toFixed(1)}×)`
    }`,
  });
  const mab: [string, BanditPolicy<BanditState>][] = [
    ['ε-greedy', epsilonGreedy({ arms: K }) as unknown as BanditPolicy<BanditState>],
    ['UCB1', ucb1({ arms: K }) as unknown as BanditPolicy<BanditState>],
    ['KL-UCB', klUCB({ arms: K }) as unknown as BanditPolicy<BanditState>],
    ['softmax', softmax({ arms: K }) as unknown as BanditPolicy<BanditState>],
    ['EXP3', exp3({ arms: K }) as unknown as BanditPolicy<BanditState>],
    ['Thompson Beta (default: 1 draw)', thompsonBeta({ arms: K }) as unknown as BanditPolicy<BanditState>],
    ['Thompson Beta, 16 draws (pmf)', thompsonBeta({ arms: K, samples: 16 }) as unknown as BanditPolicy<BanditState>],
    ['Thompson Gaussian (default: 1 draw)', thompsonGaussian({ arms: K }) as unknown as BanditPolicy<BanditState>],
    ['Thompson Gaussian, 16 draws (pmf)', thompsonGaussian({ arms: K, samples: 16 }) as unknown as BanditPolicy<BanditState>],
  ];
  for (const [name, policy] of mab) {
    const slow = name.includes('16 draws');
    const ours = measureBatched(decisionsPerSecond(policy), { batch: slow ? 200 : 5_000, samples: slow ? 50 : 200 });
    const cpu = perCpuSecond(decisionsPerSecond(policy), slow ? 20_000 : 1_000_000);
    rows.push({
      package: '@infra/bandit',
      name: `${name} decide`,
      size: `K=${K}`,
      ours,
      goal: '≥ 2 M decisions/s',
      note: `${(ours.opsPerSec / 1e6).toFixed(2)} M decisions/s wall (mean); ${(cpu / 1e6).toFixed(2)} M per CPU-second`,
    });
  }
  // The same policies learning: each decision followed by its update, as in a running system.
  for (const [name, policy] of mab) {
    const slow = name.includes('16 draws');
    const ours = measureBatched(stepsPerSecond(policy), { batch: slow ? 200 : 5_000, samples: slow ? 50 : 200 });
    rows.push({
      package: '@infra/bandit',
      name: `${name} decide+update`,
      size: `K=${K}`,
      ours,
      note: `${(ours.opsPerSec / 1e6).toFixed(2)} M learning steps/s wall (mean)`,
    });
  }
  const upd = measureBatched(updatesPerSecond(ucb1({ arms: K }) as unknown as BanditPolicy<BanditState>), { batch: 5_000, samples: 200 });
  rows.push({ package: '@infra/bandit', name: 'UCB1 update', size: `K=${K}`, ours: upd, note: `${(upd.opsPerSec / 1e6).toFixed(2)} M updates/s (mean)` });
  return rows;
};

export default suite;
