/**
 * The one-pass number reader against its definition: big.js's own syntax, anchored (no spaces,
 * no '+', no hex), and the magnitude range of docs/precision.md. Random strings over the
 * characters that matter, and random decimals of every length.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLiqMathError, parseDecimal } from '../../src/index.js';

const SYNTAX = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function reference(text: string): string {
  if (text.length > 200 || !SYNTAX.test(text)) return 'INVALID_NUMBER';
  const value = new Big(text);
  if (value.c[0] !== 0 && (value.e < -30 || value.e > 29)) return 'NUMBER_OUT_OF_RANGE';
  return value.c[0] === 0 ? '0' : value.toString();
}

function read(text: string): string {
  try {
    return parseDecimal(text).toString();
  } catch (error) {
    return isLiqMathError(error) ? error.code : 'other error';
  }
}

describe('the number reader', () => {
  it('agrees with the syntax and big.js on strings of the characters that matter', () => {
    const char = fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', 'E', ' ', 'x');
    fc.assert(
      fc.property(fc.array(char, { minLength: 0, maxLength: 14 }), (chars) => {
        const text = chars.join('');
        expect(read(text)).toBe(reference(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees on decimals of every length, with and without exponents', () => {
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^\d{1,40}$/),
        fc.option(fc.stringMatching(/^\d{0,40}$/), { nil: undefined }),
        fc.option(fc.integer({ min: -60, max: 60 }), { nil: undefined }),
      )
      .map(
        ([minus, whole, fraction, exponent]) =>
          `${minus ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}${exponent === undefined ? '' : `e${exponent}`}`,
      );
    fc.assert(
      fc.property(decimal, (text) => {
        expect(read(text)).toBe(reference(text));
      }),
      { numRuns: 20_000 },
    );
  });
});
