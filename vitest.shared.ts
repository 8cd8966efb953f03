import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/** Resolve sibling workspace packages to their TypeScript source (no build needed). */
export const sourceConditions: string[] = ['@infra/source', 'module', 'node', 'development|production'];

/**
 * The one Vitest project definition every package and example uses: tests beside the code,
 * Node environment, workspace packages resolved to source, FC_SEED / FC_NUM_RUNS honoured.
 */
export function packageProject(name: string): UserWorkspaceConfig {
  return defineProject({
    ssr: { resolve: { conditions: sourceConditions } },
    test: {
      name,
      include: ['src/**/*.test.ts'],
      environment: 'node',
      setupFiles: [new URL('./tools/vitest.fast-check.setup.ts', import.meta.url).pathname],
      testTimeout: 60_000,
    },
  });
}
