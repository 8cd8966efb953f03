// Shared benchmark kit: per-operation latency statistics, Python peers run in the same process tree,
// and the row format tools/bench.ts renders into docs/benchmarks.md. Benchmarks are not CI pass/fail.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The interpreter for Python peers: Debian's /usr/bin/python3 (where apt installs python3-numpy,
 * python3-scipy and python3-sklearn), or whatever `python3` is on PATH when there is no system Python.
 */
export const peerPython: string = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Latency statistics of one measured operation, in microseconds. */
export interface Timing {
  readonly medianUs: number;
  readonly p99Us: number;
  readonly meanUs: number;
  readonly opsPerSec: number;
  readonly samples: number;
}

/** One line of the side-by-side table. */
export interface BenchRow {
  readonly package: string;
  readonly name: string;
  /** Workload size in words, e.g. "d=32, K=16". */
  readonly size: string;
  readonly ours: Timing;
  /** The same workload in the reference peer, measured in the same run. */
  readonly peer?: { readonly name: string; readonly timing: Timing };
  /** The goal from the issue, e.g. "median ≤ 20 µs, ≥ 3× numpy". */
  readonly goal?: string;
  /** Free-form remark (e.g. accuracy agreement with the peer). */
  readonly note?: string;
}

/** A package's benchmark module default-exports one of these. */
export type BenchSuite = () => Promise<BenchRow[]> | BenchRow[];

function summarize(samplesUs: number[]): Timing {
  const sorted = Float64Array.from(samplesUs).sort();
  const n = sorted.length;
  const at = (q: number): number => sorted[Math.min(n - 1, Math.floor(q * n))] ?? Number.NaN;
  const mean = samplesUs.reduce((a, b) => a + b, 0) / n;
  return { medianUs: at(0.5), p99Us: at(0.99), meanUs: mean, opsPerSec: 1e6 / mean, samples: n };
}

/**
 * Time `op` one call at a time (for per-call latency percentiles). `op` receives the iteration index.
 * Run `warmup` untimed calls first so the JIT settles.
 */
export function measure(op: (i: number) => unknown, opts: { iterations: number; warmup?: number }): Timing {
  const warmup = opts.warmup ?? Math.min(10_000, opts.iterations);
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = op(i);
  const samples = new Array<number>(opts.iterations);
  for (let i = 0; i < opts.iterations; i++) {
    const t0 = process.hrtime.bigint();
    sink = op(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1e3;
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return summarize(samples);
}

/**
 * Time a batch of `batch` calls per sample (for very fast operations where one call is below timer
 * resolution); reported figures are per call.
 */
export function measureBatched(op: (i: number) => unknown, opts: { batch: number; samples: number }): Timing {
  let sink: unknown;
  for (let i = 0; i < opts.batch; i++) sink = op(i);
  const samples = new Array<number>(opts.samples);
  for (let s = 0; s < opts.samples; s++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < opts.batch; i++) sink = op(i);
    samples[s] = Number(process.hrtime.bigint() - t0) / 1e3 / opts.batch;
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return summarize(samples);
}

/**
 * Run a Python peer script that prints one JSON object on its last stdout line:
 * `{"timings": {"<name>": {"samples_us": [...]}} , ...extra}`. Returns per-name Timing plus the
 * parsed object, or undefined when python3 or its modules are missing (the table then says so).
 */
export function runPythonPeer(
  script: string,
  args: string[] = [],
): { timings: Record<string, Timing>; raw: Record<string, unknown> } | undefined {
  // Debian's python3 first (apt's numpy/scipy/sklearn); a script that needs a newer scipy than Debian ships
  // (e.g. scipy.stats.CensoredData, 1.11+) falls back to the python3 on PATH.
  let out: string | undefined;
  for (const python of [...new Set([peerPython, 'python3'])]) {
    try {
      out = execFileSync(python, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
      break;
    } catch (e) {
      console.warn(`peer ${script} did not run with ${python}: ${(e as Error).message.split('\n').slice(-3).join(' ')}`);
    }
  }
  if (out === undefined) return undefined;
  const last = out.trim().split('\n').pop() ?? '{}';
  const raw = JSON.parse(last) as { timings?: Record<string, { samples_us: number[] }> } & Record<string, unknown>;
  const timings: Record<string, Timing> = {};
  for (const [k, v] of Object.entries(raw.timings ?? {})) timings[k] = summarize(v.samples_us);
  return { timings, raw };
}
