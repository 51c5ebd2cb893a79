import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// A narrower suite for mutating the exact engine alone (`npm run mutate:engine`): the suites that
// exercise its answers (published vectors, properties, the oracle and the old-versus-new
// differential at a tenth, extremes, prepared inputs, partial liquidation), without the
// bad-input matrices, whose thousands of cases test the boundary, not the engine.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      env: { LIQMATH_ORACLE_SCALE: '0.1', LIQMATH_DIFF_SCALE: '0.1', CI: 'true' },
      include: [
        'test/published-*.test.ts',
        'test/liquidation*.test.ts',
        'test/venues/*.test.ts',
        'test/engine/close.test.ts',
        'test/features/partial/policies.test.ts',
        'test/features/settlement/settlement-adl.test.ts',
        'test/edges.test.ts',
        'test/extremes.test.ts',
        'test/features/liquidation/prepared.test.ts',
        'test/engine/engine-v2-differential.test.ts',
        'test/oracle/oracle.test.ts',
        'test/core/decimal.test.ts',
        'test/core/parser.property.test.ts',
        'test/model/tier-margin.test.ts',
        'test/core/exact.test.ts',
        'test/oracle/close-without-lot.test.ts',
      ],
      exclude: ['test/liquidation-index*.test.ts', 'node_modules/**'],
    },
  }),
);
