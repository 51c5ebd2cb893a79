/**
 * The one rule at equality. A venue liquidates when equity ≤ requirement (most) or only when
 * equity < requirement (Hyperliquid, dYdX, Kraken); every liquidatable/healthy answer of liqmath — the
 * booleans, the cross status, close sizing, policies, plans — decides through here, so at exactly
 * the liquidation price they all agree.
 */
import { type Exact, sign } from '../core/exact.js';
import { compiledMarket } from '../model/compiled.js';
import type { Market } from '../model/market.js';

/** Whether a surplus (equity − requirement) is liquidatable: negative, or zero where the trigger is `≤`. */
export function liquidatableAt(surplus: Exact, atEquality: boolean): boolean {
  const s = sign(surplus);
  return s < 0 || (s === 0 && atEquality);
}

/**
 * Whether an account of these markets is liquidatable at equality: yes unless every one of them
 * liquidates only below its requirement (an account mixing venues takes the stricter reading).
 */
export function liquidatableAtEquality(markets: Iterable<Market>): boolean {
  for (const market of markets) if (compiledMarket(market).liquidatableAtEquality) return true;
  return false;
}
