/**
 * ccxt's unified leverage tiers (`exchange.fetchLeverageTiers()[symbol]`) to a tier table.
 */
import type { TierTable } from '../model/tiers.js';
import { tableFromRows } from './payload.js';

/**
 * One tier as ccxt's unified `fetchLeverageTiers` returns it (numbers as ccxt parsed them; `info`
 * is the venue's raw row and is not read).
 *
 * @example
 * ```ts
 * import type { CcxtLeverageTier } from 'liqmath';
 *
 * const tier: CcxtLeverageTier = { tier: 1, minNotional: 0, maxNotional: 50000, maintenanceMarginRate: 0.004, maxLeverage: 125 };
 * ```
 * @group Venues
 */
export interface CcxtLeverageTier {
  readonly tier?: number;
  readonly currency?: string;
  readonly minNotional: number | string;
  readonly maxNotional: number | string | null;
  readonly maintenanceMarginRate: number | string;
  readonly maxLeverage: number | string;
  readonly info?: unknown;
}

/**
 * A tier table from ccxt's unified leverage tiers of one symbol. Maintenance amounts are derived
 * by the recurrence (ccxt's unified structure has none). A last `maxNotional` of `null` or
 * `Infinity` is an unbounded last tier. Errors name the payload's path (`tiers[2].maxLeverage`).
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`tiers` not an array, a tier not an object), `MISSING_FIELD`
 * (`minNotional`, `maxNotional`, `maintenanceMarginRate`, `maxLeverage`), `INVALID_NUMBER` (also a `null` or
 * `Infinity` cap before the last tier), `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (a `maxNotional` of 0), `NEGATIVE`
 * (`minNotional`, `maxNotional`), `TIER_NOT_CONTIGUOUS` (a `minNotional` that is not the previous
 * `maxNotional`), `TIERS_EMPTY`, `TOO_LARGE`, and the table rules of {@link defineTiers} under the payload's
 * path: `RATE_OUT_OF_RANGE`, `LEVERAGE_OUT_OF_RANGE`, `TIER_CAP_NOT_INCREASING`, `TIER_RATE_DECREASING`,
 * `TIER_LEVERAGE_INCREASING`, `TIER_RATE_ABOVE_INITIAL`
 *
 * @example
 * ```ts
 * import { maintenanceMargin, tiersFromCcxt } from 'liqmath';
 *
 * const table = tiersFromCcxt([
 *   { tier: 1, minNotional: 0, maxNotional: 50000, maintenanceMarginRate: 0.004, maxLeverage: 125 },
 *   { tier: 2, minNotional: 50000, maxNotional: 600000, maintenanceMarginRate: 0.005, maxLeverage: 100 },
 * ]);
 * maintenanceMargin(table, 100000).toString(); //=> '450'
 * ```
 * @group Venues
 */
export function tiersFromCcxt(tiers: readonly CcxtLeverageTier[]): TierTable<'notional'> {
  return tableFromRows(tiers, 'tiers', {
    floor: 'minNotional',
    cap: 'maxNotional',
    rate: 'maintenanceMarginRate',
    leverage: 'maxLeverage',
  }) as TierTable<'notional'>;
}
