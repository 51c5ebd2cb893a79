/**
 * previewCrossOrder: the account after the order is the one trading would leave, its liquidation
 * prices are the cross functions' prices of that account, and equity is conserved at the fill.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossEquity,
  crossLiquidationPrice,
  crossRequirement,
  defineMarket,
  defineTiers,
  previewCrossOrder,
} from '../../../src/index.js';
import { crossCase, decimalIn } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
const btc = defineMarket({ symbol: 'BTC-USD', contract: 'linear', settle: 'USDC', tiers });
const account = {
  collateral: 1000,
  positions: [{ market: eth, side: 'long', size: 1, entryPrice: 3000, markPrice: 3000 }],
} as const;

const near = (a: Big | null, b: Big | null) =>
  a === null || b === null
    ? a === b
    : a
        .minus(b)
        .abs()
        .lte(new Big('1e-30').times(b.abs().plus(1)));

describe('previewCrossOrder', () => {
  it.each([
    ['buy', 1, 'add', ['2', '3000'], '1000'],
    ['sell', '0.5', 'reduce', ['0.5', '3000'], '1000'],
    ['sell', 1, 'close', null, '1000'],
    ['sell', 3, 'flip', ['2', '3000'], '1000'],
  ] as const)('%s %s ETH on a 1 ETH long: %s', (side, size, transition, position, collateral) => {
    const preview = previewCrossOrder(
      account,
      { market: eth, side, size, type: 'market' },
      { markPrice: 3000, leverage: 10 },
    );
    expect(preview.transition).toBe(transition);
    const eths = preview.after.account.positions.filter((p) => p.market === eth);
    expect(eths.map((p) => [p.size.toString(), p.entryPrice.toString()])).toEqual(position === null ? [] : [position]);
    expect(preview.after.account.collateral.toString()).toBe(collateral);
  });

  it('a new symbol opens beside the others, which stay at their marks', () => {
    const preview = previewCrossOrder(
      account,
      { market: btc, side: 'sell', size: '0.1', type: 'limit', price: 60000 },
      {
        markPrice: 60000,
        leverage: 10,
        feeRate: '0.001',
      },
    );
    expect(preview.transition).toBe('open');
    expect(preview.before).toBeNull();
    expect(preview.after.account.positions.map((p) => p.market.symbol)).toEqual(['ETH-USD', 'BTC-USD']);
    expect(preview.after.account.collateral.toString()).toBe('994');
    expect(preview.cost.initialMargin.toString()).toBe('600');
  });

  it('the prices after are the cross prices of the account after, and equity less the fee is kept at the fill', () => {
    fc.assert(
      fc.property(crossCase, fc.nat(), fc.boolean(), decimalIn(0.01, 300, 2), ({ account: a }, pick, buy, size) => {
        const leg = a.positions[pick % a.positions.length];
        if (leg === undefined) return;
        // A symbol held on both sides takes the order in hedge mode, on the picked leg's side.
        const hedged = a.positions.filter((p) => p.market === leg.market).length > 1;
        const preview = previewCrossOrder(
          a,
          {
            market: leg.market,
            side: buy ? 'buy' : 'sell',
            size,
            type: 'market',
            ...(hedged ? { positionSide: leg.side } : {}),
          },
          { markPrice: leg.markPrice, leverage: 5, feeRate: '0.0004' },
        );
        if (preview.rejected === 'above-max-notional') return;
        const after = preview.after.account;
        // Below 0: an opening order is refused; a close may leave a bankrupt account (no account to value).
        if (after.collateral.lt(0)) {
          if (preview.transition !== 'reduce' && preview.transition !== 'close')
            expect(preview.rejected).not.toBeNull();
          return;
        }
        // At the fill (= the mark here), trading moves value between PnL and collateral; only the fee leaves.
        const equityBefore = crossEquity(a);
        expect(equityBefore.minus(preview.fee).minus(crossEquity(after)).abs().lte('1e-40')).toBe(true);
        expect(near(preview.after.equity, crossEquity(after))).toBe(true);
        expect(near(preview.after.requirement, crossRequirement(after))).toBe(true);
        if (preview.after.liquidation !== null) {
          const again = crossLiquidationPrice(after, leg.market.symbol);
          expect(again.status).toBe(preview.after.liquidation.status);
          expect(near(preview.after.liquidation.below, again.below)).toBe(true);
          expect(near(preview.after.liquidation.above, again.above)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what it cannot answer, and says why', () => {
    const other = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
    const order = { market: eth, side: 'buy', size: 1, type: 'market' } as const;
    expectLiqMathErrorCode(
      () => previewCrossOrder(account, order, { markPrice: 3100, leverage: 5 }),
      'MARK_PRICE_MISMATCH',
      'options.markPrice',
    );
    expectLiqMathErrorCode(
      () => previewCrossOrder(account, { ...order, market: other }, { markPrice: 3000, leverage: 5 }),
      'SYMBOL_CONFLICT',
      'order.market',
    );
    const hedged = {
      collateral: 1000,
      positions: [...account.positions, { ...account.positions[0], side: 'short' as const }],
    };
    expectLiqMathErrorCode(
      () => previewCrossOrder(hedged, order, { markPrice: 3000, leverage: 5 }),
      'MISSING_FIELD',
      'order.positionSide',
    );
    const usdt = defineMarket({ symbol: 'SOL', contract: 'linear', settle: 'USDT', tiers });
    expectLiqMathErrorCode(
      () => previewCrossOrder(account, { ...order, market: usdt }, { markPrice: 100, leverage: 5 }),
      'SETTLE_MISMATCH',
      'order.market.settle',
    );
    expect(previewCrossOrder(account, { ...order, reduceOnly: true }, { markPrice: 3000, leverage: 5 }).rejected).toBe(
      'reduce-only-would-increase',
    );
    expect(previewCrossOrder(account, order, { markPrice: 3000, leverage: 50 }).rejected).toBe(
      'above-max-leverage-for-tier',
    );
  });

  it('hedge mode: the order acts on its position side, the other leg stays', () => {
    const hedged = {
      collateral: 2000,
      positions: [
        { market: eth, side: 'long', size: 1, entryPrice: 3000, markPrice: 3000 },
        { market: eth, side: 'short', size: '0.5', entryPrice: 3100, markPrice: 3000 },
      ],
    } as const;
    const at = (side: 'buy' | 'sell', size: number | string, positionSide: 'long' | 'short') =>
      previewCrossOrder(
        hedged,
        { market: eth, side, size, type: 'market', positionSide },
        { markPrice: 3000, leverage: 10 },
      );
    const sizes = (p: ReturnType<typeof at>) => p.after.account.positions.map((q) => `${q.side} ${q.size}`).sort();
    expect([at('buy', 1, 'long').transition, sizes(at('buy', 1, 'long'))]).toEqual(['add', ['long 2', 'short 0.5']]);
    expect([at('buy', '0.2', 'short').transition, sizes(at('buy', '0.2', 'short'))]).toEqual([
      'reduce',
      ['long 1', 'short 0.3'],
    ]);
    expect([at('buy', '0.5', 'short').transition, sizes(at('buy', '0.5', 'short'))]).toEqual(['close', ['long 1']]);
    const over = at('buy', 2, 'short');
    expect([over.transition, over.rejected]).toEqual(['close', 'above-position-size']);
    // The liquidation after counts both legs, as the cross functions do.
    const after = at('sell', 1, 'short');
    const again = crossLiquidationPrice(after.after.account, 'ETH-USD');
    // (The short's entry averages to 3,033.3…: the account shown carries it rounded at 50 places.)
    expect(near(after.after.liquidation?.below ?? null, again.below)).toBe(true);
    expect(near(after.after.liquidation?.above ?? null, again.above)).toBe(true);
  });
});
