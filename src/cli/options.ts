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
      args: joinNegativeValues(argv, spec),
      options: { ...spec, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (error) {
    const unknown = /^Unknown option '(--?[^']+)'/.exec((error as Error).message)?.[1];
    if (unknown !== undefined) {
      const near = nearest(unknown.replace(/^-+/, ''), [...Object.keys(spec), 'help', 'json']);
      const hint = near === undefined ? '' : `; did you mean --${near}?`;
      throw new CliError(
        'USAGE',
        `liqmath ${command}: unknown option ${unknown}${hint} (see liqmath ${command} --help)`,
      );
    }
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

/**
 * `--size -1` as `--size=-1`: a negative number after a flag that takes a value is that value
 * (parseArgs would call it ambiguous), so the library can say what is wrong with it.
 */
function joinNegativeValues(argv: readonly string[], spec: OptionSpec): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k += 1) {
    const arg = argv[k] as string;
    const next = argv[k + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && spec[name]?.type === 'string' && next !== undefined && /^-[0-9.]/.test(next)) {
      out.push(`${arg}=${next}`);
      k += 1;
    } else out.push(arg);
  }
  return out;
}

/** The known flag closest to a mistyped one (at most two edits away), if any. */
function nearest(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of known) {
    const d = distance(typed.slice(0, 40), name);
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return best;
}

/** Levenshtein distance (short strings: flag names). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
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
