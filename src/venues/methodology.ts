/**
 * A venue's liquidation rules as data, and the one place that turns them plus a tier table into
 * a `Market`. Venue files only describe; the engine below does every computation.
 * See `docs/venues/README.md`.
 */
import { type Numeric, toDecimal, toFeeRate, toPositive } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectKnownFields, expectRecord, isList } from '../core/input.js';
import {
  type ContractType,
  defineMarket,
  type LiquidationTrigger,
  type MaintenanceBasis,
  type Market,
  type PriceRounding,
} from '../model/market.js';
import type { AdlMethod, LiquidationPolicy } from '../model/policy.js';
import type { TierBasis, TierMethod, TierTable } from '../model/tiers.js';

/**
 * The rules of one venue and contract type, and `market(payload, options)`, which builds a
 * {@link Market} for one symbol from the venue's own tier payload.
 *
 * - `closeFee`: whether an estimated fee to close counts in the maintenance requirement, and on
 *   which notional (`'bankruptcy'`, `'mark'`) or as a reserve held in the margin (`'reserve'`);
 *   `'none'` when it does not. `fundingInRequirement`: whether `options.fundingRate` is taken.
 * - `liquidatableWhen`: the venue's trigger. The liquidation price is the same either way (the
 *   price where equity equals the requirement); the markets it builds carry it, and every
 *   liquidatable/healthy answer follows it (at equality: liquidatable under `≤`, healthy under `<`).
 * - `priceRounding`: how the venue shows liquidation and bankruptcy prices on its tick
 *   (`'toward-mark'`, `'nearest'`, `'shift-tick-toward-mark'`, `'none'`); the markets it builds
 *   carry it, and {@link roundLiquidationPrice} follows it.
 * - `evidence`: the venue examples and real position payloads (ids in `published.json` or in
 *   `test/vectors/venues/`) reproduced through this object, per dated method; the documents each
 *   venue follows, with dates, are listed in `docs/venues/<venue>.md`.
 * - `effectiveFrom`, `effectiveUntil`, `history`, `asOf(date)`: the period this method covers and
 *   the venue's other methods (see `docs/venues/README.md`, "Methods with dates").
 *
 * @example
 * ```ts
 * import { binanceUsdm, type Methodology } from 'liqmath';
 *
 * const venue: Methodology<unknown, never> = binanceUsdm;
 * venue.maintenanceAt; //=> 'price'
 * ```
 * @group Venues
 */
export interface Methodology<Payload, Options> {
  /** Stable identifier, e.g. `'binance-usdm'`; the CLI's `--venue`. */
  readonly id: string;
  readonly name: string;
  readonly contract: ContractType;
  readonly tiers: { readonly method: TierMethod; readonly basis: TierBasis };
  readonly maintenanceAt: MaintenanceBasis;
  readonly closeFee: 'none' | 'bankruptcy' | 'mark' | 'reserve';
  /** Whether the venue adds the funding rate to the paying side's requirement (`options.fundingRate`). */
  readonly fundingInRequirement: boolean;
  readonly liquidatableWhen: LiquidationTrigger;
  readonly priceRounding: PriceRounding;
  readonly partialLiquidation: LiquidationPolicy;
  /** How the venue ranks positions for auto-deleveraging; `'unpublished'` when no formula is public. */
  readonly adl: AdlMethod | 'unpublished';
  readonly evidence: readonly string[];
  /**
   * The first day (UTC, `YYYY-MM-DD`) this method applies; `null` when it is the earliest method
   * liqmath knows for the venue.
   */
  readonly effectiveFrom: string | null;
  /** The first day it no longer applies (the next method's `effectiveFrom`); `null` while current. */
  readonly effectiveUntil: string | null;
  /** Every method of this venue product, oldest first; this object is one of them. */
  readonly history: readonly Methodology<Payload, Options>[];
  /**
   * The method in effect on `date` (a `YYYY-MM-DD` day in UTC, or a `Date`): for a position
   * opened, or a venue figure published, on that day. A venue's exported object is its current
   * method.
   *
   * @throws {@link LiqMathError} `INVALID_OPTION` for anything but a valid calendar day or Date
   */
  asOf(date: string | Date): Methodology<Payload, Options>;
  /**
   * Builds the {@link Market} of one symbol from the venue's tier payload and the caller's options.
   *
   * @throws {@link LiqMathError} the payload codes of the venue's adapter (each venue object lists its own);
   * for the options, `INVALID_TYPE` (not an object; a `symbol` or `settle` that is not a name),
   * `UNKNOWN_FIELD` (an unknown option, or a `takerFeeRate` or `fundingRate` the venue does not count),
   * `MISSING_FIELD` (a `symbol` or `settle` neither given nor found, an option the venue requires),
   * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`contractSize`, `tickSize`, `lotSize`),
   * `RATE_OUT_OF_RANGE` (`takerFeeRate` outside [0, 1), `fundingRate` outside (−1, 1))
   */
  market(payload: Payload, options: Options): Market;
}

/**
 * Options every venue's `market(...)` takes: the symbol to read from a payload holding several,
 * the market's tick and lot, and (for inverse or when the venue has no default) the settlement
 * currency. Venues whose requirement includes a fee to close also need `takerFeeRate`.
 *
 * @example
 * ```ts
 * import type { VenueMarketOptions } from 'liqmath';
 *
 * const options: VenueMarketOptions = { symbol: 'BTCUSDT', tickSize: '0.1' };
 * ```
 * @group Venues
 */
export interface VenueMarketOptions {
  readonly symbol?: string;
  readonly settle?: string;
  readonly tickSize?: Numeric;
  readonly lotSize?: Numeric;
  /** Linear: base units per contract; inverse: quote value per contract. Default 1. */
  readonly contractSize?: Numeric;
}

/**
 * {@link VenueMarketOptions} plus the taker fee rate that the venue's requirement charges to close.
 *
 * @example
 * ```ts
 * import type { FeeVenueMarketOptions } from 'liqmath';
 *
 * const okx: FeeVenueMarketOptions = { symbol: 'BTC-USDT-SWAP', contractSize: '0.01', takerFeeRate: '0.0005' };
 * ```
 * @group Venues
 */
export interface FeeVenueMarketOptions extends VenueMarketOptions {
  readonly takerFeeRate: Numeric;
}

/** The data half of a methodology, which {@link venueMarket} reads. */
export type MethodologyData = Omit<
  Methodology<unknown, unknown>,
  'market' | 'asOf' | 'history' | 'effectiveFrom' | 'effectiveUntil'
>;

/** One dated method: its data and the first day it applies (`null` for the earliest). */
export type DatedMethodologyData = MethodologyData & { readonly effectiveFrom: string | null };

const OPTION_FIELDS = [
  'symbol',
  'settle',
  'tickSize',
  'lotSize',
  'contractSize',
  'takerFeeRate',
  'fundingRate',
] as const;

/** Reads the options object of a venue's `market(...)`, refusing unknown fields. */
export function readVenueOptions(value: unknown): Readonly<Record<string, unknown>> {
  if (value === undefined) return {};
  const record = expectRecord(value, 'options', 'an options object { symbol?, settle?, tickSize?, lotSize?, … }');
  expectKnownFields(record, OPTION_FIELDS, 'options');
  return record;
}

/**
 * Builds the market of one symbol under a methodology: the venue's maintenance basis and fee to
 * close, the caller's tick, lot and contract size. `symbol` and `settle` fall back to the given
 * defaults (from the payload or the venue); without either, `MISSING_FIELD`. A fee to close on
 * the bankruptcy value is a reserve the venue keeps inside the margin: without `takerFeeRate` no
 * fee is charged (the caller's margin is then the margin net of it); a fee at the mark needs the rate.
 */
export function venueMarket(
  venue: MethodologyData,
  table: TierTable,
  options: Readonly<Record<string, unknown>>,
  defaults: { readonly symbol?: string | undefined; readonly settle?: string | undefined },
): Market {
  const symbol = options.symbol ?? defaults.symbol;
  const settle = options.settle ?? defaults.settle;
  if (symbol === undefined) fail('MISSING_FIELD', 'options.symbol', symbol, 'the market symbol');
  if (settle === undefined)
    fail('MISSING_FIELD', 'options.settle', settle, `the settlement currency of a ${venue.id} market`);
  if (venue.closeFee === 'mark' && options.takerFeeRate === undefined) {
    fail('MISSING_FIELD', 'options.takerFeeRate', undefined, `the taker fee rate ${venue.name} charges to close`);
  }
  // A fee this venue leaves out of the requirement would be silently ignored: refuse it instead.
  if (venue.closeFee === 'none' && options.takerFeeRate !== undefined) {
    fail(
      'UNKNOWN_FIELD',
      'options.takerFeeRate',
      options.takerFeeRate,
      `no takerFeeRate: ${venue.name} does not count a fee to close in the maintenance requirement`,
    );
  }
  if (!venue.fundingInRequirement && options.fundingRate !== undefined) {
    fail(
      'UNKNOWN_FIELD',
      'options.fundingRate',
      options.fundingRate,
      `no fundingRate: ${venue.name} does not count funding in the maintenance requirement`,
    );
  }
  // Numbers are read here, so that an error names the caller's `options.tickSize`, not the market's.
  const positive = (key: 'contractSize' | 'tickSize' | 'lotSize') =>
    options[key] === undefined ? {} : { [key]: toPositive(options[key], `options.${key}`) };
  return defineMarket({
    symbol: symbol as string,
    contract: venue.contract,
    settle: settle as string,
    tiers: table,
    maintenanceAt: venue.maintenanceAt,
    priceRounding: venue.priceRounding,
    liquidatableWhen: venue.liquidatableWhen,
    ...positive('contractSize'),
    ...positive('tickSize'),
    ...positive('lotSize'),
    ...(options.fundingRate === undefined
      ? {}
      : { fundingRate: toDecimal(options.fundingRate, 'options.fundingRate') }),
    ...(venue.closeFee === 'none' || options.takerFeeRate === undefined
      ? {}
      : { closeFee: { rate: toFeeRate(options.takerFeeRate, 'options.takerFeeRate'), on: venue.closeFee } }),
  });
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` calendar day (UTC) from a day string or a valid Date; else INVALID_OPTION. */
export function dayOf(value: unknown, field: string): string {
  if (isDate(value)) {
    const time = value.getTime();
    if (Number.isFinite(time)) return value.toISOString().slice(0, 10);
  } else if (typeof value === 'string' && value.length === 10) {
    const match = DAY.exec(value);
    if (match !== null) {
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return value;
    }
  }
  fail('INVALID_OPTION', field, value, 'a calendar day YYYY-MM-DD (UTC) or a valid Date');
}

/** `instanceof Date`, false for anything that cannot even be asked (a Proxy whose traps throw). */
function isDate(value: unknown): value is Date {
  try {
    return value instanceof Date;
  } catch {
    return false;
  }
}

/**
 * Freezes a methodology (data and its `market` function) so no caller can change a venue's rules.
 * `data` gives one method, or a venue's dated methods oldest first; the object returned is the
 * current (last) one, and `asOf` reaches the others. The data comes as a thunk so that a bundler
 * can drop an unused venue whole: the call is marked pure and its arguments are functions.
 */
export function methodology<P, O>(
  data: () => MethodologyData | readonly DatedMethodologyData[],
  market: (venue: MethodologyData, payload: P, options: O) => Market,
): Methodology<P, O> {
  const given = data();
  const dated: readonly DatedMethodologyData[] = isDatedList(given) ? given : [{ ...given, effectiveFrom: null }];
  const history: Methodology<P, O>[] = [];
  const asOf = (date: string | Date): Methodology<P, O> => {
    const day = dayOf(date, 'date');
    // ISO days compare as strings. Before the earliest known method, the earliest applies.
    let found = history[0] as Methodology<P, O>;
    for (const version of history) if (version.effectiveFrom === null || version.effectiveFrom <= day) found = version;
    return found;
  };
  dated.forEach((version, k) => {
    const own: Methodology<P, O> = Object.freeze({
      ...version,
      tiers: Object.freeze({ ...version.tiers }),
      partialLiquidation: Object.freeze({ ...version.partialLiquidation }) as LiquidationPolicy,
      evidence: Object.freeze([...version.evidence]),
      effectiveUntil: dated[k + 1]?.effectiveFrom ?? null,
      history,
      asOf,
      market: (payload: P, options: O) => market(own, payload, options),
    });
    history.push(own);
  });
  Object.freeze(history);
  return history[history.length - 1] as Methodology<P, O>;
}

function isDatedList(
  value: MethodologyData | readonly DatedMethodologyData[],
): value is readonly DatedMethodologyData[] {
  return isList(value);
}
