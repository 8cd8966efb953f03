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

/** Solve a small linear system by Gaussian elimination with partial pivoting; undefined if singular. */
function solveSmall(a: number[][], r: number[]): number[] | undefined {
  const k = r.length;
  const m = a.map((row, i) => [...row, r[i]!]);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let i = c + 1; i < k; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[piv]![c]!)) piv = i;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const d = m[c]![c]!;
    if (!(Math.abs(d) > 0)) return undefined;
    for (let i = c + 1; i < k; i++) {
      const f = m[i]![c]! / d;
      for (let j = c; j <= k; j++) m[i]![j] = m[i]![j]! - f * m[c]![j]!;
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let acc = m[i]![k]!;
    for (let j = i + 1; j < k; j++) acc -= m[i]![j]! * x[j]!;
    x[i] = acc / m[i]![i]!;
  }
  return x.every(Number.isFinite) ? x : undefined;
}

/**
 * Current ridge-regularised, non-negative least-squares coefficients (O(1)). The prior acts as
 * `priorWeight` pseudo-observations on each coefficient, scaled to the data, so the fit is always defined.
 * The ridge pulls toward the prior's shape at the data's scale (s·prior, s the least-squares multiple of
 * the prior's predictions), so while the logs vary along one direction only (say, full prefill chunks at a
 * constant batch size) the identified combination is fitted and the prior keeps the ratios of the rest.
 * A coefficient that would be negative is fixed at zero and the others refitted (iteration time never
 * decreases with more work). Falls back to s·prior when the fit gives α + β = 0.
 *
 * @param m - the model
 * @returns α, β, γ
 *
 * @example
 * ```ts @import.meta.vitest
 * const m = createIterationModel({ alpha: 0.02, beta: 5e-4, gamma: 2e-4 });
 * expect(iterationCoefficients(m)).toEqual({ alpha: 0.02, beta: 5e-4, gamma: 2e-4 });
 * // constant batch size: only α + β·1 is identified, and it is kept exact
 * let one = m;
 * for (let i = 0; i < 100; i++) one = observeIteration(one, { batchSize: 1, seconds: 0.0102 });
 * const c = iterationCoefficients(one);
 * expect(c.alpha + c.beta).toBeCloseTo(0.0102, 3); // the prior is one pseudo-observation
 * ```
 */
export function iterationCoefficients(m: IterationModel): IterationCoefficients {
  const [n, sb, sp, sbb, sbp, spp, sy, sby, spy] = m.stats;
  if (!(n > 0)) return m.prior;
  const w = m.priorWeight;
  // Scale of each regressor, so the ridge term is comparable across units.
  const d = [1, Math.max(1, sbb / n), Math.max(1, spp / n)];
  // Ridge centre: the prior's shape at the data's scale. Early logs often vary along one direction only
  // (e.g. back-to-back full prefill chunks at b = 1), which identifies one combination of α, β, γ; centring
  // on the least-squares multiple s·prior keeps the prior's ratios there instead of spreading the misfit
  // over all three (which drives some negative and collapses the fit).
  const [a0, b0, g0] = [m.prior.alpha, m.prior.beta, m.prior.gamma];
  const yHatY = a0 * sy + b0 * sby + g0 * spy;
  const yHatSq = a0 * a0 * n + b0 * b0 * sbb + g0 * g0 * spp + 2 * (a0 * b0 * sb + a0 * g0 * sp + b0 * g0 * sbp);
  const scale = yHatSq > 0 && yHatY > 0 ? yHatY / yHatSq : 1;
  const pr = [scale * a0, scale * b0, scale * g0];
  const centre: IterationCoefficients = { alpha: pr[0]!, beta: pr[1]!, gamma: pr[2]! };
  const a = [
    [n + w * d[0]!, sb, sp],
    [sb, sbb + w * d[1]!, sbp],
    [sp, sbp, spp + w * d[2]!],
  ];
  const r = [sy + w * d[0]! * pr[0]!, sby + w * d[1]! * pr[1]!, spy + w * d[2]! * pr[2]!];
  // Non-negative least squares by active sets: a coefficient that comes out negative is fixed at zero
  // and the others are refitted (clipping alone would mis-state the identifiable sum α + β·b).
  let free = [0, 1, 2];
  for (let round = 0; round < 3; round++) {
    const x = solveSmall(free.map((i) => free.map((j) => a[i]![j]!)), free.map((i) => r[i]!));
    if (x === undefined) return centre;
    const negative = free.filter((_, q) => x[q]! < 0);
    if (negative.length === 0 || free.length === 1) {
      const out = [0, 0, 0];
      free.forEach((i, q) => (out[i] = Math.max(0, x[q]!)));
      if (out[0]! + out[1]! <= 0) return centre;
      return { alpha: out[0]!, beta: out[1]!, gamma: out[2]! };
    }
    // drop the most negative coefficient (relative to its scale) and refit
    let worst = negative[0]!;
    for (const i of negative) if (x[free.indexOf(i)]! * Math.sqrt(d[i]!) < x[free.indexOf(worst)]! * Math.sqrt(d[worst]!)) worst = i;
    free = free.filter((i) => i !== worst);
  }
  return centre;
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
