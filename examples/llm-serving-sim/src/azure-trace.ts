import { InfraError, assertString } from '@infra/types';
import type { Workload } from './workload.js';

/** A parsed Azure LLM inference trace (2023 / 2024 format: `TIMESTAMP,ContextTokens,GeneratedTokens`). */
export interface AzureTrace {
  /** The requests, arrivals in seconds relative to the first row. */
  readonly workload: Workload;
  /** The first row's timestamp text, e.g. `2023-11-16 18:17:03.9799600`. */
  readonly firstTimestamp: string;
  /** Rows whose `GeneratedTokens` or `ContextTokens` was 0 and were raised to 1 (the simulator needs ≥ 1). */
  readonly raisedToOne: number;
}

const TS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** Seconds since 1970 (UTC, the trace has no zone) as [whole seconds, fraction] to keep 100 ns digits. */
function parseTimestamp(text: string, path: string): [number, number] {
  const m = TS.exec(text);
  if (m === null) {
    throw new InfraError('PARSE_ERROR', path, `expected "YYYY-MM-DD HH:MM:SS.fffffff", got ${JSON.stringify(text.slice(0, 40))}`);
  }
  const [, y, mo, d, h, mi, s, frac] = m;
  const whole = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  const fraction = frac === undefined ? 0 : Number(frac) / 10 ** frac.length;
  return [whole, fraction];
}

function parseCount(text: string, path: string): number {
  if (!/^\d{1,9}$/.test(text)) {
    throw new InfraError('PARSE_ERROR', path, `expected a non-negative integer, got ${JSON.stringify(text.slice(0, 40))}`);
  }
  return Number(text);
}

/**
 * Parse the Azure LLM inference trace CSV (`TIMESTAMP,ContextTokens,GeneratedTokens`; CRLF or LF line
 * endings, with or without a trailing newline; 7 fractional digits are kept exactly by splitting whole
 * seconds from the fraction). Arrivals become seconds after the first row. Counts of 0 are raised to 1
 * and counted in {@link AzureTrace.raisedToOne} (the code trace has none).
 *
 * @param text - the whole CSV file as text
 * @returns the trace as a columnar workload (all requests interactive)
 * @throws InfraError `PARSE_ERROR` naming the line (`trace.line[12]`) for a malformed row or header,
 *   `EMPTY` when there is no data row, `OUT_OF_RANGE` when timestamps decrease
 *
 * @example
 * ```ts @import.meta.vitest
 * const t = parseAzureTrace('TIMESTAMP,ContextTokens,GeneratedTokens\r\n' +
 *   '2023-11-16 18:17:03.9799600,4808,10\r\n2023-11-16 18:17:04.0319600,3180,8');
 * expect(t.workload.arrivalSeconds[1]).toBeCloseTo(0.052, 9);
 * expect(Array.from(t.workload.inputTokens)).toEqual([4808, 3180]);
 * expect(() => parseAzureTrace('TIMESTAMP,ContextTokens,GeneratedTokens\nbad,1,2')).toThrow('trace.line[2]');
 * ```
 */
export function parseAzureTrace(text: string): AzureTrace {
  assertString(text, 'text');
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',').map((h) => h.trim());
  const iT = header.indexOf('TIMESTAMP');
  const iC = header.indexOf('ContextTokens');
  const iG = header.indexOf('GeneratedTokens');
  if (iT < 0 || iC < 0 || iG < 0) {
    throw new InfraError('PARSE_ERROR', 'trace.line[1]', 'header must contain TIMESTAMP, ContextTokens and GeneratedTokens');
  }
  const n = lines.length - 1;
  if (n <= 0) throw new InfraError('EMPTY', 'trace', 'has no data rows');
  const arrivalSeconds = new Float64Array(n);
  const inputTokens = new Int32Array(n);
  const outputTokens = new Int32Array(n);
  let raised = 0;
  let w0 = 0;
  let f0 = 0;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const path = `trace.line[${i + 2}]`;
    const cols = (lines[i + 1] ?? '').split(',');
    if (cols.length !== header.length) {
      throw new InfraError('PARSE_ERROR', path, `expected ${header.length} fields, got ${cols.length}`);
    }
    const [whole, frac] = parseTimestamp((cols[iT] ?? '').trim(), path);
    if (i === 0) {
      w0 = whole;
      f0 = frac;
    }
    const t = whole - w0 + (frac - f0);
    if (t < prev) throw new InfraError('OUT_OF_RANGE', path, 'timestamps must not decrease');
    prev = t;
    arrivalSeconds[i] = t;
    let ctx = parseCount((cols[iC] ?? '').trim(), path);
    let gen = parseCount((cols[iG] ?? '').trim(), path);
    if (ctx === 0) {
      ctx = 1;
      raised++;
    }
    if (gen === 0) {
      gen = 1;
      raised++;
    }
    inputTokens[i] = ctx;
    outputTokens[i] = gen;
  }
  return {
    workload: { arrivalSeconds, inputTokens, outputTokens, requestClass: new Uint8Array(n) },
    firstTimestamp: (lines[1] ?? '').split(',')[iT] ?? '',
    raisedToOne: raised,
  };
}
