/**
 * The examples run as a user runs them (tsx, a fresh process), and their answers hold up: the
 * bot's size is the largest whole number of lots beyond the stop, the backend's index agrees
 * with a full rescan, and the CLI's main job prints the example account.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { book, rescan } from '../examples/backend-scan.js';
import { largestSize, staysBeyondStop } from '../examples/bot-sizing.js';
import { binanceUsdm, buildLiquidationIndex, liquidatable } from '../src/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const runExample = (file: string) =>
  execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: 60_000 });

const brackets = JSON.parse(readFileSync(`${root}examples/binance-btcusdt-2024.json`, 'utf8'));
const market = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1', lotSize: '0.001' });

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

describe('the README main job', () => {
  it('the CLI prints the example account', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'account', 'examples/account.json'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/^BTCUSDT +long +4 +58,500 +54,238\.6 +— +7\.28% +2$/m);
  });
});
