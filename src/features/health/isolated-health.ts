/**
 * The health of an isolated position at a mark: the numbers of a cross account's health, with
 * the position's isolated margin as its collateral, and the prices of liquidation and of the next
 * level. Derivation: `docs/health.md`.
 */
import type Big from 'big.js';
import { type Numeric, toExact } from '../../core/decimal.js';
import { cmp, E1, type Exact, toResult } from '../../core/exact.js';
import { naturalOf } from '../../engine/contract.js';
import { equityOf, levelPrices, plainHealthState, requirementOf } from '../../engine/health.js';
import { isolatedOf, liquidationPriceOf, type PreparedPosition } from '../../engine/isolated.js';
import { requirementBasis } from '../../model/health.js';
import type { Market } from '../../model/market.js';
import type { IsolatedPosition } from '../../model/position.js';
import { type HealthOptions, readOptions } from './cross-health.js';
import { type HealthNumbers, healthNumbers, levelMultiple, liquidationMultiple } from './ratio.js';

/**
 * The health of an isolated position: {@link HealthNumbers}, its liquidation price (as
 * {@link isolatedLiquidationPrice}, or where a definition liquidating at another level reaches it,
 * from the mark), and the price where it reaches the next level, on the side the position loses
 * from the mark (null when no next level, or none at a positive price).
 *
 * @example
 * ```ts
 * import type { IsolatedHealth } from 'liqmath';
 *
 * const next = (h: IsolatedHealth) => h.nextLevelPrice?.toString() ?? 'none';
 * ```
 * @group Health
 */
export interface IsolatedHealth extends HealthNumbers {
  readonly markPrice: Big;
  readonly liquidationPrice: Big | null;
  readonly nextLevelPrice: Big | null;
}

/**
 * The health of an isolated position at `markPrice` by a venue's definition (see
 * {@link crossHealth}): the isolated margin plus PnL is the equity, the requirement is the
 * position's (maintenance, and any fee to close or reserve the venue counts).
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice} for the market and
 * position; `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`markPrice`); the `options`
 * codes of {@link crossHealth}
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedHealth, hyperliquidMarginRatio } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]);
 * const btc = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USDC', tiers, liquidatableWhen: 'equity < requirement' });
 * const health = isolatedHealth(btc, { side: 'long', size: 1, entryPrice: 100000, margin: 10000 }, 95000, { definition: hyperliquidMarginRatio });
 * health.ratio.value?.toString(); //=> '0.19'
 * health.liquidationPrice?.toFixed(2); //=> '90909.09'
 * health.nextLevel?.name; //=> 'liquidation'
 * ```
 * @group Health
 */
export function isolatedHealth(
  market: Market,
  position: IsolatedPosition | PreparedPosition,
  markPrice: Numeric,
  options?: HealthOptions,
): IsolatedHealth {
  const state = isolatedOf(market, position);
  const markX: Exact = naturalOf(state.market.contract, toExact(markPrice, 'markPrice', 'positive'));
  const definition = readOptions(options);
  const health = plainHealthState(state.margin, [{ leg: state.leg, markX }]);
  const equity = equityOf(health);
  const maintenance = requirementOf(health, 'maintenance');
  const initial = requirementOf(health, 'initial');
  const numbers = healthNumbers(
    definition,
    equity,
    maintenance,
    initial,
    state.market.liquidatableWhen === 'equity ≤ requirement',
  );
  // The side the position loses on: below for a long, above for a short (in price, every contract).
  const adverse = (prices: { readonly below: Big | null; readonly above: Big | null }) =>
    state.leg.sign === 1 ? prices.below : prices.above;
  let nextLevelPrice: Big | null = null;
  if (numbers.nextLevel !== null) {
    const multiple = levelMultiple(definition, numbers.nextLevel);
    nextLevelPrice = adverse(levelPrices(health, state.market.symbol, multiple, requirementBasis(definition.ratio)));
  }
  const atLiquidation = liquidationMultiple(definition);
  const liquidationPrice =
    cmp(atLiquidation, E1) === 0
      ? liquidationPriceOf(state)
      : adverse(levelPrices(health, state.market.symbol, atLiquidation, 'maintenance'));
  return Object.freeze({
    ...numbers,
    markPrice: toResult(toExact(markPrice, 'markPrice', 'positive')),
    liquidationPrice,
    nextLevelPrice,
  });
}
