import { createRng, assertInteger } from '@infra/types';
import { validateConfig, type SimulatorConfig } from './config.js';
import { IndexHeap } from './index-heap.js';
import type { IterationLog, SimulationResult, SimulationStats } from './result.js';
import { BATCH, type Workload } from './workload.js';

class GrowInt {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const g = new Int32Array(this.data.length * 2);
      g.set(this.data);
      this.data = g;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Simulate continuous-batching serving of a workload: a deterministic discrete-event simulation over
 * iterations. Each instance, at each iteration, schedules (1) one decode token for every running sequence
 * whose prefill is done, (2) prefill chunks for running sequences still in prefill, in admission order,
 * (3) new requests from its queue while the token budget, batch size and KV capacity allow (head-of-line
 * blocking). An iteration takes `α + β·b + γ·p`. A request's first token appears at the end of the iteration
 * that finishes its prefill; it finishes after `outputTokens` tokens and releases its KV reservation
 * (input + output tokens, reserved on admission, so there is no preemption).
 *
 * Pure: the same config, workload and seed give identical results; inputs are never mutated.
 *
 * @param config - the cluster (see {@link SimulatorConfig})
 * @param workload - the requests, sorted by arrival
 * @param seed - seed for the `'random'` dispatch policy (unused otherwise), an integer
 * @returns per-request times, snapshots and aggregate statistics
 * @throws InfraError when the config is invalid or a request cannot fit the KV cache
 *
 * @example
 * ```ts @import.meta.vitest
 * const w = { arrivalSeconds: Float64Array.of(0, 0), inputTokens: Int32Array.of(100, 100),
 *   outputTokens: Int32Array.of(3, 3), requestClass: Uint8Array.of(0, 0) };
 * const r = simulate({ instances: 1, alphaSeconds: 0.01, betaSecondsPerSequence: 0, gammaSecondsPerPrefillToken: 0,
 *   kvCapacityTokens: 1000, maxBatchSize: 1, maxBatchedTokens: 100 }, w, 1);
 * expect(Array.from(r.finishSeconds).map((t) => +t.toFixed(6))).toEqual([0.03, 0.06]);
 * expect(r.startSeconds[1]).toBeCloseTo(0.03);
 * ```
 */
export function simulate(config: SimulatorConfig, workload: Workload, seed: number): SimulationResult {
  const cfg = validateConfig(config, workload);
  assertInteger(seed, 'seed', { min: -(2 ** 53), max: 2 ** 53 });
  const n = workload.arrivalSeconds.length;
  const { arrivalSeconds, inputTokens, outputTokens, requestClass } = workload;
  const c = cfg.instances;
  const B = cfg.maxBatchSize;
  const alpha = cfg.alphaSeconds;
  const beta = cfg.betaSecondsPerSequence;
  const gamma = cfg.gammaSecondsPerPrefillToken;
  const budgetTokens = cfg.maxBatchedTokens;
  const kvCap = cfg.kvCapacityTokens;
  const record = cfg.recordSnapshots;
  const rng = cfg.dispatch === 'random' ? createRng(seed) : undefined;

  // Per-request state.
  const instanceOf = new Int32Array(n);
  const start = new Float64Array(n).fill(-1);
  const firstToken = new Float64Array(n).fill(-1);
  const finish = new Float64Array(n).fill(-1);
  const finishCount = new Uint8Array(n);
  const prefilled = new Int32Array(n);
  const generated = new Int32Array(n);
  const chunk = new Int32Array(n);
  const queueKey = new Float64Array(n);
  const order = cfg.queueOrder;
  for (let i = 0; i < n; i++) {
    queueKey[i] = order === 'fcfs' ? 0 : order === 'priority' ? (requestClass[i] ?? 0) : order(i, workload);
  }
  const fcfs = order === 'fcfs';

  // Per-instance state.
  const shared = cfg.dispatch === 'global';
  const queues: IndexHeap[] = [];
  for (let j = 0; j < (shared ? 1 : c); j++) queues.push(new IndexHeap(queueKey, 64));
  const runIdx = new Int32Array(c * B);
  const runCount = new Int32Array(c);
  const kvUsed = new Float64Array(c);
  const queuedInput = new Float64Array(c);
  const queuedBatch = new Int32Array(c);
  const runPrefillLeft = new Float64Array(c);
  const iterEnd = new Float64Array(c);
  const iterStart = new Float64Array(c);
  const active = new Uint8Array(c);
  const busy = new Float64Array(c);
  const events = new IndexHeap(iterEnd, c);
  let rr = 0;
  let iterations = 0;
  let maxQueue = 0;

  // Snapshots.
  const snapAhead = record ? new Int32Array(n) : undefined;
  const snapAheadBatch = record ? new Int32Array(n) : undefined;
  const snapTokensAhead = record ? new Float64Array(n) : undefined;
  const snapRunCount = record ? new Int32Array(n) : undefined;
  const snapRunOffset = record ? new Int32Array(n + 1) : undefined;
  const snapIterLeft = record ? new Float64Array(n) : undefined;
  const snapKv = record ? new Float64Array(n) : undefined;
  const logIter = cfg.recordIterations;
  const logInst = new GrowInt();
  const logBatch = new GrowInt();
  const logPrefill = new GrowInt();
  let logStart = new Float64Array(logIter ? 1024 : 0);
  let logDur = new Float64Array(logIter ? 1024 : 0);
  const runGen = new GrowInt();
  const runPre = new GrowInt();

  // Time averages.
  let inSystem = 0;
  let inQueue = 0;
  let areaSystem = 0;
  let areaQueue = 0;
  let lastT = n > 0 ? (arrivalSeconds[0] ?? 0) : 0;

  const startIteration = (j: number, t: number): void => {
    let budget = budgetTokens;
    let seqs = 0;
    let prefillTokens = 0;
    const base = j * B;
    let rc = runCount[j] ?? 0;
    for (let s = 0; s < rc; s++) {
      const r = runIdx[base + s] ?? 0;
      if ((prefilled[r] ?? 0) >= (inputTokens[r] ?? 0)) {
        budget--;
        seqs++;
        chunk[r] = 0;
      }
    }
    for (let s = 0; s < rc; s++) {
      const r = runIdx[base + s] ?? 0;
      const left = (inputTokens[r] ?? 0) - (prefilled[r] ?? 0);
      if (left > 0) {
        const take = left < budget ? left : budget;
        chunk[r] = take;
        budget -= take;
        prefillTokens += take;
        if (take > 0) seqs++;
      }
    }
    const qj = shared ? 0 : j;
    const q = queues[qj] as IndexHeap;
    while (budget > 0 && rc < B && q.size > 0) {
      const r = q.peek();
      const inp = inputTokens[r] ?? 0;
      const need = inp + (outputTokens[r] ?? 0);
      if ((kvUsed[j] ?? 0) + need > kvCap) break;
      q.pop();
      inQueue--;
      queuedInput[qj] = (queuedInput[qj] ?? 0) - inp;
      if (requestClass[r] === BATCH) queuedBatch[qj] = (queuedBatch[qj] ?? 0) - 1;
      instanceOf[r] = j;
      runPrefillLeft[j] = (runPrefillLeft[j] ?? 0) + inp;
      kvUsed[j] = (kvUsed[j] ?? 0) + need;
      start[r] = t;
      runIdx[base + rc++] = r;
      const take = inp < budget ? inp : budget;
      chunk[r] = take;
      budget -= take;
      prefillTokens += take;
      seqs++;
    }
    runCount[j] = rc;
    if (seqs === 0) {
      active[j] = 0;
      return;
    }
    const d = alpha + beta * seqs + gamma * prefillTokens;
    busy[j] = (busy[j] ?? 0) + d;
    if (logIter) {
      if (logInst.length === logStart.length) {
        const a = new Float64Array(logStart.length * 2);
        a.set(logStart);
        logStart = a;
        const b = new Float64Array(logDur.length * 2);
        b.set(logDur);
        logDur = b;
      }
      logStart[logInst.length] = t;
      logDur[logInst.length] = d;
      logInst.push(j);
      logBatch.push(seqs);
      logPrefill.push(prefillTokens);
    }
    iterations++;
    iterStart[j] = t;
    iterEnd[j] = t + d;
    active[j] = 1;
    events.push(j);
  };

  const endIteration = (j: number, t: number): void => {
    const base = j * B;
    const rc = runCount[j] ?? 0;
    let w = 0;
    for (let s = 0; s < rc; s++) {
      const r = runIdx[base + s] ?? 0;
      const inp = inputTokens[r] ?? 0;
      const ch = chunk[r] ?? 0;
      let done = false;
      if ((prefilled[r] ?? 0) >= inp) {
        const g = (generated[r] ?? 0) + 1;
        generated[r] = g;
        done = g >= (outputTokens[r] ?? 0);
      } else if (ch > 0) {
        const p = (prefilled[r] ?? 0) + ch;
        prefilled[r] = p;
        runPrefillLeft[j] = (runPrefillLeft[j] ?? 0) - ch;
        if (p >= inp) {
          firstToken[r] = t;
          generated[r] = 1;
          done = 1 >= (outputTokens[r] ?? 0);
        }
      }
      chunk[r] = 0;
      if (done) {
        finish[r] = t;
        finishCount[r] = (finishCount[r] ?? 0) + 1;
        kvUsed[j] = (kvUsed[j] ?? 0) - inp - (outputTokens[r] ?? 0);
        inSystem--;
      } else {
        runIdx[base + w++] = r;
      }
    }
    runCount[j] = w;
    startIteration(j, t);
  };

  const pickInstance = (): number => {
    if (c === 1) return 0;
    if (cfg.dispatch === 'round-robin') {
      const j = rr;
      rr = (rr + 1) % c;
      return j;
    }
    if (rng !== undefined) return Math.floor(rng.next() * c);
    let best = 0;
    let bestLoad = Infinity;
    for (let j = 0; j < c; j++) {
      const load = (queuedInput[j] ?? 0) + (runPrefillLeft[j] ?? 0) + (runCount[j] ?? 0) + (queues[j]?.size ?? 0);
      if (load < bestLoad) {
        bestLoad = load;
        best = j;
      }
    }
    return best;
  };

  const arrive = (r: number, t: number): void => {
    const j = shared ? 0 : pickInstance();
    instanceOf[r] = j;
    const q = queues[j] as IndexHeap;
    if (snapAhead && snapAheadBatch && snapTokensAhead && snapRunCount && snapRunOffset && snapIterLeft && snapKv) {
      let ahead = 0;
      let aheadBatch = 0;
      let tokens = 0;
      if (fcfs) {
        ahead = q.size;
        tokens = queuedInput[j] ?? 0;
        aheadBatch = queuedBatch[j] ?? 0;
      } else {
        const key = queueKey[r] ?? 0;
        for (let s = 0; s < q.size; s++) {
          const o = q.items[s] ?? 0;
          const ko = queueKey[o] ?? 0;
          if (ko < key || (ko === key && o < r)) {
            ahead++;
            tokens += inputTokens[o] ?? 0;
            if (requestClass[o] === BATCH) aheadBatch++;
          }
        }
      }
      snapAhead[r] = ahead;
      snapAheadBatch[r] = aheadBatch;
      snapTokensAhead[r] = tokens;
      snapRunOffset[r] = runGen.length;
      let rcTotal = 0;
      let iterLeft = Infinity;
      let kv = 0;
      for (let m = shared ? 0 : j; m <= (shared ? c - 1 : j); m++) {
        const rc = runCount[m] ?? 0;
        rcTotal += rc;
        for (let s = 0; s < rc; s++) {
          const o = runIdx[m * B + s] ?? 0;
          runGen.push(generated[o] ?? 0);
          runPre.push((inputTokens[o] ?? 0) - (prefilled[o] ?? 0) - (chunk[o] ?? 0)); // after the iteration in flight
        }
        if (active[m] === 1) iterLeft = Math.min(iterLeft, (iterEnd[m] ?? t) - t);
        kv += kvUsed[m] ?? 0;
      }
      snapRunCount[r] = rcTotal;
      snapIterLeft[r] = iterLeft === Infinity ? 0 : iterLeft;
      snapKv[r] = kv;
    }
    q.push(r);
    queuedInput[j] = (queuedInput[j] ?? 0) + (inputTokens[r] ?? 0);
    if (requestClass[r] === BATCH) queuedBatch[j] = (queuedBatch[j] ?? 0) + 1;
    inSystem++;
    inQueue++;
    if (q.size > maxQueue) maxQueue = q.size;
    if (!shared) {
      if (active[j] === 0) startIteration(j, t);
      return;
    }
    for (let m = 0; m < c && q.size > 0; m++) if (active[m] === 0) startIteration(m, t);
  };

  let next = 0;
  while (next < n || events.size > 0) {
    const top = events.peek();
    const tEnd = top >= 0 ? (iterEnd[top] ?? Infinity) : Infinity;
    const tArr = next < n ? (arrivalSeconds[next] ?? Infinity) : Infinity;
    const t = tArr < tEnd ? tArr : tEnd;
    areaSystem += inSystem * (t - lastT);
    areaQueue += inQueue * (t - lastT);
    lastT = t;
    if (tArr < tEnd) {
      arrive(next, t);
      next++;
    } else {
      events.pop();
      endIteration(top, t);
    }
  }
  if (snapRunOffset) snapRunOffset[n] = runGen.length;

  const first = n > 0 ? (arrivalSeconds[0] ?? 0) : 0;
  const horizon = lastT - first;
  const stats: SimulationStats = {
    iterations,
    horizonSeconds: horizon,
    busySeconds: busy,
    timeAverageInSystem: horizon > 0 ? areaSystem / horizon : 0,
    timeAverageInQueue: horizon > 0 ? areaQueue / horizon : 0,
    maxQueueLength: maxQueue,
  };
  const iterationLog: IterationLog | undefined = logIter
    ? {
        count: logInst.length,
        instance: logInst.data.slice(0, logInst.length),
        startSeconds: logStart.slice(0, logInst.length),
        seconds: logDur.slice(0, logInst.length),
        batchSize: logBatch.data.slice(0, logInst.length),
        prefillTokens: logPrefill.data.slice(0, logInst.length),
      }
    : undefined;
  const base = {
    ...(iterationLog === undefined ? {} : { iterationLog }),
    requests: n,
    instance: instanceOf,
    arrivalSeconds: arrivalSeconds.slice(),
    startSeconds: start,
    firstTokenSeconds: firstToken,
    finishSeconds: finish,
    finishCount,
    stats,
  };
  if (!(snapAhead && snapAheadBatch && snapTokensAhead && snapRunCount && snapRunOffset && snapIterLeft && snapKv)) {
    return base;
  }
  return {
    ...base,
    snapshots: {
      queueAhead: snapAhead,
      queueAheadBatch: snapAheadBatch,
      queuedInputTokensAhead: snapTokensAhead,
      runningCount: snapRunCount,
      runningOffset: snapRunOffset,
      runningGenerated: runGen.data.slice(0, runGen.length),
      runningPrefillRemaining: runPre.data.slice(0, runPre.length),
      iterationRemainingSeconds: snapIterLeft,
      kvUsedTokens: snapKv,
    },
  };
}
