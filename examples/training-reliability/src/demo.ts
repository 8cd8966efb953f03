import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFaultTrace, planJob, type FleetFigures, type JobPlan } from './analysis.js';
import { generateFaultTrace } from './generator.js';

/** One section of the root demo report. */
export interface DemoSection {
  /** Section title. */
  title: string;
  /** A few lines printed by `pnpm demo`. */
  summary: string[];
  /** Markdown for the written report. */
  markdown: string;
}

/**
 * Path of the InfiniteHBD trace under a data folder, or undefined when it is not there.
 *
 * @param dataDir - folder holding the shared data sets (e.g. /work/shared/data), or a direct file path
 * @returns the trace path or undefined
 */
export function faultTracePath(dataDir: string | undefined): string | undefined {
  if (dataDir === undefined) return undefined;
  if (dataDir.endsWith('.json') && existsSync(dataDir)) return dataDir;
  const p = join(dataDir, 'infinitehbd-faults', 'fault_trace.json');
  return existsSync(p) ? p : undefined;
}

/**
 * Read and parse the trace file (user path accepted).
 *
 * @param path - a `fault_trace.json` path
 * @returns the parsed JSON
 */
export function readFaultTrace(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

const f2 = (x: number): string => x.toFixed(2);
const f3 = (x: number): string => x.toFixed(3);
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

function figureLines(label: string, f: FleetFigures, p: JobPlan): string[] {
  return [
    `${label}: ${f.faults} faults on ${f.faultingNodes} nodes; per 1 000 node-days ${f2(f.rates.all)} all / ${f2(f.rates.hardware)} hardware / ${f2(f.rates.gpu)} GPU`,
    `${label}: repair days median ${f2(f.repairDays.p50)}, p90 ${f2(f.repairDays.p90)}, p99 ${f2(f.repairDays.p99)}; first-fault Weibull shape ${f3(f.firstFaultWeibull.shape)} scale ${f2(f.firstFaultWeibull.scale)} d; inter-arrival shape ${f3(f.interArrival.shape)} (bursty < 1); ${f.lemons.count} lemon nodes carry ${pct(f.lemons.faultShare)} of faults`,
    `${label} → 16k-GPU job: MTTF ${p.mttfMinutes.toFixed(0)} min, Daly τ ${p.dalyMinutes.toFixed(1)} min, ETTR ${f3(p.ettr)} (simulated ${f3(p.simulatedEttr)}), age-aware schedule +${p.bursty.gainPoints.toFixed(2)} pt when bursty, ${p.spares} spare nodes for 99 %`,
  ];
}

function table(rows: readonly [string, FleetFigures, JobPlan][]): string {
  const head = `| Figure | ${rows.map((r) => r[0]).join(' | ')} |\n|---|${rows.map(() => '---:').join('|')}|`;
  const line = (name: string, get: (f: FleetFigures, p: JobPlan) => string): string => `| ${name} | ${rows.map((r) => get(r[1], r[2])).join(' | ')} |`;
  return [
    head,
    line('faults / faulting nodes', (f) => `${f.faults} / ${f.faultingNodes}`),
    line('faults per 1 000 node-days: all / hardware / GPU', (f) => `${f2(f.rates.all)} / ${f2(f.rates.hardware)} / ${f2(f.rates.gpu)}`),
    line('repair days: mean / p50 / p90 / p99 / max', (f) => [f.repairDays.mean, f.repairDays.p50, f.repairDays.p90, f.repairDays.p99, f.repairDays.max].map(f2).join(' / ')),
    line('first-fault KM S(30/90/180/300 d)', (f) => f.kmFirstFault.map((k) => f3(k.survival)).join(' / ')),
    line('first-fault Weibull shape / scale (d)', (f) => `${f3(f.firstFaultWeibull.shape)} / ${f2(f.firstFaultWeibull.scale)}`),
    line('inter-arrival: zero gaps / mean d / CV / Weibull shape', (f) => `${f.interArrival.zeroGaps} / ${f2(f.interArrival.meanDays)} / ${f2(f.interArrival.cv)} / ${f3(f.interArrival.shape)}`),
    line('lemon nodes (share of faults)', (f) => `${f.lemons.count} (${pct(f.lemons.faultShare)})`),
    line('node unavailability', (f) => f3(f.unavailability)),
    line('16 384-GPU job MTTF (hardware rate), min', (_f, p) => p.mttfMinutes.toFixed(0)),
    line('Young / Daly τ (δ = 1 min), min', (_f, p) => `${p.youngMinutes.toFixed(1)} / ${p.dalyMinutes.toFixed(1)}`),
    line('ETTR first-order / renewal / Monte-Carlo', (_f, p) => `${f3(p.ettr)} / ${f3(p.renewalEttr)} / ${f3(p.simulatedEttr)} ± ${f3(p.simulatedSe)}`),
    line('bursty (trace shape): Daly vs age-aware, simulated', (_f, p) => `${f3(p.bursty.dalyEttr)} → ${f3(p.bursty.optimalEttr)} (+${p.bursty.gainPoints.toFixed(2)} pt)`),
    line('spare nodes for P ≥ 0.99 (2 048 nodes)', (_f, p) => `${p.spares} (P = ${p.sparesProbability.toFixed(4)})`),
  ].join('\n');
}

/**
 * The example's demo: reproduce the InfiniteHBD fleet figures (rates, repair times, first-fault KM and Weibull,
 * bursty inter-arrivals, lemon nodes) and plan a 16 384-GPU job (checkpoint interval, ETTR checked by
 * Monte-Carlo, the age-aware schedule's gain under bursty failures, spares) on the embedded calibrated
 * generator, and on the real trace when `opts.dataDir` holds `infinitehbd-faults/fault_trace.json`.
 *
 * @param opts - `dataDir`: the shared data folder, or a path to `fault_trace.json`
 * @returns the report section
 */
export async function demo(opts: { dataDir?: string | undefined } = {}): Promise<DemoSection> {
  const rows: [string, FleetFigures, JobPlan][] = [];
  const gen = analyzeFaultTrace(generateFaultTrace(1));
  rows.push(['generator (seed 1)', gen, planJob(gen)]);
  const path = faultTracePath(opts.dataDir);
  if (path !== undefined) {
    const real = analyzeFaultTrace(readFaultTrace(path));
    rows.unshift(['InfiniteHBD trace', real, planJob(real)]);
  }
  const summary = rows.flatMap(([label, f, p]) => figureLines(label, f, p));
  if (path === undefined) summary.push('real trace not found: pass dataDir with infinitehbd-faults/fault_trace.json to reproduce the published figures');
  const markdown = [
    'Fleet failure analysis and checkpoint / goodput / spares planning with `@infra/failure-model`.',
    '',
    table(rows),
    '',
    'Rates count every fault class; the job plan uses the hardware rate with δ = 1 min checkpoints and a 10-min restart.',
  ].join('\n');
  return { title: 'Training reliability (failure model)', summary, markdown };
}
