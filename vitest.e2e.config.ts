import { defineConfig } from 'vitest/config';

// End-to-end tests: the built package in a real browser. Run by `npm test` after the build
// (step "browser end-to-end"), and alone with `npm run test:e2e` after `npm run build`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
