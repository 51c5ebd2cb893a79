/**
 * Bugs found by the differential oracle (test/oracle), each pinned by its shrunk counter-example.
 * Every test here failed before its fix.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { crossLiquidationPrice, defineMarket, defineTiers, isolatedMinimumCloseSize } from '../src/index.js';

describe('regressions found by the oracle', () => {
  it('a contract-keyed table is not checked against the notional at the mark (was BEYOND_LAST_TIER)', () => {
    // 0.045 contracts fit a 36-contract cap; their notional at the mark (44.99) is not a contract count.
    const market = defineMarket({
      symbol: 'AAA',
      contract: 'linear',
      settle: 'USD',
      tiers: defineTiers([{ cap: 36, maintenanceMarginRate: '0.0001', maxLeverage: 1 }], {
        method: 'flat',
        basis: 'contracts',
      }),
    });
    const position = { market, side: 'long' as const, size: '0.045', entryPrice: '999.84', markPrice: '999.84' };
    const result = crossLiquidationPrice({ collateral: 10, positions: [position] }, 'AAA');
    // 10 + 0.045·(P − 999.84) = 0.0001·0.045·P  ⇒  P = (44.9928 − 10) / (0.045 − 0.0000045)
    expect(result.status).toBe('healthy');
    expect(result.below?.toFixed(10)).toBe(new Big('34.9928').div('0.0449955').toFixed(10));
    expect(result.above).toBeNull();
  });

  it('a fee at the bankruptcy price does not vanish from the last segment of a close (was full, target-unreachable)', () => {
    // Closing everything leaves no requirement, but the line of the last segment ends at rate·margin/(1+rate):
    // the root taken against 0 fell short, its rounding up failed the target, and the answer was "close all".
    const market = defineMarket({
      symbol: 'X',
      contract: 'inverse',
      settle: 'USD',
      contractSize: '0.001',
      lotSize: 1,
      maintenanceAt: 'entry',
      closeFee: { rate: '0.00199', on: 'bankruptcy' },
      tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.006039', maxLeverage: 9 }]),
    });
    const result = isolatedMinimumCloseSize(
      market,
      { side: 'long', size: 297, entryPrice: '0.03063', margin: '0.0601175318315' },
      { markPrice: '0.030556488', feeRate: '0.0025', target: { kind: 'buffer', buffer: '0.47' } },
    );
    expect(result.status).toBe('partial');
    if (result.status !== 'partial') return;
    // The brute force over every lot: 256 falls short, 257 meets 1.47 × the requirement.
    expect(result.size.toString()).toBe('257');
    expect(result.equityAfter.gte(result.requirementAfter)).toBe(true);
  });
});
