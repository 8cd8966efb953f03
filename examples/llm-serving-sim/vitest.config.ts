import { packageProject } from '../../vitest.shared.ts';

export default packageProject('example-llm-serving-sim');
