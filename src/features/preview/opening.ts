/**
 * What opening contracts at a price and a leverage costs per contract: the margin (initial, plus
 * the fee reserve where the venue holds one) and the bankruptcy x of the opened part held with
 * that margin alone — both linear in the size (the bankruptcy price does not depend on it), so
 * one leg of a size inside the table gives them for every size.
 */
import { cmp, decimalExact, div, E1, type Exact, mul } from '../../core/exact.js';
import { bankruptcyX, openingMargin } from '../../engine/isolated.js';
import { makeLeg } from '../../engine/legs.js';
import type { CompiledMarket } from '../../model/compiled.js';
import type { Market } from '../../model/market.js';

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
