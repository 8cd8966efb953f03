import { InfraError } from './errors.js';
import { assertInteger, assertNonNegative, assertOneOf, assertPlainObject, assertString } from './validate.js';

/** Coarse class of a failure: where it originated. */
export type FailureClass = 'hardware' | 'software' | 'network' | 'user' | 'other' | 'unknown';

/** Every {@link FailureClass}. */
export const FAILURE_CLASSES: readonly FailureClass[] = ['hardware', 'software', 'network', 'user', 'other', 'unknown'];

/** One failure (or error) event on a GPU node. */
export interface FailureEvent {
  /** When the failure occurred, seconds on the data set's clock. */
  readonly timeSeconds: number;
  /** The node it occurred on. */
  readonly nodeId: string;
  /** GPU index within the node, when the failure is attributed to one GPU. */
  readonly gpuIndex?: number;
  /** Component, e.g. `"HBM"`, `"NVLink"`, `"PCIe"`, `"NIC"`, `"PSU"`. */
  readonly component?: string;
  /** NVIDIA XID code, when the event is an XID error. */
  readonly xid?: number;
  /** Coarse class. */
  readonly failureClass?: FailureClass;
  /** When the node was repaired (back in service), seconds on the same clock, if known. */
  readonly repairedTimeSeconds?: number;
}

/**
 * Validate a {@link FailureEvent}.
 *
 * @param x - the candidate event
 * @param path - the argument's path (default `event`)
 * @returns `x`, typed
 * @throws InfraError naming the first bad field (also when repair precedes the failure)
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertFailureEvent({ timeSeconds: 3600, nodeId: 'n7', xid: 79 }).xid).toBe(79);
 * expect(() => assertFailureEvent({ timeSeconds: -1, nodeId: 'n7' })).toThrow('event.timeSeconds: must be ≥ 0, got -1');
 * ```
 */
export function assertFailureEvent(x: unknown, path = 'event'): FailureEvent {
  const o = assertPlainObject(x, path);
  const t = assertNonNegative(o['timeSeconds'], `${path}.timeSeconds`);
  assertString(o['nodeId'], `${path}.nodeId`);
  if (o['gpuIndex'] !== undefined) assertInteger(o['gpuIndex'], `${path}.gpuIndex`, { min: 0 });
  if (o['component'] !== undefined) assertString(o['component'], `${path}.component`);
  if (o['xid'] !== undefined) assertInteger(o['xid'], `${path}.xid`, { min: 0 });
  if (o['failureClass'] !== undefined) assertOneOf(o['failureClass'], `${path}.failureClass`, FAILURE_CLASSES);
  if (o['repairedTimeSeconds'] !== undefined) {
    const r = assertNonNegative(o['repairedTimeSeconds'], `${path}.repairedTimeSeconds`);
    if (r < t) throw new InfraError('OUT_OF_RANGE', `${path}.repairedTimeSeconds`, `must be ≥ timeSeconds (${t}), got ${r}`);
  }
  return x as FailureEvent;
}
