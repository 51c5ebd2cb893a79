/**
 * The tier a position of `size` contracts falls in at `price`, measured the way the market's
 * table is keyed: contracts, or the notional at that price.
 */
import type Big from 'big.js';
import { type Market, positionNotional, type Tier, tierFor } from '../index.js';

export function tierAt(market: Market, size: Big, price: Big): Tier {
  if (market.tiers.basis === 'contracts') return tierFor(market.tiers, size);
  return tierFor(market.tiers, positionNotional(market, size, price));
}

/** Notional in the settle currency (quote for linear, coin for inverse), for ranking positions. */
export function settleNotional(market: Market, size: Big, price: Big): Big {
  return positionNotional(market, size, price);
}
