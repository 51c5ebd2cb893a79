#!/usr/bin/env node
// Every check of the project, in order: `npm test` runs this file and `.ci/run` runs `npm test`.
// It runs all steps even after a failure (so one run shows every problem), prints a summary,
// and ends with the line CI reads: "N passed, M failed" (each unit test counts once, and each
// other step counts as one check).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const RESULTS = '.vitest-results.json';
const E2E_RESULTS = '.vitest-e2e-results.json';

const steps = [
  { name: 'typecheck', cmd: [bin('tsc'), '--noEmit'] },
  { name: 'lint (biome)', cmd: [bin('biome'), 'check', '.'] },
  { name: 'build (tsup: ESM + CJS + d.ts)', cmd: [bin('tsup')] },
  {
    name: 'unit + property tests (vitest)',
    cmd: [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}`],
    tests: RESULTS,
  },
  {
    name: 'CLI on the bundled example (built bin)',
    cmd: ['node', 'dist/cli.js', 'account', 'examples/account.json'],
  },
  { name: 'Chromium for the browser test (apt-get when missing)', cmd: ['node', 'scripts/ensure-chromium.mjs'] },
  {
    name: 'browser end-to-end (headless Chromium, examples/browser)',
    cmd: [
      bin('vitest'),
      'run',
      '--config',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${E2E_RESULTS}`,
    ],
    tests: E2E_RESULTS,
  },
  { name: 'bundle size budgets (size-limit, min+gzip)', cmd: [bin('size-limit')] },
  { name: 'package lint (publint --strict)', cmd: [bin('publint'), '--strict'] },
  { name: 'package types (are-the-types-wrong)', cmd: [bin('attw'), '--pack', '.'] },
  {
    name: 'API docs (typedoc, warnings are errors)',
    cmd: [bin('typedoc'), '--emit', 'none', '--treatWarningsAsErrors'],
  },
];

rmSync(RESULTS, { force: true });
rmSync(E2E_RESULTS, { force: true });
const outcomes = [];
for (const step of steps) {
  console.log(`\n━━ ${step.name}: ${step.cmd.join(' ')}`);
  const started = performance.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  outcomes.push({ ...step, ok: run.status === 0, seconds });
}

let passed = 0;
let failed = 0;
console.log('\n━━ summary');
for (const outcome of outcomes) {
  console.log(`${outcome.ok ? 'ok  ' : 'FAIL'} ${outcome.name} (${outcome.seconds} s)`);
  if (outcome.tests) {
    const counts = testCounts(outcome.tests);
    passed += counts.passed;
    failed += counts.failed;
  } else if (outcome.ok) passed += 1;
  else failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(outcomes.every((o) => o.ok) && failed === 0 ? 0 : 1);

function testCounts(results) {
  const failedRun = { passed: 0, failed: 1 };
  if (!existsSync(results)) return failedRun;
  try {
    const json = JSON.parse(readFileSync(results, 'utf8'));
    // A file that fails to load has no test results but counts as a failure.
    const broken = json.numFailedTestSuites > 0 && json.numFailedTests === 0 ? 1 : 0;
    return { passed: json.numPassedTests, failed: json.numFailedTests + broken };
  } catch {
    return failedRun;
  }
}
