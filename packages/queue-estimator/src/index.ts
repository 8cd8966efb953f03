export { allenCunneen, distServeTtft, kingman, md1, mm1, mmcQueue, pollaczekKhinchine, type GGParams, type MG1Params, type MmcParams, type MmcResult } from './classic.js';
export { atomExponentialWait, gammaWait, latticeWait, lognormalWait, normalWait, pointWait, unstableWait, type WaitDistribution, type WaitMethod } from './distribution.js';
export { MAX_SERVERS, erlangB, erlangC, erlangCFromB, logErlangB } from './erlang.js';
export { assertStable, resolveQueue, type QueueParams, type ResolvedQueue } from './queue-params.js';
export { minServers, type StaffingParams, type StaffingTarget } from './staffing.js';
