/**
 * The one place this package imports `@infra/types` from (internal, not part of the public API). Routing
 * every import through this module gives each helper a single binding in bundles: `InfraError` and the
 * assertion helpers are then referenced by one short name instead of one alias per source file, which
 * keeps the bundled main entry about 2 % smaller (gzipped). Add a name here when a source file needs it.
 */
export {
  assertFinite,
  assertFiniteArray,
  assertInRange,
  assertInteger,
  assertNonEmpty,
  assertNonNegative,
  assertOneOf,
  assertPlainObject,
  assertPositive,
  betaArgmax,
  createRng,
  describeValue,
  deserializeState,
  fillNormals,
  findRoot,
  InfraError,
  isInfraError,
  logSumExp,
  normalQuantile,
  serializeState,
  type BetaArgmax,
  type Decision,
  type OnlinePolicy,
  type Rng,
} from '@infra/types';
