/**
 * Margin as a function of notional alone: tier lookup (binary search), maintenance margin,
 * initial margin, max leverage and the largest notional a leverage allows. Formulas and their
 * derivation: `docs/tiers.md`.
 */
import type Big from 'big.js';
import { freezeDecimal, type Numeric, toDecimal, toNonNegative } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectKnownFields, expectRecord } from '../core/input.js';
import { expectTierTable, type Tier, type TierBasis, type TierTable } from './tiers.js';

/**
 * A position's size on both scales, for a table keyed by contracts: the tier comes from
 * `contracts`, the margin from `notional`.
 *
 * @example
 * ```ts
 * import type { NotionalAndContracts } from 'liqmath';
 *
 * const size: NotionalAndContracts = { notional: '12000', contracts: 6000 };
 * ```
 * @group Tiers
 */
export interface NotionalAndContracts {
  /** Position value (quote for linear, coin for inverse), ≥ 0: what the rate applies to. */
  readonly notional: Numeric;
  /** Number of contracts, ≥ 0: what the tier is looked up by. */
  readonly contracts: Numeric;
}

/**
 * What the margin functions take as the position's size: a notional for a notional-keyed table,
 * a notional with a contract count for a contract-keyed one.
 *
 * @example
 * ```ts
 * import type { PositionScale } from 'liqmath';
 *
 * const notionalOnly: PositionScale<'notional'> = '250000';
 * ```
 * @group Tiers
 */
export type PositionScale<B extends TierBasis> = B extends 'contracts' ? NotionalAndContracts : Numeric;

/**
 * The tier that holds `amount` (a notional, or a contract count when the table is keyed by
 * contracts): the one with `floor < amount ≤ cap`; an amount of 0 is in the first tier.
 * Binary search, O(log T).
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (a table not made by {@link defineTiers}), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NEGATIVE` (amount < 0), `BEYOND_LAST_TIER` (amount above the last cap)
 *
 * @example
 * ```ts
 * import { defineTiers, tierFor } from 'liqmath';
 *
 * const table = defineTiers([
 *   { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: '250000', maintenanceMarginRate: '0.005', maxLeverage: 100 },
 *   { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
 * ]);
 * tierFor(table, '50000').index; //=> 0
 * tierFor(table, '264000').maintenanceMarginRate.toString(); //=> '0.01'
 * ```
 * @group Tiers
 */
export function tierFor(table: TierTable, amount: Numeric): Tier {
  const checked = expectTierTable(table);
  return lookupTier(checked, toNonNegative(amount, keyField(checked)), keyField(checked), amount);
}

/**
 * Maintenance margin of a position of the given notional: `N·mmr − amount` (deduction method) or
 * `N·mmr` (flat), with the tier that holds the notional (or the contract count).
 *
 * @param table - a table from {@link defineTiers}
 * @param size - the notional; for a contract-keyed table, `{ notional, contracts }`
 * @returns the exact maintenance margin, ≥ 0, in the notional's currency
 * @throws {@link LiqMathError} `INVALID_TYPE` (a table not made by {@link defineTiers}; `size` not an object
 * for a contract-keyed table), `UNKNOWN_FIELD` (`size`), `INVALID_NUMBER` (also a missing `size.notional` or
 * `size.contracts`), `NUMBER_OUT_OF_RANGE`, `NEGATIVE` (notional, contracts), `BEYOND_LAST_TIER` (above the
 * last cap)
 *
 * @example
 * ```ts
 * import { defineTiers, maintenanceMargin } from 'liqmath';
 *
 * const btc = defineTiers([
 *   { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: '250000', maintenanceMarginRate: '0.005', maxLeverage: 100 },
 *   { cap: '1000000', maintenanceMarginRate: '0.01', maxLeverage: 50 },
 *   { cap: '10000000', maintenanceMarginRate: '0.025', maxLeverage: 20 },
 * ]);
 * // Binance FAQ: 109.488 BTC at mark 31,967.27 is a notional of 3,500,032.45776 USDT
maintenanceMargin(btc, '3500032.45776').toString(); //=> '71200.811444'
 * ```
 * @group Tiers
 */
export function maintenanceMargin(table: TierTable<'notional'>, size: Numeric): Big;
export function maintenanceMargin(table: TierTable<'contracts'>, size: NotionalAndContracts): Big;
export function maintenanceMargin<B extends TierBasis>(table: TierTable<B>, size: PositionScale<B>): Big;
export function maintenanceMargin(table: TierTable, size: Numeric | NotionalAndContracts): Big {
  const checked = expectTierTable(table);
  const { notional, key, field, given } = readScale(checked, size);
  return freezeDecimal(marginAtTier(checked, lookupTier(checked, key, field, given), notional));
}

/**
 * Initial margin to open a position of the given notional at `leverage`: `N / leverage`.
 * The leverage must be allowed by the tier that holds the position.
 *
 * @throws {@link LiqMathError} the codes of {@link maintenanceMargin} for `table` and `size` (`INVALID_TYPE`,
 * `UNKNOWN_FIELD`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NEGATIVE`, `BEYOND_LAST_TIER`), and for `leverage`
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `LEVERAGE_OUT_OF_RANGE` (below 1), `LEVERAGE_ABOVE_MAX` (above the
 * max leverage of the tier that holds the position)
 *
 * @example
 * ```ts
 * import { defineTiers, initialMargin } from 'liqmath';
 *
 * const table = defineTiers([
 *   { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
 * ]);
 * initialMargin(table, '10000', 50).toString(); //=> '200'
 * ```
 * @group Tiers
 */
export function initialMargin(table: TierTable<'notional'>, size: Numeric, leverage: Numeric): Big;
export function initialMargin(table: TierTable<'contracts'>, size: NotionalAndContracts, leverage: Numeric): Big;
export function initialMargin<B extends TierBasis>(table: TierTable<B>, size: PositionScale<B>, leverage: Numeric): Big;
export function initialMargin(table: TierTable, size: Numeric | NotionalAndContracts, leverage: Numeric): Big {
  const checked = expectTierTable(table);
  const { notional, key, field, given } = readScale(checked, size);
  const lev = readLeverage(leverage);
  const tier = lookupTier(checked, key, field, given);
  if (lev.gt(tier.maxLeverage)) {
    fail(
      'LEVERAGE_ABOVE_MAX',
      'leverage',
      leverage,
      `at most ${tier.maxLeverage}, the max leverage of the tier at index ${tier.index} (${capText(tier)})`,
    );
  }
  return freezeDecimal(notional.div(lev));
}

/**
 * The highest leverage allowed for a position of the given notional (or contract count): the
 * max leverage of the tier that holds it.
 *
 * @throws {@link LiqMathError} as {@link tierFor}: `INVALID_TYPE` (table), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NEGATIVE` (amount < 0), `BEYOND_LAST_TIER` (amount above the last cap)
 *
 * @example
 * ```ts
 * import { defineTiers, maxLeverage } from 'liqmath';
 *
 * const table = defineTiers([
 *   { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
 * ]);
 * maxLeverage(table, '60000').toString(); //=> '100'
 * ```
 * @group Tiers
 */
export function maxLeverage(table: TierTable, amount: Numeric): Big {
  return tierFor(table, amount).maxLeverage;
}

/**
 * The largest notional (or contract count, for a contract-keyed table) at which `leverage` is
 * still allowed: the cap of the last tier whose max leverage is ≥ `leverage`. `null` when that
 * tier is unbounded. Binary search, O(log T).
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (a table not made by {@link defineTiers}), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE` (leverage), `LEVERAGE_OUT_OF_RANGE` (below 1), `LEVERAGE_ABOVE_MAX` (above the first
 * tier's max)
 *
 * @example
 * ```ts
 * import { defineTiers, maxNotional } from 'liqmath';
 *
 * const table = defineTiers([
 *   { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: '250000', maintenanceMarginRate: '0.005', maxLeverage: 100 },
 *   { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
 * ]);
 * maxNotional(table, 100)?.toString(); //=> '250000'
 * maxNotional(table, 20); //=> null
 * ```
 * @group Tiers
 */
export function maxNotional(table: TierTable, leverage: Numeric): Big | null {
  const checked = expectTierTable(table);
  const lev = readLeverage(leverage);
  const first = checked.tiers[0];
  if (lev.gt(first.maxLeverage)) {
    fail('LEVERAGE_ABOVE_MAX', 'leverage', leverage, `at most ${first.maxLeverage}, the table's highest leverage`);
  }
  return lastTierAllowing(checked.tiers, lev).cap;
}

/**
 * The tier holding `key`, trusting its inputs: `key` ≥ 0 and in the table's basis.
 * Internal core of {@link tierFor}, for callers that have validated already.
 */
export function lookupTier(table: TierTable, key: Big, field = keyField(table), given: unknown = key): Tier {
  const { tiers } = table;
  const last = tiers[tiers.length - 1] as Tier;
  if (last.cap !== null && key.gt(last.cap)) {
    // The value as the caller passed it: the error names what they typed, not a parsed copy.
    fail('BEYOND_LAST_TIER', field, given, `at most ${last.cap}, the last tier's cap`);
  }
  // First tier whose cap is ≥ key: caps increase, so the predicate is monotone.
  let low = 0;
  let high = tiers.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const cap = (tiers[middle] as Tier).cap;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: middle < high ≤ the last index, and only the last tier's cap may be null
    if (cap === null || key.lte(cap)) high = middle;
    else low = middle + 1;
  }
  return tiers[low] as Tier;
}

/** Maintenance margin at a known tier, trusting its inputs. */
export function marginAtTier(table: TierTable, tier: Tier, notional: Big): Big {
  const gross = notional.times(tier.maintenanceMarginRate);
  return table.method === 'flat' ? gross : gross.minus(tier.maintenanceAmount);
}

function lastTierAllowing(tiers: readonly Tier[], leverage: Big): Tier {
  // Max leverage does not increase, so "allows leverage" holds on a prefix of the tiers.
  let low = 0;
  let high = tiers.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((tiers[middle] as Tier).maxLeverage.gte(leverage)) low = middle;
    else high = middle - 1;
  }
  return tiers[low] as Tier;
}

/** The notional and the tier key of a size, with the key's field and its value as passed (for errors). */
function readScale(table: TierTable, size: unknown): { notional: Big; key: Big; field: string; given: unknown } {
  if (table.basis === 'notional') {
    const notional = toNonNegative(size, 'notional');
    return { notional, key: notional, field: 'notional', given: size };
  }
  const record = expectRecord(size, 'size', 'an object { notional, contracts } for a table keyed by contracts');
  expectKnownFields(record, ['notional', 'contracts'], 'size');
  const contracts = record.contracts;
  return {
    notional: toNonNegative(record.notional, 'size.notional'),
    key: toNonNegative(contracts, 'size.contracts'),
    field: 'size.contracts',
    given: contracts,
  };
}

function readLeverage(leverage: unknown): Big {
  const lev = toDecimal(leverage, 'leverage');
  if (lev.lt(1)) fail('LEVERAGE_OUT_OF_RANGE', 'leverage', leverage, 'a leverage of at least 1');
  return lev;
}

function keyField(table: TierTable): string {
  return table.basis === 'contracts' ? 'contracts' : 'notional';
}

function capText(tier: Tier): string {
  return tier.cap === null ? 'no cap' : `a cap of ${tier.cap}`;
}
