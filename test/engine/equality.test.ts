/**
 * One rule at equality: at exactly the liquidation price, every liquidatable/healthy answer —
 * the booleans, the cross status, close sizing, the policies' step, the plan — agrees with the
 * market's trigger (`≤` by default: liquidatable; `<`, Hyperliquid and dYdX: healthy).
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  crossLiquidationPrice,
  crossMinimumCloseSize,
  defineMarket,
  defineTiers,
  dydxV4,
  isCrossLiquidatable,
  isIsolatedLiquidatable,
  isolatedLiquidationPlan,
  isolatedLiquidationPrice,
  isolatedLiquidationStep,
  isolatedMarginRatio,
  isolatedMinimumCloseSize,
  type LiquidationTrigger,
} from '../../src/index.js';

const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]);
const marketOf = (liquidatableWhen: LiquidationTrigger) =>
  defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers, lotSize: '0.001', liquidatableWhen });
// 10.9 + (P − 100) = 0.01·P: the liquidation price is exactly 90.
const position = { side: 'long', size: 1, entryPrice: 100, margin: '10.9' } as const;
const policy = { kind: 'tier-step-down' } as const;

describe('at exactly the liquidation price', () => {
  for (const [trigger, liquidatable] of [
    ['equity ≤ requirement', true],
    ['equity < requirement', false],
  ] as const) {
    it(`${trigger}: every answer says ${liquidatable ? 'liquidatable' : 'healthy'}`, () => {
      const market = marketOf(trigger);
      expect(isolatedLiquidationPrice(market, position)?.toString()).toBe('90');
      const at = { markPrice: 90, fillPrice: 90 };
      expect(isIsolatedLiquidatable(market, position, 90)).toBe(liquidatable);
      expect(isolatedMinimumCloseSize(market, position, at).status === 'healthy').toBe(!liquidatable);
      expect(isolatedLiquidationStep(market, position, policy, at).status === 'healthy').toBe(!liquidatable);
      expect(isolatedLiquidationPlan(market, position, policy, at).length > 0).toBe(liquidatable);
      const account = {
        collateral: '10.9',
        positions: [{ market, side: 'long' as const, size: 1, entryPrice: 100, markPrice: 90 }],
      };
      expect(isCrossLiquidatable(account)).toBe(liquidatable);
      expect(crossLiquidationPrice(account, 'X').status).toBe(liquidatable ? 'liquidatable' : 'healthy');
      expect(crossMinimumCloseSize(account, { symbol: 'X', side: 'long' }, at).status === 'healthy').toBe(
        !liquidatable,
      );
      // The isolated margin ratio is exactly 1 there, as the cross one is.
      expect(isolatedMarginRatio(market, position, 90)?.toString()).toBe('1');
      // A penny above, both triggers agree that it is healthy.
      expect(isIsolatedLiquidatable(market, position, '90.01')).toBe(false);
    });
  }

  it('a close that leaves the remainder exactly at the target is one lot too small under ≤', () => {
    const market = marketOf('equity ≤ requirement');
    // Long 2 at 100 with 21.8 at a mark of 90: equity 1.8 = requirement 1.8. Closing at the mark
    // leaves equity 1.8 against 0.9·(2 − q): any lot beats it, none is not enough.
    const result = isolatedMinimumCloseSize(
      market,
      { side: 'long', size: 2, entryPrice: 100, margin: '21.8' },
      { markPrice: 90, fillPrice: 90 },
    );
    expect(result.status === 'partial' && result.size.toString()).toBe('0.001');
    if (result.status === 'partial') expect(result.equityAfter.gt(result.requirementAfter)).toBe(true);
  });

  it("venue objects carry their venue's trigger into the market", () => {
    const market = dydxV4.market(
      { ticker: 'ETH-USD', initialMarginFraction: '0.05', maintenanceMarginFraction: '0.03' },
      { symbol: 'ETH-USD' },
    );
    expect(market.liquidatableWhen).toBe('equity < requirement');
  });

  it('the isolated margin ratio is requirement ÷ equity, null once equity is gone', () => {
    const market = marketOf('equity ≤ requirement');
    // at 95: equity 10.9 − 5 = 5.9, requirement 0.95
    expect(isolatedMarginRatio(market, position, 95)?.toFixed(20)).toBe(new Big('0.95').div('5.9').toFixed(20));
    expect(isolatedMarginRatio(market, position, '89.1')).toBeNull();
  });
});
