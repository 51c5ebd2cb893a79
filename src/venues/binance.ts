/**
 * Binance payload adapters: `GET /fapi/v1/leverageBracket` (USDⓈ-M) and
 * `GET /dapi/v1/leverageBracket` (COIN-M). See `docs/venues/binance.md`.
 */

import { decimal, type Numeric, ONE, toPositive } from '../core/decimal.js';
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
 * A leverageBracket response: one symbol's `{ symbol, brackets }`, or the array Binance returns
 * (for one symbol or all). USDⓈ-M brackets carry `notionalFloor`/`notionalCap` (quote), COIN-M
 * brackets `qtyFloor`/`qtyCap` (coin); both carry `maintMarginRatio`, `initialLeverage`, `cum`.
 *
 * @example
 * ```ts
 * import type { BinanceLeverageBracket } from 'liqmath';
 *
 * const payload: BinanceLeverageBracket = { symbol: 'BTCUSDT', brackets: [{ bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 }] };
 * ```
 * @group Venues
 */
export interface BinanceLeverageBracket {
  readonly symbol?: string;
  readonly pair?: string;
  /**
   * The user's bracket multiplier, present only when the account's brackets differ from the
   * symbol's. liqmath refuses any value but 1 (`INVALID_OPTION`): Binance does not say whether the
   * brackets it returns are already scaled, so either way could be wrong. See `docs/venues/binance.md`.
   */
  readonly notionalCoef?: number | string;
  readonly brackets: readonly Readonly<Record<string, unknown>>[];
}

/** Binance sends 9223372036854775807 (and the like) as "no cap" on some last brackets. */
const UNBOUNDED = /* @__PURE__ */ decimal('1e18');

/**
 * A tier table from a Binance leverageBracket payload, with Binance's `cum` as the maintenance
 * amounts (check them with {@link checkMaintenanceAmounts}). Pass `symbol` when the payload is
 * the array for several symbols. Errors name the payload's path (`brackets[3].maintMarginRatio`).
 * An entry whose `notionalCoef` is not 1 is refused (`INVALID_OPTION`): see {@link BinanceLeverageBracket}.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (the payload, an entry or a bracket not an object, `brackets` not
 * an array), `MISSING_FIELD` (`symbol` for an array of several entries; `brackets`; a bracket's floor, cap,
 * `maintMarginRatio` or `initialLeverage`), `UNKNOWN_SYMBOL`, `INVALID_OPTION` (`notionalCoef` other than 1),
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`notionalCoef`, a cap of 0), `NEGATIVE` (a floor, cap
 * or `cum`), `TIER_NOT_CONTIGUOUS` (a floor that is not the previous cap), `TIERS_EMPTY`, `TOO_LARGE`, and the
 * table rules of {@link defineTiers} under the payload's path: `RATE_OUT_OF_RANGE`, `LEVERAGE_OUT_OF_RANGE`,
 * `TIER_CAP_NOT_INCREASING`, `TIER_RATE_DECREASING`, `TIER_LEVERAGE_INCREASING`, `TIER_RATE_ABOVE_INITIAL`,
 * `TIER_AMOUNT_EXCEEDS_MARGIN` (a `cum` above floor × rate)
 *
 * @example
 * ```ts
 * import { maintenanceMargin, tiersFromBinanceBrackets } from 'liqmath';
 *
 * const table = tiersFromBinanceBrackets([{ symbol: 'BTCUSDT', brackets: [
 *   { bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 },
 *   { bracket: 2, initialLeverage: 100, notionalCap: 600000, notionalFloor: 50000, maintMarginRatio: 0.005, cum: 50 },
 * ] }], 'BTCUSDT');
 * maintenanceMargin(table, 100000).toString(); //=> '450'
 * ```
 * @group Venues
 */
export function tiersFromBinanceBrackets(
  payload: BinanceLeverageBracket | readonly BinanceLeverageBracket[],
  symbol?: string,
): TierTable<'notional'> {
  const entry = pick(payload, symbol);
  if (entry.notionalCoef !== undefined && !toPositive(entry.notionalCoef, 'notionalCoef').eq(ONE)) {
    fail(
      'INVALID_OPTION',
      'notionalCoef',
      entry.notionalCoef,
      '1: a user bracket multiplier is not applied (Binance does not say whether its brackets are already scaled)',
    );
  }
  const brackets = expectArray(required(entry, 'brackets', 'payload'), 'brackets', 'an array of brackets');
  const first = expectRecord(brackets[0] ?? {}, 'brackets[0]', 'a bracket object');
  const coinMargined = first.notionalCap === undefined && first.qtyCap !== undefined;
  return tableFromRows(
    brackets,
    'brackets',
    coinMargined
      ? { floor: 'qtyFloor', cap: 'qtyCap', rate: 'maintMarginRatio', leverage: 'initialLeverage', amount: 'cum' }
      : {
          floor: 'notionalFloor',
          cap: 'notionalCap',
          rate: 'maintMarginRatio',
          leverage: 'initialLeverage',
          amount: 'cum',
        },
    { unboundedFrom: UNBOUNDED },
  ) as TierTable<'notional'>;
}

function pick(payload: unknown, symbol: string | undefined): Readonly<Record<string, unknown>> {
  if (!isList(payload)) return expectRecord(payload, 'payload', 'a leverageBracket response');
  if (symbol === undefined) {
    if (payload.length !== 1)
      fail('MISSING_FIELD', 'symbol', symbol, 'the symbol to read, since the payload holds several');
    return expectRecord(payload[0], 'payload[0]', 'a leverageBracket entry');
  }
  const index = payload.findIndex((item) => {
    const record = item as { symbol?: unknown; pair?: unknown } | null;
    return record !== null && typeof record === 'object' && (record.symbol === symbol || record.pair === symbol);
  });
  if (index === -1) fail('UNKNOWN_SYMBOL', 'symbol', symbol, 'a symbol present in the payload');
  return expectRecord(payload[index], `payload[${index}]`, 'a leverageBracket entry');
}

const binanceShared = {
  tiers: { method: 'deduction', basis: 'notional' },
  maintenanceAt: 'price',
  closeFee: 'none',
  fundingInRequirement: false,
  liquidatableWhen: 'equity ≤ requirement',
  priceRounding: 'none',
  partialLiquidation: { kind: 'tier-step-down' },
  adl: 'binance',
} as const;

/**
 * Binance USDⓈ-M futures: tiers by notional with the `cum` deduction, maintenance at the mark,
 * no fee to close in the requirement, liquidatable at margin ratio ≥ 100%. `market(payload,
 * options)` reads a `GET /fapi/v1/leverageBracket` response; settlement defaults to USDT.
 *
 * @throws {@link LiqMathError} from `market(...)`: the codes of {@link tiersFromBinanceBrackets} for the
 * payload; for the options, `INVALID_TYPE` (not an object; a `symbol` or `settle` that is not a name),
 * `UNKNOWN_FIELD` (also `takerFeeRate` and `fundingRate`, which Binance does not count), `MISSING_FIELD`
 * (`symbol`, when the payload names none), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`
 * (`contractSize`, `tickSize`, `lotSize`)
 *
 * @example
 * ```ts
 * import { binanceUsdm, isolatedLiquidationPrice } from 'liqmath';
 *
 * const brackets = [{ symbol: 'BTCUSDT', brackets: [
 *   { bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 },
 *   { bracket: 2, initialLeverage: 100, notionalCap: 600000, notionalFloor: 50000, maintMarginRatio: 0.005, cum: 50 },
 * ] }];
 * const market = binanceUsdm.market(brackets, { symbol: 'BTCUSDT' });
 * isolatedLiquidationPrice(market, { side: 'long', size: '0.5', entryPrice: 60000, leverage: 20 })?.toFixed(2); //=> '57228.92'
 * ```
 * @group Venues
 */
export const binanceUsdm: Methodology<BinanceLeverageBracket | readonly BinanceLeverageBracket[], VenueMarketOptions> =
  /* @__PURE__ */ methodology(
    () => ({
      ...binanceShared,
      id: 'binance-usdm',
      name: 'Binance USDⓈ-M futures',
      contract: 'linear',
      evidence: [
        'binance-usdm-cross-oneway-btcusdt-1',
        'binance-usdm-cross-oneway-ethusdt-1',
        'binance-usdm-mm-btcusdt-1',
        'binance-usdm-bracket-table-btcusdt-2024',
      ],
    }),
    (venue, payload, options) => {
      const read = readVenueOptions(options);
      return venueMarket(venue, tiersFromBinanceBrackets(payload, read.symbol as string | undefined), read, {
        symbol: symbolOf(payload, read.symbol),
        settle: 'USDT',
      });
    },
  );

/**
 * Binance COIN-M (inverse) futures: as USD-M, but sizes in contracts of `contractSize` USD (100
 * for BTCUSD, 10 for others: pass it), brackets in coin (`qtyCap`) and margin in the coin.
 * `market(payload, options)` reads a `GET /dapi/v1/leverageBracket` response; `settle` is the
 * pair's base coin (`BTCUSD` → `BTC`) unless given.
 *
 * @throws {@link LiqMathError} from `market(...)`: as {@link binanceUsdm} (the codes of
 * {@link tiersFromBinanceBrackets} for the payload; `INVALID_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD`,
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` for the options), and `MISSING_FIELD` without
 * `options.contractSize`, `INVALID_TYPE` when the coin read from the pair is empty
 *
 * @example
 * ```ts
 * import { binanceCoinm, maintenanceMargin } from 'liqmath';
 *
 * const brackets = [{ pair: 'BTCUSD', brackets: [
 *   { bracket: 1, initialLeverage: 125, qtyCap: 5, qtyFloor: 0, maintMarginRatio: 0.004, cum: 0 },
 *   { bracket: 2, initialLeverage: 100, qtyCap: 10, qtyFloor: 5, maintMarginRatio: 0.005, cum: 0.005 },
 * ] }];
 * const market = binanceCoinm.market(brackets, { symbol: 'BTCUSD', contractSize: 100 });
 * market.settle; //=> 'BTC'
 * maintenanceMargin(market.tiers, '0.4').toString(); //=> '0.0016'
 * ```
 * @group Venues
 */
export const binanceCoinm: Methodology<
  BinanceLeverageBracket | readonly BinanceLeverageBracket[],
  VenueMarketOptions & { readonly contractSize: Numeric }
> = /* @__PURE__ */ methodology(
  () => ({
    ...binanceShared,
    id: 'binance-coinm',
    name: 'Binance COIN-M futures',
    contract: 'inverse',
    evidence: ['binance-coinm-mm-1', 'binance-coinm-cum-level5-old'],
  }),
  (venue, payload, options) => {
    const read = readVenueOptions(options);
    if (read.contractSize === undefined) {
      fail(
        'MISSING_FIELD',
        'options.contractSize',
        undefined,
        'the contract size in USD (100 for BTCUSD, 10 for others)',
      );
    }
    const symbol = symbolOf(payload, read.symbol);
    return venueMarket(venue, tiersFromBinanceBrackets(payload, read.symbol as string | undefined), read, {
      symbol,
      settle: baseOfPair(symbol),
    });
  },
);

/** The payload's own symbol (or pair) when it holds one entry and none was asked for. */
function symbolOf(payload: unknown, asked: unknown): string | undefined {
  if (typeof asked === 'string') return asked;
  const entry = (isList(payload) ? payload[0] : payload) as { symbol?: unknown; pair?: unknown } | undefined;
  const name = entry?.symbol ?? entry?.pair;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The base coin of a COIN-M pair (`BTCUSD_PERP` → `BTC`). A name longer than any market's is left
 * whole, for `defineMarket` to refuse by its length: no pattern ever runs on an unbounded string.
 */
function baseOfPair(symbol: string | undefined): string | undefined {
  return symbol === undefined || symbol.length > 100 ? symbol : symbol.replace(/USD.*$/, '');
}
