import { describe, expect, test } from 'vitest';
import { DEFAULT_SIMULATOR_CONFIG } from './config.js';
import { generateAzureCodeWorkload } from './generator.js';
import { simulate } from './simulator.js';
import { meanWait } from './testing.js';
import { scaleToUtilization } from './utilization.js';

// With continuous batching, sample-path monotonicity fails on adversarial tiny workloads (fast-check finds
// iteration-boundary and packing anomalies of a few milliseconds; see simulator.test.ts for the exact
// single-request-per-iteration laws). On realistic workloads the mean wait must still be monotone.
describe('mean wait on the calibrated Azure-code workload', () => {
  const cfg = { ...DEFAULT_SIMULATOR_CONFIG, recordSnapshots: false };
  for (const seed of [1, 2, 3]) {
    const base = generateAzureCodeWorkload(seed, { requests: 3000 });
    test(`seed ${seed}: increases with utilization and decreases with instances`, () => {
      for (const dispatch of ['global', 'least-work'] as const) {
        let prevByInstances = Infinity;
        for (const instances of [1, 2, 3, 4]) {
          const c = { ...cfg, instances, dispatch };
          let prev = 0;
          let first = Infinity;
          for (const rho of [0.3, 0.5, 0.7, 0.9]) {
            // The same workload (scaled for one instance) offered to 1..4 instances.
            const w = scaleToUtilization({ ...cfg, dispatch }, base, rho).workload;
            const m = meanWait(simulate(c, w, 1));
            expect(m).toBeGreaterThanOrEqual(prev);
            prev = m;
            if (rho === 0.9) first = m;
          }
          expect(first).toBeLessThanOrEqual(prevByInstances);
          prevByInstances = first;
        }
      }
    });
  }
});
