/**
 * The venues' own worked examples of what an order costs (test/vectors/whatif.json, with their
 * sources and exact-fraction checks), reproduced through previewIsolatedOrder and
 * isolatedMaxOrderSize — through the venue objects where liqmath has the venue.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  binanceUsdm,
  bybitLinear,
  defineMarket,
  defineTiers,
  isolatedMaxOrderSize,
  type Market,
  previewIsolatedOrder,
} from '../../../src/index.js';

interface WhatIfVector {
  readonly id: string;
  readonly check: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly expected: Readonly<Record<string, string>>;
}

const vectors: readonly WhatIfVector[] = JSON.parse(
  readFileSync(new URL('../../vectors/whatif.json', import.meta.url), 'utf8'),
);
const vector = (id: string): WhatIfVector => {
  const found = vectors.find((v) => v.id === id);
  if (found === undefined) throw new Error(`no vector ${id}`);
  return found;
};

const payload = JSON.parse(
  readFileSync(new URL('../../fixtures/bybit-risk-limit-linear.json', import.meta.url), 'utf8'),
);
const bybit = bybitLinear.market(payload, { symbol: 'BTCUSDT', lotSize: '0.001' });
const wide = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
/** A venue liqmath has no object for, whose help page follows Bybit's method. */
const clone = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', lotSize: '0.001', tiers: wide });

function cost(market: Market, v: WhatIfVector) {
  const side = v.inputs.side?.startsWith('short') ? 'sell' : 'buy';
  const preview = previewIsolatedOrder(
    market,
    null,
    { side, size: v.inputs.qty as string, type: 'limit', price: v.inputs.order_price as string },
    {
      markPrice: v.inputs.order_price as string,
      leverage: v.inputs.leverage as string,
      feeRate: v.inputs.taker_fee_rate as string,
    },
  );
  expect(preview.rejected).toBeNull();
  return preview;
}

describe("Bybit's order cost (margin + fee to open + fee to close at the bankruptcy price)", () => {
  it.each([
    ['bybit-usdt-order-cost-long-2022', bybit],
    ['bybit-usdt-order-cost-long-8000-50x', bybit],
    ['bybit-usdt-order-cost-long-2024', bybit],
    ['xt-usdt-order-cost-long', clone],
    ['xt-usdt-order-cost-short', clone],
    ['goonus-usdt-order-cost-long', clone],
    ['goonus-usdt-order-cost-short', clone],
    ['phemex-usdt-order-cost-long', clone],
    ['phemex-usdt-order-cost-short', clone],
  ] as const)('%s, exact', (id, market) => {
    const v = vector(id);
    expect(v.check).toBe('exact');
    const { cost: c, after } = cost(market, v);
    expect(c.initialMargin.toString()).toBe(v.expected.initial_margin);
    expect(c.openingFee.toString()).toBe(v.expected.fee_to_open);
    expect(c.closingFee.toString()).toBe(v.expected.fee_to_close);
    if (v.expected.order_cost !== undefined) expect(c.orderCost.toString()).toBe(v.expected.order_cost);
    if (v.expected.bankruptcy_price !== undefined) {
      expect(after.bankruptcyPrice?.toString()).toBe(v.expected.bankruptcy_price);
    }
  });

  it('bybit-inverse-order-cost-long-2024 (ETHUSD, coin-margined), exact', () => {
    const v = vector('bybit-inverse-order-cost-long-2024');
    const ethusd = defineMarket({ symbol: 'ETHUSD', contract: 'inverse', settle: 'ETH', contractSize: 1, tiers: wide });
    const { cost: c } = previewIsolatedOrder(
      ethusd,
      null,
      { side: 'buy', size: v.inputs.contracts_usd as string, type: 'limit', price: v.inputs.order_price as string },
      {
        markPrice: v.inputs.order_price as string,
        leverage: v.inputs.leverage as string,
        feeRate: v.inputs.taker_fee_rate as string,
      },
    );
    expect([c.initialMargin, c.openingFee, c.closingFee, c.orderCost].map(String)).toEqual([
      v.expected.initial_margin,
      v.expected.fee_to_open,
      v.expected.fee_to_close,
      v.expected.order_cost,
    ]);
  });

  it('bybit-usdt-qty-from-cost-long-2022: the order cost buys exactly that size back', () => {
    const v = vector('bybit-usdt-qty-from-cost-long-2022');
    const max = isolatedMaxOrderSize(
      bybit,
      null,
      { side: 'buy', type: 'limit', price: v.inputs.order_price as string },
      {
        markPrice: v.inputs.order_price as string,
        leverage: v.inputs.leverage as string,
        feeRate: v.inputs.taker_fee_rate as string,
        availableBalance: v.inputs.order_cost as string,
      },
    );
    expect([max.size.toString(), max.limitedBy]).toEqual([v.expected.order_qty, 'balance']);
  });
});

describe("Binance's cost to open (margin + open loss)", () => {
  it('binance-usdm-cost-limit-2020: exact, and Binance shows the margin cut to cents', () => {
    const v = vector('binance-usdm-cost-limit-2020');
    const brackets = JSON.parse(
      readFileSync(new URL('../../../examples/binance-btcusdt-2024.json', import.meta.url), 'utf8'),
    );
    const market = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1' });
    const at = (side: 'buy' | 'sell') =>
      previewIsolatedOrder(
        market,
        null,
        { side, size: v.inputs.qty as string, type: 'limit', price: v.inputs.order_price as string },
        {
          markPrice: v.inputs.mark_price as string,
          leverage: v.inputs.leverage as string,
        },
      ).cost;
    const long = at('buy');
    // 9,253.30 / 20 = 462.665 exactly; Binance's page shows 462.66 (cut, not rounded, to 2 places).
    expect(long.initialMargin.toString()).toBe('462.665');
    expect(long.initialMargin.round(2, 0).toString()).toBe(v.expected.initial_margin);
    expect(long.openLoss.toString()).toBe(v.expected.open_loss_long);
    expect(long.costToOpen.round(2, 0).toString()).toBe(v.expected.cost_long);
    expect(at('sell').openLoss.toString()).toBe(v.expected.open_loss_short);
  });
});
