/**
 * What opening contracts at a price and a leverage costs per contract: the margin (initial, plus
 * the fee reserve where the venue holds one) and the bankruptcy x of the opened part held with
 * that margin alone — both linear in the size (the bankruptcy price does not depend on it), so
 * one leg of a size inside the table gives them for every size.
 */
import {
  add,
  cmp,
  decimalExact,
  div,
  E0,
  E1,
  type Exact,
  mul,
  neg,
  scale,
  sign,
  sub,
  toResult,
} from '../../core/exact.js';
import { pnlDirection } from '../../engine/contract.js';
import { bankruptcyX, openingMargin } from '../../engine/isolated.js';
import { makeLeg } from '../../engine/legs.js';
import type { CompiledMarket } from '../../model/compiled.js';
import type { Market } from '../../model/market.js';
import type { OrderCost } from './order.js';

/** Per opened contract: its margin at `leverage`, and the bankruptcy x of the opened part alone (null: none). */
export function openingPerContract(
  market: Market,
  compiled: CompiledMarket,
  orderSign: 1 | -1,
  price: Exact,
  x: Exact,
  leverage: Exact,
): { readonly margin: Exact; readonly bankruptX: Exact | null } {
  // One contract, or (when one contract is already past a bounded table) half of what fits.
  const tiers = compiled.table.tiers;
  const cap = (tiers[tiers.length - 1] as (typeof tiers)[number]).cap;
  const perUnit = compiled.table.byContracts ? E1 : mul(compiled.contractSize, x);
  const unit = cap === null || cmp(perUnit, cap) <= 0 ? E1 : div(div(cap, perUnit), decimalExact(2n, 0));
  const leg = makeLeg({ market, sign: orderSign, size: unit, entryPrice: price }, 'order');
  const margin = openingMargin(leg, leverage);
  return { margin: div(margin, unit), bankruptX: bankruptcyX(leg, margin) };
}

/** The exact parts of what opening contracts costs (see `OrderCost`). */
export interface OpeningCost {
  readonly initialMargin: Exact;
  readonly openLoss: Exact;
  readonly openingFee: Exact;
  readonly closingFee: Exact;
  readonly costToOpen: Exact;
  readonly orderCost: Exact;
}

/** What an order that opens nothing costs. */
export const NO_COST: OpeningCost = Object.freeze({
  initialMargin: E0,
  openLoss: E0,
  openingFee: E0,
  closingFee: E0,
  costToOpen: E0,
  orderCost: E0,
});

/**
 * What opening `opens` contracts at the fill costs, by part: the margin at the leverage, the loss
 * they show at once at the mark, the fee to open, and Bybit's fee to close at the bankruptcy price
 * of the opened part held with its own margin; with Binance's and Bybit's totals. Every part is a
 * per-contract amount times `opens`, which is why the max order size is a division.
 */
export function openingCost(
  market: Market,
  compiled: CompiledMarket,
  orderSign: 1 | -1,
  fill: { readonly price: Exact; readonly x: Exact },
  xMark: Exact,
  opens: Exact,
  leverage: Exact,
  rates: { readonly feeRate: Exact; readonly closeFeeRate: Exact },
): OpeningCost {
  const opening = openingPerContract(market, compiled, orderSign, fill.price, fill.x, leverage);
  const k = mul(opens, compiled.contractSize);
  const initialMargin = mul(opens, opening.margin);
  const markPnl = mul(scale(k, pnlDirection(compiled.contract, orderSign)), sub(xMark, fill.x));
  const openLoss = sign(markPnl) < 0 ? neg(markPnl) : E0;
  const openingFee = mul(rates.feeRate, mul(k, fill.x));
  const closingFee = opening.bankruptX === null ? E0 : mul(rates.closeFeeRate, mul(k, opening.bankruptX));
  return {
    initialMargin,
    openLoss,
    openingFee,
    closingFee,
    costToOpen: add(initialMargin, openLoss),
    orderCost: add(add(initialMargin, openingFee), closingFee),
  };
}

/** The cost as it leaves a preview: frozen Bigs, each rounded once. */
export function shownCost(cost: OpeningCost): OrderCost {
  return Object.freeze({
    initialMargin: toResult(cost.initialMargin),
    openLoss: toResult(cost.openLoss),
    openingFee: toResult(cost.openingFee),
    closingFee: toResult(cost.closingFee),
    costToOpen: toResult(cost.costToOpen),
    orderCost: toResult(cost.orderCost),
  });
}
