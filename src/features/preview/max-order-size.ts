/**
 * The largest order an isolated position can take: its cost is linear in its size (margin, fees
 * and open loss are each a rate times the opened notional, the fee to close at a bankruptcy price
 * that does not depend on the size), and the leverage bounds the position's notional to the last
 * tier that allows it. So the answer is the smaller of two divisions, down to the lot — no search.
 * Derivation: `docs/what-if.md`.
 */
import type Big from 'big.js';
import { fail } from '../../core/errors.js';
import {
  add,
  cmp,
  decimalExact,
  div,
  E0,
  E1,
  type Exact,
  exactOf,
  mul,
  sign,
  sub,
  toBig,
  toResult,
} from '../../core/exact.js';
import { expectRecord } from '../../core/input.js';
import { naturalOf } from '../../engine/contract.js';
import { isolatedOf, type PreparedPosition } from '../../engine/isolated.js';
import { pnlAtX } from '../../engine/legs.js';
import { compiledMarket } from '../../model/compiled.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { IsolatedPosition } from '../../model/position.js';
import { openingCost } from './opening.js';
import {
  type Order,
  type OrderPreviewOptions,
  type ReadPreviewOptions,
  readOrder,
  readPreviewOptions,
} from './order.js';

/**
 * The largest order size, and what stops it from being larger: `'balance'` (its cost reaches the
 * available balance), `'tier-leverage'` (a larger position moves into a tier whose max leverage is
 * below the order's), `'max-notional'` (the last tier's cap), `'lot'` (less than one lot fits).
 *
 * @example
 * ```ts
 * import type { MaxOrderSize } from 'liqmath';
 *
 * const say = (m: MaxOrderSize) => `up to ${m.size} (${m.limitedBy})`;
 * ```
 * @group What if
 */
export interface MaxOrderSize {
  /** Contracts, a multiple of the market's lot (exact when it has none, rounded down at 50 places). */
  readonly size: Big;
  /** The opened part's notional at the fill. */
  readonly notional: Big;
  readonly limitedBy: 'balance' | 'tier-leverage' | 'max-notional' | 'lot';
}

/**
 * The largest size of an order on an isolated position that a venue would accept: its cost
 * (`options.costRule`: Bybit's order cost by default, or Binance's cost to open) within
 * `options.availableBalance` (plus what closing frees, for an order that flips the position),
 * and the position after within the tiers that allow `options.leverage`. Closed form: the cost is
 * a rate times the opened size, and the leverage bounds the notional; the smaller bound is taken
 * down to the lot. `order.size` is not given (it is the answer). The preview of that size is
 * accepted, and one lot more is refused.
 *
 * @throws {@link LiqMathError} the codes of {@link previewIsolatedOrder}, and `MISSING_FIELD` for
 * `options.leverage` or `options.availableBalance`
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedMaxOrderSize } from 'liqmath';
 *
 * const tiers = defineTiers([
 *   { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
 *   { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
 * ]);
 * const market = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', lotSize: '0.001', tiers });
 * const order = { side: 'buy', type: 'limit', price: 50000 } as const;
 * // 1,000 USDT at 20x: 2,500 margin + 25 + 23.75 fees (to close at 47,500) per BTC; at 125x, tier 1 stops at 1 BTC.
 * isolatedMaxOrderSize(market, null, order, { markPrice: 50000, leverage: 20, availableBalance: 1000, feeRate: '0.0005' }).size.toString(); //=> '0.392'
 * isolatedMaxOrderSize(market, null, order, { markPrice: 50000, leverage: 125, availableBalance: 1e6 }).limitedBy; //=> 'tier-leverage'
 * ```
 * @group What if
 */
export function isolatedMaxOrderSize(
  market: Market,
  position: IsolatedPosition | PreparedPosition | null,
  order: Omit<Order, 'size'>,
  options: OrderPreviewOptions,
): MaxOrderSize {
  const checked = expectMarket(market);
  const before = position === null ? null : isolatedOf(checked, position);
  // Read as an order of one contract: every other field is checked as the preview checks it.
  const read = readOrder({ ...readSize(order), size: 1 });
  const o = readPreviewOptions(options, read);
  if (o.leverage === null) fail('MISSING_FIELD', 'options.leverage', undefined, 'the leverage of the order');
  if (o.availableBalance === null) {
    fail('MISSING_FIELD', 'options.availableBalance', undefined, 'the balance the order may use');
  }
  const compiled = compiledMarket(checked);
  const contract = compiled.contract;
  const cs = compiled.contractSize;
  const xFill = naturalOf(contract, o.fill.price);
  const adds = before !== null && before.leg.sign === read.sign;
  const flips = before !== null && !adds;
  // An order against the position first closes all of it (and frees its margin and PnL).
  const closes = flips && before !== null ? before.leg.size : E0;
  let balance = o.availableBalance;
  if (flips && before !== null) {
    const realized = pnlAtX(before.leg, xFill);
    balance = add(balance, sub(add(before.margin, realized), mul(o.feeRate, mul(mul(closes, cs), xFill))));
  }

  const heldKey =
    adds && before !== null
      ? compiled.table.byContracts
        ? before.leg.size
        : mul(mul(before.leg.size, cs), before.leg.entryX)
      : E0;
  const { openedSize, perContract, limitedBy } = maxOpened(checked, read.sign, o, balance, heldKey, null);
  return Object.freeze({
    size: toResult(add(closes, openedSize)),
    notional: toResult(mul(openedSize, perContract)),
    limitedBy,
  });
}

/**
 * The largest number of contracts an order may open: what `balance` buys at the cost of one
 * contract (by the cost rule; `extra` is a further bound of the same kind, e.g. a cross account's
 * collateral for the fee), and what the tiers allowing the leverage leave above `heldKey`; down to
 * the lot. Shared by the isolated and cross max sizes.
 */
export function maxOpened(
  checked: Market,
  orderSign: 1 | -1,
  o: ReadPreviewOptions,
  balance: Exact,
  heldKey: Exact,
  extra: Exact | null,
): { readonly openedSize: Exact; readonly perContract: Exact; readonly limitedBy: MaxOrderSize['limitedBy'] } {
  const leverage = o.leverage as Exact;
  const compiled = compiledMarket(checked);
  const contract = compiled.contract;
  const cs = compiled.contractSize;
  const xFill = naturalOf(contract, o.fill.price);
  const xMark = naturalOf(contract, o.mark);
  // The cost of one opened contract, by the chosen rule.
  // The cost of one contract, by the chosen rule: every part of it scales with the size.
  const one = openingCost(checked, compiled, orderSign, { price: o.fill.price, x: xFill }, xMark, E1, leverage, o);
  const cost = o.costRule === 'order-cost' ? one.orderCost : one.costToOpen;
  const perContract = mul(cs, xFill);
  // What the balance buys (the fee of a flip's closed part is already out of it).
  let byBalance = sign(balance) <= 0 ? E0 : div(balance, cost);
  if (extra !== null && cmp(extra, byBalance) < 0) byBalance = sign(extra) <= 0 ? E0 : extra;

  // The notional (or contracts) the leverage allows: the cap of the last tier whose max leverage
  // reaches it (max leverage falls tier by tier), less what the position already holds.
  const tiers = compiled.table.tiers;
  let allowed = -1;
  tiers.forEach((tier, k) => {
    if (cmp(tier.maxLeverage, leverage) >= 0) allowed = k;
  });
  let byTier: Exact | null = null;
  let tierLimit: 'tier-leverage' | 'max-notional' = 'tier-leverage';
  if (allowed < 0) byTier = E0;
  else {
    const cap = (tiers[allowed] as (typeof tiers)[number]).cap;
    if (cap !== null) {
      tierLimit = allowed === tiers.length - 1 ? 'max-notional' : 'tier-leverage';
      const room = sub(cap, heldKey);
      byTier = sign(room) <= 0 ? E0 : compiled.table.byContracts ? room : div(room, perContract);
    }
  }
  const tierBinds = byTier !== null && cmp(byTier, byBalance) < 0;
  const opened = tierBinds ? (byTier as Exact) : byBalance;
  const lot = checked.lotSize;
  // Down to the lot, exactly (whole lots of the exact bound); without a lot, down at 50 places.
  const openedSize = lot === null ? exactOf(toBig(opened, 'floor')) : floorToLot(opened, exactOf(lot));
  const limitedBy = sign(openedSize) === 0 && sign(opened) > 0 ? 'lot' : tierBinds ? tierLimit : 'balance';
  return { openedSize, perContract, limitedBy };
}

/** The order without its size: a size given is refused (it is the answer). */
function readSize(order: unknown): Record<string, unknown> {
  const record = expectRecord(order, 'order', "an order { side: 'buy' | 'sell', type, price?, reduceOnly? }");
  if (record.size !== undefined) {
    fail('UNKNOWN_FIELD', 'order.size', record.size, 'no size: the size is what this function finds');
  }
  return { ...record };
}

/** The largest whole number of lots in a non-negative x, times the lot. */
function floorToLot(x: Exact, lot: Exact): Exact {
  const lots = div(x, lot);
  return mul(decimalExact(lots.n / lots.d, 0), lot);
}
