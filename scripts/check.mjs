#!/usr/bin/env node
// Every check of the project, in order: `npm test` runs this file and `.ci/run` runs `npm test`.
// It runs all steps even after a failure (so one run shows every problem), prints a summary,
// and ends with the line CI reads: "N passed, M failed" (each unit test counts once, and each
// other step counts as one check).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = '.vitest-results.json';
const E2E_RESULTS = '.vitest-e2e-results.json';
const CHROMIUM = '/usr/bin/chromium';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

// Each step is an npm script of the same name, so every check also runs alone
// (`npm run typecheck`, `npm run test:unit`, ...); extra arguments only add reporters.
const steps = [
  // The build comes first: the examples and their tests import 'liqmath' itself, which resolves
  // (package self-reference) to dist/ — they check what ships.
  { name: 'build', script: 'build' },
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  {
    name: 'test:unit',
    script: 'test:unit',
    args: ['--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}`],
    tests: RESULTS,
  },
  { name: 'test:cli', script: 'test:cli' },
  {
    name: 'test:e2e',
    script: 'test:e2e',
    args: ['--reporter=default', '--reporter=json', `--outputFile.json=${E2E_RESULTS}`],
    tests: E2E_RESULTS,
    // In CI the script installs Chromium when it is missing (scripts/ensure-chromium.mjs); elsewhere
    // a machine without it skips the browser test, says how to get it, and the skip is not a pass.
    skip: () =>
      !inCi && !existsSync(CHROMIUM)
        ? `${CHROMIUM} not found. Install it (Debian/Ubuntu: sudo apt-get install chromium), or run with CI=true to have this script install it.`
        : null,
  },
  { name: 'size', script: 'size' },
  { name: 'lint:package', script: 'lint:package' },
  { name: 'docs:check', script: 'docs:check' },
];

rmSync(RESULTS, { force: true });
rmSync(E2E_RESULTS, { force: true });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const outcomes = [];
for (const step of steps) {
  const reason = step.skip?.() ?? null;
  const args = ['run', '-s', step.script, ...(step.args ? ['--', ...step.args] : [])];
  console.log(`\n━━ ${step.name}: npm ${args.join(' ')}`);
  if (reason !== null) {
    console.log(`skipped: ${reason}`);
    outcomes.push({ ...step, skipped: reason, ok: true, seconds: '0.0' });
    continue;
  }
  const started = performance.now();
  const run = spawnSync(npm, args, { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  outcomes.push({ ...step, ok: run.status === 0, seconds });
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log('\n━━ summary');
for (const outcome of outcomes) {
  if (outcome.skipped) {
    skipped += 1;
    console.log(`SKIP ${outcome.name}: ${outcome.skipped}`);
    continue;
  }
  console.log(`${outcome.ok ? 'ok  ' : 'FAIL'} ${outcome.name} (${outcome.seconds} s)`);
  if (outcome.tests) {
    const counts = testCounts(outcome.tests);
    passed += counts.passed;
    failed += counts.failed;
  } else if (outcome.ok) passed += 1;
  else failed += 1;
}
if (skipped > 0) console.log(`${skipped} step(s) skipped, not counted as passed`);
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
