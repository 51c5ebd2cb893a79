/**
 * crossLiquidationPriceBand: each step is previewCrossOrder on the account the walk has reached,
 * re-marked at the order's price; the walk stops once the account would be liquidated first.
 */
import { describe, expect, it } from 'vitest';
import {
  type CrossAccount,
  crossLiquidationPrice,
  crossLiquidationPriceBand,
  defineMarket,
  defineTiers,
  type Order,
  previewCrossOrder,
} from '../../../src/index.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
const btc = defineMarket({ symbol: 'BTC-USD', contract: 'linear', settle: 'USDC', tiers });
const account = {
  collateral: 5000,
  positions: [
    { market: eth, side: 'long', size: 2, entryPrice: 3000, markPrice: 3000 },
    { market: btc, side: 'short', size: '0.1', entryPrice: 60000, markPrice: 61000 },
  ],
} as const;
const limit = (side: 'buy' | 'sell', size: number | string, price: number): Order => ({
  side,
  size,
  type: 'limit',
  price,
});

describe('crossLiquidationPriceBand', () => {
  it('each step is the preview of its order on the account the walk reached', () => {
    const orders = [limit('buy', 1, 2900), limit('buy', 1, 2700), limit('sell', 1, 3200), limit('sell', 3, 3400)];
    const band = crossLiquidationPriceBand(account, eth, orders, { leverage: 10 });
    expect(band.none).toEqual(crossLiquidationPrice(account, 'ETH-USD'));
    expect(band.buys.map((s) => s.index)).toEqual([0, 1]);
    expect(band.sells.map((s) => s.index)).toEqual([2, 3]);
    for (const [steps, list] of [
      [band.buys, [0, 1]],
      [band.sells, [2, 3]],
    ] as const) {
      let current: CrossAccount = account;
      for (const [k, step] of steps.entries()) {
        const order = orders[list[k] as number] as Order;
        const marked = {
          collateral: current.collateral,
          positions: current.positions.map((p) => (p.market === eth ? { ...p, markPrice: step.price } : p)),
        };
        const preview = previewCrossOrder(marked, { ...order, market: eth }, { markPrice: step.price, leverage: 10 });
        expect(step.fills).toBe(true);
        expect(step.liquidation).toEqual(preview.after.liquidation);
        current = preview.after.account as unknown as CrossAccount;
      }
    }
    expect(band.allSells).toEqual(band.sells.at(-1)?.liquidation);
  });

  it('stops once the account would be liquidated before the price reaches the order', () => {
    const thin = {
      collateral: 200,
      positions: [{ market: eth, side: 'long', size: 2, entryPrice: 3000, markPrice: 3000 }],
    } as const;
    const band = crossLiquidationPriceBand(thin, eth, [limit('buy', 1, 2000)], { leverage: 10 });
    expect(band.buys[0]).toMatchObject({ fills: false, skipped: 'liquidated-first' });
  });

  it('validates every order up front and names it by its place', () => {
    expectLiqMathErrorCode(
      () => crossLiquidationPriceBand(account, eth, [limit('buy', 0, 2000)], { leverage: 10 }),
      'NOT_POSITIVE',
      'orders[0].size',
    );
    expectLiqMathErrorCode(
      () => crossLiquidationPriceBand(account, eth, [{ side: 'buy', size: 1, type: 'market' }], {}),
      'INVALID_OPTION',
      'orders[0].type',
    );
  });
});
