/**
 * Numbers read straight into the engine's exact form: the same rules, and the same errors, as
 * the decimal readers of `decimal.ts`, without building a Big on the way (the hot path of every
 * call that takes raw input).
 */
import {
  ACCEPTED,
  DECIMAL_SYNTAX,
  MAX_EXPONENT,
  MIN_EXPONENT,
  PRECISION,
  toDecimal,
  toNonNegative,
  toPositive,
} from './decimal.js';
import { fail } from './errors.js';
import { decimalExact, E0, type Exact, exactOf, pow10 } from './exact.js';

/** What a field's sign must be. */
export type SignRule = 'any' | 'positive' | 'non-negative';

/**
 * Reads a number straight into the engine's exact form, by the same rules and with the same
 * errors as {@link toDecimal}, {@link toPositive} and {@link toNonNegative}, without building a Big.
 */
export function toExact(value: unknown, field: string, rule: SignRule): Exact {
  let text: string;
  if (typeof value === 'string') {
    if (value.length > PRECISION.maxStringLength || !DECIMAL_SYNTAX.test(value))
      fail('INVALID_NUMBER', field, value, ACCEPTED);
    text = value;
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('INVALID_NUMBER', field, value, ACCEPTED);
    text = Object.is(value, -0) ? '-0' : String(value);
  } else {
    // Bigs (ours or another copy's) and anything else take the Big path, which reads them safely.
    const big =
      rule === 'positive'
        ? toPositive(value, field)
        : rule === 'non-negative'
          ? toNonNegative(value, field)
          : toDecimal(value, field);
    return exactOf(big);
  }
  return exactFromText(text, value, field, rule);
}

/** A string that matched the decimal syntax, as an exact value, its magnitude and sign checked. */
function exactFromText(text: string, original: unknown, field: string, rule: SignRule): Exact {
  const negative = text.charCodeAt(0) === 45;
  const body = negative ? text.slice(1) : text;
  let mark = body.indexOf('e');
  if (mark < 0) mark = body.indexOf('E');
  const mantissa = mark < 0 ? body : body.slice(0, mark);
  const exponent = mark < 0 ? 0 : Number(body.slice(mark + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  let first = 0;
  while (first < digits.length && digits.charCodeAt(first) === 48) first += 1;
  const places = (dot < 0 ? 0 : mantissa.length - dot - 1) - exponent;
  if (first === digits.length) {
    if (negative && rule === 'non-negative') fail('NEGATIVE', field, original, 'a number ≥ 0 (not negative, not -0)');
    if (rule === 'positive') fail('NOT_POSITIVE', field, original, 'a number greater than 0');
    return E0;
  }
  const magnitude = digits.length - first - 1 - places;
  if (magnitude < MIN_EXPONENT || magnitude > MAX_EXPONENT) {
    fail(
      'NUMBER_OUT_OF_RANGE',
      field,
      original,
      `zero or a magnitude from ${PRECISION.minMagnitude} to below ${PRECISION.maxMagnitude}`,
    );
  }
  if (negative && rule === 'positive') fail('NOT_POSITIVE', field, original, 'a number greater than 0');
  if (negative && rule === 'non-negative') fail('NEGATIVE', field, original, 'a number ≥ 0 (not negative, not -0)');
  const n = BigInt(digits.slice(first)) * (negative ? -1n : 1n);
  return places >= 0 ? decimalExact(n, places) : decimalExact(n * pow10(-places), 0);
}
