/**
 * Exact decimal prices as ordered keys. A price is held as its nearest double (the key), plus the
 * exact Big only when the price has more than 15 significant digits. Why that is exact:
 * - rounding to the nearest double is monotone, so unequal keys order exactly as the decimals do;
 * - two different decimals of at most 15 significant digits never round to the same double
 *   (a double carries 15.95 digits), so equal keys of two such "short" prices mean equal prices;
 * - only a tie involving a "long" price (rare) is decided by big.js, and a short price's exact
 *   value is recovered from its key: the shortest string of a double is its short decimal.
 * See docs/liquidation-index.md.
 */
import type Big from 'big.js';
import { decimal, freezeDecimal, toPositive } from '../../core/decimal.js';

/** The most significant digits a decimal may have for its double to identify it among such decimals. */
const SHORT_DIGITS = 15;

/**
 * A price read once: the key when the price is short, else the frozen exact Big (its key is
 * {@link keyOf}). A number, not an object, in the common case, so reading 10⁶ prices allocates nothing.
 */
export type Price = number | Big;

/** A price to compare against (a mark): its key, its exact value, and whether it is short. */
export interface Mark {
  readonly key: number;
  readonly exact: Big;
  readonly short: boolean;
}

/**
 * Reads a positive price with the library's input rules (`toPositive`), taking a shortcut for
 * plain decimal strings of at most 15 digits and for small positive integers: those are always
 * accepted by the full reader (syntax, length, range, sign), and `Number` rounds them correctly.
 */
export function readPrice(raw: unknown, field: string): Price {
  const quick = quickKey(raw);
  if (quick > 0) return quick;
  const exact = toPositive(raw, field);
  if (exact.c.length <= SHORT_DIGITS) return Number(exact.toString());
  return freezeDecimal(exact);
}

/** The key of a price the shortcut accepts (see {@link readPrice}); −1 for any other value. */
export function quickKey(raw: unknown): number {
  if (typeof raw === 'string') return plainShortKey(raw);
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0 && raw < 1e15) return raw;
  return -1;
}

/** A mark price read with the same rules as a position's price. */
export function readMark(raw: unknown, field: string): Mark {
  const exact = freezeDecimal(toPositive(raw, field));
  return { key: Number(exact.toString()), exact, short: exact.c.length <= SHORT_DIGITS };
}

/** The double key of a price (positive). */
export function keyOf(price: Price): number {
  return typeof price === 'number' ? price : Number(price.toString());
}

/** The exact Big of a long price, or null when the key says it all. */
export function exactOf(price: Price): Big | null {
  return typeof price === 'number' ? null : price;
}

/**
 * Compares two prices held as (signed key, exact or null); `sign` is −1 for a long bucket, whose
 * keys are negated so that every bucket ascends. The exact comparison runs only on equal keys
 * where one side is long.
 */
export function comparePrices(
  keyA: number,
  exactA: Big | null,
  keyB: number,
  exactB: Big | null,
  sign: number,
): number {
  if (keyA !== keyB) return keyA < keyB ? -1 : 1;
  if (exactA === null && exactB === null) return 0;
  return sign * exactValue(keyA, exactA).cmp(exactValue(keyB, exactB));
}

/** Compares a held price (signed key, exact or null) with a mark, in the bucket's signed order. */
export function compareToMark(key: number, exact: Big | null, mark: Mark, sign: number): number {
  const markKey = sign * mark.key;
  if (key !== markKey) return key < markKey ? -1 : 1;
  if (exact === null && mark.short) return 0;
  return sign * exactValue(key, exact).cmp(mark.exact);
}

/** Ids order as JavaScript strings (UTF-16 code units), as before. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function exactValue(signedKey: number, exact: Big | null): Big {
  return exact ?? decimal(String(Math.abs(signedKey)));
}

/** Exact powers of ten (all below 2^53). */
const TENS = Array.from({ length: SHORT_DIGITS + 1 }, (_, k) => 10 ** k);

/**
 * The double of a plain decimal string (`'1234.56'`, `'.5'`, `'7.'`) with 1 to 15 digits, not all
 * zero; −1 for anything else, which then goes through the full reader. Such a string is at most 16
 * characters and its value lies in [1e-15, 1e15): inside every limit of the full reader. Read in
 * one pass: the digits as an integer m < 10^15 and the count f after the dot; m / 10^f divides two
 * exact doubles, so it is the correctly rounded value, the same double as `Number(text)`.
 */
function plainShortKey(text: string): number {
  const length = text.length;
  if (length === 0 || length > SHORT_DIGITS + 1) return -1;
  let mantissa = 0;
  let dot = -1;
  for (let k = 0; k < length; k += 1) {
    const digit = text.charCodeAt(k) - 48;
    if (digit >= 0 && digit <= 9) mantissa = mantissa * 10 + digit;
    else if (digit === -2 && dot < 0) dot = k;
    else return -1;
  }
  const digits = dot < 0 ? length : length - 1;
  if (digits === 0 || digits > SHORT_DIGITS || mantissa === 0) return -1;
  return dot < 0 ? mantissa : mantissa / (TENS[length - 1 - dot] as number);
}
