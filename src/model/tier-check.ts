/**
 * Audit of a deduction table's maintenance amounts against the recurrence that makes
 * maintenance margin continuous. Venue APIs send the amounts; this says whether they agree.
 */
import type Big from 'big.js';
import { freezeDecimal, ZERO } from '../core/decimal.js';
import { expectTierTable, nextAmount, type Tier, type TierTable } from './tiers.js';

/**
 * A tier whose maintenance amount differs from the recurrence
 * `amount_k = amount_{k−1} + floor_k·(mmr_k − mmr_{k−1})`, `amount_1 = 0`.
 *
 * @example
 * ```ts
 * import type { MaintenanceAmountMismatch } from 'liqmath';
 *
 * function describe(m: MaintenanceAmountMismatch): string {
 *   return `tier ${m.index}: ${m.actual} should be ${m.expected}`;
 * }
 * ```
 * @group Tiers
 */
export interface MaintenanceAmountMismatch {
  /** Index of the tier in the table, from 0. */
  readonly index: number;
  /** The amount in the table. */
  readonly actual: Big;
  /** The amount the recurrence gives, computed from the first tier (not from the table's own amounts). */
  readonly expected: Big;
}

/**
 * Reports every tier of a deduction table whose maintenance amount differs from the recurrence,
 * in table order; an empty array when all agree (a flat table has none to check). Expected
 * values chain from `amount_1 = 0`, not from the table's amounts: a wrong given amount is
 * reported at its own tier only, unless later amounts were derived from it by
 * {@link defineTiers}, which then carry (and report) the same error.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (a table not made by {@link defineTiers})
 *
 * @example
 * ```ts
 * import { checkMaintenanceAmounts, defineTiers } from 'liqmath';
 *
 * const table = defineTiers([
 *   { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125, maintenanceAmount: 0 },
 *   { cap: '250000', maintenanceMarginRate: '0.005', maxLeverage: 100, maintenanceAmount: 50 },
 *   { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50, maintenanceAmount: 1200 },
 * ]);
 * checkMaintenanceAmounts(table).map((m) => [m.index, m.expected.toString()]); //=> [[2, '1300']]
 * ```
 * @group Tiers
 */
export function checkMaintenanceAmounts(table: TierTable): readonly MaintenanceAmountMismatch[] {
  const checked = expectTierTable(table);
  if (checked.method === 'flat') return Object.freeze([]);
  const mismatches: MaintenanceAmountMismatch[] = [];
  let expected: Tier | undefined;
  for (const tier of checked.tiers) {
    const amount = expected === undefined ? ZERO : nextAmount(expected, tier.floor, tier.maintenanceMarginRate);
    if (!amount.eq(tier.maintenanceAmount)) {
      mismatches.push(
        Object.freeze({ index: tier.index, actual: tier.maintenanceAmount, expected: freezeDecimal(amount) }),
      );
    }
    expected = { ...tier, maintenanceAmount: amount };
  }
  return Object.freeze(mismatches);
}
