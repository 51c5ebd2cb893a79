/**
 * What an order does to a cross account before it is placed: the position of its symbol after
 * the order, the collateral after realised PnL and the fee, the symbol's liquidation prices before
 * and after (every other market at its mark), the cost, and why a venue would refuse it.
 * One-way by default; hedge mode with `order.positionSide`.
 */
import type Big from 'big.js';
import { fail } from '../../core/errors.js';
import { add, cmp, div, E0, type Exact, mul, sign, sub, toResult } from '../../core/exact.js';
import { expectChoice } from '../../core/input.js';
import { accountOf, type CrossLeg } from '../../engine/account.js';
import { naturalOf, priceOfNatural } from '../../engine/contract.js';
import { accountHealth, atEquality, type CrossLiquidation, solveSymbol } from '../../engine/cross.js';
import { makeLeg, pnlAtX, requirementAtX, tierHolding } from '../../engine/legs.js';
import { compiledMarket } from '../../model/compiled.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { CrossAccount, Side } from '../../model/position.js';
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
 * An order on a cross account: an {@link Order} and the market it trades (a symbol the account
 * holds, or a new one).
 *
 * @example
 * ```ts
 * import type { CrossOrder, Market } from 'liqmath';
 *
 * const buy = (market: Market): CrossOrder => ({ market, side: 'buy', size: 1, type: 'market' });
 * ```
 * @group What if
 */
export interface CrossOrder extends Order {
  readonly market: Market;
  /**
   * Hedge mode: the position side the order acts on — a buy on `'long'` opens or adds, a sell on
   * `'long'` reduces or closes (never flips), and the mirror for `'short'`. Required when the
   * account holds both sides of the symbol; without it the order nets one-way.
   */
  readonly positionSide?: Side;
}

/**
 * A cross account after an order: the account (collateral and positions, ready for the cross
 * functions), the order's symbol's liquidation prices (null when the order closes its position,
 * or when the position would be beyond the last tier), equity, requirement and margin ratio.
 *
 * @example
 * ```ts
 * import type { CrossAfterOrder } from 'liqmath';
 *
 * const below = (a: CrossAfterOrder) => a.liquidation?.below ?? null;
 * ```
 * @group What if
 */
export interface CrossAfterOrder {
  readonly account: {
    readonly collateral: Big;
    readonly positions: readonly {
      readonly market: Market;
      readonly side: Side;
      readonly size: Big;
      /** Averaged in the market's natural variable when the order adds; rounded once when not a finite decimal. */
      readonly entryPrice: Big;
      readonly markPrice: Big;
    }[];
  };
  readonly liquidation: CrossLiquidation | null;
  readonly equity: Big;
  readonly requirement: Big;
  /** Requirement ÷ equity; null when equity ≤ 0. */
  readonly marginRatio: Big | null;
  readonly tier: TierAfter | null;
}

/**
 * The preview of an order on a cross account.
 *
 * @example
 * ```ts
 * import type { CrossOrderPreview } from 'liqmath';
 *
 * const moved = (p: CrossOrderPreview) => [p.before?.below ?? null, p.after.liquidation?.below ?? null];
 * ```
 * @group What if
 */
export interface CrossOrderPreview {
  readonly transition: OrderTransition;
  readonly rejected: OrderRejection | null;
  /** Every reason a venue would refuse the order, in the order checked (`rejected` is the first). */
  readonly rejections: readonly OrderRejection[];
  readonly fill: FillAssumption;
  /** The symbol's liquidation prices before; null when the account held no position in it. */
  readonly before: CrossLiquidation | null;
  readonly after: CrossAfterOrder;
  readonly realizedPnl: Big;
  readonly fee: Big;
  readonly cost: OrderCost;
}

/**
 * What an order would do to a cross account, before it is placed: the order's symbol's position
 * after it (size-weighted entry when it adds; a flip closes, then opens the rest), the collateral
 * after the PnL it realises at the fill and its fee, the symbol's liquidation prices before and
 * after with every other market at its mark, the account's equity, requirement and margin ratio
 * after, the cost (initial margin of the opened part at `options.leverage`, open loss, fees; the
 * fee to close at the bankruptcy price of the opened part alone, as Bybit defines the order
 * cost), and why a venue would refuse it, as data. `options.markPrice` must be the account's mark
 * for a symbol it holds. The liquidation prices after equal {@link crossLiquidationPrice} of
 * `after.account`.
 *
 * @throws {@link LiqMathError} the account's codes (see {@link crossEquity}); for `order`: those of
 * {@link previewIsolatedOrder}, and `INVALID_TYPE` (`order.market` not a Market), `SYMBOL_CONFLICT`
 * (another Market object for a symbol the account holds), `SETTLE_MISMATCH`, `INVALID_OPTION`
 * (`order.positionSide`), `MISSING_FIELD` (`order.positionSide` when the account holds both sides);
 * for `options`: those of
 * {@link previewIsolatedOrder}, and `MARK_PRICE_MISMATCH` (not the account's mark for the symbol)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, previewCrossOrder } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
 * const account = { collateral: 1000, positions: [{ market: eth, side: 'long', size: 1, entryPrice: 3000, markPrice: 3000 }] } as const;
 * const preview = previewCrossOrder(account, { market: eth, side: 'buy', size: 1, type: 'market' }, { markPrice: 3000, leverage: 10 });
 * preview.transition; //=> 'add'
 * preview.before?.below?.toFixed(2); //=> '2105.26'
 * preview.after.liquidation?.below?.toFixed(2); //=> '2631.58'
 * ```
 * @group What if
 */
export function previewCrossOrder(
  account: CrossAccount,
  order: CrossOrder,
  options: OrderPreviewOptions,
): CrossOrderPreview {
  const state = accountOf(account);
  const read = readOrder(order, ['market', 'positionSide']);
  const market = expectMarket(read.record.market, 'order.market');
  const positionSide =
    read.record.positionSide === undefined
      ? null
      : expectChoice(read.record.positionSide, ['long', 'short'], 'order.positionSide');
  const o = readPreviewOptions(options, read);
  const compiled = compiledMarket(market);
  const contract = compiled.contract;
  const symbol = market.symbol;
  const mine = state.legs.filter((l) => l.leg.market.symbol === symbol);
  const others = state.legs.filter((l) => l.leg.market.symbol !== symbol);
  checkOrderMarket(state.legs, mine, market, positionSide !== null);
  const xMark = naturalOf(contract, o.mark);
  // Hedge mode: the order acts on the leg of its position side; the other leg stays and moves with the price.
  const sideSign = positionSide === null ? null : positionSide === 'long' ? 1 : -1;
  const held = sideSign === null ? mine[0] : mine.find((l) => l.leg.sign === sideSign);
  const sibling = sideSign === null ? [] : mine.filter((l) => l !== held);
  const marked = mine[0];
  if (marked !== undefined && cmp(marked.markX, xMark) !== 0) {
    fail(
      'MARK_PRICE_MISMATCH',
      'options.markPrice',
      options.markPrice,
      `${toResult(priceOfNatural(contract, marked.markX))}, the account's mark for ${symbol}`,
    );
  }
  const xFill = naturalOf(contract, o.fill.price);
  const size = held?.leg.size ?? E0;
  const heldSign = held?.leg.sign ?? read.sign;
  // In hedge mode an order against its position side only closes (never flips).
  const hedgeCloses = sideSign !== null && read.sign !== sideSign;
  const { closes, opens, transition } = transitionOf(
    size,
    held === undefined ? null : heldSign,
    read.sign,
    read.size,
    hedgeCloses,
  );
  const realized = held === undefined || sign(closes) === 0 ? E0 : div(mul(pnlAtX(held.leg, xFill), closes), size);
  const fee = mul(o.feeRate, notional(compiled.contractSize, read.size, xFill));
  const rejections: OrderRejection[] = [];
  if (read.reduceOnly && (transition === 'open' || transition === 'add' || transition === 'flip')) {
    rejections.push('reduce-only-would-increase');
  }
  if (hedgeCloses && cmp(read.size, size) > 0) rejections.push('above-position-size');
  const collateral = sub(add(state.collateral, realized), fee);

  let leg: CrossLeg | null = null;
  let beyond = false;
  let cost: OpeningCost = NO_COST;
  if (transition === 'reduce' && held !== undefined) {
    const rest = sub(size, closes);
    leg = {
      leg: makeLeg({ market, sign: held.leg.sign, size: rest, entryPrice: held.leg.entryPrice }, 'order', true),
      markX: xMark,
    };
  } else if (sign(opens) > 0) {
    if (o.leverage === null) {
      fail(
        'MISSING_FIELD',
        'options.leverage',
        undefined,
        'a leverage for the margin this order adds (it opens or adds to a position)',
      );
    }
    const leverage = o.leverage;
    const newSize = transition === 'add' ? add(size, opens) : opens;
    const entryX =
      transition === 'add' && held !== undefined
        ? div(add(mul(size, held.leg.entryX), mul(opens, xFill)), newSize)
        : xFill;
    const tiers = compiled.table.tiers;
    const last = tiers[tiers.length - 1] as (typeof tiers)[number];
    const key = compiled.table.byContracts ? newSize : notional(compiled.contractSize, newSize, entryX);
    cost = openingCost(market, compiled, read.sign, { price: o.fill.price, x: xFill }, xMark, opens, leverage, o);
    if (last.cap !== null && cmp(key, last.cap) > 0) {
      rejections.push('above-max-notional');
      beyond = true;
    } else {
      if (cmp(leverage, tierHolding(tiers, key).maxLeverage) > 0) rejections.push('above-max-leverage-for-tier');
      const entryPrice = priceOfNatural(contract, entryX);
      leg = { leg: makeLeg({ market, sign: read.sign, size: newSize, entryPrice }, 'order', true), markX: xMark };
    }
  }

  if (o.availableBalance !== null && sign(opens) > 0) {
    const freed = sub(realized, sub(fee, cost.openingFee));
    if (cmp(o.costRule === 'order-cost' ? cost.orderCost : cost.costToOpen, add(o.availableBalance, freed)) > 0) {
      rejections.push('insufficient-balance');
    }
  }
  // An order that opens pays its fee out of the collateral, which it may not take below 0. An order
  // that only closes is never refused for it: realising a loss the account already shows may leave
  // the collateral below 0 (the account is then bankrupt, and `after.account` says so).
  if (sign(opens) > 0 && sign(collateral) < 0 && !rejections.includes('insufficient-balance')) {
    rejections.push('insufficient-balance');
  }
  const movingAfter = leg === null ? sibling : [...sibling, leg];
  const legsAfter = [...others, ...movingAfter];
  let equity = collateral;
  let requirement = E0;
  for (const l of legsAfter) {
    equity = add(equity, pnlAtX(l.leg, l.markX));
    requirement = add(requirement, requirementAtX(l.leg, l.markX));
  }
  const before =
    held === undefined ? null : solveSymbol(mine, accountHealth(state.collateral, others), atEquality(state.legs));
  const liquidation =
    movingAfter.length === 0
      ? null
      : solveSymbol(movingAfter, accountHealth(collateral, others), atEquality(legsAfter));
  const tier =
    leg === null
      ? null
      : (leg.leg.fixedTier ?? tierHolding(leg.leg.compiled.table.tiers, mul(leg.leg.k, leg.leg.entryX))).tier;
  return Object.freeze({
    transition,
    rejected: rejections[0] ?? null,
    rejections: Object.freeze(rejections),
    fill: Object.freeze({ price: toResult(o.fill.price), from: o.fill.from }),
    before,
    after: Object.freeze({
      account: Object.freeze({
        // Below 0 after a close that realises more loss than the collateral (a bankrupt account).
        collateral: toResult(collateral),
        positions: Object.freeze(legsAfter.map(shownPosition)),
      }),
      liquidation: beyond ? null : liquidation,
      equity: toResult(equity),
      requirement: toResult(requirement),
      marginRatio: sign(equity) <= 0 ? null : toResult(div(requirement, equity)),
      tier: tier === null ? null : Object.freeze({ tier, maxLeverage: tier.maxLeverage }),
    }),
    realizedPnl: toResult(realized),
    fee: toResult(fee),
    cost: shownCost(cost),
  });
}

/** One market per symbol, one settle currency, one side per symbol (one-way mode). */
function checkOrderMarket(legs: readonly CrossLeg[], mine: readonly CrossLeg[], market: Market, hedged: boolean): void {
  const first = legs[0];
  if (first !== undefined && first.leg.market.settle !== market.settle) {
    fail(
      'SETTLE_MISMATCH',
      'order.market.settle',
      market.settle,
      `${first.leg.market.settle}, the account's settle currency`,
    );
  }
  const held = mine[0];
  if (held !== undefined && held.leg.market !== market) {
    fail('SYMBOL_CONFLICT', 'order.market', market, `the account's Market object for ${market.symbol}`);
  }
  if (mine.length > 1 && !hedged) {
    fail(
      'MISSING_FIELD',
      'order.positionSide',
      undefined,
      `'long' or 'short': the account holds both sides of ${market.symbol} (hedge mode), so the order must say which it acts on`,
    );
  }
}

function shownPosition({ leg, markX }: CrossLeg): CrossAfterOrder['account']['positions'][number] {
  const contract = leg.compiled.contract;
  return Object.freeze({
    market: leg.market,
    side: leg.sign === 1 ? 'long' : 'short',
    size: toResult(leg.size),
    entryPrice: toResult(leg.entryPrice),
    markPrice: toResult(priceOfNatural(contract, markX)),
  });
}

/** Notional of `size` contracts at x: size·CS·x. */
function notional(contractSize: Exact, size: Exact, x: Exact): Exact {
  return mul(mul(size, contractSize), x);
}
