/**
 * `@infra/bandit/hybrid`: hybrid LinUCB (Li, Chu, Langford & Schapire 2010, Algorithm 2) — a contextual
 * bandit whose reward model zₐᵀβ + xₐᵀθₐ shares the coefficient β across arms, so what one arm teaches
 * carries over to the others (and to arms added later). Pure JSON state, full probability vector and
 * propensity on every decision; use `serializeBandit` / `deserializeBandit` from `@infra/bandit` and
 * `warmStart` from `@infra/bandit/offline` with it, and `checkHybridModel` from `@infra/bandit/testing` to
 * test it.
 *
 * @packageDocumentation
 */
export { type HybridContext, type HybridFeedback } from './hybrid-context.js';
export { type HybridArm, type HybridOptions, type HybridShared, type HybridState } from './hybrid-core.js';
export { hybridLinUCB, type HybridCoefficients, type HybridLinUcbOptions, type HybridPolicy } from './hybrid-linucb.js';
