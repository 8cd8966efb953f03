// FC_SEED replays a failing property exactly; FC_NUM_RUNS raises (or lowers) the effort.
// @fast-check/vitest and our laws share this fast-check instance, so one global configuration covers both.
import fc from 'fast-check';

const seed = process.env['FC_SEED'] === undefined ? undefined : Number(process.env['FC_SEED']);
const numRuns = process.env['FC_NUM_RUNS'] === undefined ? undefined : Number(process.env['FC_NUM_RUNS']);
fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  ...(seed === undefined ? {} : { seed }),
  ...(numRuns === undefined ? {} : { numRuns }),
});
