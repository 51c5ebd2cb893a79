/**
 * Tier tables (leverage brackets, risk limits, margin tiers): their types and `defineTiers`,
 * which turns raw rows into a validated, frozen table. Formulas: `docs/tiers.md`.
 */
import type Big from 'big.js';
import { brand, branded } from '../core/brand.js';
import { freezeDecimal, LIMITS, type Numeric, toDecimal, toNonNegative, toPositive, ZERO } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectArray, expectChoice, expectKnownFields, expectRecord, required } from '../core/input.js';

/**
 * How maintenance margin is computed from a tier:
 * - `'deduction'`: `MM = N·mmr_k − amount_k`, continuous in N like a tax bracket (Binance, Bybit,
 *   Hyperliquid, Bitget since 2025);
 * - `'flat'`: `MM = N·mmr_k`, which jumps at each cap (older OKX and Bybit tables).
 *
 * @example
 * ```ts
 * import type { TierMethod } from 'liqmath';
 *
 * const method: TierMethod = 'deduction';
 * ```
 * @group Tiers
 */
export type TierMethod = 'deduction' | 'flat';

/**
 * What the caps of a table measure: position `'notional'` (quote for linear, coin for inverse) or
 * the number of `'contracts'` (OKX), which makes the tier independent of price.
 *
 * @example
 * ```ts
 * import type { TierBasis } from 'liqmath';
 *
 * const basis: TierBasis = 'contracts';
 * ```
 * @group Tiers
 */
export type TierBasis = 'notional' | 'contracts';

/**
 * One raw row of a tier table, as a venue publishes it. The floor of a row is the cap of the
 * row before (0 for the first); a value N is in the row when `floor < N ≤ cap`.
 *
 * @example
 * ```ts
 * import type { TierRow } from 'liqmath';
 *
 * const row: TierRow = { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 };
 * ```
 * @group Tiers
 */
export interface TierRow {
  /** Upper bound of the tier, inclusive; `null` for an unbounded last tier. */
  readonly cap: Numeric | null;
  /** Maintenance margin rate, in (0, 1]. */
  readonly maintenanceMarginRate: Numeric;
  /** Highest leverage allowed in the tier, ≥ 1. Its inverse is the initial margin rate. */
  readonly maxLeverage: Numeric;
  /**
   * The deduction ("cum", "maintenance amount"), deduction method only. Omit it to derive it by
   * `amount_k = amount_{k−1} + floor_k·(mmr_k − mmr_{k−1})`; a given value is used as given.
   */
  readonly maintenanceAmount?: Numeric;
}

/**
 * Options of a table keyed by notional (the default).
 *
 * @example
 * ```ts
 * import type { NotionalTierOptions } from 'liqmath';
 *
 * const options: NotionalTierOptions = { method: 'flat' };
 * ```
 * @group Tiers
 */
export interface NotionalTierOptions {
  /** How maintenance margin is computed; default `'deduction'`. */
  readonly method?: TierMethod;
  /** Caps measure notional; the default. */
  readonly basis?: 'notional';
}

/**
 * Options of a table keyed by contract count. Only the flat method applies: the deduction
 * recurrence needs floors measured in money, not in contracts.
 *
 * @example
 * ```ts
 * import type { ContractTierOptions } from 'liqmath';
 *
 * const okx: ContractTierOptions = { basis: 'contracts', method: 'flat' };
 * ```
 * @group Tiers
 */
export interface ContractTierOptions {
  /** Must be `'flat'` for a contract-keyed table. */
  readonly method: 'flat';
  /** Caps measure the number of contracts. */
  readonly basis: 'contracts';
}

/**
 * One validated tier of a {@link TierTable}. All numbers are exact, frozen Bigs.
 *
 * @example
 * ```ts
 * import { defineTiers } from 'liqmath';
 *
 * const [first] = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]).tiers;
 * first.floor.toString(); //=> '0'
 * first.cap; //=> null
 * ```
 * @group Tiers
 */
export interface Tier {
  /** Position of the tier in the table, from 0 (venues call index 0 "tier 1"). */
  readonly index: number;
  /** Exclusive lower bound: the previous tier's cap, 0 for the first tier. */
  readonly floor: Big;
  /** Inclusive upper bound; `null` when unbounded. */
  readonly cap: Big | null;
  /** Maintenance margin rate of the tier, in (0, 1]. */
  readonly maintenanceMarginRate: Big;
  /** Highest leverage allowed in the tier, ≥ 1; the initial margin rate is its inverse. */
  readonly maxLeverage: Big;
  /** The deduction of the deduction method (given or derived); 0 in a flat table. */
  readonly maintenanceAmount: Big;
}

declare const tierTableBrand: unique symbol;

/**
 * A validated, frozen tier table, made by {@link defineTiers}. The basis is part of the type, so
 * margin functions ask for a contract count exactly when the table is keyed by contracts.
 *
 * @example
 * ```ts
 * import { defineTiers, type TierTable } from 'liqmath';
 *
 * const table: TierTable<'notional'> = defineTiers([
 *   { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
 * ]);
 * table.tiers.length; //=> 2
 * ```
 * @group Tiers
 */
export interface TierTable<B extends TierBasis = TierBasis> {
  /** How maintenance margin is computed from a tier. */
  readonly method: TierMethod;
  /** What the caps measure. */
  readonly basis: B;
  /** The tiers in order, at least one. */
  readonly tiers: readonly [Tier, ...Tier[]];
  /** Marks tables made by {@link defineTiers}; plain objects are refused. */
  readonly [tierTableBrand]: true;
}

const ROW_FIELDS = ['cap', 'maintenanceMarginRate', 'maxLeverage', 'maintenanceAmount'] as const;
const OPTION_FIELDS = ['method', 'basis'] as const;

/**
 * Validates raw tier rows and returns a frozen {@link TierTable}, deriving deduction amounts
 * that are not given. Every rule broken has its own error code (see `docs/errors.md`).
 *
 * @param rows - the tiers in order; each row's floor is the previous row's cap
 * @param options - `method` (default `'deduction'`) and `basis` (default `'notional'`)
 * @returns the validated table
 * @throws {@link LiqMathError} naming the row and field, e.g. `rows[3].maxLeverage`: `INVALID_TYPE` (`rows`
 * not an array, a row or `options` not an object), `UNKNOWN_FIELD` (a row, `options`), `MISSING_FIELD` (a
 * row's `cap`, `maintenanceMarginRate` or `maxLeverage`), `INVALID_OPTION` (`options.method`, `options.basis`,
 * or `'contracts'` with `'deduction'`), `TOO_LARGE` (more rows than `LIMITS.tierRows`), `TIERS_EMPTY`,
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (a cap ≤ 0), `NEGATIVE` (a `maintenanceAmount`),
 * `RATE_OUT_OF_RANGE` (a rate outside (0, 1]), `LEVERAGE_OUT_OF_RANGE` (a `maxLeverage` below 1),
 * `TIER_RATE_ABOVE_INITIAL`, `TIER_CAP_UNBOUNDED_NOT_LAST`, `TIER_CAP_NOT_INCREASING`, `TIER_RATE_DECREASING`,
 * `TIER_LEVERAGE_INCREASING`, `TIER_AMOUNT_NOT_ALLOWED` (a non-zero amount in a flat table),
 * `TIER_AMOUNT_EXCEEDS_MARGIN` (a given amount above floor × rate)
 *
 * @example
 * ```ts
 * import { defineTiers } from 'liqmath';
 *
 * // Binance BTCUSDT, first four brackets of the 2021-03 table
 * const table = defineTiers([
 *   { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *   { cap: '250000', maintenanceMarginRate: '0.005', maxLeverage: 100 },
 *   { cap: '1000000', maintenanceMarginRate: '0.01', maxLeverage: 50 },
 *   { cap: '10000000', maintenanceMarginRate: '0.025', maxLeverage: 20 },
 * ]);
 * table.tiers.map((tier) => tier.maintenanceAmount.toString()); //=> ['0', '50', '1300', '16300']
 * ```
 * @group Tiers
 */
export function defineTiers(rows: readonly TierRow[], options?: NotionalTierOptions): TierTable<'notional'>;
export function defineTiers(rows: readonly TierRow[], options: ContractTierOptions): TierTable<'contracts'>;
export function defineTiers(rows: readonly TierRow[], options?: NotionalTierOptions | ContractTierOptions): TierTable {
  const { method, basis } = readOptions(options);
  const list = expectArray(rows, 'rows', 'an array of tier rows', { limit: LIMITS.tierRows, of: 'tier rows' });
  if (list.length === 0) fail('TIERS_EMPTY', 'rows', rows, 'at least one tier row');
  const parsed = list.map((row, index) => readRow(row, index));
  checkOrder(parsed);
  const tiers = method === 'flat' ? flatTiers(parsed) : deductionTiers(parsed);
  const table = { method, basis, tiers: Object.freeze(tiers) };
  const frozen = Object.freeze(table);
  brand('table', frozen);
  return frozen as unknown as TierTable;
}

/**
 * Refuses anything that is not a table made by {@link defineTiers} (internal, for the boundary
 * of every function that takes a table).
 */
export function expectTierTable(value: unknown, field = 'table'): TierTable {
  if (branded('table', value) !== true) {
    fail('INVALID_TYPE', field, value, 'a TierTable made by defineTiers');
  }
  return value as TierTable;
}

interface ParsedRow {
  /** The row as given, for error messages that show the caller's own value. */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly cap: Big | null;
  readonly rate: Big;
  readonly maxLeverage: Big;
  readonly amount: Big | undefined;
}

function readOptions(options: unknown): { method: TierMethod; basis: TierBasis } {
  if (options === undefined) return { method: 'deduction', basis: 'notional' };
  const record = expectRecord(options, 'options', 'an options object { method?, basis? }');
  expectKnownFields(record, OPTION_FIELDS, 'options');
  const method =
    record.method === undefined ? 'deduction' : expectChoice(record.method, ['deduction', 'flat'], 'options.method');
  const basis =
    record.basis === undefined ? 'notional' : expectChoice(record.basis, ['notional', 'contracts'], 'options.basis');
  if (basis === 'contracts' && method !== 'flat') {
    fail(
      'INVALID_OPTION',
      'options.method',
      record.method,
      "'flat' when basis is 'contracts' (deduction amounts need money floors)",
    );
  }
  return { method, basis };
}

function readRow(row: unknown, index: number): ParsedRow {
  const field = `rows[${index}]`;
  const record = expectRecord(row, field, 'a tier row { cap, maintenanceMarginRate, maxLeverage, maintenanceAmount? }');
  expectKnownFields(record, ROW_FIELDS, field);
  return {
    raw: record,
    cap: record.cap === null ? null : toPositive(required(record, 'cap', field), `${field}.cap`),
    rate: readRate(required(record, 'maintenanceMarginRate', field), `${field}.maintenanceMarginRate`),
    maxLeverage: readLeverage(required(record, 'maxLeverage', field), `${field}.maxLeverage`),
    amount:
      record.maintenanceAmount === undefined
        ? undefined
        : toNonNegative(record.maintenanceAmount, `${field}.maintenanceAmount`),
  };
}

function readRate(value: unknown, field: string): Big {
  const rate = toDecimal(value, field);
  if (rate.lte(0) || rate.gt(1)) fail('RATE_OUT_OF_RANGE', field, value, 'a rate greater than 0 and at most 1');
  return rate;
}

function readLeverage(value: unknown, field: string): Big {
  const leverage = toDecimal(value, field);
  if (leverage.lt(1)) fail('LEVERAGE_OUT_OF_RANGE', field, value, 'a leverage of at least 1');
  return leverage;
}

/** The rules between rows: caps increase, rates do not fall, leverage does not rise. */
function checkOrder(rows: readonly ParsedRow[]): void {
  rows.forEach((row, index) => {
    const field = `rows[${index}]`;
    if (row.rate.times(row.maxLeverage).gt(1)) {
      fail(
        'TIER_RATE_ABOVE_INITIAL',
        `${field}.maintenanceMarginRate`,
        row.raw.maintenanceMarginRate,
        `at most 1/maxLeverage = 1/${row.maxLeverage}`,
      );
    }
    const previous = rows[index - 1];
    if (previous === undefined) return;
    if (previous.cap === null) {
      fail(
        'TIER_CAP_UNBOUNDED_NOT_LAST',
        `rows[${index - 1}].cap`,
        previous.raw.cap,
        'a finite cap (only the last tier may be unbounded)',
      );
    }
    if (row.cap?.lte(previous.cap)) {
      fail(
        'TIER_CAP_NOT_INCREASING',
        `${field}.cap`,
        row.raw.cap,
        `a cap greater than the previous cap ${previous.cap}`,
      );
    }
    if (row.rate.lt(previous.rate)) {
      fail(
        'TIER_RATE_DECREASING',
        `${field}.maintenanceMarginRate`,
        row.raw.maintenanceMarginRate,
        `at least the previous rate ${previous.rate}`,
      );
    }
    if (row.maxLeverage.gt(previous.maxLeverage)) {
      fail(
        'TIER_LEVERAGE_INCREASING',
        `${field}.maxLeverage`,
        row.raw.maxLeverage,
        `at most the previous max leverage ${previous.maxLeverage}`,
      );
    }
  });
}

function flatTiers(rows: readonly ParsedRow[]): Tier[] {
  return rows.map((row, index) => {
    if (row.amount !== undefined && !row.amount.eq(0)) {
      fail(
        'TIER_AMOUNT_NOT_ALLOWED',
        `rows[${index}].maintenanceAmount`,
        row.raw.maintenanceAmount,
        "0 or no amount in a 'flat' table",
      );
    }
    return makeTier(index, floorOf(rows, index), row, ZERO);
  });
}

function deductionTiers(rows: readonly ParsedRow[]): Tier[] {
  const tiers: Tier[] = [];
  rows.forEach((row, index) => {
    const floor = floorOf(rows, index);
    const previous = tiers[index - 1];
    const amount = row.amount ?? (previous === undefined ? ZERO : nextAmount(previous, floor, row.rate));
    if (floor.times(row.rate).lt(amount)) {
      fail(
        'TIER_AMOUNT_EXCEEDS_MARGIN',
        `rows[${index}].maintenanceAmount`,
        row.raw.maintenanceAmount,
        `at most floor × rate = ${floor.times(row.rate)}`,
      );
    }
    tiers.push(makeTier(index, floor, row, amount));
  });
  return tiers;
}

/** The deduction recurrence: `amount_k = amount_{k−1} + floor_k·(mmr_k − mmr_{k−1})`. */
export function nextAmount(previous: Tier, floor: Big, rate: Big): Big {
  return previous.maintenanceAmount.plus(floor.times(rate.minus(previous.maintenanceMarginRate)));
}

function floorOf(rows: readonly ParsedRow[], index: number): Big {
  return rows[index - 1]?.cap ?? ZERO;
}

function makeTier(index: number, floor: Big, row: ParsedRow, amount: Big): Tier {
  return Object.freeze({
    index,
    floor: freezeDecimal(floor),
    cap: row.cap === null ? null : freezeDecimal(row.cap),
    maintenanceMarginRate: freezeDecimal(row.rate),
    maxLeverage: freezeDecimal(row.maxLeverage),
    maintenanceAmount: freezeDecimal(amount),
  });
}
