/**
 * isolatedMaxRemovableMargin: what stays meets the venue's rule exactly, and the position with
 * that margin removed is no closer to liquidation than the rule allows.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineMarket,
  defineTiers,
  isolatedEquity,
  isolatedMaxRemovableMargin,
  positionNotional,
} from '../../../src/index.js';
import { decimalIn, isolatedCase } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

describe('isolatedMaxRemovableMargin', () => {
  it('leaves what the rule keeps, never more than the margin and never below zero', () => {
    fc.assert(
      fc.property(
        isolatedCase,
        decimalIn(0.8, 1.2, 3),
        decimalIn(1, 50, 1),
        fc.constantFrom('initial-margin' as const, 'hyperliquid' as const),
        ({ market, position }, move, leverage, rule) => {
          const mark = new Big(position.entryPrice).times(move).toFixed(2);
          const removable = isolatedMaxRemovableMargin(market, position, { markPrice: mark, leverage, rule });
          expect(removable.gte(0) && removable.lte(position.margin)).toBe(true);
          const notional = positionNotional(market, position.size, mark);
          const initial = notional.div(leverage);
          const equity = isolatedEquity(market, position, mark);
          const pnl = equity.minus(position.margin);
          const kept =
            rule === 'initial-margin'
              ? new Big(position.margin).minus(removable).plus(pnl.lt(0) ? pnl : 0)
              : equity.minus(removable);
          const floor = rule === 'initial-margin' ? initial : initial.gt(notional.div(10)) ? initial : notional.div(10);
          // What stays meets the rule, and exactly so unless all (or none) of the margin may go.
          const tolerance = new Big('1e-40').times(notional.plus(1));
          if (removable.gt(0) && removable.lt(position.margin))
            expect(kept.minus(floor).abs().lte(tolerance)).toBe(true);
          else if (removable.eq(0)) expect(kept.lte(floor.plus(tolerance))).toBe(true);
          else expect(kept.gte(floor.minus(tolerance))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('needs the mark, the leverage and a known rule', () => {
    const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 50 }]);
    const market = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USDC', tiers });
    const position = { side: 'long', size: 1, entryPrice: 50000, margin: 10000 } as const;
    const call = (options: object) => () => isolatedMaxRemovableMargin(market, position, options as never);
    expectLiqMathErrorCode(call({ leverage: 10, rule: 'hyperliquid' }), 'MISSING_FIELD', 'options.markPrice');
    expectLiqMathErrorCode(call({ markPrice: 1, rule: 'hyperliquid' }), 'MISSING_FIELD', 'options.leverage');
    expectLiqMathErrorCode(
      call({ markPrice: 1, leverage: '0.5', rule: 'hyperliquid' }),
      'LEVERAGE_OUT_OF_RANGE',
      'options.leverage',
    );
    expectLiqMathErrorCode(call({ markPrice: 1, leverage: 2, rule: 'binance' }), 'INVALID_OPTION', 'options.rule');
    expectLiqMathErrorCode(
      call({ markPrice: 1, leverage: 2, rule: 'hyperliquid', mode: 1 }),
      'UNKNOWN_FIELD',
      'options.mode',
    );
  });
});
