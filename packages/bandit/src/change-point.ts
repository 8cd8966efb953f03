import { InfraError, assertInteger, assertPlainObject, type Decision, type Rng } from './infra-types.js';
import { armIndex, type ArmId } from './arms.js';
import type { BanditFeedback, BanditPolicy, BanditState } from './policy.js';
import { assertStateArray } from './state-checks.js';
import { zeros } from './zeros.js';
import { numberOption } from './options.js';

/** Two-sided Page–Hinkley statistics, one entry per arm. */
export interface PageHinkleyStats {
  /** Observations since the arm's last reset. */
  readonly n: readonly number[];
  /** Running mean since the last reset. */
  readonly mean: readonly number[];
  /** Cumulative Σ(x − x̄ − δ) (detects increases). */
  readonly up: readonly number[];
  /** Minimum of `up` so far. */
  readonly upMin: readonly number[];
  /** Cumulative Σ(x − x̄ + δ) (detects decreases). */
  readonly down: readonly number[];
  /** Maximum of `down` so far. */
  readonly downMax: readonly number[];
}

/** State of {@link changePointReset}: the wrapped policy's state plus the detectors. */
export interface ChangePointState<S extends BanditState> extends BanditState {
  /** The wrapped policy's state. */
  readonly inner: S;
  /** Page–Hinkley statistics per arm. */
  readonly detector: PageHinkleyStats;
  /** Number of change points detected so far. */
  readonly alarms: number;
}

/** Options of {@link changePointReset}. */
export interface ChangePointOptions {
  /** Tolerated drift δ ≥ 0 (default 1 % of the reward range, or 0.01 when unbounded). */
  readonly delta?: number | undefined;
  /** Alarm threshold λ > 0 (default 10 × the reward range width, or 10 when unbounded). */
  readonly threshold?: number | undefined;
  /** Observations an arm needs before it can raise an alarm (default 10). */
  readonly minSamples?: number | undefined;
  /** What an alarm resets: every arm (default; a global change) or only the alarming arm. */
  readonly reset?: 'all' | 'arm' | undefined;
}

const KEYS = ['n', 'mean', 'up', 'upMin', 'down', 'downMax'] as const;

function freshDetector(k: number): PageHinkleyStats {
  const z = (): number[] => zeros(k);
  return { n: z(), mean: z(), up: z(), upMin: z(), down: z(), downMax: z() };
}

function mapDetector(d: PageHinkleyStats, f: (xs: readonly number[]) => number[]): PageHinkleyStats {
  return { n: f(d.n), mean: f(d.mean), up: f(d.up), upMin: f(d.upMin), down: f(d.down), downMax: f(d.downMax) };
}

/**
 * Wrap any bandit policy with a per-arm two-sided Page–Hinkley change detector (Page 1954; Hinkley 1971):
 * for arm a, mₜ = Σ(xᵢ − x̄ᵢ − δ) and alarm when mₜ − min mᵢ > λ (and symmetrically for decreases). An
 * alarm resets the wrapped policy's statistics (all arms, or only the alarming arm) and the detectors;
 * lifetime pulls are kept. Decisions, probabilities and floors are the wrapped policy's.
 *
 * @param policy - the policy to wrap
 * @param options - δ, λ, minimum samples, reset scope
 * @returns the wrapped policy
 * @throws InfraError naming a bad option
 *
 * @example
 * ```ts @import.meta.vitest
 * const base = { name: 'counter', kind: 'bandit/counter', rewardRange: [0, 1] as const, dimension: 0,
 *   init: () => ({ version: 1 as const, arms: [0], pulls: [0], total: 0 }),
 *   decide: () => ({ action: 0, probabilities: [1], propensity: 1 }),
 *   update: (s: { version: 1; arms: number[]; pulls: number[]; total: number }, f: { reward: number }) =>
 *     ({ ...s, pulls: [s.pulls[0]! + 1], total: s.total + f.reward }),
 *   minProbability: () => 0, estimates: () => [0], addArm: (s: never) => s, removeArm: (s: never) => s,
 *   resetArm: (s: { version: 1; arms: number[]; pulls: number[]; total: number }) => ({ ...s, total: 0 }),
 *   validate: (s: unknown) => s as never };
 * const policy = changePointReset(base as never, { threshold: 3 }) as unknown as typeof base & { update: (s: any, f: any) => any; init: () => any };
 * let s = policy.init();
 * for (let i = 0; i < 20; i++) s = policy.update(s, { action: 0, reward: 0 });
 * for (let i = 0; i < 10; i++) s = policy.update(s, { action: 0, reward: 1 });
 * expect(s.alarms).toBe(1);
 * expect(s.inner.total).toBeLessThan(10);
 * ```
 */
export function changePointReset<S extends BanditState, C>(
  policy: BanditPolicy<S, C>,
  options: ChangePointOptions = {},
): BanditPolicy<ChangePointState<S>, C> {
  assertPlainObject(options, 'options');
  const [lo, hi] = policy.rewardRange;
  const width = Number.isFinite(hi - lo) ? hi - lo : 1;
  const delta = numberOption(options.delta, 0.01 * width, 'options.delta');
  const lambda = numberOption(options.threshold, 10 * width, 'options.threshold', 0, true);
  const minSamples = assertInteger(options.minSamples ?? 10, 'options.minSamples', { min: 1 });
  const scope = options.reset ?? 'all';
  if (scope !== 'all' && scope !== 'arm') throw new InfraError('INVALID_ARGUMENT', 'options.reset', "must be 'all' or 'arm'");
  const wrap = (inner: S, detector: PageHinkleyStats, alarms: number): ChangePointState<S> => ({
    version: 1,
    arms: inner.arms,
    pulls: inner.pulls,
    inner,
    detector,
    alarms,
  });
  return {
    name: `${policy.name}+page-hinkley`,
    kind: `${policy.kind}+page-hinkley`,
    rewardRange: policy.rewardRange,
    dimension: policy.dimension,
    init: (): ChangePointState<S> => {
      const inner = policy.init();
      return wrap(inner, freshDetector(inner.arms.length), 0);
    },
    decide: (state: ChangePointState<S>, context: C, rng: Rng): Decision<ArmId> => policy.decide(state.inner, context, rng),
    update(state: ChangePointState<S>, feedback: BanditFeedback): ChangePointState<S> {
      let inner = policy.update(state.inner, feedback);
      const i = armIndex(inner.arms, feedback.action, 'feedback.action');
      const x = feedback.reward;
      const d = state.detector;
      const n = (d.n[i] as number) + 1;
      const mean = (d.mean[i] as number) + (x - (d.mean[i] as number)) / n;
      const up = (d.up[i] as number) + x - mean - delta;
      const upMin = Math.min(d.upMin[i] as number, up);
      const down = (d.down[i] as number) + x - mean + delta;
      const downMax = Math.max(d.downMax[i] as number, down);
      const alarm = n >= minSamples && (up - upMin > lambda || downMax - down > lambda);
      if (!alarm) {
        const set = (xs: readonly number[], v: number): number[] => {
          const c = xs.slice();
          c[i] = v;
          return c;
        };
        const detector = {
          n: set(d.n, n),
          mean: set(d.mean, mean),
          up: set(d.up, up),
          upMin: set(d.upMin, upMin),
          down: set(d.down, down),
          downMax: set(d.downMax, downMax),
        };
        return wrap(inner, detector, state.alarms);
      }
      if (scope === 'all') {
        for (const id of inner.arms) inner = policy.resetArm(inner, id);
        return wrap(inner, freshDetector(inner.arms.length), state.alarms + 1);
      }
      inner = policy.resetArm(inner, feedback.action);
      return wrap(inner, mapDetector(d, (xs) => xs.map((v, j) => (j === i ? 0 : v))), state.alarms + 1);
    },
    minProbability: (state: ChangePointState<S>): number => policy.minProbability(state.inner),
    estimates: (state: ChangePointState<S>, context: C): number[] => policy.estimates(state.inner, context),
    addArm(state: ChangePointState<S>, id: ArmId): ChangePointState<S> {
      const inner = policy.addArm(state.inner, id);
      return wrap(inner, mapDetector(state.detector, (xs) => [...xs, 0]), state.alarms);
    },
    removeArm(state: ChangePointState<S>, id: ArmId): ChangePointState<S> {
      const i = armIndex(state.arms, id, 'id');
      const inner = policy.removeArm(state.inner, id);
      return wrap(inner, mapDetector(state.detector, (xs) => xs.filter((_, j) => j !== i)), state.alarms);
    },
    resetArm(state: ChangePointState<S>, id: ArmId): ChangePointState<S> {
      const i = armIndex(state.arms, id, 'id');
      const inner = policy.resetArm(state.inner, id);
      return wrap(inner, mapDetector(state.detector, (xs) => xs.map((v, j) => (j === i ? 0 : v))), state.alarms);
    },
    validate(x: unknown, path: string): ChangePointState<S> {
      const o = assertPlainObject(x, path);
      if (o['version'] !== 1) throw new InfraError('VERSION_MISMATCH', `${path}.version`, 'expected version 1');
      const inner = policy.validate(o['inner'], `${path}.inner`);
      const k = inner.arms.length;
      if (JSON.stringify(o['arms']) !== JSON.stringify(inner.arms)) {
        throw new InfraError('INVALID_STATE', `${path}.arms`, 'must equal inner.arms');
      }
      if (JSON.stringify(o['pulls']) !== JSON.stringify(inner.pulls)) {
        throw new InfraError('INVALID_STATE', `${path}.pulls`, 'must equal inner.pulls');
      }
      const dobj = assertPlainObject(o['detector'], `${path}.detector`);
      const parts = {} as Record<(typeof KEYS)[number], number[]>;
      for (const key of KEYS) {
        parts[key] = assertStateArray(dobj[key], `${path}.detector.${key}`, k, key === 'n' ? 'count' : 'finite');
      }
      const alarms = assertInteger(o['alarms'], `${path}.alarms`, { min: 0 });
      return wrap(inner, parts, alarms);
    },
  };
}
