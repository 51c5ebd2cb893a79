#!/usr/bin/env node
/** The `liqmath` executable: the real process around `run`. */
import { processIo } from './io.js';
import { run } from './run.js';

// A reader that stops early (`liqmath … | head`) closes the pipe: that is no error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = run(process.argv.slice(2), processIo);
