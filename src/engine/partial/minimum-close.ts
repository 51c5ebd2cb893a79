/**
 * `isolatedMinimumCloseSize` for an isolated position and for one position of a cross account: the
 * boundary (validation, options) around the exact core in `close.ts`.
 */

import { type Numeric, ONE, toDecimal, toFeeRate, toNonNegative, toPositive, ZERO } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { add, E0, type Exact, exactOf, mul, toBig } from '../../core/exact.js';
import { expectChoice, expectKnownFields, expectRecord, required } from '../../core/input.js';
import type { Market } from '../../model/market.js';
import {
  type CrossAccount,
  type IsolatedPosition,
  type ParsedPosition,
  type PositionRef,
  readAccountPosition,
} from '../../model/position.js';
import { type CloseProblem, type CloseSize, type CloseTarget, solveMinimumClose } from '../close.js';
import { isolatedOf } from '../isolated.js';
import { pnlAtX, requirementAtX } from '../legs.js';
import { liquidatableAtEquality } from '../trigger.js';
import { crossLegOf, naturalOfPrice } from '../valuation.js';

/**
 * How a close is made and what it must reach.
 *
 * @example
 * ```ts
 * import type { CloseOptions } from 'liqmath';
 *
 * const options: CloseOptions = { markPrice: '58000', feeRate: '0.005', target: { kind: 'maintenance' } };
 * ```
 * @group Partial liquidation
 */
export interface CloseOptions {
  /** Mark price at which equity and requirement are valued. */
  readonly markPrice: Numeric;
  /** Price the closed slice fills at; default the mark. */
  readonly fillPrice?: Numeric;
  /** Liquidation fee rate on the closed notional at the fill, in [0, 1); default 0. */
  readonly feeRate?: Numeric;
  /** Default `{ kind: 'maintenance' }`. */
  readonly target?: CloseTarget;
  /** Smallest remainder allowed (contracts); below it the whole position closes. Default: one lot. */
  readonly minimumRemaining?: Numeric;
}

const OPTION_FIELDS = ['markPrice', 'fillPrice', 'feeRate', 'target', 'minimumRemaining'] as const;

/**
 * The smallest size to close of an isolated position, at a fill price and a liquidation fee,
 * after which the remainder meets the target; rounded up to the market's lot. Minimal: one lot
 * less fails the target. Closed form per tier segment of the remaining size (the remainder's tier
 * changes as it shrinks); no iterative search.
 *
 * @throws {@link LiqMathError} for the market and position, the codes of {@link isolatedLiquidationPrice}
 * (`INVALID_TYPE`, `MISSING_FIELD`, `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`,
 * `NEGATIVE`, `LEVERAGE_OUT_OF_RANGE`, `LEVERAGE_ABOVE_MAX`, `BEYOND_LAST_TIER`); for the options,
 * `INVALID_TYPE` (`options` or `options.target` not an object), `UNKNOWN_FIELD` (`options`, `options.target`),
 * `MISSING_FIELD` (`markPrice`; the target's `kind`, `buffer` or `leverage`), `INVALID_OPTION` (`target.kind`),
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`markPrice`, `fillPrice`), `RATE_OUT_OF_RANGE`
 * (`feeRate` outside [0, 1)), `NEGATIVE` (`minimumRemaining`, `target.buffer`), `LEVERAGE_OUT_OF_RANGE`
 * (`target.leverage` below 1)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedMinimumCloseSize } from 'liqmath';
 *
 * const market = defineMarket({
 *   symbol: 'BTCUSDT',
 *   contract: 'linear',
 *   settle: 'USDT',
 *   lotSize: '0.001',
 *   tiers: defineTiers([
 *     { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
 *     { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
 *     { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
 *   ]),
 * });
 * const result = isolatedMinimumCloseSize(market, { side: 'long', size: 5, entryPrice: 50000, margin: 6000 }, { markPrice: 49000 });
 * result.status; //=> 'partial'
 * result.status === 'partial' && result.size.toString(); //=> '0.715'
 * ```
 * @group Partial liquidation
 */
export function isolatedMinimumCloseSize(market: Market, position: IsolatedPosition, options: CloseOptions): CloseSize {
  return solveMinimumClose(isolatedCloseProblem(market, position, options));
}

/** Validates an isolated position and close options into the core's problem (internal). */
export function isolatedCloseProblem(market: Market, position: IsolatedPosition, options: CloseOptions): CloseProblem {
  const { leg, margin, entryPrice } = isolatedOf(market, position);
  const context = readOptions(options);
  const equity = add(margin, pnlAtX(leg, naturalOfPrice(leg.market, context.markPrice)));
  return {
    ...context,
    market: leg.market,
    sign: leg.sign,
    size: toBig(leg.size),
    entryPrice: toBig(entryPrice),
    equity: toBig(equity),
    isolated: true,
    liquidatableAtEquality: liquidatableAtEquality([leg.market]),
    otherRequirement: ZERO,
    otherNotional: ZERO,
    exact: { equity, otherRequirement: E0, otherNotional: E0 },
  };
}

/**
 * {@link isolatedMinimumCloseSize} for one position of a cross account: every other position stays
 * (at its mark), the account's equity and total requirement must meet the target. The options'
 * `markPrice` must equal the account's mark for that symbol.
 *
 * @throws {@link LiqMathError} for the account, the codes of {@link crossEquity} (`INVALID_TYPE`,
 * `MISSING_FIELD`, `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`,
 * `TOO_LARGE`, `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`, `MARK_PRICE_MISMATCH`, `DUPLICATE_POSITION`,
 * `BEYOND_LAST_TIER`; a prepared account is read again); for `ref`, `INVALID_TYPE` (`ref` not an object,
 * `ref.symbol` not a string), `UNKNOWN_FIELD`, `MISSING_FIELD` (`symbol`, `side`), `INVALID_OPTION` (`side`),
 * `UNKNOWN_SYMBOL` (no position of that symbol and side); for the options, the codes of
 * {@link isolatedMinimumCloseSize}, and `MARK_PRICE_MISMATCH` when `options.markPrice` differs from the
 * account's mark
 *
 * @example
 * ```ts
 * import { crossMinimumCloseSize, defineMarket, defineTiers } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
 * // Equity 900 + 10·(920 − 1,000) = 100; requirement 5% of 9,200 = 460: close until 5%·920·q' ≤ 100.
 * const account = { collateral: 900, positions: [{ market: eth, side: 'long', size: 10, entryPrice: 1000, markPrice: 920 }] } as const;
 * const result = crossMinimumCloseSize(account, { symbol: 'ETH-USD', side: 'long' }, { markPrice: 920 });
 * result.status === 'partial' && result.remainingSize.toFixed(6); //=> '2.173913'
 * ```
 * @group Partial liquidation
 */
export function crossMinimumCloseSize(account: CrossAccount, ref: PositionRef, options: CloseOptions): CloseSize {
  const { collateral, positions, index, chosen } = readAccountPosition(account, ref);
  const context = readOptions(options);
  if (!chosen.markPrice.eq(context.markPrice)) {
    fail(
      'MARK_PRICE_MISMATCH',
      'options.markPrice',
      options.markPrice,
      `${chosen.markPrice}, the account's mark for ${chosen.market.symbol}`,
    );
  }
  return solveMinimumClose(crossCloseProblem(exactOf(collateral), positions, index, context));
}

/**
 * The close problem of position `index` of a validated cross account whose collateral is exact
 * (the cross plan carries it between steps without rounding).
 */
export function crossCloseProblem(
  collateral: Exact,
  positions: readonly (ParsedPosition & { readonly markPrice: Big })[],
  index: number,
  context: OptionPart,
): CloseProblem {
  const chosen = positions[index] as ParsedPosition & { readonly markPrice: Big };
  let equity = collateral;
  let otherRequirement = E0;
  let otherNotional = E0;
  positions.forEach((position, k) => {
    const { leg, markX } = crossLegOf(position, `account.positions[${k}]`);
    equity = add(equity, pnlAtX(leg, markX));
    if (k === index) return;
    otherRequirement = add(otherRequirement, requirementAtX(leg, markX));
    otherNotional = add(otherNotional, mul(leg.k, markX));
  });
  return {
    ...context,
    market: chosen.market,
    sign: chosen.sign,
    size: chosen.size,
    entryPrice: chosen.entryPrice,
    equity: toBig(equity),
    isolated: false,
    liquidatableAtEquality: liquidatableAtEquality(positions.map((position) => position.market)),
    otherRequirement: toBig(otherRequirement),
    otherNotional: toBig(otherNotional),
    exact: { equity, otherRequirement, otherNotional },
  };
}

/** The option part of a close problem, validated. */
export type OptionPart = Pick<CloseProblem, 'markPrice' | 'fillPrice' | 'feeRate' | 'target' | 'minimumRemaining'>;

/** Validates close options. */
export function readOptions(options: unknown): OptionPart {
  const record = expectRecord(
    options,
    'options',
    'close options { markPrice, fillPrice?, feeRate?, target?, minimumRemaining? }',
  );
  expectKnownFields(record, OPTION_FIELDS, 'options');
  const markPrice = toPositive(required(record, 'markPrice', 'options'), 'options.markPrice');
  return {
    markPrice,
    fillPrice: record.fillPrice === undefined ? markPrice : toPositive(record.fillPrice, 'options.fillPrice'),
    feeRate: record.feeRate === undefined ? ZERO : toFeeRate(record.feeRate, 'options.feeRate'),
    target: readTarget(record.target),
    minimumRemaining:
      record.minimumRemaining === undefined ? ZERO : toNonNegative(record.minimumRemaining, 'options.minimumRemaining'),
  };
}

/** Validates a close target (`options.target`). */
export function readTarget(value: unknown): CloseProblem['target'] {
  if (value === undefined) return { kind: 'maintenance', factor: ONE };
  const record = expectRecord(value, 'options.target', "a target { kind: 'maintenance' | 'buffer' | 'initial', … }");
  const kind = expectChoice(
    required(record, 'kind', 'options.target'),
    ['maintenance', 'buffer', 'initial'],
    'options.target.kind',
  );
  if (kind === 'maintenance') {
    expectKnownFields(record, ['kind'], 'options.target');
    return { kind, factor: ONE };
  }
  if (kind === 'buffer') {
    expectKnownFields(record, ['kind', 'buffer'], 'options.target');
    return {
      kind,
      factor: ONE.plus(toNonNegative(required(record, 'buffer', 'options.target'), 'options.target.buffer')),
    };
  }
  expectKnownFields(record, ['kind', 'leverage'], 'options.target');
  const leverage = toDecimal(required(record, 'leverage', 'options.target'), 'options.target.leverage');
  if (leverage.lt(1))
    fail('LEVERAGE_OUT_OF_RANGE', 'options.target.leverage', record.leverage, 'a leverage of at least 1');
  return { kind, leverage };
}

// Former names, kept as deprecated aliases through 0.1.x (one naming scheme: every isolated
// function says `isolated`, every cross-account function says `cross`). Removed in 0.2.0.

/**
 * Former name of {@link isolatedMinimumCloseSize}, the same function.
 *
 * @deprecated Use {@link isolatedMinimumCloseSize}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { isolatedMinimumCloseSize, minimumCloseSize } from 'liqmath';
 * minimumCloseSize === isolatedMinimumCloseSize; //=> true
 * ```
 */
export const minimumCloseSize: typeof isolatedMinimumCloseSize = isolatedMinimumCloseSize;
