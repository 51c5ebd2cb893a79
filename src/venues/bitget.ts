import type { TierTable } from '../model/tiers.js';
import {
  type FeeVenueMarketOptions,
  type Methodology,
  type MethodologyData,
  methodology,
  readVenueOptions,
  venueMarket,
} from './methodology.js';
import { readListOptions, symbolRows, tableFromRows } from './payload.js';

/**
 * A `query-position-lever` response (or its `data`): rows `{ symbol, level, startUnit, endUnit,
 * leverage, keepMarginRate }`, the bounds a position value in USDT.
 *
 * @example
 * ```ts
 * import type { BitgetPositionTiers } from 'liqmath';
 *
 * const payload: BitgetPositionTiers = { data: [
 *   { symbol: 'BTCUSDT', level: '1', startUnit: '0', endUnit: '200000', leverage: '150', keepMarginRate: '0.004' },
 * ] };
 * ```
 * @group Venues
 */
export type BitgetPositionTiers = { readonly data: readonly unknown[] } | readonly unknown[];

/**
 * A tier table from Bitget's position tiers of one symbol: by deduction (the tiered maintenance
 * of positions opened since 2025-11-10; Bitget's "offset" is the deduction, derived) or flat (the
 * whole position at its tier's rate, before).
 *
 * @throws {@link LiqMathError} for the payload, `INVALID_TYPE` (a response or a row not an object, `data` not
 * an array), `MISSING_FIELD` (`options.symbol` for rows of several symbols; a row's `startUnit`, `endUnit`,
 * `keepMarginRate` or `leverage`), `UNKNOWN_SYMBOL` (no row of the symbol, or no row at all), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (an `endUnit` of 0), `NEGATIVE` (`startUnit`, `endUnit`),
 * `TIER_NOT_CONTIGUOUS` (a `startUnit` that is not the previous `endUnit`), `TOO_LARGE`, and the table rules of
 * {@link defineTiers} under the payload's path: `RATE_OUT_OF_RANGE`, `LEVERAGE_OUT_OF_RANGE`,
 * `TIER_CAP_NOT_INCREASING`, `TIER_RATE_DECREASING`, `TIER_LEVERAGE_INCREASING`, `TIER_RATE_ABOVE_INITIAL`; for
 * the options, `INVALID_OPTION` (a `method` other than `'flat'` or `'deduction'`)
 *
 * @example
 * ```ts
 * import { maintenanceMargin, tiersFromBitgetPositionTiers } from 'liqmath';
 *
 * const payload = { data: [
 *   { symbol: 'BTCUSDT', level: '1', startUnit: '0', endUnit: '200000', leverage: '150', keepMarginRate: '0.004' },
 *   { symbol: 'BTCUSDT', level: '2', startUnit: '200000', endUnit: '1000000', leverage: '100', keepMarginRate: '0.005' },
 * ] };
 * maintenanceMargin(tiersFromBitgetPositionTiers(payload), 330000).toString(); //=> '1450'
 * maintenanceMargin(tiersFromBitgetPositionTiers(payload, { method: 'flat' }), 330000).toString(); //=> '1650'
 * ```
 * @group Venues
 */
export function tiersFromBitgetPositionTiers(
  payload: BitgetPositionTiers,
  options: { readonly symbol?: string; readonly method?: 'flat' | 'deduction' } = {},
): TierTable<'notional'> {
  const { symbol, method } = readListOptions(options, 'symbol');
  return bitgetTable(payload, symbol, method).table;
}

/** The table and the symbol its rows name. */
function bitgetTable(payload: unknown, symbol: string | undefined, method: 'flat' | 'deduction') {
  const { path, rows, indices, symbol: own } = symbolRows(payload, 'tiers', 'the list of position tiers', symbol);
  const table = tableFromRows(
    rows,
    path,
    { floor: 'startUnit', cap: 'endUnit', rate: 'keepMarginRate', leverage: 'leverage' },
    { indexOf: (k) => indices[k] ?? k, method },
  ) as TierTable<'notional'>;
  return { table, symbol: own };
}

/** Positions opened from this day (08:00 UTC) have tiered maintenance (Bitget announcement of 2025-11-07). */
const BITGET_TIERED = '2025-11-10';

const shared = {
  id: 'bitget-usdt',
  name: 'Bitget USDT-M perpetual',
  contract: 'linear',
  maintenanceAt: 'price',
  closeFee: 'mark',
  fundingInRequirement: false,
  liquidatableWhen: 'equity ≤ requirement',
  priceRounding: 'none',
  partialLiquidation: { kind: 'tier-step-down' },
  adl: 'unpublished',
} as const;

function bitgetMarket(venue: MethodologyData, payload: BitgetPositionTiers, options: FeeVenueMarketOptions) {
  const read = readVenueOptions(options);
  const method = venue.tiers.method === 'flat' ? 'flat' : 'deduction';
  const { table, symbol } = bitgetTable(payload, read.symbol as string | undefined, method);
  return venueMarket(venue, table, read, { symbol, settle: 'USDT' });
}

/**
 * Bitget USDT-M perpetuals: maintenance at the mark plus the liquidation (taker) fee at the mark
 * (`takerFeeRate`, 0.0006 in Bitget's examples), tiers by deduction for positions opened since
 * 2025-11-10 and flat for positions opened before (`bitgetUsdt.asOf(openDay)`); prices unrounded.
 *
 * @throws {@link LiqMathError} from `market(...)`: the payload codes of {@link tiersFromBitgetPositionTiers};
 * for the options, `INVALID_TYPE` (not an object; a `symbol` or `settle` that is not a name), `UNKNOWN_FIELD`
 * (also `fundingRate`, which Bitget does not count), `MISSING_FIELD` (`takerFeeRate`; `symbol` when the rows
 * name none), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`contractSize`, `tickSize`, `lotSize`),
 * `RATE_OUT_OF_RANGE` (`takerFeeRate` outside [0, 1))
 *
 * @example
 * ```ts
 * import { bitgetUsdt, isolatedLiquidationPrice } from 'liqmath';
 *
 * const payload = { data: [{ symbol: 'BTCUSDT', level: '1', startUnit: '0', endUnit: '50000', leverage: '125', keepMarginRate: '0.004' }] };
 * const market = bitgetUsdt.asOf('2025-09-18').market(payload, { takerFeeRate: '0.0006' });
 * // Bitget's API example: long 0.01 BTC at 25,000 with 9.6695050093373343 USDT
 * isolatedLiquidationPrice(market, { side: 'long', size: '0.01', entryPrice: 25000, margin: '9.6695050093373343' })?.toFixed(16); //=> '24144.1124161806977798'
 * ```
 * @group Venues
 */
export const bitgetUsdt: Methodology<BitgetPositionTiers, FeeVenueMarketOptions> = /* @__PURE__ */ methodology(
  () => [
    {
      ...shared,
      tiers: { method: 'flat', basis: 'notional' },
      evidence: ['bitget-usdtm-apidoc-single-position-btcusdt', 'bitget-usdtm-example-tiered-mm-btcusdt-2025-11'],
      effectiveFrom: null,
    },
    {
      ...shared,
      tiers: { method: 'deduction', basis: 'notional' },
      evidence: ['bitget-usdtm-example-tiered-mm-btcusdt-2025-11'],
      effectiveFrom: BITGET_TIERED,
    },
  ],
  bitgetMarket,
);
