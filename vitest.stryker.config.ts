import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The suite Stryker runs against each mutant of src/: the unit and property tests, without the
// ones that spawn processes or read the build (examples, CLI main job, package, charts), which
// test no src/ line the others miss and would multiply the run time.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'test/examples.test.ts',
        'test/package.test.ts',
        'test/charts.test.ts',
        // These read src/ as text, which Stryker rewrites.
        'test/docs.test.ts',
        'test/architecture.test.ts',
        // The differential oracle covers every line, so it would run (30 s) against nearly every
        // mutant; the unit and property tests stand for it here.
        'test/oracle/**',
        'node_modules/**',
      ],
    },
  }),
);
