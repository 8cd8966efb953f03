import { defineConfig, type Options } from 'tsup';

/** The one tsup configuration every package uses; entries mirror package.json "exports". */
export function packageBuild(entry: string[] = ['src/index.ts', 'src/testing.ts']): Options | Options[] {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    sourcemap: true,
    clean: true,
    target: 'es2022',
  }) as Options | Options[];
}
