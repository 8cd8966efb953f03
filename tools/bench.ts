// `pnpm bench`: run every package's benchmark suite (packages/*/bench/index.ts) with its Python peer in the
// same run, print a side-by-side table and write docs/benchmarks.md. Not part of CI's pass/fail.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { peerPython, type BenchRow, type BenchSuite, type Timing } from './bench-kit.ts';
import { repoRoot } from './shared-data.ts';

function ensurePythonPeers(): string {
  const probe = (): boolean => {
    try {
      execFileSync(peerPython, ['-c', 'import numpy, scipy, sklearn'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (probe()) return `${peerPython}: numpy/scipy/sklearn present`;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy python3-scipy python3-sklearn'], { stdio: 'ignore' });
    } catch {
      /* reported below */
    }
  }
  return probe() ? `${peerPython}: numpy/scipy/sklearn installed from Debian` : `${peerPython}: numpy/scipy/sklearn unavailable — peers that need them are reported as not measured`;
}

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
console.log(ensurePythonPeers());
const packagesDir = join(repoRoot, 'packages');
const rows: BenchRow[] = [];
for (const pkg of readdirSync(packagesDir).sort()) {
  const suitePath = join(packagesDir, pkg, 'bench', 'index.ts');
  if (!existsSync(suitePath) || (only.length > 0 && !only.includes(pkg))) continue;
  console.log(`\n▶ ${pkg}`);
  const mod = (await import(pathToFileURL(suitePath).href)) as { default: BenchSuite };
  const got = await mod.default();
  for (const r of got) console.log(`  ${r.name} [${r.size}]: ${fmt(r.ours)}${r.peer ? ` | ${r.peer.name}: ${fmt(r.peer.timing)} | ×${ratio(r)}` : ''}`);
  rows.push(...got);
}

function us(x: number): string {
  return x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : x >= 10 ? `${x.toFixed(1)} µs` : `${x.toFixed(2)} µs`;
}
function fmt(t: Timing): string {
  return `median ${us(t.medianUs)}, p99 ${us(t.p99Us)}, ${t.opsPerSec >= 1e6 ? `${(t.opsPerSec / 1e6).toFixed(2)} M` : t.opsPerSec >= 1e3 ? `${(t.opsPerSec / 1e3).toFixed(1)} k` : t.opsPerSec.toFixed(1)} ops/s`;
}
function ratio(r: BenchRow): string {
  return r.peer ? (r.peer.timing.medianUs / r.ours.medianUs).toFixed(1) : '—';
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '# Benchmarks',
  '',
  `Measured by \`pnpm bench\` on ${cpus().length} × ${cpu}, Node ${process.version}. Peers run in the same`,
  'run on the same machine; "×" is the peer\'s median divided by ours (higher is better for us). Figures from',
  'a shared machine vary by about ±20 % between runs.',
  '',
  '| package | benchmark | size | ours: median / p99 | ops/s | peer | peer median | × | goal | note |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.package} | ${r.name} | ${r.size} | ${us(r.ours.medianUs)} / ${us(r.ours.p99Us)} | ${Math.round(r.ours.opsPerSec).toLocaleString('en-US')} | ${r.peer?.name ?? '—'} | ${r.peer ? us(r.peer.timing.medianUs) : '—'} | ${ratio(r)} | ${r.goal ?? ''} | ${r.note ?? ''} |`,
  ),
  '',
];
if (only.length === 0) {
  writeFileSync(join(repoRoot, 'docs', 'benchmarks.md'), lines.join('\n'));
  console.log('\nwritten docs/benchmarks.md');
} else {
  console.log(lines.join('\n'));
}
