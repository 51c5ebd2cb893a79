/**
 * Validate once, compute many times: prepared positions and accounts, and the batch call for
 * backends re-pricing a book. See `docs/liquidation.md` (Prepared inputs and batches).
 */
import type Big from 'big.js';
import { expectArray } from '../../core/input.js';
import { type PreparedAccount, prepareAccount } from '../../engine/account.js';
import { isolatedOf, liquidationPriceOf, type PreparedPosition, preparePosition } from '../../engine/isolated.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { CrossAccount, IsolatedPosition } from '../../model/position.js';

/**
 * Validates an isolated position once for one market and returns it prepared: frozen, its
 * numbers as Bigs (the margin resolved from the leverage when that was given), and the
 * engine's state carried with it. Every function that takes an isolated position takes a
 * prepared one and skips validation; giving it with another market is refused.
 *
 * @throws {@link LiqMathError} as {@link isolatedLiquidationPrice} does for a bad market or position:
 * `INVALID_TYPE`, `MISSING_FIELD`, `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE` (also a leverage
 * whose margin would be below 1e-30), `NOT_POSITIVE` (`size`, `entryPrice`), `NEGATIVE` (`margin`),
 * `LEVERAGE_OUT_OF_RANGE`, `LEVERAGE_ABOVE_MAX`, `BEYOND_LAST_TIER`
 *
 * @example
 * ```ts
 * import { defineMarket, definePosition, defineTiers, isolatedLiquidationPrice } from 'liqmath';
 *
 * const market = defineMarket({
 *   symbol: 'BTCUSDT',
 *   contract: 'linear',
 *   settle: 'USDT',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]),
 * });
 * const position = definePosition(market, { side: 'long', size: 1, entryPrice: 10000, leverage: 50 });
 * position.margin.toString(); //=> '200'
 * isolatedLiquidationPrice(market, position)?.toFixed(2); //=> '9849.25'
 * ```
 * @group Isolated positions
 */
export function definePosition(market: Market, position: IsolatedPosition): PreparedPosition {
  return preparePosition(market, position);
}

/**
 * Validates a cross account once and returns it prepared: frozen, its numbers as Bigs, every
 * position valued for the solver. It is still a {@link CrossAccount}: every function that takes
 * an account takes it, and the cross liquidation functions skip validation for it.
 *
 * @throws {@link LiqMathError} as {@link crossLiquidationPrice} does for a bad account: `INVALID_TYPE` (the
 * account or a position not an object, `positions` not an array, a market not made by {@link defineMarket}),
 * `MISSING_FIELD` (`collateral`, `positions`; a position's `market`, `side`, `size`, `entryPrice`,
 * `markPrice`), `INVALID_OPTION` (`side`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`size`,
 * `entryPrice`, `markPrice`), `NEGATIVE` (`collateral`), `TOO_LARGE` (more positions than
 * `LIMITS.accountPositions`), `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`, `MARK_PRICE_MISMATCH`, `DUPLICATE_POSITION`
 * (a second long, or short, of one symbol), `BEYOND_LAST_TIER` (a position above its table's last cap at its
 * entry or at its mark)
 *
 * @example
 * ```ts
 * import { crossLiquidationPrices, defineAccount, defineMarket, defineTiers } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
 * const account = defineAccount({ collateral: 1000, positions: [{ market: eth, side: 'short', size: '1.5', entryPrice: 3000, markPrice: 3000 }] });
 * account.collateral.toString(); //=> '1000'
 * crossLiquidationPrices(account)[0]?.above?.toFixed(2); //=> '3492.06'
 * ```
 * @group Cross accounts
 */
export function defineAccount(account: CrossAccount): PreparedAccount {
  return prepareAccount(account);
}

/**
 * {@link isolatedLiquidationPrice} for many isolated positions of one market, in input order: the
 * market is checked once, and each position (raw or prepared) is read once. Errors name the
 * position by its place, e.g. `positions[3].size`.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (also `positions` not an array), and for each position the
 * codes of {@link isolatedLiquidationPrice}: `MISSING_FIELD`, `INVALID_OPTION`, `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `LEVERAGE_OUT_OF_RANGE`, `LEVERAGE_ABOVE_MAX`,
 * `BEYOND_LAST_TIER`
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedLiquidationPrices } from 'liqmath';
 *
 * const market = defineMarket({
 *   symbol: 'BTCUSDT',
 *   contract: 'linear',
 *   settle: 'USDT',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]),
 *   maintenanceAt: 'entry',
 * });
 * const prices = isolatedLiquidationPrices(market, [
 *   { side: 'long', size: 1, entryPrice: 20000, leverage: 50 },
 *   { side: 'short', size: 1, entryPrice: 20000, leverage: 50 },
 * ]);
 * prices.map((price) => price?.toString()); //=> ['19700', '20300']
 * ```
 * @group Isolated positions
 */
export function isolatedLiquidationPrices(
  market: Market,
  positions: readonly (IsolatedPosition | PreparedPosition)[],
): readonly (Big | null)[] {
  const checked = expectMarket(market);
  const list = expectArray(positions, 'positions', 'an array of isolated positions');
  const prices = list.map((position, index) =>
    liquidationPriceOf(isolatedOf(checked, position as IsolatedPosition, `positions[${index}]`)),
  );
  return Object.freeze(prices);
}

// Former names, kept as deprecated aliases through 0.1.x (one naming scheme: every isolated
// function says `isolated`, every cross-account function says `cross`). Removed in 0.2.0.

/**
 * Former name of {@link isolatedLiquidationPrices}, the same function.
 *
 * @deprecated Use {@link isolatedLiquidationPrices}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { isolatedLiquidationPrices, liquidationPrices } from 'liqmath';
 * liquidationPrices === isolatedLiquidationPrices; //=> true
 * ```
 */
export const liquidationPrices: typeof isolatedLiquidationPrices = isolatedLiquidationPrices;
