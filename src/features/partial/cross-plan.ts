/**
 * The partial-liquidation plan of a cross account at its marks: the largest position (by
 * notional at its mark) is closed by the smallest size that brings the account back to the
 * target (`crossMinimumCloseSize`, filled at its mark), its PnL is realised and the fee paid,
 * and so on until the account is no longer liquidatable. "Largest position first" is the common
 * order; a venue that publishes another one differs, and each step says which position it closed.
 * See `docs/partial.md`.
 */
import type Big from 'big.js';
import { freezeDecimal, type Numeric } from '../../core/decimal.js';
import { add, cmp, div, E0, type Exact, exactOf, mul, sign, sub, toResult } from '../../core/exact.js';
import { expectKnownFields, expectRecord } from '../../core/input.js';
import { type CloseTarget, solveMinimumClose } from '../../engine/close.js';
import { pnlAtX, requirementAtX } from '../../engine/legs.js';
import { crossCloseProblem, type OptionPart, readOptions } from '../../engine/partial/minimum-close.js';
import { liquidatableAt, liquidatableAtEquality } from '../../engine/trigger.js';
import { crossLegOf } from '../../engine/valuation.js';
import type { Market } from '../../model/market.js';
import { type CrossAccount, readCrossAccount, type Side } from '../../model/position.js';
import { MAX_PLAN_STEPS } from './plan.js';

/**
 * Options of {@link crossLiquidationPlan}. Closed: an unknown field is refused (a typo).
 *
 * @example
 * ```ts
 * import type { CrossPlanOptions } from 'liqmath';
 *
 * const options: CrossPlanOptions = { feeRate: '0.005', target: { kind: 'buffer', buffer: '0.1' } };
 * ```
 * @group Partial liquidation
 */
export interface CrossPlanOptions {
  /** Liquidation fee rate on each closed notional at its fill (the mark), in [0, 1); default 0. */
  readonly feeRate?: Numeric;
  /** What each close restores; default `{ kind: 'maintenance' }` (see {@link CloseTarget}). */
  readonly target?: CloseTarget;
}

/**
 * One close of a cross plan: which position, how much, at what price and fee, and the account after.
 *
 * @example
 * ```ts
 * import type { CrossPlanStep } from 'liqmath';
 *
 * const describe = (s: CrossPlanStep) => `${s.symbol} ${s.side}: closed ${s.size} at ${s.fillPrice}`;
 * ```
 * @group Partial liquidation
 */
export interface CrossPlanStep {
  readonly symbol: string;
  readonly side: Side;
  /** Contracts closed. */
  readonly size: Big;
  /** The position's mark: the plan fills there. */
  readonly fillPrice: Big;
  /** Fee on the closed notional at the fill, in the settle currency. */
  readonly fee: Big;
  /** The whole position was closed (less than a lot would have stayed, or no partial close was enough). */
  readonly full: boolean;
  readonly remainingSize: Big;
  /** The account's collateral after the PnL of the close is realised and the fee paid. */
  readonly collateralAfter: Big;
  readonly equityAfter: Big;
  /** Maintenance requirement of the account after the step. */
  readonly requirementAfter: Big;
}

/**
 * How a cross plan ended: `'healthy'` — the account is not liquidatable (or was not to begin
 * with); `'bankrupt'` — equity is ≤ 0 or no position is left, and the deficit is the insurance
 * fund's, then auto-deleveraging's; `'collateral-exhausted'` — the next close would realise a
 * loss larger than the collateral, which an account cannot hold (a venue takes it over as a
 * whole: settle it with {@link settleCrossLiquidation}); `'step-limit'` — {@link MAX_PLAN_STEPS}
 * closes were made.
 *
 * @example
 * ```ts
 * import type { CrossPlanEnd } from 'liqmath';
 *
 * const needsFund = (end: CrossPlanEnd) => end === 'bankrupt' || end === 'collateral-exhausted';
 * ```
 * @group Partial liquidation
 */
export type CrossPlanEnd = 'healthy' | 'bankrupt' | 'collateral-exhausted' | 'step-limit';

/**
 * A cross plan: its closes in order and why it ended.
 *
 * @example
 * ```ts
 * import type { CrossPlan } from 'liqmath';
 *
 * const closes = (plan: CrossPlan) => plan.steps.length;
 * ```
 * @group Partial liquidation
 */
export interface CrossPlan {
  readonly steps: readonly CrossPlanStep[];
  readonly end: CrossPlanEnd;
}

interface Held {
  readonly market: Market;
  readonly sign: 1 | -1;
  readonly size: Big;
  readonly entryPrice: Big;
  readonly markPrice: Big;
  readonly sizeGiven?: unknown;
}

/**
 * Partial liquidation of a cross account at its marks, largest position first: each step closes
 * the position with the largest notional at its mark by the smallest size that meets the target
 * (`crossMinimumCloseSize`), fills it at the mark, realises its PnL into the collateral and pays
 * the fee, until the account is not liquidatable. At most {@link MAX_PLAN_STEPS} steps; O(n) per
 * step. Ties in notional go to the position listed first. The collateral is carried between
 * steps exactly (an inverse contract's realised PnL is not always a finite decimal) and rounded
 * once in each step's result.
 *
 * @throws {@link LiqMathError} for the account, the codes of {@link crossEquity} (`INVALID_TYPE`,
 * `MISSING_FIELD`, `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`,
 * `TOO_LARGE`, `SETTLE_MISMATCH`, `SYMBOL_CONFLICT`, `MARK_PRICE_MISMATCH`, `DUPLICATE_POSITION`,
 * `BEYOND_LAST_TIER`; a prepared account is read again); for the options, `INVALID_TYPE` (`options` or
 * `options.target` not an object), `UNKNOWN_FIELD` (`options`, `options.target`), `MISSING_FIELD` (the
 * target's `kind`, `buffer` or `leverage`), `INVALID_OPTION` (`target.kind`), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `RATE_OUT_OF_RANGE` (`feeRate` outside [0, 1)), `NEGATIVE` (`target.buffer`),
 * `LEVERAGE_OUT_OF_RANGE` (`target.leverage` below 1)
 *
 * @example
 * ```ts
 * import { crossLiquidationPlan, defineMarket, defineTiers } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', lotSize: '0.01', tiers });
 * // Equity 900 + 10·(920 − 1,000) = 100 < 5% of 9,200: close the long until 5%·920·q' < 100.
 * const account = { collateral: 900, positions: [{ market: eth, side: 'long', size: 10, entryPrice: 1000, markPrice: 920 }] } as const;
 * const plan = crossLiquidationPlan(account);
 * plan.end; //=> 'healthy'
 * plan.steps.map((step) => [step.size.toString(), step.collateralAfter.toString()]); //=> [['7.83', '273.6']]
 * ```
 * @group Partial liquidation
 */
export function crossLiquidationPlan(account: CrossAccount, options?: CrossPlanOptions): CrossPlan {
  const read = readCrossAccount(account);
  const settings = readPlanOptions(options);
  let collateral = exactOf(read.collateral);
  let held: Held[] = read.positions;
  const atEquality = liquidatableAtEquality(held.map((position) => position.market));
  const steps: CrossPlanStep[] = [];
  let end: CrossPlanEnd;
  for (;;) {
    const state = accountValue(collateral, held);
    if (!liquidatableAt(sub(state.equity, state.requirement), atEquality)) {
      end = 'healthy';
      break;
    }
    if (held.length === 0 || sign(state.equity) <= 0) {
      end = 'bankrupt';
      break;
    }
    if (steps.length === MAX_PLAN_STEPS) {
      end = 'step-limit';
      break;
    }
    const index = largest(state.notionals);
    const position = held[index] as Held;
    const side: Side = position.sign === 1 ? 'long' : 'short';
    const close = solveMinimumClose(
      crossCloseProblem(collateral, held, index, {
        ...settings.close,
        markPrice: position.markPrice,
        fillPrice: position.markPrice,
      }),
    );
    if (close.status === 'healthy') {
      end = 'healthy';
      break;
    }
    const closed = exactOf(close.size);
    const whole = exactOf(position.size);
    // The closed slice's share of the position's PnL and notional at the mark (both linear in size).
    const leg = state.legs[index] as { pnl: Exact; notional: Exact };
    const realised = div(mul(leg.pnl, closed), whole);
    const fee = mul(div(mul(leg.notional, closed), whole), exactOf(settings.close.feeRate));
    const next = sub(add(collateral, realised), fee);
    if (sign(next) < 0) {
      end = 'collateral-exhausted';
      break;
    }
    const remaining = position.size.minus(close.size);
    held = held.flatMap((p, k) =>
      k !== index ? [p] : remaining.gt(0) ? [{ ...p, size: remaining, sizeGiven: undefined }] : [],
    );
    collateral = next;
    const after = accountValue(collateral, held);
    steps.push(
      Object.freeze({
        symbol: position.market.symbol,
        side,
        size: freezeDecimal(close.size),
        fillPrice: freezeDecimal(position.markPrice),
        fee: toResult(fee),
        full: close.status === 'full',
        remainingSize: freezeDecimal(remaining),
        collateralAfter: toResult(collateral),
        equityAfter: toResult(after.equity),
        requirementAfter: toResult(after.requirement),
      }),
    );
  }
  return Object.freeze({ steps: Object.freeze(steps), end });
}

function accountValue(collateral: Exact, held: readonly Held[]) {
  let equity = collateral;
  let requirement = E0;
  const legs = held.map((position, k) => {
    const { leg, markX } = crossLegOf(position, `account.positions[${k}]`);
    const pnl = pnlAtX(leg, markX);
    equity = add(equity, pnl);
    requirement = add(requirement, requirementAtX(leg, markX));
    return { pnl, notional: mul(leg.k, markX) };
  });
  return { equity, requirement, legs, notionals: legs.map((l) => l.notional) };
}

function largest(notionals: readonly Exact[]): number {
  let best = 0;
  notionals.forEach((notional, k) => {
    if (cmp(notional, notionals[best] as Exact) > 0) best = k;
  });
  return best;
}

function readPlanOptions(options: unknown): { close: Omit<OptionPart, 'markPrice' | 'fillPrice'> } {
  const record = options === undefined ? {} : expectRecord(options, 'options', 'plan options { feeRate?, target? }');
  expectKnownFields(record, ['feeRate', 'target'], 'options');
  // The close options minus the prices, which each step takes from the position it closes.
  const { markPrice: _mark, fillPrice: _fill, ...close } = readOptions({ ...record, markPrice: 1 });
  return { close };
}
