/**
 * Hyperliquid perpetuals: the `meta` info response's margin tables as tier tables (maintenance
 * rate = 1/(2·max leverage) per tier) and the methodology. See `docs/venues/hyperliquid.md`.
 */
import type Big from 'big.js';
import { ONE, toPositive } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectArray, expectRecord, isList, required } from '../core/input.js';
import type { TierTable } from '../model/tiers.js';
import {
  type Methodology,
  methodology,
  readVenueOptions,
  type VenueMarketOptions,
  venueMarket,
} from './methodology.js';
import { tableFromRows } from './payload.js';

/**
 * The `{"type": "meta"}` info response: `universe` (assets with `name`, `maxLeverage`,
 * `marginTableId`) and `marginTables` (pairs `[id, { description, marginTiers }]`, each tier
 * `{ lowerBound, maxLeverage }` with the lower bound in USDC notional).
 *
 * @example
 * ```ts
 * import type { HyperliquidMeta } from 'liqmath';
 *
 * const meta: HyperliquidMeta = {
 *   universe: [{ name: 'BTC', szDecimals: 5, maxLeverage: 40, marginTableId: 56 }],
 *   marginTables: [[56, { description: 'tiered 40x', marginTiers: [{ lowerBound: '0.0', maxLeverage: 40 }, { lowerBound: '150000000.0', maxLeverage: 20 }] }]],
 * };
 * ```
 * @group Venues
 */
export interface HyperliquidMeta {
  readonly universe: readonly Readonly<Record<string, unknown>>[];
  readonly marginTables?: readonly (readonly [unknown, unknown])[];
}

/**
 * The tier table of one asset from `meta`: each margin tier `k` has maintenance rate
 * `1/(2·maxLeverage_k)` (half the initial margin at max leverage) and the deduction of the
 * recurrence; its cap is the next tier's lower bound. An asset whose `marginTableId` is not
 * listed in `marginTables` gets one tier at its own `maxLeverage`.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`meta`, an asset, a margin table or a tier not an object;
 * `universe`, `marginTables` or `marginTiers` not an array), `MISSING_FIELD` (`universe`, `marginTiers`,
 * `lowerBound`; a tier's `maxLeverage`, or the asset's when its table is not listed; the next tier's
 * `lowerBound`, named as this tier's `cap`), `UNKNOWN_SYMBOL` (`coin` not in `universe`), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`maxLeverage`; a cap of 0), `NEGATIVE` (`lowerBound`),
 * `TIER_NOT_CONTIGUOUS` (a first `lowerBound` other than 0), `TIER_LEVERAGE_INCREASING`,
 * `TIER_CAP_NOT_INCREASING` (lower bounds that do not increase), `RATE_OUT_OF_RANGE` (a `maxLeverage` below
 * 0.5, whose rate 1/(2·L) is above 1), `LEVERAGE_OUT_OF_RANGE` (a `maxLeverage` below 1), `TIERS_EMPTY`,
 * `TOO_LARGE`
 *
 * @example
 * ```ts
 * import { maintenanceMargin, tiersFromHyperliquidMeta } from 'liqmath';
 *
 * const table = tiersFromHyperliquidMeta({
 *   universe: [{ name: 'BTC', maxLeverage: 40, marginTableId: 56 }],
 *   marginTables: [[56, { description: 'tiered 40x', marginTiers: [{ lowerBound: '0.0', maxLeverage: 40 }, { lowerBound: '150000000.0', maxLeverage: 20 }] }]],
 * }, 'BTC');
 * // 200M: 2.5% of 200M minus the deduction 150M·(2.5% − 1.25%)
 * maintenanceMargin(table, 200000000).toString(); //=> '3125000'
 * ```
 * @group Venues
 */
export function tiersFromHyperliquidMeta(meta: HyperliquidMeta, coin: string): TierTable<'notional'> {
  const record = expectRecord(meta, 'meta', 'the meta info response { universe, marginTables }');
  const universe = expectArray(required(record, 'universe', 'meta'), 'universe', 'the list of assets');
  const at = universe.findIndex((asset) => (asset as { name?: unknown } | null)?.name === coin);
  if (at === -1) fail('UNKNOWN_SYMBOL', 'coin', coin, 'an asset name in meta.universe');
  const asset = expectRecord(universe[at], `universe[${at}]`, 'an asset');
  const tables =
    record.marginTables === undefined ? [] : expectArray(record.marginTables, 'marginTables', 'a list of [id, table]');
  const id = asset.marginTableId;
  const index = tables.findIndex((entry) => isList(entry) && entry[0] === id && id !== undefined);
  if (index === -1) {
    const leverage = required(asset, 'maxLeverage', `universe[${at}]`);
    return rowsToTable([{ lowerBound: 0, maxLeverage: leverage }], `universe[${at}]`);
  }
  const table = expectRecord((tables[index] as unknown[])[1], `marginTables[${index}][1]`, 'a margin table');
  const path = `marginTables[${index}][1].marginTiers`;
  return rowsToTable(
    expectArray(required(table, 'marginTiers', `marginTables[${index}][1]`), path, 'margin tiers'),
    path,
  );
}

function rowsToTable(tiers: readonly unknown[], path: string): TierTable<'notional'> {
  let previous: Big | null = null;
  const rows = tiers.map((tier, k) => {
    const row = expectRecord(tier, `${path}[${k}]`, 'a margin tier { lowerBound, maxLeverage }');
    const leverage = toPositive(required(row, 'maxLeverage', `${path}[${k}]`), `${path}[${k}].maxLeverage`);
    // The rate is derived from the leverage, so a rising leverage is reported on the field the payload has.
    if (previous?.lt(leverage)) {
      fail(
        'TIER_LEVERAGE_INCREASING',
        `${path}[${k}].maxLeverage`,
        row.maxLeverage,
        `at most the previous max leverage ${previous}`,
      );
    }
    previous = leverage;
    const next = tiers[k + 1] as { lowerBound?: unknown } | undefined;
    // Half the initial margin at max leverage; 1/(2·L) is exact for the leverages in use (40, 25, 20, 10…)
    // and correct to 50 places otherwise.
    return { ...row, cap: next === undefined ? null : next.lowerBound, rate: ONE.div(leverage.times(2)).toString() };
  });
  return tableFromRows(rows, path, {
    floor: 'lowerBound',
    cap: 'cap',
    rate: 'rate',
    leverage: 'maxLeverage',
  }) as TierTable<'notional'>;
}

/**
 * Hyperliquid perpetuals (USDC): margin tiers with deduction, maintenance at the mark, no fee to
 * close in the requirement, liquidatable when account value < maintenance margin; book
 * liquidation of 20% of positions above 100,000 USDC notional with a 30 s cooldown, backstop by
 * the liquidator vault below 2/3 of the requirement. `market(meta, { symbol })` takes the coin.
 *
 * @throws {@link LiqMathError} from `market(...)`: the codes of {@link tiersFromHyperliquidMeta} for the meta;
 * for the options, `INVALID_TYPE` (not an object; a `symbol` or `settle` that is not a name), `UNKNOWN_FIELD`
 * (also `takerFeeRate` and `fundingRate`, which Hyperliquid does not count), `MISSING_FIELD` (`symbol`, the
 * coin), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`contractSize`, `tickSize`, `lotSize`)
 *
 * @example
 * ```ts
 * import { hyperliquid, isolatedLiquidationPrice } from 'liqmath';
 *
 * const meta = { universe: [{ name: 'ETH', maxLeverage: 50, marginTableId: 50 }], marginTables: [] };
 * const market = hyperliquid.market(meta, { symbol: 'ETH' });
 * // The API's liquidationPx 0.86915825 (captured): isolated long 0.015 ETH at 2,458.5 with 36.864593 USDC
 * isolatedLiquidationPrice(market, { side: 'long', size: '0.015', entryPrice: '2458.5', margin: '36.864593' })?.toFixed(8); //=> '0.86915825'
 * ```
 * @group Venues
 */
export const hyperliquid: Methodology<HyperliquidMeta, VenueMarketOptions & { readonly symbol: string }> =
  /* @__PURE__ */ methodology(
    () => ({
      id: 'hyperliquid',
      name: 'Hyperliquid perpetuals',
      contract: 'linear',
      tiers: { method: 'deduction', basis: 'notional' },
      maintenanceAt: 'price',
      closeFee: 'none',
      fundingInRequirement: false,
      liquidatableWhen: 'equity < requirement',
      priceRounding: 'none',
      partialLiquidation: {
        kind: 'fraction',
        fraction: '0.2',
        threshold: 100000,
        cooldownSeconds: 30,
        backstopBelow: { numerator: 2, denominator: 3 },
      },
      adl: 'unpublished',
      evidence: [
        'hyperliquid-isolated-api-01',
        'hyperliquid-isolated-api-02',
        'hyperliquid-isolated-api-03',
        'hyperliquid-isolated-api-04',
      ],
    }),
    (venue, meta, options) => {
      const read = readVenueOptions(options);
      if (typeof read.symbol !== 'string') fail('MISSING_FIELD', 'options.symbol', read.symbol, 'the coin, e.g. "BTC"');
      return venueMarket(venue, tiersFromHyperliquidMeta(meta, read.symbol as string), read, { settle: 'USDC' });
    },
  );
