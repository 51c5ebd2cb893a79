/**
 * The one error type of liqmath, its stable codes, and how values are shown in messages.
 *
 * Codes are part of the public API: a code is never renamed or reused for another meaning.
 * Every code is documented in `docs/errors.md`.
 */

/**
 * A stable error code. Match on it rather than on the message, which may be reworded.
 * Each is explained in {@link LIQMATH_ERROR_CODES} and in `docs/errors.md`.
 *
 * @example
 * ```ts
 * import type { LiqMathErrorCode } from 'liqmath';
 *
 * const code: LiqMathErrorCode = 'BEYOND_LAST_TIER';
 * ```
 * @group Errors
 */
export type LiqMathErrorCode =
  | 'INVALID_NUMBER'
  | 'NUMBER_OUT_OF_RANGE'
  | 'NOT_POSITIVE'
  | 'NEGATIVE'
  | 'INVALID_TYPE'
  | 'MISSING_FIELD'
  | 'UNKNOWN_FIELD'
  | 'INVALID_OPTION'
  | 'RATE_OUT_OF_RANGE'
  | 'LEVERAGE_OUT_OF_RANGE'
  | 'LEVERAGE_ABOVE_MAX'
  | 'BEYOND_LAST_TIER'
  | 'TIERS_EMPTY'
  | 'TIER_CAP_NOT_INCREASING'
  | 'TIER_CAP_UNBOUNDED_NOT_LAST'
  | 'TIER_RATE_DECREASING'
  | 'TIER_LEVERAGE_INCREASING'
  | 'TIER_RATE_ABOVE_INITIAL'
  | 'TIER_AMOUNT_NOT_ALLOWED'
  | 'TIER_AMOUNT_EXCEEDS_MARGIN'
  | 'SETTLE_MISMATCH'
  | 'SYMBOL_CONFLICT'
  | 'MARK_PRICE_MISMATCH'
  | 'UNKNOWN_SYMBOL'
  | 'SIZE_ABOVE_POSITION'
  | 'NO_BANKRUPTCY_PRICE'
  | 'DUPLICATE_ID'
  | 'UNKNOWN_ID'
  | 'TIER_NOT_CONTIGUOUS'
  | 'TOO_LARGE'
  | 'DUPLICATE_POSITION'
  | 'DUPLICATE_ASSET';

/**
 * Every error code liqmath can throw, with what it means in one line. The compiler checks that
 * it lists exactly the codes of {@link LiqMathErrorCode}.
 *
 * @example
 * ```ts
 * import { LIQMATH_ERROR_CODES } from 'liqmath';
 *
 * LIQMATH_ERROR_CODES.NOT_POSITIVE; //=> 'the value must be greater than zero'
 * ```
 * @group Errors
 */
export const LIQMATH_ERROR_CODES: Readonly<Record<LiqMathErrorCode, string>> = /* @__PURE__ */ Object.freeze({
  INVALID_NUMBER: 'the value is not a finite decimal number of an accepted type',
  NUMBER_OUT_OF_RANGE: 'the magnitude of the value is outside the supported range',
  NOT_POSITIVE: 'the value must be greater than zero',
  NEGATIVE: 'the value must be zero or greater',
  INVALID_TYPE: 'the value has the wrong type (an object, array or table was expected)',
  MISSING_FIELD: 'a required field is absent',
  UNKNOWN_FIELD: 'the object has a field liqmath does not know (often a misspelling)',
  INVALID_OPTION: 'the value is not one of the allowed choices, or the choices do not fit together',
  RATE_OUT_OF_RANGE:
    'a rate is outside its range: margin rates in (0, 1], fee rates in [0, 1), collateral weights in [0, 1]',
  LEVERAGE_OUT_OF_RANGE: 'a leverage must be at least 1',
  LEVERAGE_ABOVE_MAX: 'the leverage exceeds the maximum the tier or table allows',
  BEYOND_LAST_TIER: "the notional (or contract count) lies above the table's last cap",
  TIERS_EMPTY: 'a tier table needs at least one row',
  TIER_CAP_NOT_INCREASING: 'tier caps must strictly increase from row to row',
  TIER_CAP_UNBOUNDED_NOT_LAST: 'only the last tier may have an unbounded (null) cap',
  TIER_RATE_DECREASING: 'maintenance margin rates must not decrease from tier to tier',
  TIER_LEVERAGE_INCREASING: 'max leverage must not increase from tier to tier',
  TIER_RATE_ABOVE_INITIAL: "a tier's maintenance rate must not exceed its initial rate 1/maxLeverage",
  TIER_AMOUNT_NOT_ALLOWED: 'a flat-method table has no maintenance amounts (only 0 is accepted)',
  SETTLE_MISMATCH: 'the positions of one cross account settle in different currencies',
  SYMBOL_CONFLICT: 'two different market definitions share one symbol in an account',
  MARK_PRICE_MISMATCH: 'one market appears with two different mark prices in an account',
  UNKNOWN_SYMBOL: 'the account holds no position in the symbol asked about',
  SIZE_ABOVE_POSITION: 'the size to close or settle is larger than the position',
  TIER_NOT_CONTIGUOUS: "a payload's tier rows leave a gap or overlap (each floor must be the previous cap)",
  TOO_LARGE:
    'the input is larger than a documented limit (LIMITS): more rows, positions or candidates than liqmath takes',
  DUPLICATE_POSITION: 'one position came twice: a side of a symbol in a cross account, or an id among ADL candidates',
  DUPLICATE_ASSET: 'one collateral asset came twice in an account (its weight tiers apply to the whole amount)',
  DUPLICATE_ID: 'an id is given to two positions of one liquidation index',
  UNKNOWN_ID: 'no position of the liquidation index has this id',
  NO_BANKRUPTCY_PRICE: 'the position has no (usable) bankruptcy price, so there is no loss to settle or rank against',
  TIER_AMOUNT_EXCEEDS_MARGIN:
    "a given maintenance amount is larger than the tier's margin at its floor (margin would be negative)",
});

/**
 * What a {@link LiqMathError} carries besides its message.
 *
 * @example
 * ```ts
 * import { LiqMathError, type LiqMathErrorDetails } from 'liqmath';
 *
 * const details: LiqMathErrorDetails = { code: 'NOT_POSITIVE', field: 'increment', value: 0, allowed: 'a number greater than 0' };
 * new LiqMathError(details).message; //=> 'increment: got 0; allowed: a number greater than 0 [NOT_POSITIVE]'
 * ```
 * @group Errors
 */
export interface LiqMathErrorDetails {
  /** The stable code. */
  readonly code: LiqMathErrorCode;
  /** Path of the offending input, e.g. `rows[3].maxLeverage` or `notional`. */
  readonly field: string;
  /** The offending value exactly as the caller passed it. */
  readonly value: unknown;
  /** What would have been accepted, in words. */
  readonly allowed: string;
}

/**
 * The only error liqmath throws on bad input. It names the field, shows the value and says what
 * is allowed; `code` is stable and documented.
 *
 * @example
 * ```ts
 * import { defineTiers, LiqMathError } from 'liqmath';
 *
 * try {
 *   defineTiers([{ cap: null, maintenanceMarginRate: '0.004', maxLeverage: 0 }]);
 * } catch (error) {
 *   if (error instanceof LiqMathError) {
 *     error.code; //=> 'LEVERAGE_OUT_OF_RANGE'
 *     error.field; //=> 'rows[0].maxLeverage'
 *   }
 * }
 * ```
 * @group Errors
 */
export class LiqMathError extends Error implements LiqMathErrorDetails {
  /** Always `'LiqMathError'`, also across copies of liqmath. */
  override readonly name = 'LiqMathError';
  /** The stable code. */
  readonly code: LiqMathErrorCode;
  /** Path of the offending input. */
  readonly field: string;
  /** The offending value exactly as passed. */
  readonly value: unknown;
  /** What would have been accepted. */
  readonly allowed: string;

  /**
   * @param details - the code, field, value and what is allowed
   * @param options - `cause`: the error this one restates (an adapter renaming a table's error to
   *   its payload's path keeps the original)
   */
  constructor(details: LiqMathErrorDetails, options?: { readonly cause?: unknown }) {
    super(
      `${details.field}: got ${describeValue(details.value)}; allowed: ${details.allowed} [${details.code}]`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = details.code;
    this.field = details.field;
    this.value = details.value;
    this.allowed = details.allowed;
  }
}

/**
 * True when `error` is a {@link LiqMathError}, also when it comes from another copy of liqmath
 * (an ESM and a CJS copy in one process do not share classes, so `instanceof` can miss).
 *
 * @throws never a {@link LiqMathError}; only what `error` itself throws while its `name` and `code`
 * are read (a throwing getter or Proxy trap); for every ordinary value it answers true or false.
 *
 * @example
 * ```ts
 * import { defineTiers, isLiqMathError, maintenanceMargin } from 'liqmath';
 *
 * const table = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]);
 * try {
 *   maintenanceMargin(table, '1,000');
 * } catch (error) {
 *   isLiqMathError(error) && error.code; //=> 'INVALID_NUMBER'
 * }
 * ```
 * @group Errors
 */
export function isLiqMathError(error: unknown): error is LiqMathError {
  // Stryker disable next-line ConditionalExpression: a shortcut; the structural test below also accepts our own errors
  if (error instanceof LiqMathError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  return (
    candidate.name === 'LiqMathError' &&
    typeof candidate.code === 'string' &&
    Object.hasOwn(LIQMATH_ERROR_CODES, candidate.code)
  );
}

/** Throws a {@link LiqMathError}; typed `never` so callers narrow after it. */
export function fail(code: LiqMathErrorCode, field: string, value: unknown, allowed: string): never {
  throw new LiqMathError({ code, field, value, allowed });
}

const MAX_SHOWN = 60;

/**
 * A short, safe rendering of any value for an error message. It never throws, even for proxies
 * or objects whose `toString` throws, because an error message must not hide the real error.
 */
export function describeValue(value: unknown): string {
  try {
    return truncate(render(value));
  } catch {
    return 'an unprintable value';
  }
}

function render(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return value.toString();
    case 'boolean':
      return String(value);
    default:
      return renderObject(value as object | null);
  }
}

function renderObject(value: object | null): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (looksLikeBig(value)) return `Big(${String(value)})`;
  return 'an object';
}

function looksLikeBig(value: object): boolean {
  const candidate = value as { c?: unknown; e?: unknown; s?: unknown };
  return Array.isArray(candidate.c) && typeof candidate.e === 'number' && typeof candidate.s === 'number';
}

function truncate(text: string): string {
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN)}…`;
}
