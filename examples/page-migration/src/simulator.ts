// A small deterministic disaggregated-memory simulator: local memory of limited capacity, remote memory
// behind a shared link whose latency grows with utilization, page regions with bursty access patterns,
// and a promoter that decides, each epoch, how aggressively to promote each hot remote region.
import type { LoggedRound } from '@infra/bandit';
import { INDIGO_LEVELS, indigoFeatures, netBenefit, type IndigoFeatureScales, type PageTelemetry } from '@infra/bandit/indigo';
import { createRng, type Rng } from '@infra/types';
import type { Workload } from './workload.js';

/** Platform settings of the simulator. */
export interface SimConfig {
  /** Pages per region. */
  readonly pagesPerRegion: number;
  /** Page size in bytes. */
  readonly pageBytes: number;
  /** Local memory capacity as a fraction of all pages. */
  readonly localCapacityFraction: number;
  /** Epoch length in seconds (decision period). */
  readonly epochSeconds: number;
  /** Local access latency, ns. */
  readonly localLatencyNs: number;
  /** Unloaded remote access latency, ns. */
  readonly remoteBaseLatencyNs: number;
  /** Compute time per access, ns (the part of the application that does not wait on memory). */
  readonly cpuNsPerAccess: number;
  /** Link bandwidth in bytes per second. */
  readonly linkBandwidthBytesPerSecond: number;
  /** Bytes a remote access moves over the link. */
  readonly cacheLineBytes: number;
  /** Epochs over which a promotion's benefit is measured for the reward. */
  readonly rewardWindowEpochs: number;
  /** At most this many candidate regions (hottest first) are considered per epoch. */
  readonly maxCandidates: number;
  /** A region is a candidate when its rate (accesses per page per epoch) is at least this. */
  readonly minCandidateRate: number;
  /**
   * Weight λ of the transfer cost in the reward. A migration's real cost is larger than its own transfer time:
   * its bytes queue every other remote access on the shared link. λ = 10 approximates that congestion
   * externality at the default platform's load (see README).
   */
  readonly lambda: number;
  /** Reward scale in ns (rewards are in units of this). */
  readonly rewardScaleNs: number;
}

/** Default platform: 4 096 pages of 4 KiB, a quarter local; 2 GB/s link; 100 ns local, 900 ns unloaded remote; λ = 10. */
export const DEFAULT_SIM: SimConfig = {
  pagesPerRegion: 16,
  pageBytes: 4096,
  localCapacityFraction: 0.25,
  epochSeconds: 0.01,
  localLatencyNs: 100,
  remoteBaseLatencyNs: 900,
  cpuNsPerAccess: 200,
  linkBandwidthBytesPerSecond: 2e9,
  cacheLineBytes: 64,
  rewardWindowEpochs: 8,
  maxCandidates: 48,
  minCandidateRate: 2,
  lambda: 10,
  rewardScaleNs: 1e6,
};

/** Feature scales matching {@link DEFAULT_SIM}. */
export const SIM_SCALES: IndigoFeatureScales = {
  maxAccessRatePerSecond: 3e4,
  burstTimeConstantSeconds: 0.05,
  lowWatermark: 0.1,
  baseRemoteLatencyNs: 900,
};

/** A promotion candidate as the promoter sees it. */
export interface Candidate {
  /** Region index. */
  readonly region: number;
  /** Pages of the region still in remote memory. */
  readonly remotePages: number;
  /** Raw telemetry. */
  readonly telemetry: PageTelemetry;
  /** Normalized INDIGO features. */
  readonly context: number[];
}

/** A promoter's choice for one candidate. */
export interface PromoterChoice {
  /** Index into INDIGO_LEVELS. */
  readonly level: number;
  /** Probability vector over the levels. */
  readonly probabilities: readonly number[];
}

/** A promotion policy driving the simulator (pure: state in, state out). */
export interface Promoter<S> {
  /** Display name. */
  readonly name: string;
  /** Initial state. */
  readonly state: S;
  /** Choose a level for a candidate. */
  decide(state: S, c: Candidate, rng: Rng): PromoterChoice;
  /** Learn from the delayed reward of an earlier choice. */
  learn(state: S, context: readonly number[], level: number, reward: number): S;
  /**
   * The promoter's own context vector for a candidate (default: the INDIGO features in `c.context`). What it
   * returns is the `context` that `decide` sees, that `learn` receives and that the log records.
   */
  features?(c: Candidate): number[];
}

/** Totals of one simulated run. */
export interface SimResult {
  /** Promoter name. */
  readonly name: string;
  /** Application throughput: accesses per second of application time. */
  readonly throughput: number;
  /** Total accesses. */
  readonly accesses: number;
  /** Application time, seconds. */
  readonly appSeconds: number;
  /** Bytes moved by promotions and demotions. */
  readonly migratedBytes: number;
  /** Fraction of accesses served locally. */
  readonly localHitRatio: number;
  /** Mean link utilization. */
  readonly meanLinkUtilization: number;
  /** Every decision with its delayed reward (for OPE and offline training). */
  readonly log: readonly LoggedRound[];
  /** The promoter's final state. */
  readonly finalState: unknown;
}

interface Pending {
  readonly epoch: number;
  readonly region: number;
  readonly level: number;
  readonly context: number[];
  readonly probabilities: readonly number[];
  readonly promoted: number;
  readonly remotePages: number;
  readonly victims: ReadonlyMap<number, number>;
  readonly bytes: number;
  readonly util: number;
}

function remoteLatency(cfg: SimConfig, u: number): number {
  return cfg.remoteBaseLatencyNs * (1 + (0.5 * u) / (1 - u));
}

/**
 * Run one promoter over a workload. Deterministic for a given workload, promoter and seed.
 *
 * @param workload - the generated workload
 * @param promoter - the promotion policy
 * @param seed - seed of the promoter's random stream
 * @param cfg - platform settings
 * @returns totals and the decision log
 */
export function simulate<S>(workload: Workload, promoter: Promoter<S>, seed: number, cfg: SimConfig = DEFAULT_SIM): SimResult {
  const rng = createRng(seed);
  const R = workload.rates.length;
  const E = workload.config.epochs;
  const P = cfg.pagesPerRegion;
  const capacity = Math.round(cfg.localCapacityFraction * R * P);
  const linkBytesPerEpoch = cfg.linkBandwidthBytesPerSecond * cfg.epochSeconds;
  const local = new Int32Array(R);
  const ewma = new Float64Array(R);
  const burst = new Int32Array(R);
  const latency = new Float64Array(E);
  const utilAt = new Float64Array(E);
  let free = capacity;
  let migBytesNext = 0;
  let state = promoter.state;
  let accesses = 0;
  let localAccesses = 0;
  let timeNs = 0;
  let migrated = 0;
  let utilSum = 0;
  const pending: Pending[] = [];
  const log: LoggedRound[] = [];
  const H = cfg.rewardWindowEpochs;

  for (let e = 0; e < E; e++) {
    const migBytes = migBytesNext;
    migBytesNext = 0;
    migrated += migBytes;
    let epochAcc = 0;
    let epochLocal = 0;
    for (let r = 0; r < R; r++) {
      const a = (workload.rates[r]?.[e] ?? 0) * P;
      epochAcc += a;
      epochLocal += (a * (local[r] ?? 0)) / P;
    }
    const epochRemote = epochAcc - epochLocal;
    const u = Math.min(0.97, (workload.background[e] ?? 0) + (migBytes + epochRemote * cfg.cacheLineBytes) / linkBytesPerEpoch);
    const lat = remoteLatency(cfg, u);
    latency[e] = lat;
    utilAt[e] = u;
    utilSum += u;
    accesses += epochAcc;
    localAccesses += epochLocal;
    timeNs += epochLocal * cfg.localLatencyNs + epochRemote * lat + epochAcc * cfg.cpuNsPerAccess;
    for (let r = 0; r < R; r++) {
      const rate = workload.rates[r]?.[e] ?? 0;
      ewma[r] = 0.5 * (ewma[r] ?? 0) + 0.5 * rate;
      burst[r] = rate >= cfg.minCandidateRate ? (burst[r] ?? 0) + 1 : 0;
    }

    // Delayed rewards of decisions whose window just closed.
    while (pending.length > 0 && (pending[0] as Pending).epoch + H <= e) {
      const d = pending.shift() as Pending;
      let hits = 0;
      let lost = 0;
      let latSum = 0;
      for (let t = d.epoch + 1; t <= d.epoch + H; t++) {
        hits += d.promoted * (workload.rates[d.region]?.[t] ?? 0);
        for (const [v, c] of d.victims) lost += c * (workload.rates[v]?.[t] ?? 0);
        latSum += latency[t] ?? 0;
      }
      const reward =
        d.level === 0
          ? 0
          : netBenefit(
              {
                promotedPageAccesses: hits,
                demotedPageAccesses: lost,
                localLatencyNs: cfg.localLatencyNs,
                remoteLatencyNs: Math.max(cfg.localLatencyNs, latSum / H),
                migratedBytes: d.bytes,
                linkBandwidthBytesPerSecond: cfg.linkBandwidthBytesPerSecond,
                linkUtilization: Math.min(0.97, utilAt[d.epoch + 1] ?? d.util),
              },
              { lambda: cfg.lambda, scaleNs: cfg.rewardScaleNs },
            ).reward;
      // Per full region: rewards of partly-local regions are scaled up to the region size.
      const perRegion = (reward * P) / d.remotePages;
      state = promoter.learn(state, d.context, d.level, perRegion);
      log.push({ context: d.context, action: d.level, reward: perRegion, propensity: d.probabilities[d.level] ?? 1, probabilities: d.probabilities });
    }
    if (e + 1 >= E) break;

    // Decisions at the end of epoch e (migrations travel during epoch e + 1).
    const candidates: number[] = [];
    for (let r = 0; r < R; r++) {
      if ((local[r] ?? 0) < P && (workload.rates[r]?.[e] ?? 0) >= cfg.minCandidateRate) candidates.push(r);
    }
    candidates.sort((a, b) => (workload.rates[b]?.[e] ?? 0) - (workload.rates[a]?.[e] ?? 0) || a - b);
    candidates.length = Math.min(candidates.length, cfg.maxCandidates);
    const victimsOrder = Array.from({ length: R }, (_, r) => r).sort((a, b) => (ewma[a] ?? 0) - (ewma[b] ?? 0) || a - b);
    const touched = new Set<number>();
    let vi = 0;
    for (const r of candidates) {
      const rate = workload.rates[r]?.[e] ?? 0;
      const telemetry: PageTelemetry = {
        accessRatePerSecond: rate / cfg.epochSeconds,
        burstDurationSeconds: (burst[r] ?? 0) * cfg.epochSeconds,
        localFreeFraction: free / capacity,
        linkUtilization: u,
        remoteLatencyNs: lat,
      };
      const remotePages = P - (local[r] ?? 0);
      const seen: Candidate = { region: r, remotePages, telemetry, context: indigoFeatures(telemetry, SIM_SCALES) };
      const cand: Candidate = promoter.features === undefined ? seen : { ...seen, context: promoter.features(seen) };
      const choice = promoter.decide(state, cand, rng);
      const want = Math.ceil((INDIGO_LEVELS[choice.level]?.promoteFraction ?? 0) * remotePages);
      let promoted = 0;
      const victims = new Map<number, number>();
      touched.add(r);
      while (promoted < want) {
        if (free > 0) {
          free--;
        } else {
          while (vi < R && ((local[victimsOrder[vi] ?? 0] ?? 0) === 0 || touched.has(victimsOrder[vi] ?? 0))) vi++;
          const v = victimsOrder[vi];
          if (v === undefined || (ewma[v] ?? 0) >= rate) break;
          local[v] = (local[v] ?? 0) - 1;
          victims.set(v, (victims.get(v) ?? 0) + 1);
        }
        local[r] = (local[r] ?? 0) + 1;
        promoted++;
      }
      let demoted = 0;
      for (const c of victims.values()) demoted += c;
      const bytes = (promoted + demoted) * cfg.pageBytes;
      migBytesNext += bytes;
      pending.push({ epoch: e, region: r, level: choice.level, context: cand.context, probabilities: choice.probabilities, promoted, remotePages, victims, bytes, util: u });
    }
  }
  const appSeconds = timeNs / 1e9;
  return {
    name: promoter.name,
    throughput: accesses / appSeconds,
    accesses,
    appSeconds,
    migratedBytes: migrated,
    localHitRatio: localAccesses / accesses,
    meanLinkUtilization: utilSum / E,
    log,
    finalState: state,
  };
}
