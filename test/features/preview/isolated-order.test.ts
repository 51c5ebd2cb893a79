/**
 * previewIsolatedOrder: the transition is the one trading would make, the position after prices
 * as the library prices it, value is conserved at the fill, and refusals are data.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineMarket,
  defineTiers,
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
  type Order,
  previewIsolatedOrder,
} from '../../../src/index.js';
import { decimalIn, isolatedCase } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

const tiers = defineTiers([
  { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
  { cap: 1000000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
]);
const btc = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
const long = { side: 'long', size: 1, entryPrice: 50000, margin: 2500 } as const;
const market = (side: 'buy' | 'sell', size: number | string): Order => ({ side, size, type: 'market' });

/**
 * Equal to 30 significant places: a position after an order whose margin or entry is not a finite
 * decimal is shown rounded at 50 places, and the liquidation price of that shown position moves
 * with the rounding.
 */
const near = (a: Big | null, b: Big | null) =>
  a === null || b === null
    ? a === b
    : a
        .minus(b)
        .abs()
        .lte(new Big('1e-30').times(b.abs().plus(1)));

/** A big.js of its own, at 80 places: the test's arithmetic must not be the weak link. */
const B = Big();
B.DP = 80;

describe('previewIsolatedOrder: transitions', () => {
  it.each([
    ['buy', 1, 'add', { side: 'long', size: '2', entryPrice: '50500', margin: '5050' }],
    ['sell', '0.4', 'reduce', { side: 'long', size: '0.6', entryPrice: '50000', margin: '1500' }],
    ['sell', 1, 'close', null],
    ['sell', 3, 'flip', { side: 'short', size: '2', entryPrice: '51000', margin: '5100' }],
  ] as const)('%s %s on a 1 BTC long: %s', (side, size, transition, position) => {
    const preview = previewIsolatedOrder(btc, long, market(side, size), { markPrice: 51000, leverage: 20 });
    expect(preview.transition).toBe(transition);
    const shown = preview.after.position;
    expect(shown === null ? null : Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, String(v)]))).toEqual(
      position,
    );
    // The PnL realised at the fill: 1,000 per BTC closed.
    const closed = side === 'sell' ? Math.min(Number(size), 1) : 0;
    expect(preview.realizedPnl.toString()).toBe(new Big(closed).times(1000).toString());
  });

  it('the liquidation price after is the liquidation price of the position after, in every transition', () => {
    fc.assert(
      fc.property(
        isolatedCase,
        fc.boolean(),
        fc.boolean(),
        decimalIn(0.01, 3, 2),
        decimalIn(0.9, 1.1, 4),
        fc.integer({ min: 1, max: 20 }),
        ({ market: m, position }, withPosition, buy, share, move, leverage) => {
          const order = {
            side: buy ? 'buy' : 'sell',
            size: new Big(position.size).times(share).toFixed(3),
            type: 'market',
          } as const;
          if (new Big(order.size).eq(0)) return;
          const mark = new Big(position.entryPrice).times(move).toFixed(2);
          const held = withPosition ? position : null;
          const preview = previewIsolatedOrder(m, held, order, { markPrice: mark, leverage: 1 + leverage / 10 });
          const after = preview.after.position;
          if (after === null || preview.rejected === 'above-max-notional') return;
          const exact = isolatedLiquidationPrice(m, after);
          expect(near(preview.after.liquidationPrice, exact)).toBe(true);
          expect(near(preview.after.bankruptcyPrice, isolatedBankruptcyPrice(m, after))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('conserves value at the fill: balance + margin + PnL, less the fee, is unchanged', () => {
    fc.assert(
      fc.property(
        isolatedCase,
        fc.boolean(),
        decimalIn(0.01, 3, 2),
        decimalIn(0.9, 1.1, 4),
        ({ market: m, position }, buy, share, move) => {
          const size = new Big(position.size).times(share).toFixed(3);
          if (new Big(size).eq(0)) return;
          const fill = new Big(position.entryPrice).times(move).toFixed(2);
          const preview = previewIsolatedOrder(
            m,
            position,
            { side: buy ? 'buy' : 'sell', size, type: 'market' },
            {
              markPrice: fill,
              leverage: 2,
              feeRate: '0.0005',
            },
          );
          if (preview.rejected === 'above-max-notional') return;
          const valueAt = (
            p: { side: string; size: Big | string; entryPrice: Big | string; margin: Big | string } | null,
          ) => {
            if (p === null) return new B(0);
            const k = new B(p.size).times(m.contractSize);
            const xs =
              m.contract === 'inverse'
                ? [new B(1).div(fill), new B(1).div(p.entryPrice)]
                : [new B(fill), new B(p.entryPrice)];
            const dir = (p.side === 'long' ? 1 : -1) * (m.contract === 'inverse' ? -1 : 1);
            return new B(p.margin).plus(
              k
                .times(xs[0] as Big)
                .minus(k.times(xs[1] as Big))
                .times(dir),
            );
          };
          const before = valueAt(position);
          const after = valueAt(preview.after.position).plus(new B(preview.balanceChange));
          // Each shown figure is rounded once at 50 places (an averaged inverse entry too).
          expect(
            before
              .minus(preview.fee)
              .minus(after)
              .abs()
              .lte(new B('1e-40').times(before.abs().plus(1))),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('previewIsolatedOrder: costs and assumptions', () => {
  it("Bybit's order cost: initial margin + fee to open + fee to close at the bankruptcy price", () => {
    // 1 BTC long at 8,000, 50x, taker 0.06%: 160 + 4.8 + 7,840 × 0.06% = 169.504.
    const preview = previewIsolatedOrder(
      btc,
      null,
      { side: 'buy', size: 1, type: 'limit', price: 8000 },
      {
        markPrice: 8000,
        leverage: 50,
        feeRate: '0.0006',
      },
    );
    expect(preview.after.bankruptcyPrice?.toString()).toBe('7840');
    expect(
      [preview.cost.initialMargin, preview.cost.openingFee, preview.cost.closingFee, preview.cost.orderCost].map(
        String,
      ),
    ).toEqual(['160', '4.8', '4.704', '169.504']);
  });

  it("Binance's cost to open: initial margin + the open loss of a buy above the mark", () => {
    // Buy 2 at 51,000 while the mark is 50,000, 10x: 10,200 + 2 × 1,000.
    const preview = previewIsolatedOrder(
      btc,
      null,
      { side: 'buy', size: 2, type: 'limit', price: 51000 },
      {
        markPrice: 50000,
        leverage: 10,
      },
    );
    expect([preview.cost.initialMargin, preview.cost.openLoss, preview.cost.costToOpen].map(String)).toEqual([
      '10200',
      '2000',
      '12200',
    ]);
    // A sell above the mark shows no loss.
    const sell = previewIsolatedOrder(
      btc,
      null,
      { side: 'sell', size: 2, type: 'limit', price: 51000 },
      { markPrice: 50000, leverage: 10 },
    );
    expect(sell.cost.openLoss.toString()).toBe('0');
  });

  it('says where the fill price came from', () => {
    const base = { markPrice: 50000, leverage: 10 };
    const fill = previewIsolatedOrder(btc, null, market('buy', 1), base).fill;
    expect([fill.price.toString(), fill.from]).toEqual(['50000', 'mark']);
    expect(previewIsolatedOrder(btc, null, { ...market('buy', 1) }, { ...base, fillPrice: 50010 }).fill.from).toBe(
      'given',
    );
    expect(previewIsolatedOrder(btc, null, { side: 'buy', size: 1, type: 'limit', price: 49000 }, base).fill.from).toBe(
      'order',
    );
  });

  it('a reduce or close costs nothing and adds no margin', () => {
    const preview = previewIsolatedOrder(btc, long, market('sell', '0.5'), { markPrice: 50000 });
    expect(Object.values(preview.cost).every((v) => v.eq(0))).toBe(true);
  });
});

describe('previewIsolatedOrder: refusals as data', () => {
  it.each([
    [
      'reduce-only that would add',
      long,
      { side: 'buy', size: 1, type: 'market', reduceOnly: true },
      {},
      'reduce-only-would-increase',
    ],
    [
      'reduce-only that would flip',
      long,
      { side: 'sell', size: 2, type: 'market', reduceOnly: true },
      {},
      'reduce-only-would-increase',
    ],
    ['125x at a tier-2 notional', null, market('buy', 2), { leverage: 125 }, 'above-max-leverage-for-tier'],
    ['beyond the last cap', null, market('buy', 25), { leverage: 2 }, 'above-max-notional'],
    [
      'a cost above the balance',
      null,
      market('buy', 1),
      { availableBalance: 2500, feeRate: '0.0004' },
      'insufficient-balance',
    ],
  ] as const)('%s', (_what, position, order, extra, reason) => {
    const preview = previewIsolatedOrder(btc, position, order as Order, { markPrice: 50000, leverage: 20, ...extra });
    expect(preview.rejected).toBe(reason);
  });

  it('accepts what fits: the cost exactly equal to the balance', () => {
    const options = { markPrice: 50000, leverage: 20, feeRate: '0.0004', availableBalance: '2539' };
    expect(
      previewIsolatedOrder(btc, null, { side: 'buy', size: 1, type: 'limit', price: 50000 }, options).rejected,
    ).toBeNull();
  });

  it('a flip may use what closing frees', () => {
    // Closing 1 BTC long at 51,000 frees 2,500 + 1,000; opening 1 short at 20x needs 2,550.
    const preview = previewIsolatedOrder(btc, long, market('sell', 2), {
      markPrice: 51000,
      leverage: 20,
      availableBalance: 0,
    });
    expect(preview.transition).toBe('flip');
    expect(preview.rejected).toBeNull();
  });
});

describe('previewIsolatedOrder: bad input is an error', () => {
  it.each([
    [market('buy', 1), {}, 'MISSING_FIELD', 'options.leverage'],
    [{ side: 'buy', size: 1, type: 'market', price: 1 }, { leverage: 2 }, 'INVALID_OPTION', 'order.price'],
    [{ side: 'long', size: 1, type: 'market' }, { leverage: 2 }, 'INVALID_OPTION', 'order.side'],
    [{ side: 'buy', size: 1, type: 'limit' }, { leverage: 2 }, 'MISSING_FIELD', 'order.price'],
    [{ side: 'buy', size: 1, type: 'market', reduceonly: true }, { leverage: 2 }, 'UNKNOWN_FIELD', 'order.reduceonly'],
    [market('buy', 1), { leverage: '0.5' }, 'LEVERAGE_OUT_OF_RANGE', 'options.leverage'],
    [market('buy', 1), { leverage: 2, feerate: 0 }, 'UNKNOWN_FIELD', 'options.feerate'],
    [market('buy', 0), { leverage: 2 }, 'NOT_POSITIVE', 'order.size'],
  ] as const)('%j with %j: %s at %s', (order, extra, code, field) => {
    expectLiqMathErrorCode(
      () => previewIsolatedOrder(btc, null, order as Order, { markPrice: 50000, ...extra } as never),
      code,
      field,
    );
  });
});

describe('previewIsolatedOrder: every reason', () => {
  it('lists every reason, the first as `rejected`', () => {
    const preview = previewIsolatedOrder(
      btc,
      null,
      { side: 'buy', size: 25, type: 'market', reduceOnly: true },
      {
        markPrice: 50000,
        leverage: 20,
        availableBalance: 1,
      },
    );
    expect(preview.rejections).toEqual(['reduce-only-would-increase', 'above-max-notional', 'insufficient-balance']);
    expect(preview.rejected).toBe('reduce-only-would-increase');
    expect(Object.isFrozen(preview.rejections)).toBe(true);
  });
});
