import { InfraError, assertInteger, assertOneOf, assertPlainObject, assertString } from '@infra/types';
import {
  ACTION_SEVERITY,
  RECOVERY_ACTIONS,
  XID_CATALOG,
  type NvidiaResolution,
  type RecoveryAction,
  type XidSeverity,
} from './xid-catalog.js';

const SEVERITIES: readonly XidSeverity[] = ['low', 'medium', 'high', 'critical'];

/** A per-code override: a bare action, or an object replacing some fields. */
export type XidOverride =
  | RecoveryAction
  | {
      /** Recovery action to take instead of the catalogue's. */
      readonly action?: RecoveryAction;
      /** Severity to report (default: implied by the action). */
      readonly severity?: XidSeverity;
      /** Component label. */
      readonly component?: string;
    };

/** Per-code overrides keyed by XID code (e.g. `{ 13: 'reset-gpu' }` for an operator that resets on 13). */
export type XidOverrides = Readonly<Record<number, XidOverride>>;

/** The decision for one XID code. */
export type XidDecision =
  | {
      /** The code is in the catalogue or the overrides. */
      readonly kind: 'known';
      /** XID code. */
      readonly code: number;
      /** Recommended recovery action. */
      readonly action: RecoveryAction;
      /** Severity for a running job. */
      readonly severity: XidSeverity;
      /** Component label. */
      readonly component: string;
      /** NVIDIA's immediate-resolution bucket (`''` when blank or for override-only codes). */
      readonly nvidiaResolution: NvidiaResolution;
      /** NVIDIA's investigatory bucket (`''` when blank). */
      readonly investigatory: string;
      /** True when NVIDIA's resolution depends on history (repeats, bursts, companion XIDs). */
      readonly workflow: boolean;
      /** Where the action came from. */
      readonly source: 'catalog' | 'override';
    }
  | {
      /** The code is neither in the catalogue nor in the overrides. */
      readonly kind: 'unknown';
      /** XID code. */
      readonly code: number;
      /** Always `contact-support`. */
      readonly action: RecoveryAction;
      /** Always `high`. */
      readonly severity: XidSeverity;
      /** Always `default`. */
      readonly source: 'default';
    };

function readOverride(x: unknown, path: string): { action?: RecoveryAction; severity?: XidSeverity; component?: string } {
  if (typeof x === 'string') return { action: assertOneOf(x, path, RECOVERY_ACTIONS) };
  const o = assertPlainObject(x, path);
  const out: { action?: RecoveryAction; severity?: XidSeverity; component?: string } = {};
  if (o['action'] !== undefined) out.action = assertOneOf(o['action'], `${path}.action`, RECOVERY_ACTIONS);
  if (o['severity'] !== undefined) out.severity = assertOneOf(o['severity'], `${path}.severity`, SEVERITIES);
  if (o['component'] !== undefined) out.component = assertString(o['component'], `${path}.component`);
  return out;
}

/**
 * The recommended recovery action for an NVIDIA XID code, from NVIDIA's public catalogue (codes 1–172)
 * with per-code overrides taking precedence. Unknown codes give a typed `{ kind: 'unknown', action:
 * 'contact-support' }` result, never an exception. History-dependent codes (13, 31, 45, 48, 74, 144–150,
 * 154) return their conservative single-event action with `workflow: true`.
 *
 * @param code - XID code, a non-negative integer
 * @param overrides - optional per-code overrides (an action, or `{ action, severity, component }`)
 * @returns the decision
 * @throws InfraError when `code` is not a non-negative integer or an override is malformed (e.g.
 *   `overrides.13.action`)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(xidAction(79)).toMatchObject({ kind: 'known', action: 'reboot-node', nvidiaResolution: 'RESTART_BM' });
 * expect(xidAction(13).action).toBe('restart-app');
 * expect(xidAction(13, { 13: 'reset-gpu' })).toMatchObject({ action: 'reset-gpu', source: 'override' });
 * expect(xidAction(999)).toEqual({ kind: 'unknown', code: 999, action: 'contact-support', severity: 'high', source: 'default' });
 * ```
 */
export function xidAction(code: number, overrides?: XidOverrides): XidDecision {
  const c = assertInteger(code, 'code', { min: 0 });
  let ov: { action?: RecoveryAction; severity?: XidSeverity; component?: string } | undefined;
  if (overrides !== undefined) {
    const o = assertPlainObject(overrides, 'overrides');
    const raw = Object.prototype.hasOwnProperty.call(o, String(c)) ? o[String(c)] : undefined;
    if (raw !== undefined) ov = readOverride(raw, `overrides.${c}`);
  }
  const entry = Object.prototype.hasOwnProperty.call(XID_CATALOG, c) ? XID_CATALOG[c] : undefined;
  if (entry === undefined && ov === undefined) {
    return { kind: 'unknown', code: c, action: 'contact-support', severity: 'high', source: 'default' };
  }
  const action = ov?.action ?? entry?.action ?? 'contact-support';
  return {
    kind: 'known',
    code: c,
    action,
    severity: ov?.severity ?? (ov?.action !== undefined ? ACTION_SEVERITY[action] : (entry?.severity ?? ACTION_SEVERITY[action])),
    component: ov?.component ?? entry?.component ?? 'unknown',
    nvidiaResolution: entry?.nvidiaResolution ?? '',
    investigatory: entry?.investigatory ?? '',
    workflow: entry?.workflow ?? false,
    source: ov === undefined ? 'catalog' : 'override',
  };
}

/**
 * Validate a whole overrides table up front (so a bad entry fails at configuration time, not at the
 * first matching XID).
 *
 * @param overrides - the candidate table
 * @returns the table, typed
 * @throws InfraError naming the first bad key or entry (keys must be non-negative integers)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(checkXidOverrides({ 13: 'reset-gpu', 48: { action: 'drain' } })[13]).toBe('reset-gpu');
 * expect(() => checkXidOverrides({ 13: 'reboot' })).toThrow('overrides.13');
 * ```
 */
export function checkXidOverrides(overrides: unknown): XidOverrides {
  const o = assertPlainObject(overrides, 'overrides');
  for (const k of Object.keys(o)) {
    if (!/^(0|[1-9]\d*)$/.test(k)) throw new InfraError('INVALID_ARGUMENT', `overrides.${k}`, 'keys must be XID codes');
    readOverride(o[k], `overrides.${k}`);
  }
  return o as XidOverrides;
}
