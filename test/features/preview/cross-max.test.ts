/**
 * crossMaxOrderSize against previewCrossOrder: the size it returns is accepted and one lot more
 * is refused, on random cross accounts (one-way symbols), orders and balances.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossMaxOrderSize, defineMarket, defineTiers, previewCrossOrder } from '../../../src/index.js';
import { crossCase, decimalIn } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

describe('crossMaxOrderSize', () => {
  it('the max size is accepted and one lot more is refused', () => {
    fc.assert(
      fc.property(
        crossCase,
        fc.nat(),
        fc.boolean(),
        decimalIn(1, 30, 1),
        decimalIn(0, 2, 3),
        fc.constantFrom('0', '0.0005'),
        ({ account: a }, pick, buy, leverage, share, feeRate) => {
          const leg = a.positions[pick % a.positions.length];
          if (leg === undefined) return;
          if (a.positions.filter((p) => p.market === leg.market).length > 1) return;
          // The same account with lots on every market, so that "one lot more" means something.
          const lotted = new Map(
            a.positions.map((p) => [
              p.market,
              defineMarket({
                symbol: p.market.symbol,
                contract: p.market.contract,
                settle: p.market.settle,
                contractSize: p.market.contractSize,
                tiers: p.market.tiers,
                lotSize: '0.01',
                ...(p.market.closeFee === null ? {} : { closeFee: p.market.closeFee }),
              }),
            ]),
          );
          const account = {
            collateral: a.collateral,
            positions: a.positions.map((p) => ({ ...p, market: lotted.get(p.market) ?? p.market })),
          };
          const market = lotted.get(leg.market) ?? leg.market;
          const balance = new Big(a.collateral).times(share).toFixed(6);
          const options = { markPrice: leg.markPrice, leverage, availableBalance: balance, feeRate };
          const order = { market, side: buy ? 'buy' : 'sell', type: 'market' } as const;
          const max = crossMaxOrderSize(account, order, options);
          if (max.size.gt(0)) {
            expect(
              previewCrossOrder(account, { ...order, size: max.size }, options).rejections,
              `at ${max.size}`,
            ).toEqual([]);
          }
          const more = previewCrossOrder(account, { ...order, size: max.size.plus('0.01') }, options);
          expect(more.rejected, `at ${max.size} + a lot (${max.limitedBy})`).not.toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes no size and needs the leverage and the balance', () => {
    const account = { collateral: 1, positions: [] };
    const eth = defineMarket({
      symbol: 'ETH',
      contract: 'linear',
      settle: 'USD',
      tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]),
    });
    const order = { market: eth, side: 'buy', type: 'market' } as const;
    expectLiqMathErrorCode(
      () => crossMaxOrderSize(account, { ...order, size: 1 } as never, { markPrice: 1 }),
      'UNKNOWN_FIELD',
      'order.size',
    );
    expectLiqMathErrorCode(
      () => crossMaxOrderSize(account, order, { markPrice: 1, availableBalance: 1 }),
      'MISSING_FIELD',
      'options.leverage',
    );
    expectLiqMathErrorCode(
      () => crossMaxOrderSize(account, order, { markPrice: 1, leverage: 2 }),
      'MISSING_FIELD',
      'options.availableBalance',
    );
  });
});
