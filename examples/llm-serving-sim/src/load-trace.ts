import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfraError } from '@infra/types';
import { parseAzureTrace, type AzureTrace } from './azure-trace.js';

/**
 * Where the Azure code trace lives inside a data folder (`<dataDir>/azure-llm-2023/code.csv`).
 *
 * @param dataDir - the folder holding the shared data sets, or undefined
 * @returns the file path when it exists, else undefined
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(azureCodeTracePath('/nonexistent-folder')).toBeUndefined();
 * ```
 */
export function azureCodeTracePath(dataDir: string | undefined): string | undefined {
  if (dataDir === undefined) return undefined;
  const path = join(dataDir, 'azure-llm-2023', 'code.csv');
  return existsSync(path) ? path : undefined;
}

/**
 * Read and parse an Azure LLM inference trace CSV from disk (any of the 2023 / 2024 code or conversation
 * files; a user-supplied path is fine).
 *
 * @param path - the CSV file
 * @returns the parsed trace
 * @throws InfraError `INVALID_ARGUMENT` when the file cannot be read, or the parser's errors
 *
 * @example
 * ```ts @import.meta.vitest
 * expect(() => loadAzureTrace('/nonexistent.csv')).toThrow('path');
 * ```
 */
export function loadAzureTrace(path: string): AzureTrace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InfraError('INVALID_ARGUMENT', 'path', `cannot read ${path}: ${(e as Error).message}`);
  }
  return parseAzureTrace(text);
}
