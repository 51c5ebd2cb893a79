/**
 * A partial-liquidation plan for a cross account that is liquidatable at its marks: close the
 * position with the largest notional by the smallest size that restores maintenance
 * (`crossMinimumCloseSize`, filled at the mark), realise it, and repeat until the account is
 * healthy. This is the common "largest position first" order; venues that publish another
 * order differ, and the plan says which position it closes at each step.
 */
import type Big from 'big.js';
import {
  type CrossAccount,
  type CrossPosition,
  crossMinimumCloseSize,
  defineAccount,
  equity,
  isLiquidatable,
  MAX_PLAN_STEPS,
  maintenanceRequirement,
  parseDecimal,
  type Side,
} from '../index.js';
import { settleNotional } from './tier-at.js';

/** One close in the plan. */
export interface AccountPlanStep {
  readonly symbol: string;
  readonly side: Side;
  readonly size: Big;
  readonly fillPrice: Big;
  readonly fee: Big;
  /** The whole position closed (the minimum close left less than a lot, or all of it was not enough). */
  readonly full: boolean;
  readonly equityAfter: Big;
  readonly requirementAfter: Big;
}

/** How a plan ended. */
export type AccountPlanEnd =
  /** The account meets maintenance (or was healthy to begin with). */
  | 'healthy'
  /** Every position is closed, or equity is ≤ 0: the deficit is the insurance fund's, then ADL's. */
  | 'bankrupt'
  /** The next close would realise a loss larger than the collateral, which accounts cannot hold. */
  | 'collateral-exhausted'
  | 'step-limit';

/** The plan's steps and why it ended. */
export interface AccountPlan {
  readonly steps: readonly AccountPlanStep[];
  readonly end: AccountPlanEnd;
}

/** The plan for `account` at its marks; no steps when the account is healthy. */
export function accountPlan(account: CrossAccount, feeRate: string): AccountPlan {
  const steps: AccountPlanStep[] = [];
  let current: CrossAccount = account;
  for (;;) {
    // Validated once per step; the calls below skip validation for a prepared account.
    current = defineAccount(current);
    if (!isLiquidatable(current)) return { steps, end: 'healthy' };
    if (current.positions.length === 0 || equity(current).lte(0)) return { steps, end: 'bankrupt' };
    if (steps.length === MAX_PLAN_STEPS) return { steps, end: 'step-limit' };
    const index = largestPosition(current.positions);
    const position = current.positions[index] as CrossPosition;
    const ref = { symbol: position.market.symbol, side: position.side };
    const close = crossMinimumCloseSize(current, ref, { markPrice: position.markPrice, feeRate });
    if (close.status === 'healthy') return { steps, end: 'healthy' };
    const next = afterClose(current, index, close.size, feeRate);
    if (next === null) return { steps, end: 'collateral-exhausted' };
    steps.push({
      ...ref,
      size: close.size,
      fillPrice: asBig(position.markPrice),
      fee: next.fee,
      full: close.status === 'full',
      equityAfter: equity(next.account),
      requirementAfter: maintenanceRequirement(next.account),
    });
    current = next.account;
  }
}

function largestPosition(positions: readonly CrossPosition[]): number {
  let best = 0;
  positions.forEach((position, index) => {
    if (notional(position).gt(notional(positions[best] as CrossPosition))) best = index;
  });
  return best;
}

function notional(position: CrossPosition): Big {
  return settleNotional(position.market, asBig(position.size), asBig(position.markPrice));
}

/** The account after closing `size` of position `index` at its mark: PnL realised, fee paid. */
function afterClose(
  account: CrossAccount,
  index: number,
  size: Big,
  feeRate: string,
): { account: CrossAccount; fee: Big } | null {
  const position = account.positions[index] as CrossPosition;
  const fee = notional({ ...position, size }).times(feeRate);
  const remaining = asBig(position.size).minus(size);
  const positions = account.positions.flatMap((p, i) =>
    i !== index ? [p] : remaining.gt(0) ? [{ ...p, size: remaining }] : [],
  );
  // Equity is unchanged by realising PnL; only the fee leaves. Collateral = equity − open PnL.
  const openPnl = positions.length === 0 ? parseDecimal(0) : equity({ collateral: 0, positions });
  const collateral = equity(account).minus(fee).minus(openPnl);
  return collateral.lt(0) ? null : { account: { collateral, positions }, fee };
}

function asBig(value: CrossPosition['size']): Big {
  return parseDecimal(value, 'account.positions[].size');
}
