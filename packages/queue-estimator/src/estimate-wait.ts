import { InfraError, assertInteger, assertNonNegative, assertOneOf, assertPlainObject, assertPositive, normalCdf } from '@infra/types';
import { affineWait, gammaWait, latticeWait, lognormalWait, normalWait, pointWait, uniformNormalWait, type WaitDistribution } from './distribution.js';
import { assertIterationCoefficients, type IterationCoefficients } from './iteration-model.js';
import { addSlotCounts, convolvePower, renewalMoments, toGrid } from './renewal.js';
import { histogramFromSamples, residualPmf, tokenPmf, type Pmf, type TokenHistogram } from './token-histogram.js';

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
const GRID = 192;

interface SlotClass {
  readonly pmf: Pmf;
  readonly weight: number;
  readonly mean: number;
  readonly variance: number;
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

/** Raw moments E[O], E[O²], E[O³] of a count-weighted mixture of groups, from the exact power sums: O(groups). */
function mixMoments(parts: readonly { h: TokenHistogram; weight: number }[]): { mean: number; m2: number; m3: number } {
  let w = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  for (const { h, weight } of parts) {
    w += weight;
    m1 += (weight * h.s1) / h.n;
    m2 += (weight * h.s2) / h.n;
    m3 += (weight * h.s3) / h.n;
  }
  return { mean: m1 / w, m2: m2 / w, m3: m3 / w };
}

/** The count-weighted mixture pmf of several groups' output lengths (bin by bin when layouts agree). */
function mixHistograms(parts: readonly { h: TokenHistogram; weight: number }[]): Pmf {
  const first = parts[0]!.h;
  if (parts.length === 1) return tokenPmf(first);
  const same = parts.every(({ h }) => h.counts.length === first.counts.length && h.linearBins === first.linearBins && h.growth === first.growth);
  let total = 0;
  for (const { weight } of parts) total += weight;
  if (!same) {
    const acc = new Map<number, number>();
    for (const { h, weight } of parts) {
      const pmf = tokenPmf(h);
      for (let i = 0; i < pmf.values.length; i++) acc.set(pmf.values[i]!, (acc.get(pmf.values[i]!) ?? 0) + (pmf.probs[i]! * weight) / total);
    }
    const keys = [...acc.keys()].sort((a, b) => a - b);
    return { values: Float64Array.from(keys), probs: Float64Array.from(keys, (k) => acc.get(k)!) };
  }
  const nb = first.counts.length;
  const mass = new Float64Array(nb);
  const tok = new Float64Array(nb);
  for (const { h, weight } of parts) {
    const f = weight / h.n;
    for (let b = 0; b < nb; b++) {
      const c = h.counts[b]!;
      if (c > 0) {
        mass[b] = mass[b]! + f * c;
        tok[b] = tok[b]! + f * h.sums[b]!;
      }
    }
  }
  const values: number[] = [];
  const probs: number[] = [];
  for (let b = 0; b < nb; b++) {
    if (mass[b]! > 0) {
      values.push(tok[b]! / mass[b]!);
      probs.push(mass[b]! / total);
    }
  }
  return { values: Float64Array.from(values), probs: Float64Array.from(probs) };
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
 * running sequences decode min(R, N) and the requests ahead min(O, N − t) of the N window iterations
 * (the larger of that variance and the M/G/∞ occupancy variance b̄·E[O²]/(E[O]·N) is used).
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

  // Queue ahead: counts, prompt tokens and the output-length mixture of the jobs that will refill slots.
  let k1 = 0;
  let promptAhead = 0;
  const aheadParts: { h: TokenHistogram; weight: number }[] = [];
  input.ahead.forEach((a, i) => {
    const h = groupHistogram(input.histograms, a.group, `ahead[${i}].group`);
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
  input.running.forEach((r, i) => {
    const h = groupHistogram(input.histograms, r.group, `running[${i}].group`);
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
      const mo = pmfMoments(pmf);
      classes.push({ pmf, weight: e.n, mean: mo.mean, variance: Math.max(0, mo.m2 - mo.mean * mo.mean) });
      bRun += e.n;
    }
    if (gen.length > 0) runParts.push({ h, weight: gen.length });
  });

  // The refill mixture's moments are O(groups); its pmf is built only when a short-queue method needs it.
  const refillParts = aheadParts.length > 0 ? aheadParts : runParts;
  const hasRefill = refillParts.length > 0;
  const fm = hasRefill ? mixMoments(refillParts) : { mean: 1, m2: 1, m3: 1 };
  let refillPmf: Pmf | undefined;
  const refill = (): Pmf => (refillPmf ??= mixHistograms(refillParts));
  const meanPrompt = k1 > 0 ? promptAhead / k1 : 0;
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
  // While prompts stream through the budget, decodes settle where admissions (chunk / mean prompt per
  // iteration) times the mean output equal the decoding sequences (Little): b = budget·μ / (prompt + μ).
  // The current decoding sequences relax to that level with time constant ≈ one output length; average
  // over the prefill window of N ≈ P / (budget − b) iterations.
  // Decode-window moments: the prompts ahead stream through the budget over N ≈ P / (budget − b̄)
  // iterations. Each running sequence decodes for min(R, N) of them (R its residual output), each of the
  // k requests ahead, admitted uniformly over the window, for min(O, N − t). The decoder-iterations D give
  // b̄ = E[D]/N and Var b̄ = Var D / N² (outputs longer than the window only count up to it, so a heavy
  // tail beyond it does not inflate the spread). b̄ and N are solved together by fixed-point iteration.
  let bFloor = batch;
  let decodeVar = 0;
  let windowIters = 0;
  if (budget !== undefined && prefill > 0) {
    const ahead = k1 > 0 && hasRefill ? refill() : undefined;
    let b = Math.min(bRun, budget - 1);
    for (let round = 0; round < 4; round++) {
      windowIters = prefill / Math.max(1, budget - b);
      const w = windowDecode(classes, runningClasses, ahead, k1, windowIters);
      b = Math.min(maxBatch, budget - 1, w.mean / Math.max(windowIters, 1));
      decodeVar = w.variance;
    }
    bFloor = b;
  }
  const chunk = budget === undefined ? 0 : Math.max(1, budget - bFloor);
  const tauFloor = coef.alpha + coef.beta * (bFloor + 1); // + the sequence being prefilled
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
    const occupancyVar = bFloor * Math.min(1, fm.m2 / fm.mean / Math.max(windowIters, 1e-9));
    floorSd = ((floorLo + floorHi) / 2) * sens * Math.sqrt(Math.max(occupancyVar, decodeVar / Math.max(windowIters, 1) ** 2));
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
  const workVar = (varR + (need - 1) * sig2 + (slots - 1) * vEq) / (slots * slots);

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

/** E[min(X, L)] and Var(min(X, L)) of a pmf. */
function truncatedMoments(p: Pmf, limit: number): { mean: number; variance: number } {
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < p.values.length; i++) {
    const v = Math.min(p.values[i]!, limit);
    const q = p.probs[i]!;
    m1 += q * v;
    m2 += q * v * v;
  }
  return { mean: m1, variance: Math.max(0, m2 - m1 * m1) };
}

/** Quadrature points for the admissions spread over the window. */
const WINDOW_POINTS = 16;

/**
 * Decoder-iterations inside a window of `iters` iterations: running classes decode min(R, iters); `count`
 * requests with outputs ~ `ahead`, admitted uniformly over the window, decode min(O, iters − t).
 */
function windowDecode(
  classes: readonly SlotClass[],
  running: number,
  ahead: Pmf | undefined,
  count: number,
  iters: number,
): { mean: number; variance: number } {
  let mean = 0;
  let variance = 0;
  for (let c = 0; c < running; c++) {
    const t = truncatedMoments(classes[c]!.pmf, iters);
    mean += classes[c]!.weight * t.mean;
    variance += classes[c]!.weight * t.variance;
  }
  if (ahead !== undefined && count > 0) {
    const points = Math.min(count, WINDOW_POINTS);
    for (let j = 0; j < points; j++) {
      const t = truncatedMoments(ahead, iters * (1 - (j + 0.5) / points));
      mean += (count / points) * t.mean;
      variance += (count / points) * t.variance;
    }
  }
  return { mean, variance };
}

/** Largest departure count handled by the discrete (Poisson-binomial + Poisson) approximation. */
const SMALL_NEED = 8;

/**
 * P(N_d ≤ nΔ) = P(departures by nΔ ≥ d). For d ≤ 8 the count is approximated discretely: the first
 * departure of each running slot is a Bernoulli (exact Poisson-binomial over the residual classes) and the
 * re-departures of refilled slots are Poisson, proportional to the number of slots that turned over;
 * above that, a normal approximation
 * with the renewal mean and variance (continuity-corrected).
 */
function countNormalCdf(classes: readonly SlotClass[], refill: Pmf, need: number, delta: number): Float64Array {
  const f = toGrid(refill, delta, GRID);
  const rm = renewalMoments(f);
  const mean = new Float64Array(GRID + 1);
  const variance = new Float64Array(GRID + 1);
  // First departures are rounded up to the lattice (never earlier than possible); refills split the mass.
  const grids = classes.map((c) => toGrid(c.pmf, delta, GRID, true));
  classes.forEach((c, i) => addSlotCounts(grids[i]!, rm, c.weight, mean, variance));
  const cdf = new Float64Array(GRID + 1);
  let prev = 0;
  if (need <= SMALL_NEED) {
    const firstCdf = grids.map(() => 0);
    const dist = new Float64Array(need + 1);
    const next = new Float64Array(need + 1);
    const binom = new Float64Array(need + 1);
    for (let n = 0; n <= GRID; n++) {
      dist.fill(0);
      dist[0] = 1;
      let bernMean = 0;
      classes.forEach((c, i) => {
        firstCdf[i] = Math.min(1, firstCdf[i]! + grids[i]![n]!);
        const q = firstCdf[i]!;
        bernMean += c.weight * q;
        binomialTruncated(c.weight, q, need, binom);
        next.fill(0);
        for (let a = 0; a <= need; a++) {
          const da = dist[a]!;
          if (da === 0) continue;
          for (let k = 0; k <= need; k++) next[Math.min(need, a + k)] = next[Math.min(need, a + k)]! + da * binom[k]!;
        }
        dist.set(next);
      });
      // Re-departures happen only on slots that already turned over: given a first departures, the
      // extra count is Poisson with a × (mean extra per turned-over slot).
      const perSlot = bernMean > 0 ? Math.max(0, mean[n]! - bernMean) / bernMean : 0;
      let p = 0;
      for (let a = 0; a <= need; a++) p += dist[a]! * poissonAtLeast(a * perSlot, need - a);
      prev = Math.max(prev, Math.min(1, p));
      cdf[n] = prev;
    }
    return cdf;
  }
  for (let n = 0; n <= GRID; n++) {
    const sd = Math.sqrt(variance[n]!);
    const z = need - 0.5 - mean[n]!;
    const p = sd > 0 ? 1 - normalCdf(z / sd) : z < 0 ? 1 : 0;
    prev = Math.max(prev, p);
    cdf[n] = prev;
  }
  return cdf;
}

/** Binomial(w, q) pmf for k < cap, with P(≥ cap) lumped into `out[cap]`. */
function binomialTruncated(w: number, q: number, cap: number, out: Float64Array): void {
  out.fill(0);
  if (q <= 0) {
    out[0] = 1;
    return;
  }
  if (q >= 1) {
    out[Math.min(cap, w)] = 1;
    return;
  }
  let pk = Math.exp(w * Math.log1p(-q));
  let acc = 0;
  const ratio = q / (1 - q);
  for (let k = 0; k < cap && k <= w; k++) {
    out[k] = pk;
    acc += pk;
    pk *= ((w - k) / (k + 1)) * ratio;
  }
  if (w >= cap) out[cap] = Math.max(0, 1 - acc);
}

/** P(Poisson(λ) ≥ j). */
function poissonAtLeast(lambda: number, j: number): number {
  if (j <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let below = 0;
  for (let i = 0; i < j; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.max(0, 1 - below);
}
