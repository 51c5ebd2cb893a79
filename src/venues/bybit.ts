/**
 * Bybit: `GET /v5/market/risk-limit` adapter and the linear / inverse methodologies, classic
 * account and unified trading account (UTA). See `docs/venues/bybit.md`.
 */

import type { Numeric } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectArray, expectRecord, isList } from '../core/input.js';
import type { TierTable } from '../model/tiers.js';
import {
  type Methodology,
  type MethodologyData,
  methodology,
  readVenueOptions,
  type VenueMarketOptions,
  venueMarket,
} from './methodology.js';
import { tableFromRows } from './payload.js';

/**
 * A `GET /v5/market/risk-limit` response (or its `result`, or its `result.list`). Each row's
 * `riskLimitValue` is the tier's cap, `maintenanceMargin` its rate (a fraction, e.g. `"0.005"`),
 * `maxLeverage` its leverage and `mmDeduction` its deduction (empty when Bybit derives it).
 *
 * @example
 * ```ts
 * import type { BybitRiskLimitResponse } from 'liqmath';
 *
 * const payload: BybitRiskLimitResponse = { retCode: 0, result: { category: 'linear', list: [
 *   { id: 1, symbol: 'BTCUSDT', riskLimitValue: '2000000', maintenanceMargin: '0.005', initialMargin: '0.01', isLowestRisk: 1, maxLeverage: '100.00', mmDeduction: '' },
 * ] } };
 * ```
 * @group Venues
 */
export type BybitRiskLimitResponse =
  | { readonly retCode?: number; readonly result: { readonly category?: string; readonly list: readonly unknown[] } }
  | { readonly category?: string; readonly list: readonly unknown[] }
  | readonly unknown[];

/**
 * A tier table from Bybit's risk limits for one symbol. Rows are kept in the payload's order
 * and must have increasing `riskLimitValue` (the floor of each is the previous one's cap); the
 * last tier is bounded by its risk limit. An empty `mmDeduction` is derived by the recurrence.
 * Pass `symbol` when the list holds several symbols.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (the response, its `result` or a row not an object, `list` not an
 * array), `MISSING_FIELD` (`symbol` for a list of several symbols; a row's `riskLimitValue`,
 * `maintenanceMargin` or `maxLeverage`), `UNKNOWN_SYMBOL`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`,
 * `NOT_POSITIVE` (a `riskLimitValue` of 0), `NEGATIVE` (`riskLimitValue`, `mmDeduction`), `TIERS_EMPTY`,
 * `TOO_LARGE`, and the table rules of {@link defineTiers} under the payload's path: `RATE_OUT_OF_RANGE`,
 * `LEVERAGE_OUT_OF_RANGE`, `TIER_CAP_NOT_INCREASING`, `TIER_RATE_DECREASING`, `TIER_LEVERAGE_INCREASING`,
 * `TIER_RATE_ABOVE_INITIAL`, `TIER_AMOUNT_EXCEEDS_MARGIN` (an `mmDeduction` above floor × rate)
 *
 * @example
 * ```ts
 * import { maintenanceMargin, tiersFromBybitRiskLimit } from 'liqmath';
 *
 * const table = tiersFromBybitRiskLimit({ list: [
 *   { id: 1, symbol: 'XYZUSD', riskLimitValue: '10', maintenanceMargin: '0.01', maxLeverage: '50', mmDeduction: '' },
 *   { id: 2, symbol: 'XYZUSD', riskLimitValue: '20', maintenanceMargin: '0.02', maxLeverage: '25', mmDeduction: '' },
 *   { id: 3, symbol: 'XYZUSD', riskLimitValue: '30', maintenanceMargin: '0.03', maxLeverage: '20', mmDeduction: '' },
 * ] });
 * maintenanceMargin(table, 25).toString(); //=> '0.45'
 * ```
 * @group Venues
 */
export function tiersFromBybitRiskLimit(payload: BybitRiskLimitResponse, symbol?: string): TierTable<'notional'> {
  const { rows, path, indices } = riskLimitRows(payload, symbol);
  let floor: unknown = 0;
  const withFloors = rows.map((row, k) => {
    const record = expectRecord(row, `${path}[${indices[k]}]`, 'a risk limit row');
    const deduction = record.mmDeduction === '' ? undefined : record.mmDeduction;
    const shaped = { ...record, floor, mmDeduction: deduction };
    floor = record.riskLimitValue;
    return shaped;
  });
  return tableFromRows(
    withFloors,
    path,
    {
      floor: 'floor',
      cap: 'riskLimitValue',
      rate: 'maintenanceMargin',
      leverage: 'maxLeverage',
      amount: 'mmDeduction',
    },
    { indexOf: (k) => indices[k] ?? k },
  ) as TierTable<'notional'>;
}

/** The rows of one symbol, with their indices in the payload's list (for error paths). */
function riskLimitRows(payload: unknown, symbol: string | undefined) {
  let list: unknown = payload;
  let path = 'list';
  if (!isList(payload)) {
    const record = expectRecord(payload, 'payload', 'a risk-limit response { result: { list } }');
    const result = record.result === undefined ? record : expectRecord(record.result, 'result', 'the response result');
    path = record.result === undefined ? 'list' : 'result.list';
    list = result.list;
  }
  const all = expectArray(list, path, 'the list of risk limit rows');
  const symbolAt = (k: number) => (all[k] as { symbol?: unknown } | null)?.symbol;
  const symbols = new Set(all.map((_, k) => symbolAt(k)));
  if (symbol === undefined && symbols.size > 1) {
    fail('MISSING_FIELD', 'symbol', symbol, 'the symbol to read, since the list holds several');
  }
  if (symbol !== undefined && !symbols.has(symbol)) {
    fail('UNKNOWN_SYMBOL', 'symbol', symbol, 'a symbol present in the risk-limit list');
  }
  const indices = all.map((_, k) => k).filter((k) => symbol === undefined || symbolAt(k) === symbol);
  return { rows: indices.map((k) => all[k]), path, indices };
}

const classic = {
  tiers: { method: 'deduction', basis: 'notional' },
  maintenanceAt: 'entry',
  closeFee: 'bankruptcy',
  fundingInRequirement: false,
  liquidatableWhen: 'equity ≤ requirement',
  priceRounding: 'toward-mark',
  partialLiquidation: { kind: 'tier-step-down' },
  adl: 'pnl-leverage',
} as const;

/** The day Bybit began valuing a unified account's maintenance margin at the mark (Help Center, "The New Margin Calculation"). */
const UTA_MARK_MAINTENANCE = '2025-09-02';

/** A unified account's methods, oldest first: the classic rules, then maintenance at the mark. */
const unified = (
  contract: 'linear' | 'inverse',
  id: string,
  name: string,
  evidence: { readonly before: readonly string[]; readonly since: readonly string[] },
) =>
  [
    { ...classic, adl: 'unpublished', id, name, contract, evidence: evidence.before, effectiveFrom: null },
    {
      ...classic,
      adl: 'unpublished',
      maintenanceAt: 'price',
      id,
      name,
      contract,
      evidence: evidence.since,
      effectiveFrom: UTA_MARK_MAINTENANCE,
    },
  ] as const;

function bybitMarket(settle: (symbol: string | undefined) => string | undefined) {
  return (venue: MethodologyData, payload: BybitRiskLimitResponse, options: BybitMarketOptions) => {
    const read = readVenueOptions(options);
    const symbol = read.symbol as string | undefined;
    const table = tiersFromBybitRiskLimit(payload, symbol);
    const own = symbol ?? firstSymbol(payload);
    return venueMarket(venue, table, read, { symbol: own, settle: settle(own) });
  };
}

/**
 * Options of Bybit's `market(...)`. `takerFeeRate` is optional: with it, the fee to close on the
 * bankruptcy value is in the requirement, and the position's margin should include the fee
 * Bybit reserves for it; without it, no fee is charged.
 *
 * @example
 * ```ts
 * import type { BybitMarketOptions } from 'liqmath';
 *
 * const options: BybitMarketOptions = { symbol: 'BTCUSDT', tickSize: '0.1', takerFeeRate: '0.00055' };
 * ```
 * @group Venues
 */
export interface BybitMarketOptions extends VenueMarketOptions {
  readonly takerFeeRate?: Numeric;
}

function firstSymbol(payload: unknown): string | undefined {
  const record = payload as { result?: { list?: unknown }; list?: unknown } | readonly unknown[];
  const list = isList(record)
    ? record
    : ((record as { result?: { list?: unknown } }).result?.list ?? (record as { list?: unknown }).list);
  const name = isList(list) ? (list[0] as { symbol?: unknown } | undefined)?.symbol : undefined;
  return typeof name === 'string' ? name : undefined;
}

const quoteOf = (symbol: string | undefined) =>
  symbol?.endsWith('USDC') ? 'USDC' : symbol?.endsWith('USDT') ? 'USDT' : undefined;
// A name longer than any market's is left whole for defineMarket to refuse: no pattern runs on it.
const baseOf = (symbol: string | undefined) =>
  symbol === undefined || symbol.length > 100 ? symbol : symbol.replace(/USD.*$/, '') || undefined;

/**
 * Bybit USDT/USDC perpetuals, classic account: maintenance valued at **entry** (the published
 * 19,700 needs it), liquidation prices rounded to the tick toward the mark, tier step-down.
 * `takerFeeRate` is optional: with it, the fee to close on the bankruptcy value is in the
 * requirement and the position's margin should include the fee Bybit reserves for it.
 *
 * @throws {@link LiqMathError} from `market(...)` (and that of the other Bybit objects): the codes of
 * {@link tiersFromBybitRiskLimit} for the payload; for the options, `INVALID_TYPE` (not an object; a `symbol`
 * or `settle` that is not a name), `UNKNOWN_FIELD` (also `fundingRate`, which Bybit does not count),
 * `MISSING_FIELD` (`symbol` when the list names none; `settle` when it cannot be read from the symbol),
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`contractSize`, `tickSize`, `lotSize`),
 * `RATE_OUT_OF_RANGE` (`takerFeeRate` outside [0, 1))
 *
 * @example
 * ```ts
 * import { bybitLinear, isolatedLiquidationPrice } from 'liqmath';
 *
 * const market = bybitLinear.market(
 *   { list: [{ id: 1, symbol: 'BTCUSDT', riskLimitValue: '2000000', maintenanceMargin: '0.005', maxLeverage: '100', mmDeduction: '' }] },
 *   { tickSize: '0.5' },
 * );
 * isolatedLiquidationPrice(market, { side: 'long', size: 1, entryPrice: 20000, leverage: 50 })?.toString(); //=> '19700'
 * ```
 * @group Venues
 */
export const bybitLinear: Methodology<BybitRiskLimitResponse, BybitMarketOptions> = /* @__PURE__ */ methodology(
  () => ({
    ...classic,
    id: 'bybit-linear',
    name: 'Bybit USDT perpetual (classic account)',
    contract: 'linear',
    evidence: [
      'bybit-usdt-isolated-long-old',
      'bybit-usdt-isolated-short-old',
      'bybit-usdt-isolated-long-new',
      'bybit-usdt-isolated-long-funding-deducted',
      'bybit-usdt-bankruptcy-isolated',
      'bybit-usdt-order-cost-fee-to-close',
    ],
  }),
  /* @__PURE__ */ bybitMarket(quoteOf),
);

/**
 * Bybit inverse perpetuals (BTCUSD…), classic account: contracts of 1 USD, margin in the coin,
 * maintenance at entry, the fee to close on the bankruptcy value, prices rounded to the 0.5 tick
 * toward the mark (long up, short down).
 *
 * @throws {@link LiqMathError} from `market(...)`: the codes of {@link bybitLinear}'s `market`
 *
 * @example
 * ```ts
 * import { isolatedBankruptcyPrice, bybitInverse } from 'liqmath';
 *
 * const market = bybitInverse.market(
 *   { list: [{ id: 1, symbol: 'BTCUSD', riskLimitValue: '150', maintenanceMargin: '0.005', maxLeverage: '100', mmDeduction: '' }] },
 *   { tickSize: '0.5', takerFeeRate: '0.00075' },
 * );
 * market.settle; //=> 'BTC'
 * isolatedBankruptcyPrice(market, { side: 'long', size: 10000, entryPrice: 8000, margin: '0.5' })?.toFixed(2); //=> '5718.57'
 * ```
 * @group Venues
 */
export const bybitInverse: Methodology<BybitRiskLimitResponse, BybitMarketOptions> = /* @__PURE__ */ methodology(
  () => ({
    ...classic,
    id: 'bybit-inverse',
    name: 'Bybit inverse perpetual (classic account)',
    contract: 'inverse',
    evidence: ['bybit-inverse-cross-bankruptcy-1', 'bybit-inverse-cross-liq-1', 'bybit-inverse-tiered-mm-1'],
  }),
  /* @__PURE__ */ bybitMarket(baseOf),
);

/**
 * Bybit USDT/USDC perpetuals in the unified trading account. Since 2025-09-02 (the current
 * method): maintenance valued at the mark, the estimated fee to close charged on the bankruptcy
 * value (a constant the margin holds), tiers by deduction. Before that day the unified account
 * followed the classic rules (maintenance at entry): `bybitLinearUta.asOf('2025-08-01')`.
 * `takerFeeRate` is optional, as for the classic account.
 *
 * @throws {@link LiqMathError} from `market(...)`: the codes of {@link bybitLinear}'s `market`
 *
 * @example
 * ```ts
 * import { bybitLinearUta, isolatedLiquidationPrice } from 'liqmath';
 *
 * const payload = { list: [{ id: 1, symbol: 'BTCUSDT', riskLimitValue: '2000000', maintenanceMargin: '0.005', maxLeverage: '100', mmDeduction: '' }] };
 * const now = bybitLinearUta.market(payload, { tickSize: '0.1' });
 * const before = bybitLinearUta.asOf('2025-08-01').market(payload, { tickSize: '0.1' });
 * now.maintenanceAt; //=> 'price'
 * before.maintenanceAt; //=> 'entry'
 * // 1 BTC long at 20,000, 50x: the classic 19,700; at the mark, 400 − 0.005·P = 20,000 − P
 * isolatedLiquidationPrice(before, { side: 'long', size: 1, entryPrice: 20000, leverage: 50 })?.toString(); //=> '19700'
 * isolatedLiquidationPrice(now, { side: 'long', size: 1, entryPrice: 20000, leverage: 50 })?.toFixed(2); //=> '19698.49'
 * ```
 * @group Venues
 */
export const bybitLinearUta: Methodology<BybitRiskLimitResponse, BybitMarketOptions> = /* @__PURE__ */ methodology(
  () =>
    unified('linear', 'bybit-linear-uta', 'Bybit USDT perpetual (unified account)', {
      before: [
        'bybit-uta-linear-isolated-payload-2025-04-btcusdt-long-5x',
        'bybit-uta-linear-isolated-payload-2025-09-bymp-fields-long-10x',
      ],
      since: ['bybit-uta-linear-isolated-payload-2025-09-bymp-fields-long-10x'],
    }),
  /* @__PURE__ */ bybitMarket(quoteOf),
);

/**
 * Bybit inverse perpetuals in the unified trading account (as {@link bybitLinearUta}, inverse:
 * contracts of 1 USD, margin in the coin).
 *
 * @throws {@link LiqMathError} from `market(...)`: the codes of {@link bybitLinear}'s `market`
 *
 * @example
 * ```ts
 * import { bybitInverseUta, initialMargin } from 'liqmath';
 *
 * const market = bybitInverseUta.market(
 *   { list: [{ id: 1, symbol: 'BTCUSD', riskLimitValue: '150', maintenanceMargin: '0.005', maxLeverage: '100', mmDeduction: '' }] },
 *   { takerFeeRate: '0.00055' },
 * );
 * market.closeFee?.on; //=> 'bankruptcy'
 * // 60,000 USD of BTCUSD at 50,000 is 1.2 BTC; at 10x the initial margin is 0.12 BTC
 * initialMargin(market.tiers, '1.2', 10).toString(); //=> '0.12'
 * ```
 * @group Venues
 */
export const bybitInverseUta: Methodology<BybitRiskLimitResponse, BybitMarketOptions> = /* @__PURE__ */ methodology(
  () =>
    unified('inverse', 'bybit-inverse-uta', 'Bybit inverse perpetual (unified account)', {
      before: ['bybit-uta-inverse-isolated-partial'],
      since: ['bybit-uta-inverse-isolated-partial'],
    }),
  /* @__PURE__ */ bybitMarket(baseOf),
);
