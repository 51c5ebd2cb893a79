/**
 * isolatedMarginForLiquidationPrice: the margin it returns gives back the target as the
 * liquidation price, for every fee rule, linear and inverse; deduction tables always have one.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineMarket,
  defineTiers,
  isolatedLeverageForLiquidationPrice,
  isolatedLiquidationPrice,
  isolatedMarginForLiquidationPrice,
} from '../../../src/index.js';
import { decimalIn, isolatedCase } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

describe('isolatedMarginForLiquidationPrice', () => {
  it('the margin it returns puts the liquidation price on the target', () => {
    fc.assert(
      fc.property(isolatedCase, decimalIn(0.05, 0.99, 3), ({ spec, market, position }, depth) => {
        // A target on the adverse side: below the entry for a long, above for a short.
        const entry = new Big(position.entryPrice);
        const target = (position.side === 'long' ? entry.times(depth) : entry.div(depth)).toFixed(2);
        if (new Big(target).eq(entry) || new Big(target).lte(0)) return;
        const result = isolatedMarginForLiquidationPrice(market, position, target);
        if (result.margin === null) {
          // Only a flat table's jump can stand between the entry and the target.
          expect([result.reason, spec.method]).toEqual(['tier-jump', 'flat']);
          return;
        }
        const price = isolatedLiquidationPrice(market, { ...position, margin: result.margin });
        // The margin is rounded once at 50 places when it is not a finite decimal.
        expect(price?.minus(target).abs().lte(new Big('1e-30').times(target))).toBe(true);
        expect(result.change?.toString()).toBe(result.margin.minus(position.margin).toString());
      }),
      { numRuns: 400 },
    );
  });

  it('with a fee on the bankruptcy value, a reserve, or a fee at the mark', () => {
    const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
    for (const on of ['bankruptcy', 'reserve', 'mark'] as const) {
      const market = defineMarket({
        symbol: 'X',
        contract: 'inverse',
        settle: 'BTC',
        contractSize: 1,
        tiers,
        closeFee: { rate: '0.00075', on },
      });
      const position = { side: 'short', size: 10000, entryPrice: 50000, leverage: 10 } as const;
      const result = isolatedMarginForLiquidationPrice(market, position, 54000);
      expect(result.reason).toBeNull();
      const price = isolatedLiquidationPrice(market, {
        side: 'short',
        size: 10000,
        entryPrice: 50000,
        margin: result.margin as Big,
      });
      expect(price?.minus(54000).abs().lte('1e-40')).toBe(true);
    }
  });

  it('a flat table whose requirement drops below the target has no margin for it', () => {
    const tiers = defineTiers(
      [
        { cap: 45000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
        { cap: null, maintenanceMarginRate: '0.2', maxLeverage: 4 },
      ],
      { method: 'flat' },
    );
    const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers });
    // A long of 1 at 46,000 (20%): falling through 45,000 its requirement drops to 1%. The margin for
    // a target of 44,999 (1,450.99) is below the 9,000 the 20% tier asks just above 45,000.
    const long = { side: 'long', size: 1, entryPrice: 46000, leverage: 4 } as const;
    expect(isolatedMarginForLiquidationPrice(market, long, 44999).reason).toBe('tier-jump');
  });

  it('bad targets are errors; favourable ones are a reason', () => {
    const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
    const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers });
    const position = { side: 'long', size: 1, entryPrice: 100, leverage: 10 } as const;
    expectLiqMathErrorCode(() => isolatedMarginForLiquidationPrice(market, position, 0), 'NOT_POSITIVE', 'targetPrice');
    expect(isolatedMarginForLiquidationPrice(market, position, 100).reason).toBe('not-adverse');
  });

  it('isolatedLeverageForLiquidationPrice: the leverage it returns opens a position liquidated at the target', () => {
    fc.assert(
      fc.property(isolatedCase, decimalIn(0.5, 0.99, 3), ({ market, position }, depth) => {
        const entry = new Big(position.entryPrice);
        const target = (position.side === 'long' ? entry.times(depth) : entry.div(depth)).toFixed(2);
        if (new Big(target).eq(entry)) return;
        const result = isolatedLeverageForLiquidationPrice(market, position, target);
        if (result.leverage === null) return;
        const { side, size, entryPrice } = position;
        const price = isolatedLiquidationPrice(market, { side, size, entryPrice, leverage: result.leverage });
        expect(price?.minus(target).abs().lte(new Big('1e-30').times(target))).toBe(true);
      }),
      { numRuns: 200 },
    );
    const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 5 }]);
    const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers });
    const position = { side: 'long', size: 1, entryPrice: 100, leverage: 2 } as const;
    // A target close to the entry needs more leverage than the tier allows; a short's target far
    // above it needs more margin than the notional (below 1x).
    expect(isolatedLeverageForLiquidationPrice(market, position, 99).reason).toBe('above-max-leverage');
    const short = { side: 'short', size: 1, entryPrice: 100, leverage: 2 } as const;
    expect(isolatedLeverageForLiquidationPrice(market, short, 300).reason).toBe('below-1x');
  });
});
