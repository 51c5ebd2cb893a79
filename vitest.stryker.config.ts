import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The suite Stryker runs against each mutant of src/: the unit and property tests, without the
// ones that spawn processes or read the build (examples, CLI main job, package, charts), which
// test no src/ line the others miss and would multiply the run time.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      // The differential oracle runs against nearly every mutant: a tenth of its cases (~5 s),
      // with the fixed seed of CI (test/setup.ts) so that a run is reproducible.
      // The old-versus-new differential likewise runs at a tenth.
      env: { LIQMATH_ORACLE_SCALE: '0.1', LIQMATH_DIFF_SCALE: '0.1', CI: 'true' },
      exclude: [
        'test/examples.test.ts',
        'test/docs-examples.test.ts',
        'test/package.test.ts',
        'test/charts.test.ts',
        // These read src/ as text, which Stryker rewrites.
        'test/docs.test.ts',
        'test/architecture.test.ts',
        'node_modules/**',
      ],
    },
  }),
);
