// Coverage of the nominal 95 % normal intervals over 1000 simulated logs with a known true policy value.
import { createRng, type Rng } from '@infra/types';
import { describe, expect, test } from 'vitest';
import type { LoggedRound } from './ope-logged-data.js';
import { doublyRobust, ips, snips } from './ope-estimators.js';

// Four discrete contexts, three actions, Bernoulli rewards with known means.
const CONTEXTS = [[1, 0], [0, 1], [1, 1], [0, 0]] as const;
const MEANS = [[0.7, 0.3, 0.5], [0.2, 0.6, 0.4], [0.5, 0.5, 0.9], [0.1, 0.2, 0.3]] as const;
const LOGGING = [[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.4, 0.4, 0.2], [1 / 3, 1 / 3, 1 / 3]] as const;
const TARGET = [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.2, 0.2, 0.6]] as const;
const TRUE_VALUE = CONTEXTS.reduce((acc, _, c) => acc + 0.25 * TARGET[c]!.reduce((s, p, a) => s + p * MEANS[c]![a]!, 0), 0);

function draw(rng: Rng, probs: readonly number[]): number {
  const u = rng.next();
  let acc = 0;
  for (let a = 0; a < probs.length; a++) {
    acc += probs[a]!;
    if (u < acc) return a;
  }
  return probs.length - 1;
}

function simulate(rng: Rng, n: number): { log: LoggedRound[]; target: number[][]; model: number[][] } {
  const log: LoggedRound[] = [];
  const target: number[][] = [];
  const model: number[][] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rng.next() * 4);
    const a = draw(rng, LOGGING[c]!);
    const reward = rng.next() < MEANS[c]![a]! ? 1 : 0;
    log.push({ context: [...CONTEXTS[c]!], action: a, reward, propensity: LOGGING[c]![a]! });
    target.push([...TARGET[c]!]);
    model.push([0.5, 0.4, 0.5]); // a deliberately wrong, fixed reward model
  }
  return { log, target, model };
}

describe('nominal 95 % intervals', () => {
  test('cover the true value in 93–97 % of 1000 simulated logs (IPS, SNIPS, DR)', () => {
    const rng = createRng(20250417);
    const runs = 1000;
    const hits = { ips: 0, snips: 0, dr: 0 };
    for (let run = 0; run < runs; run++) {
      const { log, target, model } = simulate(rng, 400);
      const inside = (ci: readonly [number, number]): number => (ci[0] <= TRUE_VALUE && TRUE_VALUE <= ci[1] ? 1 : 0);
      hits.ips += inside(ips(log, target).ci);
      hits.snips += inside(snips(log, target).ci);
      hits.dr += inside(doublyRobust(log, target, { rewardModel: model }).ci);
    }
    const coverage = { ips: hits.ips / runs, snips: hits.snips / runs, dr: hits.dr / runs };
    console.info(`OPE interval coverage over ${runs} runs (true value ${TRUE_VALUE.toFixed(4)}):`, coverage);
    for (const c of Object.values(coverage)) {
      expect(c).toBeGreaterThanOrEqual(0.93);
      expect(c).toBeLessThanOrEqual(0.97);
    }
  });
});
