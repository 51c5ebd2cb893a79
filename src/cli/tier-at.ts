/**
 * The tier a position of `size` contracts falls in at `price`, measured the way the market's
 * table is keyed: contracts, quote notional (linear) or coin notional (inverse).
 */
import type Big from 'big.js';
import { type Market, type Tier, tierFor } from '../index.js';

export function tierAt(market: Market, size: Big, price: Big): Tier {
  if (market.tiers.basis === 'contracts') return tierFor(market.tiers, size);
  const units = size.times(market.contractSize);
  return tierFor(market.tiers, market.contract === 'linear' ? units.times(price) : units.div(price));
}

/** Notional in the settle currency (quote for linear, coin for inverse), for ranking positions. */
export function settleNotional(market: Market, size: Big, price: Big): Big {
  const units = size.times(market.contractSize);
  return market.contract === 'linear' ? units.times(price) : units.div(price);
}
