/**
 * Binance payload adapters: `GET /fapi/v1/leverageBracket` (USDⓈ-M) and
 * `GET /dapi/v1/leverageBracket` (COIN-M). See `docs/venues/binance.md`.
 */

import { tableFromRows } from '../adapters/payload.js';
import { decimal } from '../decimal.js';
import { fail } from '../errors.js';
import { expectArray, expectRecord, required } from '../input.js';
import type { TierTable } from '../tiers.js';

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
 */
export interface BinanceLeverageBracket {
  readonly symbol?: string;
  readonly pair?: string;
  readonly brackets: readonly Readonly<Record<string, unknown>>[];
}

/** Binance sends 9223372036854775807 (and the like) as "no cap" on some last brackets. */
const UNBOUNDED = decimal('1e18');

/**
 * A tier table from a Binance leverageBracket payload, with Binance's `cum` as the maintenance
 * amounts (check them with {@link checkMaintenanceAmounts}). Pass `symbol` when the payload is
 * the array for several symbols. Errors name the payload's path (`brackets[3].maintMarginRatio`).
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
 */
export function tiersFromBinanceBrackets(
  payload: BinanceLeverageBracket | readonly BinanceLeverageBracket[],
  symbol?: string,
): TierTable<'notional'> {
  const entry = pick(payload, symbol);
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
    UNBOUNDED,
  );
}

function pick(payload: unknown, symbol: string | undefined): Readonly<Record<string, unknown>> {
  if (!Array.isArray(payload)) return expectRecord(payload, 'payload', 'a leverageBracket response');
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
