/**
 * The venue rules that are data, shared by the features that apply them and the venue objects
 * that name them: how a liquidation step is sized and how the ADL queue is ranked.
 */
import type { Numeric } from '../core/decimal.js';

/**
 * A venue's way of sizing one liquidation step:
 * - `'tier-step-down'` (Binance, Bybit classic, BitMEX, OKX): close down to the highest lower
 *   tier whose cap the remainder fits and whose maintenance it meets; all when in the lowest tier.
 * - `'fraction'` (Hyperliquid): `fraction` of the position when its notional exceeds `threshold`,
 *   else all; carries the cooldown and flags a backstop when equity < `backstopBelow`·requirement.
 * - `'capped'` (dYdX v4): `max(min(minNotional, N), N·maxPortion)`, at most `maxNotional`, in lots;
 *   all when the position is within that or one lot.
 * - `'shortage'` (Drift): the shortage ÷ (notional per contract·(maintenance rate − liquidator
 *   fee − insurance fee)), up to the lot; all when that divisor is ≤ 0.
 *
 * @example
 * ```ts
 * import type { LiquidationPolicy } from 'liqmath';
 *
 * const hyperliquid: LiquidationPolicy = { kind: 'fraction', fraction: '0.2', threshold: 100000, cooldownSeconds: 30, backstopBelow: { numerator: 2, denominator: 3 } };
 * ```
 * @group Partial liquidation
 */
export type LiquidationPolicy =
  | { readonly kind: 'tier-step-down' }
  | {
      readonly kind: 'fraction';
      readonly fraction: Numeric;
      readonly threshold: Numeric;
      readonly cooldownSeconds: number;
      readonly backstopBelow: { readonly numerator: Numeric; readonly denominator: Numeric };
    }
  | {
      readonly kind: 'capped';
      readonly minNotional: Numeric;
      readonly maxPortion: Numeric;
      readonly maxNotional: Numeric;
    }
  | { readonly kind: 'shortage'; readonly liquidatorFee: Numeric; readonly insuranceFee: Numeric };

/**
 * The ADL ranking methods liqmath computes: `'pnl-leverage'` (BitMEX, Bybit classic) and
 * `'binance'`.
 *
 * @example
 * ```ts
 * import type { AdlMethod } from 'liqmath';
 *
 * const method: AdlMethod = 'pnl-leverage';
 * ```
 * @group ADL
 */
export type AdlMethod = 'pnl-leverage' | 'binance';
