// Locates the real public data sets (../shared/data beside the repository, or INFRA_SHARED_DATA).
// Tests that need them skip with a clear message when they are absent; nothing is copied into the repo.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding pnpm-workspace.yaml). */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared data folder: $INFRA_SHARED_DATA, else ../shared/data beside the repository; undefined when absent. */
export function sharedDataDir(): string | undefined {
  const env = process.env['INFRA_SHARED_DATA'];
  const candidates = env ? [env] : [join(repoRoot, '..', 'shared', 'data')];
  return candidates.find((dir) => existsSync(dir));
}

/** Path of one data file under the shared data folder, or undefined when it is not there. */
export function sharedDataPath(...segments: string[]): string | undefined {
  const dir = sharedDataDir();
  if (dir === undefined) return undefined;
  const path = join(dir, ...segments);
  return existsSync(path) ? path : undefined;
}

/** The message real-data tests print when they skip. */
export function missingDataMessage(...segments: string[]): string {
  return `real-data test skipped: ${join('..', 'shared', 'data', ...segments)} not found (set INFRA_SHARED_DATA to its folder to run it)`;
}
