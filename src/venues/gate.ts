/**
 * Gate USDT-margined perpetuals: `GET /futures/usdt/risk_limit_tiers` adapter and the dated
 * methodology. See `docs/venues/gate.md`.
 */
import { fail } from '../core/errors.js';
import { expectArray, expectRecord } from '../core/input.js';
import type { TierTable } from '../model/tiers.js';
import {
  type FeeVenueMarketOptions,
  type Methodology,
  type MethodologyData,
  methodology,
  readVenueOptions,
  venueMarket,
} from './methodology.js';
import { readListOptions, rowsOfSymbol, tableFromRows } from './payload.js';

/**
 * A `GET /futures/{settle}/risk_limit_tiers` response: rows `{ tier, risk_limit, initial_rate,
 * maintenance_rate, leverage_max, deduction?, contract? }`, `risk_limit` a position value in the
 * settle currency (each row's floor is the previous row's limit).
 *
 * @example
 * ```ts
 * import type { GateRiskLimitTiers } from 'liqmath';
 *
 * const tiers: GateRiskLimitTiers = [
 *   { tier: 1, risk_limit: '1000000', initial_rate: '0.008', maintenance_rate: '0.004', leverage_max: '125' },
 * ];
 * ```
 * @group Venues
 */
export type GateRiskLimitTiers = readonly unknown[];

/**
 * A tier table from Gate's risk-limit tiers of one contract: by deduction (Gate's tiered
 * maintenance since 2025-07-29; a missing `deduction` is derived) or flat (the whole position at
 * its tier's rate, before). Pass `contract` when the list holds several.
 *
 * @throws {@link LiqMathError} for the payload, `INVALID_TYPE` (not an array, a row not an object),
 * `MISSING_FIELD` (`contract` for rows of several contracts, named `options.symbol`; a row's `risk_limit`,
 * `maintenance_rate` or `leverage_max`), `UNKNOWN_SYMBOL` (no row of the contract, or no row at all),
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (a `risk_limit` of 0), `NEGATIVE` (`risk_limit`,
 * `deduction`), `TOO_LARGE`, and the table rules of {@link defineTiers} under the payload's path:
 * `RATE_OUT_OF_RANGE`, `LEVERAGE_OUT_OF_RANGE`, `TIER_CAP_NOT_INCREASING`, `TIER_RATE_DECREASING`,
 * `TIER_LEVERAGE_INCREASING`, `TIER_RATE_ABOVE_INITIAL`, `TIER_AMOUNT_EXCEEDS_MARGIN` (deduction method: a
 * `deduction` above floor × rate), `TIER_AMOUNT_NOT_ALLOWED` (flat method: a non-zero `deduction` on an
 * unbounded last row); for the options, `INVALID_OPTION` (a `method` other than `'flat'` or `'deduction'`)
 *
 * @example
 * ```ts
 * import { maintenanceMargin, tiersFromGateRiskLimitTiers } from 'liqmath';
 *
 * const rows = [
 *   { tier: 1, risk_limit: '1000000', initial_rate: '0.008', maintenance_rate: '0.004', leverage_max: '125' },
 *   { tier: 2, risk_limit: '2000000', initial_rate: '0.012', maintenance_rate: '0.008', leverage_max: '83.33' },
 * ];
 * maintenanceMargin(tiersFromGateRiskLimitTiers(rows), 1200000).toString(); //=> '5600'
 * maintenanceMargin(tiersFromGateRiskLimitTiers(rows, { method: 'flat' }), 1200000).toString(); //=> '9600'
 * ```
 * @group Venues
 */
export function tiersFromGateRiskLimitTiers(
  payload: GateRiskLimitTiers,
  options: { readonly contract?: string; readonly method?: 'flat' | 'deduction' } = {},
): TierTable<'notional'> {
  const { symbol, method } = readListOptions(options, 'contract');
  return gateTable(payload, symbol, method).table;
}

/** The table and the contract its rows name. */
function gateTable(payload: unknown, contract: string | undefined, method: 'flat' | 'deduction') {
  const list = expectArray(payload, 'tiers', 'the list of risk-limit tiers');
  const { rows, indices, symbol } = rowsOfSymbol(list, 'contract', contract, 'tiers');
  let floor: unknown = 0;
  const shaped = rows.map((row, k) => {
    const record = expectRecord(row, `tiers[${indices[k]}]`, 'a risk-limit tier');
    const withFloor = { ...record, floor };
    floor = record.risk_limit;
    return withFloor;
  });
  const table = tableFromRows(
    shaped,
    'tiers',
    { floor: 'floor', cap: 'risk_limit', rate: 'maintenance_rate', leverage: 'leverage_max', amount: 'deduction' },
    { indexOf: (k) => indices[k] ?? k, method },
  ) as TierTable<'notional'>;
  return { table, symbol };
}

/**
 * Options of Gate's `market(...)`: the contract (`BTC_USDT`), its `quanto_multiplier` as
 * `contractSize` (base units per contract), and the taker fee rate (required).
 *
 * @example
 * ```ts
 * import type { GateMarketOptions } from 'liqmath';
 *
 * const options: GateMarketOptions = { symbol: 'BTC_USDT', contractSize: '0.0001', takerFeeRate: '0.00075', tickSize: '0.1' };
 * ```
 * @group Venues
 */
export interface GateMarketOptions extends FeeVenueMarketOptions {
  readonly contractSize: string | number;
}

/** The day Gate's tiered ("gradient") maintenance margin began (announcement; rolled out by contract). */
const GATE_TIERED = '2025-07-29';

const shared = {
  id: 'gate-usdt',
  name: 'Gate USDT perpetual',
  contract: 'linear',
  maintenanceAt: 'price',
  closeFee: 'mark',
  fundingInRequirement: false,
  liquidatableWhen: 'equity ≤ requirement',
  priceRounding: 'nearest',
  partialLiquidation: { kind: 'tier-step-down' },
  adl: 'unpublished',
} as const;

function gateMarket(venue: MethodologyData, payload: GateRiskLimitTiers, options: GateMarketOptions) {
  const read = readVenueOptions(options);
  if (read.contractSize === undefined) {
    fail('MISSING_FIELD', 'options.contractSize', undefined, "the contract's quanto_multiplier");
  }
  const method = venue.tiers.method === 'flat' ? 'flat' : 'deduction';
  const { table, symbol } = gateTable(payload, read.symbol as string | undefined, method);
  return venueMarket(venue, table, read, { symbol, settle: 'USDT' });
}

/**
 * Gate USDT perpetuals: maintenance at the mark plus the taker fee to close at the mark
 * (`LP = (EP ∓ margin/(multiplier·size)) / (1 ∓ (MMR + taker))`), tiers by deduction since
 * 2025-07-29 and flat before (`gateUsdt.asOf('2025-07-01')`), prices shown to the nearest tick.
 *
 * @throws {@link LiqMathError} from `market(...)`: the payload codes of {@link tiersFromGateRiskLimitTiers};
 * for the options, `INVALID_TYPE` (not an object; a `symbol` or `settle` that is not a name), `UNKNOWN_FIELD`
 * (also `fundingRate`, which Gate does not count), `MISSING_FIELD` (`contractSize`, `takerFeeRate`; `symbol`
 * when the rows name no contract), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`contractSize`,
 * `tickSize`, `lotSize`), `RATE_OUT_OF_RANGE` (`takerFeeRate` outside [0, 1))
 *
 * @example
 * ```ts
 * import { gateUsdt, isolatedLiquidationPrice, roundLiquidationPrice } from 'liqmath';
 *
 * const tiers = [{ tier: 1, risk_limit: '500000', initial_rate: '0.02', maintenance_rate: '0.01', leverage_max: '50' }];
 * const market = gateUsdt.market(tiers, { symbol: 'LTC_USDT', contractSize: '0.1', takerFeeRate: '0.00075', tickSize: '0.01' });
 * // Gate's own position: 1 contract long at 74.35 with 1.49257625 USDT shows liq_price 60.07
 * const price = isolatedLiquidationPrice(market, { side: 'long', size: 1, entryPrice: '74.35', margin: '1.49257625' });
 * roundLiquidationPrice(market, 'long', price!).toString(); //=> '60.07'
 * ```
 * @group Venues
 */
export const gateUsdt: Methodology<GateRiskLimitTiers, GateMarketOptions> = /* @__PURE__ */ methodology(
  () => [
    {
      ...shared,
      tiers: { method: 'flat', basis: 'notional' },
      evidence: ['gate-usdt-payload-ccxt-static-ltc-2024', 'gate-usdt-payload-ccxt-pr13130-ada-2022'],
      effectiveFrom: null,
    },
    { ...shared, tiers: { method: 'deduction', basis: 'notional' }, evidence: [], effectiveFrom: GATE_TIERED },
  ],
  gateMarket,
);
