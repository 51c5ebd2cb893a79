/**
 * isolatedLiquidationPriceBand: each step's liquidation price is the liquidation price of the
 * position the walk has reached; walks stop where the position would be liquidated first.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineMarket,
  defineTiers,
  isolatedLiquidationPrice,
  isolatedLiquidationPriceBand,
  type Order,
  previewIsolatedOrder,
} from '../../../src/index.js';
import { decimalIn } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

const tiers = defineTiers([
  { cap: 100000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
  { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
]);
const market = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
const long = { side: 'long', size: 1, entryPrice: 50000, leverage: 10 } as const;
const limit = (side: 'buy' | 'sell', size: number | string, price: number | string): Order => ({
  side,
  size,
  type: 'limit',
  price,
});

describe('isolatedLiquidationPriceBand', () => {
  it('walks buys down and sells up, each step the price of the position reached', () => {
    const orders = [
      limit('buy', 1, 48000),
      limit('buy', '0.5', 49000),
      limit('sell', '0.5', 52000),
      limit('sell', 2, 55000),
    ];
    const band = isolatedLiquidationPriceBand(market, long, orders, { leverage: 10 });
    expect(band.buys.map((s) => s.index)).toEqual([1, 0]);
    expect(band.sells.map((s) => s.index)).toEqual([2, 3]);
    // Replay the buys by hand with the preview.
    let position: Parameters<typeof previewIsolatedOrder>[1] = long;
    for (const step of band.buys) {
      const p = previewIsolatedOrder(market, position, orders[step.index] as Order, {
        markPrice: step.price,
        leverage: 10,
      });
      position = p.after.position;
      expect(step.liquidationPrice?.toString()).toBe(p.after.liquidationPrice?.toString());
    }
    expect(band.allBuys?.toString()).toBe(band.buys.at(-1)?.liquidationPrice?.toString());
    // The second sell flips the long into a 1.5 short at 55,000.
    expect(band.allSells?.toString()).toBe(
      isolatedLiquidationPrice(market, { side: 'short', size: '1.5', entryPrice: 55000, leverage: 10 })?.toString(),
    );
  });

  it('stops filling once the position would be liquidated before the price reaches the order', () => {
    // A 50x long from 50,000 is liquidated near 49,2xx: a buy at 45,000 is never reached.
    const thin = { side: 'long', size: 1, entryPrice: 50000, leverage: 50 } as const;
    const band = isolatedLiquidationPriceBand(market, thin, [limit('buy', 1, 45000)], { leverage: 50 });
    expect(band.buys).toHaveLength(1);
    expect(band.buys[0]).toMatchObject({ fills: false, skipped: 'liquidated-first' });
    expect(band.allBuys?.toString()).toBe(band.none?.toString());
  });

  it('skips what a venue would refuse, with the reason', () => {
    const band = isolatedLiquidationPriceBand(market, long, [{ ...limit('buy', 1, 49000), reduceOnly: true }], {
      leverage: 10,
    });
    expect(band.buys[0]).toMatchObject({ fills: false, skipped: 'reduce-only-would-increase' });
  });

  it('without orders, every answer is the position as it is', () => {
    fc.assert(
      fc.property(decimalIn(2, 50, 1), fc.constantFrom('long' as const, 'short' as const), (leverage, side) => {
        const position = { side, size: 1, entryPrice: 50000, leverage };
        const band = isolatedLiquidationPriceBand(market, position, [], {});
        const price = isolatedLiquidationPrice(market, position);
        expect([band.none, band.allBuys, band.allSells].map(String)).toEqual([price, price, price].map(String));
      }),
      { numRuns: 50 },
    );
  });

  it('names a bad order by its place in the list', () => {
    expectLiqMathErrorCode(
      () => isolatedLiquidationPriceBand(market, long, [{ side: 'buy', size: 1, type: 'market' }], {}),
      'INVALID_OPTION',
      'orders[0].type',
    );
    expectLiqMathErrorCode(
      () => isolatedLiquidationPriceBand(market, long, [limit('buy', 0, 1)], { leverage: 2 }),
      'NOT_POSITIVE',
      'orders[0].size',
    );
    expectLiqMathErrorCode(
      () => isolatedLiquidationPriceBand(market, long, [], { leverag: 2 } as never),
      'UNKNOWN_FIELD',
      'options.leverag',
    );
    expect(new Big(1).gt(0)).toBe(true);
  });
});
