/**
 * Every venue methodology by its id, for callers (and the CLI) that pick a venue by name.
 */
import { binanceCoinm, binanceUsdm } from './binance.js';
import { bitgetUsdt } from './bitget.js';
import { bitmexInverse, bitmexLinear, bitmexQuanto } from './bitmex.js';
import { bybitInverse, bybitInverseUta, bybitLinear, bybitLinearUta } from './bybit.js';
import { dydxV4 } from './dydx.js';
import { gateUsdt } from './gate.js';
import { hyperliquid } from './hyperliquid.js';
import { krakenInverse, krakenLinear } from './kraken.js';
import { kucoinFutures } from './kucoin.js';
import type { Methodology } from './methodology.js';
import { okxInverseSwap, okxSwap } from './okx.js';

/**
 * The venue methodologies by id (`'binance-usdm'`, `'bybit-linear'`, `'okx-swap'`, `'dydx-v4'`…),
 * each with its precise type. To look up a name that comes from outside (a config file, a
 * flag), use {@link venueById}: it needs no cast and never answers with an inherited member
 * (`VENUES['constructor']` is `Object`).
 *
 * @example
 * ```ts
 * import { VENUES } from 'liqmath';
 *
 * Object.keys(VENUES).length; //=> 18
 * VENUES['hyperliquid'].partialLiquidation.kind; //=> 'fraction'
 * ```
 * @group Venues
 */
export const VENUES = /* @__PURE__ */ Object.freeze({
  'binance-usdm': binanceUsdm,
  'binance-coinm': binanceCoinm,
  'bybit-linear': bybitLinear,
  'bybit-inverse': bybitInverse,
  'bybit-linear-uta': bybitLinearUta,
  'bybit-inverse-uta': bybitInverseUta,
  'okx-swap': okxSwap,
  'okx-inverse-swap': okxInverseSwap,
  'bitmex-inverse': bitmexInverse,
  'bitmex-linear': bitmexLinear,
  'bitmex-quanto': bitmexQuanto,
  hyperliquid,
  'dydx-v4': dydxV4,
  'gate-usdt': gateUsdt,
  'kraken-inverse': krakenInverse,
  'kraken-linear': krakenLinear,
  'bitget-usdt': bitgetUsdt,
  'kucoin-futures': kucoinFutures,
});

/**
 * The id of a venue methodology in {@link VENUES}: `'binance-usdm'`, `'bybit-linear'`…
 *
 * @example
 * ```ts
 * import type { VenueId } from 'liqmath';
 *
 * const id: VenueId = 'okx-swap';
 * ```
 * @group Venues
 */
export type VenueId = keyof typeof VENUES;

/**
 * The venue methodology with this id, or `undefined` for any other string (own ids only).
 * Never throws: any other value, a non-string too, gives `undefined`.
 *
 * @example
 * ```ts
 * import { venueById } from 'liqmath';
 *
 * const id: string = 'gate-usdt';
 * venueById(id)?.priceRounding; //=> 'nearest'
 * venueById('constructor'); //=> undefined
 * ```
 * @group Venues
 */
export function venueById(id: string): Methodology<unknown, unknown> | undefined {
  return typeof id === 'string' && Object.hasOwn(VENUES, id)
    ? (VENUES[id as VenueId] as Methodology<unknown, unknown>)
    : undefined;
}
