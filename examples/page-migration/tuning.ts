// What lifts the learned promoter's gain over the best fixed threshold? Policy choice and tuning, the warm-start
// weighting, hybrid LinUCB, reward shaping (λ and the reward window: they change only the reward the learner
// sees, never the simulated platform) and a hand-written telemetry rule, on the four train/test seed pairs of
// sweep.ts (figures in README.md). usage: pnpm exec tsx --conditions=@infra/source examples/page-migration/tuning.ts
import { linTS, linUCB, type BanditPolicy, type LinearState, type LoggedRound } from '@infra/bandit';
import { linEpsilonGreedy } from '@infra/bandit/offline';
import { hybridLinUCB, type HybridState } from '@infra/bandit/hybrid';
import { INDIGO_FEATURE_NAMES, INDIGO_LEVELS } from '@infra/bandit/indigo';
import { learnLinearState } from '@infra/bandit/offline';
import { LEVEL_IDS, banditPromoter, fixedThreshold, uniformLogging } from './src/promoters.js';
import { DEFAULT_SIM, simulate, type Promoter, type SimConfig } from './src/simulator.js';
import { generateWorkload, type Workload } from './src/workload.js';

const d = INDIGO_FEATURE_NAMES.length;
const oneHot = (i: number): number[] => LEVEL_IDS.map((_, a) => (a === i ? 1 : 0));
type Weighting = 'dr' | 'ips' | 'none';
const trained = (log: readonly LoggedRound[], weighting: Weighting = 'dr'): LinearState => learnLinearState(log, { arms: LEVEL_IDS, weighting });

/** Hybrid LinUCB over the levels: zₐ = promoteFractionₐ · x (β: value per promoted fraction, shared), xₐ = 1 (per-level offset). */
function hybridPromoter(log: readonly LoggedRound[]): Promoter<HybridState> {
  const policy = hybridLinUCB({ arms: LEVEL_IDS, sharedDimension: d, armDimension: 1, alpha: 0.2 });
  const ctx = (x: readonly number[]): { shared: number[][]; arm: number[] } => ({ shared: INDIGO_LEVELS.map((l) => x.map((v) => v * l.promoteFraction)), arm: [1] });
  let state = policy.init();
  for (const r of log) state = policy.update(state, { action: LEVEL_IDS[r.action] as string, reward: r.reward, context: ctx(r.context) });
  return {
    name: 'hybrid LinUCB',
    state,
    decide: (s, c, rng) => {
      const dec = policy.decide(s, ctx(c.context), rng);
      const level = LEVEL_IDS.indexOf(String(dec.action));
      return { level, probabilities: dec.probabilities ?? oneHot(level) };
    },
    learn: (s, context, level, reward) => policy.update(s, { action: LEVEL_IDS[level] as string, reward, context: ctx(context) }),
  };
}

/** A fixed rule on the telemetry: promote a whole region at 4–100 accesses/page/epoch (in its first `maxAge` burst epochs). */
function telemetryRule(maxAge: number): Promoter<null> {
  return {
    name: 'rule',
    state: null,
    decide: (_s, c) => {
      const rate = c.telemetry.accessRatePerSecond * DEFAULT_SIM.epochSeconds;
      const age = Math.round(c.telemetry.burstDurationSeconds / DEFAULT_SIM.epochSeconds);
      const level = rate >= 4 && rate < 100 && age <= maxAge ? LEVEL_IDS.length - 1 : 0;
      return { level, probabilities: oneHot(level) };
    },
    learn: (s) => s,
  };
}

interface Variant {
  readonly name: string;
  /** Reward shaping only: λ and the reward window (the platform is DEFAULT_SIM's). */
  readonly reward?: { readonly lambda: number; readonly window: number };
  readonly make: (log: readonly LoggedRound[]) => Promoter<unknown>;
}

const linear = (policy: BanditPolicy<LinearState, ArrayLike<number>>, weighting: Weighting = 'dr') => (log: readonly LoggedRound[]): Promoter<unknown> =>
  banditPromoter('', policy, trained(log, weighting)) as Promoter<unknown>;
const ucb = (alpha: number): BanditPolicy<LinearState, ArrayLike<number>> => linUCB({ arms: LEVEL_IDS, dimension: d, alpha });

const variants: Variant[] = [
  { name: 'LinUCB α = 0.2, DR-trained (the example)', make: linear(ucb(0.2)) },
  { name: 'LinUCB α = 0 (greedy), DR-trained', make: linear(ucb(0)) },
  { name: 'LinUCB α = 0.5, DR-trained', make: linear(ucb(0.5)) },
  { name: 'LinUCB α = 0.2, IPS-trained', make: linear(ucb(0.2), 'ips') },
  { name: 'LinUCB α = 0.2, trained without weighting', make: linear(ucb(0.2), 'none') },
  { name: 'LinTS v = 1, DR-trained', make: linear(linTS({ arms: LEVEL_IDS, dimension: d, v: 1 })) },
  { name: 'linear ε-greedy ε = 0.02, DR-trained', make: linear(linEpsilonGreedy({ arms: LEVEL_IDS, dimension: d, epsilon: 0.02 })) },
  { name: 'hybrid LinUCB α = 0.2 (z = level fraction × x), warm-started', make: (log) => hybridPromoter(log) as Promoter<unknown> },
  { name: 'reward λ = 5, window 8', reward: { lambda: 5, window: 8 }, make: linear(ucb(0.2)) },
  { name: 'reward λ = 20, window 8', reward: { lambda: 20, window: 8 }, make: linear(ucb(0.2)) },
  { name: 'reward λ = 10, window 16', reward: { lambda: 10, window: 16 }, make: linear(ucb(0.2)) },
  { name: 'reward λ = 20, window 16', reward: { lambda: 20, window: 16 }, make: linear(ucb(0.2)) },
  { name: 'reward λ = 10, window 4', reward: { lambda: 10, window: 4 }, make: linear(ucb(0.2)) },
  { name: 'hand-written rule: 4 ≤ rate < 100, burst ≤ 2 epochs (no learning)', make: () => telemetryRule(2) as Promoter<unknown> },
  { name: 'hand-written rule: 4 ≤ rate < 100, any burst age (no learning)', make: () => telemetryRule(Infinity) as Promoter<unknown> },
];

const pairs: [number, number][] = [[1, 2], [3, 4], [5, 6], [7, 8]];
const cells = new Map<string, string[]>(variants.map((v) => [v.name, []]));
const worst = new Map<string, number>(variants.map((v) => [v.name, Infinity]));
for (const [trainSeed, testSeed] of pairs) {
  const train: Workload = generateWorkload(trainSeed);
  const test: Workload = generateWorkload(testSeed);
  const best = [5, 20, 100].map((t) => simulate(test, fixedThreshold(t), 5)).reduce((a, b) => (b.throughput > a.throughput ? b : a));
  const logs = new Map<string, readonly LoggedRound[]>();
  for (const v of variants) {
    const sim: SimConfig = v.reward === undefined ? DEFAULT_SIM : { ...DEFAULT_SIM, lambda: v.reward.lambda, rewardWindowEpochs: v.reward.window };
    const key = `${sim.lambda}/${sim.rewardWindowEpochs}`;
    if (!logs.has(key)) logs.set(key, simulate(train, uniformLogging(), 11, sim).log);
    const r = simulate(test, v.make(logs.get(key) ?? []), 5, sim);
    const gain = 100 * (r.throughput / best.throughput - 1);
    cells.get(v.name)?.push(`${gain.toFixed(1)} %, ${(best.migratedBytes / r.migratedBytes).toFixed(2)}×`);
    worst.set(v.name, Math.min(worst.get(v.name) ?? Infinity, gain));
  }
}
console.log('| variant | 1/2 | 3/4 | 5/6 | 7/8 | worst pair |');
console.log('|---|---|---|---|---|---|');
for (const v of variants) console.log(`| ${v.name} | ${(cells.get(v.name) ?? []).join(' | ')} | ${(worst.get(v.name) ?? 0).toFixed(1)} % |`);
