/**
 * Edges the mutation run showed untested: ADL queue ties and lights, dYdX ppm parameters and
 * market payload shapes, the message direction of a refused bankruptcy price.
 */
import { describe, expect, it } from 'vitest';
import { adlQueue, adlScore, defineMarket, defineTiers, dydxFillablePrice, dydxV4 } from '../src/index.js';
import { expectLiqMathError } from './helpers.js';

describe('ADL queue', () => {
  it('breaks ties by size (larger first) and then by id, and lights ⌈5·cumulative/total⌉', () => {
    const queue = adlQueue([
      { id: 'c', size: 1, score: 2 },
      { id: 'a', size: 1, score: 2 },
      { id: 'b', size: 3, score: 2 },
      { id: 'd', size: 5, score: 9 },
    ]);
    // Total 10: cumulative 5, 8, 9, 10 → lights ⌈2.5⌉ = 3, ⌈4⌉ = 4, ⌈4.5⌉ = 5, 5.
    expect(queue.map((e) => [e.id, e.rank, e.lights])).toEqual([
      ['d', 0, 3],
      ['b', 1, 4],
      ['a', 2, 5],
      ['c', 3, 5],
    ]);
  });

  it('refuses a candidate whose id is not a string', () => {
    expectLiqMathError(
      () => adlQueue([{ id: 7 as unknown as string, size: 1, score: 1 }]),
      'INVALID_TYPE',
      'candidates[0].id',
    );
  });

  it('a bankruptcy price on the wrong side of the mark says which side it must be on', () => {
    const market = defineMarket({
      symbol: 'X',
      contract: 'linear',
      settle: 'USD',
      tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]),
    });
    const input = { method: 'pnl-leverage', market, size: 1, entryPrice: 100, markPrice: 100 } as const;
    try {
      adlScore({ ...input, side: 'short', bankruptcyPrice: 90 });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string; allowed: string }).code).toBe('NO_BANKRUPTCY_PRICE');
      expect((error as { allowed: string }).allowed).toContain('above the mark');
    }
    expectLiqMathError(() => adlScore({ ...input, side: 'long', bankruptcyPrice: 110 }), 'NO_BANKRUPTCY_PRICE');
  });
});

describe('dYdX v4 inputs', () => {
  const fillable = {
    positionSize: '0.1',
    oraclePrice: 3000,
    maintenanceFraction: '0.1',
    totalNetCollateral: 10,
    totalMaintenanceMargin: 50,
  };

  it('ppm parameters must be whole, non-negative numbers of parts per million', () => {
    for (const bad of [1.5, -1, '1000', null]) {
      expectLiqMathError(
        () => dydxFillablePrice({ ...fillable, bankruptcyAdjustmentPpm: bad as number }),
        'INVALID_NUMBER',
        'input.bankruptcyAdjustmentPpm',
      );
    }
    // 0 is allowed: with ABR = 0 the fillable price (PNNV − ABR·SMMR·PMMR)/PS is the oracle price itself.
    expect(dydxFillablePrice({ ...fillable, bankruptcyAdjustmentPpm: 0 }).toString()).toBe('3000');
  });

  it('a single market payload takes its tick and step, and its ticker when no symbol is given', () => {
    const eth = {
      ticker: 'ETH-USD',
      initialMarginFraction: '0.05',
      maintenanceMarginFraction: '0.03',
      tickSize: '0.1',
      stepSize: '0.001',
    };
    const market = dydxV4.market(eth);
    expect([market.symbol, String(market.tickSize), String(market.lotSize), market.settle]).toEqual([
      'ETH-USD',
      '0.1',
      '0.001',
      'USDC',
    ]);
    // The caller's options win over the payload's.
    const renamed = dydxV4.market(eth, { symbol: 'ETH', tickSize: '0.5' });
    expect([renamed.symbol, String(renamed.tickSize)]).toEqual(['ETH', '0.5']);
    const bare = dydxV4.market({ initialMarginFraction: '0.05', maintenanceMarginFraction: '0.03' }, { symbol: 'X' });
    expect([bare.tickSize, bare.lotSize]).toEqual([null, null]);
    expectLiqMathError(
      () => dydxV4.market({ initialMarginFraction: '0.05', maintenanceMarginFraction: '0.03' }),
      'MISSING_FIELD',
      'options.symbol',
    );
  });
});
