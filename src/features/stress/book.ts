/**
 * A book: every position of a venue (isolated positions and cross accounts, across markets) with
 * one mark per symbol and an insurance fund per settle currency, validated once for the cascade
 * simulator and the views of a book. Derivation: `docs/stress.md`.
 */
import type Big from 'big.js';
import { freezeDecimal, LIMITS, type Numeric, toExact } from '../../core/decimal.js';
import { fail, isLiqMathError } from '../../core/errors.js';
import { E0, type Exact, exactOf, toBig } from '../../core/exact.js';
import { expectArray, expectRecord, required } from '../../core/input.js';
import { naturalOf } from '../../engine/contract.js';
import { exactIsolatedState, isolatedOf } from '../../engine/isolated.js';
import { type Leg, makeLeg } from '../../engine/legs.js';
import { expectMarket, type Market } from '../../model/market.js';
import { type IsolatedPosition, readCrossAccount, type Side } from '../../model/position.js';

/**
 * An isolated position of a book: an {@link IsolatedPosition} with its id and market (a record:
 * other fields are ignored).
 *
 * @example
 * ```ts
 * import { type BookPosition, defineMarket, defineTiers } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
 * const btc = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const position: BookPosition = { id: 'p1', market: btc, side: 'long', size: 1, entryPrice: 100000, leverage: 20 };
 * ```
 * @group Stress
 */
export type BookPosition = {
  readonly id: string;
  readonly market: Market;
  readonly side: Side;
  readonly size: Numeric;
  readonly entryPrice: Numeric;
} & ({ readonly margin: Numeric; readonly leverage?: never } | { readonly leverage: Numeric; readonly margin?: never });

/**
 * A cross account of a book: its id, collateral and positions (their marks are the book's).
 *
 * @example
 * ```ts
 * import type { BookAccount } from 'liqmath';
 *
 * const empty: BookAccount = { id: 'a1', collateral: 1000, positions: [] };
 * ```
 * @group Stress
 */
export interface BookAccount {
  readonly id: string;
  readonly collateral: Numeric;
  readonly positions: readonly {
    readonly market: Market;
    readonly side: Side;
    readonly size: Numeric;
    readonly entryPrice: Numeric;
  }[];
}

/**
 * What {@link defineBook} takes: a mark for every symbol of the book, isolated positions, cross
 * accounts, and the insurance fund of each settle currency (default 0).
 *
 * @example
 * ```ts
 * import type { BookInput } from 'liqmath';
 *
 * const input: BookInput = { marks: { BTCUSDT: 100000 }, positions: [], accounts: [], insuranceFund: { USDT: 1000000 } };
 * ```
 * @group Stress
 */
export interface BookInput {
  readonly marks: Readonly<Record<string, Numeric>>;
  readonly positions?: readonly BookPosition[];
  readonly accounts?: readonly BookAccount[];
  readonly insuranceFund?: Readonly<Record<string, Numeric>>;
}

declare const bookBrand: unique symbol;

/**
 * A book validated once by {@link defineBook}: what it holds, for display; its state is kept
 * inside liqmath (a copy is not a book).
 *
 * @example
 * ```ts
 * import { defineBook, type Book } from 'liqmath';
 *
 * const book: Book = defineBook({ marks: {} });
 * book.entries; //=> 0
 * ```
 * @group Stress
 */
export interface Book {
  readonly symbols: readonly string[];
  /** Isolated positions plus cross accounts. */
  readonly entries: number;
  readonly marks: Readonly<Record<string, Big>>;
  readonly insuranceFund: Readonly<Record<string, Big>>;
  readonly [bookBrand]: true;
}

/** An isolated position as the simulator holds it. */
export interface IsolatedEntry {
  readonly kind: 'isolated';
  readonly id: string;
  readonly symbol: string;
  readonly settle: string;
  /** The leg without a fee to close on the bankruptcy value (recomputed with the margin). */
  readonly leg: Leg;
  readonly margin: Exact;
}

/** A cross account as the simulator holds it. */
export interface AccountEntry {
  readonly kind: 'cross';
  readonly id: string;
  readonly settle: string;
  readonly collateral: Exact;
  readonly legs: readonly Leg[];
}

/** A book's state. */
export interface BookState {
  readonly markets: ReadonlyMap<string, Market>;
  /** x of each symbol's mark. */
  readonly marks: ReadonlyMap<string, Exact>;
  readonly prices: ReadonlyMap<string, Exact>;
  readonly isolated: readonly IsolatedEntry[];
  readonly accounts: readonly AccountEntry[];
  readonly funds: ReadonlyMap<string, Exact>;
}

const STATES = new WeakMap<object, BookState>();

/**
 * Validates a book once: every market made by {@link defineMarket}, one market object per symbol,
 * a mark for every symbol held, ids unique across positions and accounts, each account in one
 * settle currency. At most `LIMITS.bookEntries` positions and accounts together.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (not an object; `marks`, `insuranceFund` not objects;
 * `positions`, `accounts` not arrays; an id not a non-empty string; a market not from {@link defineMarket}),
 * `MISSING_FIELD` (`marks`, a mark for a symbol held, an entry's fields), `INVALID_OPTION`, `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE` (numbers, as for positions and accounts),
 * `LEVERAGE_OUT_OF_RANGE`, `LEVERAGE_ABOVE_MAX`, `BEYOND_LAST_TIER`, `SYMBOL_CONFLICT` (two market objects
 * for one symbol), `DUPLICATE_ID`, `DUPLICATE_POSITION`, `SETTLE_MISMATCH`, `TOO_LARGE`
 *
 * @example
 * ```ts
 * import { defineBook, defineMarket, defineTiers } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
 * const btc = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const book = defineBook({
 *   marks: { BTCUSDT: 100000 },
 *   positions: [{ id: 'p1', market: btc, side: 'long', size: 1, entryPrice: 100000, leverage: 20 }],
 *   accounts: [{ id: 'a1', collateral: 5000, positions: [{ market: btc, side: 'short', size: 1, entryPrice: 100000 }] }],
 *   insuranceFund: { USDT: 10000 },
 * });
 * book.entries; //=> 2
 * book.symbols; //=> ['BTCUSDT']
 * ```
 * @group Stress
 */
export function defineBook(input: BookInput): Book {
  const record = expectRecord(input, 'book', 'a book { marks, positions?, accounts?, insuranceFund? }');
  const markRecord = expectRecord(
    required(record, 'marks', 'book'),
    'book.marks',
    'an object { [symbol]: mark price }',
  );
  const positions = record.positions === undefined ? [] : listOf(record.positions, 'book.positions');
  const accounts = record.accounts === undefined ? [] : listOf(record.accounts, 'book.accounts');
  if (positions.length + accounts.length > LIMITS.bookEntries) {
    fail('TOO_LARGE', 'book', input, `at most ${LIMITS.bookEntries} positions and accounts together (LIMITS)`);
  }
  const markets = new Map<string, Market>();
  const ids = new Set<string>();
  const useMarket = (value: unknown, field: string): Market => {
    const market = expectMarket(value, field);
    const known = markets.get(market.symbol);
    if (known !== undefined && known !== market) {
      fail('SYMBOL_CONFLICT', field, market, `the same Market object as the book's other ${market.symbol} entries`);
    }
    markets.set(market.symbol, market);
    return market;
  };
  const useId = (value: unknown, field: string): string => {
    if (typeof value !== 'string' || value === '' || value.length > 256) {
      fail('INVALID_TYPE', field, value, 'an id: a string of 1 to 256 characters');
    }
    if (ids.has(value)) fail('DUPLICATE_ID', field, value, 'an id not used by another position or account of the book');
    ids.add(value);
    return value;
  };
  const isolated = positions.map((item, index): IsolatedEntry => {
    const field = `book.positions[${index}]`;
    const entry = expectRecord(item, field, 'a position { id, market, side, size, entryPrice, margin | leverage }');
    const id = useId(required(entry, 'id', field), `${field}.id`);
    const market = useMarket(required(entry, 'market', field), `${field}.market`);
    // Validated (margin, or leverage checked against its tier) as every isolated function does.
    const state = isolatedOf(market, entry as unknown as IsolatedPosition, field);
    const { sign, size, entryPrice } = state.leg;
    // The leg again without a fee to close on the bankruptcy value: that fee moves with the margin.
    const leg = makeLeg({ market, sign, size, entryPrice }, field);
    return { kind: 'isolated', id, symbol: market.symbol, settle: market.settle, leg, margin: state.margin };
  });
  const marks = new Map<string, Exact>();
  const prices = new Map<string, Exact>();
  const markOf = (symbol: string): void => {
    if (marks.has(symbol)) return;
    const given = markRecord[symbol];
    if (given === undefined)
      fail('MISSING_FIELD', `book.marks.${symbol}`, undefined, `the mark price of ${symbol}, a symbol the book holds`);
    const price = toExact(given, `book.marks.${symbol}`, 'positive');
    prices.set(symbol, price);
    marks.set(symbol, naturalOf((markets.get(symbol) as Market).contract, price));
  };
  const crossAccounts = accounts.map((item, index): AccountEntry => {
    const field = `book.accounts[${index}]`;
    const entry = expectRecord(item, field, 'an account { id, collateral, positions }');
    const id = useId(required(entry, 'id', field), `${field}.id`);
    const legsGiven = expectArray(required(entry, 'positions', field), `${field}.positions`, 'an array of positions', {
      limit: LIMITS.accountPositions,
      of: 'positions',
    });
    // The book's marks, so that the account's own checks (one settle currency, one position per side) apply.
    const withMarks = legsGiven.map((leg, k) => {
      const legRecord = expectRecord(leg, `${field}.positions[${k}]`, 'a position { market, side, size, entryPrice }');
      const market = useMarket(
        required(legRecord, 'market', `${field}.positions[${k}]`),
        `${field}.positions[${k}].market`,
      );
      markOf(market.symbol);
      return { ...legRecord, markPrice: markRecord[market.symbol] };
    });
    const read = underField(field, () => readCrossAccount({ collateral: entry.collateral, positions: withMarks }));
    const legs = read.positions.map((p, k) =>
      makeLeg(
        {
          market: p.market,
          sign: p.sign,
          size: exactOf(p.size),
          entryPrice: exactOf(p.entryPrice),
          sizeGiven: p.sizeGiven,
        },
        `${field}.positions[${k}]`,
        true,
      ),
    );
    const settle = read.positions[0]?.market.settle ?? '';
    return { kind: 'cross', id, settle, collateral: exactOf(read.collateral), legs };
  });
  for (const symbol of markets.keys()) markOf(symbol);
  const funds = new Map<string, Exact>();
  const fundRecord =
    record.insuranceFund === undefined
      ? {}
      : expectRecord(record.insuranceFund, 'book.insuranceFund', 'an object { [settle currency]: balance }');
  for (const [currency, value] of Object.entries(fundRecord)) {
    funds.set(currency, toExact(value, `book.insuranceFund.${currency}`, 'non-negative'));
  }
  for (const market of markets.values()) if (!funds.has(market.settle)) funds.set(market.settle, E0);
  const state: BookState = { markets, marks, prices, isolated, accounts: crossAccounts, funds };
  const symbols = [...markets.keys()];
  const view = Object.freeze({
    symbols: Object.freeze(symbols),
    entries: isolated.length + crossAccounts.length,
    marks: Object.freeze(Object.fromEntries(symbols.map((s) => [s, freezeDecimal(toBig(prices.get(s) as Exact))]))),
    insuranceFund: Object.freeze(Object.fromEntries([...funds].map(([c, v]) => [c, freezeDecimal(toBig(v))]))),
  });
  STATES.set(view, state);
  return view as unknown as Book;
}

/** The state of a book from {@link defineBook}; INVALID_TYPE for anything else. */
export function bookState(book: unknown, field = 'book'): BookState {
  const state = typeof book === 'object' && book !== null ? STATES.get(book) : undefined;
  if (state === undefined) fail('INVALID_TYPE', field, book, 'a book made by defineBook');
  return state;
}

function listOf(value: unknown, field: string): readonly unknown[] {
  return expectArray(value, field, 'an array', { limit: LIMITS.bookEntries, of: 'entries' });
}

/** The state of an isolated entry at a margin (the fee to close on the bankruptcy value charged for it). */
export const isolatedStateOf = (entry: IsolatedEntry, margin: Exact) => exactIsolatedState(entry.leg, margin);

/** Runs the cross-account reader with its errors named under the book's path (`book.accounts[2].positions[0].size`). */
function underField<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isLiqMathError(error) && error.field.startsWith('account')) {
      fail(error.code, `${field}${error.field.slice('account'.length)}`, error.value, error.allowed);
    }
    throw error;
  }
}
