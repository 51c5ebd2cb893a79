/**
 * BitMEX: inverse (XBTUSD), linear (ETHUSDT) and quanto (ETHUSD in XBT) perpetuals, their
 * risk-limit steps read from a `GET /instrument` record, and the methodology that reproduces
 * BitMEX's position fields (`posInit`, `posComm`, `posMaint`) and prices. See `docs/venues/bitmex.md`.
 */
import type Big from 'big.js';
import { decimal, ONE, PRECISION, toDecimal, toFeeRate, toPositive, ZERO } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectRecord, isList, required } from '../core/input.js';
import type { ContractType } from '../model/market.js';
import { defineTiers, type TierRow, type TierTable } from '../model/tiers.js';
import {
  type Methodology,
  type MethodologyData,
  methodology,
  readVenueOptions,
  type VenueMarketOptions,
  venueMarket,
} from './methodology.js';

/**
 * The fields liqmath reads from a BitMEX `GET /instrument` record (others are ignored). Money
 * fields are in the settlement currency's smallest unit: `XBt` (satoshi) or `USDt` (10⁻⁶ USDT).
 *
 * @example
 * ```ts
 * import type { BitmexInstrument } from 'liqmath';
 *
 * const xbtusd: BitmexInstrument = {
 *   symbol: 'XBTUSD', isInverse: true, isQuanto: false, multiplier: -100000000, settlCurrency: 'XBt',
 *   riskLimit: 20000000000, riskStep: 15000000000, initMargin: 0.01, maintMargin: 0.0035,
 *   tickSize: 0.5, lotSize: 100, takerFee: 0.0005, fundingRate: 0.0001,
 * };
 * ```
 * @group Venues
 */
export interface BitmexInstrument {
  readonly symbol: string;
  readonly isInverse: boolean;
  readonly isQuanto: boolean;
  /** Settle units per contract (per price point for linear and quanto); negative for inverse. */
  readonly multiplier: number | string;
  readonly settlCurrency: string;
  /** The base risk limit, in settle units. */
  readonly riskLimit: number | string;
  /** The risk-limit step, in settle units. */
  readonly riskStep: number | string;
  readonly initMargin: number | string;
  readonly maintMargin: number | string;
  readonly tickSize?: number | string;
  readonly lotSize?: number | string;
  readonly takerFee?: number | string;
  /** The funding rate; positive when longs pay. */
  readonly fundingRate?: number | string | null;
}

/** Settlement currencies BitMEX counts in a smallest unit, and that unit's size. */
const UNITS: Readonly<Record<string, { readonly settle: string; readonly scale: number }>> = Object.freeze({
  XBt: Object.freeze({ settle: 'XBT', scale: 8 }),
  USDt: Object.freeze({ settle: 'USDT', scale: 6 }),
});

/** The highest number of risk-limit steps read; BitMEX's initial rate reaches 100% well before. */
const MAX_STEPS = 1000;

/**
 * The risk-limit steps of a BitMEX instrument as a flat tier table: step `n` (from 0) holds
 * positions up to `riskLimit + n·riskStep` at maintenance `(n + 1)·maintMargin` and initial
 * `initMargin + n·maintMargin` (each step adds the base maintenance rate to both, per BitMEX's
 * risk-limit examples), up to the last step whose initial rate is at most 100%.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`instrument` not an object), `MISSING_FIELD` (`settlCurrency`,
 * `riskLimit`, `riskStep`, `initMargin`, `maintMargin`), `INVALID_OPTION` (a `settlCurrency` other than `XBt`
 * or `USDt`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE` (also a step's cap, rate or leverage out of range once
 * derived, named as a `rows[k]` field), `NOT_POSITIVE` (`riskLimit`, `riskStep`), `RATE_OUT_OF_RANGE`
 * (`initMargin` or `maintMargin` outside [0, 1), a `maintMargin` of 0 or above `initMargin`)
 *
 * @example
 * ```ts
 * import { tiersFromBitmexInstrument } from 'liqmath';
 *
 * const table = tiersFromBitmexInstrument({
 *   symbol: 'XBTUSD', isInverse: true, isQuanto: false, multiplier: -100000000, settlCurrency: 'XBt',
 *   riskLimit: 20000000000, riskStep: 15000000000, initMargin: 0.01, maintMargin: 0.005,
 * });
 * table.tiers[1]?.cap?.toString(); //=> '350'
 * table.tiers[1]?.maintenanceMarginRate.toString(); //=> '0.01'
 * ```
 * @group Venues
 */
export function tiersFromBitmexInstrument(instrument: BitmexInstrument): TierTable<'notional'> {
  const record = expectRecord(instrument, 'instrument', 'a BitMEX instrument record { symbol, riskLimit, … }');
  const unit = unitOf(record);
  const shift = (value: Big) => value.div(decimal(10).pow(unit.scale));
  const base = shift(toPositive(required(record, 'riskLimit', 'instrument'), 'instrument.riskLimit'));
  const step = shift(toPositive(required(record, 'riskStep', 'instrument'), 'instrument.riskStep'));
  const initial = toFeeRate(required(record, 'initMargin', 'instrument'), 'instrument.initMargin');
  const maintenance = toFeeRate(required(record, 'maintMargin', 'instrument'), 'instrument.maintMargin');
  if (maintenance.lte(ZERO) || initial.lt(maintenance)) {
    fail('RATE_OUT_OF_RANGE', 'instrument.maintMargin', record.maintMargin, 'a rate in (0, initMargin]');
  }
  const rows: TierRow[] = [];
  for (let n = 0; n < MAX_STEPS; n++) {
    const initialRate = initial.plus(maintenance.times(n));
    if (initialRate.gt(ONE)) break;
    rows.push({
      cap: base.plus(step.times(n)).toString(),
      maintenanceMarginRate: maintenance.times(n + 1).toString(),
      // Rounded down, so that the initial rate 1/maxLeverage is never below the step's maintenance rate.
      maxLeverage: ONE.div(initialRate)
        .round(PRECISION.decimalPlaces - 2, 0)
        .toString(),
    });
  }
  return defineTiers(rows, { method: 'flat' });
}

function unitOf(record: Readonly<Record<string, unknown>>) {
  const currency = required(record, 'settlCurrency', 'instrument');
  const unit = typeof currency === 'string' && Object.hasOwn(UNITS, currency) ? UNITS[currency] : undefined;
  if (unit === undefined) {
    fail('INVALID_OPTION', 'instrument.settlCurrency', currency, `one of ${Object.keys(UNITS).join(', ')}`);
  }
  return unit;
}

function contractOf(record: Readonly<Record<string, unknown>>): ContractType {
  const inverse = required(record, 'isInverse', 'instrument');
  const quanto = required(record, 'isQuanto', 'instrument');
  if (typeof inverse !== 'boolean') fail('INVALID_TYPE', 'instrument.isInverse', inverse, 'true or false');
  if (typeof quanto !== 'boolean') fail('INVALID_TYPE', 'instrument.isQuanto', quanto, 'true or false');
  if (inverse && quanto) fail('INVALID_OPTION', 'instrument.isQuanto', quanto, 'false for an inverse instrument');
  return inverse ? 'inverse' : quanto ? 'quanto' : 'linear';
}

/**
 * Options of BitMEX's `market(...)`. With an instrument record, the symbol, settle currency,
 * contract size (`|multiplier|` in settle units), tick, lot, fee (`takerFee`) and funding rate
 * come from it unless given here. `takerFeeRate` is the position's `commission` (BitMEX reserves
 * the largest of its fees); `fundingRate` is the rate the paying side adds to its requirement.
 *
 * @example
 * ```ts
 * import type { BitmexMarketOptions } from 'liqmath';
 *
 * const options: BitmexMarketOptions = { takerFeeRate: '0.00075', fundingRate: '0.0001' };
 * ```
 * @group Venues
 */
export interface BitmexMarketOptions extends VenueMarketOptions {
  readonly takerFeeRate?: number | string;
  readonly fundingRate?: number | string;
}

const shared = {
  tiers: { method: 'flat', basis: 'notional' },
  maintenanceAt: 'entry',
  closeFee: 'reserve',
  fundingInRequirement: true,
  liquidatableWhen: 'equity ≤ requirement',
  priceRounding: 'toward-mark',
  partialLiquidation: { kind: 'tier-step-down' },
  adl: 'pnl-leverage',
} as const;

function bitmexMarket(contract: ContractType) {
  return (venue: MethodologyData, source: BitmexInstrument | readonly TierRow[], options: BitmexMarketOptions) => {
    const read = readVenueOptions(options);
    if (isList(source)) {
      const symbol = read.symbol;
      const settle = typeof symbol === 'string' && symbol.startsWith('XBT') ? 'XBT' : undefined;
      return venueMarket(venue, defineTiers(source as readonly TierRow[], { method: 'flat' }), read, { settle });
    }
    const record = expectRecord(source, 'instrument', 'a BitMEX instrument record or tier rows');
    const kind = contractOf(record);
    if (kind !== contract) {
      fail('INVALID_OPTION', 'instrument', record.symbol, `a ${contract} instrument for ${venue.name}`);
    }
    const unit = unitOf(record);
    const multiplier = toDecimal(required(record, 'multiplier', 'instrument'), 'instrument.multiplier').abs();
    if (multiplier.eq(ZERO))
      fail('NOT_POSITIVE', 'instrument.multiplier', record.multiplier, 'a multiplier other than 0');
    const fromInstrument = {
      contractSize: multiplier.div(decimal(10).pow(unit.scale)).toString(),
      ...(record.tickSize === undefined ? {} : { tickSize: record.tickSize }),
      ...(record.lotSize === undefined ? {} : { lotSize: record.lotSize }),
      ...(record.takerFee === undefined ? {} : { takerFeeRate: record.takerFee }),
      ...(record.fundingRate === undefined || record.fundingRate === null ? {} : { fundingRate: record.fundingRate }),
    };
    const symbol = typeof record.symbol === 'string' ? record.symbol : undefined;
    return venueMarket(
      venue,
      tiersFromBitmexInstrument(source as BitmexInstrument),
      { ...fromInstrument, ...read },
      {
        symbol,
        settle: unit.settle,
      },
    );
  };
}

/**
 * BitMEX inverse perpetuals (XBTUSD: contracts of 1 USD, margin in XBT). Maintenance is a rate
 * on the position's **entry cost** (`posMaint`), the fee to close a **reserve inside the margin**
 * (`posComm = commission·(posCost + posInit + posCross)`, in the requirement and never spent on a
 * loss), the funding rate in the paying side's requirement, risk-limit steps raising the rate of
 * the whole position (flat tiers), prices rounded to the tick toward the mark. `market(...)` takes
 * a `GET /instrument` record (or tier rows with `symbol` and `settle`).
 *
 * @throws {@link LiqMathError} from `market(...)` (and that of {@link bitmexLinear}, {@link bitmexQuanto}):
 * for an instrument record, `INVALID_TYPE` (not an object; `isInverse` or `isQuanto` not a boolean),
 * `MISSING_FIELD` (`isInverse`, `isQuanto`, `multiplier`), `INVALID_OPTION` (both `isInverse` and `isQuanto`;
 * an instrument of another contract type), `NOT_POSITIVE` (a `multiplier` of 0; `tickSize`, `lotSize`),
 * `RATE_OUT_OF_RANGE` (`takerFee`, `fundingRate`), and the codes of {@link tiersFromBitmexInstrument}; for tier
 * rows, the codes of {@link defineTiers} for a flat table, and `MISSING_FIELD` without `options.symbol` (and
 * without `options.settle` unless the symbol starts with "XBT"); for the options, `INVALID_TYPE`,
 * `UNKNOWN_FIELD`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`contractSize`, `tickSize`,
 * `lotSize`), `RATE_OUT_OF_RANGE` (`takerFeeRate` outside [0, 1), `fundingRate` outside (−1, 1))
 *
 * @example
 * ```ts
 * import { isolatedBankruptcyPrice, bitmexInverse, isolatedLiquidationPrice } from 'liqmath';
 *
 * const market = bitmexInverse.market(
 *   { symbol: 'XBTUSD', isInverse: true, isQuanto: false, multiplier: -100000000, settlCurrency: 'XBt',
 *     riskLimit: 20000000000, riskStep: 15000000000, initMargin: 0.01, maintMargin: 0.005, tickSize: 0.5 },
 *   { takerFeeRate: '0.00075' },
 * );
 * // 10,000 contracts long at 50,000, 10x: posInit 0.02, posComm 0.00075·0.22 = 0.000165 XBT
 * const position = { side: 'long', size: 10000, entryPrice: 50000, leverage: 10 } as const;
 * isolatedBankruptcyPrice(market, position)?.toFixed(2); //=> '45454.55'
 * isolatedLiquidationPrice(market, position)?.toFixed(2); //=> '45662.10'
 * ```
 * @group Venues
 */
export const bitmexInverse: Methodology<BitmexInstrument | readonly TierRow[], BitmexMarketOptions> =
  /* @__PURE__ */ methodology(
    () => ({
      ...shared,
      id: 'bitmex-inverse',
      name: 'BitMEX inverse perpetual',
      contract: 'inverse',
      evidence: ['bitmex-xbtusd-short-2019-02-09-testnet'],
    }),
    /* @__PURE__ */ bitmexMarket('inverse'),
  );

/**
 * BitMEX linear perpetuals settled in USDT (ETHUSDT: `multiplier` 10 µUSDT per contract per
 * point, so 0.00001 ETH a contract), with the rules of {@link bitmexInverse}.
 *
 * @throws {@link LiqMathError} from `market(...)`: the codes of {@link bitmexInverse}'s `market`
 *
 * @example
 * ```ts
 * import { bitmexLinear, isolatedLiquidationPrice } from 'liqmath';
 *
 * const market = bitmexLinear.market(
 *   { symbol: 'ETHUSDT', isInverse: false, isQuanto: false, multiplier: 10, settlCurrency: 'USDt',
 *     riskLimit: 1000000000000, riskStep: 1000000000000, initMargin: 0.02, maintMargin: 0.01, tickSize: 0.05 },
 *   { takerFeeRate: '0.00075', fundingRate: '0.0001' },
 * );
 * market.contractSize.toString(); //=> '0.00001'
 * // BitMEX's own position: 2,000 contracts long at 1,963, margin 13.125928 USDT; BitMEX shows 1,328.5 (the tick up)
 * isolatedLiquidationPrice(market, { side: 'long', size: 2000, entryPrice: 1963, margin: '13.125928' })?.toFixed(2); //=> '1328.49'
 * ```
 * @group Venues
 */
export const bitmexLinear: Methodology<BitmexInstrument, BitmexMarketOptions> = /* @__PURE__ */ methodology(
  () => ({
    ...shared,
    id: 'bitmex-linear',
    name: 'BitMEX linear perpetual',
    contract: 'linear',
    evidence: ['bitmex-ethusdt-long-2022-05-21-ccxt-comment'],
  }),
  /* @__PURE__ */ bitmexMarket('linear'),
);

/**
 * BitMEX quanto perpetuals (ETHUSD settled in XBT: `multiplier` 100 satoshi per contract per USD
 * of price, PnL `(exit − entry)·0.000001·contracts` XBT), with the rules of {@link bitmexInverse}.
 *
 * @throws {@link LiqMathError} from `market(...)`: the codes of {@link bitmexInverse}'s `market`
 *
 * @example
 * ```ts
 * import { bitmexQuanto, isolatedLiquidationPrice } from 'liqmath';
 *
 * const market = bitmexQuanto.market(
 *   { symbol: 'ETHUSD', isInverse: false, isQuanto: true, multiplier: 100, settlCurrency: 'XBt',
 *     riskLimit: 5000000000, riskStep: 5000000000, initMargin: 0.02, maintMargin: 0.01, tickSize: 0.05 },
 *   { takerFeeRate: '0.00075' },
 * );
 * market.contract; //=> 'quanto'
 * // 1,000 contracts long at 2,000 (2 XBT of value), 10x
 * isolatedLiquidationPrice(market, { side: 'long', size: 1000, entryPrice: 2000, leverage: 10 })?.toFixed(2); //=> '1820.00'
 * ```
 * @group Venues
 */
export const bitmexQuanto: Methodology<BitmexInstrument, BitmexMarketOptions> = /* @__PURE__ */ methodology(
  () => ({
    ...shared,
    id: 'bitmex-quanto',
    name: 'BitMEX quanto perpetual',
    contract: 'quanto',
    evidence: ['bitmex-adausd-quanto-long-2022-02-25-alunajs'],
  }),
  /* @__PURE__ */ bitmexMarket('quanto'),
);
