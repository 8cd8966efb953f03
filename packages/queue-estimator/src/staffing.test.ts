import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { isInfraError } from '@infra/types';
import { mmcQueue } from './classic.js';
import { minServers } from './staffing.js';

describe('minServers', () => {
  test('meets the target and c − 1 violates it (mean and percentile targets)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 2000, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 1e-4, max: 5, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (lambda, mu, w, p) => {
          const meanT = { kind: 'meanWait', maxMeanWaitSeconds: w } as const;
          const c = minServers({ arrivalRate: lambda, serviceRate: mu, target: meanT });
          expect(mmcQueue({ arrivalRate: lambda, serviceRate: mu, servers: c }).meanWait).toBeLessThanOrEqual(w);
          if (c > 1) expect(mmcQueue({ arrivalRate: lambda, serviceRate: mu, servers: c - 1 }).meanWait).toBeGreaterThan(w);
          const pT = { kind: 'percentile', probability: p, maxWaitSeconds: w } as const;
          const cp = minServers({ arrivalRate: lambda, serviceRate: mu, target: pT });
          expect(mmcQueue({ arrivalRate: lambda, serviceRate: mu, servers: cp }).wait.survival(w)).toBeLessThanOrEqual(1 - p);
          if (cp > 1) expect(mmcQueue({ arrivalRate: lambda, serviceRate: mu, servers: cp - 1 }).wait.survival(w)).toBeGreaterThan(1 - p);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('textbook call centre: λ = 8/s, E[S] = 1 s, W_q ≤ 0.1 s needs 11 agents', () => {
    expect(minServers({ arrivalRate: 8, meanServiceTime: 1, target: { kind: 'meanWait', maxMeanWaitSeconds: 0.1 } })).toBe(11);
  });

  test('Allen–Cunneen variant needs more servers for burstier traffic', () => {
    const base = { arrivalRate: 50, serviceRate: 1, target: { kind: 'meanWait', maxMeanWaitSeconds: 0.01 } } as const;
    expect(minServers({ ...base, arrivalScv: 4, serviceScv: 1 })).toBeGreaterThanOrEqual(minServers(base));
  });

  test('unreachable targets and bad input are typed errors', () => {
    const err = (f: () => unknown): string => {
      try { f(); } catch (e) { if (isInfraError(e)) return `${e.code}@${e.path}`; throw e; }
      return 'none';
    };
    expect(err(() => minServers({ arrivalRate: 1e6, serviceRate: 1, maxServers: 100, target: { kind: 'meanWait', maxMeanWaitSeconds: 1 } }))).toBe('NOT_CONVERGED@params.target');
    expect(err(() => minServers({ arrivalRate: 1, serviceRate: 1, target: { kind: 'percentile', probability: 1, maxWaitSeconds: 1 } }))).toBe('OUT_OF_RANGE@params.target.probability');
    expect(err(() => minServers({ arrivalRate: 1, serviceRate: 1, target: { kind: 'meanWait', maxMeanWaitSeconds: -1 } }))).toBe('OUT_OF_RANGE@params.target.maxMeanWaitSeconds');
  });
});
