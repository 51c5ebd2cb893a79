/**
 * isolatedMaxOrderSize against previewIsolatedOrder: the size it returns passes every check, and
 * one lot more fails one — on random markets (linear and inverse, fee rules, lots), positions and
 * orders, by both cost rules.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineMarket, defineTiers, isolatedMaxOrderSize, previewIsolatedOrder } from '../../../src/index.js';
import { decimalIn, isolatedCase } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

describe('isolatedMaxOrderSize', () => {
  it('the max size is accepted and one lot more is refused', () => {
    fc.assert(
      fc.property(
        isolatedCase,
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('order-cost' as const, 'cost-to-open' as const),
        decimalIn(1, 30, 1),
        decimalIn(0.01, 3, 2),
        decimalIn(0.95, 1.05, 3),
        ({ spec, market: m, position }, withPosition, buy, costRule, leverage, balanceShare, move) => {
          const lotSize = '0.001';
          const market = defineMarket({
            symbol: m.symbol,
            contract: m.contract,
            settle: m.settle,
            contractSize: m.contractSize,
            tiers: m.tiers,
            lotSize,
            ...(spec.fee === null ? {} : { closeFee: spec.fee }),
          });
          const held = withPosition ? position : null;
          const fill = new Big(position.entryPrice).times(move).toFixed(2);
          const balance = new Big(position.margin).times(balanceShare).toFixed(8);
          const options = {
            markPrice: position.entryPrice,
            leverage,
            availableBalance: balance,
            feeRate: '0.0004',
            costRule,
          };
          const order = { side: buy ? 'buy' : 'sell', type: 'limit', price: fill } as const;
          const max = isolatedMaxOrderSize(market, held, order, options);
          if (max.size.gt(0)) {
            const at = previewIsolatedOrder(market, held, { ...order, size: max.size }, options);
            expect(at.rejected, `at ${max.size} (${max.limitedBy})`).toBeNull();
          }
          const more = previewIsolatedOrder(market, held, { ...order, size: max.size.plus(lotSize) }, options);
          expect(more.rejected, `at ${max.size} + a lot (${max.limitedBy})`).not.toBeNull();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('names what binds', () => {
    const tiers = defineTiers([
      { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
      { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
    ]);
    const market = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', lotSize: '0.001', tiers });
    const order = { side: 'buy', type: 'limit', price: 50000 } as const;
    const at = (leverage: number, availableBalance: number | string) =>
      isolatedMaxOrderSize(market, null, order, { markPrice: 50000, leverage, availableBalance });
    expect(at(20, 1000)).toMatchObject({ limitedBy: 'balance' });
    expect(at(20, 1000).size.toString()).toBe('0.4');
    expect([at(125, 1e9).size.toString(), at(125, 1e9).limitedBy]).toEqual(['1', 'tier-leverage']);
    expect([at(100, 1e9).size.toString(), at(100, 1e9).limitedBy]).toEqual(['5', 'max-notional']);
    expect([at(20, '0.0001').size.toString(), at(20, '0.0001').limitedBy]).toEqual(['0', 'lot']);
    // Adding to a long of 4 BTC at 50,000: 1 BTC of room left under the last cap.
    const long = { side: 'long', size: 4, entryPrice: 50000, margin: 4000 } as const;
    expect(
      isolatedMaxOrderSize(market, long, order, {
        markPrice: 50000,
        leverage: 50,
        availableBalance: 1e9,
      }).size.toString(),
    ).toBe('1');
  });

  it('takes no size, and needs the leverage and the balance', () => {
    const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
    const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers });
    const order = { side: 'buy', type: 'market' } as const;
    expectLiqMathErrorCode(
      () =>
        isolatedMaxOrderSize(market, null, { ...order, size: 1 } as never, {
          markPrice: 1,
          leverage: 2,
          availableBalance: 1,
        }),
      'UNKNOWN_FIELD',
      'order.size',
    );
    expectLiqMathErrorCode(
      () => isolatedMaxOrderSize(market, null, order, { markPrice: 1, availableBalance: 1 }),
      'MISSING_FIELD',
      'options.leverage',
    );
    expectLiqMathErrorCode(
      () => isolatedMaxOrderSize(market, null, order, { markPrice: 1, leverage: 2 }),
      'MISSING_FIELD',
      'options.availableBalance',
    );
  });
});
