import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createRng } from '@infra/types';
import { ettr } from './ettr.js';
import { simulateTraining } from './simulate-training.js';

describe('ettr', () => {
  test('Llama-3-like golden values (M = 185.58 min, R = 10 min)', () => {
    const a = ettr({ mtbf: 185.58, checkpointCost: 1, restartCost: 10 });
    expect(a.interval).toBeCloseTo(18.6, 2);
    expect(a.ettr).toBeCloseTo(0.85, 3);
    const b = ettr({ mtbf: 185.58, checkpointCost: 5, restartCost: 10 });
    expect(b.interval).toBeCloseTo(39.81, 2);
    expect(b.ettr).toBeCloseTo(0.745, 3);
    expect(b.valid).toBe(false);
  });
  test('stays in [0, 1] and never exceeds the checkpoint-only bound', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.double({ min: 1e-4, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (m, d, r, f) => {
          const e = ettr({ mtbf: m, checkpointCost: d, restartCost: r, liveMigration: { predictedFraction: f, migrationCost: r / 10 } });
          expect(e.ettr).toBeGreaterThanOrEqual(0);
          expect(e.ettr).toBeLessThanOrEqual(1 - e.wasteCheckpoint + 1e-12);
          expect(e.renewalEttr).toBeGreaterThanOrEqual(0);
          expect(e.renewalEttr).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
  test('live migration never lowers ETTR when migrating is cheaper than a rollback', () => {
    const base = ettr({ mtbf: 3 * 3600, checkpointCost: 60, restartCost: 600 });
    const mig = ettr({ mtbf: 3 * 3600, checkpointCost: 60, restartCost: 600, liveMigration: { predictedFraction: 0.5, migrationCost: 20 } });
    expect(mig.ettr).toBeGreaterThan(base.ettr);
  });
  test('rejects bad input with the argument path', () => {
    expect(() => ettr({ mtbf: 0, checkpointCost: 1, restartCost: 1 })).toThrow('ettr.mtbf');
    expect(() => ettr({ mtbf: 10, checkpointCost: 1, restartCost: 1, liveMigration: { predictedFraction: 2, migrationCost: 1 } })).toThrow(
      'ettr.liveMigration.predictedFraction',
    );
  });
  test('Monte-Carlo ETTR is within ±0.5 point of the analytic model wherever the model is flagged valid', () => {
    let checked = 0;
    let worst = 0;
    for (const mh of [0.25, 0.5, 1, 3, 10, 30, 100])
      for (const d of [5, 60, 600])
        for (const r of [20, 300, 1800])
          for (const lm of [undefined, { predictedFraction: 0.5, migrationCost: 20 }]) {
            const m = mh * 3600;
            const a = ettr({ mtbf: m, checkpointCost: d, restartCost: r, ...(lm ? { liveMigration: lm } : {}) });
            if (!a.valid) continue;
            const s = simulateTraining(
              { failures: { kind: 'exponential', mean: m }, checkpointCost: d, restartCost: r, schedule: a.interval, horizon: 20_000 * m, ...(lm ? { liveMigration: lm } : {}) },
              createRng(7),
            );
            worst = Math.max(worst, Math.abs(s.ettr - a.ettr));
            checked++;
          }
    expect(checked).toBeGreaterThan(50);
    expect(worst).toBeLessThan(0.005);
  });
});
