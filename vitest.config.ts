import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run many cases; a fixed seed per run keeps failures reproducible (see test/arbitraries.ts).
    testTimeout: 30_000,
  },
});
