import { InfraError, assertInteger, assertNonNegative, assertOneOf, assertPlainObject, assertPositive } from '@infra/types';
import { affineWait, gammaWait, latticeWait, lognormalWait, normalWait, pointWait, uniformNormalWait, type WaitDistribution } from './distribution.js';
import { assertIterationCoefficients, type IterationCoefficients } from './iteration-model.js';
import { countNormalCdf, GRID } from './departure-count.js';
import { windowDecode } from './decode-window.js';
import { convolvePower, toGrid } from './renewal.js';
import type { SlotClass } from './slot-class.js';
import { mixHistograms, mixMoments, mixtureHistorySize, type CensoredOutputs, type MixturePart } from './output-mixture.js';
import { histogramFromSamples, residualPmf, type Pmf, type TokenHistogram } from './token-histogram.js';

/** The serving instance the request waits on. */
export interface ServiceModel {
  /** Iteration-time coefficients: ITL(b, p) = α + β·b + γ·p seconds. */
  readonly coefficients: IterationCoefficients;
  /** Maximum sequences per batch (vLLM `max_num_seqs`), ≥ 1. */
  readonly maxBatchSize: number;
  /** KV-cache capacity in tokens; admission needs prompt + output tokens of room (optional). */
  readonly kvCapacityTokens?: number;
  /** Per-iteration token budget (chunked prefill, vLLM `max_num_batched_tokens`), optional. */
  readonly maxBatchedTokens?: number;
}

/** Running sequences of one request group. */
export interface RunningGroup {
  /** Request-group key (must have a histogram). */
  readonly group: string;
  /** Tokens generated so far by each running sequence, integers ≥ 0. */
  readonly generatedTokens: ArrayLike<number>;
  /** The group's max_tokens cap, if any (residuals are truncated at it). */
  readonly maxTokens?: number;
}

/** Queued requests of one group ahead of the request. */
export interface AheadGroup {
  /** Request-group key (must have a histogram). */
  readonly group: string;
  /** Number of requests of this group ahead, integer ≥ 0. */
  readonly count: number;
  /** Sum of their prompt (input) tokens, ≥ 0. */
  readonly inputTokens: number;
}

/** Summation method: `'auto'` picks exact / count-normal / gamma / lognormal from the queue's shape. */
export type EstimateMethod = 'auto' | 'exact' | 'count-normal' | 'gamma' | 'lognormal' | 'normal';

/** Everything {@link estimateWait} needs: the instance's state at the moment of the estimate. */
export interface EstimateWaitInput {
  /** Output-length statistics per request group: a histogram, or raw recent output lengths. */
  readonly histograms: Readonly<Record<string, TokenHistogram | readonly number[]>>;
  /** The instance. */
  readonly service: ServiceModel;
  /** Running sequences, by group. */
  readonly running: readonly RunningGroup[];
  /** Queued requests ahead, by group (position k = total count + 1). */
  readonly ahead: readonly AheadGroup[];
  /** Prompt tokens the running sequences still have to prefill after the iteration in flight (default 0; tokens in that iteration are covered by `iterationRemainingSeconds`). */
  readonly prefillBacklogTokens?: number;
  /** KV tokens reserved on the instance now (default: no KV constraint). */
  readonly kvUsedTokens?: number;
  /** The request's own prompt tokens (KV need; default: the mean prompt ahead, else 0). */
  readonly selfInputTokens?: number;
  /** Seconds until the instance's current iteration ends (default 0). */
  readonly iterationRemainingSeconds?: number;
  /** Force a summation method (default `'auto'`). */
  readonly method?: EstimateMethod;
}

/** Largest number of exact convolutions for a single-slot instance. */
export const EXACT_MAX_TERMS = 24;

/**
 * The histogram of a group named in an estimate's input (raw samples are binned on the fly).
 *
 * @param histograms - the input's `histograms`
 * @param group - group key
 * @param path - argument path of the group reference
 * @returns the non-empty histogram
 * @throws InfraError `UNKNOWN_ID` naming `path`, `EMPTY` naming `histograms.<group>`
 */
export function groupHistogram(histograms: EstimateWaitInput['histograms'], group: unknown, path: string): TokenHistogram {
  if (typeof group !== 'string') throw new InfraError('INVALID_ARGUMENT', path, 'must be a group key string');
  const h = Object.prototype.hasOwnProperty.call(histograms, group) ? histograms[group] : undefined;
  if (h === undefined) throw new InfraError('UNKNOWN_ID', path, `unknown request group '${group}'`);
  const hist = Array.isArray(h) ? histogramFromSamples(h as readonly number[]) : (h as TokenHistogram);
  if (!(hist.n > 0)) throw new InfraError('EMPTY', `histograms.${group}`, 'no output lengths observed for this group');
  return hist;
}


function pmfMoments(p: Pmf): { mean: number; m2: number; m3: number } {
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < p.values.length; i++) {
    const v = p.values[i]!;
    const q = p.probs[i]!;
    m1 += q * v;
    m2 += q * v * v;
    m3 += q * v * v * v;
  }
  return { mean: m1, m2, m3 };
}

/**
 * Waiting-time distribution of a request at position k in a continuous-batching instance's queue
 * (time until it is admitted into the batch). The request is admitted after d departures, where d comes
 * from the free batch slots and KV room; decode iterations until the d-th departure are counted over the
 * running sequences (inspection-paradox-correct residual output lengths given the tokens generated so
 * far) and the queued jobs that refill their slots (the empirical output-length mixture of the groups
 * ahead). Time = iteration remainder + γ·(prefill tokens ahead and in backlog) + (α + β·b)·iterations, with
 * at least enough iterations to push the prefill through the token budget; with a token budget the request
 * is admitted within the last iteration of the prompts ahead, so a prefill-bound wait is uniform over that
 * iteration (method `'uniform'`), widened by the spread of the decode tokens that share the budget meanwhile:
 * running sequences decode min(R, N) and the requests ahead min(O, N − t) of the N window iterations.
 * Running sequences also enter the output-length mixture as right-censored outputs (a history of early,
 * short completions would understate the tail), and the mixture's estimation error from n observed
 * outputs is part of the spread.
 *
 * Method (`'auto'`): one slot → exact convolution R + O₁ + … + O_{d−1} for d − 1 ≤ 24; several slots →
 * renewal counting ('count-normal': Poisson-binomial first departures plus Poisson re-departures for
 * d ≤ 8, else a normal approximation of the departure count) while the
 * horizon resolves single outputs; long queues → the work identity S·N = ΣR + ΣO − Rem with a
 * moment-matched gamma, or lognormal when the sum is more skewed than a gamma (heavy tails).
 *
 * @param input - histograms, service model, running sequences, queue ahead (see {@link EstimateWaitInput})
 * @returns the waiting-time distribution in seconds
 * @throws InfraError `UNKNOWN_ID` for a group without a histogram (path `ahead[i].group` /
 *   `running[i].group`), `EMPTY` for an empty history, `NOT_FINITE` / `OUT_OF_RANGE` for NaN or negative
 *   tokens and counts (the path names the element)
 *
 * @example
 * ```ts @import.meta.vitest
 * const d = estimateWait({
 *   histograms: { chat: [20, 50, 100, 200, 400] }, // or a TokenHistogram
 *   service: { coefficients: { alpha: 0.01, beta: 0.0002, gamma: 0.00008 }, maxBatchSize: 8 },
 *   running: [{ group: 'chat', generatedTokens: [10, 30, 60, 90, 150, 5, 1, 250] }],
 *   ahead: [{ group: 'chat', count: 5, inputTokens: 2500 }],
 * });
 * expect(d.mean).toBeGreaterThan(0);
 * expect(d.quantile(0.95)).toBeGreaterThanOrEqual(d.quantile(0.5));
 * expect(d.cdf(d.quantile(0.9))).toBeGreaterThanOrEqual(0.9);
 * ```
 */
export function estimateWait(input: EstimateWaitInput): WaitDistribution {
  assertPlainObject(input, 'input');
  assertPlainObject(input.histograms, 'histograms');
  const svc = input.service;
  assertPlainObject(svc, 'service');
  const coef = assertIterationCoefficients(svc.coefficients, 'service.coefficients');
  const maxBatch = assertInteger(svc.maxBatchSize, 'service.maxBatchSize', { min: 1 });
  const kvCap = svc.kvCapacityTokens === undefined ? undefined : assertPositive(svc.kvCapacityTokens, 'service.kvCapacityTokens');
  const budget = svc.maxBatchedTokens === undefined ? undefined : assertPositive(svc.maxBatchedTokens, 'service.maxBatchedTokens');
  const method = assertOneOf(input.method ?? 'auto', 'method', ['auto', 'exact', 'count-normal', 'gamma', 'lognormal', 'normal'] as const);
  const backlog = assertNonNegative(input.prefillBacklogTokens ?? 0, 'prefillBacklogTokens');
  const iterRem = assertNonNegative(input.iterationRemainingSeconds ?? 0, 'iterationRemainingSeconds');
  if (!Array.isArray(input.running)) throw new InfraError('INVALID_ARGUMENT', 'running', 'must be an array');
  if (!Array.isArray(input.ahead)) throw new InfraError('INVALID_ARGUMENT', 'ahead', 'must be an array');

  // One histogram object per group within the call (raw samples are binned once), so the running
  // sequences' censored outputs attach to the same group in the refill mixture.
  const binned = new Map<string, TokenHistogram>();
  const histogramOf = (group: unknown, path: string): TokenHistogram => {
    const known = typeof group === 'string' ? binned.get(group) : undefined;
    if (known !== undefined) return known;
    const h = groupHistogram(input.histograms, group, path);
    binned.set(group as string, h);
    return h;
  };
  // Queue ahead: counts, prompt tokens and the output-length mixture of the jobs that will refill slots.
  let k1 = 0;
  let promptAhead = 0;
  const aheadParts: { h: TokenHistogram; weight: number }[] = [];
  input.ahead.forEach((a, i) => {
    const h = histogramOf(a.group, `ahead[${i}].group`);
    const c = assertInteger(a.count, `ahead[${i}].count`, { min: 0 });
    const tok = assertNonNegative(a.inputTokens, `ahead[${i}].inputTokens`);
    if (c > 0) aheadParts.push({ h, weight: c });
    k1 += c;
    promptAhead += tok;
  });

  // Running sequences → residual classes keyed by (group, histogram bin of generated tokens).
  const classes: SlotClass[] = [];
  let bRun = 0;
  const runParts: { h: TokenHistogram; weight: number }[] = [];
  const censoredBy = new Map<TokenHistogram, CensoredOutputs[]>();
  input.running.forEach((r, i) => {
    const h = histogramOf(r.group, `running[${i}].group`);
    const cap = r.maxTokens === undefined ? undefined : assertPositive(r.maxTokens, `running[${i}].maxTokens`);
    const gen = r.generatedTokens;
    if (gen === null || typeof gen !== 'object' || typeof gen.length !== 'number') {
      throw new InfraError('INVALID_ARGUMENT', `running[${i}].generatedTokens`, 'must be an array of token counts');
    }
    const byBin = new Map<number, { sum: number; n: number }>();
    for (let j = 0; j < gen.length; j++) {
      const g = assertNonNegative(gen[j], `running[${i}].generatedTokens[${j}]`);
      // Residual classes: exact below 8 generated tokens, then geometric buckets of ratio 1.5.
      const b = g < 8 ? g : 8 + Math.floor(Math.log(g / 8) / Math.log(1.5));
      const e = byBin.get(b) ?? { sum: 0, n: 0 };
      e.sum += g;
      e.n += 1;
      byBin.set(b, e);
    }
    for (const [, e] of [...byBin.entries()].sort((x, y) => x[0] - y[0])) {
      const pmf = residualPmf(h, e.sum / e.n, cap);
      const cens = censoredBy.get(h) ?? [];
      cens.push({ generated: e.sum / e.n, residual: pmf, weight: e.n });
      censoredBy.set(h, cens);
      const mo = pmfMoments(pmf);
      classes.push({ pmf, weight: e.n, mean: mo.mean, variance: Math.max(0, mo.m2 - mo.mean * mo.mean) });
      bRun += e.n;
    }
    if (gen.length > 0) runParts.push({ h, weight: gen.length });
  });

  // The refill mixture's moments are O(groups); its pmf is built only when a short-queue method or the
  // prefill window needs it.
  // Running sequences are right-censored outputs of their groups: the refill mixture counts them (at
  // generated + residual) so a history of early, short completions does not understate the tail.
  const refillParts: MixturePart[] = (aheadParts.length > 0 ? aheadParts : runParts).map((p) => {
    const censored = censoredBy.get(p.h);
    return censored === undefined ? p : { ...p, censored };
  });
  const hasRefill = refillParts.length > 0;
  const fm = hasRefill ? mixMoments(refillParts) : { mean: 1, m2: 1, m3: 1 };
  let refillPmf: Pmf | undefined;
  const refill = (): Pmf => (refillPmf ??= mixHistograms(refillParts));
  const meanPrompt = k1 > 0 ? promptAhead / k1 : 0;
  // Outputs behind the refill distribution (its estimation error is part of the predictive spread).
  const historySize = mixtureHistorySize(refillParts);
  const selfIn = input.selfInputTokens === undefined ? meanPrompt : assertNonNegative(input.selfInputTokens, 'selfInputTokens');

  // Departures needed before admission (batch slots and KV room).
  const freeSlots = Math.max(0, maxBatch - bRun);
  let need = k1 + 1 - freeSlots;
  let kvFit = Infinity;
  if (kvCap !== undefined && input.kvUsedTokens !== undefined) {
    const kvUsed = assertNonNegative(input.kvUsedTokens, 'kvUsedTokens');
    const room = kvCap - kvUsed;
    const demand = promptAhead + selfIn + (k1 + 1) * fm.mean;
    const short = demand - room;
    kvFit = Math.max(0, Math.floor(room / Math.max(1, meanPrompt + fm.mean)));
    if (short > 0) {
      const release = bRun > 0 ? kvUsed / bRun : meanPrompt + fm.mean;
      need = Math.max(need, Math.ceil(short / Math.max(1, release)));
    }
  }
  const runningClasses = classes.length;
  // Jobs admitted right away (free slot and KV room) occupy extra slots that depart (and free room) too.
  const immediate = Math.min(k1, freeSlots, kvFit, Math.max(0, k1 + 1 - need));
  if (immediate > 0 && hasRefill) {
    classes.push({ pmf: refill(), weight: immediate, mean: fm.mean, variance: Math.max(0, fm.m2 - fm.mean * fm.mean) });
  }
  const slots = bRun + immediate;
  const batch = Math.min(maxBatch, Math.max(1, slots));
  const tau = coef.alpha + coef.beta * batch;
  const prefill = backlog + promptAhead;
  // Chunked prefill: the request is admitted at the start of the first iteration whose token budget has
  // room after the earlier prompts, so the prefill finished before admission lies in [P − c, P] with
  // c = budget − b prompt tokens per iteration; the decode-bound part uses its midpoint.
  // Decode-window moments: the prompts ahead stream through the budget over N ≈ P / (budget − b̄)
  // iterations. Each running sequence decodes for min(R, N) of them (R its residual output), each of the
  // k requests ahead, admitted uniformly over the window, for min(O, N − t). The decoder-iterations D give
  // b̄ = E[D]/N and Var b̄ = Var D / N² (outputs longer than the window only count up to it, so a heavy
  // tail beyond it does not inflate the spread). b̄ and N are solved together by fixed-point iteration.
  let bFloor = batch;
  let decodeVar = 0;
  let paramVar = 0;
  let windowIters = 0;
  if (budget !== undefined && prefill > 0) {
    const ahead = k1 > 0 && hasRefill ? refill() : undefined;
    let b = Math.min(bRun, budget - 1);
    for (let round = 0; round < 4; round++) {
      windowIters = prefill / Math.max(1, budget - b);
      const w = windowDecode(classes, runningClasses, ahead, k1, windowIters);
      const next = Math.min(maxBatch, budget - 1, w.mean / Math.max(windowIters, 1));
      decodeVar = w.variance;
      paramVar = (w.spread * w.spread) / historySize;
      const settled = Math.abs(next - b) <= 1e-3 * Math.max(1, b);
      b = next;
      if (settled) break;
    }
    bFloor = b;
  }
  const chunk = budget === undefined ? 0 : Math.max(1, budget - bFloor);
  // Sequences being prefilled per iteration: the one in progress plus one per prompt boundary inside the
  // chunk (≈ chunk / mean prompt), within the batch limit.
  const prefillSeqs = meanPrompt > 0 ? Math.min(Math.max(1, maxBatch - bFloor), 1 + chunk / meanPrompt) : 1;
  const tauFloor = coef.alpha + coef.beta * (bFloor + prefillSeqs);
  const prefillMid = budget === undefined ? prefill : Math.max(0, prefill - chunk / 2);
  const shift = iterRem + coef.gamma * prefillMid;
  const floorIter = budget === undefined ? 0 : (prefillMid / chunk) * (tauFloor / tau);
  const perToken = budget === undefined ? 0 : coef.gamma + tauFloor / chunk;
  const floorLo = Math.max(0, prefill - chunk) * perToken;
  const floorHi = prefill * perToken;
  // The mean iteration cost over the window moves with b̄: dT/T = ((β − γ)/t̄ + 1/c)·Δb̄.
  let floorSd = 0;
  if (budget !== undefined && prefill > 0) {
    const tBar = tauFloor + coef.gamma * chunk;
    const sens = Math.abs((coef.beta - coef.gamma) / tBar + 1 / chunk);
    const n2 = Math.max(windowIters, 1) ** 2;
    floorSd = ((floorLo + floorHi) / 2) * sens * Math.sqrt((decodeVar + paramVar) / n2);
  }
  // Combine the decode-iteration distribution N with the prefill floor: uniform floor when it dominates.
  const finish = (n: WaitDistribution): WaitDistribution => {
    if (budget !== undefined && coef.gamma * prefillMid + tau * n.quantile(0.99) <= floorLo) {
      return uniformNormalWait(iterRem + floorLo, iterRem + floorHi, floorSd);
    }
    return affineWait(n, shift, tau, floorIter);
  };
  if (need <= 0 || slots === 0 || !hasRefill) {
    return budget === undefined ? pointWait(shift, 'point') : uniformNormalWait(iterRem + floorLo, iterRem + floorHi, floorSd);
  }

  // ---- one slot: N = R + O₁ + … + O_{d−1}, exactly on a lattice ----
  const useExact = method === 'exact' || (method === 'auto' && slots === 1 && need - 1 <= EXACT_MAX_TERMS);
  if (useExact && slots === 1) {
    const r = classes[0]!.pmf;
    const maxR = r.values[r.values.length - 1]!;
    const f = refill();
    const maxF = f.values[f.values.length - 1]!;
    const span = maxR + (need - 1) * maxF;
    const cells = 2048;
    const delta = Math.max(1, span / cells);
    const dist = convolvePower(toGrid(r, delta, cells), toGrid(f, delta, cells), need - 1);
    const values = new Float64Array(cells + 1);
    const cdf = new Float64Array(cells + 1);
    let acc = 0;
    for (let n = 0; n <= cells; n++) {
      acc += dist[n]!;
      cdf[n] = acc;
      values[n] = n * delta;
    }
    return finish(latticeWait(values, cdf, 'exact'));
  }

  // ---- work identity moments (used for the horizon and the long-queue regime) ----
  let sumR = 0;
  let varR = 0;
  let maxR = 0;
  for (const c of classes) {
    sumR += c.weight * c.mean;
    varR += c.weight * c.variance;
    maxR = Math.max(maxR, c.pmf.values[c.pmf.values.length - 1]!);
  }
  const mu = fm.mean;
  const sig2 = Math.max(0, fm.m2 - mu * mu);
  const mEq = fm.m2 / (2 * mu);
  const vEq = Math.max(0, fm.m3 / (3 * mu) - mEq * mEq);
  const workMean = (sumR + (need - 1) * mu - (slots - 1) * mEq) / slots;
  // + estimation error of the output-length mean from a history of n outputs, shared by all need − 1 terms
  const workVar = (varR + (need - 1) * sig2 + (slots - 1) * vEq + ((need - 1) * (need - 1) * sig2) / historySize) / (slots * slots);

  const countRegime = method === 'count-normal' || (method === 'auto' && slots > 1);
  if (countRegime) {
    let horizon = Math.max(1, 2 * Math.max(workMean, 0) + 6 * Math.sqrt(workVar) + Math.min(maxR, 4 * mu + 1));
    for (let attempt = 0; attempt < 6; attempt++) {
      // power-of-two steps: nearby queue lengths share the lattice (no discretisation jumps between them)
      const delta = Math.pow(2, Math.max(0, Math.ceil(Math.log2(horizon / GRID) - 1e-9)));
      if (method === 'auto' && delta > mu / 2) break; // too coarse to resolve single outputs
      const cdf = countNormalCdf(classes, refill(), need, delta);
      if (cdf[GRID]! >= 0.999 || attempt === 5) {
        const values = new Float64Array(GRID + 1);
        for (let n = 0; n <= GRID; n++) values[n] = n * delta;
        return finish(latticeWait(values, cdf, 'count-normal'));
      }
      horizon *= 2;
    }
  }

  // ---- long queue: moment-matched sum ----
  const mean = Math.max(workMean, 1e-9);
  if (!(workVar > (1e-9 * mean) ** 2)) return finish(pointWait(mean, 'normal')); // deterministic outputs
  const variance = workVar;
  const k3o = fm.m3 - 3 * mu * sig2 - mu * mu * mu;
  const skew = ((need - 1) * k3o) / (slots * slots * slots) / Math.pow(variance, 1.5);
  const gammaSkew = (2 * Math.sqrt(variance)) / mean;
  const pick = method === 'auto' ? (skew > 1.5 * gammaSkew ? 'lognormal' : 'gamma') : method;
  let base: WaitDistribution;
  if (pick === 'normal') base = normalWait(mean, Math.sqrt(variance));
  else if (pick === 'lognormal') {
    const s2 = Math.log1p(variance / (mean * mean));
    base = lognormalWait(0, Math.log(mean) - s2 / 2, Math.sqrt(s2));
  } else if ((mean * mean) / variance > 1e4) base = normalWait(mean, Math.sqrt(variance)); // gamma ≈ normal
  else base = gammaWait(0, (mean * mean) / variance, variance / mean);
  return finish(base);
}
