import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RoundingDirection, roundToIncrement } from '../../src/index.js';
import { expectLiqMathError } from '../helpers.js';

describe('roundToIncrement', () => {
  it.each([
    ['5739.27', '0.5', 'up', '5739.5'],
    ['5739.27', '0.5', 'down', '5739'],
    ['5739.27', '0.5', 'toward-zero', '5739'],
    ['5739.27', '0.5', 'away-from-zero', '5739.5'],
    ['-5739.27', '0.5', 'up', '-5739'],
    ['-5739.27', '0.5', 'down', '-5739.5'],
    ['-5739.27', '0.5', 'toward-zero', '-5739'],
    ['-5739.27', '0.5', 'away-from-zero', '-5739.5'],
    ['5739.5', '0.5', 'up', '5739.5'],
    ['0.000123456', '1e-8', 'up', '0.00012346'],
    ['26316.893', '0.01', 'down', '26316.89'],
    ['7', '3', 'up', '9'],
    ['0', '0.1', 'away-from-zero', '0'],
  ] as const)('%s to %s %s → %s', (value, step, direction, expected) => {
    expect(roundToIncrement(value, step, direction).toString()).toBe(expected);
  });

  it('never returns -0', () => {
    const result = roundToIncrement('-0.2', '1', 'up');
    expect(result.toString()).toBe('0');
    expect(result.s).toBe(1);
  });

  it('nearest: the nearer multiple, a tie away from zero, on both signs', () => {
    const cases: [string, string, string][] = [
      ['60.0699899', '0.01', '60.07'],
      ['60.0649999', '0.01', '60.06'],
      ['60.065', '0.01', '60.07'],
      ['-60.065', '0.01', '-60.07'],
      ['-60.0649', '0.01', '-60.06'],
      ['7481.48', '0.5', '7481.5'],
      ['7481.2', '0.5', '7481'],
      ['0.25', '0.5', '0.5'],
      ['3', '0.5', '3'],
    ];
    for (const [value, step, expected] of cases) {
      expect(roundToIncrement(value, step, 'nearest').toString(), value).toBe(expected);
    }
  });

  it('refuses a zero or negative increment and an unknown direction', () => {
    expectLiqMathError(() => roundToIncrement('1', '0', 'up'), 'NOT_POSITIVE', 'increment');
    expectLiqMathError(() => roundToIncrement('1', '-0.5', 'up'), 'NOT_POSITIVE', 'increment');
    expectLiqMathError(
      () => roundToIncrement('1', '0.5', 'half-up' as RoundingDirection),
      'INVALID_OPTION',
      'direction',
    );
    expectLiqMathError(() => roundToIncrement('x', '0.5', 'up'), 'INVALID_NUMBER', 'value');
  });

  it('gives a multiple of the increment, on the named side, less than one increment away', () => {
    const decimal = fc.tuple(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 12 }));
    const toBig = ([digits, places]: [number, number]) => new Big(digits).div(new Big(10).pow(places));
    fc.assert(
      fc.property(
        decimal.map(toBig),
        decimal.map(toBig).filter((s) => s.gt(0)),
        fc.constantFrom<RoundingDirection>('up', 'down', 'toward-zero', 'away-from-zero'),
        (value, step, direction) => {
          const rounded = new Big(roundToIncrement(value, step, direction).toString());
          expect(rounded.mod(step).eq(0)).toBe(true);
          expect(rounded.minus(value).abs().lt(step)).toBe(true);
          const moved = rounded.minus(value);
          if (direction === 'up') expect(moved.gte(0)).toBe(true);
          if (direction === 'down') expect(moved.lte(0)).toBe(true);
          if (direction === 'toward-zero') expect(rounded.abs().lte(value.abs())).toBe(true);
          if (direction === 'away-from-zero') expect(rounded.abs().gte(value.abs())).toBe(true);
        },
      ),
    );
  });
});
