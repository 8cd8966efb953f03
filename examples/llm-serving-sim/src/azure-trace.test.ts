import { isInfraError } from '@infra/types';
import { describe, expect, test } from 'vitest';
import { missingDataMessage, sharedDataPath } from '../../../tools/shared-data.ts';
import { parseAzureTrace } from './azure-trace.js';
import { loadAzureTrace } from './load-trace.js';

const header = 'TIMESTAMP,ContextTokens,GeneratedTokens';

describe('parseAzureTrace', () => {
  test('keeps all 7 fractional digits relative to the first row, across a day boundary', () => {
    const t = parseAzureTrace(`${header}\r\n2023-11-16 23:59:59.9999999,1,2\r\n2023-11-17 00:00:00.0000001,3,4`);
    expect(t.workload.arrivalSeconds[1]).toBeCloseTo(2e-7, 12);
    expect(t.firstTimestamp).toBe('2023-11-16 23:59:59.9999999');
  });

  test('accepts LF endings, a trailing newline and reordered columns', () => {
    const t = parseAzureTrace('GeneratedTokens,TIMESTAMP,ContextTokens\n7,2023-11-16 18:00:00.5,11\n');
    expect(Array.from(t.workload.outputTokens)).toEqual([7]);
    expect(Array.from(t.workload.inputTokens)).toEqual([11]);
  });

  test('raises zero counts to one and reports them', () => {
    const t = parseAzureTrace(`${header}\n2023-11-16 18:00:00.0,0,0`);
    expect(t.raisedToOne).toBe(2);
    expect(t.workload.inputTokens[0]).toBe(1);
  });

  test('names the bad line and never returns NaN', () => {
    const cases: [string, string, string][] = [
      [`${header}\n2023-11-16 18:00:00.0,1`, 'trace.line[2]', 'PARSE_ERROR'],
      [`${header}\n2023-11-16 18:00:00.0,1,2\n2023-11-16 18:00:00.0,x,2`, 'trace.line[3]', 'PARSE_ERROR'],
      [`${header}\n2023-11-16 18:00:01.0,1,2\n2023-11-16 18:00:00.0,1,2`, 'trace.line[3]', 'OUT_OF_RANGE'],
      ['a,b,c\n1,2,3', 'trace.line[1]', 'PARSE_ERROR'],
      [`${header}\r\n`, 'trace', 'EMPTY'],
    ];
    for (const [text, path, code] of cases) {
      let caught: unknown;
      try {
        parseAzureTrace(text);
      } catch (e) {
        caught = e;
      }
      expect(isInfraError(caught, code as 'PARSE_ERROR')).toBe(true);
      expect((caught as { path: string }).path).toBe(path);
    }
  });
});

const tracePath = sharedDataPath('azure-llm-2023', 'code.csv');
if (!tracePath) console.warn(missingDataMessage('azure-llm-2023', 'code.csv'));

describe('the real Azure code trace', () => {
  test.skipIf(!tracePath)('matches the published statistics', () => {
    const { workload: w } = loadAzureTrace(tracePath ?? '');
    const n = w.arrivalSeconds.length;
    expect(n).toBe(8819);
    expect(w.arrivalSeconds[n - 1]).toBeCloseTo(3435.948056, 6);
    const mean = (xs: Int32Array): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(w.inputTokens)).toBeCloseTo(2047.8, 1);
    expect(mean(w.outputTokens)).toBeCloseTo(27.9, 1);
    expect(Math.max(...w.outputTokens)).toBe(1899);
    const gaps = Array.from({ length: n - 1 }, (_, i) => (w.arrivalSeconds[i + 1] ?? 0) - (w.arrivalSeconds[i] ?? 0));
    const gm = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const cv = Math.sqrt(gaps.reduce((a, b) => a + (b - gm) ** 2, 0) / gaps.length) / gm;
    expect(cv).toBeCloseTo(13.15, 1);
    expect(gaps.filter((g) => g > 10).length).toBe(45);
  });
});
