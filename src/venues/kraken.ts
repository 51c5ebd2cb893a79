/**
 * Kraken Futures: the `GET /derivatives/api/v3/instruments` adapter (margin levels) and the
 * methodologies of inverse (`PI_`) and multi-collateral linear (`PF_`) perpetuals.
 * See `docs/venues/kraken.md`.
 */
import { ONE, PRECISION, toPositive } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectArray, expectRecord, required } from '../core/input.js';
import type { TierTable } from '../model/tiers.js';
import {
  type Methodology,
  type MethodologyData,
  methodology,
  readVenueOptions,
  type VenueMarketOptions,
  venueMarket,
} from './methodology.js';
import { rowsOfSymbol, tableFromRows, withCapsFromNextFloor } from './payload.js';

/**
 * A Kraken Futures instrument (or the `instruments` response holding it): `type`
 * (`'futures_inverse'` or `'flexible_futures'`), and `marginLevels`, each the **lower bound** of
 * a level (`contracts` for inverse, `numNonContractUnits`, a USD value, for flexible) with its
 * `initialMargin` and `maintenanceMargin` fractions. Other fields are ignored.
 *
 * @example
 * ```ts
 * import type { KrakenInstruments } from 'liqmath';
 *
 * const payload: KrakenInstruments = { instruments: [{ symbol: 'PI_XBTUSD', type: 'futures_inverse', tickSize: 0.5,
 *   marginLevels: [{ contracts: 0, initialMargin: 0.02, maintenanceMargin: 0.01 }] }] };
 * ```
 * @group Venues
 */
export type KrakenInstruments =
  | { readonly instruments: readonly unknown[] }
  | { readonly symbol?: string; readonly type: string; readonly marginLevels: readonly unknown[] };

const KINDS = Object.freeze({
  futures_inverse: Object.freeze({ key: 'contracts', contracts: true }),
  flexible_futures: Object.freeze({ key: 'numNonContractUnits', contracts: false }),
});

/**
 * The margin levels of one Kraken instrument as a flat tier table: by contracts for inverse
 * (`futures_inverse`), by USD value for flexible (`flexible_futures`); each level's cap is the next
 * level's lower bound, the last unbounded; its max leverage is 1/`initialMargin`. The key is read
 * by the instrument's `type`, not its symbol prefix (Kraken's own samples mix them).
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (the payload, an instrument or a level not an object;
 * `instruments` or `marginLevels` not an array, also when missing), `MISSING_FIELD` (`symbol` for a list of
 * several instruments, named `options.symbol`; a level's lower bound, `initialMargin` or `maintenanceMargin`),
 * `UNKNOWN_SYMBOL`, `INVALID_OPTION` (a `type` other than `'futures_inverse'` or `'flexible_futures'`),
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`initialMargin`; a cap of 0), `NEGATIVE` (a lower
 * bound), `RATE_OUT_OF_RANGE` (an `initialMargin` above 1, a `maintenanceMargin` outside (0, 1]),
 * `TIER_NOT_CONTIGUOUS` (a first lower bound other than 0), `TIERS_EMPTY`, `TOO_LARGE`,
 * `TIER_CAP_NOT_INCREASING`, `TIER_RATE_DECREASING`, `TIER_LEVERAGE_INCREASING`, `TIER_RATE_ABOVE_INITIAL` (a
 * `maintenanceMargin` above the `initialMargin`)
 *
 * @example
 * ```ts
 * import { tiersFromKrakenInstrument } from 'liqmath';
 *
 * const table = tiersFromKrakenInstrument({ symbol: 'PI_XBTUSD', type: 'futures_inverse', marginLevels: [
 *   { contracts: 0, initialMargin: 0.02, maintenanceMargin: 0.01 },
 *   { contracts: 500000, initialMargin: 0.04, maintenanceMargin: 0.02 },
 * ] });
 * table.basis; //=> 'contracts'
 * table.tiers[0]?.cap?.toString(); //=> '500000'
 * ```
 * @group Venues
 */
export function tiersFromKrakenInstrument(payload: KrakenInstruments, symbol?: string): TierTable {
  const { instrument, path } = pickInstrument(payload, symbol);
  const kind = kindOf(instrument, path);
  const levels = expectArray(instrument.marginLevels, `${path}.marginLevels`, 'the margin levels');
  const rows = withCapsFromNextFloor(levels, `${path}.marginLevels`, kind.key).map((row, k) => ({
    ...row,
    // Kraken gives the initial margin rate; liqmath's tiers carry its inverse, the max leverage.
    maxLeverage: leverageOf(
      required(row, 'initialMargin', `${path}.marginLevels[${k}]`),
      `${path}.marginLevels[${k}].initialMargin`,
    ),
  }));
  return tableFromRows(
    rows,
    `${path}.marginLevels`,
    { floor: 'floor', cap: 'cap', rate: 'maintenanceMargin', leverage: 'maxLeverage' },
    kind.contracts ? { contracts: true } : { method: 'flat' },
  );
}

/**
 * The max leverage of an initial margin rate in (0, 1]: 1/rate, rounded down at 48 places when
 * it does not terminate, so that 1/maxLeverage is never below the rate.
 */
function leverageOf(rate: unknown, field: string): string {
  const value = toPositive(rate, field);
  if (value.gt(ONE)) fail('RATE_OUT_OF_RANGE', field, rate, 'an initial margin rate in (0, 1]');
  return ONE.div(value)
    .round(PRECISION.decimalPlaces - 2, 0)
    .toString();
}

function kindOf(instrument: Readonly<Record<string, unknown>>, path: string) {
  const type = instrument.type;
  const kind = typeof type === 'string' && Object.hasOwn(KINDS, type) ? KINDS[type as keyof typeof KINDS] : undefined;
  if (kind === undefined) fail('INVALID_OPTION', `${path}.type`, type, `one of ${Object.keys(KINDS).join(', ')}`);
  return kind;
}

function pickInstrument(payload: unknown, symbol: string | undefined) {
  const record = expectRecord(payload, 'payload', 'an instruments response { instruments } or one instrument');
  if (record.instruments === undefined) return { instrument: record, path: 'instrument' };
  const list = expectArray(record.instruments, 'instruments', 'the list of instruments');
  const { rows, indices } = rowsOfSymbol(list, 'symbol', symbol, 'instruments');
  const index = indices[0] as number;
  return {
    instrument: expectRecord(rows[0], `instruments[${index}]`, 'an instrument'),
    path: `instruments[${index}]`,
  };
}

const shared = {
  maintenanceAt: 'price',
  closeFee: 'none',
  fundingInRequirement: false,
  liquidatableWhen: 'equity < requirement',
  priceRounding: 'none',
  partialLiquidation: { kind: 'tier-step-down' },
  adl: 'unpublished',
} as const;

function krakenMarket(type: keyof typeof KINDS, settleOf: (symbol: string) => string | undefined) {
  return (venue: MethodologyData, payload: KrakenInstruments, options: VenueMarketOptions) => {
    const read = readVenueOptions(options);
    const { instrument, path } = pickInstrument(payload, read.symbol as string | undefined);
    if (instrument.type !== type) fail('INVALID_OPTION', `${path}.type`, instrument.type, `a ${type} instrument`);
    const symbol = typeof instrument.symbol === 'string' ? instrument.symbol : (read.symbol as string | undefined);
    const fromInstrument = {
      ...(instrument.tickSize === undefined ? {} : { tickSize: instrument.tickSize }),
      ...(instrument.contractSize === undefined ? {} : { contractSize: instrument.contractSize }),
    };
    return venueMarket(
      venue,
      tiersFromKrakenInstrument(payload, read.symbol as string | undefined),
      { ...fromInstrument, ...read },
      { symbol, settle: symbol === undefined ? undefined : settleOf(symbol) },
    );
  };
}

/**
 * Kraken Futures inverse perpetuals (`PI_XBTUSD`: contracts of 1 USD, margin in the coin):
 * margin levels by contracts (flat: the whole position at its level's rates), maintenance valued
 * at the price (Kraken's equity-protection example needs it), no fee in the requirement.
 *
 * @throws {@link LiqMathError} from `market(...)` (and that of {@link krakenLinear}): the codes of
 * {@link tiersFromKrakenInstrument} for the payload, and `INVALID_OPTION` for an instrument of the other
 * `type`; for the options, `INVALID_TYPE` (not an object; a `symbol`, or the settle coin read from it, that is
 * not a name), `UNKNOWN_FIELD` (also `takerFeeRate` and `fundingRate`, which Kraken does not count),
 * `MISSING_FIELD` (`symbol`, when the instrument has none), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`,
 * `NOT_POSITIVE` (`contractSize`, `tickSize`, `lotSize`, from the instrument or the options)
 *
 * @example
 * ```ts
 * import { isolatedBankruptcyPrice, krakenInverse, isolatedLiquidationPrice } from 'liqmath';
 *
 * const market = krakenInverse.market({ symbol: 'PI_XBTUSD', type: 'futures_inverse', tickSize: 0.5,
 *   marginLevels: [{ contracts: 0, initialMargin: 0.02, maintenanceMargin: 0.01 }] }, {});
 * market.settle; //=> 'XBT'
 * // Kraken's example: 1,000 contracts long at 8,000 with 0.01 XBT: liquidation 7,481, bankruptcy 7,407
 * const position = { side: 'long', size: 1000, entryPrice: 8000, margin: '0.01' } as const;
 * isolatedLiquidationPrice(market, position)?.toFixed(2); //=> '7481.48'
 * isolatedBankruptcyPrice(market, position)?.toFixed(2); //=> '7407.41'
 * ```
 * @group Venues
 */
export const krakenInverse: Methodology<KrakenInstruments, VenueMarketOptions> = /* @__PURE__ */ methodology(
  () => ({
    ...shared,
    id: 'kraken-inverse',
    name: 'Kraken Futures inverse perpetual',
    contract: 'inverse',
    tiers: { method: 'flat', basis: 'contracts' },
    evidence: ['kraken-pi-xbtusd-example-epp-7481'],
  }),
  /* @__PURE__ */ krakenMarket('futures_inverse', (symbol) =>
    symbol.length > 100 ? symbol : symbol.replace(/^PI_/, '').replace(/USD$/, ''),
  ),
);

/**
 * Kraken Futures multi-collateral linear perpetuals (`PF_XBTUSD`, margined in USD): margin levels
 * by USD position value (flat), maintenance at the price, no fee in the requirement. No worked
 * example or payload with a liquidation price was found; see the venue page.
 *
 * @throws {@link LiqMathError} from `market(...)`: the codes of {@link krakenInverse}'s `market`
 *
 * @example
 * ```ts
 * import { krakenLinear, maintenanceMargin } from 'liqmath';
 *
 * const market = krakenLinear.market({ symbol: 'PF_XBTUSD', type: 'flexible_futures', tickSize: 1, marginLevels: [
 *   { numNonContractUnits: 0, initialMargin: 0.02, maintenanceMargin: 0.01 },
 *   { numNonContractUnits: 500000, initialMargin: 0.04, maintenanceMargin: 0.02 },
 * ] }, {});
 * market.settle; //=> 'USD'
 * maintenanceMargin(market.tiers, 600000).toString(); //=> '12000'
 * ```
 * @group Venues
 */
export const krakenLinear: Methodology<KrakenInstruments, VenueMarketOptions> = /* @__PURE__ */ methodology(
  () => ({
    ...shared,
    id: 'kraken-linear',
    name: 'Kraken Futures multi-collateral perpetual',
    contract: 'linear',
    tiers: { method: 'flat', basis: 'notional' },
    evidence: [],
  }),
  /* @__PURE__ */ krakenMarket('flexible_futures', () => 'USD'),
);
