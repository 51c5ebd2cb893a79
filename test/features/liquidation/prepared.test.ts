/**
 * Prepared positions and accounts, and the batch call: the same answers as raw input, validation
 * once, and refusals that name what is wrong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossEquity,
  crossLiquidationPrices,
  crossMarginRatio,
  crossRequirement,
  defineAccount,
  defineMarket,
  definePosition,
  defineTiers,
  isCrossLiquidatable,
  isIsolatedLiquidatable,
  isolatedBankruptcyPrice,
  isolatedEquity,
  isolatedLiquidationPrice,
  isolatedLiquidationPrices,
  isolatedMinimumCloseSize,
  isolatedRequirement,
  LiqMathError,
  settleIsolatedLiquidation,
} from '../../../src/index.js';
import { crossCase, isolatedCase } from '../../engine-arbitraries.js';

const show = (value: { toString(): string } | null | undefined) => value?.toString() ?? null;

const tiers = defineTiers([
  { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
]);
const btc = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
const eth = defineMarket({ symbol: 'ETHUSDT', contract: 'linear', settle: 'USDT', tiers });

describe('definePosition', () => {
  it('gives every isolated function the answers of the raw position', () => {
    fc.assert(
      fc.property(isolatedCase, ({ market, position }) => {
        const prepared = definePosition(market, position);
        expect(show(isolatedLiquidationPrice(market, prepared))).toBe(show(isolatedLiquidationPrice(market, position)));
        expect(show(isolatedBankruptcyPrice(market, prepared))).toBe(show(isolatedBankruptcyPrice(market, position)));
        const mark = position.entryPrice;
        expect(show(isolatedEquity(market, prepared, mark))).toBe(show(isolatedEquity(market, position, mark)));
        expect(show(isolatedRequirement(market, prepared, mark))).toBe(
          show(isolatedRequirement(market, position, mark)),
        );
        expect(isIsolatedLiquidatable(market, prepared, mark)).toBe(isIsolatedLiquidatable(market, position, mark));
      }),
      { numRuns: 300 },
    );
  });

  it('is frozen, shows its numbers as Bigs, and resolves a leverage to its margin', () => {
    const prepared = definePosition(btc, { side: 'short', size: '0.5', entryPrice: 60000, leverage: 20 });
    expect(Object.isFrozen(prepared)).toBe(true);
    expect([prepared.side, show(prepared.size), show(prepared.entryPrice), show(prepared.margin)]).toEqual([
      'short',
      '0.5',
      '60000',
      '1500',
    ]);
    expect(Object.keys(prepared)).toEqual(['market', 'side', 'size', 'entryPrice', 'margin']);
  });

  it('works where partial liquidation and settlement take a position', () => {
    const raw = { side: 'long', size: 5, entryPrice: 50000, margin: 6000 } as const;
    const prepared = definePosition(btc, raw);
    const options = { markPrice: 49000 };
    expect(isolatedMinimumCloseSize(btc, prepared, options)).toEqual(isolatedMinimumCloseSize(btc, raw, options));
    const fill = { size: 1, fillPrice: 48000 };
    expect(settleIsolatedLiquidation(btc, prepared, fill)).toEqual(settleIsolatedLiquidation(btc, raw, fill));
  });

  it('refuses a position prepared for another market', () => {
    const prepared = definePosition(btc, { side: 'long', size: 1, entryPrice: 60000, margin: 600 });
    expect(() => isolatedLiquidationPrice(eth, prepared)).toThrow(LiqMathError);
    expect(() => isolatedLiquidationPrice(eth, prepared)).toThrow(/prepared for the market ETHUSDT/);
  });
});

describe('liquidationPrices', () => {
  it('equals one liquidationPrice call per position, in input order, raw and prepared mixed', () => {
    fc.assert(
      fc.property(fc.array(isolatedCase, { minLength: 1, maxLength: 6 }), (cases) => {
        const market = (cases[0] as (typeof cases)[number]).market;
        const positions = cases.map((c, k) => (k % 2 === 0 ? c.position : definePosition(market, c.position)));
        const single = (p: (typeof cases)[number]['position']) => {
          try {
            return show(isolatedLiquidationPrice(market, p));
          } catch {
            return 'error';
          }
        };
        const expected = cases.map((c) => single(c.position));
        fc.pre(!expected.includes('error'));
        expect(isolatedLiquidationPrices(market, positions).map(show)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('names the position by its place, and refuses what is not an array', () => {
    const good = { side: 'long', size: 1, entryPrice: 60000, margin: 600 } as const;
    expect(() => isolatedLiquidationPrices(btc, [good, { ...good, size: '-1' }])).toThrow(/positions\[1\]\.size/);
    expect(() => isolatedLiquidationPrices(btc, good as never)).toThrow(/positions/);
    expect(Object.isFrozen(isolatedLiquidationPrices(btc, [good]))).toBe(true);
  });
});

describe('defineAccount', () => {
  it('gives the cross functions the answers of the raw account', () => {
    fc.assert(
      fc.property(crossCase, ({ account }) => {
        const prepared = defineAccount(account);
        const raw = crossLiquidationPrices(account).map((r) => [r.symbol, r.status, show(r.below), show(r.above)]);
        const fast = crossLiquidationPrices(prepared).map((r) => [r.symbol, r.status, show(r.below), show(r.above)]);
        expect(fast).toEqual(raw);
        expect(show(crossEquity(prepared))).toBe(show(crossEquity(account)));
        expect(show(crossRequirement(prepared))).toBe(show(crossRequirement(account)));
        expect(show(crossMarginRatio(prepared))).toBe(show(crossMarginRatio(account)));
        expect(isCrossLiquidatable(prepared)).toBe(isCrossLiquidatable(account));
      }),
      { numRuns: 300 },
    );
  });

  it('is frozen to the positions, and a copy is an ordinary account again', () => {
    const account = defineAccount({
      collateral: '1000',
      positions: [{ market: btc, side: 'long', size: '0.1', entryPrice: 60000, markPrice: 59000 }],
    });
    expect(
      Object.isFrozen(account) && Object.isFrozen(account.positions) && Object.isFrozen(account.positions[0]),
    ).toBe(true);
    const copy = { ...account, collateral: '0' };
    expect(show(crossEquity(copy))).toBe('-100');
    expect(show(crossEquity(account))).toBe('900');
  });
});
