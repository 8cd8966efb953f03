import { InfraError, assertFinite, assertLlmRequest, assertPositive, type LlmRequest } from '@infra/types';

/** A request group: requests sharing model, class and SLO band (QLM's virtual-queue unit). */
export interface RequestGroupKey {
  /** The model ('default' when the request names none). */
  readonly model: string;
  /** Interactive or batch. */
  readonly requestClass: 'interactive' | 'batch';
  /** The SLO band: the request's SLO rounded up to a multiple of the band width (seconds). */
  readonly sloBandSeconds: number;
}

/**
 * The request's own SLO in seconds after arrival: the TTFT SLO for interactive requests, else the
 * completion deadline, else the TTFT SLO.
 *
 * @param request - the request
 * @returns SLO seconds after arrival, or undefined when it has none
 */
function requestSlo(request: LlmRequest): number | undefined {
  const s = request.slo;
  return request.requestClass === 'interactive' ? (s.ttftSeconds ?? s.deadlineSeconds) : (s.deadlineSeconds ?? s.ttftSeconds);
}

/**
 * Group a request by (model, class, SLO band).
 *
 * @param request - a valid {@link LlmRequest}
 * @param bandSeconds - SLO band width in seconds, > 0 (QLM's `slo_granularity`)
 * @returns the group key parts
 * @throws InfraError naming `request.slo` when the request has no positive SLO, or the invalid field
 *
 * @example
 * ```ts @import.meta.vitest
 * const r = { id: 'a', arrivalTimeSeconds: 0, inputTokens: 10, requestClass: 'interactive' as const,
 *   model: 'llama-8b', slo: { ttftSeconds: 0.7 } };
 * expect(requestGroup(r, 0.5)).toEqual({ model: 'llama-8b', requestClass: 'interactive', sloBandSeconds: 1 });
 * expect(groupKey(requestGroup(r, 0.5))).toBe('llama-8b|interactive|1');
 * ```
 */
export function requestGroup(request: LlmRequest, bandSeconds: number): RequestGroupKey {
  const r = assertLlmRequest(request, 'request');
  const band = assertPositive(bandSeconds, 'bandSeconds');
  const slo = requestSlo(r);
  if (slo === undefined) throw new InfraError('INVALID_ARGUMENT', 'request.slo', 'needs ttftSeconds or deadlineSeconds');
  if (!(assertFinite(slo, 'request.slo') > 0)) throw new InfraError('OUT_OF_RANGE', 'request.slo', `must be > 0 s after arrival, got ${slo}`);
  return { model: r.model ?? 'default', requestClass: r.requestClass, sloBandSeconds: Math.ceil(slo / band - 1e-12) * band };
}

/**
 * The string key of a group (used as the histogram / queue key).
 *
 * @param g - group parts
 * @returns `model|class|band`
 */
export function groupKey(g: RequestGroupKey): string {
  return `${g.model}|${g.requestClass}|${g.sloBandSeconds}`;
}

/**
 * Absolute deadline of a request (arrival + SLO); the scheduler compares it with the current time, so
 * time already spent waiting always counts (unlike a group's static creation-time SLO).
 *
 * @param request - the request
 * @param nowSeconds - current time; must not be past the deadline when `rejectPast` is set
 * @param rejectPast - throw when the deadline already passed (default false)
 * @returns the absolute deadline, seconds on the caller's clock
 * @throws InfraError `OUT_OF_RANGE` naming `request.slo` for a past deadline when `rejectPast`
 *
 * @example
 * ```ts @import.meta.vitest
 * const r = { id: 'a', arrivalTimeSeconds: 10, inputTokens: 1, requestClass: 'batch' as const, slo: { deadlineSeconds: 60 } };
 * expect(requestDeadline(r, 20)).toBe(70);
 * expect(() => requestDeadline(r, 80, true)).toThrow('request.slo');
 * ```
 */
export function requestDeadline(request: LlmRequest, nowSeconds: number, rejectPast = false): number {
  const r = assertLlmRequest(request, 'request');
  const now = assertFinite(nowSeconds, 'nowSeconds');
  const slo = requestSlo(r);
  if (slo === undefined) throw new InfraError('INVALID_ARGUMENT', 'request.slo', 'needs ttftSeconds or deadlineSeconds');
  const d = r.arrivalTimeSeconds + slo;
  if (rejectPast && d < now) throw new InfraError('OUT_OF_RANGE', 'request.slo', `deadline ${d} s is before now (${now} s)`);
  return d;
}
