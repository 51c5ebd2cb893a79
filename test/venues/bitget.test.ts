/**
 * Bitget through bitgetUsdt: the API's position example (maintenance and the 0.06% fee at the
 * mark, exact to its 16 decimals), the tiered-maintenance example (1,848 → 1,648), the dates.
 */
import { describe, expect, it } from 'vitest';
import { bitgetUsdt, isolatedLiquidationPrice, isolatedRequirement } from '../../src/index.js';
import { expectLiqMathError } from '../helpers.js';
import { evidenceLedger } from './evidence.js';

const ledger = evidenceLedger('bitget');

const tiers = {
  data: [
    { symbol: 'BTCUSDT', level: '1', startUnit: '0', endUnit: '200000', leverage: '150', keepMarginRate: '0.004' },
    {
      symbol: 'BTCUSDT',
      level: '2',
      startUnit: '200000',
      endUnit: '1000000',
      leverage: '100',
      keepMarginRate: '0.005',
    },
  ],
};

describe('Bitget through bitgetUsdt', () => {
  it("the API's isolated long: 24144.1124161806977798 (Bitget prints 16 decimals)", () => {
    const v = ledger.vector('bitget-usdtm-apidoc-single-position-btcusdt');
    const i = v.inputs;
    const market = bitgetUsdt.asOf('2025-09-18').market(
      {
        data: [
          {
            symbol: 'BTCUSDT',
            level: '1',
            startUnit: '0',
            endUnit: '50000',
            leverage: '125',
            keepMarginRate: i.keepMarginRate,
          },
        ],
      },
      { takerFeeRate: i.taker_fee_rate_assumed as string },
    );
    const price = isolatedLiquidationPrice(market, {
      side: 'long',
      size: i.total as string,
      entryPrice: i.openPriceAvg as string,
      margin: i.marginSize as string,
    });
    expect(price?.toFixed(16)).toBe(v.expected.liquidationPrice);
  });

  it('tiered maintenance for positions opened since 2025-11-10: 3 BTC at 110,000 needs 1,648 (1,848 before)', () => {
    const v = ledger.vector('bitget-usdtm-example-tiered-mm-btcusdt-2025-11');
    const position = { side: 'long', size: v.inputs.sizeBTC as string, entryPrice: 110000, margin: 10000 } as const;
    const options = { takerFeeRate: v.inputs.feeRateInMM as string };
    const now = bitgetUsdt.market(tiers, options);
    const before = bitgetUsdt.asOf('2025-11-09').market(tiers, options);
    expect(isolatedRequirement(now, position, v.inputs.markPrice as string).toString()).toBe(
      v.expected.maintenanceMarginNew,
    );
    expect(isolatedRequirement(before, position, v.inputs.markPrice as string).toString()).toBe(
      v.expected.maintenanceMarginOld,
    );
    expect(now.tiers.tiers[1]?.maintenanceAmount.toString()).toBe(v.expected.offsetTier2);
    expect(bitgetUsdt.asOf(new Date('2025-11-10T08:00:00Z'))).toBe(bitgetUsdt);
  });

  it('the fee is required; dates must be calendar days', () => {
    expectLiqMathError(() => bitgetUsdt.market(tiers, {} as never), 'MISSING_FIELD', 'options.takerFeeRate');
    expectLiqMathError(() => bitgetUsdt.asOf('2025-02-30'), 'INVALID_OPTION', 'date');
    expectLiqMathError(() => bitgetUsdt.asOf('yesterday'), 'INVALID_OPTION', 'date');
    expectLiqMathError(() => bitgetUsdt.asOf(new Date(Number.NaN)), 'INVALID_OPTION', 'date');
  });
});

ledger.checkClaims([bitgetUsdt] as never);
