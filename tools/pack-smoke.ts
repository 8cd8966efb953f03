// Pack-and-install smoke test: how users meet us. For every published package: `pnpm pack` it (and the
// workspace packages it depends on), `npm install` the tarballs alone into a fresh temporary project (no
// workspace links), import every entry point from ESM and from CJS, and type-check a consumer .ts file
// against the published types.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './shared-data.ts';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
}

/**
 * Names each entry point must export as functions, by import specifier: the issues' acceptance checks import
 * the main-entry ones; subpath entries list what moved there.
 */
const required: Record<string, string[]> = {
  '@infra/types': ['InfraError', 'createRng', 'rngFromState', 'serializeState', 'deserializeState', 'normalQuantile', 'findRoot', 'definePolicy'],
  '@infra/bandit': ['epsilonGreedy', 'ucb1', 'thompsonBeta', 'thompsonGaussian', 'softmax', 'exp3', 'linUCB', 'linTS', 'squareCB', 'ips', 'snips', 'doublyRobust'],
  '@infra/bandit/hybrid': ['hybridLinUCB'],
  '@infra/bandit/kl-ucb': ['klUCB', 'bernoulliKl'],
  '@infra/queue-estimator': ['erlangB', 'erlangC', 'allenCunneen', 'kingman', 'pollaczekKhinchine', 'minServers', 'estimateWait'],
  '@infra/queue-estimator/scheduler': ['planSchedule', 'edfCheck', 'heuristicSequences', 'branchAndBound', 'planCost', 'validateProblem'],
  '@infra/failure-model': ['kaplanMeier', 'fitWeibull', 'fitExponential', 'youngInterval', 'dalyInterval', 'xidAction', 'lemonNodes', 'ettr'],
};

const run = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });

const packagesDir = join(repoRoot, 'packages');
const manifests = new Map<string, { dir: string; manifest: Manifest }>();
for (const entry of readdirSync(packagesDir)) {
  const dir = join(packagesDir, entry);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  if (!manifest.private) manifests.set(manifest.name, { dir, manifest });
}

const work = mkdtempSync(join(tmpdir(), 'infra-smoke-'));
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
const tarballOf = new Map<string, string>();
for (const [name, { dir }] of manifests) {
  const out = run('pnpm', ['pack', '--pack-destination', tarballs], dir).trim().split('\n').pop() ?? '';
  tarballOf.set(name, out.trim());
}

function workspaceClosure(name: string, acc = new Set<string>()): Set<string> {
  acc.add(name);
  for (const dep of Object.keys(manifests.get(name)?.manifest.dependencies ?? {})) {
    if (manifests.has(dep) && !acc.has(dep)) workspaceClosure(dep, acc);
  }
  return acc;
}

let failures = 0;
for (const [name, { manifest }] of manifests) {
  const project = join(work, name.replace('@infra/', ''));
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke-consumer', private: true, type: 'module' }));
  const closure = [...workspaceClosure(name)].map((n) => tarballOf.get(n)!);
  try {
    run('npm', ['install', '--no-audit', '--no-fund', ...closure, 'fast-check@4.10.2'], project);
    const subpaths = Object.keys(manifest.exports).filter((k) => k !== './package.json');
    const specifiers = subpaths.map((p) => (p === '.' ? name : `${name}/${p.slice(2)}`));
    const names = specifiers.map((s) => required[s] ?? []);
    // ESM: import every entry point and check the required names are functions / classes.
    writeFileSync(
      join(project, 'esm.mjs'),
      specifiers.map((s, i) => `import * as m${i} from '${s}';`).join('\n') +
        `\nconst mods = [${specifiers.map((_, i) => `m${i}`).join(', ')}];\n` +
        `if (mods.some((m) => Object.keys(m).length === 0)) throw new Error('an entry point exports nothing');\n` +
        `${JSON.stringify(names)}.forEach((ns, i) => { for (const n of ns) if (typeof mods[i][n] !== 'function') throw new Error('missing export ' + n); });\n` +
        `console.log('esm ok', mods.map((m) => Object.keys(m).length).join('+'));\n`,
    );
    // CJS: require every entry point.
    writeFileSync(
      join(project, 'cjs.cjs'),
      `const mods = ${JSON.stringify(specifiers)}.map((s) => require(s));\n` +
        `if (mods.some((m) => Object.keys(m).length === 0)) throw new Error('an entry point exports nothing');\n` +
        `${JSON.stringify(names)}.forEach((ns, i) => { for (const n of ns) if (typeof mods[i][n] !== 'function') throw new Error('missing export ' + n); });\n` +
        `console.log('cjs ok');\n`,
    );
    // Types: a consumer that imports every entry point under NodeNext resolution, strict.
    writeFileSync(
      join(project, 'consumer.ts'),
      specifiers.map((s, i) => `import * as m${i} from '${s}';`).join('\n') +
        `\nexport const entryPoints: readonly object[] = [${specifiers.map((_, i) => `m${i}`).join(', ')}];\n` +
        names.flatMap((ns, i) => ns.map((n) => `export const has_${i}_${n}: typeof m${i}.${n} = m${i}.${n};`)).join('\n') +
        '\n',
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, types: [] }, files: ['consumer.ts'] }),
    );
    console.log(`${name}: ${run('node', ['esm.mjs'], project).trim()}; ${run('node', ['cjs.cjs'], project).trim()}`);
    run(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], project);
    console.log(`${name}: consumer.ts type-checks against the published types`);
  } catch (e) {
    failures++;
    const err = e as { stdout?: string; stderr?: string; message: string };
    console.error(`${name}: FAILED\n${err.stdout ?? ''}${err.stderr ?? err.message}`);
  }
}
rmSync(work, { recursive: true, force: true });
if (failures > 0) {
  console.error(`${failures} package(s) failed the pack-and-install smoke test`);
  process.exit(1);
}
console.log(`all ${manifests.size} packages install alone from their tarballs and load from ESM, CJS and TypeScript`);
