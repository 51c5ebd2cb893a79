/**
 * Collateral weights from venue payloads: Bybit's tiered collateral ratio, OKX's discount rates
 * and Binance portfolio margin's collateral rate, for one asset, as a {@link CollateralAsset}
 * `weight`. Bybit and OKX tier by amount of the coin, as `weight` does, so their rows map one to
 * one; a venue that tiers by USD value is not read here (converting needs the price).
 */
import type Big from 'big.js';
import { freezeDecimal, LIMITS, ONE, toDecimal, toNonNegative, ZERO } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectArray, expectRecord, isList, required } from '../core/input.js';

/**
 * One weight tier as an adapter returns it: frozen, its numbers liqmath's own. Spelt out in the
 * exported signatures: the API reference documents no type that is not exported.
 */
type WeightTier = { readonly upTo: Big | null; readonly weight: Big };

/**
 * A `GET /v5/spot-margin-trade/collateral` response (or its `result`, or its `result.list`): per
 * `currency`, a `collateralRatioList` of `{ minQty, maxQty, collateralRatio }`, quantities in the
 * coin, `maxQty` `""` on the last tier (no upper limit).
 *
 * @example
 * ```ts
 * import type { BybitCollateralRatioResponse } from 'liqmath';
 *
 * const payload: BybitCollateralRatioResponse = { retCode: 0, retMsg: 'OK', result: { list: [
 *   { currency: 'BTC', collateralRatioList: [{ minQty: '0', maxQty: '', collateralRatio: '0.85' }] },
 * ] } };
 * ```
 * @group Health
 */
export type BybitCollateralRatioResponse =
  | { readonly retCode?: number; readonly retMsg?: string; readonly result: { readonly list: readonly unknown[] } }
  | { readonly list: readonly unknown[] }
  | readonly unknown[];

/**
 * A `GET /api/v5/public/discount-rate-interest-free-quota` response (or its `data`): per `ccy`,
 * `details` of `{ minAmt, maxAmt, discountRate }`, amounts in the currency, and `minDiscountRate`,
 * the rate of the amount above a bounded last tier.
 *
 * @example
 * ```ts
 * import type { OkxDiscountRateResponse } from 'liqmath';
 *
 * const payload: OkxDiscountRateResponse = { code: '0', msg: '', data: [
 *   { ccy: 'BTC', amt: '0', minDiscountRate: '0', details: [{ tier: '1', minAmt: '0', maxAmt: '', discountRate: '0.98' }] },
 * ] };
 * ```
 * @group Health
 */
export type OkxDiscountRateResponse =
  | { readonly code?: string; readonly msg?: string; readonly data: readonly unknown[] }
  | readonly unknown[];

/**
 * A `GET /sapi/v1/portfolio/collateralRate` response: `[{ asset, collateralRate }]`.
 *
 * @example
 * ```ts
 * import type { BinanceCollateralRateResponse } from 'liqmath';
 *
 * const payload: BinanceCollateralRateResponse = [{ asset: 'USDC', collateralRate: '1.0000' }];
 * ```
 * @group Health
 */
export type BinanceCollateralRateResponse = readonly unknown[];

/**
 * The weight tiers of one coin from Bybit's tiered collateral ratio (unified account). Each
 * `minQty` must be the previous `maxQty` (the first 0), each `collateralRatio` in [0, 1], and the
 * last `maxQty` `""`. Unknown fields are ignored; the first entry of `currency` is read.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (the response, its `result`, an entry or a row not an object;
 * `list` or `collateralRatioList` not an array; `currency` not a string), `MISSING_FIELD` (`list`,
 * `collateralRatioList`, a row's `minQty`, `maxQty` or `collateralRatio`), `UNKNOWN_SYMBOL` (`currency`),
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NEGATIVE` (`minQty`, `maxQty`), `RATE_OUT_OF_RANGE` (a ratio
 * outside [0, 1]), `TIER_NOT_CONTIGUOUS`, `TIER_CAP_NOT_INCREASING`, `TIER_CAP_UNBOUNDED_NOT_LAST`,
 * `INVALID_OPTION` (a last `maxQty` that is not `""`), `TIERS_EMPTY`, `TOO_LARGE`
 *
 * @example
 * ```ts
 * import { crossHealth, weightsFromBybitCollateralRatio } from 'liqmath';
 *
 * const weight = weightsFromBybitCollateralRatio({ retCode: 0, result: { list: [
 *   { currency: 'BTC', collateralRatioList: [
 *     { minQty: '0', maxQty: '10', collateralRatio: '0.95' },
 *     { minQty: '10', maxQty: '', collateralRatio: '0.5' },
 *   ] },
 * ] } }, 'BTC');
 * weight.map((t) => [t.upTo?.toString() ?? null, t.weight.toString()]); //=> [['10', '0.95'], [null, '0.5']]
 * // 12 BTC at 60,000 count as 10 × 0.95 + 2 × 0.5 = 10.5 BTC
 * crossHealth({ assets: [{ asset: 'BTC', amount: 12, price: 60000, weight }], positions: [] }).equity.toString(); //=> '630000'
 * ```
 * @group Health
 */
export function weightsFromBybitCollateralRatio(
  payload: BybitCollateralRatioResponse,
  currency: string,
): readonly { readonly upTo: Big | null; readonly weight: Big }[] {
  let list: unknown = payload;
  let path = 'list';
  if (!isList(payload)) {
    const record = expectRecord(payload, 'payload', 'a collateral response { result: { list } }');
    const wrapped = record.result !== undefined;
    const result = wrapped ? expectRecord(record.result, 'result', 'the response result') : record;
    path = wrapped ? 'result.list' : 'list';
    list = required(result, 'list', wrapped ? 'result' : 'payload');
  }
  const { entry, at } = entryOf(list, path, 'currency', currency, 'currency');
  return weightTiers(required(entry, 'collateralRatioList', at), `${at}.collateralRatioList`, [
    'minQty',
    'maxQty',
    'collateralRatio',
  ]);
}

/**
 * The weight tiers of one currency from OKX's discount rates (multi-currency and portfolio
 * margin). Each `minAmt` must be the previous `maxAmt` (the first 0), each `discountRate` in
 * [0, 1]. A last `maxAmt` of `""` is unbounded; a bounded one (as in OKX's own example) is
 * followed by a last tier at `minDiscountRate`, OKX's rate beyond the last tier.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (the response, an entry or a row not an object; `data` or
 * `details` not an array; `currency` not a string), `MISSING_FIELD` (`data`, `details`, a row's `minAmt`,
 * `maxAmt` or `discountRate`; `minDiscountRate` after a bounded last tier), `UNKNOWN_SYMBOL` (`currency`),
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NEGATIVE` (`minAmt`, `maxAmt`), `RATE_OUT_OF_RANGE` (a rate
 * outside [0, 1]), `TIER_NOT_CONTIGUOUS`, `TIER_CAP_NOT_INCREASING`, `TIER_CAP_UNBOUNDED_NOT_LAST`,
 * `TIERS_EMPTY`, `TOO_LARGE`
 *
 * @example
 * ```ts
 * import { crossHealth, weightsFromOkxDiscountRate } from 'liqmath';
 *
 * const weight = weightsFromOkxDiscountRate({ code: '0', data: [{ ccy: 'BTC', minDiscountRate: '0', details: [
 *   { tier: '1', minAmt: '0', maxAmt: '20', discountRate: '0.98' },
 *   { tier: '2', minAmt: '20', maxAmt: '25', discountRate: '0.9775' },
 * ] }] }, 'BTC');
 * weight.map((t) => t.upTo?.toString() ?? null); //=> ['20', '25', null]
 * // 30 BTC at 1: 20 × 0.98 + 5 × 0.9775 + 5 × 0
 * crossHealth({ assets: [{ asset: 'BTC', amount: 30, price: 1, weight }], positions: [] }).equity.toString(); //=> '24.4875'
 * ```
 * @group Health
 */
export function weightsFromOkxDiscountRate(
  payload: OkxDiscountRateResponse,
  currency: string,
): readonly { readonly upTo: Big | null; readonly weight: Big }[] {
  const list = isList(payload)
    ? payload
    : required(expectRecord(payload, 'payload', 'a discount-rate response { data }'), 'data', 'payload');
  const { entry, at } = entryOf(list, 'data', 'ccy', currency, 'currency');
  return weightTiers(required(entry, 'details', at), `${at}.details`, ['minAmt', 'maxAmt', 'discountRate'], () =>
    weightOf(required(entry, 'minDiscountRate', at), `${at}.minDiscountRate`),
  );
}

/**
 * The flat weight of one asset from Binance's (classic) portfolio margin collateral rate. Binance
 * Portfolio Margin Pro's tiered rates (`GET /sapi/v2/portfolio/collateralRate`) are tiered by
 * value, not amount, and are not read here.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (the response not an array, an entry not an object, `asset` not
 * a string), `MISSING_FIELD` (`collateralRate`), `UNKNOWN_SYMBOL` (`asset`), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `RATE_OUT_OF_RANGE` (a rate outside [0, 1])
 *
 * @example
 * ```ts
 * import { weightsFromBinanceCollateralRate } from 'liqmath';
 *
 * const payload = [{ asset: 'USDC', collateralRate: '1.0000' }, { asset: 'BNB', collateralRate: '0.9500' }];
 * weightsFromBinanceCollateralRate(payload, 'BNB').toString(); //=> '0.95'
 * ```
 * @group Health
 */
export function weightsFromBinanceCollateralRate(payload: BinanceCollateralRateResponse, asset: string): Big {
  const { entry, at } = entryOf(payload, 'payload', 'asset', asset, 'asset');
  return weightOf(required(entry, 'collateralRate', at), `${at}.collateralRate`);
}

/** The first entry of a venue's list whose `key` is `name`, with its path for errors. */
function entryOf(list: unknown, path: string, key: string, name: unknown, field: string) {
  if (typeof name !== 'string') fail('INVALID_TYPE', field, name, 'a currency name such as "BTC"');
  const entries = expectArray(list, path, 'the list of assets');
  for (let k = 0; k < entries.length; k += 1) {
    const entry = expectRecord(entries[k], `${path}[${k}]`, 'an asset entry object');
    if (entry[key] === name) return { entry, at: `${path}[${k}]` };
  }
  return fail('UNKNOWN_SYMBOL', field, name, `a ${key} present in ${path}`);
}

/**
 * A venue's rows `[min, max, rate]` (its field names) as weight tiers. A gap or overlap between
 * rows would leave an amount with no weight, or two, so each min must be the previous max. The
 * last max is `""` (the venues' "no upper limit"; null is read alike), or, where the venue gives
 * the weight beyond it (`rest`), bounded and followed by an unbounded tier of that weight.
 */
function weightTiers(
  value: unknown,
  path: string,
  [min, max, rate]: readonly [string, string, string],
  rest?: () => Big,
): readonly WeightTier[] {
  const rows = expectArray(value, path, 'an array of collateral tiers', { limit: LIMITS.tierRows, of: 'tiers' });
  if (rows.length === 0) fail('TIERS_EMPTY', path, value, 'at least one tier');
  let floor: Big = ZERO;
  let bound: unknown = null;
  const tiers = rows.map((item, k): WeightTier => {
    const at = `${path}[${k}]`;
    const row = expectRecord(item, at, 'a collateral tier object');
    if (!toNonNegative(required(row, min, at), `${at}.${min}`).eq(floor)) {
      fail('TIER_NOT_CONTIGUOUS', `${at}.${min}`, row[min], `${floor}, the previous row's ${max} (0 for the first)`);
    }
    const weight = weightOf(required(row, rate, at), `${at}.${rate}`);
    const upTo = required(row, max, at);
    bound = upTo;
    if (upTo === '' || upTo === null) {
      if (k < rows.length - 1)
        fail('TIER_CAP_UNBOUNDED_NOT_LAST', `${at}.${max}`, upTo, 'an amount: only the last row is unbounded');
      return Object.freeze({ upTo: null, weight });
    }
    const cap = freezeDecimal(toNonNegative(upTo, `${at}.${max}`));
    if (!cap.gt(floor)) fail('TIER_CAP_NOT_INCREASING', `${at}.${max}`, upTo, `an amount above its ${min} ${floor}`);
    floor = cap;
    return Object.freeze({ upTo: cap, weight });
  });
  if (bound !== '' && bound !== null) {
    // Bybit publishes no weight past a bounded last row: an amount there has none, so refuse.
    if (rest === undefined) {
      fail('INVALID_OPTION', `${path}[${rows.length - 1}].${max}`, bound, '"" on the last row (no upper limit)');
    }
    tiers.push(Object.freeze({ upTo: null, weight: rest() }));
  }
  return Object.freeze(tiers);
}

/** A venue's weight: a fraction from 0 to 1 (a negative one is out of range too, not a sign error). */
function weightOf(value: unknown, field: string): Big {
  const weight = toDecimal(value, field);
  if (weight.lt(ZERO) || weight.gt(ONE)) fail('RATE_OUT_OF_RANGE', field, value, 'a weight from 0 to 1');
  return freezeDecimal(weight);
}
