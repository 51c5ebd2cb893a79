/**
 * Funding over time: the margin (isolated) or collateral (cross), liquidation price and margin
 * ratio after each funding payment, and the number of payments until liquidation at a constant
 * price and rate, in closed form. Exact. Derivation: `docs/health.md`.
 */
import type Big from 'big.js';
import { LIMITS, type Numeric, toExact } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { add, div, E0, type Exact, mul, neg, scale, sign, toResult } from '../../core/exact.js';
import { expectArray, expectKnownFields, expectRecord, isList, required } from '../../core/input.js';
import { accountOf, type CrossLeg } from '../../engine/account.js';
import { naturalOf } from '../../engine/contract.js';
import { accountHealth, atEquality, liquidationsBySymbol, type SymbolLiquidation } from '../../engine/cross.js';
import { equityOf, plainHealthState, requirementOf } from '../../engine/health.js';
import {
  exactIsolatedState,
  type IsolatedState,
  isolatedOf,
  liquidationPriceOf,
  type PreparedPosition,
  isolatedHealth as surplusAt,
} from '../../engine/isolated.js';
import { type Leg, makeLeg, pnlAtX, requirementAtX } from '../../engine/legs.js';
import { liquidatableAt } from '../../engine/trigger.js';
import type { Market } from '../../model/market.js';
import type { CrossAccount, IsolatedPosition } from '../../model/position.js';
import { defaultHealth, ratioValue } from './ratio.js';

/**
 * Options of {@link projectIsolatedFunding} (closed). Funding per interval is `rate × notional`
 * at the funding price, paid by longs when the rate is positive and by shorts when negative; it
 * is taken from the isolated margin.
 *
 * @example
 * ```ts
 * import type { IsolatedFundingOptions } from 'liqmath';
 *
 * const options: IsolatedFundingOptions = { rate: '0.0001', intervals: 90 };
 * ```
 * @group Health
 */
export interface IsolatedFundingOptions {
  /** The rate of each interval: one for all, or one per interval. */
  readonly rate: Numeric | readonly Numeric[];
  /** How many intervals; default the length of the shortest list given (rates, marks, funding prices), and at most it. */
  readonly intervals?: number;
  /** The mark at each payment; default the `markPrice` given throughout. */
  readonly markPrices?: readonly Numeric[];
  /**
   * The price funding is charged on at each payment, where the venue charges it on another price
   * than the mark (Hyperliquid: the oracle); default the mark.
   */
  readonly fundingPrices?: readonly Numeric[];
}

/**
 * One funding payment of an isolated projection: what was paid (negative: received), and the
 * position after it at that interval's mark.
 *
 * @example
 * ```ts
 * import type { IsolatedFundingStep } from 'liqmath';
 *
 * const line = (s: IsolatedFundingStep) => `${s.interval}: margin ${s.margin}, liq ${s.liquidationPrice}`;
 * ```
 * @group Health
 */
export interface IsolatedFundingStep {
  /** 1 for the first payment. */
  readonly interval: number;
  readonly markPrice: Big;
  readonly payment: Big;
  readonly margin: Big;
  readonly liquidationPrice: Big | null;
  /** Requirement ÷ equity at the mark; null when equity ≤ 0. */
  readonly marginRatio: Big | null;
  readonly liquidatable: boolean;
}

/**
 * An isolated funding projection: the steps, ending at the first after which the position is
 * liquidatable (`liquidatedAt`, null when it survives them all).
 *
 * @example
 * ```ts
 * import type { IsolatedFundingProjection } from 'liqmath';
 *
 * const survived = (p: IsolatedFundingProjection) => p.liquidatedAt === null;
 * ```
 * @group Health
 */
export interface IsolatedFundingProjection {
  readonly steps: readonly IsolatedFundingStep[];
  readonly liquidatedAt: number | null;
}

/**
 * The margin, liquidation price and margin ratio of an isolated position after each funding
 * payment. At rate 0 every step is the position as it is. Cost O(intervals), each step one exact
 * liquidation price; at most `LIMITS.fundingIntervals` intervals.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice} for the market and
 * position; `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`markPrice`, `markPrices[i]`,
 * `fundingPrices[i]`), `INVALID_NUMBER` (a rate), `INVALID_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD`
 * (`options`, `rate`; `intervals` with one rate), `INVALID_OPTION` (`intervals` not a whole number ≥ 1,
 * or more than the rates, marks or funding prices given), `TOO_LARGE` (more than `LIMITS.fundingIntervals`)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, projectIsolatedFunding } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
 * const btc = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const position = { side: 'long', size: 1, entryPrice: 100000, margin: 10000 } as const;
 * // 30 days of 0.01% every 8 hours: 90 payments of 10 USDT
 * const projection = projectIsolatedFunding(btc, position, 100000, { rate: '0.0001', intervals: 90 });
 * projection.steps[89]?.margin.toString(); //=> '9100'
 * projection.steps[89]?.liquidationPrice?.toFixed(2); //=> '91356.78'
 * ```
 * @group Health
 */
export function projectIsolatedFunding(
  market: Market,
  position: IsolatedPosition | PreparedPosition,
  markPrice: Numeric,
  options: IsolatedFundingOptions,
): IsolatedFundingProjection {
  const state = isolatedOf(market, position);
  const mark = toExact(markPrice, 'markPrice', 'positive');
  const schedule = readSchedule(options, mark);
  const base = unchargedLeg(state);
  const contract = state.market.contract;
  const equality = state.market.liquidatableWhen === 'equity ≤ requirement';
  let margin = state.margin;
  const steps: IsolatedFundingStep[] = [];
  let liquidatedAt: number | null = null;
  for (let k = 0; k < schedule.intervals; k += 1) {
    const rate = schedule.rate(k);
    const stepMark = schedule.mark(k);
    const payment = fundingPayment(base, rate, naturalOf(contract, schedule.fundingPrice(k)));
    margin = add(margin, neg(payment));
    const after = exactIsolatedState(base, margin);
    const x = naturalOf(contract, stepMark);
    const equity = add(margin, pnlAtX(after.leg, x));
    const surplus = surplusAt(after, x);
    const liquidatable = liquidatableAt(surplus, equality);
    steps.push(
      Object.freeze({
        interval: k + 1,
        markPrice: toResult(stepMark),
        payment: toResult(payment),
        margin: toResult(margin),
        liquidationPrice: liquidationPriceOf(after),
        marginRatio: sign(equity) <= 0 ? null : toResult(div(requirementAtX(after.leg, x), equity)),
        liquidatable,
      }),
    );
    if (liquidatable) {
      liquidatedAt = k + 1;
      break;
    }
  }
  return Object.freeze({ steps: Object.freeze(steps), liquidatedAt });
}

/**
 * How many funding payments at a constant `rate`, with the price held at `markPrice`, until the
 * isolated position is liquidatable: 0 when it is already, null when it never is (it receives
 * funding, or pays none). Closed form: the surplus over the requirement falls by the same amount
 * at each payment, so the count is its surplus divided by that fall, rounded up (or the next whole
 * number, where equality is not liquidatable); checked exactly at the answer.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedLiquidationPrice} for the market and
 * position; `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`markPrice`), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE` (`rate`)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedIntervalsToLiquidation } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
 * const btc = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const position = { side: 'long', size: 1, entryPrice: 100000, margin: 10000 } as const;
 * // surplus 10,000 − 500 = 9,500, paid down 10 per interval
 * isolatedIntervalsToLiquidation(btc, position, 100000, '0.0001')?.toString(); //=> '950'
 * isolatedIntervalsToLiquidation(btc, position, 100000, '-0.0001'); //=> null
 * ```
 * @group Health
 */
export function isolatedIntervalsToLiquidation(
  market: Market,
  position: IsolatedPosition | PreparedPosition,
  markPrice: Numeric,
  rate: Numeric,
): Big | null {
  const state = isolatedOf(market, position);
  const x = naturalOf(state.market.contract, toExact(markPrice, 'markPrice', 'positive'));
  const perInterval = toExact(rate, 'rate', 'any');
  const base = unchargedLeg(state);
  const equality = state.market.liquidatableWhen === 'equity ≤ requirement';
  const payment = fundingPayment(base, perInterval, x);
  const surplusAfter = (n: bigint) => {
    const margin = add(state.margin, neg(mul(payment, { n, d: 1n, s: 0 })));
    return surplusAt(exactIsolatedState(base, margin), x);
  };
  return countToZero(surplusAfter, equality);
}

/**
 * Options of {@link projectCrossFunding} (closed): the rate per interval of each symbol (absent
 * symbols pay none), and how many intervals. Marks stay at the account's.
 *
 * @example
 * ```ts
 * import type { CrossFundingOptions } from 'liqmath';
 *
 * const options: CrossFundingOptions = { rates: { BTCUSDT: '0.0001', ETHUSDT: '-0.00005' }, intervals: 21 };
 * ```
 * @group Health
 */
export interface CrossFundingOptions {
  readonly rates: Readonly<Record<string, Numeric>>;
  readonly intervals: number;
}

/**
 * One funding payment of a cross projection.
 *
 * @example
 * ```ts
 * import type { CrossFundingStep } from 'liqmath';
 *
 * const line = (s: CrossFundingStep) => `${s.interval}: collateral ${s.collateral}`;
 * ```
 * @group Health
 */
export interface CrossFundingStep {
  readonly interval: number;
  /** Σ funding paid by the positions this interval (negative: received). */
  readonly payment: Big;
  readonly collateral: Big;
  readonly marginRatio: Big | null;
  readonly liquidatable: boolean;
  readonly liquidationPrices: readonly SymbolLiquidation[];
}

/**
 * A cross funding projection: steps ending at the first after which the account is liquidatable.
 *
 * @example
 * ```ts
 * import type { CrossFundingProjection } from 'liqmath';
 *
 * const last = (p: CrossFundingProjection) => p.steps[p.steps.length - 1];
 * ```
 * @group Health
 */
export interface CrossFundingProjection {
  readonly steps: readonly CrossFundingStep[];
  readonly liquidatedAt: number | null;
  /** Payments at these rates and marks until liquidation: 0 when liquidatable now, null when never. */
  readonly intervalsToLiquidation: Big | null;
}

/**
 * The collateral, margin ratio and liquidation prices of a cross account after each funding
 * payment, the marks held, and the number of payments until it is liquidatable. Funding is taken
 * from the shared collateral (each position pays `rate × notional at the mark`). Cost
 * O(intervals × positions); intervals × positions at most `LIMITS.fundingIntervals`.
 *
 * @throws {@link LiqMathError} the codes of {@link crossEquity} for the account; for `options`:
 * `INVALID_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD`, `INVALID_OPTION` (`intervals` not a whole number ≥ 1),
 * `TOO_LARGE`, `UNKNOWN_SYMBOL` (a rate for a symbol the account does not hold), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE` (a rate)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, projectCrossFunding } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
 * const btc = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const account = { collateral: 1000, positions: [{ market: btc, side: 'short', size: '0.1', entryPrice: 100000, markPrice: 100000 }] } as const;
 * // shorts pay when the rate is negative: 0.1 × 100,000 × 0.0005 = 5 per interval
 * const projection = projectCrossFunding(account, { rates: { BTCUSDT: '-0.0005' }, intervals: 3 });
 * projection.steps[2]?.collateral.toString(); //=> '985'
 * projection.intervalsToLiquidation?.toString(); //=> '190'
 * ```
 * @group Health
 */
export function projectCrossFunding(account: CrossAccount, options: CrossFundingOptions): CrossFundingProjection {
  const { collateral, legs } = accountOf(account);
  const record = expectRecord(options, 'options', 'an options object { rates, intervals }');
  expectKnownFields(record, ['rates', 'intervals'], 'options');
  const intervals = readIntervals(required(record, 'intervals', 'options'));
  // Each interval values every position and solves every symbol: the work is intervals × positions.
  if (intervals * Math.max(1, legs.length) > LIMITS.fundingIntervals) {
    fail(
      'TOO_LARGE',
      'options.intervals',
      intervals,
      `at most ${Math.floor(LIMITS.fundingIntervals / Math.max(1, legs.length))} intervals for ${legs.length} positions (intervals × positions ≤ LIMITS.fundingIntervals)`,
    );
  }
  const rates = readRates(required(record, 'rates', 'options'), legs);
  let payment = E0;
  for (const leg of legs) {
    const rate = rates.get(leg.leg.market.symbol);
    if (rate !== undefined) payment = add(payment, fundingPayment(leg.leg, rate, leg.markX));
  }
  const equality = atEquality(legs);
  const steps: CrossFundingStep[] = [];
  let liquidatedAt: number | null = null;
  let now = collateral;
  for (let k = 1; k <= intervals; k += 1) {
    now = add(now, neg(payment));
    const surplus = accountHealth(now, legs);
    const liquidatable = liquidatableAt(surplus, equality);
    steps.push(
      Object.freeze({
        interval: k,
        payment: toResult(payment),
        collateral: toResult(now),
        marginRatio: crossRatio(now, legs),
        liquidatable,
        liquidationPrices: liquidationsBySymbol(now, legs),
      }),
    );
    if (liquidatable) {
      liquidatedAt = k;
      break;
    }
  }
  const count = countToZero(
    (n) => accountHealth(add(collateral, neg(mul(payment, { n, d: 1n, s: 0 }))), legs),
    equality,
  );
  return Object.freeze({ steps: Object.freeze(steps), liquidatedAt, intervalsToLiquidation: count });
}

/**
 * The smallest n ≥ 0 at which `surplus(n)` is liquidatable, for a surplus linear in n; null when it
 * never falls. Exact: from surplus(0) and the fall per payment, then checked at the answer.
 */
function countToZero(surplus: (n: bigint) => Exact, equality: boolean): Big | null {
  const start = surplus(0n);
  if (liquidatableAt(start, equality)) return toResult(E0);
  const fall = add(start, neg(surplus(1n)));
  if (sign(fall) <= 0) return null;
  // n = ⌈s/f⌉ where equality liquidates, ⌊s/f⌋ + 1 where it does not.
  const q = start.n * fall.d;
  const r = fall.n * start.d;
  let n = q / r;
  if (equality ? q % r !== 0n : true) n += 1n;
  if (liquidatableAt(surplus(n), equality) && !liquidatableAt(surplus(n - 1n), equality))
    return toResult({ n, d: 1n, s: 0 });
  // Not linear after all (a fee to close on the bankruptcy value that loses its price): the
  // surplus still falls with every payment, so search for the first liquidatable count.
  let low = 0n;
  let high = 1n;
  while (!liquidatableAt(surplus(high), equality)) {
    low = high;
    high *= 2n;
    if (high > MOST_INTERVALS) return null;
  }
  while (high - low > 1n) {
    const middle = (low + high) / 2n;
    if (liquidatableAt(surplus(middle), equality)) high = middle;
    else low = middle;
  }
  return toResult({ n: high, d: 1n, s: 0 });
}

/** Beyond 2^64 payments the answer is of no use; the search stops there. */
const MOST_INTERVALS = 1n << 64n;

/** Funding paid by a position: `rate × notional at x`, from longs when the rate is positive. */
function fundingPayment(leg: Leg, rate: Exact, x: Exact): Exact {
  return scale(mul(rate, mul(leg.k, x)), leg.sign);
}

/** Requirement ÷ equity of a cross account at its marks; null when equity ≤ 0. */
function crossRatio(collateral: Exact, legs: readonly CrossLeg[]): Big | null {
  const state = plainHealthState(collateral, legs);
  const value = ratioValue(defaultHealth, equityOf(state), requirementOf(state, 'maintenance'), E0);
  return value === null ? null : toResult(value);
}

/** The position's leg without the fee to close on the bankruptcy value (it moves with the margin). */
function unchargedLeg(state: IsolatedState): Leg {
  const leg = state.leg;
  return makeLeg({ market: state.market, sign: leg.sign, size: leg.size, entryPrice: leg.entryPrice }, 'position');
}

function readIntervals(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    fail('INVALID_OPTION', 'options.intervals', value, 'a whole number of intervals, at least 1');
  }
  if (value > LIMITS.fundingIntervals) {
    fail('TOO_LARGE', 'options.intervals', value, `at most ${LIMITS.fundingIntervals} intervals (LIMITS)`);
  }
  return value;
}

function readRates(value: unknown, legs: readonly CrossLeg[]): Map<string, Exact> {
  const record = expectRecord(value, 'options.rates', 'an object { [symbol]: rate per interval }');
  const held = new Set(legs.map((l) => l.leg.market.symbol));
  const rates = new Map<string, Exact>();
  for (const [symbol, rate] of Object.entries(record)) {
    if (!held.has(symbol))
      fail('UNKNOWN_SYMBOL', `options.rates.${symbol}`, rate, 'a rate for a symbol the account holds');
    rates.set(symbol, toExact(rate, `options.rates.${symbol}`, 'any'));
  }
  return rates;
}

/** The per-interval inputs of an isolated projection. */
function readSchedule(options: unknown, mark: Exact) {
  const record = expectRecord(
    options,
    'options',
    'an options object { rate, intervals?, markPrices?, fundingPrices? }',
  );
  expectKnownFields(record, ['rate', 'intervals', 'markPrices', 'fundingPrices'], 'options');
  const given = required(record, 'rate', 'options');
  const list = (key: string, rule: 'any' | 'positive'): readonly Exact[] | null => {
    const value = record[key];
    if (value === undefined) return null;
    const items = expectArray(value, `options.${key}`, `an array of numbers, one per interval`, {
      limit: LIMITS.fundingIntervals,
      of: 'intervals',
    });
    return items.map((item, index) => toExact(item, `options.${key}[${index}]`, rule));
  };
  const rates = isList(given) ? list('rate', 'any') : null;
  const single = rates === null ? toExact(given, 'options.rate', 'any') : E0;
  const marks = list('markPrices', 'positive');
  const fundingPrices = list('fundingPrices', 'positive');
  let intervals: number;
  if (record.intervals === undefined) {
    const lengths = [rates, marks, fundingPrices].flatMap((values) => (values === null ? [] : [values.length]));
    if (lengths.length === 0) {
      fail(
        'MISSING_FIELD',
        'options.intervals',
        undefined,
        'the number of intervals (one rate and no price list was given)',
      );
    }
    intervals = readIntervals(Math.min(...lengths));
  } else intervals = readIntervals(record.intervals);
  for (const [key, values] of [
    ['rate', rates],
    ['markPrices', marks],
    ['fundingPrices', fundingPrices],
  ] as const) {
    if (values !== null && values.length < intervals) {
      fail(
        'INVALID_OPTION',
        'options.intervals',
        record.intervals,
        `at most ${values.length}, the length of options.${key}`,
      );
    }
  }
  const markAt = (k: number): Exact => marks?.[k] ?? mark;
  return {
    intervals,
    rate: (k: number): Exact => rates?.[k] ?? single,
    mark: markAt,
    fundingPrice: (k: number): Exact => fundingPrices?.[k] ?? markAt(k),
  };
}
