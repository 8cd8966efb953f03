// Deterministic bursty page-access workload for a disaggregated-memory node.
// Pages are grouped into regions (DAMON-style: pages of a region share one access pattern).
import { createRng, type Rng } from '@infra/types';

/** Access-pattern class of a region. */
export type RegionClass = 'steady' | 'flash' | 'warm' | 'cold';

/** Parameters of one access-pattern class (accesses per page per epoch). */
export interface ClassSpec {
  /** Share of the regions in this class. */
  readonly share: number;
  /** Accesses per page per epoch during a burst. */
  readonly burstRate: number;
  /** Accesses per page per epoch between bursts. */
  readonly idleRate: number;
  /** Burst length range in epochs [min, max]. */
  readonly burstEpochs: readonly [number, number];
  /** Gap length range in epochs [min, max]. */
  readonly gapEpochs: readonly [number, number];
}

/** Workload settings. */
export interface WorkloadConfig {
  /** Number of regions. */
  readonly regions: number;
  /** Number of epochs. */
  readonly epochs: number;
  /** Class mix and patterns. */
  readonly classes: Readonly<Record<RegionClass, ClassSpec>>;
  /** Background link utilization levels the network switches between (other tenants' traffic). */
  readonly backgroundLevels: readonly number[];
  /** Background phase length range in epochs. */
  readonly backgroundPhaseEpochs: readonly [number, number];
  /** Relative per-epoch noise on access counts (uniform ±). */
  readonly noise: number;
}

/** A generated workload: per-region, per-epoch access rates and the background link load. */
export interface Workload {
  /** The settings it was generated from. */
  readonly config: WorkloadConfig;
  /** Class of every region. */
  readonly classes: readonly RegionClass[];
  /** rates[r][e]: accesses per page of region r in epoch e. */
  readonly rates: readonly Float64Array[];
  /** background[e]: link utilization by other traffic in epoch e. */
  readonly background: Float64Array;
}

/** The default workload: 256 regions, bursty "flash" regions mixed with long-lived hot ones, a shared link whose background load changes in phases. */
export const DEFAULT_WORKLOAD: WorkloadConfig = {
  regions: 256,
  epochs: 1500,
  classes: {
    steady: { share: 0.25, burstRate: 40, idleRate: 0.5, burstEpochs: [60, 240], gapEpochs: [20, 80] },
    flash: { share: 0.35, burstRate: 300, idleRate: 0.2, burstEpochs: [1, 1], gapEpochs: [20, 100] },
    warm: { share: 0.2, burstRate: 8, idleRate: 1, burstEpochs: [100, 400], gapEpochs: [10, 40] },
    cold: { share: 0.2, burstRate: 1, idleRate: 0.1, burstEpochs: [5, 20], gapEpochs: [50, 200] },
  },
  backgroundLevels: [0.05, 0.3, 0.6, 0.85],
  backgroundPhaseEpochs: [40, 160],
  noise: 0.2,
};

function intIn(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

/**
 * Generate a workload deterministically from a seed.
 *
 * @param seed - workload seed (training and test runs use different seeds)
 * @param config - settings (default {@link DEFAULT_WORKLOAD})
 * @returns the workload
 */
export function generateWorkload(seed: number, config: WorkloadConfig = DEFAULT_WORKLOAD): Workload {
  const rng = createRng(seed);
  const order: RegionClass[] = ['steady', 'flash', 'warm', 'cold'];
  const classes: RegionClass[] = [];
  for (const c of order) {
    const n = Math.round(config.classes[c].share * config.regions);
    for (let i = 0; i < n && classes.length < config.regions; i++) classes.push(c);
  }
  while (classes.length < config.regions) classes.push('cold');
  // Shuffle so that classes are spread over the address space.
  for (let i = classes.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [classes[i], classes[j]] = [classes[j] as RegionClass, classes[i] as RegionClass];
  }
  const rates = classes.map((c) => {
    const spec = config.classes[c];
    const out = new Float64Array(config.epochs);
    let e = 0;
    let burst = rng.next() < 0.5;
    // Random phase: start part-way through the first burst or gap.
    let left = Math.max(1, Math.floor(rng.next() * intIn(rng, burst ? spec.burstEpochs : spec.gapEpochs)));
    while (e < config.epochs) {
      const base = burst ? spec.burstRate : spec.idleRate;
      for (let i = 0; i < left && e < config.epochs; i++, e++) {
        out[e] = base * (1 + config.noise * (2 * rng.next() - 1));
      }
      burst = !burst;
      left = intIn(rng, burst ? spec.burstEpochs : spec.gapEpochs);
    }
    return out;
  });
  const background = new Float64Array(config.epochs);
  for (let e = 0; e < config.epochs; ) {
    const level = config.backgroundLevels[Math.floor(rng.next() * config.backgroundLevels.length)] ?? 0;
    const len = intIn(rng, config.backgroundPhaseEpochs);
    for (let i = 0; i < len && e < config.epochs; i++, e++) background[e] = level;
  }
  return { config, classes, rates, background };
}
