/**
 * isolatedMaxSizeForLiquidationPrice against the engine: the size it returns stays strictly beyond
 * the stop, and no larger whole number of lots does (checked one by one above it, and by a full
 * scan on fixed tables, deduction and flat).
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineMarket,
  defineTiers,
  isLiqMathError,
  isolatedLiquidationPrice,
  isolatedMaxSizeForLiquidationPrice,
  type Market,
} from '../../../src/index.js';
import { decimalIn, isolatedCase } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

/** Whether `size` at the leverage stays strictly beyond the stop (false when the leverage is refused). */
function staysBeyond(
  market: Market,
  side: 'long' | 'short',
  size: Big,
  entryPrice: string,
  leverage: string,
  stop: string,
) {
  try {
    const price = isolatedLiquidationPrice(market, { side, size, entryPrice, leverage });
    return price === null || (side === 'long' ? price.lt(stop) : price.gt(stop));
  } catch (error) {
    if (isLiqMathError(error) && (error.code === 'LEVERAGE_ABOVE_MAX' || error.code === 'BEYOND_LAST_TIER'))
      return false;
    throw error;
  }
}

function scan(market: Market, side: 'long' | 'short', entry: string, leverage: string, stop: string, lots: number) {
  const lot = market.lotSize as Big;
  let best = 0;
  for (let n = 1; n <= lots; n += 1) if (staysBeyond(market, side, lot.times(n), entry, leverage, stop)) best = n;
  return best === 0 ? null : lot.times(best).toString();
}

describe('isolatedMaxSizeForLiquidationPrice', () => {
  it.each(['deduction', 'flat'] as const)('equals a full scan over lots (%s table, both sides)', (method) => {
    const tiers = defineTiers(
      [
        { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
        { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
        { cap: 1000000, maintenanceMarginRate: '0.05', maxLeverage: 10 },
      ],
      { method },
    );
    const market = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USDT', lotSize: '0.01', tiers });
    for (const [side, stop] of [
      ['long', '55000'],
      ['long', '57500'],
      ['short', '65000'],
      ['short', '61000'],
    ] as const) {
      for (const leverage of ['5', '10']) {
        const result = isolatedMaxSizeForLiquidationPrice(market, {
          side,
          entryPrice: 60000,
          leverage,
          stopPrice: stop,
        });
        expect(result.size?.toString() ?? null, `${side} ${leverage}x stop ${stop}`).toBe(
          scan(market, side, '60000', leverage, stop, 1700),
        );
      }
    }
  });

  it('on random markets: the size stays beyond, and the next 40 lots do not', () => {
    fc.assert(
      fc.property(
        isolatedCase,
        decimalIn(0.5, 0.99, 3),
        decimalIn(1, 20, 1),
        ({ spec, market: m, position }, depth, leverage) => {
          const market = defineMarket({
            symbol: 'X',
            contract: m.contract,
            settle: m.settle,
            contractSize: m.contractSize,
            tiers: m.tiers,
            lotSize: '0.001',
            ...(spec.fee === null ? {} : { closeFee: spec.fee }),
          });
          const entry = new Big(position.entryPrice);
          const stop = (position.side === 'long' ? entry.times(depth) : entry.div(depth)).toFixed(2);
          if (new Big(stop).eq(entry)) return;
          const input = { side: position.side, entryPrice: position.entryPrice, leverage, stopPrice: stop };
          const result = isolatedMaxSizeForLiquidationPrice(market, input);
          if (result.size === null) {
            if (result.reason === 'not-even-one-lot')
              expect(staysBeyond(market, position.side, new Big('0.001'), position.entryPrice, leverage, stop)).toBe(
                false,
              );
            return;
          }
          expect(staysBeyond(market, position.side, result.size, position.entryPrice, leverage, stop)).toBe(true);
          for (let k = 1; k <= 40; k += 1) {
            const larger = result.size.plus(new Big('0.001').times(k));
            expect(staysBeyond(market, position.side, larger, position.entryPrice, leverage, stop), `+${k} lots`).toBe(
              false,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a stop on the wrong side and a market without a lot', () => {
    const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
    const lotted = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', lotSize: '0.01', tiers });
    const bare = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers });
    const input = { side: 'long', entryPrice: 100, leverage: 10, stopPrice: 95 } as const;
    expectLiqMathErrorCode(() => isolatedMaxSizeForLiquidationPrice(bare, input), 'INVALID_OPTION', 'market.lotSize');
    expectLiqMathErrorCode(
      () => isolatedMaxSizeForLiquidationPrice(lotted, { ...input, stopPrice: 105 }),
      'INVALID_OPTION',
      'input.stopPrice',
    );
    // One unbounded tier: at 10x the long liquidates near 90.45 whatever its size, so a stop at 95
    // is safe for every size, and one at 80 for none.
    expect(isolatedMaxSizeForLiquidationPrice(lotted, input).reason).toBe('no-limit');
    expect(isolatedMaxSizeForLiquidationPrice(lotted, { ...input, stopPrice: 80 }).reason).toBe('not-even-one-lot');
  });
});
