/**
 * The documentation is tested like code:
 * - every export of the package has TSDoc with an `@example`;
 * - every `@example` runs, and each `expression; //=> value` line in it is checked;
 * - every error code is documented in docs/errors.md.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LIQMATH_ERROR_CODES } from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const indexPath = `${root}src/index.ts`;

interface Documented {
  readonly name: string;
  readonly examples: readonly string[];
}

function documentedExports(): Documented[] {
  const program = ts.createProgram([indexPath], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(indexPath);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error('cannot read src/index.ts');
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const examples = (symbol.declarations ?? [])
      .flatMap((declaration) => ts.getJSDocTags(declaration))
      .filter((tag) => tag.tagName.text === 'example')
      .map((tag) => ts.getTextOfJSDocComment(tag.comment) ?? '');
    return { name: exported.getName(), examples };
  });
}

const exportsWithDocs = documentedExports();

/** The code of a ```ts fence (or the whole text when unfenced). */
function codeOf(example: string): string {
  const fenced = /```(?:ts|typescript)?\n([\s\S]*?)```/.exec(example);
  return (fenced?.[1] ?? example).trim();
}

/** Turns `expression; //=> expected` lines into checks, and imports of 'liqmath' into the sources. */
function toRunnable(code: string): { source: string; checks: number } {
  let checks = 0;
  const dangling = code.split('\n').find((line) => /^\s*\/\/=>/.test(line));
  if (dangling !== undefined)
    throw new Error(`a //=> result must follow its expression on the same line: ${dangling.trim()}`);
  const lines = code.split('\n').map((line) => {
    const match = /^(\s*)(.+?);?\s*\/\/=> (.+)$/.exec(line);
    if (match === null) return line;
    checks += 1;
    const [, indent, expression, expected] = match;
    return `${indent}__check(${expression}, ${expected});`;
  });
  const source = lines.join('\n').replaceAll("from 'liqmath'", `from ${JSON.stringify(indexPath)}`);
  return { source: `${source}\n`, checks };
}

describe('API documentation', () => {
  it('finds the exports', () => {
    expect(exportsWithDocs.map((e) => e.name)).toContain('defineTiers');
    expect(exportsWithDocs.length).toBeGreaterThan(20);
  });

  it.each(exportsWithDocs.map((e) => [e.name, e]))('%s has an @example', (_name, documented) => {
    expect(documented.examples.length).toBeGreaterThan(0);
  });

  const examples = exportsWithDocs.flatMap((e) => e.examples.map((example, k) => [`${e.name}#${k}`, example] as const));
  const scratch = `${root}test/.doctest/`;

  it.each(examples)('the example of %s runs and its //=> results hold', async (label, example) => {
    const { source, checks } = toRunnable(codeOf(example));
    const seen: unknown[] = [];
    (globalThis as Record<string, unknown>).__check = (actual: unknown, expected: unknown) => {
      seen.push(actual);
      expect(actual).toEqual(expected);
    };
    mkdirSync(scratch, { recursive: true });
    const file = `${scratch}${label.replace(/[^\w]/g, '_')}.ts`;
    writeFileSync(file, `declare const __check: (a: unknown, e: unknown) => void;\n${source}`);
    try {
      await import(/* @vite-ignore */ file);
    } finally {
      rmSync(file, { force: true });
    }
    // Every //=> line must have run: a check inside a branch that is never taken proves nothing.
    expect(seen).toHaveLength(checks);
  });
});

describe('error codes', () => {
  const page = readFileSync(`${root}docs/errors.md`, 'utf8');
  it.each(Object.keys(LIQMATH_ERROR_CODES))('%s has a section in docs/errors.md', (code) => {
    expect(page).toContain(`### \`${code}\``);
  });
});
