/**
 * Hyperliquid through hyperliquid.market(meta): the API's liquidationPx of captured isolated
 * positions, the margin tables of the info `meta` payload (test/fixtures/hyperliquid-meta.json),
 * and one test per malformed-payload path.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { hyperliquid, isolatedLiquidationPrice, tiersFromHyperliquidMeta } from '../../src/index.js';
import { vector } from '../helpers.js';
import { evidenceLedger } from './evidence.js';
import { expectLiqMathErrorMessage, fixture } from './fixtures.js';

const ledger = evidenceLedger('hyperliquid');
/** The expected figures of a published example, registered as reproduced. */
const published = (id: string) => ledger.published(id).expected;

describe('Hyperliquid through hyperliquid.market(meta)', () => {
  for (const id of [
    'hyperliquid-isolated-api-01',
    'hyperliquid-isolated-api-02',
    'hyperliquid-isolated-api-03',
    'hyperliquid-isolated-api-04',
  ]) {
    it(`${id}: the API liquidationPx, to 8 decimals for 01 and within the capture's margin rounding otherwise`, () => {
      const inputs = vector(id).inputs as Record<string, string>;
      const leverage = Number(inputs['max_leverage_at_capture(ccxt market limit)']);
      const meta = {
        universe: [{ name: inputs.asset, maxLeverage: leverage, marginTableId: leverage }],
        marginTables: [],
      };
      const market = hyperliquid.market(meta, { symbol: inputs.asset as string });
      const size = inputs.size as string;
      const price = isolatedLiquidationPrice(market, {
        side: 'long',
        size,
        entryPrice: inputs.entry_price_USDC as string,
        margin: inputs.isolated_margin_USDC as string,
      }) as Big;
      const expected = new Big(Object.values(published(id))[0] as string);
      const rate = new Big(1).div(2 * leverage);
      const decimals = (expected.toFixed().split('.')[1] ?? '').length;
      const band = new Big('0.0000005')
        .div(new Big(size).times(new Big(1).minus(rate)))
        .plus(new Big(10).pow(-decimals).times('0.5'));
      expect(price.minus(expected).abs().lte(band)).toBe(true);
      if (id.endsWith('01')) expect(price.toFixed(8)).toBe(expected.toFixed(8));
    });
  }

  it('margin tables: rate 1/(2·max leverage) per tier, deduction by the recurrence, cap = next lower bound', () => {
    const meta = fixture<{ universe: Record<string, unknown>[] }>('hyperliquid-meta.json');
    const btc = tiersFromHyperliquidMeta(meta, 'BTC');
    expect(
      btc.tiers.map((t) => [
        t.floor.toString(),
        t.cap?.toString() ?? null,
        t.maintenanceMarginRate.toString(),
        t.maintenanceAmount.toString(),
      ]),
    ).toEqual([
      ['0', '150000000', '0.0125', '0'],
      ['150000000', null, '0.025', '1875000'],
    ]);
    const eth = tiersFromHyperliquidMeta(meta, 'ETH');
    expect(eth.tiers[1]?.maintenanceMarginRate.times(30).round(40).toString()).toBe('1');
    // SOL's table 20 is not listed: one tier at the asset's own 20x.
    const sol = tiersFromHyperliquidMeta(meta, 'SOL');
    expect(sol.tiers.map((t) => [t.cap, t.maintenanceMarginRate.toString(), t.maxLeverage.toString()])).toEqual([
      [null, '0.025', '20'],
    ]);
    const market = hyperliquid.market(meta, { symbol: 'BTC' });
    expect([market.settle, market.contract, hyperliquid.liquidatableWhen]).toEqual([
      'USDC',
      'linear',
      'equity < requirement',
    ]);
  });

  it('malformed meta: each path named', () => {
    const meta = fixture<Record<string, unknown>>('hyperliquid-meta.json');
    expectLiqMathErrorMessage(
      () => tiersFromHyperliquidMeta(meta as never, 'DOGE'),
      'UNKNOWN_SYMBOL',
      'coin',
      'coin: got "DOGE"; allowed: an asset name in meta.universe [UNKNOWN_SYMBOL]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromHyperliquidMeta({} as never, 'BTC'),
      'MISSING_FIELD',
      'meta.universe',
      'meta.universe: got undefined; allowed: a value (this field is required) [MISSING_FIELD]',
    );
    const bad = (tiers: unknown) => ({
      universe: [{ name: 'X', maxLeverage: 10, marginTableId: 7 }],
      marginTables: [[7, { marginTiers: tiers }]],
    });
    expectLiqMathErrorMessage(
      () => tiersFromHyperliquidMeta(bad([{ lowerBound: '0', maxLeverage: 'ten' }]) as never, 'X'),
      'INVALID_NUMBER',
      'marginTables[0][1].marginTiers[0].maxLeverage',
      'marginTables[0][1].marginTiers[0].maxLeverage: got "ten"; allowed: a finite decimal number: a Big, a string like "0.004" or "1e-8", or a finite number [INVALID_NUMBER]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromHyperliquidMeta(bad([{ lowerBound: '5', maxLeverage: 10 }]) as never, 'X'),
      'TIER_NOT_CONTIGUOUS',
      'marginTables[0][1].marginTiers[0].lowerBound',
      `marginTables[0][1].marginTiers[0].lowerBound: got "5"; allowed: 0, the previous row's cap [TIER_NOT_CONTIGUOUS]`,
    );
    expectLiqMathErrorMessage(
      () =>
        tiersFromHyperliquidMeta(
          bad([
            { lowerBound: '0', maxLeverage: 10 },
            { lowerBound: '100', maxLeverage: 20 },
          ]) as never,
          'X',
        ),
      'TIER_LEVERAGE_INCREASING',
      'marginTables[0][1].marginTiers[1].maxLeverage',
      'marginTables[0][1].marginTiers[1].maxLeverage: got 20; allowed: at most the previous max leverage 10 [TIER_LEVERAGE_INCREASING]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromHyperliquidMeta(bad('none') as never, 'X'),
      'INVALID_TYPE',
      'marginTables[0][1].marginTiers',
      'marginTables[0][1].marginTiers: got "none"; allowed: margin tiers [INVALID_TYPE]',
    );
    expectLiqMathErrorMessage(
      () => hyperliquid.market(meta as never, {} as never),
      'MISSING_FIELD',
      'options.symbol',
      'options.symbol: got undefined; allowed: the coin, e.g. "BTC" [MISSING_FIELD]',
    );
  });
});

ledger.checkClaims([hyperliquid] as never);
