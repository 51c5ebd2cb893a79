/**
 * The examples run as a user runs them (tsx, a fresh process) and import the package by its name,
 * `liqmath`, which in this repository resolves to the build in dist/ (Node's self-reference
 * through the `exports` map), so they test what ships. Their answers hold up: the bot's size is
 * the largest whole number of lots beyond the stop, the backend's index agrees with a full
 * rescan, and the README's main job works for an npm user: `liqmath account --example` prints
 * examples/account.json, which the CLI then reads in an empty folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ACCOUNT } from '../src/cli/example-account.js';

const root = fileURLToPath(new URL('../', import.meta.url));
if (!existsSync(`${root}dist/index.js`) || !existsSync(`${root}dist/cli.js`)) {
  throw new Error(
    "dist/ is missing: the examples import 'liqmath', which resolves to the build. Run `npx tsup` first.",
  );
}
// After the check above: these import 'liqmath', the built package (one copy of it, so the
// markets made here are the markets the examples' functions accept).
const { book, rescan } = await import('../examples/backend-scan.js');
const { largestSize, staysBeyondStop } = await import('../examples/bot-sizing.js');
const { binanceUsdm, buildLiquidationIndex, liquidatable } = await import('liqmath');

const runExample = (file: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
const cli = (args: readonly string[], cwd: string) =>
  execFileSync(process.execPath, [`${root}dist/cli.js`, ...args], { cwd, encoding: 'utf8' });

const brackets = JSON.parse(readFileSync(`${root}examples/binance-btcusdt-2024.json`, 'utf8'));
const market = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1', lotSize: '0.001' });

describe('the examples import the package as a user does', () => {
  it.each(['backend-scan.ts', 'bot-sizing.ts', 'demo.ts'])("examples/%s imports 'liqmath', not the sources", (name) => {
    const source = readFileSync(`${root}examples/${name}`, 'utf8');
    expect(source).toMatch(/from 'liqmath';/);
    expect(source).not.toMatch(/from '\.\.?\/(src|dist)\//);
  });

  it("'liqmath' resolves to the build in this repository", () => {
    const resolved = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "console.log(import.meta.resolve('liqmath'))"],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(resolved.trim()).toBe(pathToFileURL(`${root}dist/index.js`).href);
  });
});

describe('examples/bot-sizing.ts', () => {
  it.each([
    [10, '55000', '1283.866'],
    [20, '57500', '152.666'],
    [25, '58000', '63.611'],
  ] as const)('%ix with stop %s: %s BTC is the largest size beyond the stop', (leverage, stopPrice, expected) => {
    const q = { market, side: 'long', entryPrice: '60000', leverage, stopPrice } as const;
    const size = largestSize(q);
    expect(size?.toString()).toBe(expected);
    expect(staysBeyondStop(q, size as NonNullable<typeof size>)).toBe(true);
    expect(staysBeyondStop(q, (size as NonNullable<typeof size>).plus('0.001'))).toBe(false);
  });

  it('prints one line per question', () => {
    expect(runExample('examples/bot-sizing.ts')).toContain(
      'long BTCUSDT at 60,000, 20x, stop 57500: largest size 152.666 BTC (liquidation price 57499.9997)',
    );
  });
});

describe('examples/backend-scan.ts', () => {
  it('the index answers every tick as a rescan does', () => {
    const positions = book(market, 500);
    const index = buildLiquidationIndex(positions);
    for (const mark of ['55000', '58000', '60000', '61000', '66000']) {
      expect([...liquidatable(index, 'BTCUSDT', mark)].sort()).toEqual(rescan(positions, 'BTCUSDT', mark).sort());
    }
  });

  it('runs and reports agreement on every tick', { timeout: 60_000 }, () => {
    const out = runExample('examples/backend-scan.ts');
    expect(out).toContain('indexed 5000 BTCUSDT positions');
    expect(out.match(/agrees with a full rescan: yes/g)).toHaveLength(5);
    expect(out).not.toContain('NO');
  });
});

describe('examples/demo.ts (npm run demo)', () => {
  it('walks through the table, the prices and the plans', { timeout: 60_000 }, () => {
    const out = runExample('examples/demo.ts');
    expect(out).toContain('All maintenance amounts agree with the recurrence');
    expect(out).toMatch(/^ {2}liquidation price {2}\d+\.\d{8} \(exact\), shown \d+\.\d$/m);
    expect(out).toContain('20% steps (Hyperliquid):');
  });
});

describe('the README main job, for an npm user', () => {
  const example = readFileSync(`${root}examples/account.json`, 'utf8');

  it('liqmath account --example is examples/account.json, byte for byte', () => {
    expect(JSON.parse(example)).toEqual(EXAMPLE_ACCOUNT);
    expect(cli(['account', '--example'], root)).toBe(example);
  });

  it('--example takes no FILE: usage error, exit status 2', () => {
    const run = spawnSync(process.execPath, [`${root}dist/cli.js`, 'account', '--example', 'account.json'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error USAGE: liqmath account --example: takes no FILE/);
  });

  it('the example account runs in an empty folder: every tier table is in the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqmath-account-'));
    try {
      writeFileSync(join(dir, 'account.json'), cli(['account', '--example'], dir));
      const out = cli(['account', 'account.json'], dir);
      expect(out).toMatch(/^BTCUSDT +long +4 +58,500 +54,238\.6 +— +7\.28% +2$/m);
      expect(out).toContain(': healthy');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('liqmath --version', () => {
  it("prints the installed package's version", () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(cli(['--version'], root)).toBe(`liqmath ${version}\n`);
    expect(cli(['-V'], root)).toBe(`liqmath ${version}\n`);
  });
});
