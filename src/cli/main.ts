#!/usr/bin/env node
/** The `liqmath` executable: the real process around `run`. */
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { processIo } from './io.js';
import { run } from './run.js';
import { runSweepJob } from './stress.js';
import type { SweepJob } from './sweep.js';

// A reader that stops early (`liqmath … | head`) closes the pipe: that is no error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** The installed package's version, from its package.json (beside dist/, or the repository's). */
function version(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
      if (manifest.name === 'liqmath' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // Not at this path: try the next.
    }
  }
  return 'unknown';
}

if (!isMainThread && (workerData as { sweep?: SweepJob } | null)?.sweep !== undefined) {
  // A worker of `liqmath stress --sweep`: this same file, started on a thread with its job.
  runSweepJob((workerData as { sweep: SweepJob }).sweep, processIo, (message) => parentPort?.postMessage(message));
} else {
  const argv = process.argv.slice(2);
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) processIo.out(`liqmath ${version()}`);
  else {
    const status = run(argv, processIo);
    if (typeof status === 'number') process.exitCode = status;
    else status.then((code) => (process.exitCode = code));
  }
}
