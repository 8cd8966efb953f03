import { deserializeState, serializeState } from './infra-types.js';
import { BANDIT_STATE_VERSION, type BanditPolicy, type BanditState } from './policy.js';

/**
 * Serialize a policy state into the `@infra/types` envelope `{ kind, version, state }`.
 *
 * @param policy - the policy that owns the state (its `kind` is written)
 * @param state - the state
 * @returns JSON text
 * @throws InfraError `NOT_FINITE` / `INVALID_ARGUMENT` when the state is not plain finite JSON
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = { kind: 'bandit/x', validate: (s: unknown) => s as { version: 1; arms: number[]; pulls: number[] } };
 * expect(JSON.parse(serializeBandit(policy, { version: 1, arms: [0], pulls: [0] })).kind).toBe('bandit/x');
 * ```
 */
export function serializeBandit<S extends BanditState>(
  policy: Pick<BanditPolicy<S, never>, 'kind' | 'validate'>,
  state: S,
): string {
  return serializeState(policy.kind, BANDIT_STATE_VERSION, state);
}

/**
 * Parse and validate a state written by {@link serializeBandit}; malformed input gets a typed error and
 * never a half-valid object.
 *
 * @param policy - the policy that will use the state (its `kind` and validator are used)
 * @param text - JSON text
 * @returns the validated state
 * @throws InfraError `PARSE_ERROR`, `UNSAFE_KEY`, `VERSION_MISMATCH`, `INVALID_STATE`, `SHAPE_MISMATCH`, …
 *
 * @example
 * ```ts @import.meta.vitest
 * const policy = { kind: 'bandit/x', validate: (s: unknown) => s as { version: 1; arms: number[]; pulls: number[] } };
 * const text = serializeBandit(policy, { version: 1, arms: [0], pulls: [2] });
 * expect(deserializeBandit(policy, text)).toEqual({ version: 1, arms: [0], pulls: [2] });
 * expect(() => deserializeBandit(policy, '{"kind":"bandit/y","version":1,"state":{}}')).toThrow(/kind/);
 * ```
 */
export function deserializeBandit<S extends BanditState>(
  policy: Pick<BanditPolicy<S, never>, 'kind' | 'validate'>,
  text: string,
): S {
  return deserializeState(text, policy.kind, BANDIT_STATE_VERSION, (x, path) => policy.validate(x, path));
}
