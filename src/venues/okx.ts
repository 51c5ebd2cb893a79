/**
 * OKX perpetual swaps: `GET /api/v5/public/position-tiers` adapter (tiers by number of
 * contracts, flat rate) and the linear / inverse methodologies. See `docs/venues/okx.md`.
 */

import { decimal } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectArray, expectRecord, isList } from '../core/input.js';
import type { TierTable } from '../model/tiers.js';
import {
  type FeeVenueMarketOptions,
  type Methodology,
  type MethodologyData,
  methodology,
  readVenueOptions,
  venueMarket,
} from './methodology.js';
import { tableFromRows } from './payload.js';

/**
 * A `GET /api/v5/public/position-tiers` response (or its `data`): rows with `instFamily`
 * (`"BTC-USDT"`), `tier`, `minSz`/`maxSz` (contracts), `mmr`, `imr`, `maxLever`, as strings.
 *
 * @example
 * ```ts
 * import type { OkxPositionTiersResponse } from 'liqmath';
 *
 * const payload: OkxPositionTiersResponse = { code: '0', msg: '', data: [
 *   { instFamily: 'CHZ-USDT', instId: '', tier: '1', minSz: '0', maxSz: '5000', mmr: '0.01', imr: '0.013', maxLever: '75' },
 * ] };
 * ```
 * @group Venues
 */
export type OkxPositionTiersResponse =
  | { readonly code?: string; readonly msg?: string; readonly data: readonly unknown[] }
  | readonly unknown[];

const ONE_CONTRACT = /* @__PURE__ */ decimal(1);

/**
 * A contract-keyed flat tier table from OKX position tiers of one instrument family (or
 * instrument id, or underlying). A row's `minSz` may equal the previous `maxSz` or exceed it by
 * one contract, as OKX lists them (0–5,000, 5,001–7,500); any other gap is `TIER_NOT_CONTIGUOUS`.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (a response or a row not an object, `data` not an array),
 * `MISSING_FIELD` (`family` for rows of several families, named `symbol`; a row's `minSz`, `maxSz`, `mmr` or
 * `maxLever`), `UNKNOWN_SYMBOL` (no row of the family, or no row at all), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (a `maxSz` of 0), `NEGATIVE` (`minSz`, `maxSz`), `TIER_NOT_CONTIGUOUS`,
 * `TOO_LARGE`, and the table rules of {@link defineTiers} under the payload's path: `RATE_OUT_OF_RANGE`,
 * `LEVERAGE_OUT_OF_RANGE`, `TIER_CAP_NOT_INCREASING`, `TIER_RATE_DECREASING`, `TIER_LEVERAGE_INCREASING`,
 * `TIER_RATE_ABOVE_INITIAL`
 *
 * @example
 * ```ts
 * import { maintenanceMargin, tiersFromOkxPositionTiers } from 'liqmath';
 *
 * const table = tiersFromOkxPositionTiers({ data: [
 *   { instFamily: 'CHZ-USDT', tier: '1', minSz: '0', maxSz: '5000', mmr: '0.01', imr: '0.013', maxLever: '75' },
 *   { instFamily: 'CHZ-USDT', tier: '2', minSz: '5001', maxSz: '7500', mmr: '0.015', imr: '0.02', maxLever: '50' },
 * ] });
 * table.basis; //=> 'contracts'
 * // 6,000 contracts worth 600 USDT are in tier 2: 1.5% of 600
 * maintenanceMargin(table, { notional: 600, contracts: 6000 }).toString(); //=> '9'
 * ```
 * @group Venues
 */
export function tiersFromOkxPositionTiers(payload: OkxPositionTiersResponse, family?: string): TierTable<'contracts'> {
  const list = isList(payload) ? payload : expectRecord(payload, 'payload', 'a position-tiers response { data }').data;
  const path = isList(payload) ? 'tiers' : 'data';
  const all = expectArray(list, path, 'the list of position tiers');
  const nameAt = (k: number) => {
    const row = all[k] as { instFamily?: unknown; instId?: unknown; uly?: unknown } | null;
    return [row?.instFamily, row?.instId, row?.uly].filter((name) => typeof name === 'string' && name !== '');
  };
  const families = new Set(all.map((_, k) => nameAt(k)[0]));
  if (family === undefined && families.size > 1) {
    fail('MISSING_FIELD', 'symbol', family, 'the instrument family to read, since the list holds several');
  }
  const indices = all.map((_, k) => k).filter((k) => family === undefined || nameAt(k).includes(family));
  if (indices.length === 0) fail('UNKNOWN_SYMBOL', 'symbol', family, 'an instrument family present in the tiers');
  return tableFromRows(
    indices.map((k) => all[k]),
    path,
    { floor: 'minSz', cap: 'maxSz', rate: 'mmr', leverage: 'maxLever' },
    { contracts: true, floorStep: ONE_CONTRACT, indexOf: (k) => indices[k] ?? k },
  ) as TierTable<'contracts'>;
}

const okxShared = {
  tiers: { method: 'flat', basis: 'contracts' },
  maintenanceAt: 'price',
  closeFee: 'mark',
  fundingInRequirement: false,
  liquidatableWhen: 'equity ≤ requirement',
  priceRounding: 'shift-tick-toward-mark',
  partialLiquidation: { kind: 'tier-step-down' },
  adl: 'unpublished',
  evidence: [],
} as const;

/**
 * Options of the OKX `market(...)`: the contract value (`ctVal`) and the taker fee rate are required.
 *
 * @example
 * ```ts
 * import type { OkxMarketOptions } from 'liqmath';
 *
 * const options: OkxMarketOptions = { symbol: 'BTC-USDT', contractSize: '0.01', takerFeeRate: '0.0005' };
 * ```
 * @group Venues
 */
export interface OkxMarketOptions extends FeeVenueMarketOptions {
  readonly contractSize: string | number;
}

function okxMarket(settleOf: (family: string) => string) {
  return (venue: MethodologyData, payload: OkxPositionTiersResponse, options: OkxMarketOptions) => {
    const read = readVenueOptions(options);
    if (read.contractSize === undefined) {
      fail('MISSING_FIELD', 'options.contractSize', undefined, "the contract value (the instrument's ctVal)");
    }
    const family = read.symbol as string | undefined;
    const table = tiersFromOkxPositionTiers(payload, family);
    const name = family ?? firstFamily(payload);
    return venueMarket(venue, table, read, { symbol: name, settle: name === undefined ? undefined : settleOf(name) });
  };
}

function firstFamily(payload: unknown): string | undefined {
  const list = isList(payload) ? payload : (payload as { data?: unknown[] }).data;
  const row = list?.[0] as { instFamily?: unknown } | undefined;
  return typeof row?.instFamily === 'string' ? row.instFamily : undefined;
}

/**
 * OKX USDT-margined perpetual swaps: contract-keyed flat tiers (the whole position at its tier's
 * rate), maintenance at the mark, and the liquidation (taker) fee on the position value in the
 * requirement. Pass the instrument's `ctVal` as `contractSize` and the taker fee rate.
 *
 * @throws {@link LiqMathError} from `market(...)` (and that of {@link okxInverseSwap}): the codes of
 * {@link tiersFromOkxPositionTiers} for the payload; for the options, `INVALID_TYPE` (not an object; a
 * `symbol`, or the settle currency read from it, that is not a name), `UNKNOWN_FIELD` (also `fundingRate`,
 * which OKX does not count), `MISSING_FIELD` (`contractSize`, `takerFeeRate`; `symbol` when the rows name no
 * `instFamily`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`contractSize`, `tickSize`,
 * `lotSize`), `RATE_OUT_OF_RANGE` (`takerFeeRate` outside [0, 1))
 *
 * @example
 * ```ts
 * import { isolatedLiquidationPrice, okxSwap } from 'liqmath';
 *
 * const market = okxSwap.market(
 *   { data: [{ instFamily: 'BTC-USDT', tier: '1', minSz: '0', maxSz: '100000', mmr: '0.004', imr: '0.01', maxLever: '100' }] },
 *   { contractSize: '0.01', takerFeeRate: '0.0005' },
 * );
 * market.settle; //=> 'USDT'
 * // 100 contracts of 0.01 BTC at 50,000 with 500 USDT: (50,000 − 500) / (1 − 0.004 − 0.0005)
 * isolatedLiquidationPrice(market, { side: 'long', size: 100, entryPrice: 50000, margin: 500 })?.toFixed(2); //=> '49723.76'
 * ```
 * @group Venues
 */
export const okxSwap: Methodology<OkxPositionTiersResponse, OkxMarketOptions> = /* @__PURE__ */ methodology(
  () => ({
    ...okxShared,
    id: 'okx-swap',
    name: 'OKX USDT-margined perpetual swap',
    contract: 'linear',
    evidence: ['okx-swap-isolated-gh47357342973-eth-usdt-swap', 'okx-swap-isolated-gh70149420508-ada-usdt-swap'],
  }),
  /* @__PURE__ */ okxMarket((family) => family.split('-')[1] ?? family),
);

/**
 * OKX coin-margined perpetual swaps (BTC-USD-SWAP, `ctVal` 100 USD): as {@link okxSwap}, inverse,
 * margin in the coin.
 *
 * @throws {@link LiqMathError} from `market(...)`: the codes of {@link okxSwap}'s `market`
 *
 * @example
 * ```ts
 * import { okxInverseSwap } from 'liqmath';
 *
 * const market = okxInverseSwap.market(
 *   { data: [{ instFamily: 'BTC-USD', tier: '1', minSz: '0', maxSz: '50000', mmr: '0.005', imr: '0.01', maxLever: '100' }] },
 *   { contractSize: 100, takerFeeRate: '0.0005' },
 * );
 * market.settle; //=> 'BTC'
 * ```
 * @group Venues
 */
export const okxInverseSwap: Methodology<OkxPositionTiersResponse, OkxMarketOptions> = /* @__PURE__ */ methodology(
  () => ({ ...okxShared, id: 'okx-inverse-swap', name: 'OKX coin-margined perpetual swap', contract: 'inverse' }),
  /* @__PURE__ */ okxMarket((family) => family.split('-')[0] ?? family),
);
