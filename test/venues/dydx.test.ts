/**
 * dYdX v4 through dydxV4 (the indexer's perpetualMarkets, test/fixtures/dydx-perpetual-markets.json)
 * and its own arithmetic from the protocol's formulas: fillable price, bankruptcy quote, insurance fund.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  crossLiquidationPrice,
  DYDX_V4_MAINNET,
  dydxBankruptcyQuote,
  dydxFillablePrice,
  dydxV4,
  isolatedLiquidationPrice,
  settleIsolatedLiquidation,
} from '../../src/index.js';
import { vector } from '../helpers.js';
import { expectLiqMathErrorMessage, fixture } from './fixtures.js';

/** dYdX has no research vectors (test/vectors/venues/): only published examples, registered here. */
const reproduced = new Set<string>();
const published = (id: string) => {
  reproduced.add(id);
  return vector(id).expected;
};

describe('dYdX v4 through dydxV4 and its own arithmetic', () => {
  const markets = fixture<{ markets: Record<string, never> }>('dydx-perpetual-markets.json');

  it('perpetualMarkets → flat MMF market, max leverage 1/IMF, tick and step from the payload', () => {
    const btc = dydxV4.market(markets, { symbol: 'BTC-USD' });
    expect([
      btc.tiers.method,
      btc.tiers.tiers[0]?.maintenanceMarginRate.toString(),
      btc.tiers.tiers[0]?.maxLeverage.toString(),
    ]).toEqual(['flat', '0.03', '20']);
    expect([btc.tickSize?.toString(), btc.lotSize?.toString(), btc.settle]).toEqual(['1', '0.0001', 'USDC']);
    expect(dydxV4.market(markets, { symbol: 'BTC-USD', tickSize: '0.5' }).tickSize?.toString()).toBe('0.5');
    expectLiqMathErrorMessage(
      () => dydxV4.market(markets, {}),
      'MISSING_FIELD',
      'options.symbol',
      'options.symbol: got undefined; allowed: the market ticker, e.g. "ETH-USD" [MISSING_FIELD]',
    );
    expectLiqMathErrorMessage(
      () => dydxV4.market(markets, { symbol: 'DOGE-USD' }),
      'UNKNOWN_SYMBOL',
      'options.symbol',
      'options.symbol: got "DOGE-USD"; allowed: a ticker present in markets [UNKNOWN_SYMBOL]',
    );
    expectLiqMathErrorMessage(
      () => dydxV4.market({ ticker: 'X', initialMarginFraction: '0', maintenanceMarginFraction: '0.03' }, {}),
      'NOT_POSITIVE',
      'markets["X"].initialMarginFraction',
      'markets["X"].initialMarginFraction: got "0"; allowed: a number greater than 0 [NOT_POSITIVE]',
    );
  });

  it('docs examples: isolated 3,174.60; cross with STRK 3,380.95', () => {
    const eth = dydxV4.market(markets, { symbol: 'ETH-USD' });
    expect(isolatedLiquidationPrice(eth, { side: 'short', size: 3, entryPrice: 3000, margin: 1000 })?.toFixed(2)).toBe(
      published('dydx-v4-isolated-liq-1').liquidation_price,
    );
    const strk = dydxV4.market(
      { ticker: 'STRK-USD', initialMarginFraction: '0.2', maintenanceMarginFraction: '0.1' },
      {},
    );
    const account = {
      collateral: 1000,
      positions: [
        { market: eth, side: 'short', size: '1.5', entryPrice: 3000, markPrice: 3000 },
        { market: strk, side: 'long', size: 1000, entryPrice: '1.75', markPrice: '1.75' },
      ],
    } as const;
    expect(crossLiquidationPrice(account, 'ETH-USD').above?.toFixed(2)).toBe(
      published('dydx-v4-cross-liq-1').eth_liquidation_price,
    );
  });

  it('fillable price: 2,976 from the v4-chain test; ABR clamps; ticks round up for sells, down for buys', () => {
    const base = {
      positionSize: '0.1',
      oraclePrice: 3000,
      maintenanceFraction: '0.1',
      totalNetCollateral: 10,
      totalMaintenanceMargin: 50,
      spreadToMaintenanceMarginRatioPpm: 100_000,
    };
    expect(dydxFillablePrice(base).toString()).toBe(
      published('dydx-v4-fillable-price-multi').fillable_price_USD_per_ETH,
    );
    // TNC ≥ TMMR → ABR 0: the oracle price; TNC ≤ 0 → ABR 1: the full spread SMMR·MMF (1.5 × 10% on mainnet).
    expect(dydxFillablePrice({ ...base, totalNetCollateral: 60 }).toString()).toBe('3000');
    const { spreadToMaintenanceMarginRatioPpm: _, ...mainnet } = base;
    expect(dydxFillablePrice({ ...mainnet, totalNetCollateral: -5 }).toString()).toBe('2550');
    expect(dydxFillablePrice({ ...mainnet, positionSize: '-0.1', totalNetCollateral: -5 }).toString()).toBe('3450');
    // ABR 0.8 on a short: 3,000·(1 + 0.8·0.1·0.1) = 3,024; with TNC 11 → 3,000·(1 + 0.78·0.01) = 3,023.4
    expect(dydxFillablePrice({ ...base, positionSize: '-0.1', totalNetCollateral: 11, tickSize: 1 }).toString()).toBe(
      '3023',
    );
    expect(dydxFillablePrice({ ...base, totalNetCollateral: 11, tickSize: 1 }).toString()).toBe('2977');
    expectLiqMathErrorMessage(
      () => dydxFillablePrice({ ...base, spreadToMaintenanceMarginRatioPpm: 0.5 }),
      'INVALID_NUMBER',
      'input.spreadToMaintenanceMarginRatioPpm',
      'input.spreadToMaintenanceMarginRatioPpm: got 0.5; allowed: a whole number of parts per million (1,000,000 = 1) [INVALID_NUMBER]',
    );
    expectLiqMathErrorMessage(
      () => dydxFillablePrice({ ...base, totalMaintenanceMargin: 0 }),
      'NOT_POSITIVE',
      'input.totalMaintenanceMargin',
      'input.totalMaintenanceMargin: got 0; allowed: a number greater than 0 [NOT_POSITIVE]',
    );
    expectLiqMathErrorMessage(
      () => dydxFillablePrice({ ...base, positionSize: 0 }),
      'NOT_POSITIVE',
      'input.positionSize',
      'input.positionSize: got 0; allowed: a non-zero signed size [NOT_POSITIVE]',
    );
  });

  it('bankruptcy quote: 1.2 per unit in the deleveraging example; pro-rata by MM share; rounded up to 10⁻⁶', () => {
    const quote = dydxBankruptcyQuote({
      deltaNetNotional: 1000,
      deltaMaintenance: 75,
      totalNetCollateral: -400,
      totalMaintenanceMargin: 75,
    });
    expect(quote.neg().div(500).toString()).toBe(published('dydx-v4-deleverage-bankruptcy-1').B_bankruptcy_price);
    // A third of the requirement gets a third of the (negative) collateral: −(−300) − (−400)/3
    expect(
      dydxBankruptcyQuote({
        deltaNetNotional: -300,
        deltaMaintenance: -25,
        totalNetCollateral: -400,
        totalMaintenanceMargin: 75,
      }).toString(),
    ).toBe('433.333334');
    expect(
      dydxBankruptcyQuote({
        deltaNetNotional: -300,
        deltaMaintenance: 25,
        totalNetCollateral: 400,
        totalMaintenanceMargin: 75,
      }).toString(),
    ).toBe('166.666667');
  });

  it('insurance fund: fill at 0.77 → the fund takes 15 (capped by the surplus, 1.5% of the quote at most)', () => {
    const market = dydxV4.market(
      { ticker: 'X-USD', initialMarginFraction: '0.05', maintenanceMarginFraction: '0.03' },
      {},
    );
    const expected = published('dydx-v4-insurance-fund-1');
    const fee = new Big(DYDX_V4_MAINNET.maxLiquidationFeePpm).div(1_000_000).toString();
    const settled = settleIsolatedLiquidation(
      market,
      { side: 'long', size: 500, entryPrice: 1, margin: 100 },
      { size: 500, fillPrice: '0.77', feeRate: fee, surplusTo: 'trader' },
    );
    // Bankruptcy is 0.8; the fill at 0.77 is 15 worse, which the fund contributes (its delta is −15).
    expect(settled.insuranceFundDelta.neg().toString()).toBe(expected.insurance_fund_contribution_USD);
    expect(settled.fee.toString()).toBe('0');
    expect(dydxV4.partialLiquidation).toEqual({
      kind: 'capped',
      minNotional: 1000,
      maxPortion: '0.1',
      maxNotional: 100000,
    });
  });
});

describe('dYdX evidence', () => {
  it('every method claims as evidence only what this file reproduced through the object', () => {
    for (const version of dydxV4.history) {
      for (const claimed of version.evidence) {
        expect(reproduced.has(claimed), `${version.id} (from ${version.effectiveFrom}) claims ${claimed}`).toBe(true);
      }
    }
  });
});
