import { assertNonNegative, assertPlainObject, assertPositive } from '@infra/types';

/**
 * Inputs of the periodic checkpoint-interval formulas. All durations are in one time unit of your
 * choice (seconds, minutes, hours); the returned interval is in the same unit.
 */
export interface CheckpointIntervalInput {
  /** Time to write one checkpoint (δ), > 0. */
  readonly checkpointCost: number;
  /** Mean time between failures of the whole job (M), > 0. */
  readonly mtbf: number;
  /** Time to restart from the last checkpoint (R), ≥ 0. Used only by {@link availabilityOptimalInterval}. */
  readonly restartCost?: number;
  /**
   * Error-detection latency, ≥ 0: the interval is never shorter than this (silent-data-corruption case).
   * Used only by {@link availabilityOptimalInterval}.
   */
  readonly detectionLatency?: number;
}

function readInput(
  a: number | CheckpointIntervalInput,
  b: number | undefined,
  fn: string,
): { delta: number; m: number; r: number; latency: number } {
  if (typeof a === 'number') {
    return {
      delta: assertPositive(a, `${fn}.checkpointCost`),
      m: assertPositive(b, `${fn}.mtbf`),
      r: 0,
      latency: 0,
    };
  }
  const o = assertPlainObject(a, fn);
  return {
    delta: assertPositive(o['checkpointCost'], `${fn}.checkpointCost`),
    m: assertPositive(o['mtbf'], `${fn}.mtbf`),
    r: o['restartCost'] === undefined ? 0 : assertNonNegative(o['restartCost'], `${fn}.restartCost`),
    latency: o['detectionLatency'] === undefined ? 0 : assertNonNegative(o['detectionLatency'], `${fn}.detectionLatency`),
  };
}

/**
 * Young's (1974) first-order optimum checkpoint interval τ = √(2δM): the compute time between the
 * ends of two checkpoint writes that minimises expected waste under exponential failures.
 *
 * Call it as `youngInterval(checkpointCost, mtbf)` or `youngInterval({ checkpointCost, mtbf })`;
 * both arguments in the same time unit.
 *
 * @param checkpointCost - checkpoint write time δ (> 0), or the whole {@link CheckpointIntervalInput}
 * @param mtbf - mean time between failures M (> 0), same unit as δ
 * @returns the interval τ in the same unit
 * @throws InfraError `OUT_OF_RANGE` / `NOT_FINITE` / `INVALID_ARGUMENT` for non-positive or non-finite input
 *
 * @example
 * ```ts @import.meta.vitest
 * // δ = 5 min, M = 24 h = 1 440 min → 120 min
 * expect(youngInterval(5, 1440)).toBeCloseTo(120, 10);
 * expect(youngInterval({ checkpointCost: 5, mtbf: 15 })).toBeCloseTo(12.247, 3);
 * ```
 */
export function youngInterval(checkpointCost: number, mtbf: number): number;
export function youngInterval(input: CheckpointIntervalInput): number;
export function youngInterval(a: number | CheckpointIntervalInput, b?: number): number {
  const { delta, m } = readInput(a, b, 'youngInterval');
  return Math.sqrt(2 * delta * m);
}

/**
 * Daly's (2006) higher-order optimum checkpoint interval:
 * τ = √(2δM)·[1 + ⅓·√(δ/(2M)) + (1/9)·(δ/(2M))] − δ for δ < 2M, else τ = M.
 * The restart cost does not enter the optimum (it only shifts the waste).
 *
 * @param checkpointCost - checkpoint write time δ (> 0), or the whole {@link CheckpointIntervalInput}
 * @param mtbf - mean time between failures M (> 0), same unit as δ
 * @returns the interval τ in the same unit
 * @throws InfraError for non-positive or non-finite input
 *
 * @example
 * ```ts @import.meta.vitest
 * // Daly's own examples (δ = 5 min): M = 24 h → 117 min, 6 h → 57 min, 15 min → 9.1 min
 * expect(dalyInterval(5, 24 * 60)).toBeCloseTo(116.69, 2);
 * expect(dalyInterval(5, 6 * 60)).toBeCloseTo(56.71, 2);
 * expect(dalyInterval({ checkpointCost: 5, mtbf: 15 })).toBeCloseTo(9.14, 2);
 * ```
 */
export function dalyInterval(checkpointCost: number, mtbf: number): number;
export function dalyInterval(input: CheckpointIntervalInput): number;
export function dalyInterval(a: number | CheckpointIntervalInput, b?: number): number {
  const { delta, m } = readInput(a, b, 'dalyInterval');
  if (delta >= 2 * m) return m;
  const x = delta / (2 * m);
  return Math.sqrt(2 * delta * m) * (1 + Math.sqrt(x) / 3 + x / 9) - delta;
}

/**
 * The availability-optimal checkpoint interval of Saxena et al. (NVIDIA, arXiv 2410.18124):
 * τ = δ + √(2(M + R)δ + δ²), never shorter than the error-detection latency.
 *
 * @param input - checkpoint cost δ, MTBF M, restart cost R (default 0) and detection latency (default 0),
 *   all in one time unit
 * @returns the interval τ in the same unit
 * @throws InfraError for non-positive δ or M, or negative R / latency
 *
 * @example
 * ```ts @import.meta.vitest
 * const tau = availabilityOptimalInterval({ checkpointCost: 5, mtbf: 1440, restartCost: 10 });
 * expect(tau).toBeCloseTo(125.52, 2);
 * expect(availabilityOptimalInterval({ checkpointCost: 5, mtbf: 1440, detectionLatency: 200 })).toBe(200);
 * ```
 */
export function availabilityOptimalInterval(input: CheckpointIntervalInput): number {
  const { delta, m, r, latency } = readInput(input, undefined, 'availabilityOptimalInterval');
  const tau = delta + Math.sqrt(2 * (m + r) * delta + delta * delta);
  return Math.max(tau, latency);
}
