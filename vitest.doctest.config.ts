import { defineConfig } from 'vitest/config';
import { doctest } from 'vite-plugin-doctest';
import { sourceConditions } from './vitest.shared.ts';

export default defineConfig({
  plugins: [doctest()],
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    name: 'doctest',
    include: [],
    includeSource: ['packages/*/src/**/*.ts'],
    setupFiles: ['./tools/vitest.fast-check.setup.ts'],
  },
});
