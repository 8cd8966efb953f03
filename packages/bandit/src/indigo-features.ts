import { InfraError, assertFinite, assertInRange, assertNonNegative, assertPlainObject, assertPositive } from './infra-types.js';

/**
 * Telemetry of one page (or page region) and of the system at a promotion decision, in physical units.
 * INDIGO's context: a burst-aware access-rate estimate, local-memory pressure and the network state.
 */
export interface PageTelemetry {
  /** Estimated accesses per second to the page (or the region, per page), ≥ 0. */
  readonly accessRatePerSecond: number;
  /** How long the page's current access burst has lasted, in seconds (0 when idle), ≥ 0. */
  readonly burstDurationSeconds: number;
  /** Fraction of local memory that is free, in [0, 1]. */
  readonly localFreeFraction: number;
  /** Utilization of the link to remote memory, in [0, 1]. */
  readonly linkUtilization: number;
  /** Measured remote-access latency in nanoseconds, > 0. */
  readonly remoteLatencyNs: number;
}

/** Normalization constants of {@link indigoFeatures}; pick them from the platform's nominal figures. */
export interface IndigoFeatureScales {
  /** Access rate that maps to hotness 1 (log scale), > 0 (default 1e6 accesses/s). */
  readonly maxAccessRatePerSecond?: number;
  /** Burst-duration time constant τ in seconds: burst feature = 1 − exp(−duration/τ) (default 0.05 s). */
  readonly burstTimeConstantSeconds?: number;
  /** Free fraction below which local memory is under pressure (the low watermark), in (0, 1] (default 0.1). */
  readonly lowWatermark?: number;
  /** Unloaded remote-access latency in nanoseconds, > 0 (default 1000 ns). */
  readonly baseRemoteLatencyNs?: number;
}

/** Names of the entries of {@link indigoFeatures}, in order. */
export const INDIGO_FEATURE_NAMES: readonly string[] = [
  'bias',
  'hotness',
  'rateShare',
  'burst',
  'localFree',
  'memoryPressure',
  'linkUtilization',
  'latencyExcess',
  'rateShare×latencyRatio',
  'rateShare×burst',
  'hotness×memoryPressure',
  'hotness×linkUtilization',
];

/**
 * Build INDIGO's normalized context vector from page and system telemetry, ready for `linUCB` / `linTS`
 * (the first entry is a constant 1, so the linear policies need no intercept). Entries
 * ({@link INDIGO_FEATURE_NAMES}): bias; hotness = ln(1 + rate)/ln(1 + maxRate); rate share = rate/maxRate;
 * burst = 1 − e^(−duration/τ); local free fraction; memory pressure = max(0, (watermark − free)/watermark);
 * link utilization; latency excess = latency/base − 1; and four interactions chosen so that per-arm linear
 * models can express the locality gain (≈ rate × remote latency × how long the burst persists) against
 * memory pressure and link load: rate share × latency ratio, rate share × burst, hotness × pressure,
 * hotness × utilization.
 *
 * @param telemetry - the page and system telemetry
 * @param scales - normalization constants (defaults documented on {@link IndigoFeatureScales})
 * @returns a vector of length 12
 * @throws InfraError naming the bad field (e.g. `telemetry.linkUtilization` outside [0, 1])
 *
 * @example
 * ```ts @import.meta.vitest
 * const x = indigoFeatures({
 *   accessRatePerSecond: 1e6, burstDurationSeconds: 0, localFreeFraction: 0.05,
 *   linkUtilization: 0.5, remoteLatencyNs: 1500,
 * });
 * expect(x).toHaveLength(INDIGO_FEATURE_NAMES.length);
 * expect(x[0]).toBe(1);
 * expect(x[1]).toBeCloseTo(1, 12);
 * expect(x[5]).toBeCloseTo(0.5, 12);
 * expect(x[7]).toBeCloseTo(0.5, 12);
 * ```
 */
export function indigoFeatures(telemetry: PageTelemetry, scales: IndigoFeatureScales = {}): number[] {
  const t = assertPlainObject(telemetry, 'telemetry');
  const rate = assertNonNegative(t['accessRatePerSecond'], 'telemetry.accessRatePerSecond');
  const burst = assertNonNegative(t['burstDurationSeconds'], 'telemetry.burstDurationSeconds');
  const free = assertInRange(t['localFreeFraction'], 'telemetry.localFreeFraction', 0, 1);
  const util = assertInRange(t['linkUtilization'], 'telemetry.linkUtilization', 0, 1);
  const latency = assertPositive(t['remoteLatencyNs'], 'telemetry.remoteLatencyNs');
  const maxRate = assertPositive(scales.maxAccessRatePerSecond ?? 1e6, 'scales.maxAccessRatePerSecond');
  const tau = assertPositive(scales.burstTimeConstantSeconds ?? 0.05, 'scales.burstTimeConstantSeconds');
  const wm = assertInRange(scales.lowWatermark ?? 0.1, 'scales.lowWatermark', 0, 1, { minExclusive: true });
  const base = assertPositive(scales.baseRemoteLatencyNs ?? 1000, 'scales.baseRemoteLatencyNs');
  const hot = Math.log1p(rate) / Math.log1p(maxRate);
  const b = 1 - Math.exp(-burst / tau);
  const pressure = Math.max(0, (wm - free) / wm);
  const share = rate / maxRate;
  return [1, hot, share, b, free, pressure, util, latency / base - 1, share * (latency / base), share * b, hot * pressure, hot * util];
}

/** One promotion aggressiveness level (an arm of the INDIGO preset). */
export interface PromotionLevel {
  /** Arm id, e.g. `hold`. */
  readonly id: string;
  /** Fraction of the candidate region's remote pages to promote now (hottest first), in [0, 1]. */
  readonly promoteFraction: number;
}

/**
 * The default arms: promotion aggressiveness levels from "hold" (promote nothing) to "aggressive"
 * (promote every remote page of the candidate region). Use `INDIGO_LEVELS.map((l) => l.id)` as the arm ids.
 */
export const INDIGO_LEVELS: readonly PromotionLevel[] = [
  { id: 'hold', promoteFraction: 0 },
  { id: 'conservative', promoteFraction: 0.25 },
  { id: 'moderate', promoteFraction: 0.5 },
  { id: 'aggressive', promoteFraction: 1 },
];

/** What happened after a promotion decision, measured over an evaluation window. */
export interface MigrationOutcome {
  /** Accesses that hit the promoted pages locally during the window, ≥ 0. */
  readonly promotedPageAccesses: number;
  /** Accesses that went remote because pages were demoted to make room, ≥ 0 (default 0). */
  readonly demotedPageAccesses?: number;
  /** Local-access latency in nanoseconds, > 0. */
  readonly localLatencyNs: number;
  /** Remote-access latency in nanoseconds (≥ local latency). */
  readonly remoteLatencyNs: number;
  /** Bytes moved over the link by the decision (promotions plus demotions), ≥ 0. */
  readonly migratedBytes: number;
  /** Link bandwidth in bytes per second, > 0. */
  readonly linkBandwidthBytesPerSecond: number;
  /** Link utilization by other traffic when the bytes moved, in [0, 1). */
  readonly linkUtilization: number;
}

/** The decomposition returned by {@link netBenefit}. */
export interface NetBenefit {
  /** Reward = (localityGainNs − λ·transferCostNs) / scaleNs. */
  readonly reward: number;
  /** Latency saved: (promoted-page accesses − demoted-page accesses) × (remote − local latency), ns. */
  readonly localityGainNs: number;
  /** Transfer time of the migrated bytes on the bandwidth left over: bytes / (bandwidth·(1 − utilization)), ns. */
  readonly transferCostNs: number;
}

/** Options of {@link netBenefit}. */
export interface NetBenefitOptions {
  /** Weight λ ≥ 0 of the transfer cost (default 1). */
  readonly lambda?: number;
  /** Divide the reward by this many nanoseconds to keep it O(1) for the learner (default 1e6, i.e. milliseconds). */
  readonly scaleNs?: number;
}

/**
 * INDIGO's cost-aware reward: the locality gain of a promotion minus the network transfer cost under the
 * current link state. The transfer cost grows as 1/(1 − utilization), so the same migration is cheap on an
 * idle link and expensive on a congested one.
 *
 * @param outcome - measured accesses, latencies, bytes and link state
 * @param opts - cost weight λ and reward scale
 * @returns the reward and its two components
 * @throws InfraError naming a bad field (utilization must be < 1; the remote latency must not be below the local one)
 *
 * @example
 * ```ts @import.meta.vitest
 * const r = netBenefit({
 *   promotedPageAccesses: 1000, localLatencyNs: 100, remoteLatencyNs: 900,
 *   migratedBytes: 4096, linkBandwidthBytesPerSecond: 4096e6, linkUtilization: 0.5,
 * });
 * expect(r.localityGainNs).toBe(800_000);
 * expect(r.transferCostNs).toBeCloseTo(2000, 9);
 * expect(r.reward).toBeCloseTo(0.798, 12);
 * ```
 */
export function netBenefit(outcome: MigrationOutcome, opts: NetBenefitOptions = {}): NetBenefit {
  const o = assertPlainObject(outcome, 'outcome');
  const hits = assertNonNegative(o['promotedPageAccesses'], 'outcome.promotedPageAccesses');
  const lost = o['demotedPageAccesses'] === undefined ? 0 : assertNonNegative(o['demotedPageAccesses'], 'outcome.demotedPageAccesses');
  const local = assertPositive(o['localLatencyNs'], 'outcome.localLatencyNs');
  const remote = assertFinite(o['remoteLatencyNs'], 'outcome.remoteLatencyNs');
  if (remote < local) throw new InfraError('OUT_OF_RANGE', 'outcome.remoteLatencyNs', `must be >= localLatencyNs (${local}), got ${remote}`);
  const bytes = assertNonNegative(o['migratedBytes'], 'outcome.migratedBytes');
  const bw = assertPositive(o['linkBandwidthBytesPerSecond'], 'outcome.linkBandwidthBytesPerSecond');
  const util = assertInRange(o['linkUtilization'], 'outcome.linkUtilization', 0, 1, { maxExclusive: true });
  const lambda = assertNonNegative(opts.lambda ?? 1, 'options.lambda');
  const scale = assertPositive(opts.scaleNs ?? 1e6, 'options.scaleNs');
  const localityGainNs = (hits - lost) * (remote - local);
  const transferCostNs = (bytes / (bw * (1 - util))) * 1e9;
  return { reward: (localityGainNs - lambda * transferCostNs) / scale, localityGainNs, transferCostNs };
}
