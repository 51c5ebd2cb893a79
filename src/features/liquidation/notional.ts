/**
 * The notional of a position at a price, as the engine values it (see `docs/liquidation.md`).
 */
import type Big from 'big.js';
import { freezeDecimal, type Numeric, toPositive } from '../../core/decimal.js';
import { notionalAt } from '../../engine/valuation.js';
import { expectMarket, type Market } from '../../model/market.js';

/**
 * Notional of `size` contracts of a market at `price`: `size·contractSize·price` for a linear
 * contract (in quote), `size·contractSize/price` for an inverse one (in coin). Exact when that is
 * a finite decimal, else rounded once at 50 places, half to even.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (a market not made by {@link defineMarket}), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (a size or price ≤ 0). The tier table is not consulted, so a size
 * above its last cap is no error here.
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, positionNotional } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
 * const btcusd = defineMarket({ symbol: 'BTCUSD', contract: 'inverse', settle: 'BTC', contractSize: 100, tiers });
 * positionNotional(btcusd, 500, 40000).toString(); //=> '1.25'
 * ```
 * @group Markets
 */
export function positionNotional(market: Market, size: Numeric, price: Numeric): Big {
  const checked = expectMarket(market);
  return freezeDecimal(notionalAt(checked, toPositive(size, 'size'), toPositive(price, 'price')));
}
