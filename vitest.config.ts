import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*', './vitest.doctest.config.ts'],
    // Tests are pure and CPU-bound: use every core (Vitest's default leaves one idle).
    maxWorkers: availableParallelism(),
    coverage: { provider: 'v8', include: ['packages/*/src/**'] },
  },
});
