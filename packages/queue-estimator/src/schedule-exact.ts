import { InfraError } from '@infra/types';
import { planCost, type Problem } from './schedule-model.js';

/** Result of {@link branchAndBound}. */
export interface ExactResult {
  /** Group indices per instance, in execution order. */
  readonly sequences: number[][];
  /** Optimal total weighted lateness. */
  readonly cost: number;
  /** Search nodes expanded. */
  readonly nodes: number;
  /** False when the node budget ran out (the result is then the best found, not proven optimal). */
  readonly optimal: boolean;
}

/**
 * Exact minimum total weighted lateness by depth-first branch and bound. Schedules are built one instance
 * at a time (append a group to the open instance, or close it and open the next), so every assignment
 * and order is generated exactly once; the bound adds, for each unplaced group, its lateness if it were
 * appended right now to the best still-open instance (a valid lower bound, since appending later only
 * delays it). Seeded with an incumbent (e.g. the heuristic's plan).
 *
 * @param p - the validated problem
 * @param incumbent - a feasible plan to start from (group indices per instance)
 * @param maxNodes - node budget (default 5·10⁶)
 * @returns the optimum (or the best plan found within the budget, `optimal: false`)
 * @throws InfraError `INVALID_ARGUMENT` when the incumbent does not cover each group exactly once
 */
export function branchAndBound(p: Problem, incumbent: readonly (readonly number[])[], maxNodes = 5_000_000): ExactResult {
  const n = p.groups.length;
  const m = p.instances.length;
  const seen = new Array<boolean>(n).fill(false);
  for (const s of incumbent) for (const g of s) {
    if (seen[g]) throw new InfraError('INVALID_ARGUMENT', 'incumbent', `group ${g} appears twice`);
    seen[g] = true;
  }
  if (incumbent.length !== m || seen.some((x) => !x)) throw new InfraError('INVALID_ARGUMENT', 'incumbent', 'must place every group once on the instances');
  let best = planCost(p, incumbent);
  let bestSeqs = incumbent.map((s) => [...s]);
  const work = p.groups.map((g) => g.workSeconds);
  const dl = p.groups.map((g) => g.deadlineSeconds);
  const w = p.groups.map((g) => g.weight ?? 1);
  const speed = p.instances.map((s) => s.speed ?? 1);
  const used = new Array<boolean>(n).fill(false);
  const seqs: number[][] = p.instances.map(() => []);
  let nodes = 0;
  let exhausted = false;

  const bound = (inst: number, t: number, acc: number): number => {
    let lb = acc;
    for (let g = 0; g < n; g++) {
      if (used[g]) continue;
      let f = t + work[g]! / speed[inst]!;
      for (let j = inst + 1; j < m; j++) f = Math.min(f, p.instances[j]!.availableAtSeconds + work[g]! / speed[j]!);
      lb += w[g]! * Math.max(0, f - dl[g]!);
      if (lb >= best) return lb;
    }
    return lb;
  };

  const dfs = (inst: number, t: number, model: string, acc: number, placed: number): void => {
    if (exhausted) return;
    nodes++;
    if (nodes > maxNodes) {
      exhausted = true;
      return;
    }
    if (placed === n) {
      if (acc < best - 1e-12) {
        best = acc;
        bestSeqs = seqs.map((s) => [...s]);
      }
      return;
    }
    if (bound(inst, t, acc) >= best - 1e-12) return;
    for (let g = 0; g < n; g++) {
      if (used[g]) continue;
      const grp = p.groups[g]!;
      const start = grp.model === model ? t : t + p.swapSeconds;
      const fin = start + work[g]! / speed[inst]!;
      const cost = acc + w[g]! * Math.max(0, fin - dl[g]!);
      if (cost >= best - 1e-12) continue;
      used[g] = true;
      seqs[inst]!.push(g);
      dfs(inst, fin, grp.model, cost, placed + 1);
      seqs[inst]!.pop();
      used[g] = false;
    }
    if (inst + 1 < m) {
      const next = p.instances[inst + 1]!;
      dfs(inst + 1, next.availableAtSeconds, next.model, acc, placed);
    }
  };
  const first = p.instances[0]!;
  dfs(0, first.availableAtSeconds, first.model, 0, 0);
  return { sequences: bestSeqs, cost: best, nodes, optimal: !exhausted };
}
