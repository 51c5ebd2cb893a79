/**
 * Invariants of the engine on random markets, isolated positions and cross accounts:
 * equity = requirement at the liquidation price, liquidatable just beyond it and healthy before it,
 * more margin moves it away, the bankruptcy price lies beyond it.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossEquity,
  crossLiquidationPrice,
  crossLiquidationPrices,
  crossRequirement,
  isCrossLiquidatable,
  isIsolatedLiquidatable,
  isolatedBankruptcyPrice,
  isolatedEquity,
  isolatedLiquidationPrice,
  isolatedRequirement,
} from '../../../src/index.js';
import { type CrossAccountCase, crossCase, isolatedCase, notionalOf } from '../../engine-arbitraries.js';

/** A relative step far above the solver's precision (1e-45) and far below any market's tick. */
const NUDGE = new Big('1e-12');
/** Equity and requirement agree at a root to this fraction of the notional. */
const TOLERANCE = new Big('1e-30');

/** The price moved by a relative NUDGE, down (−1) or up (+1). */
const nudge = (price: Big, direction: 1 | -1) => price.times(new Big(1).plus(NUDGE.times(direction)));

describe('isolated liquidation price', () => {
  it('equity equals the requirement there (deduction tables; flat tables where no cap is crossed)', () => {
    fc.assert(
      fc.property(isolatedCase, ({ spec, market, position }) => {
        const price = isolatedLiquidationPrice(market, position);
        if (price === null) return;
        const gap = isolatedEquity(market, position, price).minus(isolatedRequirement(market, position, price));
        const scale = notionalOf(spec, position.size, price.toString()).plus(position.margin);
        if (spec.method === 'deduction') expect(gap.abs().lte(scale.times(TOLERANCE))).toBe(true);
        else expect(gap.abs().lte(scale.times(TOLERANCE)) || gap.gt(0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is the boundary: liquidatable one nudge adverse, healthy one nudge favourable (deduction)', () => {
    fc.assert(
      fc.property(isolatedCase, ({ spec, market, position }) => {
        fc.pre(spec.method === 'deduction');
        const price = isolatedLiquidationPrice(market, position);
        if (price === null) return;
        const adverse = position.side === 'long' ? -1 : 1;
        expect(isIsolatedLiquidatable(market, position, nudge(price, adverse))).toBe(true);
        expect(isIsolatedLiquidatable(market, position, nudge(price, adverse === 1 ? -1 : 1))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('is the first liquidatable price moving adversely from entry (flat tables too)', () => {
    fc.assert(
      fc.property(isolatedCase, fc.integer({ min: 1, max: 999 }), ({ market, position }, fraction) => {
        const price = isolatedLiquidationPrice(market, position);
        const entry = new Big(position.entryPrice);
        if (price === null || isIsolatedLiquidatable(market, position, entry)) return;
        // A point strictly between the entry and the liquidation price is healthy.
        const between = entry.plus(price.minus(entry).times(fraction).div(1000));
        expect(isIsolatedLiquidatable(market, position, between)).toBe(false);
        const adverse = position.side === 'long' ? -1 : 1;
        expect(isIsolatedLiquidatable(market, position, nudge(price, adverse))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('more margin never moves it toward the entry', () => {
    fc.assert(
      fc.property(isolatedCase, fc.integer({ min: 1, max: 1000 }), ({ market, position }, extra) => {
        const before = isolatedLiquidationPrice(market, position);
        const after = isolatedLiquidationPrice(market, {
          ...position,
          margin: new Big(position.margin).times(1 + extra / 100).toString(),
        });
        if (before === null) {
          expect(after).toBeNull();
          return;
        }
        if (after === null) return;
        if (position.side === 'long') expect(after.lte(before)).toBe(true);
        else expect(after.gte(before)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the bankruptcy price is never nearer the entry than the liquidation price', () => {
    fc.assert(
      fc.property(isolatedCase, ({ market, position }) => {
        const liquidation = isolatedLiquidationPrice(market, position);
        const bankruptcy = isolatedBankruptcyPrice(market, position);
        if (liquidation === null || bankruptcy === null) return;
        if (position.side === 'long') expect(bankruptcy.lte(liquidation)).toBe(true);
        else expect(bankruptcy.gte(liquidation)).toBe(true);
        expect(bankruptcy.gt(0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/** The account with one symbol's mark replaced by `price`. */
function at(account: CrossAccountCase, symbol: string, price: Big): CrossAccountCase {
  return {
    ...account,
    positions: account.positions.map((p) => (p.market.symbol === symbol ? { ...p, markPrice: price.toString() } : p)),
  };
}

describe('cross liquidation prices', () => {
  it('each returned price is the nearest liquidatable price on its side of the mark', () => {
    fc.assert(
      fc.property(crossCase, fc.nat(), fc.integer({ min: 1, max: 999 }), ({ account, symbols }, pick, fraction) => {
        const symbol = symbols[pick % symbols.length] as string;
        const result = crossLiquidationPrice(account, symbol);
        expect(result.status).toBe(isCrossLiquidatable(account) ? 'liquidatable' : 'healthy');
        if (result.status === 'liquidatable') return;
        const mark = new Big(account.positions.find((p) => p.market.symbol === symbol)?.markPrice as string);
        for (const [price, away] of [
          [result.below, -1],
          [result.above, 1],
        ] as const) {
          if (price === null) continue;
          expect(away === -1 ? price.lt(mark) : price.gt(mark)).toBe(true);
          const between = mark.plus(price.minus(mark).times(fraction).div(1000));
          expect(isCrossLiquidatable(at(account, symbol, between))).toBe(false);
          expect(isCrossLiquidatable(at(account, symbol, nudge(price, away)))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('equity equals the total requirement at a returned price (deduction tables)', () => {
    fc.assert(
      fc.property(crossCase, fc.nat(), ({ account, symbols }, pick) => {
        fc.pre(account.positions.every((p) => p.market.tiers.method === 'deduction'));
        const symbol = symbols[pick % symbols.length] as string;
        const result = crossLiquidationPrice(account, symbol);
        for (const price of [result.below, result.above]) {
          if (price === null) continue;
          const moved = at(account, symbol, price);
          const gap = crossEquity(moved).minus(crossRequirement(moved));
          const scale = moved.positions
            .reduce((sum, p) => sum.plus(p.size).times(1), new Big(account.collateral))
            .plus(1);
          expect(gap.abs().lte(scale.times(new Big('1e-25')))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('crossLiquidationPrices (batch)', () => {
  it('equals crossLiquidationPrice for every symbol, in first-appearance order', () => {
    fc.assert(
      fc.property(crossCase, ({ account, symbols }) => {
        const batch = crossLiquidationPrices(account);
        expect(batch.map((r) => r.symbol)).toEqual(symbols);
        for (const result of batch) {
          const single = crossLiquidationPrice(account, result.symbol);
          expect(result.status).toBe(single.status);
          expect(result.below?.toString() ?? null).toBe(single.below?.toString() ?? null);
          expect(result.above?.toString() ?? null).toBe(single.above?.toString() ?? null);
        }
        expect(Object.isFrozen(batch)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
