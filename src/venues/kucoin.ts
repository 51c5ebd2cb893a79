/**
 * KuCoin Futures (USDT-margined): the `GET /api/v1/contracts/risk-limit/{symbol}` adapter and the
 * dated methodology (the fee reserve and funding at entry before 2025-05-22, OKX's shape after).
 * See `docs/venues/kucoin.md`.
 */
import { fail } from '../core/errors.js';
import type { TierTable } from '../model/tiers.js';
import {
  type Methodology,
  type MethodologyData,
  methodology,
  readVenueOptions,
  type VenueMarketOptions,
  venueMarket,
} from './methodology.js';
import { symbolRows, tableFromRows } from './payload.js';

/**
 * A KuCoin risk-limit response (or its `data`): levels `{ symbol, level, minRiskLimit,
 * maxRiskLimit, maxLeverage, initialMargin, maintainMargin }`, the limits a position value in USDT.
 *
 * @example
 * ```ts
 * import type { KucoinRiskLimit } from 'liqmath';
 *
 * const payload: KucoinRiskLimit = { code: '200000', data: [
 *   { symbol: 'XBTUSDTM', level: 1, minRiskLimit: 0, maxRiskLimit: 200000, maxLeverage: 125, initialMargin: 0.008, maintainMargin: 0.004 },
 * ] };
 * ```
 * @group Venues
 */
export type KucoinRiskLimit = { readonly code?: string; readonly data: readonly unknown[] } | readonly unknown[];

/**
 * KuCoin's risk-limit levels of one symbol as a flat tier table (the whole position at its
 * level's rate; KuCoin has no deduction).
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (a response or a level not an object, `data` not an array),
 * `MISSING_FIELD` (`symbol` for levels of several symbols, named `options.symbol`; a level's `minRiskLimit`,
 * `maxRiskLimit`, `maintainMargin` or `maxLeverage`), `UNKNOWN_SYMBOL` (no level of the symbol, or no level at
 * all), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (a `maxRiskLimit` of 0), `NEGATIVE`
 * (`minRiskLimit`, `maxRiskLimit`), `TIER_NOT_CONTIGUOUS` (a `minRiskLimit` that is not the previous
 * `maxRiskLimit`), `TOO_LARGE`, and the table rules of {@link defineTiers} under the payload's path:
 * `RATE_OUT_OF_RANGE`, `LEVERAGE_OUT_OF_RANGE`, `TIER_CAP_NOT_INCREASING`, `TIER_RATE_DECREASING`,
 * `TIER_LEVERAGE_INCREASING`, `TIER_RATE_ABOVE_INITIAL`
 *
 * @example
 * ```ts
 * import { maintenanceMargin, tiersFromKucoinRiskLimit } from 'liqmath';
 *
 * const table = tiersFromKucoinRiskLimit({ data: [
 *   { symbol: 'XBTUSDTM', level: 1, minRiskLimit: 0, maxRiskLimit: 200000, maxLeverage: 100, initialMargin: 0.01, maintainMargin: 0.005 },
 *   { symbol: 'XBTUSDTM', level: 2, minRiskLimit: 200000, maxRiskLimit: 500000, maxLeverage: 50, initialMargin: 0.02, maintainMargin: 0.01 },
 * ] });
 * maintenanceMargin(table, 300000).toString(); //=> '3000'
 * ```
 * @group Venues
 */
export function tiersFromKucoinRiskLimit(payload: KucoinRiskLimit, symbol?: string): TierTable<'notional'> {
  return kucoinTable(payload, symbol).table;
}

/** The table and the symbol its rows name. */
function kucoinTable(payload: unknown, symbol: string | undefined) {
  const { path, rows, indices, symbol: own } = symbolRows(payload, 'levels', 'the list of risk-limit levels', symbol);
  const table = tableFromRows(
    rows,
    path,
    { floor: 'minRiskLimit', cap: 'maxRiskLimit', rate: 'maintainMargin', leverage: 'maxLeverage' },
    { indexOf: (k) => indices[k] ?? k, method: 'flat' },
  ) as TierTable<'notional'>;
  return { table, symbol: own };
}

/**
 * Options of KuCoin's `market(...)`: the contract's `multiplier` as `contractSize` (base units per
 * contract), the fee rate (the taker fee reserved to close before 2025-05-22, the liquidation
 * fee rate after: required then), and, before 2025-05-22, the funding rate KuCoin added to the
 * paying side's maintenance.
 *
 * @example
 * ```ts
 * import type { KucoinMarketOptions } from 'liqmath';
 *
 * const options: KucoinMarketOptions = { symbol: 'XBTUSDTM', contractSize: '0.001', takerFeeRate: '0.0006', tickSize: '0.1' };
 * ```
 * @group Venues
 */
export interface KucoinMarketOptions extends VenueMarketOptions {
  readonly contractSize: string | number;
  readonly takerFeeRate?: string | number;
  readonly fundingRate?: string | number;
}

/** KuCoin's change to margin at the mark with a liquidation fee (announcement of 2025-05-20). */
const KUCOIN_MARK = '2025-05-22';

const shared = {
  id: 'kucoin-futures',
  name: 'KuCoin USDT-margined futures',
  contract: 'linear',
  tiers: { method: 'flat', basis: 'notional' },
  liquidatableWhen: 'equity ≤ requirement',
  priceRounding: 'toward-mark',
  partialLiquidation: { kind: 'tier-step-down' },
  adl: 'unpublished',
} as const;

function kucoinMarket(venue: MethodologyData, payload: KucoinRiskLimit, options: KucoinMarketOptions) {
  const read = readVenueOptions(options);
  if (read.contractSize === undefined) {
    fail('MISSING_FIELD', 'options.contractSize', undefined, "the contract's multiplier (base units per contract)");
  }
  const { table, symbol } = kucoinTable(payload, read.symbol as string | undefined);
  return venueMarket(venue, table, read, { symbol, settle: 'USDT' });
}

/**
 * KuCoin USDT-margined perpetuals. Since 2025-05-22 (current): maintenance at the mark plus a
 * liquidation fee at the mark (`takerFeeRate`, required; 0.0006 in KuCoin's payloads). Before
 * (`kucoinFutures.asOf('2025-05-01')`): maintenance on the entry value, the taker fee to close
 * reserved in the margin (`posComm = cost·(1 + 1/L)·fee`) and the funding rate in the paying
 * side's maintenance, BitMEX's shape. Prices rounded to the tick toward the mark.
 *
 * @throws {@link LiqMathError} from `market(...)`: the codes of {@link tiersFromKucoinRiskLimit} for the
 * payload; for the options, `INVALID_TYPE` (not an object; a `symbol` or `settle` that is not a name),
 * `UNKNOWN_FIELD` (also `fundingRate` under the current method), `MISSING_FIELD` (`contractSize`;
 * `takerFeeRate` under the current method; `symbol` when the levels name none), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`contractSize`, `tickSize`, `lotSize`), `RATE_OUT_OF_RANGE`
 * (`takerFeeRate` outside [0, 1), `fundingRate` outside (−1, 1))
 *
 * @example
 * ```ts
 * import { kucoinFutures, isolatedLiquidationPrice, roundLiquidationPrice } from 'liqmath';
 *
 * const levels = { data: [{ symbol: 'XBTUSDTM', level: 1, minRiskLimit: 0, maxRiskLimit: 500000, maxLeverage: 125, initialMargin: 0.008, maintainMargin: 0.004 }] };
 * const market = kucoinFutures.market(levels, { contractSize: '0.001', takerFeeRate: '0.0006', tickSize: '0.01' });
 * // KuCoin's own position (2025-10): 1 contract long at 120,016.4 with 20.0027333373 USDT → 100,475.86
 * const price = isolatedLiquidationPrice(market, { side: 'long', size: 1, entryPrice: '120016.4', margin: '20.0027333373' });
 * roundLiquidationPrice(market, 'long', price!).toString(); //=> '100475.86'
 * ```
 * @group Venues
 */
export const kucoinFutures: Methodology<KucoinRiskLimit, KucoinMarketOptions> = /* @__PURE__ */ methodology(
  () => [
    {
      ...shared,
      maintenanceAt: 'entry',
      closeFee: 'reserve',
      fundingInRequirement: true,
      evidence: ['kucoin-futures-linear-isolated-payload-2023-05-ccxt-17908-xbtusdtm-long-5x'],
      effectiveFrom: null,
    },
    {
      ...shared,
      maintenanceAt: 'price',
      closeFee: 'mark',
      fundingInRequirement: false,
      evidence: [
        'kucoin-futures-linear-isolated-payload-2025-10-xbtusdtm-long-6x',
        'kucoin-futures-linear-isolated-ws-payload-2026-02-xbtusdtm-short-50x',
      ],
      effectiveFrom: KUCOIN_MARK,
    },
  ],
  kucoinMarket,
);
