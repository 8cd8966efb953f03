/**
 * `@infra/bandit/indigo`: the INDIGO page-migration preset (Patke et al., ICS '25) — context features from
 * page telemetry, promotion-aggressiveness arms, the cost-aware reward helper and a conservative fallback
 * for uncertain decisions. Use it with `linUCB` or `linTS` from `@infra/bandit`.
 *
 * @packageDocumentation
 */
export {
  indigoFeatures,
  netBenefit,
  INDIGO_FEATURE_NAMES,
  INDIGO_LEVELS,
  type PageTelemetry,
  type IndigoFeatureScales,
  type PromotionLevel,
  type MigrationOutcome,
  type NetBenefit,
  type NetBenefitOptions,
} from './indigo-features.js';
export { conservativeFallback, type FallbackOptions } from './indigo-fallback.js';
