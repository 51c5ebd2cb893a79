/**
 * Command-line options: node:util's parseArgs in strict mode, its errors turned into `USAGE`.
 */
import { parseArgs } from 'node:util';
import { CliError } from './io.js';

/** The option declarations parseArgs takes. */
export type OptionSpec = Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>;

/** Parsed options (strings and booleans) and positionals. */
export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Parses `argv` against `spec` (plus `--help` and `--json`), refusing unknown or malformed options. */
export function parseOptions(argv: readonly string[], spec: OptionSpec, command: string): Parsed {
  let parsed: ReturnType<typeof parseArgs<{ tokens: true; strict: true; allowPositionals: true; options: OptionSpec }>>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...spec, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (error) {
    throw new CliError('USAGE', `liqmath ${command}: ${(error as Error).message} (see liqmath ${command} --help)`);
  }
  // A flag given twice (`--size 1 --size 10`) would silently keep the last: say so instead.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) {
      throw new CliError('USAGE', `liqmath ${command}: --${token.name} is given more than once; give it once`);
    }
    seen.add(token.name);
  }
  return { values: parsed.values as Parsed['values'], positionals: parsed.positionals };
}

/** A string option, or undefined. */
export function text(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A choice among `choices`, or undefined; anything else is a usage error naming the choices. */
export function choice<T extends string>(parsed: Parsed, name: string, choices: readonly T[]): T | undefined {
  const value = text(parsed, name);
  if (value === undefined || (choices as readonly string[]).includes(value)) return value as T | undefined;
  throw new CliError('USAGE', `--${name}: got '${value}'; allowed: ${choices.join(', ')}`);
}
