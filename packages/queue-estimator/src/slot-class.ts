import type { Pmf } from './token-histogram.js';

/** Batch slots whose next departure follows one distribution (running sequences of one residual class). */
export interface SlotClass {
  /** Residual output tokens until the slot's departure. */
  readonly pmf: Pmf;
  /** Number of slots. */
  readonly weight: number;
  /** Mean of `pmf`. */
  readonly mean: number;
  /** Variance of `pmf`. */
  readonly variance: number;
}
