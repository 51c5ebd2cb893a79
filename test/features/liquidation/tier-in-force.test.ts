/**
 * isolatedTier and crossTier: the tier they name is the one the requirement prices — at the
 * price's notional, at entry for `maintenanceAt: 'entry'`, by contracts for a contract-keyed table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossRequirement,
  crossTier,
  defineMarket,
  defineTiers,
  isolatedRequirement,
  isolatedTier,
  positionNotional,
  tierFor,
} from '../../../src/index.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

const rows = [
  { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
  { cap: 1000000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
];
const atPrice = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USDT', tiers: defineTiers(rows) });
const atEntry = defineMarket({
  symbol: 'BTC-E',
  contract: 'linear',
  settle: 'USDT',
  tiers: defineTiers(rows),
  maintenanceAt: 'entry',
});
const inverse = defineMarket({
  symbol: 'XBTUSD',
  contract: 'inverse',
  settle: 'XBT',
  contractSize: 100,
  tiers: defineTiers([
    { cap: 5, maintenanceMarginRate: '0.005', maxLeverage: 100 },
    { cap: 20, maintenanceMarginRate: '0.01', maxLeverage: 50 },
  ]),
});
const byContracts = defineMarket({
  symbol: 'PI_XBTUSD',
  contract: 'inverse',
  settle: 'XBT',
  tiers: defineTiers(
    [
      { cap: 500000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
      { cap: 1000000, maintenanceMarginRate: '0.02', maxLeverage: 25 },
    ],
    { basis: 'contracts', method: 'flat' },
  ),
});

describe('isolatedTier', () => {
  it('is the tier whose margin the requirement charges, at any price', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(atPrice, atEntry, inverse),
        fc.constantFrom('long' as const, 'short' as const),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 20000, max: 80000 }),
        fc.integer({ min: 20000, max: 80000 }),
        (market, side, tenths, entry, price) => {
          const size = (tenths / 10).toString();
          const position = { side, size, entryPrice: entry, margin: 1 } as const;
          const basis = market.maintenanceAt === 'entry' ? entry : price;
          const notional = positionNotional(market, size, basis);
          const tier = isolatedTier(market, position, price);
          const last = market.tiers.tiers[market.tiers.tiers.length - 1] as (typeof market.tiers.tiers)[number];
          const expected = last.cap !== null && notional.gt(last.cap) ? last : tierFor(market.tiers, notional);
          expect(tier).toBe(expected);
          // The requirement (no fee on these markets) is that tier's margin of the notional.
          const margin = notional.times(tier.maintenanceMarginRate).minus(tier.maintenanceAmount);
          // (an inverse notional 100·size/price is not always a finite decimal: equal to the 50th place)
          expect(isolatedRequirement(market, position, price).minus(margin).abs().lte('1e-50')).toBe(true);
        },
      ),
    );
  });

  it('continues the last tier past its cap, as the requirement does', () => {
    const position = { side: 'short', size: 15, entryPrice: 60000, leverage: 10 } as const;
    // 15 BTC at 70,000 = 1,050,000 > the last cap: the engine prices it on the last tier.
    expect(isolatedTier(atPrice, position, 70000).index).toBe(2);
  });

  it('keys a contract table by contracts, whatever the price', () => {
    const position = { side: 'long', size: 600000, entryPrice: 50000, leverage: 10 } as const;
    expect(isolatedTier(byContracts, position, 1000).index).toBe(1);
    expect(isolatedTier(byContracts, position, 90000).index).toBe(1);
  });

  it('names a bad price as `price`', () => {
    const position = { side: 'long', size: 1, entryPrice: 50000, leverage: 10 } as const;
    expectLiqMathErrorCode(() => isolatedTier(atPrice, position, 0), 'NOT_POSITIVE', 'price');
    expectLiqMathErrorCode(() => isolatedTier(atPrice, position, 'x'), 'INVALID_NUMBER', 'price');
  });
});

describe('crossTier', () => {
  it('is the tier each position has at its mark, and the requirement is the sum of their margins', () => {
    const account = {
      collateral: 100000,
      positions: [
        { market: atPrice, side: 'long', size: 2, entryPrice: 20000, markPrice: 30000 },
        { market: atEntry, side: 'short', size: 2, entryPrice: 20000, markPrice: 30000 },
      ],
    } as const;
    const long = crossTier(account, { symbol: 'BTC', side: 'long' });
    const short = crossTier(account, { symbol: 'BTC-E', side: 'short' });
    expect([long.index, short.index]).toEqual([1, 0]);
    const margin = (tier: typeof long, notional: number) =>
      tier.maintenanceMarginRate.times(notional).minus(tier.maintenanceAmount);
    expect(crossRequirement(account).toString()).toBe(margin(long, 60000).plus(margin(short, 40000)).toString());
    expectLiqMathErrorCode(() => crossTier(account, { symbol: 'BTC', side: 'short' }), 'UNKNOWN_SYMBOL', 'ref');
  });

  it('a mark that carries a cross position past the last cap is priced on the last tier, as an isolated one', () => {
    // Opened at 60,000 (900,000 notional, tier 3); the mark at 70,000 makes it 1,050,000 > the last cap.
    const account = {
      collateral: 200000,
      positions: [{ market: atPrice, side: 'short', size: 15, entryPrice: 60000, markPrice: 70000 }],
    } as const;
    const last = crossTier(account, { symbol: 'BTC', side: 'short' });
    expect(last.index).toBe(2);
    expect(crossRequirement(account).toString()).toBe(
      last.maintenanceMarginRate.times(1050000).minus(last.maintenanceAmount).toString(),
    );
    const isolated = { side: 'short', size: 15, entryPrice: 60000, margin: 200000 } as const;
    expect(isolatedRequirement(atPrice, isolated, 70000).toString()).toBe(crossRequirement(account).toString());
  });
});
