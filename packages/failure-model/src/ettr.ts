import { assertInRange, assertNonNegative, assertPlainObject, assertPositive, assertProbability } from '@infra/types';
import { dalyInterval } from './checkpoint-interval.js';

/**
 * Live migration (TrainMover-style) as an alternative to rollback for the failures predicted early enough:
 * a predicted failure costs a short pause and loses no work.
 */
export interface LiveMigrationInput {
  /** Fraction of failures predicted early enough to migrate, in [0, 1]. */
  readonly predictedFraction: number;
  /** Job pause per migration (TrainMover: ≈ 20 s at 1 024 GPUs), ≥ 0, same unit as the other durations. */
  readonly migrationCost: number;
}

/** Inputs of {@link ettr}. All durations share one time unit (seconds, minutes, hours). */
export interface EttrInput {
  /** Mean time between job interruptions M, > 0. */
  readonly mtbf: number;
  /** Checkpoint write time δ, > 0. */
  readonly checkpointCost: number;
  /** Time to reload the last checkpoint and resume (R), ≥ 0. */
  readonly restartCost: number;
  /** Time before the restart can begin (detection, replacement node), ≥ 0; default 0. */
  readonly downtime?: number;
  /** Compute time between checkpoints τ, > 0; default: {@link dalyInterval} at the rollback MTBF. */
  readonly interval?: number;
  /** Optional live migration for predicted failures. */
  readonly liveMigration?: LiveMigrationInput;
  /** Largest loss ratio (δ + D + R + τ/2)/M for which the first-order model is trusted; default 0.1. */
  readonly maxLossRatio?: number;
}

/** The first-order ETTR (goodput) of a periodically checkpointed job, with its validity diagnosis. */
export interface EttrResult {
  /** Effective training time ratio (1 − waste_ckpt)(1 − waste_fail), clamped at 0, in [0, 1]. */
  readonly ettr: number;
  /** Compute time between checkpoints τ that was used. */
  readonly interval: number;
  /** Fraction of wall time spent writing checkpoints, δ/(τ + δ). */
  readonly wasteCheckpoint: number;
  /** Fraction of time lost to failures, (f·C + (1 − f)(τ/2 + D + R))/M. */
  readonly wasteFailure: number;
  /** (δ + f·C + (1 − f)(τ/2 + D + R))/M: how far the first-order model is stretched. */
  readonly lossRatio: number;
  /**
   * ETTR of the exact renewal model under exponential failures (failures during recovery restart it;
   * migrations are pauses): λτe^{−λ(D+R)}/(e^{λ(τ+δ)} − 1)·(1 − λ_p·C), λ the rollback failure rate.
   */
  readonly renewalEttr: number;
  /** True when lossRatio ≤ maxLossRatio, i.e. the first-order model is inside its validity region. */
  readonly valid: boolean;
}

/**
 * Effective training time ratio (goodput) of a periodically checkpointed job, first-order
 * (Hérault–Robert) form: ETTR ≈ (1 − δ/(τ + δ))·(1 − (τ/2 + D + R)/M). With live migration a fraction
 * f of failures costs only the migration pause C. The result carries the exact exponential-renewal
 * value and a `valid` flag: outside lossRatio ≤ 0.1 the first-order model drifts more than 0.5 point
 * from the renewal model (measured on a grid of M 0.25–100 h, δ 5 s–10 min, R 20 s–30 min) — then
 * use `renewalEttr` or {@link simulateTraining}.
 *
 * @param input - MTBF, checkpoint and restart costs, downtime, interval and migration (one time unit)
 * @returns the ETTR with its waste terms and validity diagnosis
 * @throws InfraError for non-positive M, δ or τ, negative R / D / C, or a fraction outside [0, 1]
 *
 * @example
 * ```ts @import.meta.vitest
 * // Llama-3-like: M = 185.58 min, R = 10 min, δ = 1 min → Daly τ = 18.60 min, ETTR 0.850
 * const r = ettr({ mtbf: 185.58, checkpointCost: 1, restartCost: 10 });
 * expect(r.interval).toBeCloseTo(18.60, 2);
 * expect(r.ettr).toBeCloseTo(0.850, 3);
 * expect(r.valid).toBe(false); // loss ratio 0.11: a little outside the first-order region
 * ```
 */
export function ettr(input: EttrInput): EttrResult {
  const o = assertPlainObject(input, 'ettr');
  const m = assertPositive(o['mtbf'], 'ettr.mtbf');
  const delta = assertPositive(o['checkpointCost'], 'ettr.checkpointCost');
  const r = assertNonNegative(o['restartCost'], 'ettr.restartCost');
  const d = o['downtime'] === undefined ? 0 : assertNonNegative(o['downtime'], 'ettr.downtime');
  const maxLoss = o['maxLossRatio'] === undefined ? 0.1 : assertInRange(o['maxLossRatio'], 'ettr.maxLossRatio', 0, 1, { minExclusive: true });
  let f = 0;
  let cMig = 0;
  if (o['liveMigration'] !== undefined) {
    const lm = assertPlainObject(o['liveMigration'], 'ettr.liveMigration');
    f = assertProbability(lm['predictedFraction'], 'ettr.liveMigration.predictedFraction');
    cMig = assertNonNegative(lm['migrationCost'], 'ettr.liveMigration.migrationCost');
  }
  const tau =
    o['interval'] === undefined ? dalyInterval(delta, f < 1 ? m / (1 - f) : m) : assertPositive(o['interval'], 'ettr.interval');
  const wasteCheckpoint = delta / (tau + delta);
  const wasteFailure = (f * cMig + (1 - f) * (tau / 2 + d + r)) / m;
  const lossRatio = (delta + f * cMig + (1 - f) * (tau / 2 + d + r)) / m;
  const value = Math.max(0, (1 - wasteCheckpoint) * (1 - wasteFailure));
  const lamU = (1 - f) / m;
  const pauseShare = Math.min(1, (f / m) * cMig);
  const rollback = lamU === 0 ? tau / (tau + delta) : (lamU * tau * Math.exp(-lamU * (d + r))) / Math.expm1(lamU * (tau + delta));
  return {
    ettr: Math.min(1, value),
    interval: tau,
    wasteCheckpoint,
    wasteFailure,
    lossRatio,
    renewalEttr: Math.max(0, rollback * (1 - pauseShare)),
    valid: lossRatio <= maxLoss,
  };
}
