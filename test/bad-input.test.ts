/**
 * Every exported function, every argument, every kind of bad value: a LiqMathError with the right
 * code and field, carrying the value as passed — never a result and never a TypeError from inside.
 * Each cell asserts code, field and value; the wording of each distinct message is pinned once in
 * `error-messages.test.ts`, not once per cell.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  checkMaintenanceAmounts,
  crossEquity,
  crossLiquidationPrice,
  crossMarginRatio,
  crossRequirement,
  defineMarket,
  defineTiers,
  initialMargin,
  isCrossLiquidatable,
  isIsolatedLiquidatable,
  isolatedBankruptcyPrice,
  isolatedEquity,
  isolatedLiquidationPrice,
  isolatedRequirement,
  type LiqMathErrorCode,
  maintenanceMargin,
  maxLeverage,
  maxNotional,
  roundLiquidationPrice,
  roundToIncrement,
  tierFor,
} from '../src/index.js';
import { expectLiqMathErrorCode } from './helpers.js';

/**
 * `action` is refused with a LiqMathError (`isLiqMathError`) of this code at this field; when a
 * value is given, the error carries it exactly as passed (`Object.is`, so `-0` is not `0`).
 */
function expectRefused(action: () => unknown, code: LiqMathErrorCode, field: string, ...value: [] | [unknown]): void {
  const error = expectLiqMathErrorCode(action, code, field);
  if (value.length === 1) expect(error.value).toBe(value[0]);
}

// A cell that asserts nothing cannot fail: every test here must reach at least one expect.
beforeEach(() => {
  expect.hasAssertions();
});

const table = defineTiers([
  { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
]);

/** What a numeric argument requires, which decides the code for zero and negative values. */
type Rule = 'any' | 'nonNegative' | 'positive' | 'leverage' | 'feeRate';

interface Slot {
  readonly name: string;
  readonly field: string;
  readonly rule: Rule;
  readonly call: (bad: unknown) => unknown;
  /** What undefined gets: a code (and field, when it differs), or 'accepted' for optional fields. */
  readonly whenUndefined?: LiqMathErrorCode | 'accepted';
  readonly undefinedField?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the point is to call typed functions the way untyped JavaScript can.
type Loose = (...args: any[]) => unknown;
const loose = (fn: unknown) => fn as Loose;

const slots: Slot[] = [
  { name: 'roundToIncrement value', field: 'value', rule: 'any', call: (x) => loose(roundToIncrement)(x, '0.5', 'up') },
  {
    name: 'roundToIncrement increment',
    field: 'increment',
    rule: 'positive',
    call: (x) => loose(roundToIncrement)('1', x, 'up'),
  },
  { name: 'tierFor notional', field: 'notional', rule: 'nonNegative', call: (x) => loose(tierFor)(table, x) },
  {
    name: 'maintenanceMargin notional',
    field: 'notional',
    rule: 'nonNegative',
    call: (x) => loose(maintenanceMargin)(table, x),
  },
  {
    name: 'initialMargin notional',
    field: 'notional',
    rule: 'nonNegative',
    call: (x) => loose(initialMargin)(table, x, 10),
  },
  {
    name: 'initialMargin leverage',
    field: 'leverage',
    rule: 'leverage',
    call: (x) => loose(initialMargin)(table, '1000', x),
  },
  { name: 'maxLeverage notional', field: 'notional', rule: 'nonNegative', call: (x) => loose(maxLeverage)(table, x) },
  { name: 'maxNotional leverage', field: 'leverage', rule: 'leverage', call: (x) => loose(maxNotional)(table, x) },
  {
    name: 'defineTiers cap',
    field: 'rows[0].cap',
    rule: 'positive',
    call: (x) => defineTiers([{ cap: x as string, maintenanceMarginRate: '0.01', maxLeverage: 10 }]),
  },
  {
    name: 'defineTiers rate',
    field: 'rows[0].maintenanceMarginRate',
    rule: 'positive',
    call: (x) => defineTiers([{ cap: null, maintenanceMarginRate: x as string, maxLeverage: 10 }]),
  },
  {
    name: 'defineTiers leverage',
    field: 'rows[0].maxLeverage',
    rule: 'leverage',
    call: (x) => defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: x as string }]),
  },
  {
    name: 'defineTiers amount',
    field: 'rows[0].maintenanceAmount',
    rule: 'nonNegative',
    call: (x) =>
      defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 10, maintenanceAmount: x as string }]),
  },
  ...engineSlots(),
];

const malformed: [string, unknown][] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['empty string', ''],
  ['"abc"', 'abc'],
  ['"1,0"', '1,0'],
  ['" 1"', ' 1'],
  ['"0x10"', '0x10'],
  ['null', null],
  ['an object', {}],
  ['an array', [1]],
  ['true', true],
  ['a bigint', 1n],
  ['a function', () => 1],
];

/** The code a zero, negative or out-of-range value must get under each rule. */
const signCodes: Record<
  Rule,
  { negative: LiqMathErrorCode | null; zero: LiqMathErrorCode | null; negativeZero: LiqMathErrorCode | null }
> = {
  any: { negative: null, zero: null, negativeZero: null },
  nonNegative: { negative: 'NEGATIVE', zero: null, negativeZero: 'NEGATIVE' },
  positive: { negative: 'NOT_POSITIVE', zero: 'NOT_POSITIVE', negativeZero: 'NOT_POSITIVE' },
  leverage: { negative: 'LEVERAGE_OUT_OF_RANGE', zero: 'LEVERAGE_OUT_OF_RANGE', negativeZero: 'LEVERAGE_OUT_OF_RANGE' },
  feeRate: { negative: 'RATE_OUT_OF_RANGE', zero: null, negativeZero: 'RATE_OUT_OF_RANGE' },
};

// The two rate slots use RATE_OUT_OF_RANGE for zero and negatives: a rate rule, not a sign rule.
const codeFor = (slot: Slot, kind: 'negative' | 'zero' | 'negativeZero'): LiqMathErrorCode | null =>
  slot.field.endsWith('maintenanceMarginRate') ? 'RATE_OUT_OF_RANGE' : signCodes[slot.rule][kind];

describe.each(slots)('$name', (slot) => {
  // A cap of null is meaningful (an unbounded last tier), so it is not malformed there.
  const cases = slot.field.endsWith('.cap') ? malformed.filter(([, bad]) => bad !== null) : malformed;
  it.each(cases)('refuses %s with INVALID_NUMBER', (_label, bad) => {
    expectRefused(() => slot.call(bad), 'INVALID_NUMBER', slot.field, bad);
  });

  it('refuses undefined (INVALID_NUMBER, or MISSING_FIELD for a required field; optional fields accept it)', () => {
    const rowField = slot.field.startsWith('rows[0].');
    const outcome =
      slot.whenUndefined ??
      (rowField && !slot.field.endsWith('maintenanceAmount')
        ? 'MISSING_FIELD'
        : rowField
          ? 'accepted'
          : 'INVALID_NUMBER');
    if (outcome === 'accepted') expect(() => slot.call(undefined)).not.toThrow();
    else expectRefused(() => slot.call(undefined), outcome, slot.undefinedField ?? slot.field, undefined);
  });

  it('refuses magnitudes beyond the supported range', () => {
    expectRefused(() => slot.call('1e400'), 'NUMBER_OUT_OF_RANGE', slot.field, '1e400');
    expectRefused(() => slot.call('-1e400'), 'NUMBER_OUT_OF_RANGE', slot.field, '-1e400');
  });

  it.each([
    ['negative', '-5', 'negative'],
    ['negative number', -5, 'negative'],
    ['zero', 0, 'zero'],
    ['-0', -0, 'negativeZero'],
    ['"-0"', '-0', 'negativeZero'],
  ] as const)('applies its sign rule to %s', (_label, value, kind) => {
    const code = codeFor(slot, kind);
    if (code === null) expect(() => slot.call(value)).not.toThrow();
    else expectRefused(() => slot.call(value), code, slot.field, value);
  });
});

describe('table arguments', () => {
  const notATable: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a plain object shaped like a table', { method: 'deduction', basis: 'notional', tiers: table.tiers }],
    ['an array of rows', [{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 10 }]],
    ['a string', 'binance'],
  ];
  const users: [string, (t: unknown) => unknown][] = [
    ['tierFor', (t) => loose(tierFor)(t, 1)],
    ['maintenanceMargin', (t) => loose(maintenanceMargin)(t, 1)],
    ['initialMargin', (t) => loose(initialMargin)(t, 1, 10)],
    ['maxLeverage', (t) => loose(maxLeverage)(t, 1)],
    ['maxNotional', (t) => loose(maxNotional)(t, 10)],
    ['checkMaintenanceAmounts', (t) => loose(checkMaintenanceAmounts)(t)],
  ];
  for (const [name, use] of users) {
    it.each(notATable)(`${name} refuses %s as the table with INVALID_TYPE`, (_label, bad) => {
      expectRefused(() => use(bad), 'INVALID_TYPE', 'table', bad);
    });
  }

  it('roundToIncrement refuses an unknown or missing direction', () => {
    expectRefused(() => loose(roundToIncrement)('1', '1', 'UP'), 'INVALID_OPTION', 'direction', 'UP');
    expectRefused(() => loose(roundToIncrement)('1', '1'), 'INVALID_OPTION', 'direction', undefined);
  });

  it('a contract-keyed table refuses extra fields in its size', () => {
    const okx = defineTiers([{ cap: 5000, maintenanceMarginRate: '0.01', maxLeverage: 75 }], {
      basis: 'contracts',
      method: 'flat',
    });
    expectRefused(
      () => loose(maintenanceMargin)(okx, { notional: 1, contracts: 1, price: 2 }),
      'UNKNOWN_FIELD',
      'size.price',
      2,
    );
    expectRefused(() => loose(maintenanceMargin)(okx, { notional: 1 }), 'INVALID_NUMBER', 'size.contracts', undefined);
  });
});

/** Every numeric field of markets, positions and accounts, through every function that reads it. */
function engineSlots(): Slot[] {
  const market = defineMarket({ symbol: 'M', contract: 'linear', settle: 'USD', tiers: table });
  const isolated = { side: 'long', size: 1, entryPrice: 100, margin: 10 };
  const cross = (field: string, bad: unknown) => ({
    collateral: field === 'collateral' ? bad : 10,
    positions: [
      {
        market,
        side: 'long',
        size: 1,
        entryPrice: 100,
        markPrice: 100,
        ...(field === 'collateral' ? {} : { [field]: bad }),
      },
    ],
  });
  const marketWith = (field: string, bad: unknown) =>
    defineMarket({
      symbol: 'M',
      contract: 'linear',
      settle: 'USD',
      tiers: table,
      ...(field === 'closeFee' ? { closeFee: { rate: bad as string, on: 'mark' } } : { [field]: bad }),
    });
  const isolatedUsers: [string, (p: unknown) => unknown][] = [
    ['isolatedLiquidationPrice', (p) => loose(isolatedLiquidationPrice)(market, p)],
    ['isolatedBankruptcyPrice', (p) => loose(isolatedBankruptcyPrice)(market, p)],
    ['isolatedEquity', (p) => loose(isolatedEquity)(market, p, 100)],
    ['isolatedRequirement', (p) => loose(isolatedRequirement)(market, p, 100)],
    ['isIsolatedLiquidatable', (p) => loose(isIsolatedLiquidatable)(market, p, 100)],
  ];
  const crossUsers: [string, (a: unknown) => unknown][] = [
    ['crossEquity', (a) => loose(crossEquity)(a)],
    ['crossRequirement', (a) => loose(crossRequirement)(a)],
    ['crossMarginRatio', (a) => loose(crossMarginRatio)(a)],
    ['isCrossLiquidatable', (a) => loose(isCrossLiquidatable)(a)],
    ['crossLiquidationPrice', (a) => loose(crossLiquidationPrice)(a, 'M')],
  ];
  const positionFields: [string, Rule][] = [
    ['size', 'positive'],
    ['entryPrice', 'positive'],
    ['margin', 'nonNegative'],
  ];
  return [
    ...isolatedUsers.flatMap(([name, use]) =>
      positionFields.map(([field, rule]) => ({
        name: `${name} position.${field}`,
        field: `position.${field}`,
        rule,
        call: (bad: unknown) => use({ ...isolated, [field]: bad }),
        whenUndefined: 'MISSING_FIELD' as const,
      })),
    ),
    {
      name: 'liquidationPrice position.leverage',
      field: 'position.leverage',
      rule: 'leverage',
      call: (bad) => loose(isolatedLiquidationPrice)(market, { side: 'long', size: 1, entryPrice: 100, leverage: bad }),
      whenUndefined: 'MISSING_FIELD',
      undefinedField: 'position.margin',
    },
    ...isolatedUsers.slice(2).map(([name, _]) => ({
      name: `${name} markPrice`,
      field: 'markPrice',
      rule: 'positive' as const,
      call: (bad: unknown) =>
        loose(
          name === 'isolatedEquity'
            ? isolatedEquity
            : name === 'isolatedRequirement'
              ? isolatedRequirement
              : isIsolatedLiquidatable,
        )(market, isolated, bad),
    })),
    ...crossUsers.flatMap(([name, use]) =>
      (
        [
          ['collateral', 'nonNegative', 'account.collateral'],
          ['size', 'positive', 'account.positions[0].size'],
          ['entryPrice', 'positive', 'account.positions[0].entryPrice'],
          ['markPrice', 'positive', 'account.positions[0].markPrice'],
        ] as const
      ).map(([field, rule, path]) => ({
        name: `${name} ${path}`,
        field: path,
        rule,
        call: (bad: unknown) => use(cross(field, bad)),
        whenUndefined: 'MISSING_FIELD' as const,
      })),
    ),
    {
      name: 'defineMarket contractSize',
      field: 'market.contractSize',
      rule: 'positive',
      call: (bad) => marketWith('contractSize', bad),
      whenUndefined: 'accepted',
    },
    {
      name: 'defineMarket tickSize',
      field: 'market.tickSize',
      rule: 'positive',
      call: (bad) => marketWith('tickSize', bad),
      whenUndefined: 'accepted',
    },
    {
      name: 'defineMarket lotSize',
      field: 'market.lotSize',
      rule: 'positive',
      call: (bad) => marketWith('lotSize', bad),
      whenUndefined: 'accepted',
    },
    {
      name: 'defineMarket closeFee.rate',
      field: 'market.closeFee.rate',
      rule: 'feeRate',
      call: (bad) => marketWith('closeFee', bad),
      whenUndefined: 'MISSING_FIELD',
    },
    {
      name: 'roundLiquidationPrice price',
      field: 'price',
      rule: 'positive',
      call: (bad) => loose(roundLiquidationPrice)(market, 'long', bad),
    },
  ];
}
