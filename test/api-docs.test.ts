/**
 * The API reference is tested like code:
 * - every export of the package has exactly one typedoc `@group`, one of the groups typedoc.json orders;
 *   deprecated aliases, and only they, are in the group `Deprecated`;
 * - every exported function (and every exported const that is a function, except the deprecated
 *   aliases, which inherit their target's docs) has a `@throws` tag, or says "Never throws";
 * - every code a `@throws` names (a backticked ALL_CAPS word) anywhere in the sources is a real error code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LIQMATH_ERROR_CODES } from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const indexPath = `${root}src/index.ts`;

const GROUPS = [
  'Tiers',
  'Markets',
  'Isolated positions',
  'Cross accounts',
  'Partial liquidation',
  'What if',
  'Health',
  'Stress',
  'Settlement',
  'ADL',
  'Liquidation index',
  'Venues',
  'Numbers',
  'Errors',
  'Deprecated',
] as const;

interface ExportDocs {
  readonly name: string;
  readonly groups: readonly string[];
  readonly deprecated: boolean;
  /** A function declaration, or a const whose type can be called. */
  readonly callable: boolean;
  /** The text of each `@throws` tag, as written. */
  readonly throws: readonly string[];
  /** The whole doc comments, as written. */
  readonly text: string;
}

const program = ts.createProgram([indexPath], {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
});
const checker = program.getTypeChecker();

/** The source text of a node, as written. */
function textOf(node: ts.Node): string {
  return node.getSourceFile().text.slice(node.pos, node.end);
}

function tagsOf(declaration: ts.Declaration): readonly ts.JSDocTag[] {
  return ts.getJSDocTags(declaration);
}

/**
 * The `@throws` sections of a doc comment's text, each up to the next block tag or the comment's end.
 * Read from the text, not from TypeScript's tag: it parses the `{@link LiqMathError}` after `@throws`
 * as a type expression and ends the tag there.
 */
function throwsSections(comment: string): string[] {
  return [...comment.matchAll(/@throws\b([\s\S]*?)(?=\n\s*\*\s*@[A-Za-z]|\*\/)/g)].map((m) => (m[1] ?? '').trim());
}

function exportDocs(): ExportDocs[] {
  const source = program.getSourceFile(indexPath);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (moduleSymbol === undefined) throw new Error('cannot read src/index.ts');
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = symbol.declarations ?? [];
    const tags = declarations.flatMap(tagsOf);
    const named = (name: string) => tags.filter((tag) => tag.tagName.text === name);
    const first = declarations[0];
    const isVariable = (symbol.flags & ts.SymbolFlags.Variable) !== 0 && first !== undefined;
    const callable =
      (symbol.flags & ts.SymbolFlags.Function) !== 0 ||
      (isVariable && checker.getTypeOfSymbolAtLocation(symbol, first).getCallSignatures().length > 0);
    const comments = declarations.flatMap((declaration) =>
      ts.getJSDocCommentsAndTags(declaration).filter((node): node is ts.JSDoc => ts.isJSDoc(node)),
    );
    const text = comments.map(textOf).join('\n');
    return {
      name: exported.getName(),
      groups: named('group').map((tag) => (ts.getTextOfJSDocComment(tag.comment) ?? '').trim()),
      deprecated: named('deprecated').length > 0,
      callable,
      throws: throwsSections(text),
      text,
    };
  });
}

/**
 * Every `@throws` section in the library's sources (the files src/index.ts reaches: exports,
 * interface members, internals alike), with the line of its doc comment.
 */
function allThrowsTags(): { readonly where: string; readonly text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(`${root}src/`)) continue;
    for (const comment of file.text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
      const { line } = file.getLineAndCharacterOfPosition(comment.index);
      const where = `${file.fileName.slice(root.length)}:${line + 1}`;
      for (const text of throwsSections(comment[0])) found.push({ where, text });
    }
  }
  return found;
}

/** The backticked ALL_CAPS words of a text: the error codes it names. */
function codesIn(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)]
    .map((match) => match[1] as string)
    .filter((word) => /^[A-Z][A-Z0-9_]+$/.test(word));
}

const exported = exportDocs();

describe('API reference: groups', () => {
  it('finds the exports', () => {
    expect(exported.map((e) => e.name)).toContain('defineTiers');
    expect(exported.length).toBeGreaterThan(100);
  });

  it('typedoc.json orders exactly these groups', () => {
    const config = JSON.parse(readFileSync(`${root}typedoc.json`, 'utf8')) as { groupOrder?: string[] };
    expect((config.groupOrder ?? []).filter((name) => (GROUPS as readonly string[]).includes(name))).toEqual([
      ...GROUPS,
    ]);
  });

  it.each(exported.map((e) => [e.name, e] as const))('%s has exactly one known @group', (_name, docs) => {
    expect(docs.groups).toHaveLength(1);
    expect(GROUPS).toContain(docs.groups[0]);
  });

  it.each(exported.map((e) => [e.name, e] as const))('%s is in Deprecated exactly when deprecated', (_name, docs) => {
    expect(docs.groups[0] === 'Deprecated').toBe(docs.deprecated);
  });
});

describe('API reference: @throws', () => {
  const functions = exported.filter((e) => e.callable && !e.deprecated);

  it('finds the functions', () => {
    expect(functions.map((e) => e.name)).toEqual(expect.arrayContaining(['defineTiers', 'venueById', 'adlQueue']));
    expect(functions.length).toBeGreaterThan(60);
  });

  it.each(functions.map((e) => [e.name, e] as const))('%s documents what it throws', (_name, docs) => {
    const says = docs.throws.length > 0 || /\bNever throws\b/.test(docs.text);
    expect(says, 'a @throws tag, or the sentence "Never throws"').toBe(true);
  });

  it.each(functions.map((e) => [e.name, e] as const))('%s does not say both', (_name, docs) => {
    expect(docs.throws.length > 0 && /\bNever throws\b/.test(docs.text)).toBe(false);
  });

  const tags = allThrowsTags();
  const known = new Set(Object.keys(LIQMATH_ERROR_CODES));

  it('finds the @throws tags', () => {
    expect(tags.length).toBeGreaterThan(60);
  });

  it.each(tags.map((t) => [t.where, t] as const))('the codes of the @throws at %s exist', (_where, tag) => {
    const unknown = codesIn(tag.text).filter((code) => !known.has(code));
    expect(unknown, tag.text).toEqual([]);
  });
});
