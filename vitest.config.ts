import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*', './vitest.doctest.config.ts'],
    coverage: { provider: 'v8', include: ['packages/*/src/**'] },
  },
});
