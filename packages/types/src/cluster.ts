import { InfraError } from './errors.js';
import { assertInteger, assertNonNegative, assertPlainObject, assertPositive, assertString } from './validate.js';

/** A GPU server. */
export interface GpuNode {
  /** Unique node id. */
  readonly id: string;
  /** Number of GPUs in the node. */
  readonly gpus: number;
  /** GPU model, e.g. `"H100"`. */
  readonly gpuModel?: string;
  /** Rack or failure-domain id. */
  readonly rack?: string;
}

/** A network link (or a node's NIC), with its capacity. */
export interface NetworkLink {
  /** Unique link id. */
  readonly id: string;
  /** Capacity in bytes per second. */
  readonly capacityBytesPerSecond: number;
  /** Upstream endpoint id. */
  readonly from?: string;
  /** Downstream endpoint id. */
  readonly to?: string;
}

/** One communication phase inside a training iteration (e.g. an all-reduce), relative to the iteration start. */
export interface CommunicationPhase {
  /** Start of the phase, seconds after the iteration starts. */
  readonly startSeconds: number;
  /** Duration of the phase at full link bandwidth, seconds. */
  readonly durationSeconds: number;
  /** Bandwidth demand during the phase, bytes per second. */
  readonly bandwidthBytesPerSecond: number;
}

/** A data-parallel (or hybrid-parallel) training job with periodic communication. */
export interface TrainingJob {
  /** Unique job id. */
  readonly id: string;
  /** Number of GPUs the job uses. */
  readonly gpus: number;
  /** Duration of one training iteration without network contention, seconds. */
  readonly iterationTimeSeconds: number;
  /** The communication phases of one iteration. */
  readonly communicationPhases: readonly CommunicationPhase[];
}

/**
 * Validate a {@link GpuNode}.
 *
 * @param x - the candidate node
 * @param path - the argument's path (default `node`)
 * @returns `x`, typed
 * @throws InfraError naming the first bad field
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertGpuNode({ id: 'n1', gpus: 8 }).gpus).toBe(8);
 * expect(() => assertGpuNode({ id: 'n1', gpus: 0 })).toThrow('node.gpus: must be ≥ 1, got 0');
 * ```
 */
export function assertGpuNode(x: unknown, path = 'node'): GpuNode {
  const o = assertPlainObject(x, path);
  assertString(o['id'], `${path}.id`);
  assertInteger(o['gpus'], `${path}.gpus`, { min: 1 });
  if (o['gpuModel'] !== undefined) assertString(o['gpuModel'], `${path}.gpuModel`);
  if (o['rack'] !== undefined) assertString(o['rack'], `${path}.rack`);
  return x as GpuNode;
}

/**
 * Validate a {@link TrainingJob}: phases must start inside the iteration and have positive bandwidth.
 *
 * @param x - the candidate job
 * @param path - the argument's path (default `job`)
 * @returns `x`, typed
 * @throws InfraError naming the first bad field
 *
 * @example
 * ```ts @import.meta.vitest
 * const job = { id: 'j', gpus: 8, iterationTimeSeconds: 1, communicationPhases: [{ startSeconds: 0.6, durationSeconds: 0.3, bandwidthBytesPerSecond: 5e9 }] };
 * expect(assertTrainingJob(job).gpus).toBe(8);
 * expect(() => assertTrainingJob({ ...job, iterationTimeSeconds: 0 })).toThrow('job.iterationTimeSeconds: must be > 0, got 0');
 * ```
 */
export function assertTrainingJob(x: unknown, path = 'job'): TrainingJob {
  const o = assertPlainObject(x, path);
  assertString(o['id'], `${path}.id`);
  assertInteger(o['gpus'], `${path}.gpus`, { min: 1 });
  const iteration = assertPositive(o['iterationTimeSeconds'], `${path}.iterationTimeSeconds`);
  const phases = o['communicationPhases'];
  if (!Array.isArray(phases)) assertPlainObject(phases, `${path}.communicationPhases`);
  (phases as unknown[]).forEach((p, i) => {
    const q = assertPlainObject(p, `${path}.communicationPhases[${i}]`);
    const start = assertNonNegative(q['startSeconds'], `${path}.communicationPhases[${i}].startSeconds`);
    if (start >= iteration) {
      throw new InfraError('OUT_OF_RANGE', `${path}.communicationPhases[${i}].startSeconds`, `must be < iterationTimeSeconds (${iteration}), got ${start}`);
    }
    assertPositive(q['durationSeconds'], `${path}.communicationPhases[${i}].durationSeconds`);
    assertPositive(q['bandwidthBytesPerSecond'], `${path}.communicationPhases[${i}].bandwidthBytesPerSecond`);
  });
  return x as TrainingJob;
}


/**
 * Validate a {@link NetworkLink}.
 *
 * @param x - the candidate link
 * @param path - the argument's path (default `link`)
 * @returns `x`, typed
 * @throws InfraError naming the first bad field
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(assertNetworkLink({ id: 'l', capacityBytesPerSecond: 12.5e9 }).id).toBe('l');
 * ```
 */
export function assertNetworkLink(x: unknown, path = 'link'): NetworkLink {
  const o = assertPlainObject(x, path);
  assertString(o['id'], `${path}.id`);
  assertPositive(o['capacityBytesPerSecond'], `${path}.capacityBytesPerSecond`);
  if (o['from'] !== undefined) assertString(o['from'], `${path}.from`);
  if (o['to'] !== undefined) assertString(o['to'], `${path}.to`);
  return x as NetworkLink;
}
