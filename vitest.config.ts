import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Property tests: a fixed seed under CI, a fresh one locally (see test/setup.ts).
    testTimeout: 30_000,
  },
});
