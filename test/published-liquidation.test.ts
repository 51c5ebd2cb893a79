/**
 * Liquidation and bankruptcy prices published by the venues, reproduced to the published digits.
 * Vectors: test/vectors/published.json (ids in the test names). Where a venue's number needs a
 * rounding step or differs in the last digits, the test says why.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  crossLiquidationPrice,
  defineMarket,
  defineTiers,
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
  isolatedRequirement,
  type Market,
  roundLiquidationPrice,
} from '../src/index.js';
import { binance2021, vector } from './helpers.js';

const flatRate = (rate: string, leverage: number | string) =>
  defineTiers([{ cap: null, maintenanceMarginRate: rate, maxLeverage: leverage }]);

describe('Binance USDⓈ-M cross, one-way (FAQ worked example)', () => {
  const ethRows = vector('binance-usdm-cross-oneway-btcusdt-1').tier_table_used?.ETHUSDT_circa_2021 ?? [];
  const eth = defineTiers(
    ethRows.map((row) => ({
      cap: row.notional_cap === '(open)' ? null : (row.notional_cap as string),
      maintenanceMarginRate: row.mmr as string,
      maxLeverage: row.max_leverage as string,
      maintenanceAmount: row.cum as string,
    })),
  );
  const btcusdt = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers: binance2021 });
  const ethusdt = defineMarket({ symbol: 'ETHUSDT', contract: 'linear', settle: 'USDT', tiers: eth });
  const account = {
    collateral: '1535443.01',
    positions: [
      { market: btcusdt, side: 'long', size: '109.488', entryPrice: '32481.98', markPrice: '31967.27' },
      { market: ethusdt, side: 'long', size: '3683.979', entryPrice: '1456.84', markPrice: '1335.18' },
    ],
  } as const;

  it('binance-usdm-cross-oneway-btcusdt-1: BTCUSDT liquidates at 26,316.89', () => {
    const result = crossLiquidationPrice(account, 'BTCUSDT');
    expect(result.status).toBe('healthy');
    expect(result.below?.toFixed(2)).toBe(
      vector('binance-usdm-cross-oneway-btcusdt-1').expected.liquidation_price_BTCUSDT,
    );
    expect(result.above).toBeNull();
  });

  it('binance-usdm-cross-oneway-ethusdt-1: ETHUSDT liquidates at 1,153.26', () => {
    const result = crossLiquidationPrice(account, 'ETHUSDT');
    expect(result.below?.toFixed(2)).toBe(
      vector('binance-usdm-cross-oneway-ethusdt-1').expected.liquidation_price_ETHUSDT,
    );
    expect(result.above).toBeNull();
  });
});

describe('dYdX v4 (docs examples, flat maintenance fraction)', () => {
  const usdc = (symbol: string, rate: string, leverage: number) =>
    defineMarket({ symbol, contract: 'linear', settle: 'USDC', tiers: flatRate(rate, leverage) });
  const eth = usdc('ETH-USD', '0.05', 20);

  it('dydx-v4-isolated-liq-1: short 3 ETH at 3,000 with 1,000 USDC → 3,174.60, equity 476.2 there', () => {
    const position = { side: 'short', size: 3, entryPrice: 3000, margin: 1000 } as const;
    const price = isolatedLiquidationPrice(eth, position);
    expect(price?.toFixed(2)).toBe(vector('dydx-v4-isolated-liq-1').expected.liquidation_price);
    expect(isolatedRequirement(eth, position, price as Big).toFixed(1)).toBe('476.2');
  });

  it('dydx-v4-cross-liq-1: with a STRK long (MM 175) the ETH short liquidates at 3,380.95', () => {
    const account = {
      collateral: 1000,
      positions: [
        { market: eth, side: 'short', size: '1.5', entryPrice: 3000, markPrice: 3000 },
        { market: usdc('STRK-USD', '0.1', 5), side: 'long', size: 1000, entryPrice: '1.75', markPrice: '1.75' },
      ],
    } as const;
    const result = crossLiquidationPrice(account, 'ETH-USD');
    expect(result.above?.toFixed(2)).toBe(vector('dydx-v4-cross-liq-1').expected.eth_liquidation_price);
    expect(result.below).toBeNull();
  });
});

describe('Bybit classic USDT isolated (maintenance valued at entry)', () => {
  const bybit = (rate: string, maxLeverage: number): Market =>
    defineMarket({
      symbol: 'BTCUSDT',
      contract: 'linear',
      settle: 'USDT',
      tiers: flatRate(rate, maxLeverage),
      maintenanceAt: 'entry',
    });

  it('bybit-usdt-isolated-long-old: long 1 BTC at 10,000, 50x → 9,850', () => {
    const price = isolatedLiquidationPrice(bybit('0.005', 100), {
      side: 'long',
      size: 1,
      entryPrice: 10000,
      leverage: 50,
    });
    expect(price?.toString()).toBe(vector('bybit-usdt-isolated-long-old').expected.liquidation_price_USDT);
  });

  it('bybit-usdt-isolated-short-old: short 1 BTC at 8,000, 40x → 8,160', () => {
    const price = isolatedLiquidationPrice(bybit('0.005', 100), {
      side: 'short',
      size: 1,
      entryPrice: 8000,
      leverage: 40,
    });
    expect(price?.toString()).toBe(vector('bybit-usdt-isolated-short-old').expected.liquidation_price_USDT);
  });

  it('bybit-usdt-isolated-long-new: long 1 BTC at 20,000, 50x → IM 400, MM 100, 19,700', () => {
    const market = bybit('0.005', 100);
    const position = { side: 'long', size: 1, entryPrice: 20000, leverage: 50 } as const;
    expect(isolatedRequirement(market, position, 20000).toString()).toBe('100');
    expect(isolatedLiquidationPrice(market, position)?.toString()).toBe('19700');
    // With the rate applied at the liquidation price instead (maintenanceAt 'price') it would be
    // 19,600/0.995 = 19,698.49…: Bybit's number needs the entry basis.
    const atPrice = defineMarket({
      symbol: 'BTCUSDT',
      contract: 'linear',
      settle: 'USDT',
      tiers: flatRate('0.005', 100),
    });
    expect(isolatedLiquidationPrice(atPrice, position)?.toFixed(2)).toBe('19698.49');
  });

  it('bybit-usdt-isolated-long-funding-deducted: 200 USDT funding paid from margin → 19,900', () => {
    const price = isolatedLiquidationPrice(bybit('0.005', 100), {
      side: 'long',
      size: 1,
      entryPrice: 20000,
      margin: 200,
    });
    expect(price?.toString()).toBe(vector('bybit-usdt-isolated-long-funding-deducted').expected.liquidation_price_USDT);
  });

  it('bybit-usdt-bankruptcy-isolated: long 1 BTC at 10,000, 50x → bankruptcy 9,800', () => {
    const price = isolatedBankruptcyPrice(bybit('0.005', 100), {
      side: 'long',
      size: 1,
      entryPrice: 10000,
      leverage: 50,
    });
    expect(price?.toString()).toBe(vector('bybit-usdt-bankruptcy-isolated').expected.bankruptcy_price_USDT);
  });

  it('bybit-usdt-order-cost-fee-to-close: fee to close 7.35 on the 9,800 bankruptcy value, order cost 214.85', () => {
    const published = vector('bybit-usdt-order-cost-fee-to-close').expected;
    const withFee = defineMarket({
      symbol: 'BTCUSDT',
      contract: 'linear',
      settle: 'USDT',
      tiers: flatRate('0.005', 100),
      maintenanceAt: 'entry',
      closeFee: { rate: '0.00075', on: 'bankruptcy' },
    });
    // Bybit holds IM + fee to close as position margin: 200 + 7.35. Equity after the fee to close
    // is zero at the same 9,800: (207.35 + (9,800 − 10,000)) = 0.00075·9,800.
    const position = { side: 'long', size: 1, entryPrice: 10000, margin: '207.35' } as const;
    const bankrupt = isolatedBankruptcyPrice(withFee, position) as Big;
    expect(bankrupt.toString()).toBe(published.bankruptcy_price_USDT);
    const feeToClose = bankrupt.times('0.00075');
    expect(feeToClose.toString()).toBe(published.fee_to_close_USDT);
    expect(new Big(200).plus('7.5').plus(feeToClose.toString()).toString()).toBe(published.order_cost_USDT);
  });
});

describe('Bybit classic inverse cross, one position (fee to close on the bankruptcy value)', () => {
  // A single position in cross uses the whole balance as its margin: the isolated solver with
  // margin = balance − order margin. Maintenance is valued at entry; the fee at the bankruptcy price.
  const market = defineMarket({
    symbol: 'BTCUSD',
    contract: 'inverse',
    settle: 'BTC',
    tiers: flatRate('0.005', 100),
    tickSize: '0.5',
    maintenanceAt: 'entry',
    closeFee: { rate: '0.00075', on: 'bankruptcy' },
  });
  const position = { side: 'long', size: 10000, entryPrice: 8000, margin: '0.5' } as const;

  it('bybit-inverse-cross-bankruptcy-1: bankruptcy 5,718.57 = 1.00075·10,000 / 1.75', () => {
    const price = isolatedBankruptcyPrice(market, position) as Big;
    expect(price.toFixed(2)).toBe(vector('bybit-inverse-cross-bankruptcy-1').expected.bankruptcy_price_USD);
  });

  it('bybit-inverse-cross-liq-1: exact 5,739.08…, published 5,739.50 after rounding up to the 0.5 tick', () => {
    const exact = isolatedLiquidationPrice(market, position) as Big;
    expect(exact.toFixed(4)).toBe('5739.0835');
    expect(roundLiquidationPrice(market, 'long', exact).toFixed(2)).toBe(
      vector('bybit-inverse-cross-liq-1').expected.liquidation_price_USD,
    );
  });
});

describe('Hyperliquid isolated (API liquidationPx, maintenance rate 1/(2·max leverage) at the price)', () => {
  for (const id of [
    'hyperliquid-isolated-api-01',
    'hyperliquid-isolated-api-02',
    'hyperliquid-isolated-api-03',
    'hyperliquid-isolated-api-04',
  ]) {
    it(`${id}: within what the 6-decimal margin of the capture allows`, () => {
      const inputs = vector(id).inputs as Record<string, string>;
      const maxLeverage = inputs['max_leverage_at_capture(ccxt market limit)'] as string;
      const rate = new Big(1).div(new Big(maxLeverage).times(2));
      const market = defineMarket({
        symbol: inputs.asset as string,
        contract: 'linear',
        settle: 'USDC',
        tiers: flatRate(rate.toString(), maxLeverage),
      });
      const size = inputs.size as string;
      const price = isolatedLiquidationPrice(market, {
        side: 'long',
        size,
        entryPrice: inputs.entry_price_USDC as string,
        margin: inputs.isolated_margin_USDC as string,
      }) as Big;
      const published = new Big(Object.values(vector(id).expected)[0] as string);
      // The API margin has more digits than the 6 shown; ±0.5e-6 of margin moves the price by
      // 0.5e-6 / (size·(1 − rate)), and the published price is itself rounded to its last digit.
      // The published price must lie within those two half-units.
      const publishedDecimals = (published.toFixed().split('.')[1] ?? '').length;
      const band = new Big('0.0000005')
        .div(new Big(size).times(new Big(1).minus(rate)))
        .plus(new Big('0.5').times(new Big(10).pow(-publishedDecimals)));
      expect(price.minus(published).abs().lte(band)).toBe(true);
      if (id.endsWith('01')) expect(price.toFixed(8)).toBe(published.toFixed(8));
    });
  }
});
