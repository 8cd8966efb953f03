// Test and bench helper (not exported): measures the scheduling heuristic's optimality gap. An exact solver
// by dynamic programming over subsets, independent of the branch and bound, proves optima for instances
// too large for it (16 groups × 3 instances in about a second); two seeded random-instance generators; and
// the gap statistics.
import type { Rng } from '@infra/types';
import { planCost, validateProblem, type Problem, type ScheduleGroup, type ScheduleInstance } from './schedule-model.js';

const MODELS = ['a', 'b', 'c'];

/**
 * The benchmark's random problem: deadlines uniform in [0, 8n) s, work 1–20 s, three models, weight 3 for
 * 30 % of the groups, instances free within 5 s, swaps 5 s. The load per instance (≈ 10.5·n/m s of work)
 * against deadlines up to 8n s makes 12 × 2 heavily loaded and 16 × 4 light.
 */
export function uniformDeadlineProblem(rng: Rng, n: number, m: number): Problem {
  const groups = Array.from({ length: n }, (_, i): ScheduleGroup => ({
    id: `g${i}`,
    model: MODELS[Math.floor(rng.next() * 3)]!,
    requestClass: rng.next() < 0.5 ? 'interactive' : 'batch',
    deadlineSeconds: Math.floor(rng.next() * 8 * n),
    workSeconds: 1 + Math.floor(rng.next() * 20),
    weight: rng.next() < 0.3 ? 3 : 1,
  }));
  const instances = Array.from({ length: m }, (_, i): ScheduleInstance => ({ id: `i${i}`, model: MODELS[i % 3]!, availableAtSeconds: Math.floor(rng.next() * 5) }));
  return validateProblem(groups, instances, 5);
}

/**
 * Heavily loaded problems: as {@link uniformDeadlineProblem}, but deadlines uniform in [0, 1.2·W/m) with W
 * the total work, so most groups compete for the same early slots whatever n and m.
 */
export function tightDeadlineProblem(rng: Rng, n: number, m: number): Problem {
  const work = Array.from({ length: n }, () => 1 + Math.floor(rng.next() * 20));
  const total = work.reduce((a, b) => a + b, 0);
  const groups = work.map((w, i): ScheduleGroup => ({
    id: `g${i}`,
    model: MODELS[Math.floor(rng.next() * 3)]!,
    requestClass: 'batch',
    deadlineSeconds: Math.floor((rng.next() * 1.2 * total) / m),
    workSeconds: w,
    weight: rng.next() < 0.3 ? 3 : 1,
  }));
  const instances = Array.from({ length: m }, (_, i): ScheduleInstance => ({ id: `i${i}`, model: MODELS[i % 3]!, availableAtSeconds: Math.floor(rng.next() * 5) }));
  return validateProblem(groups, instances, 5);
}

/** Gap statistics of a heuristic against proven optima. */
export interface GapStats {
  /** Cases compared. */
  readonly cases: number;
  /** Share of cases with heuristic ≤ 1.05 · optimum + 1e-6 s (the goal's "within 5 %"). */
  readonly within5: number;
  /** Mean of (heuristic − optimum) / max(optimum, 1 s). */
  readonly meanGap: number;
  /** Largest such gap. */
  readonly worstGap: number;
}

/**
 * Compare a heuristic with the optimum on each problem. Gap = (heuristic − optimum) / max(optimum, 1 s): the
 * 1-second floor (work is 1–20 s) keeps near-zero optima from inflating the ratio; "within 5 %" is
 * heuristic − optimum ≤ 5 % of the optimum, or ≤ 1e-6 s (floating-point noise).
 */
export function gapStats(problems: readonly Problem[], optima: readonly number[], heuristic: (p: Problem) => number[][]): GapStats {
  let within = 0;
  let sum = 0;
  let worst = 0;
  problems.forEach((p, k) => {
    const opt = optima[k]!;
    const h = planCost(p, heuristic(p));
    if (h < opt - 1e-6) throw new Error(`heuristic ${h} below the proven optimum ${opt}`);
    if (h - opt <= 0.05 * opt + 1e-6) within++;
    const gap = (h - opt) / Math.max(opt, 1);
    sum += gap;
    worst = Math.max(worst, gap);
  });
  return { cases: problems.length, within5: within / Math.max(1, problems.length), meanGap: sum / Math.max(1, problems.length), worstGap: worst };
}

/**
 * Minimum total weighted lateness, exactly. Per instance, a DP over (set of groups served first, model
 * loaded last, number of swaps so far): the finish time of that prefix is availableAt + work(set)/speed +
 * swaps·swapSeconds whatever the order, so the cheapest order of each state extends independently. The
 * instances are then combined by a min-plus subset convolution (3ⁿ per instance).
 *
 * @param p - the validated problem (at most 20 groups)
 * @returns the optimum and one optimal plan (group indices per instance)
 */
export function subsetDpOptimum(p: Problem): { cost: number; sequences: number[][] } {
  const n = p.groups.length;
  const m = p.instances.length;
  if (n > 20) throw new Error('subsetDpOptimum: at most 20 groups');
  const full = (1 << n) - 1;
  const models = [...new Set([...p.groups.map((g) => g.model), ...p.instances.map((s) => s.model)])];
  const K = models.length;
  const gm = p.groups.map((g) => models.indexOf(g.model));
  const work = p.groups.map((g) => g.workSeconds);
  const dl = p.groups.map((g) => g.deadlineSeconds);
  const w = p.groups.map((g) => g.weight ?? 1);
  const sumWork = new Float64Array(full + 1);
  for (let s = 1; s <= full; s++) {
    const low = 31 - Math.clz32(s & -s);
    sumWork[s] = sumWork[s & (s - 1)]! + work[low]!;
  }
  const popcount = (x: number): number => {
    let c = 0;
    for (; x; x &= x - 1) c++;
    return c;
  };
  // best[i][S]: cheapest order of exactly the set S on instance i; arg[i][S] packed state of that optimum.
  const best: Float64Array[] = [];
  const tables: { dp: Float64Array; K1: number }[] = [];
  for (let i = 0; i < m; i++) {
    const inst = p.instances[i]!;
    const speed = inst.speed ?? 1;
    const K1 = n + 1; // swaps 0..n
    const dp = new Float64Array((full + 1) * K * K1).fill(Infinity);
    dp[(0 * K + models.indexOf(inst.model)) * K1 + 0] = 0;
    const fb = new Float64Array(full + 1).fill(Infinity);
    for (let s = 0; s <= full; s++) {
      const size = popcount(s);
      for (let l = 0; l < K; l++) {
        for (let k = 0; k <= size; k++) {
          const v = dp[(s * K + l) * K1 + k]!;
          if (v === Infinity) continue;
          if (v < fb[s]!) fb[s] = v;
          const t0 = inst.availableAtSeconds + sumWork[s]! / speed;
          for (let g = 0; g < n; g++) {
            if (s & (1 << g)) continue;
            const k2 = gm[g] === l ? k : k + 1;
            const fin = t0 + k2 * p.swapSeconds + work[g]! / speed;
            const c = v + w[g]! * Math.max(0, fin - dl[g]!);
            const idx = ((s | (1 << g)) * K + gm[g]!) * K1 + k2;
            if (c < dp[idx]!) dp[idx] = c;
          }
        }
      }
    }
    best.push(fb);
    tables.push({ dp, K1 });
  }
  // h[j][S]: cheapest way to serve S on instances 0..j; choice[j][S]: the subset given to instance j.
  const h: Float64Array[] = [best[0]!];
  const choice: Int32Array[] = [new Int32Array(full + 1).map((_, s) => s)];
  for (let j = 1; j < m; j++) {
    const prev = h[j - 1]!;
    const fj = best[j]!;
    const hj = new Float64Array(full + 1);
    const cj = new Int32Array(full + 1);
    for (let s = 0; s <= full; s++) {
      let bv = prev[s]! + fj[0]!;
      let bt = 0;
      for (let t = s; t > 0; t = (t - 1) & s) {
        const v = prev[s ^ t]! + fj[t]!;
        if (v < bv) {
          bv = v;
          bt = t;
        }
      }
      hj[s] = bv;
      cj[s] = bt;
    }
    h.push(hj);
    choice.push(cj);
  }
  // Reconstruct: subsets per instance, then the order within each subset by walking the DP backwards.
  const sets = new Array<number>(m).fill(0);
  let rest = full;
  for (let j = m - 1; j >= 0; j--) {
    sets[j] = choice[j]![rest]!;
    rest ^= sets[j]!;
  }
  const sequences = sets.map((set, i) => orderOf(p, i, set, tables[i]!.dp, tables[i]!.K1, K, gm, sumWork, best[i]![set]!));
  return { cost: planCost(p, sequences), sequences };
}

function orderOf(p: Problem, i: number, set: number, dp: Float64Array, K1: number, K: number, gm: number[], sumWork: Float64Array, target: number): number[] {
  const inst = p.instances[i]!;
  const speed = inst.speed ?? 1;
  const n = p.groups.length;
  // find the end state holding the optimum
  let s = set;
  let l = -1;
  let k = -1;
  for (let ll = 0; ll < K && l < 0; ll++) for (let kk = 0; kk < K1; kk++) if (dp[(s * K + ll) * K1 + kk] === target) {
    l = ll;
    k = kk;
    break;
  }
  const seq: number[] = [];
  while (s !== 0) {
    const v = dp[(s * K + l) * K1 + k]!;
    let found = false;
    for (let g = 0; g < n && !found; g++) {
      if (!(s & (1 << g)) || gm[g] !== l) continue;
      const s0 = s ^ (1 << g);
      const t0 = inst.availableAtSeconds + sumWork[s0]! / speed;
      for (let l0 = 0; l0 < K && !found; l0++) {
        const k0 = l0 === l ? k : k - 1;
        if (k0 < 0) continue;
        const v0 = dp[(s0 * K + l0) * K1 + k0]!;
        if (v0 === Infinity) continue;
        const fin = t0 + k * p.swapSeconds + p.groups[g]!.workSeconds / speed;
        const c = v0 + (p.groups[g]!.weight ?? 1) * Math.max(0, fin - p.groups[g]!.deadlineSeconds);
        if (c === v) {
          seq.push(g);
          s = s0;
          l = l0;
          k = k0;
          found = true;
        }
      }
    }
    if (!found) throw new Error('subsetDpOptimum: reconstruction failed');
  }
  return seq.reverse();
}
