import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkMaintenanceAmounts,
  defineTiers,
  isLiqMathError,
  type LiqMathErrorCode,
  maintenanceMargin,
  type Numeric,
  type TierRow,
} from '../../src/index.js';
import { validTierRows } from '../arbitraries.js';
import { expectLiqMathError, expectLiqMathErrorCode } from '../helpers.js';

const row = (cap: TierRow['cap'], rate: Numeric, leverage: Numeric, amount?: Numeric): TierRow =>
  amount === undefined
    ? { cap, maintenanceMarginRate: rate, maxLeverage: leverage }
    : { cap, maintenanceMarginRate: rate, maxLeverage: leverage, maintenanceAmount: amount };

describe('defineTiers: one code per broken rule', () => {
  const cases: [string, unknown, unknown, LiqMathErrorCode, string][] = [
    ['no rows', [], undefined, 'TIERS_EMPTY', 'rows'],
    ['rows not an array', 'tiers', undefined, 'INVALID_TYPE', 'rows'],
    ['a row that is null', [null], undefined, 'INVALID_TYPE', 'rows[0]'],
    [
      'a misspelt field',
      [{ cap: null, maintenanceMarginRatio: '0.01', maxLeverage: 10 }],
      undefined,
      'UNKNOWN_FIELD',
      'rows[0].maintenanceMarginRatio',
    ],
    ['a missing rate', [{ cap: null, maxLeverage: 10 }], undefined, 'MISSING_FIELD', 'rows[0].maintenanceMarginRate'],
    ['a missing cap', [{ maintenanceMarginRate: '0.01', maxLeverage: 10 }], undefined, 'MISSING_FIELD', 'rows[0].cap'],
    ['a zero cap', [row('0', '0.01', 10)], undefined, 'NOT_POSITIVE', 'rows[0].cap'],
    ['a negative cap', [row('-5', '0.01', 10)], undefined, 'NOT_POSITIVE', 'rows[0].cap'],
    [
      'equal caps',
      [row('100', '0.01', 10), row('100', '0.02', 10)],
      undefined,
      'TIER_CAP_NOT_INCREASING',
      'rows[1].cap',
    ],
    [
      'decreasing caps',
      [row('100', '0.01', 10), row('50', '0.02', 10)],
      undefined,
      'TIER_CAP_NOT_INCREASING',
      'rows[1].cap',
    ],
    [
      'null cap not last',
      [row(null, '0.01', 10), row('50', '0.02', 10)],
      undefined,
      'TIER_CAP_UNBOUNDED_NOT_LAST',
      'rows[0].cap',
    ],
    ['a zero rate', [row(null, '0', 10)], undefined, 'RATE_OUT_OF_RANGE', 'rows[0].maintenanceMarginRate'],
    ['a rate above 1', [row(null, '1.01', 1)], undefined, 'RATE_OUT_OF_RANGE', 'rows[0].maintenanceMarginRate'],
    ['a leverage below 1', [row(null, '0.01', '0.5')], undefined, 'LEVERAGE_OUT_OF_RANGE', 'rows[0].maxLeverage'],
    [
      'leverage rising',
      [row('100', '0.01', 10), row(null, '0.01', 20)],
      undefined,
      'TIER_LEVERAGE_INCREASING',
      'rows[1].maxLeverage',
    ],
    [
      'rate falling',
      [row('100', '0.02', 10), row(null, '0.01', 10)],
      undefined,
      'TIER_RATE_DECREASING',
      'rows[1].maintenanceMarginRate',
    ],
    [
      'maintenance above initial',
      [row(null, '0.06', 20)],
      undefined,
      'TIER_RATE_ABOVE_INITIAL',
      'rows[0].maintenanceMarginRate',
    ],
    ['a negative amount', [row(null, '0.01', 10, '-1')], undefined, 'NEGATIVE', 'rows[0].maintenanceAmount'],
    [
      'an amount in a flat table',
      [row(null, '0.01', 10, '5')],
      { method: 'flat' },
      'TIER_AMOUNT_NOT_ALLOWED',
      'rows[0].maintenanceAmount',
    ],
    [
      'an amount above floor × rate',
      [row('100', '0.01', 10), row(null, '0.02', 10, '2.5')],
      undefined,
      'TIER_AMOUNT_EXCEEDS_MARGIN',
      'rows[1].maintenanceAmount',
    ],
    [
      'a first amount above 0',
      [row(null, '0.01', 10, '1')],
      undefined,
      'TIER_AMOUNT_EXCEEDS_MARGIN',
      'rows[0].maintenanceAmount',
    ],
    ['an unknown method', [row(null, '0.01', 10)], { method: 'tax' }, 'INVALID_OPTION', 'options.method'],
    ['an unknown basis', [row(null, '0.01', 10)], { basis: 'usd' }, 'INVALID_OPTION', 'options.basis'],
    ['contracts with deduction', [row(null, '0.01', 10)], { basis: 'contracts' }, 'INVALID_OPTION', 'options.method'],
    ['an unknown option', [row(null, '0.01', 10)], { methd: 'flat' }, 'UNKNOWN_FIELD', 'options.methd'],
    ['options not an object', [row(null, '0.01', 10)], 'flat', 'INVALID_TYPE', 'options'],
  ];

  it.each(cases)('%s', (_name, rows, options, code, field) => {
    expectLiqMathError(() => (defineTiers as (r: unknown, o: unknown) => unknown)(rows, options), code, field);
  });

  it('names the field, shows the value and says what is allowed', () => {
    try {
      defineTiers([row('100', '0.0001', 10), row(null, '0.0002', '1e3')]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(
        'rows[1].maxLeverage: got "1e3"; allowed: at most the previous max leverage 10 [TIER_LEVERAGE_INCREASING]',
      );
      expect(isLiqMathError(error) && error.value).toBe('1e3');
    }
  });

  it('accepts boundary values: rate exactly 1 at 1x, rate exactly 1/maxLeverage, a given amount exactly floor × rate', () => {
    expect(defineTiers([row(null, '1', 1)]).tiers[0].maintenanceMarginRate.toString()).toBe('1');
    expect(defineTiers([row(null, '0.05', 20)]).tiers).toHaveLength(1);
    const table = defineTiers([row('100', '0.01', 10), row(null, '0.02', 10, '2')]);
    expect(maintenanceMargin(table, 100).toString()).toBe('1');
    expect(maintenanceMargin(table, 101).toString()).toBe('0.02');
  });
});

describe('defineTiers: results', () => {
  it('returns a deeply frozen table whose numbers cannot be altered', () => {
    const table = defineTiers([row('100', '0.01', 10), row(null, '0.02', 10)]);
    expect(Object.isFrozen(table)).toBe(true);
    expect(Object.isFrozen(table.tiers)).toBe(true);
    for (const tier of table.tiers) {
      expect(Object.isFrozen(tier)).toBe(true);
      expect(Object.isFrozen(tier.maintenanceMarginRate)).toBe(true);
      expect(Object.isFrozen(tier.maintenanceMarginRate.c)).toBe(true);
      expect(Object.isFrozen(tier.maintenanceAmount.c)).toBe(true);
    }
    expect(() => {
      (table.tiers[1]?.maintenanceAmount.c as number[])[0] = 9;
    }).toThrow(TypeError);
    expect(table.tiers[1]?.maintenanceAmount.toString()).toBe('1');
  });

  it('does not mutate or keep the caller’s rows', () => {
    const rows = [row('100', '0.01', 10), row(null, new Big('0.02'), 10)];
    const snapshot = JSON.stringify(rows);
    const table = defineTiers(rows);
    expect(JSON.stringify(rows)).toBe(snapshot);
    (rows[1] as { maintenanceMarginRate: unknown }).maintenanceMarginRate = '0.5';
    expect(table.tiers[1]?.maintenanceMarginRate.toString()).toBe('0.02');
  });

  it('works on deeply frozen input', () => {
    const rows = Object.freeze([Object.freeze(row('100', '0.01', 10)), Object.freeze(row(null, '0.02', 10))]);
    expect(defineTiers(rows).tiers[1]?.maintenanceAmount.toString()).toBe('1');
  });

  it('floors are the previous caps', () => {
    const table = defineTiers([row('100', '0.01', 10), row('250', '0.02', 10), row(null, '0.05', 5)]);
    expect(table.tiers.map((t) => [t.floor.toString(), t.cap?.toString() ?? null])).toEqual([
      ['0', '100'],
      ['100', '250'],
      ['250', null],
    ]);
    expect(table).toMatchObject({ method: 'deduction', basis: 'notional' });
  });

  it('keys a table by contracts when asked (flat only)', () => {
    const okx = defineTiers([row('5000', '0.01', 75), row('7500', '0.015', 50)], {
      basis: 'contracts',
      method: 'flat',
    });
    expect(okx).toMatchObject({ method: 'flat', basis: 'contracts' });
    expect(okx.tiers.map((t) => t.maintenanceAmount.toString())).toEqual(['0', '0']);
    // A flat row may say amount 0, as venue payloads do.
    expect(defineTiers([row(null, '0.01', 10, '0')], { method: 'flat' }).tiers).toHaveLength(1);
  });
});

/**
 * An independent reading of the documented rules, for the broken-table property: the first rule a
 * table breaks, in the documented order (fields row by row, then the rules between rows, then amounts).
 */
function firstBrokenRule(rows: readonly TierRow[], method: 'deduction' | 'flat'): LiqMathErrorCode | null {
  if (rows.length === 0) return 'TIERS_EMPTY';
  for (const r of rows) {
    if (r.cap !== null && new Big(r.cap as string).lte(0)) return 'NOT_POSITIVE';
    const rate = new Big(r.maintenanceMarginRate as string);
    if (rate.lte(0) || rate.gt(1)) return 'RATE_OUT_OF_RANGE';
    if (new Big(r.maxLeverage as string).lt(1)) return 'LEVERAGE_OUT_OF_RANGE';
    if (r.maintenanceAmount !== undefined && new Big(r.maintenanceAmount as string).lt(0)) return 'NEGATIVE';
  }
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as TierRow;
    if (new Big(r.maintenanceMarginRate as string).times(r.maxLeverage as string).gt(1))
      return 'TIER_RATE_ABOVE_INITIAL';
    const p = rows[k - 1];
    if (p === undefined) continue;
    if (p.cap === null) return 'TIER_CAP_UNBOUNDED_NOT_LAST';
    if (r.cap !== null && new Big(r.cap as string).lte(p.cap as string)) return 'TIER_CAP_NOT_INCREASING';
    if (new Big(r.maintenanceMarginRate as string).lt(p.maintenanceMarginRate as string)) return 'TIER_RATE_DECREASING';
    if (new Big(r.maxLeverage as string).gt(p.maxLeverage as string)) return 'TIER_LEVERAGE_INCREASING';
  }
  let amount = new Big(0);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as TierRow;
    const floor = new Big((rows[k - 1]?.cap as string | undefined) ?? 0);
    if (method === 'flat') {
      if (r.maintenanceAmount !== undefined && !new Big(r.maintenanceAmount as string).eq(0))
        return 'TIER_AMOUNT_NOT_ALLOWED';
      continue;
    }
    const previousRate = k === 0 ? new Big(0) : new Big(rows[k - 1]?.maintenanceMarginRate as string);
    amount =
      r.maintenanceAmount !== undefined
        ? new Big(r.maintenanceAmount as string)
        : amount.plus(floor.times(new Big(r.maintenanceMarginRate as string).minus(previousRate)));
    if (k === 0 && r.maintenanceAmount === undefined) amount = new Big(0);
    if (floor.times(r.maintenanceMarginRate as string).lt(amount)) return 'TIER_AMOUNT_EXCEEDS_MARGIN';
  }
  return null;
}

const breakage = fc.oneof(
  fc.record({
    field: fc.constant('cap' as const),
    value: fc.constantFrom<string | null>('0', '-1', '1', '100', '1e9', null),
  }),
  fc.record({
    field: fc.constant('maintenanceMarginRate' as const),
    value: fc.constantFrom('0', '-0.01', '1.5', '0.001', '0.5', '1'),
  }),
  fc.record({ field: fc.constant('maxLeverage' as const), value: fc.constantFrom('0.5', '1', '2', '125', '1000') }),
  fc.record({ field: fc.constant('maintenanceAmount' as const), value: fc.constantFrom('-1', '0', '1', '1e12') }),
);

describe('defineTiers: properties', () => {
  it('every valid generated table is accepted and its derived amounts pass the recurrence check', () => {
    fc.assert(
      fc.property(fc.constantFrom('deduction' as const, 'flat' as const).chain(validTierRows), ({ rows, method }) => {
        const table = defineTiers(rows, { method });
        expect(table.tiers).toHaveLength(rows.length);
        expect(checkMaintenanceAmounts(table)).toEqual([]);
      }),
    );
  });

  it('a broken table throws exactly the code of the first rule it breaks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('deduction' as const, 'flat' as const).chain(validTierRows),
        fc.nat(),
        breakage,
        ({ rows, method }, at, change) => {
          const broken = rows.map((r) => ({ ...r }));
          const index = at % broken.length;
          (broken[index] as Record<string, unknown>)[change.field] = change.value;
          const expected = firstBrokenRule(broken, method);
          if (expected === null) {
            expect(defineTiers(broken, { method }).tiers).toHaveLength(broken.length);
          } else {
            expectLiqMathErrorCode(() => defineTiers(broken, { method }), expected);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
