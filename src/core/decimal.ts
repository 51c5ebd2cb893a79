/**
 * Numbers in: every numeric input is read here, once, at the public boundary, by one parser that
 * yields the engine's exact value; a Big result is built from its digits. See `docs/precision.md`.
 */
import type Big from 'big.js';
import { bigFromDigits, freezeDecimal, type Numeric, PRECISION } from './big.js';
import { fail } from './errors.js';
import { decimalExact, E0, type Exact, pow10 } from './exact.js';

export { bigFromDigits, decimal, freezeDecimal, LIMITS, type Numeric, ONE, PRECISION, ZERO } from './big.js';

/** A value `v` has big.js exponent `e` when `10^e ≤ |v| < 10^(e+1)`. */
const MIN_EXPONENT = -30;
const MAX_EXPONENT = 29;

const ACCEPTED = 'a finite decimal number: a Big, a string like "0.004" or "1e-8", or a finite number';

/**
 * Parses any accepted numeric input into a Big of liqmath's constructor.
 * `-0` is read as zero; {@link toPositive} and {@link toNonNegative} reject it where a sign matters.
 */
export function toDecimal(value: unknown, field: string): Big {
  const exact = toExact(value, field, 'any');
  return bigFromDigits(exact.n, exact.s);
}

/**
 * Reads a number the way every liqmath function reads its inputs, and returns it as a frozen Big
 * of liqmath's own constructor: for a form field or a file that should be refused with the same
 * error liqmath would give, before anything is computed from it.
 *
 * @param value - a Big (any copy of big.js), a decimal string, or a finite number
 * @param field - the name the error gives the value; default `'value'`
 * @param sign - `'any'` (default), `'positive'` (> 0) or `'non-negative'` (≥ 0, not `-0`)
 * @throws {@link LiqMathError} `INVALID_NUMBER` (not a finite decimal of an accepted type, or a string longer
 * than `PRECISION.maxStringLength`), `NUMBER_OUT_OF_RANGE` (a magnitude outside {@link PRECISION}),
 * `NOT_POSITIVE` (≤ 0 with `sign` `'positive'`), `NEGATIVE` (< 0 or `-0` with `sign` `'non-negative'`).
 * An unknown `sign` is read as `'any'`.
 *
 * @example
 * ```ts
 * import { parseDecimal } from 'liqmath';
 *
 * parseDecimal('1e-8').toString(); //=> '1e-8'
 * parseDecimal(0.1, 'size', 'positive').toString(); //=> '0.1'
 * ```
 * @group Numbers
 */
export function parseDecimal(value: Numeric, field = 'value', sign: 'any' | 'positive' | 'non-negative' = 'any'): Big {
  if (sign !== 'any' && sign !== 'positive' && sign !== 'non-negative') {
    fail('INVALID_OPTION', 'sign', sign, "'any', 'positive' or 'non-negative'");
  }
  const read = sign === 'positive' ? toPositive : sign === 'non-negative' ? toNonNegative : toDecimal;
  return freezeDecimal(read(value, field));
}

/** Parses a value that must be strictly greater than zero. */
export function toPositive(value: unknown, field: string): Big {
  const exact = toExact(value, field, 'positive');
  return bigFromDigits(exact.n, exact.s);
}

/** Parses a value that must be zero or greater; `-0` is refused, since its sign says something upstream went negative. */
export function toNonNegative(value: unknown, field: string): Big {
  const exact = toExact(value, field, 'non-negative');
  return bigFromDigits(exact.n, exact.s);
}

/** Parses a fee rate: from 0 up to, not including, 1 (`-0` refused). */
export function toFeeRate(value: unknown, field: string): Big {
  const { exact, negative } = readNumber(value, field);
  if (negative || exact.n >= exact.d)
    fail('RATE_OUT_OF_RANGE', field, value, 'a fee rate from 0 up to (not including) 1');
  return bigFromDigits(exact.n, exact.s);
}

/** What a field's sign must be. */
export type SignRule = 'any' | 'positive' | 'non-negative';

/** A number as read, before any sign rule: its exact value, and whether it was written negative (`-0` too). */
interface ReadNumber {
  readonly exact: Exact;
  readonly negative: boolean;
}

/**
 * Reads a number straight into the engine's exact form (no Big built on the way), then applies
 * the field's sign rule. Order of checks: syntax, magnitude, sign.
 */
export function toExact(value: unknown, field: string, rule: SignRule): Exact {
  const { exact, negative } = readNumber(value, field);
  if (rule === 'positive' && (negative || exact.n === 0n))
    fail('NOT_POSITIVE', field, value, 'a number greater than 0');
  if (rule === 'non-negative' && negative) fail('NEGATIVE', field, value, 'a number ≥ 0 (not negative, not -0)');
  return exact;
}

function readNumber(value: unknown, field: string): ReadNumber {
  if (typeof value === 'string') return readText(value, value, field);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('INVALID_NUMBER', field, value, ACCEPTED);
    return readText(Object.is(value, -0) ? '-0' : String(value), value, field);
  }
  const text = typeof value === 'object' && value !== null ? bigLikeText(value) : null;
  if (text === null) return fail('INVALID_NUMBER', field, value, ACCEPTED);
  return readText(text, value, field, PRECISION.maxBigDigits + 12);
}

/**
 * The decimal text of an object shaped like a Big (from any copy of big.js), built from its
 * fields by value, never by calling its methods: each field read once, the digits checked one by
 * one (integers 0–9, at most `PRECISION.maxBigDigits`), the exponent an integer, the sign ±1.
 * null for any other shape, or when reading it throws (a hostile Proxy or getter).
 */
function bigLikeText(value: object): string | null {
  try {
    const { c, e, s } = value as { c?: unknown; e?: unknown; s?: unknown };
    if (!Array.isArray(c) || typeof e !== 'number' || !Number.isInteger(e) || (s !== 1 && s !== -1)) return null;
    const length = c.length;
    if (length === 0 || length > PRECISION.maxBigDigits) return null;
    let digits = '';
    let zero = true;
    for (let k = 0; k < length; k += 1) {
      const digit: unknown = c[k];
      if (typeof digit !== 'number' || !Number.isInteger(digit) || digit < 0 || digit > 9) return null;
      digits += String.fromCharCode(48 + digit);
      if (digit !== 0) zero = false;
    }
    // big.js's -0 (from `0 × −1`) prints as 0, the zero its owner sees: its sign is not read.
    if (zero) return '0';
    // Far out of range either way: a short text that the range check refuses.
    if (Math.abs(e) > 1000) return `${s === -1 ? '-' : ''}1e${e}`;
    return `${s === -1 ? '-' : ''}${digits}e${e - (length - 1)}`;
  } catch {
    return null;
  }
}

/**
 * A string, checked against the syntax (the same as `DECIMAL_SYNTAX`: an optional '-', digits
 * with at most one '.', at least one digit, then an optional exponent) in one pass over its
 * characters, as an exact value with its magnitude checked.
 */
function readText(
  text: string,
  original: unknown,
  field: string,
  maxLength: number = PRECISION.maxStringLength,
): ReadNumber {
  const length = text.length;
  if (length > maxLength) fail('INVALID_NUMBER', field, original, ACCEPTED);
  const negative = text.charCodeAt(0) === 45;
  let at = negative ? 1 : 0;
  let digits = 0; // digits in the mantissa
  let first = -1; // position of the first non-zero digit
  let last = -1; // position of the last digit
  let dot = -1;
  let small = 0; // the significant digits as a number, while they fit one exactly
  for (; at < length; at += 1) {
    const c = text.charCodeAt(at);
    if (c >= 48 && c <= 57) {
      digits += 1;
      last = at;
      if (first < 0 && c !== 48) first = at;
      if (first >= 0) small = small * 10 + (c - 48);
    } else if (c === 46 && dot < 0) dot = at;
    else break;
  }
  let exponent = 0;
  if (at < length) {
    const c = text.charCodeAt(at);
    if ((c !== 101 && c !== 69) || digits === 0) fail('INVALID_NUMBER', field, original, ACCEPTED);
    const sign = text.charCodeAt(at + 1);
    let from = at + 1 + (sign === 43 || sign === 45 ? 1 : 0);
    if (from >= length) fail('INVALID_NUMBER', field, original, ACCEPTED);
    for (; from < length; from += 1) {
      const d = text.charCodeAt(from);
      if (d < 48 || d > 57) fail('INVALID_NUMBER', field, original, ACCEPTED);
      exponent = exponent * 10 + (d - 48);
    }
    if (sign === 45) exponent = -exponent;
  } else if (digits === 0) fail('INVALID_NUMBER', field, original, ACCEPTED);
  if (first < 0) return { exact: E0, negative };
  // Decimals after the point, less the exponent: the scale of the significant digits.
  const places = (dot < 0 || dot > last ? 0 : last - dot) - exponent;
  const significant = last - first + 1 - (dot > first && dot < last ? 1 : 0);
  const magnitude = significant - 1 - places;
  if (!(magnitude >= MIN_EXPONENT && magnitude <= MAX_EXPONENT)) {
    fail(
      'NUMBER_OUT_OF_RANGE',
      field,
      original,
      `zero or a magnitude from ${PRECISION.minMagnitude} to below ${PRECISION.maxMagnitude}`,
    );
  }
  const magnitudeDigits =
    significant <= 15
      ? BigInt(small)
      : BigInt(
          dot > first && dot < last
            ? text.slice(first, dot) + text.slice(dot + 1, last + 1)
            : text.slice(first, last + 1),
        );
  const n = negative ? -magnitudeDigits : magnitudeDigits;
  return { exact: places >= 0 ? decimalExact(n, places) : decimalExact(n * pow10(-places), 0), negative };
}
