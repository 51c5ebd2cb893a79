import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bybitLinear,
  crossLiquidationPrices,
  defineMarket,
  defineTiers,
  isolatedIntervalsToLiquidation,
  isolatedLiquidationPrice,
  isolatedMarginRatio,
  projectCrossFunding,
  projectIsolatedFunding,
} from '../../../src/index.js';
import { crossCase, decimalIn, isolatedCase } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode, vector } from '../../helpers.js';

const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
const btc = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
const long = { side: 'long', size: 1, entryPrice: 100000, margin: 10000 } as const;

describe('projectIsolatedFunding', () => {
  it('reproduces the worked example: 90 payments of 10 move the liquidation price 904.52 up', () => {
    const projection = projectIsolatedFunding(btc, long, 100000, { rate: '0.0001', intervals: 90 });
    expect(projection.steps).toHaveLength(90);
    expect(projection.liquidatedAt).toBeNull();
    const last = projection.steps[89];
    expect(last?.margin.toString()).toBe('9100');
    expect(last?.payment.toString()).toBe('10');
    expect(last?.liquidationPrice?.toFixed(2)).toBe('91356.78');
    expect(last?.liquidationPrice?.toString()).toBe(
      isolatedLiquidationPrice(btc, { ...long, margin: 9100 })?.toString(),
    );
  });

  it("Bybit's published example through bybitLinear: 200 USDT of funding from the margin moves 19,700 to 19,900", () => {
    const payload = {
      list: [
        {
          id: 1,
          symbol: 'BTCUSDT',
          riskLimitValue: '2000000',
          maintenanceMargin: '0.005',
          initialMargin: '0.01',
          maxLeverage: '100',
          mmDeduction: '',
        },
      ],
    };
    const market = bybitLinear.market(payload, {});
    const position = { side: 'long', size: 1, entryPrice: 20000, leverage: 50 } as const;
    // 1 BTC at 20,000: a rate of 1% charges 200
    const [step] = projectIsolatedFunding(market, position, 20000, { rate: '0.01', intervals: 1 }).steps;
    expect(step?.payment.toString()).toBe('200');
    expect(step?.margin.toString()).toBe('200');
    expect(step?.liquidationPrice?.toString()).toBe(
      vector('bybit-usdt-isolated-long-funding-deducted').expected.liquidation_price_USDT,
    );
  });

  it('charges funding on the price the venue names, and ends at the first liquidatable step', () => {
    const marks = ['99000', '95000', '91000', '90000'];
    const oracle = ['100000', '100000', '100000', '100000'];
    const projection = projectIsolatedFunding(btc, long, 100000, {
      rate: '0.01',
      markPrices: marks,
      fundingPrices: oracle,
    });
    // 1,000 per payment on the oracle's notional; at 91,000 the margin 7,000 − 9,000 loss < 455
    expect(projection.steps.map((s) => s.payment.toString())).toEqual(['1000', '1000', '1000']);
    expect(projection.liquidatedAt).toBe(3);
    expect(projection.steps[2]?.liquidatable).toBe(true);
  });

  it('changes nothing at rate 0 (property)', () => {
    fc.assert(
      fc.property(isolatedCase, fc.integer({ min: 90, max: 110 }), ({ market, position }, percent) => {
        const mark = new Big(position.entryPrice).times(percent).div(100).toFixed(2);
        let projection: ReturnType<typeof projectIsolatedFunding>;
        try {
          projection = projectIsolatedFunding(market, position, mark, { rate: 0, intervals: 3 });
        } catch {
          return;
        }
        for (const step of projection.steps) {
          expect(step.margin.toString()).toBe(new Big(position.margin).toString());
          expect(step.liquidationPrice?.toString()).toBe(isolatedLiquidationPrice(market, position)?.toString());
          expect(step.marginRatio?.toString()).toBe(isolatedMarginRatio(market, position, mark)?.toString());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('counts the payments to liquidation as the projection finds them (property)', () => {
    fc.assert(
      fc.property(isolatedCase, decimalIn(0.0001, 0.05, 4), ({ market, position }, rate) => {
        const signed = position.side === 'long' ? rate : `-${rate}`;
        let count: Big | null;
        try {
          count = isolatedIntervalsToLiquidation(market, position, position.entryPrice, signed);
        } catch {
          return;
        }
        expect(count).not.toBeNull();
        const n = Number(count?.toString());
        if (n === 0 || n > 5000) return;
        const projection = projectIsolatedFunding(market, position, position.entryPrice, {
          rate: signed,
          intervals: n,
        });
        expect(projection.liquidatedAt).toBe(n);
        // and the position receiving the same rate is never liquidated by it
        const receives = position.side === 'long' ? `-${rate}` : rate;
        expect(isolatedIntervalsToLiquidation(market, position, position.entryPrice, receives)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses bad schedules', () => {
    expectLiqMathErrorCode(
      () => projectIsolatedFunding(btc, long, 100000, { rate: '0.0001' }),
      'MISSING_FIELD',
      'options.intervals',
    );
    expectLiqMathErrorCode(
      () => projectIsolatedFunding(btc, long, 100000, { rate: ['0.0001'], intervals: 2 }),
      'INVALID_OPTION',
      'options.intervals',
    );
    expectLiqMathErrorCode(
      () => projectIsolatedFunding(btc, long, 100000, { rate: '0.0001', intervals: 1.5 }),
      'INVALID_OPTION',
      'options.intervals',
    );
    expectLiqMathErrorCode(
      () => projectIsolatedFunding(btc, long, 100000, { rate: '0.0001', intervals: 1e9 }),
      'TOO_LARGE',
      'options.intervals',
    );
    expectLiqMathErrorCode(
      // @ts-expect-error: options are closed
      () => projectIsolatedFunding(btc, long, 100000, { rate: '0.0001', intervals: 2, interval: 3 }),
      'UNKNOWN_FIELD',
      'options.interval',
    );
    expectLiqMathErrorCode(
      () => projectIsolatedFunding(btc, long, 100000, { rate: '0.0001', intervals: 2, markPrices: ['1', '-1'] }),
      'NOT_POSITIVE',
      'options.markPrices[1]',
    );
  });
});

describe('projectCrossFunding', () => {
  it('takes funding from the shared collateral and counts the payments to liquidation', () => {
    const account = {
      collateral: 1000,
      positions: [{ market: btc, side: 'short', size: '0.1', entryPrice: 100000, markPrice: 100000 }],
    } as const;
    const projection = projectCrossFunding(account, { rates: { BTCUSDT: '-0.0005' }, intervals: 200 });
    expect(projection.intervalsToLiquidation?.toString()).toBe('190');
    expect(projection.liquidatedAt).toBe(190);
    expect(projection.steps[0]?.collateral.toString()).toBe('995');
    const step = projection.steps[9];
    expect(step?.liquidationPrices[0]?.above?.toString()).toBe(
      crossLiquidationPrices({ ...account, collateral: 950 })[0]?.above?.toString(),
    );
    expect(
      projectCrossFunding(account, { rates: { BTCUSDT: '0.0005' }, intervals: 1 }).intervalsToLiquidation,
    ).toBeNull();
  });

  it('changes nothing at rate 0 (property)', () => {
    fc.assert(
      fc.property(crossCase, ({ account, symbols }) => {
        let before: ReturnType<typeof crossLiquidationPrices>;
        try {
          before = crossLiquidationPrices(account);
        } catch {
          return;
        }
        const rates = Object.fromEntries(symbols.map((s) => [s, 0]));
        const projection = projectCrossFunding(account, { rates, intervals: 2 });
        for (const step of projection.steps) {
          expect(step.collateral.toString()).toBe(new Big(account.collateral).toString());
          expect(step.liquidationPrices.map((l) => `${l.below}/${l.above}`)).toEqual(
            before.map((l) => `${l.below}/${l.above}`),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a rate for a symbol the account does not hold', () => {
    const account = { collateral: 1, positions: [] };
    expectLiqMathErrorCode(
      () => projectCrossFunding(account, { rates: { X: 0 }, intervals: 1 }),
      'UNKNOWN_SYMBOL',
      'options.rates.X',
    );
  });
});
