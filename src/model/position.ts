/**
 * Positions and cross accounts as callers pass them, and their validation at the boundary.
 * Validated positions become `Leg`s (see `exposure.ts`), which the solver trusts.
 */
import type Big from 'big.js';
import { LIMITS, type Numeric, toExact, toNonNegative, toPositive } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import type { Exact } from '../core/exact.js';
import { expectArray, expectChoice, expectKnownFields, expectRecord, required } from '../core/input.js';
import { expectMarket, type Market } from './market.js';

/**
 * Long or short.
 *
 * @example
 * ```ts
 * import type { Side } from 'liqmath';
 *
 * const side: Side = 'short';
 * ```
 * @group Isolated positions
 */
export type Side = 'long' | 'short';

/**
 * An isolated position: side, size in contracts (> 0), entry price, and either its isolated
 * `margin` (wallet balance of the position, in the settle currency) or the `leverage` it was
 * opened at (margin = entry notional ÷ leverage, which the tier must allow).
 *
 * @example
 * ```ts
 * import type { IsolatedPosition } from 'liqmath';
 *
 * const byMargin: IsolatedPosition = { side: 'long', size: '1', entryPrice: '20000', margin: '400' };
 * const byLeverage: IsolatedPosition = { side: 'long', size: '1', entryPrice: '20000', leverage: 50 };
 * ```
 * @group Isolated positions
 */
export type IsolatedPosition =
  | {
      readonly side: Side;
      readonly size: Numeric;
      readonly entryPrice: Numeric;
      /** Isolated wallet balance of the position, ≥ 0, in the settle currency. */
      readonly margin: Numeric;
      readonly leverage?: never;
    }
  | {
      readonly side: Side;
      readonly size: Numeric;
      readonly entryPrice: Numeric;
      /** Leverage at open; margin = entry notional ÷ leverage. */
      readonly leverage: Numeric;
      readonly margin?: never;
    };

/**
 * One position of a cross account, with the mark price of its market.
 *
 * @example
 * ```ts
 * import { type CrossPosition, defineMarket, defineTiers } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
 * const btcusdt = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const leg: CrossPosition = { market: btcusdt, side: 'long', size: '0.5', entryPrice: '60000', markPrice: '61000' };
 * ```
 * @group Cross accounts
 */
export interface CrossPosition {
  readonly market: Market;
  readonly side: Side;
  readonly size: Numeric;
  readonly entryPrice: Numeric;
  readonly markPrice: Numeric;
}

/**
 * A cross-margin account: collateral shared by every position. All markets must settle in one
 * currency; one market may appear twice with opposite sides (hedge mode legs); every appearance
 * of a market must carry the same mark price.
 *
 * @example
 * ```ts
 * import type { CrossAccount } from 'liqmath';
 *
 * const empty: CrossAccount = { collateral: '1000', positions: [] };
 * ```
 * @group Cross accounts
 */
export interface CrossAccount {
  /** Wallet balance shared by the positions, ≥ 0, in the settle currency. */
  readonly collateral: Numeric;
  readonly positions: readonly CrossPosition[];
}

/** A validated position: exact numbers, side as a sign. */
export interface ParsedPosition {
  readonly market: Market;
  readonly sign: 1 | -1;
  readonly size: Big;
  readonly entryPrice: Big;
  /** The size as passed, for errors that name it; undefined for a size the library derived. */
  readonly sizeGiven?: unknown;
}

/** A validated isolated position in exact numbers, with either its margin or its leverage. */
export interface ExactIsolatedPosition {
  readonly sign: 1 | -1;
  readonly size: Exact;
  /** The size as passed, for errors that name it (a position beyond the last tier). */
  readonly sizeGiven: unknown;
  readonly entryPrice: Exact;
  readonly margin: Exact | null;
  /** The leverage as given, read with its sign rule deferred (the engine checks it against the tier). */
  readonly leverage: { readonly value: Exact; readonly given: unknown } | null;
}

/** Validates an isolated position straight into exact numbers. */
export function readIsolatedPosition(value: unknown, field = 'position'): ExactIsolatedPosition {
  // A data record: fields liqmath does not know (the caller's id, symbol…) are ignored.
  const record = expectRecord(value, field, 'a position { side, size, entryPrice, margin | leverage }');
  const sign = readSign(record, field);
  const sizeGiven = required(record, 'size', field);
  const size = toExact(sizeGiven, `${field}.size`, 'positive');
  const entryPrice = toExact(required(record, 'entryPrice', field), `${field}.entryPrice`, 'positive');
  const margin = record.margin;
  const leverage = record.leverage;
  if (margin === undefined && leverage === undefined) {
    fail('MISSING_FIELD', `${field}.margin`, margin, 'exactly one of margin and leverage (neither was given)');
  }
  if (margin !== undefined && leverage !== undefined) {
    fail('INVALID_OPTION', `${field}.leverage`, leverage, 'exactly one of margin and leverage (both were given)');
  }
  return margin !== undefined
    ? { sign, size, sizeGiven, entryPrice, margin: toExact(margin, `${field}.margin`, 'non-negative'), leverage: null }
    : {
        sign,
        size,
        sizeGiven,
        entryPrice,
        margin: null,
        leverage: { value: toExact(leverage, `${field}.leverage`, 'any'), given: leverage },
      };
}

function readSign(record: Readonly<Record<string, unknown>>, field: string): 1 | -1 {
  return expectChoice(required(record, 'side', field), ['long', 'short'], `${field}.side`) === 'long' ? 1 : -1;
}

/** Validates a cross account: settle currencies agree, one mark price per market. */
export function readCrossAccount(value: unknown): {
  collateral: Big;
  positions: (ParsedPosition & { markPrice: Big })[];
} {
  const record = expectRecord(value, 'account', 'an account { collateral, positions }');
  // Weighted collateral is read by crossHealth; a function that would ignore it refuses it instead.
  for (const key of ['assets', 'positivePnlWeight']) {
    if (record[key] !== undefined) {
      fail(
        'INVALID_OPTION',
        `account.${key}`,
        record[key],
        'one collateral amount: weighted collateral (assets, positivePnlWeight) is read by crossHealth',
      );
    }
  }

  const collateral = toNonNegative(required(record, 'collateral', 'account'), 'account.collateral');
  return { collateral, positions: readCrossPositions(record) };
}

/** Validates an account's `positions`: settle currencies agree, one mark price per market, one position per side. */
export function readCrossPositions(record: Readonly<Record<string, unknown>>): (ParsedPosition & { markPrice: Big })[] {
  const list = expectArray(required(record, 'positions', 'account'), 'account.positions', 'an array of positions', {
    limit: LIMITS.accountPositions,
    of: 'positions',
  });
  const seen = new Map<string, ParsedPosition & { markPrice: Big }>();
  const sides = new Set<string>();
  return list.map((item, index) => {
    const field = `account.positions[${index}]`;
    const position = expectRecord(item, field, 'a position { market, side, size, entryPrice, markPrice }');
    const market = expectMarket(required(position, 'market', field), `${field}.market`);
    const markGiven = required(position, 'markPrice', field);
    const markPrice = toPositive(markGiven, `${field}.markPrice`);
    const parsed = { ...readCore(market, position, field), markPrice };
    checkSameAccount(seen, parsed, field, markGiven);
    // One position per side per symbol, as venues hold them (hedge mode: one long and one short).
    const key = `${parsed.sign}${parsed.market.symbol}`;
    if (sides.has(key)) {
      fail(
        'DUPLICATE_POSITION',
        `${field}.side`,
        parsed.sign === 1 ? 'long' : 'short',
        `one ${parsed.sign === 1 ? 'long' : 'short'} position per symbol: ${parsed.market.symbol} has one already (merge them)`,
      );
    }
    sides.add(key);
    return parsed;
  });
}

function readCore(market: Market, record: Readonly<Record<string, unknown>>, field: string): ParsedPosition {
  const sizeGiven = required(record, 'size', field);
  return {
    market,
    sign: readSign(record, field),
    size: toPositive(sizeGiven, `${field}.size`),
    sizeGiven,
    entryPrice: toPositive(required(record, 'entryPrice', field), `${field}.entryPrice`),
  };
}

/** One settle currency per account; one market definition and one mark price per symbol. */
function checkSameAccount(
  seen: Map<string, ParsedPosition & { markPrice: Big }>,
  parsed: ParsedPosition & { markPrice: Big },
  field: string,
  markGiven: unknown,
): void {
  const first = seen.values().next().value;
  if (first !== undefined && parsed.market.settle !== first.market.settle) {
    fail(
      'SETTLE_MISMATCH',
      `${field}.market.settle`,
      parsed.market.settle,
      `${first.market.settle}, the settle currency of the account's first position`,
    );
  }
  const same = seen.get(parsed.market.symbol);
  if (same === undefined) {
    seen.set(parsed.market.symbol, parsed);
    return;
  }
  if (same.market !== parsed.market) {
    fail(
      'SYMBOL_CONFLICT',
      `${field}.market`,
      parsed.market,
      `the same Market object as the account's other ${parsed.market.symbol} position (one definition per symbol)`,
    );
  }
  if (!same.markPrice.eq(parsed.markPrice)) {
    fail(
      'MARK_PRICE_MISMATCH',
      `${field}.markPrice`,
      markGiven,
      `${same.markPrice}, the mark price given before for ${parsed.market.symbol}`,
    );
  }
}

/**
 * Which position of a cross account to close: its symbol and side (a hedge account holds both).
 *
 * @example
 * ```ts
 * import type { PositionRef } from 'liqmath';
 *
 * const ref: PositionRef = { symbol: 'BTCUSDT', side: 'long' };
 * ```
 * @group Cross accounts
 */
export interface PositionRef {
  readonly symbol: string;
  readonly side: Side;
}

/** Validates a position reference `{ symbol, side }` (closed: it is a key, not a record). */
export function readPositionRef(ref: unknown): { readonly symbol: string; readonly sign: 1 | -1 } {
  const record = expectRecord(ref, 'ref', "a position reference { symbol, side: 'long' | 'short' }");
  expectKnownFields(record, ['symbol', 'side'], 'ref');
  const symbol = required(record, 'symbol', 'ref');
  if (typeof symbol !== 'string') fail('INVALID_TYPE', 'ref.symbol', symbol, 'a market symbol');
  const sign = expectChoice(required(record, 'side', 'ref'), ['long', 'short'], 'ref.side') === 'long' ? 1 : -1;
  return { symbol, sign };
}

/** A cross account with one of its positions picked out by symbol and side (internal). */
export function readAccountPosition(account: unknown, ref: unknown) {
  const { collateral, positions } = readCrossAccount(account);
  const { symbol, sign } = readPositionRef(ref);
  const index = positions.findIndex((p) => p.market.symbol === symbol && p.sign === sign);
  const chosen = positions[index];
  if (chosen === undefined) fail('UNKNOWN_SYMBOL', 'ref', symbol, 'the symbol and side of a position in the account');
  return { collateral, positions, index, chosen };
}
