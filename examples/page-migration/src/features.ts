// A richer context for the promoter than the INDIGO preset's 12 features: how much of the region is still
// remote, and how old its burst is (one-hot age bins) interacted with hotness, rate share and link utilization,
// so that a per-arm linear model can treat a region in its first epoch of activity differently from one that
// has been hot for a while. Built only from what the promoter observes (telemetry and the region's remote pages).
import { INDIGO_FEATURE_NAMES } from '@infra/bandit/indigo';
import type { Candidate } from './simulator.js';

/** Burst-age bins, in epochs: the first epoch, the second, 3–5, 6 and more. */
const AGE_BINS: readonly string[] = ['age1', 'age2', 'age3to5', 'age6plus'];

/** Names of the entries of {@link extendedFeatures}, in order. */
export const EXTENDED_FEATURE_NAMES: readonly string[] = [
  ...INDIGO_FEATURE_NAMES,
  'remoteFraction',
  ...AGE_BINS.flatMap((b) => [b, `${b}×hotness`, `${b}×rateShare`, `${b}×linkUtilization`]),
];

/**
 * The extended feature map: INDIGO features, remote fraction of the region, and burst-age one-hot bins × (1,
 * hotness, rate share, link utilization).
 *
 * @param epochSeconds - epoch length, to turn the burst duration into epochs
 * @param pagesPerRegion - pages per region, for the remote fraction
 * @returns a function from a candidate to its context vector (length {@link EXTENDED_FEATURE_NAMES})
 */
export function extendedFeatures(epochSeconds: number, pagesPerRegion: number): (c: Candidate) => number[] {
  return (c) => {
    const x = c.context;
    const age = Math.round(c.telemetry.burstDurationSeconds / epochSeconds);
    const bin = age <= 1 ? 0 : age === 2 ? 1 : age <= 5 ? 2 : 3;
    const out = [...x, c.remotePages / pagesPerRegion];
    for (let i = 0; i < AGE_BINS.length; i++) {
      const v = i === bin ? 1 : 0;
      out.push(v, v * (x[1] ?? 0), v * (x[2] ?? 0), v * c.telemetry.linkUtilization);
    }
    return out;
  };
}
