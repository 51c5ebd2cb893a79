/**
 * liqmath's own big.js constructor: the one place liqmath imports big.js. Its settings are
 * private, so the caller's global `Big` (its `DP`, `RM`, `strict`) is never read or written.
 * Results are built here from exact digits. See `docs/precision.md`.
 */
import Big from 'big.js';

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
 * @group Numbers
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
 * @group Numbers
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
  /**
   * Most digits a Big may carry: more than a string, so that liqmath's own exact results (a
   * product of long inputs) are accepted back, and bounded, so that no Big makes work grow.
   */
  maxBigDigits: 1000,
} as const);

/** big.js rounding mode 2 is ROUND_HALF_EVEN. */
const ROUND_HALF_EVEN = 2;

/**
 * liqmath's private constructor. Never exported: callers' settings stay theirs and ours stay
 * ours. Every result carries it as `constructor`, so it is frozen once configured (assigning
 * `DP`, `RM` or `strict` through a result changes nothing), and its instances get a prototype of
 * their own: big.js's methods copied onto a frozen object that still inherits big.js's prototype
 * (so `instanceof Big` holds), so that a caller who replaces a method on big.js's shared
 * prototype, or on a result's, does not change liqmath's results.
 */
const Decimal = /* @__PURE__ */ (() => {
  const made = Big();
  made.DP = PRECISION.decimalPlaces;
  made.RM = ROUND_HALF_EVEN;
  const shared = made.prototype as unknown as Record<string, unknown>;
  const own = Object.create(shared) as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(shared)) {
    if (key === 'mod' || key === 'sqrt') continue;
    Object.defineProperty(own, key, { value: key === 'constructor' ? made : shared[key] });
  }
  // big.js's `mod` and `sqrt` write the constructor's settings while they work (and `mod` its
  // operands' signs): liqmath's do the work on a private, unshared constructor and bring the
  // result back, so a frozen constructor and frozen results both keep working.
  const workshop = Big();
  workshop.DP = PRECISION.decimalPlaces;
  workshop.RM = ROUND_HALF_EVEN;
  const back = (value: Big) => new made(value.toString());
  Object.defineProperty(own, 'mod', {
    value(this: Big, divisor: Big | string | number) {
      return back(new workshop(this).mod(new workshop(divisor)));
    },
  });
  Object.defineProperty(own, 'sqrt', {
    value(this: Big) {
      return back(new workshop(this).sqrt());
    },
  });
  made.prototype = own as unknown as Big;
  Object.freeze(own);
  return Object.freeze(made);
})();

/** Exact zero, from liqmath's constructor. */
export const ZERO: Big = Object.freeze(new Decimal(0));
/** Exact one, from liqmath's constructor. */
export const ONE: Big = Object.freeze(new Decimal(1));

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

/**
 * A Big of liqmath's constructor for the exact decimal `n·10^−scale`, built from its digits
 * without parsing a string. Not frozen: big.js's `mod` writes to its operands' signs while it
 * works, so values that liqmath computes with stay thawed; results are frozen where they leave.
 */
export function bigFromDigits(n: bigint, scale: number): Big {
  const negative = n < 0n;
  const text = (negative ? -n : n).toString();
  let end = text.length;
  while (end > 1 && text.charCodeAt(end - 1) === 48) end -= 1;
  const digits = new Array<number>(end);
  for (let k = 0; k < end; k += 1) digits[k] = text.charCodeAt(k) - 48;
  // The same own fields, in the same order, as big.js's constructor gives an instance.
  const result = Object.create(Decimal.prototype) as { s: number; e: number; c: number[]; constructor: unknown };
  result.s = negative ? -1 : 1;
  result.e = n === 0n ? 0 : text.length - 1 - scale;
  result.c = digits;
  result.constructor = Decimal;
  return result as unknown as Big;
}

/**
 * The largest inputs liqmath takes where work grows with the input, each checked at the boundary
 * (`TOO_LARGE`, naming the field and the limit). Within them every call returns in about a second
 * or less on a laptop core; `docs/errors.md` has the measured times.
 *
 * @example
 * ```ts
 * import { LIMITS } from 'liqmath';
 *
 * LIMITS.tierRows; //=> 10000
 * ```
 * @group Numbers
 */
export const LIMITS = /* @__PURE__ */ Object.freeze({
  /** Rows of one tier table (`defineTiers`, every venue adapter). */
  tierRows: 10_000,
  /** Positions of one cross account. */
  accountPositions: 100_000,
  /** Candidates of one ADL queue (`adlQueue`). */
  adlCandidates: 100_000,
  /** Entries of one `deleverage` queue. */
  deleverageQueue: 100_000,
  /** Collateral assets of one account (`CollateralAccount.assets`). */
  collateralAssets: 10_000,
  /** Funding intervals × positions of one projection (`projectIsolatedFunding`: one position; `projectCrossFunding`: the account's). */
  fundingIntervals: 100_000,
  /** Isolated positions and cross accounts of one book (`defineBook`). */
  bookEntries: 1_000_000,
} as const);
