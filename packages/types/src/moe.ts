import { InfraError } from './errors.js';
import { assertFiniteArray, assertInteger, assertPlainObject, assertProbability } from './validate.js';

/** One token's routing decision at one MoE layer: the selected experts and their gate weights. */
export interface MoeRoutingRecord {
  /** The sequence (prompt / request) the token belongs to. */
  readonly sequenceId: number;
  /** The MoE layer, 0-based. */
  readonly layer: number;
  /** The token's position in the sequence (decode step), 0-based. */
  readonly tokenIndex: number;
  /** Selected expert ids in descending order of gate weight (top-k). */
  readonly experts: readonly number[];
  /** Gate weights of `experts`, same order, each in [0, 1]. */
  readonly gateWeights: readonly number[];
}

/**
 * Validate a {@link MoeRoutingRecord}: distinct non-negative expert ids, weights in [0, 1] matching them.
 *
 * @param x - the candidate record
 * @param path - the argument's path (default `record`)
 * @returns `x`, typed
 * @throws InfraError naming the first bad field
 *
 * @example
 * ```ts @import.meta.vitest
 * const r = { sequenceId: 0, layer: 3, tokenIndex: 10, experts: [6, 5], gateWeights: [0.7, 0.3] };
 * expect(assertMoeRoutingRecord(r).experts).toEqual([6, 5]);
 * expect(() => assertMoeRoutingRecord({ ...r, experts: [6, 6] })).toThrow('record.experts[1]: duplicates expert 6');
 * ```
 */
export function assertMoeRoutingRecord(x: unknown, path = 'record'): MoeRoutingRecord {
  const o = assertPlainObject(x, path);
  assertInteger(o['sequenceId'], `${path}.sequenceId`, { min: 0 });
  assertInteger(o['layer'], `${path}.layer`, { min: 0 });
  assertInteger(o['tokenIndex'], `${path}.tokenIndex`, { min: 0 });
  const experts = assertFiniteArray(o['experts'], `${path}.experts`, { minLength: 1 });
  const weights = assertFiniteArray(o['gateWeights'], `${path}.gateWeights`, { length: experts.length });
  const seen = new Set<number>();
  for (let i = 0; i < experts.length; i++) {
    const e = assertInteger(experts[i], `${path}.experts[${i}]`, { min: 0 });
    if (seen.has(e)) throw new InfraError('INVALID_ARGUMENT', `${path}.experts[${i}]`, `duplicates expert ${e}`);
    seen.add(e);
    assertProbability(weights[i], `${path}.gateWeights[${i}]`);
  }
  return x as MoeRoutingRecord;
}
