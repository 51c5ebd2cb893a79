/**
 * How close a cross account is to its venue's levels: equity, requirements, the venue's ratio by
 * the venue's definition, a normalised health, the level reached and, for each symbol, the prices
 * where the next level and liquidation are reached. Derivation: `docs/health.md`.
 */
import type Big from 'big.js';
import { toResult } from '../../core/exact.js';
import { expectKnownFields, expectRecord } from '../../core/input.js';
import { accountOf } from '../../engine/account.js';
import { priceOfNatural } from '../../engine/contract.js';
import {
  collateralHealthState,
  equityOf,
  type HealthState,
  type LevelPrices,
  levelPrices,
  plainHealthState,
  requirementOf,
} from '../../engine/health.js';
import { liquidatableAtEquality } from '../../engine/trigger.js';
import { type CollateralAccount, isCollateralAccount, readCollateralAccount } from '../../model/collateral.js';
import {
  type HealthDefinition,
  type HealthDefinitionInput,
  readHealthDefinition,
  requirementBasis,
} from '../../model/health.js';
import type { CrossAccount } from '../../model/position.js';
import { defaultHealth, type HealthNumbers, healthNumbers, levelMultiple, liquidationMultiple } from './ratio.js';

/**
 * Options of {@link crossHealth} (closed: unknown fields are refused).
 *
 * @example
 * ```ts
 * import { binancePortfolioMargin, type HealthOptions } from 'liqmath';
 *
 * const options: HealthOptions = { definition: binancePortfolioMargin };
 * ```
 * @group Health
 */
export interface HealthOptions {
  /**
   * The ratio and levels: a venue's ({@link binanceMarginRatio}, {@link okxMarginRatio}…) or the
   * caller's own. Default: margin ratio = requirement ÷ equity with the liquidation level at 1.
   */
  readonly definition?: HealthDefinition | HealthDefinitionInput;
}

/**
 * Where one symbol's price reaches a level, every other price held: `null` on a side with no
 * such price; both null when the level is reached at the marks already.
 *
 * @example
 * ```ts
 * import type { PriceBounds } from 'liqmath';
 *
 * const bounds: PriceBounds = { below: null, above: null };
 * ```
 * @group Health
 */
export interface PriceBounds {
  readonly below: Big | null;
  readonly above: Big | null;
}

/**
 * One symbol of a {@link CrossHealth}: its mark, the prices where the account is liquidated and
 * where it reaches the next level (null when there is no next level).
 *
 * @example
 * ```ts
 * import type { SymbolHealth } from 'liqmath';
 *
 * const nearest = (s: SymbolHealth) => s.liquidation.below ?? s.liquidation.above;
 * ```
 * @group Health
 */
export interface SymbolHealth {
  readonly symbol: string;
  readonly markPrice: Big;
  readonly liquidation: PriceBounds;
  readonly nextLevel: PriceBounds | null;
}

/**
 * The health of a cross account: {@link HealthNumbers} and one {@link SymbolHealth} per symbol,
 * in the order the symbols first appear.
 *
 * @example
 * ```ts
 * import type { CrossHealth } from 'liqmath';
 *
 * const words = (h: CrossHealth) => `${h.ratio.name} ${h.ratio.value ?? '—'}, level ${h.level?.name ?? 'none'}`;
 * ```
 * @group Health
 */
export interface CrossHealth extends HealthNumbers {
  readonly symbols: readonly SymbolHealth[];
}

/**
 * The health of a cross account by a venue's definition: equity, maintenance and initial
 * requirements, the venue's ratio under the venue's name, a normalised health in [0, 1]
 * (1 − requirement ÷ equity, 0 when equity ≤ 0), whether it is liquidatable, the most severe
 * level reached, the next one, and per symbol the nearest prices below and above its mark where
 * the account is liquidated and where it reaches the next level — each with every other price
 * held (tiers, both sides and hedge legs solved exactly, as {@link crossLiquidationPrice}).
 *
 * The account is a {@link CrossAccount} (one collateral amount), or a {@link CollateralAccount}:
 * weighted assets, some moving with a symbol's price, positive PnL at a weight.
 *
 * @throws {@link LiqMathError} the codes of {@link crossEquity} for a `CrossAccount`; for a
 * `CollateralAccount` the same for its positions, and for `assets`: `INVALID_TYPE`, `MISSING_FIELD`
 * (`asset`, `amount`, `price` or `movesWith`), `INVALID_OPTION` (both price and movesWith; both
 * collateral and assets; a last tier with an `upTo`; movesWith a quanto market), `UNKNOWN_SYMBOL`
 * (`movesWith`), `UNKNOWN_FIELD` (a weight tier's), `DUPLICATE_ASSET`, `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`price`, `upTo`), `NEGATIVE`, `RATE_OUT_OF_RANGE` (a weight
 * below 0 or above 1), `TIERS_EMPTY`, `TIER_CAP_NOT_INCREASING`, `TIER_CAP_UNBOUNDED_NOT_LAST`,
 * `TOO_LARGE` (`LIMITS.collateralAssets`); for `options`: `INVALID_TYPE`, `UNKNOWN_FIELD`,
 * `MISSING_FIELD`, `INVALID_OPTION` (a ratio kind; levels not mildest first; more than one level that
 * liquidates, or one on the initial requirement), `INVALID_NUMBER`, `NOT_POSITIVE`, `NEGATIVE`,
 * `NUMBER_OUT_OF_RANGE` (a level), `TOO_LARGE` (more than 100 levels)
 *
 * @example
 * ```ts
 * import { crossHealth, defineMarket, defineTiers, binancePortfolioMargin } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 10 }]);
 * const eth = defineMarket({ symbol: 'ETHUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const account = { collateral: 400, positions: [{ market: eth, side: 'long', size: 1, entryPrice: 3000, markPrice: 3000 }] } as const;
 * const health = crossHealth(account, { definition: binancePortfolioMargin });
 * health.ratio.value?.toString(); //=> '2.66666666666666666666666666666666666666666666666667'
 * health.nextLevel?.name; //=> 'margin call'
 * // uniMMR = 1.5 where 400 + (P − 3,000) = 1.5 × 0.05·P
 * health.symbols[0]?.nextLevel?.below?.toFixed(2); //=> '2810.81'
 * ```
 * @group Health
 */
export function crossHealth(account: CrossAccount | CollateralAccount, options?: HealthOptions): CrossHealth {
  const state = healthStateOf(account);
  const definition = readOptions(options);
  const equality = liquidatableAtEquality(state.legs.map((l) => l.leg.market));
  const equity = equityOf(state);
  const maintenance = requirementOf(state, 'maintenance');
  const initial = requirementOf(state, 'initial');
  const numbers = healthNumbers(definition, equity, maintenance, initial, equality);
  // The account's totals, valued once for every symbol's solve.
  const maintenanceTotals = { equity, requirement: maintenance };
  const nextTotals = { equity, requirement: requirementBasis(definition.ratio) === 'initial' ? initial : maintenance };
  const next = numbers.nextLevel;
  const bySymbol = new Map<string, Big>();
  for (const { leg, markX } of state.legs) {
    if (!bySymbol.has(leg.market.symbol))
      bySymbol.set(leg.market.symbol, toResult(priceOfNatural(leg.compiled.contract, markX)));
  }
  const symbols = [...bySymbol].map(([symbol, markPrice]) =>
    Object.freeze({
      symbol,
      markPrice,
      liquidation: bounds(
        levelPrices(state, symbol, liquidationMultiple(definition), 'maintenance', maintenanceTotals),
      ),
      nextLevel:
        next === null
          ? null
          : bounds(
              levelPrices(
                state,
                symbol,
                levelMultiple(definition, next),
                requirementBasis(definition.ratio),
                nextTotals,
              ),
            ),
    }),
  );
  return Object.freeze({ ...numbers, symbols: Object.freeze(symbols) });
}

/** The health state of either account shape. */
export function healthStateOf(account: CrossAccount | CollateralAccount): HealthState {
  if (isCollateralAccount(account)) return collateralHealthState(readCollateralAccount(account));
  const { collateral, legs } = accountOf(account as CrossAccount);
  return plainHealthState(collateral, legs);
}

/** Reads {@link HealthOptions}: the definition, or the default. */
export function readOptions(options: unknown): HealthDefinition {
  if (options === undefined) return defaultHealth;
  const record = expectRecord(options, 'options', 'an options object { definition? }');
  expectKnownFields(record, ['definition'], 'options');
  return record.definition === undefined
    ? defaultHealth
    : readHealthDefinition(record.definition, 'options.definition');
}

function bounds(prices: LevelPrices): PriceBounds {
  return Object.freeze({ below: prices.below, above: prices.above });
}
