/**
 * The cross-account solver: the nearest prices of one symbol at which the account becomes
 * liquidatable, every other market held at its mark. Shared by the cross-account functions and
 * the order previews. Derivation: `docs/liquidation.md`.
 */
import type Big from 'big.js';
import { add, type Exact, neg } from '../core/exact.js';
import type { CrossLeg } from './account.js';
import { fallingPrice } from './contract.js';
import { healthOfLeg } from './legs.js';
import { firstCrossing, healthAt, priceOf } from './solve.js';
import { liquidatableAt, liquidatableAtEquality } from './trigger.js';

/**
 * Where a cross account's liquidation prices for one symbol lie. `'liquidatable'`: the account
 * is liquidatable at the current marks, and both prices are null. `'healthy'`: `below` and
 * `above` are the nearest prices of the symbol, below and above its mark, at which the account
 * becomes liquidatable (null on a side where there is none).
 *
 * @example
 * ```ts
 * import type { CrossLiquidation } from 'liqmath';
 *
 * function describe(result: CrossLiquidation): string {
 *   return result.status === 'liquidatable' ? 'liquidatable now' : `below ${result.below}, above ${result.above}`;
 * }
 * ```
 * @group Cross accounts
 */
export type CrossLiquidation =
  | { readonly status: 'healthy'; readonly below: Big | null; readonly above: Big | null }
  | { readonly status: 'liquidatable'; readonly below: null; readonly above: null };

/** Whether the account is liquidatable at equality (`trigger.ts`). */
export function atEquality(legs: readonly CrossLeg[]): boolean {
  return liquidatableAtEquality(legs.map((l) => l.leg.market));
}

/** Collateral + Σ (PnL − requirement) at the marks: equity minus requirement. */
export function accountHealth(collateral: Exact, legs: readonly CrossLeg[]): Exact {
  let sum = collateral;
  for (const { leg, markX } of legs) sum = add(sum, healthOfLeg(leg, markX));
  return sum;
}

/** The nearest liquidation prices of one symbol's legs, everything else folded into `others`. */
export function solveSymbol(moving: readonly CrossLeg[], others: Exact, equality: boolean): CrossLiquidation {
  const first = moving[0] as CrossLeg;
  const problem = { legs: moving.map((l) => l.leg), constant: others };
  if (liquidatableAt(healthAt(problem, first.markX), equality))
    return Object.freeze({ status: 'liquidatable', below: null, above: null });
  const down = fallingPrice(first.leg.compiled.contract);
  const below = firstCrossing(problem, first.markX, down);
  const above = firstCrossing(problem, first.markX, down === 1 ? -1 : 1);
  return Object.freeze({
    status: 'healthy',
    below: below === null ? null : priceOf(first.leg, below),
    above: above === null ? null : priceOf(first.leg, above),
  });
}

/**
 * One symbol's result of {@link crossLiquidationPrices}.
 *
 * @example
 * ```ts
 * import type { SymbolLiquidation } from 'liqmath';
 *
 * const line = (r: SymbolLiquidation) => `${r.symbol}: ${r.below ?? '—'} / ${r.above ?? '—'}`;
 * ```
 * @group Cross accounts
 */
export type SymbolLiquidation = CrossLiquidation & { readonly symbol: string };

/** The liquidation prices of every symbol, each with every other market at its mark, in order of first appearance. */
export function liquidationsBySymbol(collateral: Exact, legs: readonly CrossLeg[]): readonly SymbolLiquidation[] {
  const bySymbol = new Map<string, { legs: CrossLeg[]; health: Exact }>();
  let total = collateral;
  for (const leg of legs) {
    const health = healthOfLeg(leg.leg, leg.markX);
    total = add(total, health);
    const symbol = leg.leg.market.symbol;
    const group = bySymbol.get(symbol);
    if (group === undefined) bySymbol.set(symbol, { legs: [leg], health });
    else {
      group.legs.push(leg);
      group.health = add(group.health, health);
    }
  }
  const equality = atEquality(legs);
  const results = [...bySymbol].map(([symbol, group]) =>
    Object.freeze({ symbol, ...solveSymbol(group.legs, add(total, neg(group.health)), equality) }),
  );
  return Object.freeze(results);
}
