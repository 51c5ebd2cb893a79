/**
 * Cross-margin accounts: equity, maintenance requirement, margin ratio, and the liquidation
 * prices of one symbol with every other market held at its mark. Derivation: `docs/liquidation.md`.
 */
import type Big from 'big.js';
import { fail } from '../../core/errors.js';
import { add, div, E0, sign, toResult } from '../../core/exact.js';
import { accountOf } from '../../engine/account.js';
import {
  accountHealth,
  atEquality,
  type CrossLiquidation,
  liquidationsBySymbol,
  type SymbolLiquidation,
  solveSymbol,
} from '../../engine/cross.js';
import { pnlAtX, requirementAtX, tierInForce } from '../../engine/legs.js';
import { liquidatableAt } from '../../engine/trigger.js';
import { type CrossAccount, type PositionRef, readPositionRef } from '../../model/position.js';
import type { Tier } from '../../model/tiers.js';

/**
 * Equity of a cross account at its marks: collateral + every position's unrealised PnL.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (the account or a position not an object, `positions` not an
 * array, a market not made by {@link defineMarket}), `MISSING_FIELD` (`collateral`, `positions`; a position's
 * `market`, `side`, `size`, `entryPrice`, `markPrice`), `INVALID_OPTION` (`side`), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`size`, `entryPrice`, `markPrice`), `NEGATIVE` (`collateral`),
 * `TOO_LARGE` (more positions than `LIMITS.accountPositions`), `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`,
 * `MARK_PRICE_MISMATCH`, `DUPLICATE_POSITION` (a second long, or short, of one symbol), `BEYOND_LAST_TIER` (a
 * position above its table's last cap at its entry; a mark past it is priced on the last tier). None for an account from
 * {@link defineAccount}, which is not read again.
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, crossEquity } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
 * crossEquity({ collateral: 1000, positions: [{ market: eth, side: 'short', size: '1.5', entryPrice: 3000, markPrice: 3100 }] }).toString(); //=> '850'
 * ```
 * @group Cross accounts
 */
export function crossEquity(account: CrossAccount): Big {
  const { collateral, legs } = accountOf(account);
  let sum = collateral;
  for (const { leg, markX } of legs) sum = add(sum, pnlAtX(leg, markX));
  return toResult(sum);
}

/**
 * Total maintenance requirement of a cross account at its marks: each position's tiered
 * maintenance margin at its mark notional plus its fee to close (charged on the notional at the
 * mark in a cross account).
 *
 * @throws {@link LiqMathError} the codes of {@link crossEquity}: `INVALID_TYPE`, `MISSING_FIELD`,
 * `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `TOO_LARGE`,
 * `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`, `MARK_PRICE_MISMATCH`, `DUPLICATE_POSITION`, `BEYOND_LAST_TIER` (none
 * for an account from {@link defineAccount})
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, crossRequirement } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
 * crossRequirement({ collateral: 1000, positions: [{ market: eth, side: 'short', size: '1.5', entryPrice: 3000, markPrice: 3000 }] }).toString(); //=> '225'
 * ```
 * @group Cross accounts
 */
export function crossRequirement(account: CrossAccount): Big {
  const { legs } = accountOf(account);
  let sum = E0;
  for (const { leg, markX } of legs) sum = add(sum, requirementAtX(leg, markX));
  return toResult(sum);
}

/**
 * Margin ratio as venues display it: maintenance requirement ÷ equity. At 1 (100%) or more the
 * account is liquidatable. `null` when equity ≤ 0: the ratio is undefined there, and the account
 * is liquidatable (bankrupt when equity < 0).
 *
 * @throws {@link LiqMathError} the codes of {@link crossEquity}: `INVALID_TYPE`, `MISSING_FIELD`,
 * `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `TOO_LARGE`,
 * `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`, `MARK_PRICE_MISMATCH`, `DUPLICATE_POSITION`, `BEYOND_LAST_TIER` (none
 * for an account from {@link defineAccount})
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, crossMarginRatio } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
 * crossMarginRatio({ collateral: 1000, positions: [{ market: eth, side: 'short', size: '1.5', entryPrice: 3000, markPrice: 3000 }] })?.toString(); //=> '0.225'
 * ```
 * @group Cross accounts
 */
export function crossMarginRatio(account: CrossAccount): Big | null {
  const { collateral, legs } = accountOf(account);
  let total = collateral;
  let requirement = E0;
  for (const { leg, markX } of legs) {
    total = add(total, pnlAtX(leg, markX));
    requirement = add(requirement, requirementAtX(leg, markX));
  }
  return sign(total) <= 0 ? null : toResult(div(requirement, total));
}

/**
 * True when a cross account is liquidatable at its marks: equity ≤ maintenance requirement.
 *
 * @throws {@link LiqMathError} the codes of {@link crossEquity}: `INVALID_TYPE`, `MISSING_FIELD`,
 * `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `TOO_LARGE`,
 * `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`, `MARK_PRICE_MISMATCH`, `DUPLICATE_POSITION`, `BEYOND_LAST_TIER` (none
 * for an account from {@link defineAccount})
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isCrossLiquidatable } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
 * const at = (markPrice: string) => ({ collateral: 1000, positions: [{ market: eth, side: 'short' as const, size: '1.5', entryPrice: 3000, markPrice }] });
 * // liquidation price (1,000 + 1.5·3,000) / (1.5·1.05) = 3,492.06…
 * isCrossLiquidatable(at('3492')); //=> false
 * isCrossLiquidatable(at('3492.1')); //=> true
 * ```
 * @group Cross accounts
 */
export function isCrossLiquidatable(account: CrossAccount): boolean {
  const { collateral, legs } = accountOf(account);
  return liquidatableAt(accountHealth(collateral, legs), atEquality(legs));
}

/**
 * The nearest prices of `symbol`, below and above its mark, at which the cross account becomes
 * liquidatable, holding every other market at its mark. Every leg on `symbol` (both hedge legs)
 * moves with the price, each on the tier of its own notional there.
 *
 * @throws {@link LiqMathError} `UNKNOWN_SYMBOL` when the account has no position in `symbol`, and the codes of
 * {@link crossEquity} for a bad account: `INVALID_TYPE`, `MISSING_FIELD`, `INVALID_OPTION`, `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `TOO_LARGE`, `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`,
 * `MARK_PRICE_MISMATCH`, `DUPLICATE_POSITION`, `BEYOND_LAST_TIER` (none for an account from
 * {@link defineAccount})
 *
 * @example
 * ```ts
 * import { crossLiquidationPrice, defineMarket, defineTiers } from 'liqmath';
 *
 * // dYdX v4 docs: 1,000 USDC, short 1.5 ETH at 3,000 (MMF 5%), long 1,000 STRK at 1.75 (MMF 10%)
 * const usdc = (symbol: string, rate: string, leverage: number) =>
 *   defineMarket({ symbol, contract: 'linear', settle: 'USDC', tiers: defineTiers([{ cap: null, maintenanceMarginRate: rate, maxLeverage: leverage }]) });
 * const account = {
 *   collateral: 1000,
 *   positions: [
 *     { market: usdc('ETH-USD', '0.05', 20), side: 'short', size: '1.5', entryPrice: 3000, markPrice: 3000 },
 *     { market: usdc('STRK-USD', '0.1', 5), side: 'long', size: 1000, entryPrice: '1.75', markPrice: '1.75' },
 *   ],
 * } as const;
 * const result = crossLiquidationPrice(account, 'ETH-USD');
 * result.status; //=> 'healthy'
 * result.below; //=> null
 * result.above?.toFixed(2); //=> '3380.95'
 * ```
 * @group Cross accounts
 */
export function crossLiquidationPrice(account: CrossAccount, symbol: string): CrossLiquidation {
  const { collateral, legs } = accountOf(account);
  const moving = legs.filter((l) => l.leg.market.symbol === symbol);
  if (moving.length === 0) fail('UNKNOWN_SYMBOL', 'symbol', symbol, 'the symbol of a position in the account');
  const others = accountHealth(
    collateral,
    legs.filter((l) => l.leg.market.symbol !== symbol),
  );
  return solveSymbol(moving, others, atEquality(legs));
}

/**
 * {@link crossLiquidationPrice} for every symbol of the account at once, in the order the
 * symbols first appear. The account is read and valued once: O(N) for N positions plus the
 * tier segments walked, instead of O(N) per symbol. Equal to calling
 * `crossLiquidationPrice(account, symbol)` for each symbol.
 *
 * @throws {@link LiqMathError} the codes of {@link crossEquity}: `INVALID_TYPE`, `MISSING_FIELD`,
 * `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`, `TOO_LARGE`,
 * `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`, `MARK_PRICE_MISMATCH`, `DUPLICATE_POSITION`, `BEYOND_LAST_TIER` (none
 * for an account from {@link defineAccount})
 *
 * @example
 * ```ts
 * import { crossLiquidationPrices, defineMarket, defineTiers } from 'liqmath';
 *
 * const usdc = (symbol: string, rate: string, leverage: number) =>
 *   defineMarket({ symbol, contract: 'linear', settle: 'USDC', tiers: defineTiers([{ cap: null, maintenanceMarginRate: rate, maxLeverage: leverage }]) });
 * const account = {
 *   collateral: 1000,
 *   positions: [
 *     { market: usdc('ETH-USD', '0.05', 20), side: 'short', size: '1.5', entryPrice: 3000, markPrice: 3000 },
 *     { market: usdc('STRK-USD', '0.1', 5), side: 'long', size: 1000, entryPrice: '1.75', markPrice: '1.75' },
 *   ],
 * } as const;
 * const [eth, strk] = crossLiquidationPrices(account);
 * eth?.above?.toFixed(2); //=> '3380.95'
 * // STRK with ETH held at its mark: 1,000 + 1,000·(P − 1.75) − 225 = 100·P → P = 975/900
 * strk?.below?.toFixed(4); //=> '1.0833'
 * ```
 * @group Cross accounts
 */
export function crossLiquidationPrices(account: CrossAccount): readonly SymbolLiquidation[] {
  const { collateral, legs } = accountOf(account);
  return liquidationsBySymbol(collateral, legs);
}

/**
 * The tier one position of a cross account is in at the account's mark for its symbol: the tier
 * of its notional there, of its contract count for a table keyed by contracts, or its tier at
 * entry when the market values maintenance at entry — the tier {@link crossRequirement} prices.
 *
 * @throws {@link LiqMathError} the account's codes (see {@link crossEquity}), and for `ref`:
 * `INVALID_TYPE`, `MISSING_FIELD`, `UNKNOWN_FIELD`, `INVALID_OPTION` (side), `UNKNOWN_SYMBOL` (no
 * position of that symbol and side)
 *
 * @example
 * ```ts
 * import { crossTier, defineMarket, defineTiers } from 'liqmath';
 *
 * const tiers = defineTiers([
 *   { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
 * ]);
 * const btc = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const account = { collateral: 5000, positions: [{ market: btc, side: 'long', size: 1, entryPrice: 49000, markPrice: 51000 }] } as const;
 * crossTier(account, { symbol: 'BTCUSDT', side: 'long' }).maintenanceMarginRate.toString(); //=> '0.005'
 * ```
 * @group Cross accounts
 */
export function crossTier(account: CrossAccount, ref: PositionRef): Tier {
  // The account's legs (a prepared account's without reading it again), then the one named.
  const { legs } = accountOf(account);
  const { symbol, sign } = readPositionRef(ref);
  const chosen = legs.find(({ leg }) => leg.market.symbol === symbol && leg.sign === sign);
  if (chosen === undefined) fail('UNKNOWN_SYMBOL', 'ref', symbol, 'the symbol and side of a position in the account');
  return tierInForce(chosen.leg, chosen.markX).tier;
}

// Former names, kept as deprecated aliases through 0.1.x (one naming scheme: every isolated
// function says `isolated`, every cross-account function says `cross`). Removed in 0.2.0.

/**
 * Former name of {@link crossEquity}, the same function.
 *
 * @deprecated Use {@link crossEquity}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { crossEquity, equity } from 'liqmath';
 * equity === crossEquity; //=> true
 * ```
 */
export const equity: typeof crossEquity = crossEquity;

/**
 * Former name of {@link crossRequirement}, the same function.
 *
 * @deprecated Use {@link crossRequirement}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { crossRequirement, maintenanceRequirement } from 'liqmath';
 * maintenanceRequirement === crossRequirement; //=> true
 * ```
 */
export const maintenanceRequirement: typeof crossRequirement = crossRequirement;

/**
 * Former name of {@link crossMarginRatio}, the same function.
 *
 * @deprecated Use {@link crossMarginRatio}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { crossMarginRatio, marginRatio } from 'liqmath';
 * marginRatio === crossMarginRatio; //=> true
 * ```
 */
export const marginRatio: typeof crossMarginRatio = crossMarginRatio;

/**
 * Former name of {@link isCrossLiquidatable}, the same function.
 *
 * @deprecated Use {@link isCrossLiquidatable}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { isCrossLiquidatable, isLiquidatable } from 'liqmath';
 * isLiquidatable === isCrossLiquidatable; //=> true
 * ```
 */
export const isLiquidatable: typeof isCrossLiquidatable = isCrossLiquidatable;
