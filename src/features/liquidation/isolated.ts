/**
 * Isolated positions: liquidation price, bankruptcy price, equity, requirement, margin ratio.
 * Formulas and derivations: `docs/liquidation.md`.
 */
import type Big from 'big.js';
import { freezeDecimal, type Numeric, toPositive } from '../../core/decimal.js';
import { add, div, exactOf, sign, toResult } from '../../core/exact.js';
import { expectChoice } from '../../core/input.js';
import { roundToMultiple } from '../../core/rounding.js';
import { naturalOf } from '../../engine/contract.js';
import {
  bankruptcyPriceOf,
  isolatedHealth,
  isolatedOf,
  liquidationPriceOf,
  type PreparedPosition,
} from '../../engine/isolated.js';
import { pnlAtX, requirementAtX, tierInForce } from '../../engine/legs.js';
import { liquidatableAt } from '../../engine/trigger.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { IsolatedPosition, Side } from '../../model/position.js';
import type { Tier } from '../../model/tiers.js';

/**
 * The mark price at which an isolated position's equity (margin + unrealised PnL) equals its
 * maintenance requirement: tiered maintenance margin at that price's notional (or at entry, for
 * `maintenanceAt: 'entry'`), plus the market's fee to close. Exact (to 50 decimal places); round it
 * for display with {@link roundLiquidationPrice}. `null` when no positive price exists (an
 * over-collateralised linear long, a 1x-collateralised inverse short).
 *
 * When the position is already liquidatable at its entry price, the result is the price on the
 * favourable side where it becomes healthy (for deduction tables, the one root).
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (a market not made by {@link defineMarket}; a position that is
 * not an object, or prepared for another market), `MISSING_FIELD` (`side`, `size`, `entryPrice`; neither or
 * both of `margin` and `leverage`), `INVALID_OPTION` (`side`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE` (also a
 * leverage whose margin would be below 1e-30), `NOT_POSITIVE` (`size`, `entryPrice`), `NEGATIVE` (`margin`),
 * `LEVERAGE_OUT_OF_RANGE` (`leverage` below 1), `LEVERAGE_ABOVE_MAX` (`leverage` above its tier's),
 * `BEYOND_LAST_TIER` (the entry notional, or the contract count, above the table's last cap). A prepared
 * position of this market is not read again.
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedLiquidationPrice } from 'liqmath';
 *
 * // Bybit classic USDT isolated: 1 BTC long at 20,000, 50x, MMR 0.5% of the entry value
 * const market = defineMarket({
 *   symbol: 'BTCUSDT',
 *   contract: 'linear',
 *   settle: 'USDT',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]),
 *   maintenanceAt: 'entry',
 * });
 * isolatedLiquidationPrice(market, { side: 'long', size: 1, entryPrice: 20000, leverage: 50 })?.toString(); //=> '19700'
 * ```
 * @group Isolated positions
 */
export function isolatedLiquidationPrice(market: Market, position: IsolatedPosition | PreparedPosition): Big | null {
  return liquidationPriceOf(isolatedOf(market, position));
}

/**
 * The mark price at which an isolated position's equity is zero, after the fee to close when
 * the market charges it on the bankruptcy value (`closeFee.on: 'bankruptcy'`). `null` when no
 * positive price exists.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice}: `INVALID_TYPE`, `MISSING_FIELD`,
 * `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `LEVERAGE_OUT_OF_RANGE`,
 * `LEVERAGE_ABOVE_MAX`, `BEYOND_LAST_TIER`
 *
 * @example
 * ```ts
 * import { isolatedBankruptcyPrice, defineMarket, defineTiers } from 'liqmath';
 *
 * const market = defineMarket({
 *   symbol: 'BTCUSDT',
 *   contract: 'linear',
 *   settle: 'USDT',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]),
 * });
 * isolatedBankruptcyPrice(market, { side: 'long', size: 1, entryPrice: 10000, leverage: 50 })?.toString(); //=> '9800'
 * ```
 * @group Isolated positions
 */
export function isolatedBankruptcyPrice(market: Market, position: IsolatedPosition | PreparedPosition): Big | null {
  return bankruptcyPriceOf(isolatedOf(market, position));
}

/**
 * Equity of an isolated position at a mark price: margin + unrealised PnL.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice} (`INVALID_TYPE`, `MISSING_FIELD`,
 * `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `LEVERAGE_OUT_OF_RANGE`,
 * `LEVERAGE_ABOVE_MAX`, `BEYOND_LAST_TIER`), and `NOT_POSITIVE` for a `markPrice` ≤ 0
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedEquity } from 'liqmath';
 *
 * const market = defineMarket({
 *   symbol: 'ETH-USD',
 *   contract: 'linear',
 *   settle: 'USDC',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]),
 * });
 * isolatedEquity(market, { side: 'short', size: 3, entryPrice: 3000, margin: 1000 }, 3100).toString(); //=> '700'
 * ```
 * @group Isolated positions
 */
export function isolatedEquity(market: Market, position: IsolatedPosition | PreparedPosition, markPrice: Numeric): Big {
  const state = isolatedOf(market, position);
  const x = markX(state.market, markPrice);
  return toResult(add(state.margin, pnlAtX(state.leg, x)));
}

/**
 * Maintenance requirement of an isolated position at a mark price: tiered maintenance margin
 * plus the fee to close (on the bankruptcy value or on the notional at the mark).
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice} (`INVALID_TYPE`, `MISSING_FIELD`,
 * `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `LEVERAGE_OUT_OF_RANGE`,
 * `LEVERAGE_ABOVE_MAX`, `BEYOND_LAST_TIER`), and `NOT_POSITIVE` for a `markPrice` ≤ 0
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedRequirement } from 'liqmath';
 *
 * const market = defineMarket({
 *   symbol: 'ETH-USD',
 *   contract: 'linear',
 *   settle: 'USDC',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]),
 * });
 * isolatedRequirement(market, { side: 'short', size: 3, entryPrice: 3000, margin: 1000 }, 3100).toString(); //=> '465'
 * ```
 * @group Isolated positions
 */
export function isolatedRequirement(
  market: Market,
  position: IsolatedPosition | PreparedPosition,
  markPrice: Numeric,
): Big {
  const state = isolatedOf(market, position);
  return toResult(requirementAtX(state.leg, markX(state.market, markPrice)));
}

/**
 * The tier an isolated position's requirement uses at `price`: the tier of its notional at that
 * price, or of its contract count for a table keyed by contracts, or its tier at entry when the
 * market values maintenance at entry. Past the last cap the last tier continues, as in the
 * requirement (a short's liquidation price may lie there). What a frontend shows as "tier at
 * liquidation" — the same tier {@link isolatedRequirement} prices.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice}, and `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` for a `price` that is not a positive number in range
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedLiquidationPrice, isolatedTier } from 'liqmath';
 *
 * const tiers = defineTiers([
 *   { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
 * ]);
 * const market = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const position = { side: 'short', size: 1, entryPrice: 49000, leverage: 20 } as const;
 * isolatedTier(market, position, 49000).index; //=> 0
 * const price = isolatedLiquidationPrice(market, position);
 * price?.toFixed(2); //=> '51243.78'
 * isolatedTier(market, position, price ?? 0).index; //=> 1
 * ```
 * @group Isolated positions
 */
export function isolatedTier(market: Market, position: IsolatedPosition | PreparedPosition, price: Numeric): Tier {
  const state = isolatedOf(market, position);
  return tierInForce(state.leg, markX(state.market, price, 'price')).tier;
}

/**
 * Margin ratio of an isolated position as venues display it: requirement ÷ equity at the mark
 * (the isolated counterpart of {@link crossMarginRatio}). At 1 (100%) or more the position is
 * liquidatable (exactly 1: by the market's trigger). `null` when equity ≤ 0, where the ratio is
 * undefined (and the position is liquidatable).
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice} (`INVALID_TYPE`, `MISSING_FIELD`,
 * `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `LEVERAGE_OUT_OF_RANGE`,
 * `LEVERAGE_ABOVE_MAX`, `BEYOND_LAST_TIER`), and `NOT_POSITIVE` for a `markPrice` ≤ 0
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedMarginRatio } from 'liqmath';
 *
 * const market = defineMarket({
 *   symbol: 'ETH-USD',
 *   contract: 'linear',
 *   settle: 'USDC',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]),
 * });
 * // requirement 465 ÷ equity 700
 * isolatedMarginRatio(market, { side: 'short', size: 3, entryPrice: 3000, margin: 1000 }, 3100)?.toFixed(4); //=> '0.6643'
 * ```
 * @group Isolated positions
 */
export function isolatedMarginRatio(
  market: Market,
  position: IsolatedPosition | PreparedPosition,
  markPrice: Numeric,
): Big | null {
  const state = isolatedOf(market, position);
  const x = markX(state.market, markPrice);
  const equity = add(state.margin, pnlAtX(state.leg, x));
  return sign(equity) <= 0 ? null : toResult(div(requirementAtX(state.leg, x), equity));
}

/**
 * True when the isolated position is liquidatable at the mark price: equity ≤ requirement.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice} (`INVALID_TYPE`, `MISSING_FIELD`,
 * `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `LEVERAGE_OUT_OF_RANGE`,
 * `LEVERAGE_ABOVE_MAX`, `BEYOND_LAST_TIER`), and `NOT_POSITIVE` for a `markPrice` ≤ 0
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isIsolatedLiquidatable } from 'liqmath';
 *
 * const market = defineMarket({
 *   symbol: 'ETH-USD',
 *   contract: 'linear',
 *   settle: 'USDC',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]),
 * });
 * const short = { side: 'short', size: 3, entryPrice: 3000, margin: 1000 } as const;
 * isIsolatedLiquidatable(market, short, '3174'); //=> false
 * isIsolatedLiquidatable(market, short, '3175'); //=> true
 * ```
 * @group Isolated positions
 */
export function isIsolatedLiquidatable(
  market: Market,
  position: IsolatedPosition | PreparedPosition,
  markPrice: Numeric,
): boolean {
  const state = isolatedOf(market, position);
  return liquidatableAt(
    isolatedHealth(state, markX(state.market, markPrice)),
    state.leg.compiled.liquidatableAtEquality,
  );
}

/**
 * Rounds a liquidation (or bankruptcy) price to the market's tick as its venue shows it
 * (`market.priceRounding`): toward the mark by default, up for a long, down for a short, so the
 * rounded price is reached no later than the exact one (Bybit, BitMEX, KuCoin); to the nearest
 * tick (Gate); moved one tick toward the mark, unrounded (OKX); or not at all (`'none'`:
 * Binance, Hyperliquid show more digits than the tick). Returns the price unchanged when the market has no tick.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (a market not made by {@link defineMarket}), `INVALID_OPTION`
 * (`side`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`price` ≤ 0)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, roundLiquidationPrice } from 'liqmath';
 *
 * const market = defineMarket({
 *   symbol: 'BTCUSD',
 *   contract: 'inverse',
 *   settle: 'BTC',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]),
 *   tickSize: '0.5',
 * });
 * roundLiquidationPrice(market, 'long', '5739.0835').toString(); //=> '5739.5'
 * roundLiquidationPrice(market, 'short', '5739.0835').toString(); //=> '5739'
 * ```
 * @group Isolated positions
 */
export function roundLiquidationPrice(market: Market, side: Side, price: Numeric): Big {
  const checked = expectMarket(market);
  const towardMark = expectChoice(side, ['long', 'short'], 'side') === 'long' ? 'up' : 'down';
  const exact = toPositive(price, 'price');
  if (checked.tickSize === null || checked.priceRounding === 'none') return freezeDecimal(exact);
  if (checked.priceRounding === 'shift-tick-toward-mark') {
    const shifted = towardMark === 'up' ? exact.plus(checked.tickSize) : exact.minus(checked.tickSize);
    return freezeDecimal(shifted.gt(0) ? shifted : exact);
  }
  const how = checked.priceRounding === 'nearest' ? 'nearest' : towardMark;
  const rounded = roundToMultiple(exact, checked.tickSize, how);
  // A short's price below one tick would round to 0, which is no price: keep one tick.
  return freezeDecimal(rounded.gt(0) ? rounded : checked.tickSize);
}

/** x of a mark price given by the caller. */
function markX(market: Market, markPrice: Numeric, field = 'markPrice') {
  return naturalOf(market.contract, exactOf(toPositive(markPrice, field)));
}

// Former names, kept as deprecated aliases through 0.1.x (one naming scheme: every isolated
// function says `isolated`, every cross-account function says `cross`). Removed in 0.2.0.

/**
 * Former name of {@link isolatedLiquidationPrice}, the same function.
 *
 * @deprecated Use {@link isolatedLiquidationPrice}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { isolatedLiquidationPrice, liquidationPrice } from 'liqmath';
 * liquidationPrice === isolatedLiquidationPrice; //=> true
 * ```
 */
export const liquidationPrice: typeof isolatedLiquidationPrice = isolatedLiquidationPrice;

/**
 * Former name of {@link isolatedBankruptcyPrice}, the same function.
 *
 * @deprecated Use {@link isolatedBankruptcyPrice}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { isolatedBankruptcyPrice, bankruptcyPrice } from 'liqmath';
 * bankruptcyPrice === isolatedBankruptcyPrice; //=> true
 * ```
 */
export const bankruptcyPrice: typeof isolatedBankruptcyPrice = isolatedBankruptcyPrice;
