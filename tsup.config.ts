import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: platform-neutral ESM and CJS with their own declarations.
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    // No source maps: the JavaScript is not minified, so stack traces already point at readable
    // code, and maps (with their embedded sources) were 1 MB of a 1.6 MB package. docs/packaging.md.
    sourcemap: false,
    clean: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
    external: ['big.js'],
  },
  {
    // The `liqmath` executable: one ESM file for Node (it carries its own copy of the library code).
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: false,
    clean: false,
    treeshake: true,
    target: 'node20',
    platform: 'node',
    external: ['big.js'],
  },
]);
