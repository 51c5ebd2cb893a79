/**
 * Values of a position at a price, for the features that still compute in big.js (partial
 * liquidation, settlement, ADL): each is computed exactly from the contract math and rounded
 * once (half to even at 50 places) when it is not a finite decimal.
 */
import type Big from 'big.js';
import { add, type Exact, exactOf, mul, neg, scale, toBig } from '../core/exact.js';
import type { Market } from '../model/market.js';
import { naturalOf, pnlDirection } from './contract.js';
import { type Leg, makeLeg } from './legs.js';

/** x of a price (P or 1/P), exact. */
export function naturalOfPrice(market: Market, price: Big): Exact {
  return naturalOf(market.contract, exactOf(price));
}

/** Notional of `size` contracts at `price`: `size·CS·x`. */
export function notionalAt(market: Market, size: Big, price: Big): Big {
  return toBig(mul(mul(exactOf(size), exactOf(market.contractSize)), naturalOfPrice(market, price)));
}

/** Unrealised PnL of `size` contracts of one side entered at `entry`, at `price`. */
export function pnlAt(market: Market, sign: 1 | -1, size: Big, entry: Big, price: Big): Big {
  const k = scale(mul(exactOf(size), exactOf(market.contractSize)), pnlDirection(market.contract, sign));
  return toBig(mul(k, add(naturalOfPrice(market, price), neg(naturalOfPrice(market, entry)))));
}

/**
 * PnL per contract of a side per unit of x: `±CS` (see `contract.ts`), so that
 * `pnl(x) = perX·size·(x − x_E)`.
 */
export function pnlPerX(market: Market, sign: 1 | -1): Exact {
  return scale(exactOf(market.contractSize), pnlDirection(market.contract, sign));
}

/** A validated cross position (big.js numbers) as a leg at its mark. */
export function crossLegOf(
  position: {
    readonly market: Market;
    readonly sign: 1 | -1;
    readonly size: Big;
    readonly entryPrice: Big;
    readonly markPrice: Big;
    readonly sizeGiven?: unknown;
  },
  field: string,
): { readonly leg: Leg; readonly markX: Exact } {
  const mark = exactOf(position.markPrice);
  const leg = makeLeg(
    {
      market: position.market,
      sign: position.sign,
      size: exactOf(position.size),
      entryPrice: exactOf(position.entryPrice),
      sizeGiven: position.sizeGiven,
    },
    field,
    true,
  );
  return { leg, markX: naturalOf(position.market.contract, mark) };
}
