/**
 * Every example of README.md, docs/cookbook.md, docs/cli.md and docs/health.md runs as printed, against the
 * package as it ships (the build in dist/, reached by its name `liqmath`):
 * - a ```ts block is a user's module: it typechecks under the project's strict compiler options,
 *   it runs, and each `expression; //=> value` line in it holds;
 * - a ```sh block runs line by line in an empty folder, `liqmath` and `npx liqmath` being the
 *   built CLI (`node dist/cli.js`); each line exits 0, each number its `# comment` states is in
 *   its output, and a ```text block right after it is its whole output;
 * - ```json and ```text blocks are data and output, not programs.
 * The network is not used: `curl` in a block and `fetch` in a ts block get the stored response
 * for their URL from NETWORK below, and any other URL fails. A block that cannot run is a docs
 * bug; the few that are not run at all are listed in SKIPPED with the reason.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const DOCS = ['README.md', 'docs/cookbook.md', 'docs/cli.md', 'docs/health.md'] as const;
const LANGUAGES = ['ts', 'sh', 'json', 'text'] as const;

/** Blocks that are not run, by a text they contain, and why. Keep this list short. */
const SKIPPED: readonly { readonly doc: string; readonly contains: string; readonly reason: string }[] = [
  {
    doc: 'README.md',
    contains: 'npm ci && npm start',
    reason:
      "the clone's own setup and check (npm ci, npm start, npm test): CI runs exactly these (.ci/run), and npm test runs the CLI on the example",
  },
  {
    doc: 'README.md',
    contains: 'npm install liqmath',
    reason:
      'installs from the registry (no network in CI); what it installs is what test/package.test.ts packs and loads in both formats',
  },
];

/** Stored responses for the URLs the examples fetch (test/fixtures/README.md: real shapes, illustrative numbers). */
const NETWORK: Readonly<Record<string, () => string>> = {
  'https://api.bybit.com/v5/market/risk-limit?category=linear&symbol=BTCUSDT': () =>
    fixture('bybit-risk-limit-linear.json'),
  // The stored OKX payload is CHZ-USDT's; the family name is what a BTC-USDT request returns.
  'https://www.okx.com/api/v5/public/position-tiers?instType=SWAP&tdMode=isolated&instFamily=BTC-USDT': () =>
    fixture('okx-position-tiers-swap.json').replaceAll('CHZ-USDT', 'BTC-USDT'),
};

function fixture(name: string): string {
  return readFileSync(`${root}test/fixtures/${name}`, 'utf8');
}

interface Block {
  readonly doc: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly language: string;
  readonly code: string;
  /** For an sh block: the ```text block right after it, its expected output. */
  output?: string;
}

function blocksOf(doc: string): Block[] {
  const lines = readFileSync(`${root}${doc}`, 'utf8').split('\n');
  const blocks: Block[] = [];
  let previousEnd = -1;
  for (let k = 0; k < lines.length; k += 1) {
    const open = /^```(.*)$/.exec(lines[k] as string);
    if (open === null) continue;
    const end = lines.findIndex((text, j) => j > k && /^```\s*$/.test(text));
    if (end === -1) throw new Error(`${doc}:${k + 1}: a fence that never closes`);
    const block: Block = {
      doc,
      line: k + 1,
      language: (open[1] as string).trim(),
      code: lines.slice(k + 1, end).join('\n'),
    };
    const last = blocks.at(-1);
    const adjacent = lines.slice(previousEnd + 1, k).every((text) => text.trim() === '');
    if (block.language === 'text' && last?.language === 'sh' && adjacent) last.output = block.code;
    blocks.push(block);
    previousEnd = end;
    k = end;
  }
  return blocks;
}

const blocks = DOCS.flatMap(blocksOf);
const skipOf = (block: Block) => SKIPPED.find((s) => s.doc === block.doc && block.code.includes(s.contains));
const label = (block: Block) => `${block.doc}:${block.line}`;
const tsBlocks = blocks.filter((b) => b.language === 'ts' && skipOf(b) === undefined);
const shBlocks = blocks.filter((b) => b.language === 'sh' && skipOf(b) === undefined);

describe('the examples of the docs are found, and each is run or listed', () => {
  it.each(DOCS)('%s has runnable blocks', (doc) => {
    expect(blocks.filter((b) => b.doc === doc && (b.language === 'ts' || b.language === 'sh')).length).toBeGreaterThan(
      0,
    );
  });

  it('every fence names its language (ts, sh, json, text)', () => {
    const unnamed = blocks.filter((b) => !(LANGUAGES as readonly string[]).includes(b.language)).map(label);
    expect(unnamed, 'tag these fences: an untagged block would be neither run nor compared').toEqual([]);
  });

  it('each SKIPPED entry matches exactly one block, which then runs nowhere else', () => {
    for (const skip of SKIPPED) {
      const matched = blocks.filter((b) => b.doc === skip.doc && b.code.includes(skip.contains));
      expect(matched.map(label), `${skip.doc}: '${skip.contains}'`).toHaveLength(1);
      expect(skip.reason.length).toBeGreaterThan(20);
    }
  });

  it('every sh block runs the CLI, or is listed in SKIPPED', () => {
    const idle = shBlocks.filter((b) => !b.code.split('\n').some((text) => /^(npx )?liqmath\b/.test(text)));
    expect(idle.map(label)).toEqual([]);
  });

  it('every ts result is stated with //=> (so that it is checked)', () => {
    // `expression; // 'value'` would state a result that nothing checks.
    const unchecked = tsBlocks.flatMap((b) =>
      b.code
        .split('\n')
        .map((text, k) => ({ text, at: `${b.doc}:${b.line + 1 + k}` }))
        .filter(({ text }) => /;\s*\/\/(?!=>)\s*(['"`{[]|-?\d)/.test(text))
        .map(({ at, text }) => `${at}: ${text.trim()}`),
    );
    expect(unchecked).toEqual([]);
  });
});

if (!existsSync(`${root}dist/index.js`) || !existsSync(`${root}dist/cli.js`)) {
  throw new Error(
    "dist/ is missing: the examples import 'liqmath', which resolves to the build. Run `npx tsup` first.",
  );
}

// Inside the repository, so that 'liqmath' resolves to the package itself (gitignored); one
// folder per process, so that two runs at once do not remove each other's files.
const scratch = `${root}test/.docexamples/${process.pid}/`;
const fileOf = (block: Block, suffix: string) => `${scratch}${block.doc.replace(/\W/g, '_')}_${block.line}${suffix}.ts`;
rmSync(scratch, { recursive: true, force: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('ts blocks', () => {
  it('typecheck as a user module would (strict, the types dist/ ships) and use no deprecated name', {
    timeout: 60_000,
  }, () => {
    mkdirSync(scratch, { recursive: true });
    const files = tsBlocks.map((block) => {
      writeFileSync(fileOf(block, ''), `${block.code}\n`);
      return fileOf(block, '');
    });
    const config = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile).config;
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
    const program = ts.createProgram(files, { ...options, noEmit: true });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0) : undefined;
      const block = tsBlocks.find((b) => fileOf(b, '') === d.file?.fileName);
      const at = block && where ? `${block.doc}:${block.line + 1 + where.line}` : (d.file?.fileName ?? '');
      return `${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
    // The docs use the current names, not the deprecated aliases kept for old callers.
    const checker = program.getTypeChecker();
    const deprecated: string[] = [];
    for (const file of files) {
      for (const statement of program.getSourceFile(file)?.statements ?? []) {
        const bindings = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
        for (const element of bindings !== undefined && ts.isNamedImports(bindings) ? bindings.elements : []) {
          const symbol = checker.getSymbolAtLocation(element.name);
          const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
          if (target?.getJsDocTags().some((tag) => tag.name === 'deprecated')) deprecated.push(element.name.text);
        }
      }
    }
    expect(deprecated).toEqual([]);
  });

  it.each(tsBlocks.map((b) => [label(b), b] as const))('%s runs and its //=> results hold', async (_label, block) => {
    const { source, checks } = toRunnable(block.code);
    const seen: unknown[] = [];
    (globalThis as Record<string, unknown>).__check = (actual: unknown, expected: unknown) => {
      seen.push(actual);
      expect(actual).toEqual(expected);
    };
    vi.stubGlobal('fetch', async (url: string | URL) => {
      const stored = NETWORK[String(url)];
      if (stored === undefined) throw new Error(`docs test: no stored response for ${url}; add it to NETWORK`);
      return new Response(stored(), { headers: { 'content-type': 'application/json' } });
    });
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    mkdirSync(scratch, { recursive: true });
    const file = fileOf(block, '.run');
    writeFileSync(file, `declare const __check: (a: unknown, e: unknown) => void;\n${source}`);
    try {
      await import(/* @vite-ignore */ file);
    } finally {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
    }
    // Every //=> line must have run: a check in a branch never taken proves nothing.
    expect(seen).toHaveLength(checks);
  });
});

/** Turns `expression; //=> expected` lines into checks (as test/docs.test.ts does for TSDoc). */
function toRunnable(code: string): { source: string; checks: number } {
  let checks = 0;
  const lines = code.split('\n').map((line) => {
    const match = /^(\s*)(.+?);?\s*\/\/=> (.+)$/.exec(line);
    if (match === null) return line;
    checks += 1;
    const [, indent, expression, expected] = match;
    return `${indent}__check(${expression}, ${expected});`;
  });
  return { source: `${lines.join('\n')}\n`, checks };
}

describe('sh blocks', () => {
  const bin = mkdtempSync(join(tmpdir(), 'liqmath-docs-bin-'));
  const cli = `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(`${root}dist/cli.js`)} "$@"`;
  const responses = Object.keys(NETWORK).map((url, k) => {
    const file = join(bin, `response-${k}.json`);
    writeFileSync(file, (NETWORK[url] as () => string)());
    return `  ${shellQuote(url)}) exec cat ${shellQuote(file)} ;;`;
  });
  const shims: Record<string, string> = {
    liqmath: cli,
    npx: `[ "$1" = liqmath ] || { echo "docs test: only npx liqmath runs here" >&2; exit 127; }\nshift\n${cli}`,
    curl: [
      'for arg in "$@"; do case "$arg" in http*) url="$arg" ;; esac; done',
      'case "$url" in',
      ...responses,
      '  *) echo "docs test: no stored response for $url; add it to NETWORK" >&2; exit 1 ;;',
      'esac',
    ].join('\n'),
  };
  for (const [name, body] of Object.entries(shims)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it.each(shBlocks.map((b) => [label(b), b] as const))(
    '%s runs in an empty folder and prints what it says',
    { timeout: 30_000 },
    (_label, block) => {
      const cwd = mkdtempSync(join(tmpdir(), 'liqmath-docs-'));
      const outputs: string[] = [];
      try {
        for (const line of block.code.split('\n').filter((text) => text.trim() !== '' && !text.startsWith('#'))) {
          expect(line, 'a line of a run sh block is liqmath, npx liqmath or curl').toMatch(
            /^(npx liqmath|liqmath|curl) /,
          );
          const run = spawnSync('sh', ['-c', line], {
            cwd,
            encoding: 'utf8',
            env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
          });
          expect(run.stderr, line).toBe('');
          expect(run.status, line).toBe(0);
          outputs.push(run.stdout);
          // Each number a comment states (`# liquidation 47,690.76305221`) is in the line's output.
          const comment = /\s#\s(.*)$/.exec(line)?.[1] ?? '';
          for (const number of comment.match(/\d[\d,]*(?:\.\d+)?/g) ?? []) expect(run.stdout, line).toContain(number);
        }
        if (block.output !== undefined) expect(tidy(outputs.join(''))).toBe(tidy(block.output));
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
  );
});

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
