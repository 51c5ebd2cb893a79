/**
 * Views of a book: where its liquidations lie (the liquidation map, exact, from the positions
 * themselves) and how concentrated its leverage is. Derivation: `docs/stress.md`.
 */
import type Big from 'big.js';
import { type Numeric, toExact } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { add, cmp, div, E0, type Exact, mul, neg, sign, toResult } from '../../core/exact.js';
import { expectArray, expectKnownFields, expectRecord, required } from '../../core/input.js';
import { naturalOf } from '../../engine/contract.js';
import { liquidationsBySymbol } from '../../engine/cross.js';
import { liquidationPriceOf } from '../../engine/isolated.js';
import { type Leg, pnlAtX } from '../../engine/legs.js';
import { type Book, type BookState, bookState, isolatedStateOf } from './book.js';

/** Most buckets one map takes. */
const MAX_BUCKETS = 100_000;

/**
 * One bucket of a {@link LiquidationMap}: the notional (at the liquidation price) of the long and
 * short positions that become liquidatable when the price reaches [from, to).
 *
 * @example
 * ```ts
 * import type { LiquidationBucket } from 'liqmath';
 *
 * const row = (b: LiquidationBucket) => `${b.from}–${b.to}: longs ${b.long}, shorts ${b.short}`;
 * ```
 * @group Stress
 */
export interface LiquidationBucket {
  readonly from: Big;
  readonly to: Big;
  readonly long: Big;
  readonly short: Big;
}

/**
 * Where a symbol's positions are liquidated: buckets of price with the notional liquidated there
 * by side, what lies below the first and at or above the last, and what has no liquidation price.
 *
 * @example
 * ```ts
 * import type { LiquidationMap } from 'liqmath';
 *
 * const busiest = (m: LiquidationMap) => [...m.buckets].sort((a, b) => b.long.plus(b.short).cmp(a.long.plus(a.short)))[0];
 * ```
 * @group Stress
 */
export interface LiquidationMap {
  readonly symbol: string;
  readonly buckets: readonly LiquidationBucket[];
  readonly below: { readonly long: Big; readonly short: Big };
  readonly above: { readonly long: Big; readonly short: Big };
  /** Positions with no liquidation price (none at a positive price), notional at the mark. */
  readonly never: { readonly long: Big; readonly short: Big };
}

/**
 * The liquidation map of one symbol: for each price bucket [from + k·step, from + (k+1)·step), the
 * notional that becomes liquidatable when the price reaches it, by side — exact, from the book's
 * positions (what "liquidation heatmaps" estimate from open interest and assumed leverage). An
 * isolated position counts at its liquidation price; a cross account at the prices of the symbol
 * where it becomes liquidatable with every other mark held (below and above the mark), with the
 * notional of its positions in the symbol there. Notional at the liquidation price.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`book` not from {@link defineBook}, `options` not an object),
 * `UNKNOWN_FIELD`, `MISSING_FIELD` (`symbol`, `from`, `to`, `step`), `UNKNOWN_SYMBOL`, `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`from`, `to`, `step`), `INVALID_OPTION` (`to` not above `from`),
 * `TOO_LARGE` (more than 100,000 buckets)
 *
 * @example
 * ```ts
 * import { defineBook, defineMarket, defineTiers, liquidationMap } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]);
 * const btc = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', tiers });
 * const book = defineBook({
 *   marks: { BTC: 100000 },
 *   positions: [
 *     { id: 'a', market: btc, side: 'long', size: 1, entryPrice: 100000, margin: 5950 }, // liquidated at 95,000
 *     { id: 'b', market: btc, side: 'short', size: 2, entryPrice: 100000, margin: 10000 }, // at 103,960.39…
 *   ],
 * });
 * const map = liquidationMap(book, { symbol: 'BTC', from: 90000, to: 110000, step: 5000 });
 * map.buckets.map((b) => `${b.from}: ${b.long.toFixed(2)} / ${b.short.toFixed(2)}`); //=> ['90000: 0.00 / 0.00', '95000: 95000.00 / 0.00', '100000: 0.00 / 207920.79', '105000: 0.00 / 0.00']
 * ```
 * @group Stress
 */
export function liquidationMap(
  book: Book,
  options: { readonly symbol: string; readonly from: Numeric; readonly to: Numeric; readonly step: Numeric },
): LiquidationMap {
  const state = bookState(book);
  const record = expectRecord(options, 'options', 'an options object { symbol, from, to, step }');
  expectKnownFields(record, ['symbol', 'from', 'to', 'step'], 'options');
  const symbol = required(record, 'symbol', 'options');
  const market = typeof symbol === 'string' ? state.markets.get(symbol) : undefined;
  if (market === undefined) fail('UNKNOWN_SYMBOL', 'options.symbol', symbol, 'a symbol the book holds');
  const from = toExact(required(record, 'from', 'options'), 'options.from', 'positive');
  const to = toExact(required(record, 'to', 'options'), 'options.to', 'positive');
  const step = toExact(required(record, 'step', 'options'), 'options.step', 'positive');
  if (cmp(to, from) <= 0) fail('INVALID_OPTION', 'options.to', record.to, `a price above from (${toResult(from)})`);
  const span = div(add(to, neg(from)), step);
  const count = Number((span.n + span.d - 1n) / span.d);
  if (count > MAX_BUCKETS)
    fail('TOO_LARGE', 'options.step', record.step, `a step giving at most ${MAX_BUCKETS} buckets`);
  const longs: Exact[] = new Array(count).fill(E0);
  const shorts: Exact[] = new Array(count).fill(E0);
  const below = { long: E0, short: E0 };
  const above = { long: E0, short: E0 };
  const never = { long: E0, short: E0 };
  const place = (price: Exact, leg: Leg) => {
    const notional = mul(leg.k, naturalOf(leg.market.contract, price));
    const long = leg.sign === 1;
    if (cmp(price, from) < 0) {
      if (long) below.long = add(below.long, notional);
      else below.short = add(below.short, notional);
      return;
    }
    const at = div(add(price, neg(from)), step);
    const k = Number(at.n / at.d);
    if (k >= count) {
      if (long) above.long = add(above.long, notional);
      else above.short = add(above.short, notional);
      return;
    }
    if (long) longs[k] = add(longs[k] as Exact, notional);
    else shorts[k] = add(shorts[k] as Exact, notional);
  };
  const mark = state.prices.get(market.symbol) as Exact;
  for (const entry of state.isolated) {
    if (entry.symbol !== market.symbol) continue;
    const price = liquidationPriceOf(isolatedStateOf(entry, entry.margin));
    if (price === null) {
      const notional = mul(entry.leg.k, naturalOf(market.contract, mark));
      if (entry.leg.sign === 1) never.long = add(never.long, notional);
      else never.short = add(never.short, notional);
    } else place(toExact(price, 'price', 'positive'), entry.leg);
  }
  for (const account of state.accounts) {
    const legs = account.legs.filter((leg) => leg.market.symbol === market.symbol);
    if (legs.length === 0) continue;
    const prices = liquidationsBySymbol(account.collateral, crossLegs(state, account.legs)).find(
      (p) => p.symbol === market.symbol,
    );
    const at = [prices?.below, prices?.above].flatMap((p) => (p === null || p === undefined ? [] : [p]));
    for (const price of at) for (const leg of legs) place(toExact(price, 'price', 'positive'), leg);
  }
  const buckets = longs.map((long, k) =>
    Object.freeze({
      from: toResult(add(from, mul(step, whole(k)))),
      to: toResult(add(from, mul(step, whole(k + 1)))),
      long: toResult(long),
      short: toResult(shorts[k] as Exact),
    }),
  );
  const pair = (p: { long: Exact; short: Exact }) =>
    Object.freeze({ long: toResult(p.long), short: toResult(p.short) });
  return Object.freeze({
    symbol: market.symbol,
    buckets: Object.freeze(buckets),
    below: pair(below),
    above: pair(above),
    never: pair(never),
  });
}

/**
 * How concentrated a book's leverage is: the distribution of effective leverage (notional at the
 * mark ÷ equity, per position or account), the share of open interest within a distance of its
 * liquidation price, and the Herfindahl index of notional by position or account.
 *
 * @example
 * ```ts
 * import type { LeverageConcentration } from 'liqmath';
 *
 * const tail = (c: LeverageConcentration) => `p99 ${c.leverage.p99}x, HHI ${c.herfindahl}`;
 * ```
 * @group Stress
 */
export interface LeverageConcentration {
  readonly leverage: {
    /** Positions and accounts with equity > 0 (the distribution is theirs). */
    readonly count: number;
    /** Positions and accounts with equity ≤ 0 (leverage unbounded). */
    readonly unbounded: number;
    readonly min: Big | null;
    readonly p50: Big | null;
    readonly p90: Big | null;
    readonly p99: Big | null;
    readonly max: Big | null;
  };
  /** For each distance: the share of open interest (notional at the mark) whose nearest liquidation price is within it, relative to the mark. */
  readonly within: readonly { readonly distance: Big; readonly share: Big }[];
  /** Σ (notional of one position or account ÷ all notional)²: 1 for one holder, 1/n for n equal ones. */
  readonly herfindahl: Big;
  /** All notional at the marks. */
  readonly openInterest: Big;
}

/**
 * The leverage concentration of a book at its marks. Percentiles by nearest rank (the smallest
 * value with at least p of the values at or below it), exact.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`book` not from {@link defineBook}, `options` not an object,
 * `within` not an array), `UNKNOWN_FIELD`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (a
 * distance), `TOO_LARGE` (more than 100 distances)
 *
 * @example
 * ```ts
 * import { defineBook, defineMarket, defineTiers, leverageConcentration } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]);
 * const btc = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', tiers });
 * const book = defineBook({
 *   marks: { BTC: 100000 },
 *   positions: [
 *     { id: 'a', market: btc, side: 'long', size: 1, entryPrice: 100000, leverage: 20 },
 *     { id: 'b', market: btc, side: 'short', size: 3, entryPrice: 100000, leverage: 5 },
 *   ],
 * });
 * const c = leverageConcentration(book, { within: ['0.05'] });
 * c.leverage.max?.toString(); //=> '20'
 * c.herfindahl.toString(); //=> '0.625'
 * c.within[0]?.share.toString(); //=> '0.25'
 * ```
 * @group Stress
 */
export function leverageConcentration(
  book: Book,
  options?: { readonly within?: readonly Numeric[] },
): LeverageConcentration {
  const state = bookState(book);
  const record = options === undefined ? {} : expectRecord(options, 'options', 'an options object { within? }');
  expectKnownFields(record, ['within'], 'options');
  const distances = (
    record.within === undefined
      ? ['0.01', '0.05', '0.1']
      : expectArray(record.within, 'options.within', 'an array of distances', { limit: 100, of: 'distances' })
  ).map((d, k) => toExact(d, `options.within[${k}]`, 'positive'));
  const leverages: Exact[] = [];
  let unbounded = 0;
  const notionals: Exact[] = [];
  const nearest: { notional: Exact; distance: Exact | null }[] = [];
  const xOf = (leg: Leg) => naturalOf(leg.market.contract, state.prices.get(leg.market.symbol) as Exact);
  for (const entry of state.isolated) {
    const x = xOf(entry.leg);
    const notional = mul(entry.leg.k, x);
    const equity = add(entry.margin, pnlAtX(entry.leg, x));
    record_(equity, notional);
    const price = liquidationPriceOf(isolatedStateOf(entry, entry.margin));
    nearest.push({
      notional,
      distance:
        price === null
          ? null
          : distanceOf(toExact(price, 'price', 'positive'), state.prices.get(entry.symbol) as Exact),
    });
  }
  for (const account of state.accounts) {
    let notional = E0;
    let equity = account.collateral;
    for (const leg of account.legs) {
      notional = add(notional, mul(leg.k, xOf(leg)));
      equity = add(equity, pnlAtX(leg, xOf(leg)));
    }
    record_(equity, notional);
    // Each symbol's nearest single-factor liquidation price stands for the notional of its legs.
    for (const prices of liquidationsBySymbol(account.collateral, crossLegs(state, account.legs))) {
      const mark = state.prices.get(prices.symbol) as Exact;
      const legNotional = account.legs
        .filter((leg) => leg.market.symbol === prices.symbol)
        .reduce((sum, leg) => add(sum, mul(leg.k, xOf(leg))), E0);
      const candidates = [prices.below, prices.above].flatMap((p) =>
        p === null ? [] : [distanceOf(toExact(p, 'price', 'positive'), mark)],
      );
      const distance =
        prices.status === 'liquidatable'
          ? E0
          : candidates.reduce<Exact | null>((m, d) => (m === null || cmp(d, m) < 0 ? d : m), null);
      nearest.push({ notional: legNotional, distance });
    }
  }
  function record_(equity: Exact, notional: Exact): void {
    notionals.push(notional);
    if (sign(equity) <= 0) unbounded += 1;
    else leverages.push(div(notional, equity));
  }
  const total = notionals.reduce((sum, n) => add(sum, n), E0);
  let herfindahl = E0;
  if (sign(total) > 0) for (const n of notionals) herfindahl = add(herfindahl, mul(div(n, total), div(n, total)));
  leverages.sort(cmp);
  const rank = (p: number): Big | null => {
    if (leverages.length === 0) return null;
    const k = Math.max(1, Math.ceil((p * leverages.length) / 100));
    return toResult(leverages[k - 1] as Exact);
  };
  const within = distances.map((distance) => {
    let inside = E0;
    for (const n of nearest)
      if (n.distance !== null && cmp(n.distance, distance) <= 0) inside = add(inside, n.notional);
    return Object.freeze({ distance: toResult(distance), share: toResult(sign(total) > 0 ? div(inside, total) : E0) });
  });
  return Object.freeze({
    leverage: Object.freeze({
      count: leverages.length,
      unbounded,
      min: rank(0),
      p50: rank(50),
      p90: rank(90),
      p99: rank(99),
      max: leverages.length === 0 ? null : toResult(leverages[leverages.length - 1] as Exact),
    }),
    within: Object.freeze(within),
    herfindahl: toResult(herfindahl),
    openInterest: toResult(total),
  });
}

/** |L − M| ÷ M. */
function distanceOf(price: Exact, mark: Exact): Exact {
  const gap = add(price, neg(mark));
  return div(sign(gap) < 0 ? neg(gap) : gap, mark);
}

function whole(k: number): Exact {
  return { n: BigInt(k), d: 1n, s: 0 };
}

/** An account's legs at the book's marks, as the cross solver takes them. */
function crossLegs(state: BookState, legs: readonly Leg[]) {
  return legs.map((leg) => ({
    leg,
    markX: naturalOf(leg.market.contract, state.prices.get(leg.market.symbol) as Exact),
  }));
}
