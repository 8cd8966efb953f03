// A synthetic fault trace in the InfiniteHBD format, calibrated to the trace's published statistics
// (data README / reference sheet): 400 servers, ~349 days, ~584 faults, over-dispersed per-node counts
// (mean 1.46, variance 3.75 → negative-binomial size 0.93), bursty fleet inter-arrivals (Weibull shape 0.62,
// 55 of 583 gaps simultaneous), the Level/Class counts of fault_statistics.json, and repair-time quantiles
// (14 zero-length, 115 under 1 h, median 0.85 d, p90 ≈ 13 d, p99 ≈ 82 d, max 131 d).
import { categorical, createRng, gamma, weibull, type Rng } from '@infra/types';

/** One start or end record, as in `fault_trace.json`. */
export interface TraceRecord {
  /** Anonymised node id. */
  readonly node_id: string;
  /** Days since the start of the window. */
  readonly event_time: number;
  /** Start or end of the fault. */
  readonly event_type: 'fault_start' | 'fault_end';
  /** Level / Class / Desc labels. */
  readonly fault_type: { readonly Level: string; readonly Class: string; readonly Desc: string };
}

/** Published fault counts: [Level, Class, Desc, count] (fault_statistics.json, grouped by class). */
export const FAULT_MIX: readonly (readonly [string, string, string, number])[] = [
  ['Hardware Failure', 'GPU', 'GPU DBE(Double Bit ECC) > Threshold', 60],
  ['Hardware Failure', 'GPU', 'GPU device unknow error', 40],
  ['Hardware Failure', 'GPU', 'GPU PCI link width low', 25],
  ['Hardware Failure', 'GPU', 'GPU xid Error', 11],
  ['Hardware Failure', 'GPU', 'nvidia-smi Timeout', 9],
  ['Hardware Failure', 'GPU', 'GPU Lost', 5],
  ['Hardware Failure', 'GPU', 'GPU P2P Bandwidth Low', 3],
  ['Hardware Failure', 'GPU', 'GPU Temperature High', 2],
  ['Hardware Failure', 'GPU', 'GPU SBE(Single Bit ECC) > Threshold', 1],
  ['Hardware Failure', 'GPU', 'Silent Data Corruption', 1],
  ['Hardware Failure', 'GPU', 'GPU device not found', 1],
  ['Hardware Failure', 'Parameter Plane Cable', 'Link Down', 40],
  ['Hardware Failure', 'Fan', 'Speed Critical (Sensor)', 33],
  ['Hardware Failure', 'NIC', 'Rnic Gid Error', 30],
  ['Hardware Failure', 'Power Supply', 'Power Supply Failure detected', 26],
  ['Hardware Failure', 'Motherboard', 'Motherboard Failed', 4],
  ['Hardware Failure', 'CPU', 'Machine Check Exception ( Uncorrectable )', 3],
  ['Hardware Failure', 'Other Failures', 'Unknown Error', 4],
  ['Other Failure', 'Unknown Error', 'Unknown Error', 144],
  ['Other Failure', 'Stress Test Failure', 'Unknown Error', 97],
  ['Other Failure', 'Training Task Troubleshooting', 'Suspect Machine Offline', 14],
  ['Other Failure', 'Change', 'Y-cables Taken offline', 4],
  ['Other Failure', 'Test', 'Temporarily Offline', 2],
  ['Other Failure', 'System Crash', 'Server down', 1],
  ['Software Failure', 'Other Failures', 'Unknown Error', 12],
  ['Software Failure', 'Software Tool', 'Kubelet Date Absent', 7],
  ['Software Failure', 'File System', 'FS: Multiple Disk FS Error', 3],
  ['Software Failure', 'Operating System', 'Kernel Panic', 1],
  ['Software Failure', 'Firmware', 'Firmware mismatch', 1],
];

// repair-time quantile knots (probability, days); log-linear in between
const REPAIR_KNOTS: readonly (readonly [number, number])[] = [
  [0.024, 0.001],
  [0.197, 1 / 24],
  [0.5, 0.85],
  [0.9, 13],
  [0.99, 82],
  [1, 131],
];

function repairDays(u: number): number {
  if (u < REPAIR_KNOTS[0]![0]) return 0;
  for (let i = 1; i < REPAIR_KNOTS.length; i++) {
    const [p1, d1] = REPAIR_KNOTS[i]!;
    const [p0, d0] = REPAIR_KNOTS[i - 1]!;
    if (u <= p1) return Math.exp(Math.log(d0) + ((u - p0) / (p1 - p0)) * (Math.log(d1) - Math.log(d0)));
  }
  return REPAIR_KNOTS[REPAIR_KNOTS.length - 1]![1];
}

/** Options of {@link generateFaultTrace}. */
export interface GeneratorOptions {
  /** Servers in the fleet (default 400). */
  readonly nodes?: number;
  /** Window length, days (default 348.98). */
  readonly days?: number;
  /** Number of faults (default 584). */
  readonly faults?: number;
}

/**
 * Generate an InfiniteHBD-like start/end fault trace (sorted by time) from a seed.
 *
 * @param seedOrRng - seed or random stream
 * @param opts - fleet size and window
 * @returns the records (one start and one end per fault; ends may fall after the window)
 */
export function generateFaultTrace(seedOrRng: number | Rng, opts: GeneratorOptions = {}): TraceRecord[] {
  const rng = typeof seedOrRng === 'number' ? createRng(seedOrRng) : seedOrRng;
  const nodes = opts.nodes ?? 400;
  const days = opts.days ?? 348.98;
  const size = 0.93; // negative-binomial size: variance/mean = 1 + mean/size ≈ 2.57
  const weights = Array.from({ length: nodes }, () => gamma(rng, size, 1 / size));
  const ids = Array.from({ length: nodes }, (_, i) => `node-${String(i).padStart(3, '0')}`);
  const mixWeights = FAULT_MIX.map((m) => m[3]);
  const faults = opts.faults ?? 584;
  // fleet arrival times: 55 of 583 gaps simultaneous, the rest Weibull(0.62) (bursty); rescaled to the window
  const times: number[] = [0];
  for (let i = 1; i < faults; i++) times.push(times[i - 1]! + (rng.next() < 0.094 ? 0 : weibull(rng, 0.62, 0.455)));
  const first = 3.9;
  const span = (days - 0.05 - first) / Math.max(times[times.length - 1]!, 1e-9);
  const records: TraceRecord[] = [];
  for (const t of times) {
    const node = ids[categorical(rng, weights)]!;
    const [Level, Class, Desc] = FAULT_MIX[categorical(rng, mixWeights)]!;
    const start = Math.round((first + t * span) * 1e4) / 1e4;
    const end = Math.min(days, Math.round((start + repairDays(rng.next())) * 1e4) / 1e4);
    const fault_type = { Level, Class, Desc };
    records.push({ node_id: node, event_time: start, event_type: 'fault_start', fault_type });
    records.push({ node_id: node, event_time: end, event_type: 'fault_end', fault_type });
  }
  return records.sort((a, b) => a.event_time - b.event_time);
}
