/**
 * The inverse of the liquidation price: the margin (or leverage) an isolated position needs for
 * its liquidation price to be a given price. Closed form: at the target the health is zero,
 * `m + PnL(x_T) − requirement(x_T) − charge(m) = 0`, linear in `m` for every fee rule; the answer
 * is then checked by pricing the position with that margin. Derivation: `docs/what-if.md`.
 */
import type Big from 'big.js';
import { type Numeric, toPositive } from '../../core/decimal.js';
import { add, cmp, div, E1, type Exact, exactOf, mul, neg, sign, sub, toResult } from '../../core/exact.js';
import { naturalOf } from '../../engine/contract.js';
import { exactIsolatedState, isolatedOf, liquidationPriceOf, type PreparedPosition } from '../../engine/isolated.js';
import { type Leg, makeLeg, pnlAtX, requirementAtX, tierHolding } from '../../engine/legs.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { IsolatedPosition } from '../../model/position.js';

/**
 * The margin (and the leverage it corresponds to) for a liquidation price, or why none exists:
 * `'not-adverse'` — the target is not on the losing side of the entry (below it for a long, above
 * for a short); `'tier-jump'` — a flat table's requirement jumps between the entry and the
 * target, so the position would be liquidated at the jump first, whatever the margin.
 *
 * @example
 * ```ts
 * import type { MarginForLiquidationPrice } from 'liqmath';
 *
 * const say = (r: MarginForLiquidationPrice) => r.margin === null ? `impossible: ${r.reason}` : `add ${r.change}`;
 * ```
 * @group What if
 */
export type MarginForLiquidationPrice =
  | {
      /** The margin the position must hold. */
      readonly margin: Big;
      /** margin − the position's margin now: to add (> 0) or that may be removed (< 0). */
      readonly change: Big;
      /** The leverage whose margin this is (entry notional ÷ initial margin), or null below 1x. */
      readonly leverage: Big | null;
      readonly reason: null;
    }
  | {
      readonly margin: null;
      readonly change: null;
      readonly leverage: null;
      readonly reason: 'not-adverse' | 'tier-jump';
    };

/**
 * The margin an isolated position must hold for its liquidation price to be exactly `targetPrice`,
 * how much that is to add or remove, and the leverage it corresponds to; `margin: null` with a
 * reason when no margin gives that price. Exact: the position with the returned margin has
 * {@link isolatedLiquidationPrice} equal to the target (checked before answering). The position's
 * own margin (or leverage) only sets `change`.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice} for `market` and
 * `position`, and `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` for `targetPrice`
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedMarginForLiquidationPrice } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
 * const market = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const position = { side: 'long', size: 1, entryPrice: 50000, leverage: 20 } as const;
 * // At 45,000: margin + (45,000 − 50,000) = 0.5% of 45,000 → margin 5,225.
 * const result = isolatedMarginForLiquidationPrice(market, position, 45000);
 * result.margin?.toString(); //=> '5225'
 * result.change?.toString(); //=> '2725'
 * isolatedMarginForLiquidationPrice(market, position, 51000).reason; //=> 'not-adverse'
 * ```
 * @group What if
 */
export function isolatedMarginForLiquidationPrice(
  market: Market,
  position: IsolatedPosition | PreparedPosition,
  targetPrice: Numeric,
): MarginForLiquidationPrice {
  const checked = expectMarket(market);
  const state = isolatedOf(checked, position);
  const target = exactOf(toPositive(targetPrice, 'targetPrice'));
  // The bare leg: its fee to close on the bankruptcy value (which depends on the margin) is not charged yet.
  const leg = makeLeg(
    { market: checked, sign: state.leg.sign, size: state.leg.size, entryPrice: state.entryPrice },
    'position',
  );
  const xT = naturalOf(leg.compiled.contract, target);
  // Adverse: x moves the way this position loses.
  const adverse = sign(leg.pnl.slope) > 0 ? cmp(xT, leg.entryX) < 0 : cmp(xT, leg.entryX) > 0;
  if (!adverse) return none('not-adverse');
  const margin = marginAt(leg, xT);
  const priced = liquidationPriceOf(exactIsolatedState(leg, margin));
  if (priced === null || !priced.eq(toResult(target))) return none('tier-jump');
  return Object.freeze({
    margin: toResult(margin),
    change: toResult(sub(margin, state.margin)),
    leverage: leverageOf(leg, margin),
    reason: null,
  });
}

/**
 * Solves the health at x for the margin. With `b = requirement(x) − PnL(x)` (funding included):
 * no fee held in the margin: `m = b`; a fee on the bankruptcy value (`rate·k·x_b`, the bankruptcy
 * x itself net of that fee): `m = (b·D + rate·k·c)/(−slope)` with `D = rate·k − slope` and `c` the
 * PnL line's constant; a reserve
 * (`rate·(N_E + m)/(1 + rate)`): `m = b·(1 + rate) + rate·N_E`.
 */
function marginAt(leg: Leg, x: Exact): Exact {
  const b = sub(requirementAtX(leg, x), pnlAtX(leg, x));
  const fee = leg.compiled.closeFee;
  if (fee === null || !(fee.onBankruptcy || fee.reserve)) return b;
  const entryNotional = mul(leg.k, leg.entryX);
  if (fee.reserve) return add(mul(b, add(E1, fee.rate)), mul(fee.rate, entryNotional));
  // The bankruptcy x includes the fee there: m + c + slope·x_b − rk·x_b = 0, so
  // x_b = (m + c)/D with D = rk − slope, and m − b − rk·(m + c)/D = 0 gives m = (b·D + rk·c)/(−slope).
  const rk = mul(fee.rate, leg.k);
  const d = sub(rk, leg.pnl.slope);
  return div(add(mul(b, d), mul(rk, leg.pnl.constant)), neg(leg.pnl.slope));
}

/** Entry notional ÷ the initial part of the margin (the reserve taken out where there is one); null below 1x. */
function leverageOf(leg: Leg, margin: Exact): Big | null {
  const notional = mul(leg.k, leg.entryX);
  const fee = leg.compiled.closeFee;
  // margin = N/L + rate·(N + N/L) for a reserve, so N/L = (margin − rate·N) / (1 + rate).
  const initial = fee?.reserve === true ? div(sub(margin, mul(fee.rate, notional)), add(E1, fee.rate)) : margin;
  if (sign(initial) <= 0) return null;
  const leverage = div(notional, initial);
  return cmp(leverage, E1) < 0 ? null : toResult(leverage);
}

function none(reason: 'not-adverse' | 'tier-jump'): MarginForLiquidationPrice {
  return Object.freeze({ margin: null, change: null, leverage: null, reason });
}

/**
 * The leverage to open a position at so that its liquidation price is exactly `targetPrice`: the
 * leverage of {@link isolatedMarginForLiquidationPrice}'s margin (entry notional ÷ the initial part
 * of it), with the reason when there is none — that function's reasons, `'below-1x'` (the margin
 * needed is more than the notional), or `'above-max-leverage'` (more than the position's tier
 * allows). The position's own margin or leverage is not used.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedMarginForLiquidationPrice}
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedLeverageForLiquidationPrice } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
 * const market = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * // Margin 5,225 on a 50,000 notional: 50,000 / 5,225.
 * isolatedLeverageForLiquidationPrice(market, { side: 'long', size: 1, entryPrice: 50000, leverage: 20 }, 45000).leverage?.toFixed(4); //=> '9.5694'
 * ```
 * @group What if
 */
export function isolatedLeverageForLiquidationPrice(
  market: Market,
  position: IsolatedPosition | PreparedPosition,
  targetPrice: Numeric,
):
  | { readonly leverage: Big; readonly reason: null }
  | { readonly leverage: null; readonly reason: 'not-adverse' | 'tier-jump' | 'below-1x' | 'above-max-leverage' } {
  const result = isolatedMarginForLiquidationPrice(market, position, targetPrice);
  if (result.reason !== null) return Object.freeze({ leverage: null, reason: result.reason });
  if (result.leverage === null) return Object.freeze({ leverage: null, reason: 'below-1x' as const });
  const state = isolatedOf(expectMarket(market), position);
  const leg = state.leg;
  const tier = leg.fixedTier ?? tierHolding(leg.compiled.table.tiers, mul(leg.k, leg.entryX));
  if (cmp(exactOf(result.leverage), tier.maxLeverage) > 0) {
    return Object.freeze({ leverage: null, reason: 'above-max-leverage' as const });
  }
  return Object.freeze({ leverage: result.leverage, reason: null });
}
