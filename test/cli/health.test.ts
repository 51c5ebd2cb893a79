/**
 * `liqmath health`: the library's answer for the file's account, the venue's ratio said in words,
 * and mistakes as coded errors.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import {
  binancePortfolioMargin,
  type CollateralAccount,
  crossHealth,
  defineMarket,
  defineTiers,
} from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = run(argv, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readText: (path) => readFileSync(path, 'utf8'),
    cwd: root,
  });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

/** The example file's account, built with the library directly. */
function exampleAccount(): CollateralAccount {
  const file = JSON.parse(readFileSync(`${root}examples/account-assets.json`, 'utf8'));
  const markets = Object.fromEntries(
    Object.entries(
      file.markets as Record<string, { contract: 'linear'; settle: string; tickSize: string; tiers: never }>,
    ).map(([symbol, spec]) => [
      symbol,
      defineMarket({
        symbol,
        contract: spec.contract,
        settle: spec.settle,
        tickSize: spec.tickSize,
        tiers: defineTiers(spec.tiers),
      }),
    ]),
  );
  return {
    assets: file.assets,
    positivePnlWeight: file.positivePnlWeight,
    positions: file.positions.map(({ symbol, ...rest }: { symbol: string }) => ({ ...rest, market: markets[symbol] })),
  };
}

describe('liqmath health', () => {
  it('prints what crossHealth computes for the file (weighted assets, one moving with BTCUSDT)', () => {
    const result = cli('health', 'examples/account-assets.json', '--definition', 'binance-pm', '--json');
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    const expected = JSON.parse(JSON.stringify(crossHealth(exampleAccount(), { definition: binancePortfolioMargin })));
    expect(JSON.parse(result.out)).toEqual(expected);
  });

  it('says the ratio under the venue name, the levels in words, and prices on the tick', () => {
    const result = cli('health', 'examples/account-assets.json', '--definition', 'binance-pm');
    expect(result.status).toBe(0);
    expect(result.out).toContain('Binance Portfolio Margin Pro uniMMR');
    expect(result.out).toContain('next margin call (150%)');
    expect(result.out).toContain('margin call below');
    const health = crossHealth(exampleAccount(), { definition: binancePortfolioMargin });
    const below = health.symbols[0]?.liquidation.below;
    // shown on BTCUSDT's tick 0.1, rounded toward the mark (up for a price below it)
    expect(result.out).toContain(Number(below?.div('0.1').round(0, 3).times('0.1').toString()).toLocaleString('en-US'));
  });

  it("takes the caller's levels on the chosen ratio", () => {
    const result = cli('health', 'examples/account.json', '--levels', 'warning=0.1,danger=0.5');
    expect(result.status).toBe(0);
    expect(result.out).toContain('level reached warning (10%), next danger (50%)');
    expect(result.out).toContain('danger below');
  });

  it('refuses an unknown definition, malformed levels and levels out of order', () => {
    const unknown = cli('health', 'examples/account.json', '--definition', 'ftx');
    expect(unknown.status).toBe(2);
    expect(unknown.err).toContain('error USAGE: liqmath health: --definition ftx is not known');
    const malformed = cli('health', 'examples/account.json', '--levels', 'warning');
    expect(malformed.err).toContain('error USAGE: liqmath health: --levels takes NAME=RATIO pairs');
    const reversed = cli('health', 'examples/account.json', '--levels', 'a=0.9,b=0.5');
    expect(reversed.status).toBe(2);
    expect(reversed.err).toContain('error INVALID_OPTION: options.definition.levels[1].ratio');
  });

  it('liqmath account sends a file of weighted assets to liqmath health', () => {
    const result = cli('account', 'examples/account-assets.json');
    expect(result.status).toBe(2);
    expect(result.err).toContain('liqmath health');
  });
});
