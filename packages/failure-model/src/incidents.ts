import { InfraError, assertInteger, assertNonEmpty, assertPlainObject, assertPositive, assertString, deepFreeze } from '@infra/types';

/** One row of a published incident (root-cause) table, stored as a count. */
export interface IncidentRow {
  /** Root cause or component, as published. */
  readonly component: string;
  /** Category the publication groups it under (e.g. `GPU`, `Host`, `Network`). */
  readonly category: string;
  /** Number of incidents. */
  readonly count: number;
  /** The percentage as printed in the source, when it differs from count/total (kept for provenance). */
  readonly publishedPercent?: number;
}

/** A published incident table: counts over an observation window. */
export interface IncidentTable {
  /** Source citation. */
  readonly source: string;
  /** What was observed (e.g. `"16 384 H100 GPUs, 54-day pre-training run"`). */
  readonly scope: string;
  /** Length of the observation window, seconds. */
  readonly durationSeconds: number;
  /** The rows (counts). */
  readonly rows: readonly IncidentRow[];
}

/** A row with its derived share. */
export interface IncidentShare {
  /** Root cause or component. */
  readonly component: string;
  /** Category. */
  readonly category: string;
  /** Number of incidents. */
  readonly count: number;
  /** count / total · 100, derived (never copied from the publication). */
  readonly percent: number;
}

/** The result of {@link incidentShares}. */
export interface IncidentSummary {
  /** Sum of the counts. */
  readonly total: number;
  /** Mean time between incidents over the window, seconds. */
  readonly meanTimeBetweenSeconds: number;
  /** Each row with its derived percentage (sums to 100). */
  readonly rows: readonly IncidentShare[];
  /** Counts and derived percentages per category, largest first. */
  readonly byCategory: readonly IncidentShare[];
}

/**
 * Llama 3 405B pre-training (Meta, arXiv 2407.21783, Table 5): root causes of the 419 unexpected
 * interruptions in 54 days on 16 384 H100 GPUs, as counts. The paper prints 30.1 % for "Faulty GPU";
 * 148/419 is 35.3 % (every other row equals count/419), so the percentages are derived, not stored.
 */
export const LLAMA3_INTERRUPTIONS: IncidentTable = deepFreeze({
  source: 'Llama 3 Herd of Models, arXiv 2407.21783, Table 5',
  scope: '16 384 H100 80GB GPUs, 54-day 405B pre-training run, unexpected interruptions',
  durationSeconds: 54 * 86_400,
  rows: [
    { component: 'Faulty GPU', category: 'GPU', count: 148, publishedPercent: 30.1 },
    { component: 'GPU HBM3 memory', category: 'GPU', count: 72 },
    { component: 'Software bug', category: 'Dependency', count: 54 },
    { component: 'Network switch / cable', category: 'Network', count: 35 },
    { component: 'Host maintenance', category: 'Unplanned maintenance', count: 32 },
    { component: 'GPU SRAM memory', category: 'GPU', count: 19 },
    { component: 'GPU System Processor', category: 'GPU', count: 17 },
    { component: 'NIC', category: 'Host', count: 7 },
    { component: 'NCCL watchdog timeouts', category: 'Unknown', count: 7 },
    { component: 'Silent data corruption', category: 'GPU', count: 6 },
    { component: 'GPU thermal interface + sensor', category: 'GPU', count: 6 },
    { component: 'SSD', category: 'Host', count: 3 },
    { component: 'Power supply', category: 'Host', count: 3 },
    { component: 'Server chassis', category: 'Host', count: 2 },
    { component: 'IO expansion board', category: 'Host', count: 2 },
    { component: 'Dependency', category: 'Dependency', count: 2 },
    { component: 'CPU', category: 'Host', count: 2 },
    { component: 'System memory', category: 'Host', count: 2 },
  ],
});

/**
 * Derive percentages (count/total), per-category totals and the mean time between incidents from an
 * {@link IncidentTable}. Percentages always sum to 100.
 *
 * @param table - an incident table with non-negative integer counts
 * @returns total, mean time between incidents, per-row and per-category shares
 * @throws InfraError for an empty table, a negative or non-integer count, or a zero total
 *
 * @example
 * ```ts @import.meta.vitest
 * const s = incidentShares(LLAMA3_INTERRUPTIONS);
 * expect(s.total).toBe(419);
 * expect(s.meanTimeBetweenSeconds / 3600).toBeCloseTo(3.09, 2);
 * expect(s.rows[0]!.percent).toBeCloseTo(35.32, 2); // printed as 30.1 in the paper
 * expect(s.byCategory[0]).toMatchObject({ category: 'GPU', count: 268 });
 * ```
 */
export function incidentShares(table: IncidentTable): IncidentSummary {
  const t = assertPlainObject(table, 'table');
  assertString(t['source'], 'table.source');
  const duration = assertPositive(t['durationSeconds'], 'table.durationSeconds');
  if (!Array.isArray(t['rows'])) throw new InfraError('INVALID_ARGUMENT', 'table.rows', 'must be an array');
  const rows = assertNonEmpty(t['rows'] as readonly unknown[], 'table.rows');
  const parsed = rows.map((r, i) => {
    const o = assertPlainObject(r, `table.rows[${i}]`);
    return {
      component: assertString(o['component'], `table.rows[${i}].component`),
      category: assertString(o['category'], `table.rows[${i}].category`),
      count: assertInteger(o['count'], `table.rows[${i}].count`, { min: 0 }),
    };
  });
  const total = parsed.reduce((a, r) => a + r.count, 0);
  if (total === 0) throw new InfraError('EMPTY', 'table.rows', 'all counts are zero');
  const cats = new Map<string, number>();
  for (const r of parsed) cats.set(r.category, (cats.get(r.category) ?? 0) + r.count);
  return {
    total,
    meanTimeBetweenSeconds: duration / total,
    rows: parsed.map((r) => ({ ...r, percent: (100 * r.count) / total })),
    byCategory: [...cats.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([category, count]) => ({ component: category, category, count, percent: (100 * count) / total })),
  };
}
