// `pnpm demo`: run every composed example (examples/*) on its embedded default workload — or on the real
// public traces when ../shared/data is present or `--data <folder>` names a copy — print a readable summary
// and write reports/demo.md.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, sharedDataDir } from './shared-data.ts';

interface DemoSection {
  title: string;
  summary: string[];
  markdown: string;
}

const args = process.argv.slice(2);
const dataFlag = args.indexOf('--data');
const synthetic = args.includes('--synthetic');
const dataDir = dataFlag >= 0 ? args[dataFlag + 1] : synthetic ? undefined : sharedDataDir();
if (dataFlag >= 0 && (dataDir === undefined || !existsSync(dataDir))) {
  console.error(`--data: folder not found: ${dataDir ?? '(missing value)'}`);
  process.exit(2);
}

const examplesDir = join(repoRoot, 'examples');
const examples = readdirSync(examplesDir).filter((e) => existsSync(join(examplesDir, e, 'src', 'index.ts'))).sort();
console.log(`@infra demo — ${examples.length} example(s); data: ${dataDir ?? 'embedded generators (no ../shared/data)'}\n`);

const sections: string[] = [];
let failures = 0;
for (const name of examples) {
  const t0 = process.hrtime.bigint();
  try {
    const mod = (await import(pathToFileURL(join(examplesDir, name, 'src', 'index.ts')).href)) as {
      demo?: (opts: { dataDir?: string | undefined }) => Promise<DemoSection>;
    };
    if (typeof mod.demo !== 'function') continue;
    const section = await mod.demo({ dataDir });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`■ ${section.title}  (${seconds.toFixed(1)} s)`);
    for (const line of section.summary) console.log(`  ${line}`);
    console.log();
    sections.push(`## ${section.title}\n\n${section.markdown.trim()}\n`);
  } catch (e) {
    failures++;
    console.error(`✗ ${name}: ${(e as Error).stack ?? String(e)}\n`);
  }
}

const reportDir = join(repoRoot, 'reports');
mkdirSync(reportDir, { recursive: true });
const report = join(reportDir, 'demo.md');
writeFileSync(
  report,
  `# @infra demo report\n\nData: ${dataDir ? `real public traces from \`${dataDir}\`` : 'embedded generators calibrated to the public traces'}.\n` +
    `Node ${process.version}.\n\n${sections.join('\n')}`,
);
console.log(`report written to ${report}`);
if (failures > 0) process.exit(1);
