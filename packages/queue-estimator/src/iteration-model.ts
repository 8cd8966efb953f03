import { InfraError, assertInRange, assertNonNegative, assertPlainObject, assertPositive } from '@infra/types';

/** Coefficients of the per-iteration time model ITL(b, p) = α + β·b + γ·p (seconds). */
export interface IterationCoefficients {
  /** Fixed time per iteration α (seconds). */
  readonly alpha: number;
  /** Time per sequence in the batch β (seconds). */
  readonly beta: number;
  /** Time per prefill token processed in the iteration γ (seconds). */
  readonly gamma: number;
}

/**
 * Online least-squares state for {@link IterationCoefficients}: exponentially weighted sufficient
 * statistics (O(1) per observation) plus a ridge prior that keeps the fit defined before the data
 * identify all three coefficients. Plain JSON.
 */
export interface IterationModel {
  /** Schema version (1). */
  readonly version: 1;
  /** Prior coefficients (used alone before any observation). */
  readonly prior: IterationCoefficients;
  /** Prior strength in pseudo-observations. */
  readonly priorWeight: number;
  /** Forgetting factor in (0, 1]: each observation multiplies the old statistics by it. */
  readonly forgetting: number;
  /** Σw, Σw·b, Σw·p, Σw·b², Σw·b·p, Σw·p², Σw·y, Σw·b·y, Σw·p·y (weighted). */
  readonly stats: readonly [number, number, number, number, number, number, number, number, number];
}

/** One observed iteration. */
export interface IterationObservation {
  /** Sequences in the iteration b, ≥ 0. */
  readonly batchSize: number;
  /** Prefill tokens processed in the iteration p, ≥ 0 (default 0). */
  readonly prefillTokens?: number;
  /** Measured duration in seconds, > 0. */
  readonly seconds: number;
}

/**
 * A fresh iteration-time model.
 *
 * @param prior - prior coefficients (e.g. from a vLLM benchmark)
 * @param opts - `priorWeight` (default 1 pseudo-observation) and `forgetting` (default 1: no forgetting)
 * @returns the model state
 * @throws InfraError on negative coefficients or a forgetting factor outside (0, 1]
 *
 * @example
 * ```ts @import.meta.vitest
 * const m = createIterationModel({ alpha: 0.01, beta: 2e-4, gamma: 8e-5 });
 * expect(iterationCoefficients(m).alpha).toBeCloseTo(0.01, 12);
 * ```
 */
export function createIterationModel(
  prior: IterationCoefficients,
  opts: { readonly priorWeight?: number; readonly forgetting?: number } = {},
): IterationModel {
  assertPlainObject(prior, 'prior');
  const p = {
    alpha: assertNonNegative(prior.alpha, 'prior.alpha'),
    beta: assertNonNegative(prior.beta, 'prior.beta'),
    gamma: assertNonNegative(prior.gamma, 'prior.gamma'),
  };
  return {
    version: 1,
    prior: p,
    priorWeight: assertPositive(opts.priorWeight ?? 1, 'opts.priorWeight'),
    forgetting: assertInRange(opts.forgetting ?? 1, 'opts.forgetting', 0, 1, { minExclusive: true }),
    stats: [0, 0, 0, 0, 0, 0, 0, 0, 0],
  };
}

/**
 * Fold one observed iteration into the model: O(1).
 *
 * @param m - the model
 * @param obs - batch size, prefill tokens and measured duration
 * @returns a new model
 * @throws InfraError naming `obs.batchSize`, `obs.prefillTokens` or `obs.seconds` when invalid
 *
 * @example
 * ```ts @import.meta.vitest
 * let m = createIterationModel({ alpha: 0, beta: 0, gamma: 0 }, { priorWeight: 1e-9 });
 * for (let i = 0; i < 50; i++) {
 *   const b = 1 + (i % 8), p = (i % 3) * 100;
 *   m = observeIteration(m, { batchSize: b, prefillTokens: p, seconds: 0.01 + 2e-4 * b + 8e-5 * p });
 * }
 * const c = iterationCoefficients(m);
 * expect(c.alpha).toBeCloseTo(0.01, 6);
 * expect(c.beta).toBeCloseTo(2e-4, 8);
 * expect(c.gamma).toBeCloseTo(8e-5, 9);
 * ```
 */
export function observeIteration(m: IterationModel, obs: IterationObservation): IterationModel {
  assertPlainObject(obs, 'obs');
  const b = assertNonNegative(obs.batchSize, 'obs.batchSize');
  const p = assertNonNegative(obs.prefillTokens ?? 0, 'obs.prefillTokens');
  const y = assertPositive(obs.seconds, 'obs.seconds');
  const f = m.forgetting;
  const s = m.stats;
  return {
    ...m,
    stats: [
      f * s[0] + 1,
      f * s[1] + b,
      f * s[2] + p,
      f * s[3] + b * b,
      f * s[4] + b * p,
      f * s[5] + p * p,
      f * s[6] + y,
      f * s[7] + b * y,
      f * s[8] + p * y,
    ],
  };
}

/** Solve a symmetric 3×3 system by Gaussian elimination with partial pivoting; undefined if singular. */
function solve3(a: number[][], r: number[]): number[] | undefined {
  const m = a.map((row, i) => [...row, r[i]!]);
  for (let c = 0; c < 3; c++) {
    let piv = c;
    for (let i = c + 1; i < 3; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[piv]![c]!)) piv = i;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const d = m[c]![c]!;
    if (!(Math.abs(d) > 0)) return undefined;
    for (let i = c + 1; i < 3; i++) {
      const f = m[i]![c]! / d;
      for (let j = c; j < 4; j++) m[i]![j] = m[i]![j]! - f * m[c]![j]!;
    }
  }
  const x = [0, 0, 0];
  for (let i = 2; i >= 0; i--) {
    let s = m[i]![3]!;
    for (let j = i + 1; j < 3; j++) s -= m[i]![j]! * x[j]!;
    x[i] = s / m[i]![i]!;
  }
  return x.every(Number.isFinite) ? x : undefined;
}

/**
 * Current ridge-regularised least-squares coefficients (O(1)). The prior acts as `priorWeight`
 * pseudo-observations on each coefficient, scaled to the data, so the fit is always defined; negative
 * fitted values are clipped at zero (iteration time never decreases with more work).
 *
 * @param m - the model
 * @returns α, β, γ
 *
 * @example
 * ```ts @import.meta.vitest
 * const m = createIterationModel({ alpha: 0.02, beta: 1e-4, gamma: 0 });
 * expect(iterationCoefficients(m)).toEqual({ alpha: 0.02, beta: 1e-4, gamma: 0 });
 * ```
 */
export function iterationCoefficients(m: IterationModel): IterationCoefficients {
  const [n, sb, sp, sbb, sbp, spp, sy, sby, spy] = m.stats;
  if (!(n > 0)) return m.prior;
  const w = m.priorWeight;
  // Scale of each regressor, so the ridge term is comparable across units.
  const d = [1, Math.max(1, sbb / n), Math.max(1, spp / n)];
  const pr = [m.prior.alpha, m.prior.beta, m.prior.gamma];
  const a = [
    [n + w * d[0]!, sb, sp],
    [sb, sbb + w * d[1]!, sbp],
    [sp, sbp, spp + w * d[2]!],
  ];
  const r = [sy + w * d[0]! * pr[0]!, sby + w * d[1]! * pr[1]!, spy + w * d[2]! * pr[2]!];
  const x = solve3(a, r);
  if (x === undefined) return m.prior;
  return { alpha: Math.max(0, x[0]!), beta: Math.max(0, x[1]!), gamma: Math.max(0, x[2]!) };
}

/**
 * Validate coefficients supplied by a caller.
 *
 * @param c - candidate coefficients
 * @param path - argument path
 * @returns the coefficients
 * @throws InfraError naming the bad field
 */
export function assertIterationCoefficients(c: unknown, path: string): IterationCoefficients {
  const o = assertPlainObject(c, path);
  const alpha = assertNonNegative(o['alpha'], `${path}.alpha`);
  const beta = assertNonNegative(o['beta'], `${path}.beta`);
  const gamma = assertNonNegative(o['gamma'] ?? 0, `${path}.gamma`);
  if (alpha + beta === 0) throw new InfraError('OUT_OF_RANGE', `${path}.alpha`, 'α + β must be > 0 (an iteration takes time)');
  return { alpha, beta, gamma };
}
