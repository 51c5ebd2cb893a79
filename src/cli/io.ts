/**
 * What the CLI touches outside itself, passed in so the commands are testable in-process:
 * output streams, the files it reads, the working directory.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseJson } from './json.js';

/** The CLI's view of the outside world. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly readText: (path: string) => string;
  readonly cwd: string;
}

/** The CLI's own error codes, next to liqmath's: usage and file problems. */
export type CliErrorCode =
  | 'USAGE'
  | 'FILE_NOT_READABLE'
  | 'FILE_NOT_UTF8'
  | 'FILE_NOT_JSON'
  | 'ACCOUNT_FILE_INVALID'
  | 'BOOK_FILE_INVALID';

/** A problem with the command line or a file it names (a library error is a LiqMathError). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The real process: stdout, stderr, the file system. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readText: (path) => {
    const bytes = readFileSync(path);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // Replacing bad bytes would change what the file says: refuse it instead.
      throw new CliError('FILE_NOT_UTF8', `${path} is not valid UTF-8`);
    }
  },
  cwd: process.cwd(),
};

/** A JSON file, read relative to `base`; `label` names it in errors (`--tiers`, `account.markets.BTCUSDT.tiers`). */
export function readJson(io: CliIo, path: string, base: string, label: string): { value: unknown; dir: string } {
  const full = resolve(base, path);
  let text: string;
  try {
    text = io.readText(full);
  } catch (error) {
    if (error instanceof CliError) throw new CliError(error.code, `${label}: ${error.message}`);
    throw new CliError('FILE_NOT_READABLE', `${label}: cannot read ${full} (${(error as Error).message})`);
  }
  try {
    // Numbers a double cannot give back exactly stay text; nesting is bounded; a BOM is skipped.
    return { value: parseJson(text), dir: dirname(full) };
  } catch (error) {
    throw new CliError('FILE_NOT_JSON', `${label}: ${full} is not JSON (${(error as Error).message})`);
  }
}
