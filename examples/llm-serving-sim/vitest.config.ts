import { doctest } from 'vite-plugin-doctest';
import { packageProject } from '../../vitest.shared.ts';

// The root doctest project only covers packages/*/src, so this example runs its own TSDoc examples.
const base = packageProject('example-llm-serving-sim');
export default { ...base, plugins: [doctest()], test: { ...base.test, includeSource: ['src/**/*.ts'] } };
