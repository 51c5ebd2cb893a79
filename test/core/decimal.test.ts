import Big from 'big.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { toDecimal, toNonNegative, toPositive } from '../../src/core/decimal.js';
import { defineTiers, initialMargin, maintenanceMargin, PRECISION } from '../../src/index.js';
import { expectLiqMathError } from '../helpers.js';

describe('parsing numeric input', () => {
  it.each([
    ['50000', '50000'],
    ['0.004', '0.004'],
    ['1e-8', '1e-8'],
    ['1E+3', '1000'],
    ['-2.5', '-2.5'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['007', '7'],
  ])('accepts the string %j as %s', (input, expected) => {
    expect(toDecimal(input, 'x').toString()).toBe(expected);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '+1',
    '1,000',
    '0x10',
    'NaN',
    'Infinity',
    '-Infinity',
    'abc',
    '1e',
    'e5',
    '--1',
    '1.2.3',
    '١',
  ])('refuses the string %j with INVALID_NUMBER', (input) => {
    expectLiqMathError(() => toDecimal(input, 'price'), 'INVALID_NUMBER', 'price');
  });

  it('refuses a numeric string longer than 200 characters', () => {
    expectLiqMathError(() => toDecimal(`0.${'1'.repeat(199)}`, 'x'), 'INVALID_NUMBER');
    expect(toDecimal(`0.${'1'.repeat(198)}`, 'x').c).toHaveLength(198);
  });

  it('reads a number by its shortest decimal form: 0.1 is exactly one tenth', () => {
    expect(toDecimal(0.1, 'x').toString()).toBe('0.1');
    expect(toDecimal(0.1 + 0.2, 'x').toString()).toBe('0.30000000000000004');
    expect(toDecimal(1e21, 'x').eq('1e21')).toBe(true);
    expect(toDecimal(123456789.125, 'x').toString()).toBe('123456789.125');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses the number %s', (input) => {
    expectLiqMathError(() => toDecimal(input, 'x'), 'INVALID_NUMBER', 'x');
  });

  it.each([
    [null],
    [undefined],
    [true],
    [10n],
    [{}],
    [[1]],
    [{ valueOf: () => 1 }],
    [{ toString: () => '1' }],
    [() => 1],
    [Symbol('x')],
  ])('refuses the non-number %s', (input) => {
    expectLiqMathError(() => toDecimal(input, 'x'), 'INVALID_NUMBER', 'x');
  });

  it('reads an object shaped like a Big by its fields, never by calling its methods', () => {
    expect(toDecimal({ c: [1], e: 0, s: 1, toString: () => 'oops' }, 'x').toString()).toBe('1');
    expect(toDecimal({ c: [1, 2, 5], e: -2, s: -1 }, 'x').toString()).toBe('-0.0125');
    for (const digits of [[10], [-1], [1.5], ['1'], [Number.NaN]]) {
      expectLiqMathError(() => toDecimal({ c: digits, e: 0, s: 1 }, 'x'), 'INVALID_NUMBER');
    }
  });

  it('reads a Big-like object only when it has the shape of a Big, whatever it prints', () => {
    const printsOne = { toString: () => '1' };
    for (const shape of [
      {},
      { c: '1', e: 0, s: 1 },
      { c: [1], e: '0', s: 1 },
      { c: [1], s: 1 },
      { c: [1], e: 0, s: 0 },
      { c: [1], e: 0, s: '1' },
      { e: 0, s: 1 },
    ]) {
      expectLiqMathError(() => toDecimal({ ...shape, ...printsOne }, 'x'), 'INVALID_NUMBER', 'x');
    }
    expect(toDecimal({ c: [1], e: 0, s: 1, ...printsOne }, 'x').toString()).toBe('1');
    expect(toDecimal({ c: [1], e: 0, s: -1, toString: () => '-1' }, 'x').toString()).toBe('-1');
  });

  it('refuses a proxy whose property reads throw, with INVALID_NUMBER rather than its own error', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new TypeError('trap');
        },
      },
    );
    expectLiqMathError(() => toDecimal(hostile, 'x'), 'INVALID_NUMBER', 'x');
  });

  it('accepts a Big from the global constructor and from a caller constructor with other settings', () => {
    const Caller = Big();
    Caller.DP = 2;
    Caller.RM = Big.roundUp;
    Caller.NE = -2;
    expect(toDecimal(new Caller('0.00012345'), 'x').toString()).toBe('0.00012345');
    expect(toDecimal(new Big('-3.5'), 'x').toString()).toBe('-3.5');
  });

  it('refuses magnitudes outside [1e-30, 1e30) but accepts zero and the bounds', () => {
    expectLiqMathError(() => toDecimal('1e400', 'x'), 'NUMBER_OUT_OF_RANGE', 'x');
    expectLiqMathError(() => toDecimal('1e30', 'x'), 'NUMBER_OUT_OF_RANGE');
    expectLiqMathError(() => toDecimal('-1e30', 'x'), 'NUMBER_OUT_OF_RANGE');
    expectLiqMathError(() => toDecimal('9.9e-31', 'x'), 'NUMBER_OUT_OF_RANGE');
    expect(toDecimal('9.99e29', 'x').toString()).toBe('9.99e+29');
    expect(toDecimal('1e-30', 'x').toString()).toBe('1e-30');
    expect(toDecimal('0e999', 'x').toString()).toBe('0');
    expect(toDecimal('9223372036854775807', 'x').toFixed()).toBe('9223372036854775807');
  });

  it('-0 is zero where no sign rule applies, refused where the value must be ≥ 0 or > 0', () => {
    expect(toDecimal(-0, 'x').eq(0)).toBe(true);
    expectLiqMathError(() => toNonNegative(-0, 'margin'), 'NEGATIVE', 'margin');
    expectLiqMathError(() => toNonNegative('-0', 'margin'), 'NEGATIVE', 'margin');
    // A big.js -0 prints as '0', so it is read as the zero its owner sees.
    expect(toNonNegative(new Big('-0'), 'margin').eq(0)).toBe(true);
    expectLiqMathError(() => toPositive(-0, 'size'), 'NOT_POSITIVE', 'size');
    expect(toNonNegative(0, 'x').eq(0)).toBe(true);
  });

  it('returns a fresh Big of its own constructor: mutating the input later changes nothing', () => {
    const input = new Big('1.5');
    const parsed = toDecimal(input, 'x');
    expect(parsed).not.toBe(input);
    input.c[0] = 9;
    expect(parsed.toString()).toBe('1.5');
  });

  it('round-trips every finite double by its shortest form', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e29, max: 1e29 }), (x) => {
        fc.pre(x === 0 || Math.abs(x) >= 1e-30);
        expect(Number(toDecimal(x, 'x').toString())).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});

describe('precision and the caller’s Big settings', () => {
  const saved = { DP: Big.DP, RM: Big.RM, strict: Big.strict };
  afterEach(() => {
    Object.assign(Big, saved);
  });

  it('documents 50 places, half-even', () => {
    expect(PRECISION).toMatchObject({ decimalPlaces: 50, rounding: 'half-even' });
    const table = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 3 }]);
    // 2/3 to 50 places: the 51st digit is 6, so the last kept digit rounds up to 7.
    expect(initialMargin(table, 2, 3).toString()).toBe(`0.${'6'.repeat(49)}7`);
    // Ties at the 51st place round to the even neighbour (half-up would give 1e-50 and 3e-50).
    const tiny = defineTiers([{ cap: null, maintenanceMarginRate: '1e-25', maxLeverage: '1e24' }]);
    expect(initialMargin(tiny, '1e-30', '2e20').eq(0)).toBe(true);
    expect(initialMargin(tiny, '3e-30', '2e20').toString()).toBe('2e-50');
    expect(initialMargin(tiny, '5e-30', '2e20').toString()).toBe('2e-50');
  });

  it('neither reads nor writes the global Big settings', () => {
    Big.DP = 3;
    Big.RM = Big.roundUp;
    Big.strict = true;
    const table = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 3 }]);
    expect(initialMargin(table, new Big('2'), new Big('3')).toString()).toBe(`0.${'6'.repeat(49)}7`);
    expect(maintenanceMargin(table, new Big('123.456')).toString()).toBe('1.23456');
    expect([Big.DP, Big.RM, Big.strict]).toEqual([3, Big.roundUp, true]);
  });
});
