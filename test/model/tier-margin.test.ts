import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineTiers,
  initialMargin,
  maintenanceMargin,
  maxLeverage,
  maxNotional,
  type TierTable,
  tierFor,
} from '../../src/index.js';
import { amountWithin, type GeneratedTable, validTierRows } from '../arbitraries.js';
import { binance2024, expectLiqMathError } from '../helpers.js';

const anyMethod = fc.constantFrom('deduction' as const, 'flat' as const).chain(validTierRows);
const build = ({ rows, method }: GeneratedTable): TierTable<'notional'> => defineTiers(rows, { method });
const EPSILON = new Big('1e-9');

describe('tierFor', () => {
  it('returns the tier with floor < N ≤ cap (binary search agrees with the definition)', () => {
    fc.assert(
      fc.property(
        anyMethod.chain((t) => fc.tuple(fc.constant(t), amountWithin(t))),
        ([generated, n]) => {
          const table = build(generated);
          const tier = tierFor(table, n);
          const byScan = table.tiers.find((t) => t.cap === null || n.lte(t.cap));
          expect(tier).toBe(byScan);
          if (n.gt(0)) expect(n.gt(tier.floor)).toBe(true);
          if (tier.cap !== null) expect(n.lte(tier.cap)).toBe(true);
        },
      ),
    );
  });

  it('refuses a notional above a bounded last cap', () => {
    expectLiqMathError(() => tierFor(binance2024, '1800000000.01'), 'BEYOND_LAST_TIER', 'notional');
    expect(tierFor(binance2024, '1800000000').index).toBe(11);
  });

  it('looks a contract-keyed table up by contracts and prices it by notional', () => {
    // OKX CHZ-USDT-SWAP style tiers: 0–5,000 contracts at 1%, then 1.5% (flat).
    const okx = defineTiers(
      [
        { cap: 5000, maintenanceMarginRate: '0.01', maxLeverage: 75 },
        { cap: 7500, maintenanceMarginRate: '0.015', maxLeverage: 50 },
      ],
      { basis: 'contracts', method: 'flat' },
    );
    expect(tierFor(okx, 5000).index).toBe(0);
    expect(tierFor(okx, 5001).index).toBe(1);
    expect(maintenanceMargin(okx, { notional: '600', contracts: 6000 }).toString()).toBe('9');
    expect(initialMargin(okx, { notional: '600', contracts: 6000 }, 50).toString()).toBe('12');
    expectLiqMathError(() => initialMargin(okx, { notional: '600', contracts: 6000 }, 75), 'LEVERAGE_ABOVE_MAX');
    expectLiqMathError(() => tierFor(okx, 7501), 'BEYOND_LAST_TIER', 'contracts');
    expectLiqMathError(
      () => (maintenanceMargin as (t: unknown, s: unknown) => unknown)(okx, '600'),
      'INVALID_TYPE',
      'size',
    );
    expectLiqMathError(() => maintenanceMargin(okx, { notional: '600', contracts: -1 }), 'NEGATIVE', 'size.contracts');
  });
});

describe('maintenance margin', () => {
  it('deduction: continuous at every cap (MM just above a cap = MM at the cap + ε·next rate)', () => {
    fc.assert(
      fc.property(validTierRows('deduction'), (generated) => {
        const table = build(generated);
        for (const tier of table.tiers.slice(0, -1)) {
          const cap = tier.cap as Big;
          const next = table.tiers[tier.index + 1];
          const atCap = maintenanceMargin(table, cap);
          expect(
            maintenanceMargin(table, cap.plus(EPSILON)).eq(atCap.plus(EPSILON.times(next?.maintenanceMarginRate ?? 0))),
          ).toBe(true);
          // Both neighbouring formulas agree at the cap itself.
          expect(atCap.eq(cap.times(next?.maintenanceMarginRate ?? 0).minus(next?.maintenanceAmount ?? 0))).toBe(true);
        }
      }),
    );
  });

  it('flat: jumps at a cap by cap·(next rate − rate)', () => {
    const flat = defineTiers(
      [
        { cap: 100, maintenanceMarginRate: '0.01', maxLeverage: 50 },
        { cap: null, maintenanceMarginRate: '0.02', maxLeverage: 25 },
      ],
      { method: 'flat' },
    );
    expect(maintenanceMargin(flat, 100).toString()).toBe('1');
    expect(maintenanceMargin(flat, '100.000001').toString()).toBe('2.00000002');
  });

  it('is non-decreasing in N and lies between N·mmr_1 and N·mmr_k (so never negative)', () => {
    fc.assert(
      fc.property(
        anyMethod.chain((t) => fc.tuple(fc.constant(t), amountWithin(t), amountWithin(t))),
        ([generated, a, b]) => {
          const table = build(generated);
          const [low, high] = a.lte(b) ? [a, b] : [b, a];
          const mmLow = maintenanceMargin(table, low);
          expect(mmLow.lte(maintenanceMargin(table, high))).toBe(true);
          const rate1 = table.tiers[0].maintenanceMarginRate;
          expect(mmLow.gte(low.times(rate1))).toBe(true);
          expect(mmLow.lte(low.times(tierFor(table, low).maintenanceMarginRate))).toBe(true);
          expect(mmLow.gte(0)).toBe(true);
        },
      ),
    );
  });

  it('equals the bracket sum Σ rate_j·(min(N, cap_j) − floor_j) for deduction tables', () => {
    fc.assert(
      fc.property(
        validTierRows('deduction').chain((t) => fc.tuple(fc.constant(t), amountWithin(t))),
        ([generated, n]) => {
          const table = build(generated);
          let sum = new Big(0);
          for (const tier of table.tiers) {
            if (n.lte(tier.floor)) break;
            const top = tier.cap === null || n.lt(tier.cap) ? n : tier.cap;
            sum = sum.plus(top.minus(tier.floor).times(tier.maintenanceMarginRate));
          }
          expect(maintenanceMargin(table, n).eq(sum)).toBe(true);
        },
      ),
    );
  });

  it('results are frozen and never -0', () => {
    const mm = maintenanceMargin(binance2024, 0);
    expect(mm.toString()).toBe('0');
    expect(mm.s).toBe(1);
    expect(Object.isFrozen(mm)).toBe(true);
  });
});

describe('initial margin and leverage', () => {
  it('IM = N / L, allowed up to the tier max', () => {
    expect(initialMargin(binance2024, '600000', 100).toString()).toBe('6000');
    expectLiqMathError(() => initialMargin(binance2024, '600001', 100), 'LEVERAGE_ABOVE_MAX', 'leverage');
    expectLiqMathError(() => initialMargin(binance2024, '600000', '0.99'), 'LEVERAGE_OUT_OF_RANGE', 'leverage');
    expect(initialMargin(binance2024, 0, 125).toString()).toBe('0');
  });

  it('maxNotional and maxLeverage agree for every allowed leverage', () => {
    fc.assert(
      fc.property(anyMethod, fc.integer({ min: 0, max: 1_000_000 }), (generated, fraction) => {
        const table = build(generated);
        const top = table.tiers[0].maxLeverage;
        const leverage = new Big(1).plus(top.minus(1).times(fraction).div(1_000_000));
        const limit = maxNotional(table, leverage);
        if (limit === null) {
          expect(table.tiers.at(-1)?.maxLeverage.gte(leverage)).toBe(true);
          return;
        }
        expect(maxLeverage(table, limit).gte(leverage)).toBe(true);
        const above = limit.plus(EPSILON);
        const last = table.tiers.at(-1);
        if (last?.cap === null || above.lte(last?.cap ?? 0)) {
          expect(maxLeverage(table, above).lt(leverage)).toBe(true);
        }
      }),
    );
  });

  it('maxNotional refuses a leverage no tier allows', () => {
    expectLiqMathError(() => maxNotional(binance2024, 126), 'LEVERAGE_ABOVE_MAX', 'leverage');
    expectLiqMathError(() => maxNotional(binance2024, 0), 'LEVERAGE_OUT_OF_RANGE', 'leverage');
    expect(maxNotional(binance2024, 125)?.toString()).toBe('50000');
    expect(maxNotional(binance2024, '1')?.toString()).toBe('1800000000');
    expect(maxNotional(binance2024, '74.5')?.toString()).toBe('3000000');
  });
});
