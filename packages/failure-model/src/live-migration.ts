import { assertInteger, assertNonNegative, assertPlainObject, assertPositive, assertProbability } from '@infra/types';

/** Inputs of {@link compareLiveMigration} (durations in seconds). */
export interface LiveMigrationComparisonInput {
  /** Number of failures over the period considered, ≥ 0. */
  readonly failures: number;
  /** GPUs held by the job (all idle during an interruption), a positive integer. */
  readonly gpus: number;
  /** Compute time between checkpoints τ, > 0 (lost work averages τ/2 per rollback). */
  readonly intervalSeconds: number;
  /** Detection and replacement downtime before a restart, ≥ 0. */
  readonly downtimeSeconds: number;
  /** Checkpoint reload and warm-up time, ≥ 0. */
  readonly restartSeconds: number;
  /** Job pause per live migration (TrainMover: ≈ 20 s at 1 024 GPUs), ≥ 0. */
  readonly migrationSeconds: number;
  /** Fraction of failures predicted early enough to migrate, in [0, 1]. */
  readonly predictedFraction: number;
}

/** Downtime and waste of one strategy. */
export interface StrategyCost {
  /** Mean job interruption per failure, seconds (stall + lost work). */
  readonly perFailureSeconds: number;
  /** Total interruption over all failures, seconds. */
  readonly totalSeconds: number;
  /** Wasted GPU-hours: total interruption × GPUs / 3 600. */
  readonly wastedGpuHours: number;
}

/** The result of {@link compareLiveMigration}. */
export interface LiveMigrationComparison {
  /** Checkpoint-restart for every failure. */
  readonly checkpointRestart: StrategyCost;
  /** Live migration for the predicted fraction, checkpoint-restart for the rest. */
  readonly withMigration: StrategyCost;
  /**
   * checkpointRestart.totalSeconds / withMigration.totalSeconds; 1 when both are 0, undefined when only
   * migration is free (zero migration cost and every failure predicted).
   */
  readonly downtimeRatio: number | undefined;
  /** Fraction of wasted GPU-hours saved, in [0, 1] when migration is cheaper than a rollback. */
  readonly wasteReduction: number;
}

/**
 * Live migration versus checkpoint-restart. A rollback costs D + R + τ/2 (stall plus half an interval of
 * recomputation on average); a migrated failure costs only the migration pause. With a fraction f of
 * failures predicted early enough, the mean cost is f·C + (1 − f)(D + R + τ/2).
 *
 * @param input - failures, GPUs, interval, downtime, restart and migration costs, predicted fraction
 * @returns downtime and wasted GPU-hours of both strategies and their ratio
 * @throws InfraError for negative durations, a fraction outside [0, 1] or a non-integer GPU count
 *
 * @example
 * ```ts @import.meta.vitest
 * const c = compareLiveMigration({ failures: 100, gpus: 1024, intervalSeconds: 400, downtimeSeconds: 60,
 *   restartSeconds: 60, migrationSeconds: 20, predictedFraction: 1 });
 * expect(c.checkpointRestart.perFailureSeconds).toBe(320);
 * expect(c.downtimeRatio!).toBeCloseTo(16, 12); // TrainMover's "16× less downtime" regime
 * ```
 */
export function compareLiveMigration(input: LiveMigrationComparisonInput): LiveMigrationComparison {
  const o = assertPlainObject(input, 'input');
  const failures = assertNonNegative(o['failures'], 'input.failures');
  const gpus = assertInteger(o['gpus'], 'input.gpus', { min: 1 });
  const tau = assertPositive(o['intervalSeconds'], 'input.intervalSeconds');
  const d = assertNonNegative(o['downtimeSeconds'], 'input.downtimeSeconds');
  const r = assertNonNegative(o['restartSeconds'], 'input.restartSeconds');
  const c = assertNonNegative(o['migrationSeconds'], 'input.migrationSeconds');
  const f = assertProbability(o['predictedFraction'], 'input.predictedFraction');
  const rollback = d + r + tau / 2;
  const mixed = f * c + (1 - f) * rollback;
  const cost = (per: number): StrategyCost => ({
    perFailureSeconds: per,
    totalSeconds: per * failures,
    wastedGpuHours: (per * failures * gpus) / 3600,
  });
  const a = cost(rollback);
  const b = cost(mixed);
  return {
    checkpointRestart: a,
    withMigration: b,
    downtimeRatio: b.totalSeconds > 0 ? a.totalSeconds / b.totalSeconds : a.totalSeconds === 0 ? 1 : undefined,
    wasteReduction: a.totalSeconds === 0 ? 0 : 1 - b.totalSeconds / a.totalSeconds,
  };
}
