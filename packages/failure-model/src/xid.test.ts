import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isInfraError } from '@infra/types';
import { RECOVERY_ACTIONS, XID_CATALOG } from './xid-catalog.js';
import { checkXidOverrides, xidAction } from './xid-action.js';

describe('XID_CATALOG', () => {
  test('covers every catalogue code 1–172 exactly once', () => {
    const codes = Object.keys(XID_CATALOG).map(Number).sort((a, b) => a - b);
    expect(codes).toEqual(Array.from({ length: 172 }, (_, i) => i + 1));
  });
  test('encodes the reference facts (NVIDIA immediate resolutions)', () => {
    const expected: Record<number, string> = {
      13: 'RESTART_APP', 31: 'RESTART_APP', 43: 'IGNORE', 45: 'WORKFLOW_XID_45', 46: 'RESET_GPU', 48: 'WORKFLOW_XID_48',
      62: 'RESET_GPU', 63: 'IGNORE', 64: 'RESET_GPU', 74: 'WORKFLOW_NVLINK_ERR', 79: 'RESTART_BM', 92: 'IGNORE',
      94: 'RESTART_APP', 95: 'RESET_GPU', 109: 'RESET_GPU', 119: 'RESET_GPU', 120: 'RESET_GPU', 136: 'RESET_GPU',
      140: 'RESET_GPU', 143: 'RESET_GPU', 144: 'WORKFLOW_NVLINK5_ERR', 150: 'WORKFLOW_NVLINK5_ERR', 154: 'XID_154',
      155: 'RESET_GPU', 158: 'RESET_GPU', 162: '', 172: '',
    };
    for (const [code, res] of Object.entries(expected)) expect(XID_CATALOG[Number(code)]!.nvidiaResolution).toBe(res);
    expect(XID_CATALOG[119]!.component).toBe('gsp');
    expect([13, 31, 45, 48, 74, 144, 150, 154].every((c) => XID_CATALOG[c]!.workflow)).toBe(true);
  });
  test('is frozen', () => {
    expect(Object.isFrozen(XID_CATALOG)).toBe(true);
    expect(Object.isFrozen(XID_CATALOG[79])).toBe(true);
  });
});

describe('xidAction', () => {
  test('maps every catalogue code to exactly one valid action', () => {
    for (let c = 1; c <= 172; c++) {
      const d = xidAction(c);
      expect(d.kind).toBe('known');
      expect(RECOVERY_ACTIONS).toContain(d.action);
    }
  });
  test('unknown codes give a typed unknown result, not an exception', () => {
    fc.assert(
      fc.property(fc.integer({ min: 173, max: 1e9 }), (c) => {
        expect(xidAction(c)).toEqual({ kind: 'unknown', code: c, action: 'contact-support', severity: 'high', source: 'default' });
      }),
    );
    expect(xidAction(0).kind).toBe('unknown');
  });
  test('overrides are total: an override wins for any code, known or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(...RECOVERY_ACTIONS), (c, a) => {
        const d = xidAction(c, { [c]: a });
        expect(d).toMatchObject({ kind: 'known', action: a, source: 'override' });
        // other codes are unaffected
        expect(xidAction(c + 1, { [c]: a })).toEqual(xidAction(c + 1));
      }),
    );
    expect(xidAction(48, { 48: { action: 'drain', component: 'HBM' } })).toMatchObject({ action: 'drain', severity: 'critical', component: 'HBM' });
  });
  test('rejects non-integer codes and malformed overrides with typed errors', () => {
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => xidAction(bad)).toThrow(/code/);
    expect(() => xidAction(13, { 13: 'reboot' as never })).toThrow('overrides.13');
    expect(() => checkXidOverrides({ abc: 'ignore' })).toThrow('overrides.abc');
    try {
      xidAction(Infinity);
    } catch (e) {
      expect(isInfraError(e, 'NOT_FINITE')).toBe(true);
    }
  });
});
