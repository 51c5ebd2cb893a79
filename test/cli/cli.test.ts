/**
 * The CLI in-process through `run(argv, io)`: every answer equals the library's for the same
 * inputs, and every kind of mistake ends on stderr with its code and exit status 2.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import {
  binanceUsdm,
  bybitLinear,
  bybitLinearUta,
  crossEquity,
  crossLiquidationPrices,
  crossRequirement,
  defineMarket,
  defineTiers,
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
} from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  const status = run(argv, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readText: (path) => files.get(path) ?? readFileSync(path, 'utf8'),
    cwd: root,
  });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

function cliJson(...argv: string[]) {
  const result = cli(...argv, '--json');
  expect(result.err).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.out);
}

const defaultPosition = ['--side', 'long', '--size', '1', '--entry', '50000'];

describe('liqmath price', () => {
  it('uses the bundled Binance BTCUSDT table by default and prints the exact prices', () => {
    const report = cliJson('price', ...defaultPosition, '--leverage', '20');
    // margin 2,500; tier 1 (0.4%): P = (50,000 − 2,500) / (1 − 0.004) = 47,500 / 0.996.
    expect(report.liquidationPrice).toBe('47690.76305220883534136546184738955823293172690763052209');
    expect(report.liquidationPriceShown).toBe('47690.8');
    expect(report.bankruptcyPrice).toBe('47500');
    expect(report.maintenanceMarginAtEntry).toBe('200');
    expect(report.tierAtEntry).toEqual({ tier: 1, maintenanceMarginRate: '0.004', maxLeverage: '125' });
    expect(report.atMark).toBeNull();
  });

  it('prints a readable report with the mark line', () => {
    const { status, out } = cli('price', ...defaultPosition, '--margin', '2500', '--mark', '49000');
    expect(status).toBe(0);
    expect(out).toContain('liquidation price    47,690.76305221   (shown 47,690.8');
    expect(out).toContain('bankruptcy price     47,500');
    // equity 2,500 − 1,000 = 1,500; MM at 49,000 = 196; ratio 196 / 1,500 = 13.07%.
    expect(out).toContain('at mark 49,000: equity 1,500 USDT, maintenance margin 196 USDT, margin ratio 13.07%');
  });

  it('reads a venue payload and agrees with the venue object', () => {
    const path = 'test/fixtures/bybit-risk-limit-linear.json';
    const report = cliJson(
      'price',
      '--venue',
      'bybit-linear',
      '--tiers',
      path,
      '--symbol',
      'BTCUSDT',
      '--side',
      'short',
      '--size',
      '3',
      '--entry',
      '60000',
      '--leverage',
      '50',
      '--tick',
      '0.1',
    );
    const market = bybitLinear.market(JSON.parse(readFileSync(`${root}${path}`, 'utf8')), {
      symbol: 'BTCUSDT',
      tickSize: '0.1',
    });
    const position = { side: 'short', size: '3', entryPrice: '60000', leverage: '50' } as const;
    expect(report.liquidationPrice).toBe(isolatedLiquidationPrice(market, position)?.toString());
    expect(report.bankruptcyPrice).toBe(isolatedBankruptcyPrice(market, position)?.toString());
    expect(report.source).toContain('bybit-linear');
  });

  it('--as-of picks the venue method of that day, and the source says which', () => {
    const path = 'test/fixtures/bybit-risk-limit-linear.json';
    const args = [
      '--venue',
      'bybit-linear-uta',
      '--tiers',
      path,
      '--symbol',
      'BTCUSDT',
      '--side',
      'long',
      '--size',
      '1',
      '--entry',
      '20000',
      '--leverage',
      '50',
    ];
    const now = cliJson('price', ...args);
    const before = cliJson('price', ...args, '--as-of', '2025-08-01');
    const payload = JSON.parse(readFileSync(`${root}${path}`, 'utf8'));
    const position = { side: 'long', size: '1', entryPrice: '20000', leverage: '50' } as const;
    const old = bybitLinearUta.asOf('2025-08-01').market(payload, { symbol: 'BTCUSDT' });
    expect(before.liquidationPrice).toBe(isolatedLiquidationPrice(old, position)?.toString());
    expect(now.liquidationPrice).toBe(
      isolatedLiquidationPrice(bybitLinearUta.market(payload, { symbol: 'BTCUSDT' }), position)?.toString(),
    );
    expect(now.liquidationPrice).not.toBe(before.liquidationPrice);
    expect(before.source).toContain('method before 2025-09-02');
    expect(now.source).toContain('current method, since 2025-09-02');
    const bad = cli('price', ...args, '--as-of', '1 Aug 2025');
    expect(bad.status).toBe(2);
    expect(bad.err).toContain("--as-of: got '1 Aug 2025'; allowed: a day YYYY-MM-DD");
  });

  it('reads a liqmath tier file for an inverse market', () => {
    const report = cliJson(
      'price',
      '--contract',
      'inverse',
      '--tiers',
      'test/fixtures/cli-inverse-tiers.json',
      '--contract-size',
      '100',
      '--side',
      'long',
      '--size',
      '10',
      '--entry',
      '20000',
      '--leverage',
      '25',
    );
    const market = defineMarket({
      symbol: 'MARKET',
      contract: 'inverse',
      settle: 'COIN',
      contractSize: 100,
      tiers: defineTiers([
        { cap: '50', maintenanceMarginRate: '0.005', maxLeverage: 100 },
        { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
      ]),
    });
    const position = { side: 'long', size: '10', entryPrice: '20000', leverage: '25' } as const;
    expect(report.liquidationPrice).toBe(isolatedLiquidationPrice(market, position)?.toString());
    expect(report.settle).toBe('COIN');
  });
});

describe('liqmath tiers', () => {
  it('derives the maintenance amounts of the default table', () => {
    const report = cliJson('tiers');
    expect(report.tiers).toHaveLength(12);
    expect(report.tiers.slice(0, 4).map((t: { maintenanceAmount: string }) => t.maintenanceAmount)).toEqual([
      '0',
      '50',
      '950',
      '11450',
    ]);
    expect(report.method).toBe('deduction');
  });

  it('prints the table', () => {
    const { status, out } = cli('tiers');
    expect(status).toBe(0);
    expect(out).toMatch(/^3 +600,000 +3,000,000 +0\.65% +75x +950$/m);
  });
});

describe('liqmath account', () => {
  const example = JSON.parse(readFileSync(`${root}examples/account.json`, 'utf8'));
  const brackets = JSON.parse(readFileSync(`${root}examples/binance-btcusdt-2024.json`, 'utf8'));

  it('reports the example account as the library computes it', () => {
    const report = cliJson('account', 'examples/account.json');
    const btc = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1', lotSize: '0.001' });
    const eth = defineMarket({
      symbol: 'ETHUSDT',
      contract: 'linear',
      settle: 'USDT',
      tickSize: '0.01',
      lotSize: '0.001',
      tiers: defineTiers(example.markets.ETHUSDT.tiers),
    });
    const markets = { BTCUSDT: btc, ETHUSDT: eth } as const;
    const account = {
      collateral: example.collateral,
      positions: example.positions.map(({ symbol, ...rest }: { symbol: 'BTCUSDT' | 'ETHUSDT' }) => ({
        ...rest,
        market: markets[symbol],
      })),
    };
    expect(report.equity).toBe(crossEquity(account).toString());
    expect(report.maintenanceRequirement).toBe(crossRequirement(account).toString());
    const prices = crossLiquidationPrices(account);
    expect(report.positions[0].liquidationBelow).toBe(prices.find((p) => p.symbol === 'BTCUSDT')?.below?.toString());
    expect(report.positions[1].liquidationAbove).toBe(prices.find((p) => p.symbol === 'ETHUSDT')?.above?.toString());
    expect(report.status).toBe('healthy');
    expect(report.plan).toBeNull();
  });

  it('plans a partial liquidation when the account is liquidatable', () => {
    const report = cliJson('account', 'examples/account-liquidatable.json');
    expect(report.status).toBe('liquidatable');
    expect(report.plan.end).toBe('healthy');
    expect(report.plan.steps.map((s: { symbol: string; size: string }) => [s.symbol, s.size])).toEqual([
      ['BTCUSDT', '4'],
      ['ETHUSDT', '4.78'],
    ]);
    const last = report.plan.steps.at(-1);
    expect(Number(last.equityAfter) > Number(last.requirementAfter)).toBe(true);
    // 0.1% of 4 × 54,000.
    expect(report.plan.steps[0].fee).toBe('216');
  });

  it('prints a table and the plan', () => {
    const { status, out } = cli('account', 'examples/account-liquidatable.json');
    expect(status).toBe(0);
    expect(out).toContain('Partial-liquidation plan');
    expect(out).toContain('After the plan the account meets maintenance again.');
  });
});

describe('errors: stderr, code, exit status 2', () => {
  it.each([
    [['price', '--side', 'long'], 'USAGE', '--side, --size and --entry are required'],
    [['price', ...defaultPosition], 'USAGE', 'exactly one of --leverage and --margin'],
    [['price', ...defaultPosition, '--leverage', '20', '--bogus'], 'USAGE', 'unknown option --bogus'],
    [
      ['price', '--side', 'sideways', '--size', '1', '--entry', '1', '--leverage', '2'],
      'USAGE',
      "--side: got 'sideways'",
    ],
    [
      ['price', '--side', 'long', '--size', 'abc', '--entry', '50000', '--leverage', '20'],
      'INVALID_NUMBER',
      '--size: got "abc"',
    ],
    [
      ['price', '--side', 'long', '--size=-1', '--entry', '50000', '--leverage', '20'],
      'NOT_POSITIVE',
      '--size: got "-1"',
    ],
    [['price', ...defaultPosition, '--leverage', '200'], 'LEVERAGE_ABOVE_MAX', 'at most 125'],
    [
      ['price', ...defaultPosition, '--leverage', '20', '--venue', 'ftx'],
      'USAGE',
      "--venue: got 'ftx'; allowed: binance-usdm",
    ],
    [
      ['price', ...defaultPosition, '--leverage', '20', '--venue', 'okx-swap'],
      'USAGE',
      '--tiers: required with --venue okx-swap',
    ],
    [
      ['price', ...defaultPosition, '--leverage', '20', '--contract', 'inverse'],
      'USAGE',
      'required for an inverse market',
    ],
    [
      [
        'price',
        ...defaultPosition,
        '--leverage',
        '20',
        '--venue',
        'hyperliquid',
        '--tiers',
        'test/fixtures/hyperliquid-meta.json',
        '--symbol',
        'ETH',
        '--fee',
        '0.0004',
      ],
      'UNKNOWN_FIELD',
      'does not count a fee to close',
    ],
    [['price', ...defaultPosition, '--leverage', '20', '--tiers', 'no/such.json'], 'FILE_NOT_READABLE', 'no/such.json'],
    [
      ['price', ...defaultPosition, '--leverage', '20', '--tiers', 'README.md'],
      'FILE_NOT_JSON',
      'README.md is not JSON',
    ],
    [['price', ...defaultPosition, '--leverage', '20', '--mark', '0'], 'NOT_POSITIVE', '--mark'],
    [['account'], 'USAGE', 'give one account file'],
    [
      ['account', 'test/fixtures/cli-bad-account.json'],
      'ACCOUNT_FILE_INVALID',
      'account.positions[0].symbol: got "SOLUSDT"',
    ],
    [['frobnicate'], 'USAGE', "unknown command 'frobnicate'"],
  ])('%j → %s', (argv, code, fragment) => {
    const { status, out, err } = cli(...argv);
    expect(status).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(new RegExp(`^error ${code}: `));
    expect(err).toContain(fragment);
  });

  it('prints help on stderr with status 2 when no command is given', () => {
    const { status, err } = cli();
    expect(status).toBe(2);
    expect(err).toContain('Usage:');
  });

  it.each([['--help'], ['price', '--help'], ['account', '--help'], ['tiers', '--help']])(
    '%j prints help, status 0',
    (...argv) => {
      const { status, out, err } = cli(...argv);
      expect(status).toBe(0);
      expect(err).toBe('');
      expect(out).toContain('Usage:');
    },
  );
});
