// Simulator throughput: simulated requests per second of wall time (median of 5 runs after a warm-up).
// Run: pnpm exec tsx --conditions=@infra/source examples/llm-serving-sim/throughput.ts [requests]
import { DEFAULT_SIMULATOR_CONFIG, generateAzureCodeWorkload, scaleToUtilization, simulate } from './src/index.js';

const requests = Number(process.argv[2] ?? 100_000);
const base = generateAzureCodeWorkload(1, { requests });
for (const [label, patch] of [
  ['1 instance, snapshots', { instances: 1 }],
  ['1 instance, no snapshots', { instances: 1, recordSnapshots: false }],
  ['8 instances least-work, snapshots', { instances: 8 }],
  ['8 instances global queue, snapshots', { instances: 8, dispatch: 'global' as const }],
] as const) {
  const cfg = { ...DEFAULT_SIMULATOR_CONFIG, ...patch };
  for (const rho of [0.5, 0.9]) {
    const w = scaleToUtilization(cfg, base, rho).workload;
    simulate(cfg, w, 1);
    const times: number[] = [];
    let iterations = 0;
    for (let k = 0; k < 5; k++) {
      const t0 = process.hrtime.bigint();
      iterations = simulate(cfg, w, 1).stats.iterations;
      times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    times.sort((a, b) => a - b);
    const med = times[2] ?? Number.NaN;
    console.log(`${label}, rho ${rho}: ${(requests / med).toFixed(0)} requests/s (${(iterations / med).toFixed(0)} iterations/s, ${med.toFixed(3)} s for ${requests})`);
  }
}
