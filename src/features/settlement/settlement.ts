/**
 * Settling a liquidated slice against its bankruptcy price: the realized PnL at the fill, the
 * liquidation fee, the insurance fund's gain or payment, and the deficit left for
 * auto-deleveraging. See `docs/settlement.md`.
 */
import type Big from 'big.js';
import { freezeDecimal, type Numeric, toFeeRate, toNonNegative, toPositive, ZERO } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { add, div, E0, type Exact, exactOf, mul, neg, scale, sign as signOf, toResult } from '../../core/exact.js';
import { expectChoice, expectKnownFields, expectRecord, required } from '../../core/input.js';
import { naturalOf, pnlDirection, priceOfNatural } from '../../engine/contract.js';
import { bankruptcyPriceOf, isolatedOf } from '../../engine/isolated.js';
import { pnlAtX, requirementAtX } from '../../engine/legs.js';
import { crossLegOf, notionalAt, pnlAt } from '../../engine/valuation.js';
import type { Market } from '../../model/market.js';
import {
  type CrossAccount,
  type IsolatedPosition,
  type PositionRef,
  readAccountPosition,
} from '../../model/position.js';

/**
 * How a liquidated slice was filled and who keeps a surplus.
 *
 * @example
 * ```ts
 * import type { SettlementInput } from 'liqmath';
 *
 * const dydx: SettlementInput = { size: 500, fillPrice: '0.77', feeRate: '0.015', surplusTo: 'trader' };
 * ```
 * @group Settlement
 */
export interface SettlementInput {
  /** Contracts closed, > 0 and at most the position's size. */
  readonly size: Numeric;
  /** Price the slice filled at. */
  readonly fillPrice: Numeric;
  /** Liquidation fee rate on the filled notional, in [0, 1); taken only out of a surplus. Default 0. */
  readonly feeRate?: Numeric;
  /**
   * Who keeps a fill better than bankruptcy after the fee: the insurance fund (`'fund'`, BitMEX,
   * the default) or the trader (`'trader'`, dYdX: the fee is capped by the surplus).
   */
  readonly surplusTo?: 'fund' | 'trader';
  /** What the insurance fund can pay; default unlimited. The rest is the ADL deficit. */
  readonly fundBalance?: Numeric;
}

/**
 * The money of one liquidated slice. `traderBalanceChange + insuranceFundDelta − deficit =
 * realizedPnl` always holds.
 *
 * @example
 * ```ts
 * import type { Settlement } from 'liqmath';
 *
 * const check = (s: Settlement) => s.traderBalanceChange.plus(s.insuranceFundDelta).minus(s.deficit).eq(s.realizedPnl);
 * ```
 * @group Settlement
 */
export interface Settlement {
  /** The position's bankruptcy price, which the slice settles against. */
  readonly bankruptcyPrice: Big;
  /** The slice's PnL at the fill price. */
  readonly realizedPnl: Big;
  /** Liquidation fee paid into the insurance fund: min(rate·filled notional, surplus); 0 without a surplus. */
  readonly fee: Big;
  /** Positive: the fund receives; negative: the fund pays. */
  readonly insuranceFundDelta: Big;
  /** The trader's wallet change from this slice: its PnL at bankruptcy, plus any surplus it keeps. */
  readonly traderBalanceChange: Big;
  /** Loss beyond what the fund could pay: what auto-deleveraging must absorb. */
  readonly deficit: Big;
}

/**
 * Settles a liquidated slice of an isolated position against the position's bankruptcy price:
 * a fill better than bankruptcy is a surplus (fee, then fund or trader), a worse fill is a loss
 * the insurance fund pays, up to its balance; the rest is the deficit for ADL.
 *
 * @throws {@link LiqMathError} for the market and position, the codes of {@link isolatedLiquidationPrice}
 * (`INVALID_TYPE`, `MISSING_FIELD`, `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`,
 * `NEGATIVE`, `LEVERAGE_OUT_OF_RANGE`, `LEVERAGE_ABOVE_MAX`, `BEYOND_LAST_TIER`); for `input`, `INVALID_TYPE`
 * (not an object), `UNKNOWN_FIELD`, `MISSING_FIELD` (`size`, `fillPrice`), `NOT_POSITIVE` (`size`,
 * `fillPrice`), `SIZE_ABOVE_POSITION`, `RATE_OUT_OF_RANGE` (`feeRate` outside [0, 1)), `INVALID_OPTION`
 * (`surplusTo`), `NEGATIVE` (`fundBalance`); then `NO_BANKRUPTCY_PRICE` (an over-collateralised position)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, settleIsolatedLiquidation } from 'liqmath';
 *
 * // BitMEX example: long 1 at 100, bankruptcy 99.00; filled at 99.25, then another at 98.75
 * const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]) });
 * const position = { side: 'long', size: 1, entryPrice: 100, margin: 1 } as const;
 * settleIsolatedLiquidation(market, position, { size: 1, fillPrice: '99.25' }).insuranceFundDelta.toString(); //=> '0.25'
 * settleIsolatedLiquidation(market, position, { size: 1, fillPrice: '98.75' }).insuranceFundDelta.toString(); //=> '-0.25'
 * ```
 * @group Settlement
 */
export function settleIsolatedLiquidation(
  market: Market,
  position: IsolatedPosition,
  input: SettlementInput,
): Settlement {
  const bankrupt = bankruptcyPriceOf(isolatedOf(market, position));
  const positionSize = toPositive((position as { size: Numeric }).size, 'position.size');
  const parsed = readInput(input, positionSize);
  if (bankrupt === null)
    fail(
      'NO_BANKRUPTCY_PRICE',
      'position',
      position,
      'a position that can lose its margin (it has a bankruptcy price)',
    );
  const sign = position.side === 'long' ? 1 : -1;
  return settleAgainst(market, sign, toPositive(position.entryPrice, 'position.entryPrice'), bankrupt, parsed);
}

/**
 * The bankruptcy price of a slice of one position in a cross account, by dYdX's rule: the slice
 * takes the share of the account's equity (net collateral) that its maintenance is of the
 * total, `share = equity·ΔMM/totalMM`, and its bankruptcy price is where its PnL from the mark
 * loses exactly that share. `null` when the account has no equity or no requirement, or no
 * positive price exists.
 *
 * @throws {@link LiqMathError} for the account, the codes of {@link crossEquity} (`INVALID_TYPE`,
 * `MISSING_FIELD`, `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`,
 * `TOO_LARGE`, `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`, `MARK_PRICE_MISMATCH`, `DUPLICATE_POSITION`,
 * `BEYOND_LAST_TIER`; a prepared account is read again); for `ref`, `INVALID_TYPE` (`ref` not an object,
 * `ref.symbol` not a string), `UNKNOWN_FIELD`, `MISSING_FIELD` (`symbol`, `side`), `INVALID_OPTION` (`side`),
 * `UNKNOWN_SYMBOL` (no position of that symbol and side); for `size`, `NOT_POSITIVE` and
 * `SIZE_ABOVE_POSITION`
 *
 * @example
 * ```ts
 * import { crossSliceBankruptcyPrice, defineMarket, defineTiers } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
 * // Equity 300 + 10·(980 − 1,000) = 100; the whole position holds all the maintenance, so all of it:
 * // the bankruptcy price is 980 − 100/10.
 * const account = { collateral: 300, positions: [{ market: eth, side: 'long', size: 10, entryPrice: 1000, markPrice: 980 }] } as const;
 * crossSliceBankruptcyPrice(account, { symbol: 'ETH-USD', side: 'long' }, 10)?.toString(); //=> '970'
 * ```
 * @group Settlement
 */
export function crossSliceBankruptcyPrice(account: CrossAccount, ref: PositionRef, size: Numeric): Big | null {
  const slice = readSlice(account, ref, size);
  return slice.bankrupt === null ? null : freezeDecimal(slice.bankrupt);
}

/**
 * {@link settleIsolatedLiquidation} for a slice of one position in a cross account, settled against
 * {@link crossSliceBankruptcyPrice} (dYdX's pro-rata rule).
 *
 * @throws {@link LiqMathError} the codes of {@link crossSliceBankruptcyPrice} for the account, `ref` and
 * `input.size` (`INVALID_TYPE`, `MISSING_FIELD`, `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`,
 * `NOT_POSITIVE`, `NEGATIVE`, `TOO_LARGE`, `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`, `MARK_PRICE_MISMATCH`,
 * `DUPLICATE_POSITION`, `BEYOND_LAST_TIER`, `UNKNOWN_FIELD`, `UNKNOWN_SYMBOL`, `SIZE_ABOVE_POSITION`); for the
 * rest of `input`, as {@link settleIsolatedLiquidation}: `UNKNOWN_FIELD`, `MISSING_FIELD` and `NOT_POSITIVE`
 * (`fillPrice`), `RATE_OUT_OF_RANGE` (`feeRate`), `INVALID_OPTION` (`surplusTo`), `NEGATIVE` (`fundBalance`);
 * then `NO_BANKRUPTCY_PRICE` when the slice has none (an account without equity or requirement, or no positive
 * price)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, settleCrossLiquidation } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
 * const account = { collateral: 300, positions: [{ market: eth, side: 'long', size: 10, entryPrice: 1000, markPrice: 980 }] } as const;
 * settleCrossLiquidation(account, { symbol: 'ETH-USD', side: 'long' }, { size: 10, fillPrice: 965 }).insuranceFundDelta.toString(); //=> '-50'
 * ```
 * @group Settlement
 */
export function settleCrossLiquidation(account: CrossAccount, ref: PositionRef, input: SettlementInput): Settlement {
  const record = expectRecord(input, 'input', 'a settlement { size, fillPrice, feeRate?, surplusTo?, fundBalance? }');
  const slice = readSlice(account, ref, required(record, 'size', 'input'), 'input.size');
  const parsed = readInput(input, slice.positionSize);
  if (slice.bankrupt === null)
    fail('NO_BANKRUPTCY_PRICE', 'ref', ref, 'a slice of an account with equity and a positive bankruptcy price');
  return settleAgainst(slice.market, slice.sign, slice.entryPrice, slice.bankrupt, parsed);
}

interface ParsedInput {
  readonly size: Big;
  readonly fill: Big;
  readonly feeRate: Big;
  readonly surplusTo: 'fund' | 'trader';
  readonly fund: Big | null;
}

function readInput(input: unknown, positionSize: Big): ParsedInput {
  const record = expectRecord(input, 'input', 'a settlement { size, fillPrice, feeRate?, surplusTo?, fundBalance? }');
  expectKnownFields(record, ['size', 'fillPrice', 'feeRate', 'surplusTo', 'fundBalance'], 'input');
  const size = toPositive(required(record, 'size', 'input'), 'input.size');
  if (size.gt(positionSize))
    fail('SIZE_ABOVE_POSITION', 'input.size', record.size, `at most the position's size ${positionSize}`);
  return {
    size,
    fill: toPositive(required(record, 'fillPrice', 'input'), 'input.fillPrice'),
    feeRate: record.feeRate === undefined ? ZERO : toFeeRate(record.feeRate, 'input.feeRate'),
    surplusTo:
      record.surplusTo === undefined ? 'fund' : expectChoice(record.surplusTo, ['fund', 'trader'], 'input.surplusTo'),
    fund: record.fundBalance === undefined ? null : toNonNegative(record.fundBalance, 'input.fundBalance'),
  };
}

function settleAgainst(market: Market, sign: 1 | -1, entry: Big, bankrupt: Big, input: ParsedInput): Settlement {
  const slice = sliceValues(market, sign, input.size, entry);
  const realizedPnl = slice.pnl(input.fill);
  const atBankruptcy = slice.pnl(bankrupt);
  const surplus = realizedPnl.minus(atBankruptcy);
  return Object.freeze(
    surplus.gte(0)
      ? withSurplus(
          bankrupt,
          realizedPnl,
          atBankruptcy,
          surplus,
          slice.notional(input.fill).times(input.feeRate),
          input.surplusTo,
        )
      : withLoss(bankrupt, realizedPnl, atBankruptcy, surplus.neg(), input.fund),
  );
}

/** The chosen position of a cross account and its slice's bankruptcy price by the pro-rata rule. */
function readSlice(account: CrossAccount, ref: PositionRef, size: unknown, field = 'size') {
  const { collateral, positions, index, chosen } = readAccountPosition(account, ref);
  const sliceSize = toPositive(size, field);
  if (sliceSize.gt(chosen.size)) fail('SIZE_ABOVE_POSITION', field, size, `at most the position's size ${chosen.size}`);
  let equity: Exact = exactOf(collateral);
  let total = E0;
  let own = E0;
  positions.forEach((position, k) => {
    const { leg, markX } = crossLegOf(position, `account.positions[${k}]`);
    const requirement = requirementAtX(leg, markX);
    equity = add(equity, pnlAtX(leg, markX));
    total = add(total, requirement);
    if (k === index) own = requirement;
  });
  const rest = chosen.size.minus(sliceSize);
  let remainder = E0;
  if (!rest.eq(0)) {
    const { leg, markX } = crossLegOf({ ...chosen, size: rest, sizeGiven: undefined }, 'ref');
    remainder = requirementAtX(leg, markX);
  }
  const base = { market: chosen.market, sign: chosen.sign, entryPrice: chosen.entryPrice, positionSize: chosen.size };
  if (signOf(equity) <= 0 || signOf(total) <= 0) return { ...base, bankrupt: null };
  const difference = add(own, neg(remainder));
  const share = div(mul(equity, signOf(difference) < 0 ? neg(difference) : difference), total);
  return { ...base, bankrupt: priceLosing(chosen.market, chosen.sign, sliceSize, chosen.markPrice, share) };
}

/** The price at which `size` contracts of one side lose `loss` from the mark: `x = x_mark − loss/(±CS·size)` (see contract.ts). */
function priceLosing(market: Market, side: 1 | -1, size: Big, mark: Big, loss: Exact): Big | null {
  const slope = scale(mul(exactOf(size), exactOf(market.contractSize)), pnlDirection(market.contract, side));
  const x = add(naturalOf(market.contract, exactOf(mark)), neg(div(loss, slope)));
  return signOf(x) > 0 ? toResult(priceOfNatural(market.contract, x)) : null;
}

function withSurplus(
  bankrupt: Big,
  realizedPnl: Big,
  atBankruptcy: Big,
  surplus: Big,
  feeAtRate: Big,
  surplusTo: 'fund' | 'trader',
): Settlement {
  const fee = feeAtRate.lt(surplus) ? feeAtRate : surplus;
  const toFund = surplusTo === 'fund' ? surplus : fee;
  return frozen({
    bankruptcyPrice: bankrupt,
    realizedPnl,
    fee,
    insuranceFundDelta: toFund,
    traderBalanceChange: atBankruptcy.plus(surplus).minus(toFund),
    deficit: ZERO,
  });
}

function withLoss(bankrupt: Big, realizedPnl: Big, atBankruptcy: Big, loss: Big, fund: Big | null): Settlement {
  const paid = fund === null || fund.gte(loss) ? loss : fund;
  return frozen({
    bankruptcyPrice: bankrupt,
    realizedPnl,
    fee: ZERO,
    insuranceFundDelta: paid.neg(),
    traderBalanceChange: atBankruptcy,
    deficit: loss.minus(paid),
  });
}

function frozen(settlement: Settlement): Settlement {
  for (const value of Object.values(settlement)) freezeDecimal(value as Big);
  return settlement;
}

/** PnL and notional of `size` contracts of one side, as functions of price. */
function sliceValues(market: Market, side: 1 | -1, size: Big, entry: Big) {
  return {
    pnl: (price: Big) => pnlAt(market, side, size, entry, price),
    notional: (price: Big) => notionalAt(market, size, price),
  };
}

// Former names, kept as deprecated aliases through 0.1.x (one naming scheme: every isolated
// function says `isolated`, every cross-account function says `cross`). Removed in 0.2.0.

/**
 * Former name of {@link settleIsolatedLiquidation}, the same function.
 *
 * @deprecated Use {@link settleIsolatedLiquidation}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { settleIsolatedLiquidation, settleLiquidation } from 'liqmath';
 * settleLiquidation === settleIsolatedLiquidation; //=> true
 * ```
 */
export const settleLiquidation: typeof settleIsolatedLiquidation = settleIsolatedLiquidation;
