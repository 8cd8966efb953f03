import {
  InfraError,
  assertFailureEvent,
  assertFinite,
  assertNonNegative,
  assertPlainObject,
  assertPositive,
  assertString,
  type FailureClass,
  type FailureEvent,
} from '@infra/types';

/** A {@link FailureEvent} with the finer labels fleet traces carry. */
export interface FleetFailureEvent extends FailureEvent {
  /** Finest-grained description as recorded (e.g. InfiniteHBD `Desc`). */
  readonly description?: string;
  /** The source's own level label (e.g. `"Hardware Failure"`), kept verbatim. */
  readonly level?: string;
}

/**
 * Load a list of failure events already in {@link FailureEvent} shape (parsed JSON, not text), validate
 * every record and return them sorted by time (stable). Extra fields `description` and `level` are kept.
 *
 * @param json - parsed JSON: an array of event objects
 * @param timeUnitSeconds - seconds per unit of the input's `timeSeconds` / `repairedTimeSeconds` (default 1)
 * @returns validated events sorted by time, times in seconds
 * @throws InfraError naming the first bad record, e.g. `events[3].nodeId`
 *
 * @example
 * ```ts @import.meta.vitest
 * const ev = loadFailureEvents([{ timeSeconds: 5, nodeId: 'b', xid: 79 }, { timeSeconds: 2, nodeId: 'a' }]);
 * expect(ev.map((e) => e.nodeId)).toEqual(['a', 'b']);
 * expect(() => loadFailureEvents([{ timeSeconds: -1, nodeId: 'a' }])).toThrow('events[0].timeSeconds');
 * ```
 */
export function loadFailureEvents(json: unknown, timeUnitSeconds = 1): FleetFailureEvent[] {
  const unit = assertPositive(timeUnitSeconds, 'timeUnitSeconds');
  if (!Array.isArray(json)) throw new InfraError('INVALID_ARGUMENT', 'events', 'must be an array of failure events');
  const out = json.map((raw, i) => {
    const path = `events[${i}]`;
    const o = assertPlainObject(raw, path);
    const ev: Record<string, unknown> = { ...o };
    ev['timeSeconds'] = assertNonNegative(o['timeSeconds'], `${path}.timeSeconds`) * unit;
    if (o['repairedTimeSeconds'] !== undefined) {
      ev['repairedTimeSeconds'] = assertNonNegative(o['repairedTimeSeconds'], `${path}.repairedTimeSeconds`) * unit;
    }
    if (o['description'] !== undefined) assertString(o['description'], `${path}.description`);
    if (o['level'] !== undefined) assertString(o['level'], `${path}.level`);
    return assertFailureEvent(ev, path) as FleetFailureEvent;
  });
  return out.map((e, i) => [e, i] as const).sort((a, b) => a[0].timeSeconds - b[0].timeSeconds || a[1] - b[1]).map((p) => p[0]);
}

/** Field names and markers of a start/end episode list. Defaults match the InfiniteHBD trace. */
export interface EpisodeFormat {
  /** Node id field (default `node_id`). */
  readonly nodeField?: string;
  /** Time field (default `event_time`). */
  readonly timeField?: string;
  /** Start/end marker field (default `event_type`). */
  readonly typeField?: string;
  /** Marker of a start (default `fault_start`). */
  readonly startValue?: string;
  /** Marker of an end (default `fault_end`). */
  readonly endValue?: string;
  /** Fault-type field: a string or an object of strings (default `fault_type`). */
  readonly faultField?: string;
  /** Seconds per time unit of the input (default 86 400: InfiniteHBD times are days). */
  readonly timeUnitSeconds?: number;
  /** Maps the fault type to a failure class (default: InfiniteHBD `Level` → hardware / software / other). */
  readonly classify?: (faultType: Readonly<Record<string, string>>) => FailureClass | undefined;
  /** Maps the fault type to a component (default: the `Class` field). */
  readonly component?: (faultType: Readonly<Record<string, string>>) => string | undefined;
}

/** The result of {@link loadEpisodes}. */
export interface EpisodeLoadResult {
  /** One event per start, paired with its end (`repairedTimeSeconds`), sorted by start time. */
  readonly events: readonly FleetFailureEvent[];
  /** Starts with no matching end (kept, without `repairedTimeSeconds`: still open at the end of the trace). */
  readonly openEpisodes: number;
  /** Ends with no open start of the same node and fault type (dropped). */
  readonly unmatchedEnds: number;
  /**
   * Starts that arrived while the same node already had an open fault of another type — where pairing by
   * node alone would be ambiguous (InfiniteHBD: 2).
   */
  readonly overlappingStarts: number;
  /** Distinct node ids seen. */
  readonly nodes: number;
}

const LEVEL_CLASS: Readonly<Record<string, FailureClass>> = {
  'Hardware Failure': 'hardware',
  'Software Failure': 'software',
  'Other Failure': 'other',
};

/**
 * Pair a start/end episode list (e.g. the InfiniteHBD trace: `{node_id, event_time, event_type:
 * "fault_start" | "fault_end", fault_type: {Level, Class, Desc}}`) into failure events with repair
 * times. Pairing is first-in-first-out per node **and** fault type, so a second fault that starts on a
 * node before the first ends is matched correctly. Records are processed in time order, starts before
 * ends at equal times. Loaders take parsed JSON, not files.
 *
 * @param json - parsed JSON: an array of start/end records
 * @param format - field names, markers, time unit and classifiers (defaults: InfiniteHBD)
 * @returns paired events and diagnostics (open episodes, unmatched ends, overlapping starts)
 * @throws InfraError naming the first bad record, e.g. `records[4].event_time`
 *
 * @example
 * ```ts @import.meta.vitest
 * const ft = { Level: 'Hardware Failure', Class: 'GPU', Desc: 'GPU xid Error' };
 * const r = loadEpisodes([
 *   { node_id: 'n1', event_time: 1, event_type: 'fault_start', fault_type: ft },
 *   { node_id: 'n1', event_time: 3, event_type: 'fault_end', fault_type: ft },
 * ]);
 * expect(r.events[0]).toMatchObject({ nodeId: 'n1', timeSeconds: 86400, repairedTimeSeconds: 3 * 86400,
 *   failureClass: 'hardware', component: 'GPU', description: 'GPU xid Error' });
 * ```
 */
export function loadEpisodes(json: unknown, format: EpisodeFormat = {}): EpisodeLoadResult {
  const f = assertPlainObject(format, 'format');
  const nodeField = f['nodeField'] === undefined ? 'node_id' : assertString(f['nodeField'], 'format.nodeField');
  const timeField = f['timeField'] === undefined ? 'event_time' : assertString(f['timeField'], 'format.timeField');
  const typeField = f['typeField'] === undefined ? 'event_type' : assertString(f['typeField'], 'format.typeField');
  const startValue = f['startValue'] === undefined ? 'fault_start' : assertString(f['startValue'], 'format.startValue');
  const endValue = f['endValue'] === undefined ? 'fault_end' : assertString(f['endValue'], 'format.endValue');
  const faultField = f['faultField'] === undefined ? 'fault_type' : assertString(f['faultField'], 'format.faultField');
  const unit = f['timeUnitSeconds'] === undefined ? 86_400 : assertPositive(f['timeUnitSeconds'], 'format.timeUnitSeconds');
  const classify = format.classify ?? ((ft) => (ft['Level'] === undefined ? undefined : (LEVEL_CLASS[ft['Level']] ?? 'unknown')));
  const componentOf = format.component ?? ((ft) => ft['Class']);
  if (!Array.isArray(json)) throw new InfraError('INVALID_ARGUMENT', 'records', 'must be an array of start/end records');

  interface Rec { node: string; time: number; start: boolean; fault: Record<string, string>; key: string; i: number }
  const recs: Rec[] = json.map((raw, i) => {
    const path = `records[${i}]`;
    const o = assertPlainObject(raw, path);
    const node = assertString(o[nodeField], `${path}.${nodeField}`);
    const time = assertFinite(o[timeField], `${path}.${timeField}`);
    if (time < 0) throw new InfraError('OUT_OF_RANGE', `${path}.${timeField}`, `must be ≥ 0, got ${time}`);
    const type = assertString(o[typeField], `${path}.${typeField}`);
    if (type !== startValue && type !== endValue) {
      throw new InfraError('INVALID_ARGUMENT', `${path}.${typeField}`, `must be "${startValue}" or "${endValue}", got "${type}"`);
    }
    const rawFault = o[faultField];
    const fault: Record<string, string> = {};
    if (typeof rawFault === 'string') fault['Desc'] = rawFault;
    else if (rawFault !== undefined) {
      const fo = assertPlainObject(rawFault, `${path}.${faultField}`);
      for (const k of Object.keys(fo).sort()) fault[k] = assertString(fo[k], `${path}.${faultField}.${k}`);
    }
    const key = `${node}\u0000${JSON.stringify(fault)}`;
    return { node, time, start: type === startValue, fault, key, i };
  });
  recs.sort((a, b) => a.time - b.time || Number(b.start) - Number(a.start) || a.i - b.i);

  const open = new Map<string, { rec: Rec; idx: number }[]>();
  const openPerNode = new Map<string, number>();
  const events: FleetFailureEvent[] = [];
  const repaired = new Map<number, number>();
  let unmatchedEnds = 0;
  let overlappingStarts = 0;
  for (const r of recs) {
    if (r.start) {
      const n = openPerNode.get(r.node) ?? 0;
      if (n > 0) overlappingStarts++;
      openPerNode.set(r.node, n + 1);
      const idx = events.length;
      const cls = classify(r.fault);
      const comp = componentOf(r.fault);
      const ev: FleetFailureEvent = {
        timeSeconds: r.time * unit,
        nodeId: r.node,
        ...(comp !== undefined ? { component: comp } : {}),
        ...(cls !== undefined ? { failureClass: cls } : {}),
        ...(r.fault['Desc'] !== undefined ? { description: r.fault['Desc'] } : {}),
        ...(r.fault['Level'] !== undefined ? { level: r.fault['Level'] } : {}),
      };
      events.push(ev);
      const q = open.get(r.key);
      if (q) q.push({ rec: r, idx });
      else open.set(r.key, [{ rec: r, idx }]);
    } else {
      const q = open.get(r.key);
      const head = q?.shift();
      if (head === undefined) {
        unmatchedEnds++;
        continue;
      }
      openPerNode.set(r.node, (openPerNode.get(r.node) ?? 1) - 1);
      repaired.set(head.idx, r.time * unit);
    }
  }
  const paired = events.map((e, i) => {
    const rt = repaired.get(i);
    return rt === undefined ? e : { ...e, repairedTimeSeconds: rt };
  });
  return {
    events: paired,
    openEpisodes: events.length - repaired.size,
    unmatchedEnds,
    overlappingStarts,
    nodes: new Set(recs.map((r) => r.node)).size,
  };
}
