/**
 * Settling a liquidated slice against its bankruptcy price: the realized PnL at the fill, the
 * liquidation fee, the insurance fund's gain or payment, and the deficit left for
 * auto-deleveraging. See `docs/settlement.md`.
 */
import type Big from 'big.js';
import { freezeDecimal, type Numeric, toFeeRate, toNonNegative, toPositive, ZERO } from './decimal.js';
import { fail } from './errors.js';
import { expectChoice, expectKnownFields, expectRecord, required } from './input.js';
import { bankruptcyPrice } from './liquidation.js';
import type { Market } from './market.js';
import type { IsolatedPosition } from './position.js';

/**
 * How a liquidated slice was filled and who keeps a surplus.
 *
 * @example
 * ```ts
 * import type { SettlementInput } from 'liqmath';
 *
 * const dydx: SettlementInput = { size: 500, fillPrice: '0.77', feeRate: '0.015', surplusTo: 'trader' };
 * ```
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
 * @throws {@link LiqMathError} `SIZE_ABOVE_POSITION`, `NO_BANKRUPTCY_PRICE` (an over-collateralised position)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, settleLiquidation } from 'liqmath';
 *
 * // BitMEX example: long 1 at 100, bankruptcy 99.00; filled at 99.25, then another at 98.75
 * const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]) });
 * const position = { side: 'long', size: 1, entryPrice: 100, margin: 1 } as const;
 * settleLiquidation(market, position, { size: 1, fillPrice: '99.25' }).insuranceFundDelta.toString(); //=> '0.25'
 * settleLiquidation(market, position, { size: 1, fillPrice: '98.75' }).insuranceFundDelta.toString(); //=> '-0.25'
 * ```
 */
export function settleLiquidation(market: Market, position: IsolatedPosition, input: SettlementInput): Settlement {
  const bankrupt = bankruptcyPrice(market, position);
  const record = expectRecord(input, 'input', 'a settlement { size, fillPrice, feeRate?, surplusTo?, fundBalance? }');
  expectKnownFields(record, ['size', 'fillPrice', 'feeRate', 'surplusTo', 'fundBalance'], 'input');
  const size = toPositive(required(record, 'size', 'input'), 'input.size');
  const positionSize = toPositive((position as { size: Numeric }).size, 'position.size');
  if (size.gt(positionSize))
    fail('SIZE_ABOVE_POSITION', 'input.size', record.size, `at most the position's size ${positionSize}`);
  const fill = toPositive(required(record, 'fillPrice', 'input'), 'input.fillPrice');
  const feeRate = record.feeRate === undefined ? ZERO : toFeeRate(record.feeRate, 'input.feeRate');
  const surplusTo =
    record.surplusTo === undefined ? 'fund' : expectChoice(record.surplusTo, ['fund', 'trader'], 'input.surplusTo');
  const fund = record.fundBalance === undefined ? null : toNonNegative(record.fundBalance, 'input.fundBalance');
  if (bankrupt === null)
    fail(
      'NO_BANKRUPTCY_PRICE',
      'position',
      position,
      'a position that can lose its margin (it has a bankruptcy price)',
    );
  const slice = sliceValues(
    market,
    position.side === 'long' ? 1 : -1,
    size,
    toPositive(position.entryPrice, 'position.entryPrice'),
  );
  const realizedPnl = slice.pnl(fill);
  const atBankruptcy = slice.pnl(bankrupt);
  const surplus = realizedPnl.minus(atBankruptcy);
  return Object.freeze(
    surplus.gte(0)
      ? withSurplus(bankrupt, realizedPnl, atBankruptcy, surplus, slice.notional(fill).times(feeRate), surplusTo)
      : withLoss(bankrupt, realizedPnl, atBankruptcy, surplus.neg(), fund),
  );
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
function sliceValues(market: Market, sign: 1 | -1, size: Big, entry: Big) {
  const k = size.times(market.contractSize);
  const linear = market.contract === 'linear';
  return {
    pnl: (price: Big) =>
      linear ? k.times(price.minus(entry)).times(sign) : k.div(entry).minus(k.div(price)).times(sign),
    notional: (price: Big) => (linear ? k.times(price) : k.div(price)),
  };
}
