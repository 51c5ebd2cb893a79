/**
 * A copied Market is refused by the type checker and at run time alike (docs/errors.md,
 * INVALID_TYPE): markets are known by identity, so a variant is made with defineMarket.
 * The `@ts-expect-error` lines are the type test: `npm run typecheck` fails if a copy compiles.
 */
import { describe, expect, it } from 'vitest';
import { defineMarket, defineTiers, isolatedLiquidationPrice, type Market } from '../../src/index.js';
import { expectLiqMathErrorCode } from '../helpers.js';

const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]);
const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers });
const position = { side: 'long', size: 1, entryPrice: 100, leverage: 10 } as const;

describe('a copy of a Market', () => {
  it('does not compile, and is refused at run time', () => {
    // @ts-expect-error a spread drops what makes a Market one made by defineMarket
    const copy: Market = { ...market };
    // @ts-expect-error so does a variant
    const variant: Market = { ...market, tickSize: null };
    for (const m of [copy, variant]) {
      expectLiqMathErrorCode(() => isolatedLiquidationPrice(m, position), 'INVALID_TYPE', 'market');
    }
  });

  it('a variant is made with defineMarket', () => {
    const finer = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers, tickSize: '0.5' });
    expect(isolatedLiquidationPrice(finer, position)?.toString()).toBe(
      isolatedLiquidationPrice(market, position)?.toString(),
    );
  });
});
