import {
  InfraError,
  assertInRange,
  assertInteger,
  assertOneOf,
  assertPositive,
  assertString,
  describeValue,
  gammaP,
  gammaQ,
  type FailureEvent,
} from '@infra/types';

/** Failures observed on one node over its exposure (node-time in service, any unit). */
export interface NodeFailureCount {
  /** Node id. */
  readonly nodeId: string;
  /** Number of failures, a non-negative integer. */
  readonly failures: number;
  /** Exposure (time in service), > 0; default 1 (equal exposure for every node). */
  readonly exposure?: number;
}

/** Multiple-testing correction: Benjamini–Hochberg (false discovery rate), Holm or Bonferroni (family-wise error). */
export type PValueCorrection = 'bh' | 'holm' | 'bonferroni';

/** The accepted corrections. */
export const P_VALUE_CORRECTIONS: readonly PValueCorrection[] = ['bh', 'holm', 'bonferroni'];

/**
 * Adjust p-values for multiple testing (BH step-up, Holm step-down, Bonferroni); results are in [0, 1]
 * and never below the raw p-values.
 *
 * @param pValues - raw p-values in [0, 1]
 * @param method - correction (default `'bh'`)
 * @returns adjusted p-values in the input order
 * @throws InfraError `OUT_OF_RANGE` for a p-value outside [0, 1], `INVALID_ARGUMENT` for an unknown method
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(adjustPValues([0.01, 0.04, 0.03], 'bonferroni')).toEqual([0.03, 0.12, 0.09]);
 * expect(adjustPValues([0.01, 0.04, 0.03], 'holm')).toEqual([0.03, 0.06, 0.06]);
 * expect(adjustPValues([0.01, 0.04, 0.03], 'bh').map((x) => +x.toFixed(10))).toEqual([0.03, 0.04, 0.04]);
 * ```
 */
export function adjustPValues(pValues: ArrayLike<number>, method: PValueCorrection = 'bh'): number[] {
  const how = assertOneOf(method, 'method', P_VALUE_CORRECTIONS);
  const m = pValues.length;
  const p = new Array<number>(m);
  for (let i = 0; i < m; i++) p[i] = assertInRange(pValues[i], `pValues[${i}]`, 0, 1);
  const out = new Array<number>(m);
  if (how === 'bonferroni') {
    for (let i = 0; i < m; i++) out[i] = Math.min(1, (p[i] as number) * m);
    return out;
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
  if (how === 'holm') {
    let run = 0;
    for (let r = 0; r < m; r++) {
      const i = order[r] as number;
      run = Math.max(run, Math.min(1, (m - r) * (p[i] as number)));
      out[i] = run;
    }
    return out;
  }
  let run = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r] as number;
    run = Math.min(run, ((p[i] as number) * m) / (r + 1));
    out[i] = Math.min(1, run);
  }
  return out;
}

/** Pearson chi-square test of per-node counts against a pooled Poisson rate. */
export interface OverdispersionResult {
  /** Pooled rate Σ failures / Σ exposure. */
  readonly pooledRate: number;
  /** Pearson statistic Σ (yᵢ − μᵢ)²/μᵢ with μᵢ = rate·exposureᵢ (0 when there are no failures). */
  readonly chiSquare: number;
  /** Degrees of freedom, nodes − 1. */
  readonly dof: number;
  /** Dispersion index χ²/dof (≈ 1 for Poisson, > 1 over-dispersed). */
  readonly dispersionIndex: number;
  /** Upper-tail p-value of χ² on dof degrees of freedom. */
  readonly pValue: number;
  /** Mean failures per node. */
  readonly mean: number;
  /** Sample variance of failures per node (n − 1 denominator). */
  readonly variance: number;
}

interface Counts {
  readonly ids: string[];
  readonly y: number[];
  readonly e: number[];
}

function readCounts(nodes: readonly NodeFailureCount[], path: string): Counts {
  const ids: string[] = [];
  const y: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const r = nodes[i];
    if (r === null || typeof r !== 'object') throw new InfraError('INVALID_ARGUMENT', `${path}[${i}]`, `must be a record, got ${describeValue(r)}`);
    ids.push(assertString(r.nodeId, `${path}[${i}].nodeId`));
    y.push(assertInteger(r.failures, `${path}[${i}].failures`, { min: 0 }));
    e.push(r.exposure === undefined ? 1 : assertPositive(r.exposure, `${path}[${i}].exposure`));
  }
  return { ids, y, e };
}

function dispersionOf(c: Counts, path: string): OverdispersionResult {
  const N = c.y.length;
  if (N < 2) throw new InfraError('EMPTY', path, `needs at least two nodes, got ${N}`);
  let sy = 0;
  let se = 0;
  for (let i = 0; i < N; i++) {
    sy += c.y[i] as number;
    se += c.e[i] as number;
  }
  const rate = sy / se;
  const mean = sy / N;
  let variance = 0;
  let chi = 0;
  for (let i = 0; i < N; i++) {
    variance += ((c.y[i] as number) - mean) ** 2;
    if (rate > 0) {
      const mu = rate * (c.e[i] as number);
      chi += ((c.y[i] as number) - mu) ** 2 / mu;
    }
  }
  const dof = N - 1;
  return {
    pooledRate: rate,
    chiSquare: chi,
    dof,
    dispersionIndex: chi / dof,
    pValue: chi > 0 ? gammaQ(dof / 2, chi / 2) : 1,
    mean,
    variance: variance / (N - 1),
  };
}

/**
 * Test per-node failure counts for over-dispersion relative to a pooled Poisson rate with exposure
 * (Pearson χ² / Poisson dispersion index).
 *
 * @param nodes - per-node failures and exposures (at least two nodes)
 * @returns the statistic, dispersion index and p-value
 * @throws InfraError naming a bad record; `EMPTY` for fewer than two nodes
 *
 * @example
 * ```ts @import.meta.vitest
 * const even = overdispersionTest([0, 1, 2, 1, 1, 2, 1, 0].map((f, i) => ({ nodeId: `n${i}`, failures: f })));
 * expect(even.dispersionIndex).toBeLessThan(1);
 * const lumpy = overdispersionTest([0, 0, 0, 0, 0, 0, 0, 8].map((f, i) => ({ nodeId: `n${i}`, failures: f })));
 * expect(lumpy.pValue).toBeLessThan(1e-6);
 * ```
 */
export function overdispersionTest(nodes: readonly NodeFailureCount[]): OverdispersionResult {
  if (!Array.isArray(nodes)) throw new InfraError('INVALID_ARGUMENT', 'nodes', `must be an array, got ${describeValue(nodes)}`);
  return dispersionOf(readCounts(nodes, 'nodes'), 'nodes');
}

/** Options of {@link lemonNodes}. */
export interface LemonOptions {
  /** Level at which adjusted p-values flag a lemon; default 0.05. */
  readonly alpha?: number;
  /** Multiple-testing correction; default `'bh'`. */
  readonly correction?: PValueCorrection;
  /** Event input only: every node id in the fleet, so nodes without failures count (recommended). */
  readonly nodeIds?: readonly string[];
  /** Event input only: fleet size; nodes never seen in the events are added with zero failures. */
  readonly population?: number;
  /** Event input only: exposure per node (one number for all, or per node id; default 1 each). */
  readonly exposure?: number | Readonly<Record<string, number>>;
}

/** One node's lemon test. */
export interface LemonNode {
  /** Node id (`unseen-<k>` for zero-failure nodes added from `population`). */
  readonly nodeId: string;
  /** Observed failures. */
  readonly failures: number;
  /** Exposure. */
  readonly exposure: number;
  /** Expected failures under the pooled rate, rate·exposure. */
  readonly expected: number;
  /** P(Y ≥ failures) for Y ~ Poisson(expected). */
  readonly pValue: number;
  /** p-value after the multiple-testing correction. */
  readonly adjustedPValue: number;
  /** adjustedPValue ≤ alpha. */
  readonly lemon: boolean;
}

/** Result of {@link lemonNodes}. */
export interface LemonResult {
  /** State-format version. */
  readonly version: 1;
  /** Discriminator. */
  readonly kind: 'lemon-nodes';
  /** Level used. */
  readonly alpha: number;
  /** Correction used. */
  readonly correction: PValueCorrection;
  /** Over-dispersion test of the same counts. */
  readonly dispersion: OverdispersionResult;
  /** Every node, sorted by p-value then id. */
  readonly nodes: readonly LemonNode[];
  /** Ids of the flagged nodes, in the order of `nodes`. */
  readonly lemons: readonly string[];
}

function countsFromEvents(events: readonly FailureEvent[], o: LemonOptions): NodeFailureCount[] {
  const byNode = new Map<string, number>();
  for (const id of o.nodeIds ?? []) byNode.set(assertString(id, 'options.nodeIds[]'), 0);
  for (let i = 0; i < events.length; i++) {
    const id = assertString((events[i] as FailureEvent).nodeId, `events[${i}].nodeId`);
    byNode.set(id, (byNode.get(id) ?? 0) + 1);
  }
  if (o.population !== undefined) {
    const pop = assertInteger(o.population, 'options.population', { min: 0 });
    if (pop < byNode.size) throw new InfraError('OUT_OF_RANGE', 'options.population', `must be ≥ the ${byNode.size} nodes seen, got ${pop}`);
    for (let k = 0; byNode.size < pop; k++) if (!byNode.has(`unseen-${k}`)) byNode.set(`unseen-${k}`, 0);
  }
  const ex = o.exposure;
  return [...byNode.entries()].map(([nodeId, failures]) => {
    let exposure = 1;
    if (typeof ex === 'number') exposure = ex;
    else if (ex !== undefined && Object.prototype.hasOwnProperty.call(ex, nodeId)) exposure = ex[nodeId] as number;
    return { nodeId, failures, exposure };
  });
}

/**
 * Flag lemon nodes: per node, the upper-tail probability of its failure count under the pooled Poisson
 * rate scaled by its exposure, P(Y ≥ yᵢ | μᵢ = rate·exposureᵢ) (a regularized incomplete gamma), then a
 * Benjamini–Hochberg, Holm or Bonferroni correction across nodes; adjusted p ≤ alpha flags a lemon.
 * Input: per-node counts, or raw failure events (counted per `nodeId`; pass `nodeIds` or `population` so
 * nodes without failures are included). With no failures at all nothing is flagged (every p = 1).
 *
 * @param input - per-node counts or failure events
 * @param options - level, correction, and for events the node population and exposures
 * @returns the per-node tests and the flagged ids
 * @throws InfraError naming a bad record or option; `EMPTY` for fewer than two nodes
 *
 * @example
 * ```ts @import.meta.vitest
 * const nodes = Array.from({ length: 50 }, (_, i) => ({ nodeId: `n${i}`, failures: i === 7 ? 12 : i % 3 === 0 ? 1 : 0 }));
 * const r = lemonNodes(nodes);
 * expect(r.lemons).toEqual(['n7']);
 * expect(r.nodes[0]!.adjustedPValue).toBeLessThan(0.05);
 * ```
 */
export function lemonNodes(
  input: readonly NodeFailureCount[] | readonly FailureEvent[],
  options?: LemonOptions,
): LemonResult {
  if (!Array.isArray(input)) throw new InfraError('INVALID_ARGUMENT', 'input', `must be an array, got ${describeValue(input)}`);
  const o = options ?? {};
  const alpha = assertInRange(o.alpha ?? 0.05, 'options.alpha', 0, 1, { minExclusive: true, maxExclusive: true });
  const correction = assertOneOf(o.correction ?? 'bh', 'options.correction', P_VALUE_CORRECTIONS);
  const first: unknown = input[0];
  const isCounts = first !== null && typeof first === 'object' && 'failures' in (first as object);
  const records = isCounts ? (input as readonly NodeFailureCount[]) : countsFromEvents(input as readonly FailureEvent[], o);
  const c = readCounts(records, isCounts ? 'input' : 'nodes');
  const dispersion = dispersionOf(c, 'input');
  const rate = dispersion.pooledRate;
  const N = c.y.length;
  const p = new Array<number>(N);
  for (let i = 0; i < N; i++) {
    const y = c.y[i] as number;
    p[i] = y === 0 || rate === 0 ? 1 : gammaP(y, rate * (c.e[i] as number));
  }
  const adj = adjustPValues(p, correction);
  const nodes: LemonNode[] = c.ids.map((nodeId, i) => ({
    nodeId,
    failures: c.y[i] as number,
    exposure: c.e[i] as number,
    expected: rate * (c.e[i] as number),
    pValue: p[i] as number,
    adjustedPValue: adj[i] as number,
    lemon: (adj[i] as number) <= alpha,
  }));
  nodes.sort((a, b) => a.pValue - b.pValue || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  return {
    version: 1,
    kind: 'lemon-nodes',
    alpha,
    correction,
    dispersion,
    nodes,
    lemons: nodes.filter((n) => n.lemon).map((n) => n.nodeId),
  };
}
