/**
 * What an order does to an isolated position before it is placed: the transition (open, add,
 * reduce, close, flip), the position after, its liquidation price, what the order costs by each
 * venue's rule, and why a venue would refuse it. Exact; derivations in `docs/what-if.md`.
 */
import type Big from 'big.js';
import { fail } from '../../core/errors.js';
import { add, cmp, div, E0, type Exact, mul, sign, sub, toResult } from '../../core/exact.js';
import { naturalOf, priceOfNatural } from '../../engine/contract.js';
import {
  bankruptcyPriceOf,
  exactIsolatedState,
  type IsolatedState,
  isolatedOf,
  liquidationPriceOf,
  type PreparedPosition,
} from '../../engine/isolated.js';
import { makeLeg, pnlAtX, requirementAtX, tierHolding } from '../../engine/legs.js';
import { compiledMarket } from '../../model/compiled.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { IsolatedPosition, Side } from '../../model/position.js';
import { NO_COST, type OpeningCost, openingCost, shownCost } from './opening.js';
import {
  type FillAssumption,
  type Order,
  type OrderCost,
  type OrderPreviewOptions,
  type OrderRejection,
  type OrderTransition,
  readOrder,
  readPreviewOptions,
  type TierAfter,
  transitionOf,
} from './order.js';

/**
 * An isolated position after an order, with its prices. `position` is null when the order closes
 * it; the prices, ratio and tier are null where none exists, or when the position would be
 * beyond the last tier (`rejected: 'above-max-notional'`).
 *
 * @example
 * ```ts
 * import type { IsolatedAfterOrder } from 'liqmath';
 *
 * const shown = (a: IsolatedAfterOrder) => a.position === null ? 'closed' : `liquidation ${a.liquidationPrice ?? 'none'}`;
 * ```
 * @group What if
 */
export interface IsolatedAfterOrder {
  readonly position: {
    readonly side: Side;
    readonly size: Big;
    /** Size-weighted in the market's natural variable (the price, or 1/price for inverse); rounded once when not a finite decimal. */
    readonly entryPrice: Big;
    readonly margin: Big;
  } | null;
  readonly liquidationPrice: Big | null;
  readonly bankruptcyPrice: Big | null;
  /** Requirement ÷ equity at the mark; null when equity ≤ 0 or there is no position. */
  readonly marginRatio: Big | null;
  readonly tier: TierAfter | null;
}

/**
 * The preview of an order on an isolated position.
 *
 * @example
 * ```ts
 * import type { IsolatedOrderPreview } from 'liqmath';
 *
 * const ok = (p: IsolatedOrderPreview) => p.rejected === null;
 * ```
 * @group What if
 */
export interface IsolatedOrderPreview {
  readonly transition: OrderTransition;
  /** Why a venue would refuse the order; null when it would accept it. The rest is computed either way. */
  readonly rejected: OrderRejection | null;
  /** Every reason a venue would refuse the order, in the order checked (`rejected` is the first). */
  readonly rejections: readonly OrderRejection[];
  readonly fill: FillAssumption;
  /** The position's prices before the order; null when there was none. */
  readonly before: { readonly liquidationPrice: Big | null; readonly bankruptcyPrice: Big | null } | null;
  readonly after: IsolatedAfterOrder;
  /** PnL realised by the closed part at the fill. */
  readonly realizedPnl: Big;
  /** `feeRate` × the whole order's notional at the fill. */
  readonly fee: Big;
  /** What the available balance gains (or, negative, loses): margin released + PnL realised − margin added − fee. */
  readonly balanceChange: Big;
  readonly cost: OrderCost;
}

/**
 * What an order would do to an isolated position, before it is placed: the transition, the
 * position after (size-weighted entry when it adds; margin added at `options.leverage`; released
 * pro rata when it reduces; a flip closes, then opens the rest), its liquidation and bankruptcy
 * prices before and after, the cost by Binance's rule (initial margin + open loss) and Bybit's
 * (initial margin + fee to open + fee to close at the bankruptcy price of the opened part held with
 * its own margin, as Bybit defines it), and, as data, why a venue
 * would refuse it. The fill price is an explicit assumption (`fill.from`). `position` null: no
 * position yet. The liquidation price after equals {@link isolatedLiquidationPrice} of the
 * position after (exactly; an averaged entry that is not a finite decimal is carried exactly).
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice} for `market` and
 * `position`; for `order`: `INVALID_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD`, `INVALID_OPTION`
 * (side, type; a price on a market order), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`
 * (size, price); for `options`: `INVALID_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD` (`markPrice`; `leverage`
 * when the order opens or adds), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`,
 * `RATE_OUT_OF_RANGE` (fee rates), `LEVERAGE_OUT_OF_RANGE` (below 1), `INVALID_OPTION` (`costRule`)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, previewIsolatedOrder } from 'liqmath';
 *
 * const tiers = defineTiers([
 *   { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
 * ]);
 * const market = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const preview = previewIsolatedOrder(market, null, { side: 'buy', size: 1, type: 'limit', price: 50000 }, {
 *   markPrice: 50100,
 *   leverage: 20,
 *   feeRate: '0.0004',
 * });
 * preview.transition; //=> 'open'
 * preview.after.liquidationPrice?.toFixed(2); //=> '47690.76'
 * preview.cost.initialMargin.toString(); //=> '2500'
 * preview.cost.orderCost.toString(); //=> '2539'
 * ```
 * @group What if
 */
export function previewIsolatedOrder(
  market: Market,
  position: IsolatedPosition | PreparedPosition | null,
  order: Order,
  options: OrderPreviewOptions,
): IsolatedOrderPreview {
  const checked = expectMarket(market);
  const before = position === null ? null : isolatedOf(checked, position);
  const read = readOrder(order);
  const o = readPreviewOptions(options, read);
  const compiled = compiledMarket(checked);
  const contract = compiled.contract;
  const xFill = naturalOf(contract, o.fill.price);
  const xMark = naturalOf(contract, o.mark);
  const held = before === null ? E0 : before.leg.size;
  const heldSign = before?.leg.sign ?? read.sign;
  // How much of the order closes the position, and how much opens (on the order's side).
  const { closes, opens, transition } = transitionOf(held, before === null ? null : heldSign, read.sign, read.size);
  // The closed part: its share of the PnL at the fill and of the margin.
  let realized = E0;
  let released = E0;
  if (before !== null && sign(closes) > 0) {
    realized = div(mul(pnlAtX(before.leg, xFill), closes), held);
    released = div(mul(before.margin, closes), held);
  }
  const fee = mul(o.feeRate, notional(compiled.contractSize, read.size, xFill));
  const rejections: OrderRejection[] = [];
  if (read.reduceOnly && (transition === 'open' || transition === 'add' || transition === 'flip')) {
    rejections.push('reduce-only-would-increase');
  }

  let after: IsolatedAfterOrder = EMPTY;
  let cost: OpeningCost = NO_COST;
  if (transition === 'reduce' && before !== null) {
    const size = sub(held, closes);
    const leg = makeLeg({ market: checked, sign: before.leg.sign, size, entryPrice: before.entryPrice }, 'position');
    after = afterOf(exactIsolatedState(leg, sub(before.margin, released)), xMark);
  } else if (sign(opens) > 0) {
    // Open, add or flip: the new size, its entry averaged in x, and the margin it adds.
    const added = transition === 'add' ? held : E0;
    const size = add(added, opens);
    const entryX =
      transition === 'add' && before !== null ? div(add(mul(held, before.leg.entryX), mul(opens, xFill)), size) : xFill;
    const entryPrice = priceOfNatural(contract, entryX);
    const key = compiled.table.byContracts ? size : notional(compiled.contractSize, size, entryX);
    const tiers = compiled.table.tiers;
    const last = tiers[tiers.length - 1] as (typeof tiers)[number];
    if (o.leverage === null) requireLeverage(transition);
    const leverage = o.leverage as Exact;
    cost = openingCost(checked, compiled, read.sign, { price: o.fill.price, x: xFill }, xMark, opens, leverage, o);
    const margin = add(transition === 'add' && before !== null ? before.margin : E0, cost.initialMargin);
    const position = { side: sideOf(read.sign), size, entryPrice, margin };
    if (last.cap !== null && cmp(key, last.cap) > 0) {
      rejections.push('above-max-notional');
      after = { ...EMPTY, position: shownPosition(position) };
    } else {
      const tier = tierHolding(tiers, key);
      if (cmp(leverage, tier.maxLeverage) > 0) rejections.push('above-max-leverage-for-tier');
      const leg = makeLeg({ market: checked, sign: read.sign, size, entryPrice }, 'position');
      const state = exactIsolatedState(leg, margin);
      after = afterOf(state, xMark);
    }
  }

  if (o.availableBalance !== null && sign(opens) > 0) {
    // A flip frees the closed part first: its margin and PnL come back, less its share of the fee.
    const freed = sub(add(released, realized), sub(fee, cost.openingFee));
    const available = add(o.availableBalance, freed);
    if (cmp(o.costRule === 'order-cost' ? cost.orderCost : cost.costToOpen, available) > 0)
      rejections.push('insufficient-balance');
  }
  return Object.freeze({
    transition,
    rejected: rejections[0] ?? null,
    rejections: Object.freeze(rejections),
    fill: Object.freeze({ price: toResult(o.fill.price), from: o.fill.from }),
    before:
      before === null
        ? null
        : Object.freeze({ liquidationPrice: liquidationPriceOf(before), bankruptcyPrice: bankruptcyPriceOf(before) }),
    after,
    realizedPnl: toResult(realized),
    fee: toResult(fee),
    balanceChange: toResult(sub(add(released, realized), add(cost.initialMargin, fee))),
    cost: shownCost(cost),
  });
}

const EMPTY: IsolatedAfterOrder = Object.freeze({
  position: null,
  liquidationPrice: null,
  bankruptcyPrice: null,
  marginRatio: null,
  tier: null,
});

function afterOf(state: IsolatedState, xMark: Exact): IsolatedAfterOrder {
  const { leg, margin } = state;
  const equity = add(margin, pnlAtX(leg, xMark));
  const requirement = requirementAtX(leg, xMark);
  // The tier the position is in as held (at its entry), which sets its max leverage.
  const tier = leg.fixedTier ?? tierHolding(leg.compiled.table.tiers, mul(leg.k, leg.entryX));
  return Object.freeze({
    position: shownPosition({ side: sideOf(leg.sign), size: leg.size, entryPrice: leg.entryPrice, margin }),
    liquidationPrice: liquidationPriceOf(state),
    bankruptcyPrice: bankruptcyPriceOf(state),
    marginRatio: sign(equity) <= 0 ? null : toResult(div(requirement, equity)),
    tier: Object.freeze({ tier: tier.tier, maxLeverage: tier.tier.maxLeverage }),
  });
}

function shownPosition(p: {
  side: Side;
  size: Exact;
  entryPrice: Exact;
  margin: Exact;
}): IsolatedAfterOrder['position'] {
  return Object.freeze({
    side: p.side,
    size: toResult(p.size),
    entryPrice: toResult(p.entryPrice),
    margin: toResult(p.margin),
  });
}

/** Notional of `size` contracts at x: size·CS·x. */
function notional(contractSize: Exact, size: Exact, x: Exact): Exact {
  return mul(mul(size, contractSize), x);
}

function sideOf(s: 1 | -1): Side {
  return s === 1 ? 'long' : 'short';
}

function requireLeverage(transition: OrderTransition): never {
  return fail(
    'MISSING_FIELD',
    'options.leverage',
    undefined,
    `a leverage for the margin this order adds (it would ${transition === 'open' ? 'open' : transition} a position)`,
  );
}
