/**
 * The exact-decimal core: the one place liqmath touches big.js.
 *
 * liqmath owns a private big.js constructor with its own settings, so the caller's global `Big`
 * (its `DP`, `RM`, `strict`) is never read or written. Every numeric input is parsed here, once,
 * at the public boundary. See `docs/precision.md`.
 */
import Big from 'big.js';
import { fail } from '../../../src/core/errors.js';

/**
 * A number as liqmath accepts it: a big.js `Big` (from any copy or constructor of big.js), a
 * decimal string in plain or exponent form (`'50000'`, `'0.004'`, `'1e-8'`), or a finite
 * JavaScript number, read by its shortest decimal form (`0.1` is exactly one tenth).
 *
 * @example
 * ```ts
 * import Big from 'big.js';
 * import { maintenanceMargin, defineTiers, type Numeric } from 'liqmath';
 *
 * const table = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]);
 * const notionals: Numeric[] = ['250000', 1e6, new Big('3500032.458')];
 * notionals.map((n) => maintenanceMargin(table, n).toString()); //=> ['2500', '10000', '35000.32458']
 * ```
 */
export type Numeric = Big | string | number;

/**
 * The precision contract of every liqmath result, as data.
 *
 * - Sums, differences and products are exact.
 * - A quotient keeps `decimalPlaces` digits after the point; the last one is rounded half to even.
 * - Inputs must have a magnitude below `maxMagnitude` and, unless zero, at least `minMagnitude`.
 *
 * @example
 * ```ts
 * import { PRECISION } from 'liqmath';
 *
 * PRECISION.decimalPlaces; //=> 50
 * PRECISION.rounding; //=> 'half-even'
 * ```
 */
export const PRECISION = /* @__PURE__ */ Object.freeze({
  /** Digits a quotient keeps after the decimal point. */
  decimalPlaces: 50,
  /** How the last kept digit of a quotient is rounded. */
  rounding: 'half-even',
  /** Inputs must be smaller than this in magnitude. */
  maxMagnitude: '1e30',
  /** Non-zero inputs must be at least this in magnitude. */
  minMagnitude: '1e-30',
  /** Longest numeric string accepted. */
  maxStringLength: 200,
} as const);

/** big.js rounding mode 2 is ROUND_HALF_EVEN. */
const ROUND_HALF_EVEN = 2;
/** A value `v` has big.js exponent `e` when `10^e ≤ |v| < 10^(e+1)`. */
const MIN_EXPONENT = -30;
const MAX_EXPONENT = 29;

/** liqmath's private constructor. Never exported: callers' settings stay theirs and ours stay ours. */
const Decimal = Big();
Decimal.DP = PRECISION.decimalPlaces;
Decimal.RM = ROUND_HALF_EVEN;

/** The same syntax big.js accepts, anchored: no spaces, no '+', no hex, no separators. */
const DECIMAL_SYNTAX = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

const ACCEPTED = 'a finite decimal number: a Big, a string like "0.004" or "1e-8", or a finite number';

/** Exact zero, from liqmath's constructor. */
export const ZERO: Big = Object.freeze(new Decimal(0));
/** Exact one, from liqmath's constructor. */
export const ONE: Big = Object.freeze(new Decimal(1));

/**
 * Parses any accepted numeric input into a fresh Big of liqmath's constructor.
 * `-0` is read as zero; {@link toPositive} and {@link toNonNegative} reject it where a sign matters.
 */
export function toDecimal(value: unknown, field: string): Big {
  const parsed = parse(value, field);
  checkMagnitude(parsed, value, field);
  return parsed;
}

/**
 * Reads a number the way every liqmath function reads its inputs, and returns it as a frozen Big
 * of liqmath's own constructor: for a form field or a file that should be refused with the same
 * error liqmath would give, before anything is computed from it.
 *
 * @param value - a Big (any copy of big.js), a decimal string, or a finite number
 * @param field - the name the error gives the value; default `'value'`
 * @param sign - `'any'` (default), `'positive'` (> 0) or `'non-negative'` (≥ 0, not `-0`)
 * @throws {@link LiqMathError} `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` or `NEGATIVE`
 *
 * @example
 * ```ts
 * import { parseDecimal } from 'liqmath';
 *
 * parseDecimal('1e-8').toString(); //=> '1e-8'
 * parseDecimal(0.1, 'size', 'positive').toString(); //=> '0.1'
 * ```
 */
export function parseDecimal(value: Numeric, field = 'value', sign: 'any' | 'positive' | 'non-negative' = 'any'): Big {
  const read = sign === 'positive' ? toPositive : sign === 'non-negative' ? toNonNegative : toDecimal;
  return freezeDecimal(read(value, field));
}

/** Parses a value that must be strictly greater than zero. */
export function toPositive(value: unknown, field: string): Big {
  const parsed = toDecimal(value, field);
  // Stryker disable next-line EqualityOperator: big.js keeps the sign in s as 1 or -1, never 0, so < 0 and <= 0 agree
  if (parsed.s < 0 || parsed.c[0] === 0) {
    fail('NOT_POSITIVE', field, value, 'a number greater than 0');
  }
  return parsed;
}

/** Parses a value that must be zero or greater; `-0` is refused, since its sign says something upstream went negative. */
export function toNonNegative(value: unknown, field: string): Big {
  const parsed = toDecimal(value, field);
  // Stryker disable next-line EqualityOperator: s is 1 or -1
  if (parsed.s < 0) fail('NEGATIVE', field, value, 'a number ≥ 0 (not negative, not -0)');
  return parsed;
}

/** Parses a fee rate: from 0 up to, not including, 1 (`-0` refused). */
export function toFeeRate(value: unknown, field: string): Big {
  const rate = toDecimal(value, field);
  // Stryker disable next-line EqualityOperator: s is 1 or -1
  if (rate.s < 0 || rate.gte(1)) fail('RATE_OUT_OF_RANGE', field, value, 'a fee rate from 0 up to (not including) 1');
  return rate;
}

/** A new Big of liqmath's constructor from a trusted string or integer (internal constants). */
export function decimal(value: string | number): Big {
  return new Decimal(value);
}

/**
 * Freezes a Big (and its digit array) so a returned or stored value cannot be altered.
 * A zero loses any sign big.js kept on it (`0 × −1`), so no result is ever `-0`.
 */
export function freezeDecimal(value: Big): Big {
  if (value.c[0] === 0 && value.s !== 1) value.s = 1;
  Object.freeze(value.c);
  return Object.freeze(value);
}

function parse(value: unknown, field: string): Big {
  if (typeof value === 'string') return parseString(value, value, field);
  if (typeof value === 'number') return parseNumber(value, field);
  // Our own Big prints '0' for a zero whatever its internal sign, so read it as the caller sees it.
  // Stryker disable next-line ConditionalExpression: a shortcut; parseBigLike reads our own Big to the same value
  if (value instanceof Decimal) return value.c[0] === 0 ? new Decimal(0) : new Decimal(value);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: parseBigLike refuses anything else with this same error
  if (typeof value === 'object' && value !== null) return parseBigLike(value, field);
  return fail('INVALID_NUMBER', field, value, ACCEPTED);
}

function parseString(text: string, original: unknown, field: string): Big {
  if (text.length > PRECISION.maxStringLength || !DECIMAL_SYNTAX.test(text)) {
    fail('INVALID_NUMBER', field, original, ACCEPTED);
  }
  return new Decimal(text);
}

function parseNumber(value: number, field: string): Big {
  if (!Number.isFinite(value)) fail('INVALID_NUMBER', field, value, ACCEPTED);
  // String(-0) is '0': keep the sign so that toNonNegative can refuse it.
  return new Decimal(Object.is(value, -0) ? '-0' : String(value));
}

/**
 * A Big from another big.js copy or constructor: read through its decimal string, never its
 * internals or its methods' settings (its `DP`/`RM` would leak into our arithmetic).
 */
function parseBigLike(value: object, field: string): Big {
  const text = bigLikeText(value);
  if (text === null) return fail('INVALID_NUMBER', field, value, ACCEPTED);
  return parseString(text, value, field);
}

/** The decimal string of an object shaped like a Big; null for any other shape, or when reading it throws (a hostile Proxy). */
function bigLikeText(value: object): string | null {
  try {
    const candidate = value as { c?: unknown; e?: unknown; s?: unknown };
    const shaped =
      Array.isArray(candidate.c) && typeof candidate.e === 'number' && (candidate.s === 1 || candidate.s === -1);
    return shaped ? String(value) : null;
  } catch {
    return null;
  }
}

function checkMagnitude(value: Big, original: unknown, field: string): void {
  if (value.c[0] === 0) return;
  if (value.e < MIN_EXPONENT || value.e > MAX_EXPONENT) {
    fail(
      'NUMBER_OUT_OF_RANGE',
      field,
      original,
      `zero or a magnitude from ${PRECISION.minMagnitude} to below ${PRECISION.maxMagnitude}`,
    );
  }
}
