// Browser check of the generated API site: serve docs/api on loopback, open the index and one page per
// package in Debian's headless Chromium, and fail on any console error, page error or failed request.
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './shared-data.ts';

const site = join(repoRoot, 'docs', 'api');
const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!existsSync(join(site, 'index.html'))) {
  console.error('docs/api/index.html is missing: run `pnpm docs:build` first');
  process.exit(1);
}
if (executablePath === undefined) {
  console.error('Chromium not found (apt-get install chromium)');
  process.exit(1);
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  // Browsers ask for /favicon.ico on their own; typedoc ships none, so answer "no content".
  if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
  let path = normalize(join(site, decodeURIComponent(url.pathname)));
  if (!path.startsWith(site)) return void res.writeHead(403).end();
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  if (!existsSync(path)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;

// The index, the module list, every package's landing page and entry modules, and one function page per
// package (typedoc's packages mode writes modules/_infra_<name>*.html and functions/_infra_<name>.index.*.html).
const pages = ['index.html', 'modules.html'];
const modulePages = readdirSync(join(site, 'modules')).filter((f) => f.startsWith('_infra_')).sort();
pages.push(...modulePages.map((f) => `modules/${f}`));
const functionPages = existsSync(join(site, 'functions')) ? readdirSync(join(site, 'functions')).sort() : [];
for (const landing of modulePages.filter((f) => !f.slice(0, -5).includes('.'))) {
  const first = functionPages.find((f) => f.startsWith(`${landing.slice(0, -5)}.index.`));
  if (first) pages.push(`functions/${first}`);
}

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
// playwright launches Chromium with a fresh temporary profile (user-data-dir) of its own
const context = await browser.newContext();
let problems = 0;
for (const page of pages) {
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  tab.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  tab.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  tab.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  const response = await tab.goto(`http://127.0.0.1:${port}/${page}`, { waitUntil: 'networkidle' });
  const title = await tab.title();
  const text = (await tab.locator('body').innerText()).length;
  if (response?.status() !== 200) errors.push(`HTTP ${response?.status()}`);
  if (text < 200) errors.push(`page body has only ${text} characters`);
  if (page === 'index.html') await tab.screenshot({ path: join(repoRoot, 'docs', 'api', 'ci-screenshot.png') });
  console.log(`${errors.length === 0 ? 'ok  ' : 'FAIL'} ${page} — "${title}", ${text} characters`);
  for (const e of errors) console.log(`     ${e}`);
  problems += errors.length;
  await tab.close();
}
await browser.close();
server.close();
if (problems > 0) process.exit(1);
console.log(`${pages.length} pages rendered in Chromium with no console errors`);
