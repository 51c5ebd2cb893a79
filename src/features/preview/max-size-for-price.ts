/**
 * The largest position, opened at a price and a leverage, whose liquidation price stays strictly
 * beyond a stop. Everything in the position's health scales with its size except the tiers'
 * deductions and which tier applies, so each condition "health > 0" at the stop, at the entry, and
 * just past each tier boundary between them is linear in the size; feasibility can change only at
 * the roots of those lines and where a tier boundary enters or leaves the interval. The answer is
 * found by checking one size per region between those critical sizes, from the top, with the exact
 * engine. Derivation: `docs/what-if.md`.
 */
import type Big from 'big.js';
import { type Numeric, toPositive } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import {
  add,
  cmp,
  decimalExact,
  div,
  E0,
  E1,
  type Exact,
  exactOf,
  mul,
  neg,
  sign,
  sub,
  toResult,
} from '../../core/exact.js';
import { expectChoice, expectKnownFields, expectRecord, required } from '../../core/input.js';
import { naturalOf } from '../../engine/contract.js';
import { exactIsolatedState, liquidationPriceOf, openingMargin } from '../../engine/isolated.js';
import { makeLeg, tierHolding } from '../../engine/legs.js';
import { type CompiledMarket, compiledMarket } from '../../model/compiled.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { Side } from '../../model/position.js';

/**
 * The largest size whose liquidation price stays strictly beyond the stop, or why there is none:
 * `'not-even-one-lot'` (one lot is already liquidated at or before the stop, or the leverage is
 * not allowed for it), `'no-limit'` (every size stays beyond: an unbounded last tier whose rate
 * still leaves the stop safe).
 *
 * @example
 * ```ts
 * import type { MaxSizeForLiquidationPrice } from 'liqmath';
 *
 * const say = (r: MaxSizeForLiquidationPrice) => r.size === null ? r.reason : `up to ${r.size}`;
 * ```
 * @group What if
 */
export type MaxSizeForLiquidationPrice =
  | { readonly size: Big; readonly liquidationPrice: Big | null; readonly reason: null }
  | { readonly size: null; readonly liquidationPrice: null; readonly reason: 'not-even-one-lot' | 'no-limit' };

/**
 * The largest position (a whole number of the market's lots) opened at `entryPrice` with
 * `leverage` whose liquidation price is strictly beyond `stopPrice` (below it for a long, above for
 * a short), so that a stop there always fires first; with the leverage allowed by the tier the
 * position is in. Exact, without a search over sizes: the conditions are linear in the size between
 * critical sizes (see the module note), and one size per region is checked with the engine. O(T)
 * engine checks for T tiers.
 *
 * @throws {@link LiqMathError} for `market` its codes and `INVALID_OPTION` (`market.lotSize`: a market
 * without a lot has no largest size); for `input`: `INVALID_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD`,
 * `INVALID_OPTION` (`side`, a stop not on the losing side of the entry), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `LEVERAGE_OUT_OF_RANGE` (below 1)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedMaxSizeForLiquidationPrice } from 'liqmath';
 *
 * const tiers = defineTiers([
 *   { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
 *   { cap: null, maintenanceMarginRate: '0.05', maxLeverage: 10 },
 * ]);
 * const market = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', lotSize: '0.001', tiers });
 * // Past 250,000 of notional the 5% tier applies; its deduction (11,300) keeps the liquidation
 * // price below 55,000 up to 6.457 BTC.
 * const result = isolatedMaxSizeForLiquidationPrice(market, { side: 'long', entryPrice: 60000, leverage: 10, stopPrice: 55000 });
 * result.size?.toString(); //=> '6.457'
 * ```
 * @group What if
 */
export function isolatedMaxSizeForLiquidationPrice(
  market: Market,
  input: { readonly side: Side; readonly entryPrice: Numeric; readonly leverage: Numeric; readonly stopPrice: Numeric },
): MaxSizeForLiquidationPrice {
  const checked = expectMarket(market);
  if (checked.lotSize === null) {
    fail('INVALID_OPTION', 'market.lotSize', null, 'a lot size: without one there is no largest size, only a bound');
  }
  const record = expectRecord(input, 'input', 'input { side, entryPrice, leverage, stopPrice }');
  expectKnownFields(record, ['side', 'entryPrice', 'leverage', 'stopPrice'], 'input');
  const side = expectChoice(required(record, 'side', 'input'), ['long', 'short'], 'input.side');
  const entry = exactOf(toPositive(required(record, 'entryPrice', 'input'), 'input.entryPrice'));
  const given = required(record, 'leverage', 'input');
  const leverage = exactOf(toPositive(given, 'input.leverage'));
  if (cmp(leverage, E1) < 0) fail('LEVERAGE_OUT_OF_RANGE', 'input.leverage', given, 'a leverage of at least 1');
  const stop = exactOf(toPositive(required(record, 'stopPrice', 'input'), 'input.stopPrice'));
  const losing = side === 'long' ? cmp(stop, entry) < 0 : cmp(stop, entry) > 0;
  if (!losing) {
    fail(
      'INVALID_OPTION',
      'input.stopPrice',
      record.stopPrice,
      `a stop ${side === 'long' ? 'below' : 'above'} the entry`,
    );
  }
  const sideSign: 1 | -1 = side === 'long' ? 1 : -1;
  const compiled = compiledMarket(checked);
  const lot = exactOf(checked.lotSize as Big);

  // Per contract: the margin at the leverage, and the health line a + b·x without the maintenance.
  const unit = unitSize(compiled, entry);
  const unitLeg = makeLeg({ market: checked, sign: sideSign, size: unit, entryPrice: entry }, 'input');
  const unitMargin = openingMargin(unitLeg, leverage);
  const perContract = div(unitMargin, unit);
  const charged = exactIsolatedState(unitLeg, unitMargin).leg;
  const a = div(sub(add(unitMargin, charged.pnl.constant), charged.fixedCharge), unit);
  const b = div(sub(charged.pnl.slope, charged.feeSlope), unit);
  const cs = compiled.contractSize;
  const xE = naturalOf(compiled.contract, entry);
  const xS = naturalOf(compiled.contract, stop);
  const [xLo, xHi] = cmp(xE, xS) < 0 ? [xE, xS] : [xS, xE];
  const tiers = compiled.table.tiers;

  // Critical sizes: where a tier boundary meets an end of [xLo, xHi] (or the entry's key), and the
  // roots of health > 0 at the ends and just past each boundary, per tier.
  const critical: Exact[] = [];
  const push = (q: Exact | null) => {
    if (q !== null && sign(q) > 0) critical.push(q);
  };
  const root = (u: Exact, v: Exact) => (sign(u) === 0 ? null : div(neg(v), u));
  const keyPer = (x: Exact) => (compiled.table.byContracts ? E1 : mul(cs, x));
  for (const tier of tiers) {
    const r = tier.rate;
    const d = tier.deduction;
    for (const x of [xLo, xHi]) {
      // Maintenance r·N − d with N at x, or at the entry for maintenance valued at entry.
      const basis = compiled.maintenanceAtEntry ? xE : x;
      push(root(sub(add(a, mul(b, x)), mul(mul(r, cs), basis)), d));
      if (tier.cap !== null) push(div(tier.cap, keyPer(compiled.maintenanceAtEntry ? xE : x)));
    }
    if (tier.cap !== null) {
      push(div(tier.cap, keyPer(xE)));
      const next = tiers[tier.index + 1];
      if (next !== undefined && !compiled.table.byContracts && !compiled.maintenanceAtEntry) {
        // Just past the boundary x_b = cap/(q·CS): q·a + b·cap/CS − r'·cap + d' > 0.
        push(root(a, add(sub(div(mul(b, tier.cap), cs), mul(next.rate, tier.cap)), next.deduction)));
      }
    }
  }
  critical.sort((p, q) => cmp(p, q));
  const feasible = (q: Exact): boolean => beyond(checked, compiled, sideSign, q, entry, leverage, perContract, stop);

  // The top region first: if it is feasible, no size is too large.
  const top = critical.at(-1) ?? E1;
  if (feasible(add(mul(top, decimalExact(2n, 0)), lot))) {
    return Object.freeze({ size: null, liquidationPrice: null, reason: 'no-limit' as const });
  }
  const points = [E0, ...critical];
  for (let k = points.length - 1; k >= 1; k -= 1) {
    const low = points[k - 1] as Exact;
    const high = points[k] as Exact;
    const lots = div(high, lot);
    let q = mul(decimalExact(lots.n / lots.d, 0), lot);
    if (cmp(q, low) <= 0) continue;
    // The top of the region itself may be feasible (a closed end); else an interior size decides.
    if (cmp(q, high) === 0 && !feasible(q)) q = sub(q, lot);
    if (cmp(q, low) <= 0 || !feasible(q)) continue;
    const price = priceAt(checked, sideSign, q, entry, perContract);
    return Object.freeze({ size: toResult(q), liquidationPrice: price, reason: null });
  }
  return Object.freeze({ size: null, liquidationPrice: null, reason: 'not-even-one-lot' as const });
}

/** One contract, or (when one contract is already past a bounded table) a size inside it. */
function unitSize(compiled: CompiledMarket, entry: Exact): Exact {
  const tiers = compiled.table.tiers;
  const cap = (tiers[tiers.length - 1] as (typeof tiers)[number]).cap;
  const perUnit = compiled.table.byContracts ? E1 : mul(compiled.contractSize, naturalOf(compiled.contract, entry));
  return cap === null || cmp(perUnit, cap) <= 0 ? E1 : div(div(cap, perUnit), decimalExact(2n, 0));
}

/** Whether q contracts (allowed at the leverage) have their liquidation price strictly beyond the stop. */
function beyond(
  market: Market,
  compiled: CompiledMarket,
  sideSign: 1 | -1,
  q: Exact,
  entry: Exact,
  leverage: Exact,
  perContract: Exact,
  stop: Exact,
): boolean {
  const tiers = compiled.table.tiers;
  const key = compiled.table.byContracts ? q : mul(mul(q, compiled.contractSize), naturalOf(compiled.contract, entry));
  const last = tiers[tiers.length - 1] as (typeof tiers)[number];
  if (last.cap !== null && cmp(key, last.cap) > 0) return false;
  if (cmp(leverage, tierHolding(tiers, key).maxLeverage) > 0) return false;
  const leg = makeLeg({ market, sign: sideSign, size: q, entryPrice: entry }, 'input');
  const price = liquidationPriceOf(exactIsolatedState(leg, mul(q, perContract)));
  if (price === null) return true;
  const p = exactOf(price);
  // (The price is the exact root rounded once at 50 places, as every liquidation price.)
  return sideSign === 1 ? cmp(p, stop) < 0 : cmp(p, stop) > 0;
}

function priceAt(market: Market, sideSign: 1 | -1, q: Exact, entry: Exact, perContract: Exact): Big | null {
  const leg = makeLeg({ market, sign: sideSign, size: q, entryPrice: entry }, 'input');
  return liquidationPriceOf(exactIsolatedState(leg, mul(q, perContract)));
}
