/**
 * Rounding to a tick or lot, always with a named direction. liqmath's own results are exact;
 * rounding happens only where a caller (or a venue's methodology) asks for it.
 */
import type Big from 'big.js';
import { freezeDecimal, type Numeric, toDecimal, toPositive } from './decimal.js';
import { expectChoice } from './input.js';

/**
 * How to round to an increment:
 * - `'up'`: toward +∞ (ceiling), `'down'`: toward −∞ (floor);
 * - `'toward-zero'`: truncate, `'away-from-zero'`: the next multiple away from zero;
 * - `'nearest'`: the nearer multiple, a tie away from zero (how venues display a rounded price).
 *
 * @example
 * ```ts
 * import type { RoundingDirection } from 'liqmath';
 *
 * const forLongs: RoundingDirection = 'up';
 * ```
 * @group Numbers
 */
export type RoundingDirection = 'up' | 'down' | 'toward-zero' | 'away-from-zero' | 'nearest';

const DIRECTIONS: readonly RoundingDirection[] = ['up', 'down', 'toward-zero', 'away-from-zero', 'nearest'];

/**
 * Rounds `value` to a whole multiple of `increment` (a price tick or a size lot) in the given
 * direction. Exact: the result is a multiple of `increment` with no division error, and a value
 * already on the grid is returned unchanged.
 *
 * @param value - the price or size to round (any sign)
 * @param increment - the tick or lot size, greater than 0
 * @param direction - which neighbouring multiple to take
 * @returns the multiple of `increment`, as a frozen Big
 * @throws {@link LiqMathError} `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE` (value, increment), `NOT_POSITIVE`
 * (`increment` ≤ 0), `INVALID_OPTION` (an unknown direction)
 *
 * @example
 * ```ts
 * import { roundToIncrement } from 'liqmath';
 *
 * roundToIncrement('5739.27', '0.5', 'up').toString(); //=> '5739.5'
 * roundToIncrement('5739.27', '0.5', 'down').toString(); //=> '5739'
 * roundToIncrement('-1.25', '0.1', 'toward-zero').toString(); //=> '-1.2'
 * roundToIncrement('0.0123', '0.001', 'away-from-zero').toString(); //=> '0.013'
 * roundToIncrement('60.0699899', '0.01', 'nearest').toString(); //=> '60.07'
 * ```
 * @group Numbers
 */
export function roundToIncrement(value: Numeric, increment: Numeric, direction: RoundingDirection): Big {
  const x = toDecimal(value, 'value');
  const step = toPositive(increment, 'increment');
  const how = expectChoice(direction, DIRECTIONS, 'direction');
  return freezeDecimal(roundToMultiple(x, step, how));
}

/** Trusting core of {@link roundToIncrement}: `step` > 0, `how` valid. */
export function roundToMultiple(x: Big, step: Big, how: RoundingDirection): Big {
  // big.js mod is exact (integer quotient, then x − q·step), and carries the sign of x.
  const remainder = x.mod(step);
  if (remainder.c[0] === 0) return x.minus(remainder);
  const towardZero = x.minus(remainder);
  // Stryker disable next-line EqualityOperator: big.js keeps the sign in s as 1 or -1, never 0, so > 0 and >= 0 agree
  const awayFromZero = x.s > 0 ? towardZero.plus(step) : towardZero.minus(step);
  switch (how) {
    case 'toward-zero':
      return towardZero;
    case 'away-from-zero':
      return awayFromZero;
    case 'up':
      // Stryker disable next-line EqualityOperator: s is 1 or -1 (see above)
      return x.s > 0 ? awayFromZero : towardZero;
    case 'down':
      // Stryker disable next-line EqualityOperator: s is 1 or -1 (see above)
      return x.s > 0 ? towardZero : awayFromZero;
    case 'nearest':
      // The remainder has x's sign; twice its magnitude against the step decides (a tie goes away from zero).
      return remainder.abs().times(2).gte(step) ? awayFromZero : towardZero;
  }
}
