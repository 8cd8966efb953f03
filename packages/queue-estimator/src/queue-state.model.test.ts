import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { isInfraError } from '@infra/types';
import { createQueueState, dequeueRequest, enqueueRequest, queueAhead, type QueueState } from './queue-state.js';
import { createTokenHistogram, observeTokens, tokenMoments, type TokenHistogram } from './token-histogram.js';

// Model-based test: the O(1) incremental aggregates against a naive recompute from the full history.
interface Real { q: QueueState; h: TokenHistogram }
interface Model { items: { group: string; inputTokens: number }[]; outputs: number[] }

class Enqueue implements fc.Command<Model, Real> {
  constructor(readonly group: string, readonly tokens: number) {}
  check(): boolean { return true; }
  run(m: Model, r: Real): void {
    r.q = enqueueRequest(r.q, { group: this.group, inputTokens: this.tokens });
    m.items.push({ group: this.group, inputTokens: this.tokens });
    compare(m, r);
  }
  toString(): string { return `enqueue(${this.group}, ${this.tokens})`; }
}
class Dequeue implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check(m: Readonly<Model>): boolean { return m.items.length > 0; }
  run(m: Model, r: Real): void {
    const i = this.pick % m.items.length;
    const it = m.items[i]!;
    r.q = dequeueRequest(r.q, it);
    m.items.splice(i, 1);
    compare(m, r);
  }
  toString(): string { return `dequeue(#${this.pick})`; }
}
class Complete implements fc.Command<Model, Real> {
  constructor(readonly tokens: number) {}
  check(): boolean { return true; }
  run(m: Model, r: Real): void {
    r.h = observeTokens(r.h, this.tokens);
    m.outputs.push(this.tokens);
    const mean = m.outputs.reduce((a, b) => a + b, 0) / m.outputs.length;
    const v = m.outputs.reduce((a, b) => a + (b - mean) ** 2, 0) / m.outputs.length;
    const got = tokenMoments(r.h);
    expect(got.mean).toBeCloseTo(mean, 6);
    expect(got.variance).toBeCloseTo(v, 3);
  }
  toString(): string { return `complete(${this.tokens})`; }
}

function compare(m: Model, r: Real): void {
  const naive = new Map<string, { count: number; inputTokens: number }>();
  for (const it of m.items) {
    const e = naive.get(it.group) ?? { count: 0, inputTokens: 0 };
    naive.set(it.group, { count: e.count + 1, inputTokens: e.inputTokens + it.inputTokens });
  }
  const expected = [...naive.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([group, e]) => ({ group, ...e }));
  expect(queueAhead(r.q)).toEqual(expected);
  expect(r.q.count).toBe(m.items.length);
  expect(r.q.inputTokens).toBe(m.items.reduce((a, b) => a + b.inputTokens, 0));
}

describe('queue state and histogram (model-based)', () => {
  test('incremental aggregates equal a recompute from history', () => {
    const cmds = [
      fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 9000 })).map(([g, t]) => new Enqueue(g, t)),
      fc.nat().map((p) => new Dequeue(p)),
      fc.integer({ min: 1, max: 5000 }).map((t) => new Complete(t)),
    ];
    fc.assert(
      fc.property(fc.commands(cmds, { maxCommands: 200 }), (c) => {
        fc.modelRun(() => ({ model: { items: [], outputs: [] }, real: { q: createQueueState(), h: createTokenHistogram({ maxCount: 1e9 }) } }), c);
      }),
      { numRuns: 100 },
    );
  });
  test('dequeue from an unknown group is a typed error', () => {
    try {
      dequeueRequest(createQueueState(), { group: 'x', inputTokens: 1 });
      expect.unreachable();
    } catch (e) {
      expect(isInfraError(e, 'UNKNOWN_ID')).toBe(true);
    }
  });
});
