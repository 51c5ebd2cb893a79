import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossLiquidationPrices,
  defineBook,
  defineMarket,
  defineTiers,
  isolatedLiquidationPrice,
  leverageConcentration,
  liquidationMap,
} from '../../../src/index.js';
import { decimalIn } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

const tiers = defineTiers([
  { cap: 200000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
  { cap: null, maintenanceMarginRate: '0.02', maxLeverage: 25 },
]);
const btc = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', tiers });

const positionsCase = fc.array(
  fc.record({
    side: fc.constantFrom('long' as const, 'short' as const),
    size: decimalIn(0.01, 3, 2),
    leverage: fc.integer({ min: 2, max: 25 }),
    shift: decimalIn(0.9, 1.1, 3),
  }),
  { minLength: 1, maxLength: 40 },
);

describe('liquidationMap', () => {
  it('puts each isolated position at its own liquidation price, with its notional there (property)', () => {
    fc.assert(
      fc.property(positionsCase, (list) => {
        const positions = list.map((p, k) => ({
          id: `p${k}`,
          market: btc,
          side: p.side,
          size: p.size,
          entryPrice: new Big(100000).times(p.shift).toFixed(2),
          leverage: p.leverage,
        }));
        const book = defineBook({ marks: { BTC: 100000 }, positions });
        const map = liquidationMap(book, { symbol: 'BTC', from: 60000, to: 140000, step: 1000 });
        // the same sums, bucket by bucket, from isolatedLiquidationPrice
        const expected = new Map<number, { long: Big; short: Big }>();
        for (const p of positions) {
          const price = isolatedLiquidationPrice(btc, p) as Big;
          const k = price.lt(60000)
            ? -1
            : price.gte(140000)
              ? 80
              : Math.floor(Number(price.minus(60000).div(1000).toFixed(0, 0)));
          const sums = expected.get(k) ?? { long: new Big(0), short: new Big(0) };
          const notional = price.times(p.size);
          expected.set(
            k,
            p.side === 'long'
              ? { ...sums, long: sums.long.plus(notional) }
              : { ...sums, short: sums.short.plus(notional) },
          );
        }
        map.buckets.forEach((bucket, k) => {
          const sums = expected.get(k) ?? { long: new Big(0), short: new Big(0) };
          expect(bucket.long.minus(sums.long).abs().lt('1e-40')).toBe(true);
          expect(bucket.short.minus(sums.short).abs().lt('1e-40')).toBe(true);
        });
        expect(
          map.below.long
            .plus(map.below.short)
            .minus((expected.get(-1)?.long ?? new Big(0)).plus(expected.get(-1)?.short ?? 0))
            .abs()
            .lt('1e-40'),
        ).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("puts a cross account at the symbol's liquidation prices, every other mark held", () => {
    const eth = defineMarket({ symbol: 'ETH', contract: 'linear', settle: 'USD', tiers });
    const account = {
      id: 'acc',
      collateral: 20000,
      positions: [
        { market: btc, side: 'long' as const, size: 2, entryPrice: 100000 },
        { market: eth, side: 'short' as const, size: 10, entryPrice: 3000 },
      ],
    };
    const book = defineBook({ marks: { BTC: 100000, ETH: 3000 }, accounts: [account] });
    const below = crossLiquidationPrices({
      collateral: 20000,
      positions: account.positions.map((p) => ({ ...p, markPrice: p.market === btc ? 100000 : 3000 })),
    })[0]?.below as Big;
    const map = liquidationMap(book, { symbol: 'BTC', from: 80000, to: 100000, step: 100 });
    const bucket = map.buckets.find((b) => below.gte(b.from) && below.lt(b.to));
    expect(bucket?.long.toString()).toBe(below.times(2).toString());
  });

  it('refuses a map it cannot draw', () => {
    const book = defineBook({ marks: { BTC: 100000 }, positions: [] as never[] });
    expectLiqMathErrorCode(
      () => liquidationMap(book, { symbol: 'ETH', from: 1, to: 2, step: 1 }),
      'UNKNOWN_SYMBOL',
      'options.symbol',
    );
    const held = defineBook({
      marks: { BTC: 100000 },
      positions: [{ id: 'a', market: btc, side: 'long', size: 1, entryPrice: 100000, leverage: 10 }],
    });
    expectLiqMathErrorCode(
      () => liquidationMap(held, { symbol: 'BTC', from: 2, to: 1, step: 1 }),
      'INVALID_OPTION',
      'options.to',
    );
    expectLiqMathErrorCode(
      () => liquidationMap(held, { symbol: 'BTC', from: 1, to: 1e9, step: 1 }),
      'TOO_LARGE',
      'options.step',
    );
  });
});

describe('leverageConcentration', () => {
  it('is 1 for one holder, and the share within a distance grows with it (property)', () => {
    fc.assert(
      fc.property(positionsCase, (list) => {
        const positions = list.map((p, k) => ({
          id: `p${k}`,
          market: btc,
          side: p.side,
          size: p.size,
          entryPrice: new Big(100000).times(p.shift).toFixed(2),
          leverage: p.leverage,
        }));
        const c = leverageConcentration(defineBook({ marks: { BTC: 100000 }, positions }), {
          within: ['0.01', '0.05', '0.2', '10'],
        });
        const shares = c.within.map((w) => w.share);
        for (let k = 1; k < shares.length; k += 1) expect((shares[k] as Big).gte(shares[k - 1] as Big)).toBe(true);
        expect(c.herfindahl.gte(new Big(1).div(positions.length).minus('1e-40'))).toBe(true);
        expect(c.herfindahl.lte(1)).toBe(true);
        if (positions.length === 1) expect(c.herfindahl.toString()).toBe('1');
        expect(c.leverage.count + c.leverage.unbounded).toBe(positions.length);
        if (c.leverage.min !== null && c.leverage.max !== null) expect(c.leverage.min.lte(c.leverage.max)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
