/**
 * An order to preview and the assumptions of a preview, read at the boundary. Both are things
 * the caller writes to ask a question, so both are closed: an unknown field is a typo.
 */
import type Big from 'big.js';
import { type Numeric, toFeeRate, toNonNegative, toPositive } from '../../core/decimal.js';
import { fail, LiqMathError } from '../../core/errors.js';
import { cmp, E0, type Exact, exactOf, sign, sub } from '../../core/exact.js';
import { expectChoice, expectKnownFields, expectRecord, required } from '../../core/input.js';
import type { Tier } from '../../model/tiers.js';

/**
 * An order, as a trader types it: `buy` or `sell` so many contracts, at the market or at a limit
 * price; `reduceOnly` orders may only shrink the position. Closed: an unknown field is refused.
 *
 * @example
 * ```ts
 * import type { Order } from 'liqmath';
 *
 * const order: Order = { side: 'buy', size: '0.5', type: 'limit', price: 59000 };
 * ```
 * @group What if
 */
export interface Order {
  readonly side: 'buy' | 'sell';
  /** Contracts, > 0. */
  readonly size: Numeric;
  readonly type: 'market' | 'limit';
  /** The limit price: required for a limit order, refused for a market order. */
  readonly price?: Numeric;
  /** Default false. */
  readonly reduceOnly?: boolean;
}

/**
 * What a preview assumes. The fill price is always an explicit assumption: `fillPrice` when
 * given, else a limit order's price, else (a market order) the mark — the result's `fill.from`
 * says which. Closed: an unknown field is refused.
 *
 * @example
 * ```ts
 * import type { OrderPreviewOptions } from 'liqmath';
 *
 * const options: OrderPreviewOptions = { markPrice: 60000, leverage: 20, feeRate: '0.0005', availableBalance: 5000 };
 * ```
 * @group What if
 */
export interface OrderPreviewOptions {
  /** The mark price now: open loss, margin ratio and (market orders without `fillPrice`) the fill. */
  readonly markPrice: Numeric;
  /** The leverage of the margin the order adds; required when the order opens or adds to a position. */
  readonly leverage?: Numeric;
  /** The price you assume the order fills at (e.g. the book's average for its size, or a venue's assuming price). */
  readonly fillPrice?: Numeric;
  /** The fee rate this order pays on its notional at the fill (taker or maker), in [0, 1); default 0. */
  readonly feeRate?: Numeric;
  /** The fee rate of the close at the bankruptcy price that Bybit's order cost reserves; default `feeRate`. */
  readonly closeFeeRate?: Numeric;
  /** When given, an order whose cost exceeds it is rejected (`insufficient-balance`). */
  readonly availableBalance?: Numeric;
  /** Which cost the balance must cover: `'order-cost'` (default) or `'cost-to-open'`. */
  readonly costRule?: 'order-cost' | 'cost-to-open';
}

/**
 * Why a venue would refuse the order, as data.
 *
 * @example
 * ```ts
 * import type { OrderRejection } from 'liqmath';
 *
 * const words: Record<OrderRejection, string> = {
 *   'insufficient-balance': 'not enough balance for its cost',
 *   'above-max-leverage-for-tier': 'the leverage is above the max of the tier the position would be in',
 *   'above-max-notional': 'the position would be larger than the last tier allows',
 *   'reduce-only-would-increase': 'a reduce-only order that would open, add or flip',
 *   'above-position-size': 'a hedge-mode close larger than the position',
 * };
 * ```
 * @group What if
 */
export type OrderRejection =
  | 'above-position-size'
  | 'insufficient-balance'
  | 'above-max-leverage-for-tier'
  | 'above-max-notional'
  | 'reduce-only-would-increase';

/**
 * What the order does to the position: `open` (none before), `add` (same side), `reduce` (part
 * closed), `close` (all closed), `flip` (all closed, the rest opened on the other side).
 *
 * @example
 * ```ts
 * import type { OrderTransition } from 'liqmath';
 *
 * const opens = (t: OrderTransition) => t === 'open' || t === 'add' || t === 'flip';
 * ```
 * @group What if
 */
export type OrderTransition = 'open' | 'add' | 'reduce' | 'close' | 'flip';

/**
 * The cost of an order, by its parts and by each venue's rule, in the settle currency.
 * `costToOpen` is Binance's "cost required to open a position" (initial margin + open loss);
 * `orderCost` is Bybit's "order cost" (initial margin + the fee to open + the fee to close at the
 * bankruptcy price). A reduce or close costs nothing (all zero).
 *
 * @example
 * ```ts
 * import type { OrderCost } from 'liqmath';
 *
 * const line = (c: OrderCost) => `margin ${c.initialMargin} + fees ${c.openingFee.plus(c.closingFee)} = ${c.orderCost}`;
 * ```
 * @group What if
 */
export interface OrderCost {
  /** The margin the order adds: the opened notional at the fill ÷ leverage (+ the fee reserve where the venue holds one). */
  readonly initialMargin: Big;
  /** The loss the opened part shows at once at the mark: `max(0, −PnL at the mark from the fill)`. */
  readonly openLoss: Big;
  /** `feeRate` × the opened part's notional at the fill. */
  readonly openingFee: Big;
  /** `closeFeeRate` × the opened contracts' notional at the position's bankruptcy price after the order. */
  readonly closingFee: Big;
  /** initialMargin + openLoss (Binance). */
  readonly costToOpen: Big;
  /** initialMargin + openingFee + closingFee (Bybit). */
  readonly orderCost: Big;
}

/**
 * The fill price a preview used, and where it came from.
 *
 * @example
 * ```ts
 * import type { FillAssumption } from 'liqmath';
 *
 * const said = (f: FillAssumption) => `filled at ${f.price} (${f.from === 'mark' ? 'the mark' : f.from === 'order' ? 'the limit' : 'your estimate'})`;
 * ```
 * @group What if
 */
export interface FillAssumption {
  readonly price: Big;
  readonly from: 'given' | 'order' | 'mark';
}

/**
 * The tier the position is in after the order (at its entry) and its max leverage, for display.
 *
 * @example
 * ```ts
 * import type { TierAfter } from 'liqmath';
 *
 * const say = (t: TierAfter) => `tier ${t.tier.index + 1}, up to ${t.maxLeverage}x`;
 * ```
 * @group What if
 */
export interface TierAfter {
  readonly tier: Tier;
  readonly maxLeverage: Big;
}

/** An order, validated. */
export interface ReadOrder {
  /** +1 buy, −1 sell. */
  readonly sign: 1 | -1;
  readonly size: Exact;
  readonly type: 'market' | 'limit';
  readonly price: Exact | null;
  readonly reduceOnly: boolean;
}

const ORDER_FIELDS = ['side', 'size', 'type', 'price', 'reduceOnly'] as const;

/** Validates an order. */
export function readOrder(
  value: unknown,
  extra: readonly string[] = [],
): ReadOrder & { readonly record: Readonly<Record<string, unknown>> } {
  const record = expectRecord(value, 'order', "an order { side: 'buy' | 'sell', size, type, price?, reduceOnly? }");
  expectKnownFields(record, [...ORDER_FIELDS, ...extra], 'order');
  const sign = expectChoice(required(record, 'side', 'order'), ['buy', 'sell'], 'order.side') === 'buy' ? 1 : -1;
  const size = exactOf(toPositive(required(record, 'size', 'order'), 'order.size'));
  const type = expectChoice(required(record, 'type', 'order'), ['market', 'limit'], 'order.type');
  let price: Exact | null = null;
  if (type === 'limit') price = exactOf(toPositive(required(record, 'price', 'order'), 'order.price'));
  else if (record.price !== undefined) {
    fail(
      'INVALID_OPTION',
      'order.price',
      record.price,
      'no price on a market order (assume a fill with options.fillPrice)',
    );
  }
  const reduceOnly = record.reduceOnly;
  if (reduceOnly !== undefined && typeof reduceOnly !== 'boolean') {
    fail('INVALID_TYPE', 'order.reduceOnly', reduceOnly, 'true or false');
  }
  return { sign, size, type, price, reduceOnly: reduceOnly === true, record };
}

/** Preview options, validated. */
export interface ReadPreviewOptions {
  readonly mark: Exact;
  readonly leverage: Exact | null;
  readonly leverageGiven: unknown;
  readonly fill: { readonly price: Exact; readonly from: FillAssumption['from'] };
  readonly feeRate: Exact;
  readonly closeFeeRate: Exact;
  readonly availableBalance: Exact | null;
  readonly costRule: 'order-cost' | 'cost-to-open';
}

const OPTION_FIELDS = [
  'markPrice',
  'leverage',
  'fillPrice',
  'feeRate',
  'closeFeeRate',
  'availableBalance',
  'costRule',
] as const;

/** Validates preview options for `order`; the fill price resolved and said where from. */
export function readPreviewOptions(value: unknown, order: ReadOrder): ReadPreviewOptions {
  const record = expectRecord(value, 'options', 'preview options { markPrice, leverage?, fillPrice?, feeRate?, … }');
  expectKnownFields(record, OPTION_FIELDS, 'options');
  const mark = exactOf(toPositive(required(record, 'markPrice', 'options'), 'options.markPrice'));
  const leverageGiven = record.leverage;
  let leverage: Exact | null = null;
  if (leverageGiven !== undefined) {
    const read = toPositive(leverageGiven, 'options.leverage');
    if (read.lt(1)) fail('LEVERAGE_OUT_OF_RANGE', 'options.leverage', leverageGiven, 'a leverage of at least 1');
    leverage = exactOf(read);
  }
  const fill: ReadPreviewOptions['fill'] =
    record.fillPrice !== undefined
      ? { price: exactOf(toPositive(record.fillPrice, 'options.fillPrice')), from: 'given' }
      : order.price !== null
        ? { price: order.price, from: 'order' }
        : { price: mark, from: 'mark' };
  const feeRate = record.feeRate === undefined ? null : exactOf(toFeeRate(record.feeRate, 'options.feeRate'));
  const closeFeeRate =
    record.closeFeeRate === undefined ? feeRate : exactOf(toFeeRate(record.closeFeeRate, 'options.closeFeeRate'));
  return {
    mark,
    leverage,
    leverageGiven,
    fill,
    feeRate: feeRate ?? E0,
    closeFeeRate: closeFeeRate ?? E0,
    availableBalance:
      record.availableBalance === undefined
        ? null
        : exactOf(toNonNegative(record.availableBalance, 'options.availableBalance')),
    costRule:
      record.costRule === undefined
        ? 'order-cost'
        : expectChoice(record.costRule, ['order-cost', 'cost-to-open'], 'options.costRule'),
  };
}

/**
 * What an order of `size` on side `orderSign` does to `held` contracts on side `heldSign` (null:
 * no position): how much it closes, how much it opens, and the transition. In hedge mode
 * (`closesOnly`) an order against its leg only closes, never flips.
 */
export function transitionOf(
  held: Exact,
  heldSign: 1 | -1 | null,
  orderSign: 1 | -1,
  size: Exact,
  closesOnly = false,
): { readonly closes: Exact; readonly opens: Exact; readonly transition: OrderTransition } {
  const against = closesOnly || (heldSign !== null && heldSign !== orderSign);
  const closes = against ? (cmp(size, held) <= 0 ? size : held) : E0;
  const opens = closesOnly ? E0 : sub(size, closes);
  const transition: OrderTransition = !against
    ? heldSign === null
      ? 'open'
      : 'add'
    : sign(opens) > 0
      ? 'flip'
      : cmp(closes, held) === 0
        ? 'close'
        : 'reduce';
  return { closes, opens, transition };
}

/** Runs `read`, naming an error about `order` as the list's element `field` (`orders[k]`). */
export function asListElement<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof LiqMathError && error.field.startsWith('order')) {
      const { code, value, allowed } = error;
      throw new LiqMathError(
        { code, field: `${field}${error.field.slice('order'.length)}`, value, allowed },
        { cause: error },
      );
    }
    throw error;
  }
}
