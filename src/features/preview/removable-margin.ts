/**
 * How much margin may be taken out of an isolated position, by the venue's rule. Venues keep the
 * position's initial margin at the mark in it, and do not let unrealised profit leave: Binance
 * (and Orderly) count only an unrealised loss; Hyperliquid keeps max(initial margin, 10% of the
 * position's value) and counts the unrealised PnL either way. See `docs/what-if.md`.
 */
import type Big from 'big.js';
import { type Numeric, toPositive } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { add, cmp, decimalExact, div, E0, E1, exactOf, mul, sign, sub, toResult } from '../../core/exact.js';
import { expectChoice, expectKnownFields, expectRecord, required } from '../../core/input.js';
import { naturalOf } from '../../engine/contract.js';
import { isolatedOf, type PreparedPosition } from '../../engine/isolated.js';
import { pnlAtX } from '../../engine/legs.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { IsolatedPosition } from '../../model/position.js';

/**
 * Which venue's rule: `'initial-margin'` (Binance, Orderly: what stays is at least the initial
 * margin at the mark, `N/L`, and an unrealised profit does not count) or `'hyperliquid'` (what
 * stays, with the unrealised PnL, is at least `max(N/L, 10% of N)`).
 *
 * @example
 * ```ts
 * import type { RemovableMarginRule } from 'liqmath';
 *
 * const rule: RemovableMarginRule = 'hyperliquid';
 * ```
 * @group What if
 */
export type RemovableMarginRule = 'initial-margin' | 'hyperliquid';

/**
 * The most margin an isolated position lets you remove at the mark, by the venue's rule: never
 * more than its margin, never less than zero. With `N` its notional at the mark, `L` the leverage
 * setting and `u` the unrealised PnL there: `'initial-margin'` (Binance) gives
 * `margin + min(0, u) − N/L`; `'hyperliquid'` gives `margin + u − max(N/L, N/10)`. Exact.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice} for `market` and
 * `position`; `options`: `INVALID_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD` (`markPrice`, `leverage`,
 * `rule`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `LEVERAGE_OUT_OF_RANGE` (below 1),
 * `INVALID_OPTION` (`rule`)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedMaxRemovableMargin } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 50 }]);
 * const market = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USDC', tiers });
 * const position = { side: 'long', size: 1, entryPrice: 50000, margin: 10000 } as const;
 * // At 52,000 and 10x: Binance keeps 5,200 and not the 2,000 profit; Hyperliquid keeps 5,200 but counts it.
 * isolatedMaxRemovableMargin(market, position, { markPrice: 52000, leverage: 10, rule: 'initial-margin' }).toString(); //=> '4800'
 * isolatedMaxRemovableMargin(market, position, { markPrice: 52000, leverage: 10, rule: 'hyperliquid' }).toString(); //=> '6800'
 * ```
 * @group What if
 */
export function isolatedMaxRemovableMargin(
  market: Market,
  position: IsolatedPosition | PreparedPosition,
  options: { readonly markPrice: Numeric; readonly leverage: Numeric; readonly rule: RemovableMarginRule },
): Big {
  const checked = expectMarket(market);
  const state = isolatedOf(checked, position);
  const record = expectRecord(options, 'options', 'options { markPrice, leverage, rule }');
  expectKnownFields(record, ['markPrice', 'leverage', 'rule'], 'options');
  const mark = exactOf(toPositive(required(record, 'markPrice', 'options'), 'options.markPrice'));
  const given = required(record, 'leverage', 'options');
  const leverage = exactOf(toPositive(given, 'options.leverage'));
  if (cmp(leverage, E1) < 0) fail('LEVERAGE_OUT_OF_RANGE', 'options.leverage', given, 'a leverage of at least 1');
  const rule = expectChoice(required(record, 'rule', 'options'), ['initial-margin', 'hyperliquid'], 'options.rule');
  const { leg, margin } = state;
  const x = naturalOf(leg.compiled.contract, mark);
  const notional = mul(leg.k, x);
  const pnl = pnlAtX(leg, x);
  const initial = div(notional, leverage);
  const tenth = div(notional, decimalExact(10n, 0));
  const removable =
    rule === 'initial-margin'
      ? sub(add(margin, sign(pnl) < 0 ? pnl : E0), initial)
      : sub(add(margin, pnl), cmp(initial, tenth) >= 0 ? initial : tenth);
  const clamped = sign(removable) <= 0 ? E0 : cmp(removable, margin) > 0 ? margin : removable;
  return toResult(clamped);
}
