import {
  InfraError,
  assertPlainObject,
  assertString,
  defineEstimator,
  deserializeState,
  serializeState,
  type Estimator,
} from '@infra/types';
import type { WaitDistribution } from './distribution.js';
import { estimateWait, type EstimateWaitInput, type ServiceModel } from './estimate-wait.js';
import {
  createIterationModel,
  iterationCoefficients,
  observeIteration,
  type IterationCoefficients,
  type IterationModel,
  type IterationObservation,
} from './iteration-model.js';
import {
  assertTokenHistogram,
  createTokenHistogram,
  observeTokens,
  type TokenHistogram,
  type TokenHistogramOptions,
} from './token-histogram.js';

/** State of the online request-waiting-time estimator: learned iteration model + per-group histograms. */
export interface RwtState {
  /** Schema version (1). */
  readonly version: 1;
  /** Options for histograms of groups seen for the first time. */
  readonly histogramOptions: TokenHistogramOptions;
  /** Online α, β, γ. */
  readonly iteration: IterationModel;
  /** Output-length histogram per request group. */
  readonly histograms: Readonly<Record<string, TokenHistogram>>;
}

/** One observation: a completed request (output length) or a measured iteration. */
export type RwtObservation =
  | {
      /** A request finished. */
      readonly kind: 'completion';
      /** Its request group. */
      readonly group: string;
      /** Its output length in tokens (integer ≥ 1). */
      readonly outputTokens: number;
    }
  | ({
      /** An engine iteration was timed. */
      readonly kind: 'iteration';
    } & IterationObservation);

/** A query: everything of {@link EstimateWaitInput} except what the state learned. */
export interface RwtQuery extends Omit<EstimateWaitInput, 'histograms' | 'service'> {
  /** The instance without coefficients (the learned ones are used). */
  readonly service: Omit<ServiceModel, 'coefficients'>;
}

/** Configuration of {@link rwtEstimator}. */
export interface RwtConfig {
  /** Prior iteration coefficients (e.g. from a benchmark). */
  readonly prior: IterationCoefficients;
  /** Prior strength in pseudo-observations (default 1). */
  readonly priorWeight?: number;
  /** Forgetting factor of the iteration model (default 1). */
  readonly forgetting?: number;
  /** Histogram layout and window. */
  readonly histogram?: TokenHistogramOptions;
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Fold one observation into the state: O(bins) for a completion, O(1) for an iteration.
 *
 * @param s - the state
 * @param o - the observation
 * @returns the new state
 * @throws InfraError naming the bad field (`observation.group`, `outputTokens`, `obs.seconds`, …)
 */
export function observeRwt(s: RwtState, o: RwtObservation): RwtState {
  assertPlainObject(o, 'observation');
  if (o.kind === 'completion') {
    const g = assertString(o.group, 'observation.group');
    if (UNSAFE.has(g)) throw new InfraError('UNSAFE_KEY', 'observation.group', `'${g}' cannot be a group key`);
    const h = Object.prototype.hasOwnProperty.call(s.histograms, g) ? s.histograms[g]! : createTokenHistogram(s.histogramOptions);
    return { ...s, histograms: { ...s.histograms, [g]: observeTokens(h, o.outputTokens) } };
  }
  if (o.kind === 'iteration') return { ...s, iteration: observeIteration(s.iteration, o) };
  throw new InfraError('INVALID_ARGUMENT', 'observation.kind', "must be 'completion' or 'iteration'");
}

/**
 * The online request-waiting-time estimator as an `Estimator` (init / observe / estimate): learns
 * α, β, γ from timed iterations and output-length histograms per group from completions, and answers
 * {@link estimateWait} queries with what it learned.
 *
 * @param config - prior coefficients and histogram options
 * @returns the estimator
 * @throws InfraError on an invalid prior
 *
 * @example
 * ```ts @import.meta.vitest
 * const est = rwtEstimator({ prior: { alpha: 0.01, beta: 2e-4, gamma: 8e-5 } });
 * let s = est.init();
 * for (const x of [12, 40, 7, 300, 25]) s = est.observe(s, { kind: 'completion', group: 'code', outputTokens: x });
 * s = est.observe(s, { kind: 'iteration', batchSize: 8, prefillTokens: 512, seconds: 0.053 });
 * const d = est.estimate(s, { service: { maxBatchSize: 4 },
 *   running: [{ group: 'code', generatedTokens: [3, 10, 1, 50] }], ahead: [{ group: 'code', count: 3, inputTokens: 3000 }] });
 * expect(d.quantile(0.95)).toBeGreaterThan(d.quantile(0.5));
 * ```
 */
export function rwtEstimator(config: RwtConfig): Estimator<RwtState, RwtObservation, RwtQuery, WaitDistribution> {
  assertPlainObject(config, 'config');
  const iteration = createIterationModel(config.prior, {
    ...(config.priorWeight === undefined ? {} : { priorWeight: config.priorWeight }),
    ...(config.forgetting === undefined ? {} : { forgetting: config.forgetting }),
  });
  const histogramOptions = config.histogram ?? {};
  createTokenHistogram(histogramOptions); // validate once
  return defineEstimator<RwtState, RwtObservation, RwtQuery, WaitDistribution>({
    name: 'qlm-rwt',
    init: (): RwtState => ({ version: 1, histogramOptions, iteration, histograms: {} }),
    observe: observeRwt,
    estimate: (s: RwtState, q: RwtQuery): WaitDistribution => {
      assertPlainObject(q, 'query');
      return estimateWait({ ...q, histograms: s.histograms, service: { ...q.service, coefficients: iterationCoefficients(s.iteration) } });
    },
  });
}

/**
 * Serialize an {@link RwtState} (JSON envelope, kind `queue-estimator/rwt`).
 *
 * @param s - the state
 * @returns JSON text
 * @throws InfraError when the state holds non-JSON values
 *
 * @example
 * ```ts @import.meta.vitest
 * const s = rwtEstimator({ prior: { alpha: 0.01, beta: 1e-4, gamma: 0 } }).init();
 * expect(deserializeRwtState(serializeRwtState(s))).toEqual(s);
 * ```
 */
export function serializeRwtState(s: RwtState): string {
  return serializeState('queue-estimator/rwt', 1, s);
}

/**
 * Parse and validate an {@link RwtState}.
 *
 * @param text - JSON from {@link serializeRwtState}
 * @returns the state
 * @throws InfraError `PARSE_ERROR`, `VERSION_MISMATCH`, `UNSAFE_KEY` or the first invalid field
 */
export function deserializeRwtState(text: string): RwtState {
  return deserializeState(text, 'queue-estimator/rwt', 1, (x, path) => {
    const o = assertPlainObject(x, path);
    if (o['version'] !== 1) throw new InfraError('VERSION_MISMATCH', `${path}.version`, 'expected 1');
    const it = assertPlainObject(o['iteration'], `${path}.iteration`);
    const stats = it['stats'];
    if (!Array.isArray(stats) || stats.length !== 9 || !stats.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new InfraError('INVALID_STATE', `${path}.iteration.stats`, 'must be 9 finite numbers');
    }
    const prior = assertPlainObject(it['prior'], `${path}.iteration.prior`) as unknown as IterationCoefficients;
    createIterationModel(prior, { priorWeight: it['priorWeight'] as number, forgetting: it['forgetting'] as number });
    const hs = assertPlainObject(o['histograms'], `${path}.histograms`);
    for (const k of Object.keys(hs)) assertTokenHistogram(hs[k], `${path}.histograms.${k}`);
    createTokenHistogram(assertPlainObject(o['histogramOptions'], `${path}.histogramOptions`) as TokenHistogramOptions);
    return x as RwtState;
  });
}
