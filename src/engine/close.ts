/**
 * The exact core of partial liquidation: the smallest size to close, at a fill price and a
 * liquidation fee, after which the remainder meets a target (maintenance, maintenance with a
 * buffer, or initial margin at a leverage). Closed form per tier segment of the remaining size,
 * never an iterative search. Derivation: `docs/partial.md`.
 */
import type Big from 'big.js';
import { decimal, freezeDecimal, PRECISION } from '../core/decimal.js';
import { decimalExact, div, E0, type Exact, exactOf, mul, sign, sub, toBig, toResult } from '../core/exact.js';
import type { Market } from '../model/market.js';
import type { Tier } from '../model/tiers.js';
import {
  afterClose,
  exactClose,
  firstSufficientSize,
  remainingAtKey,
  surplus,
  tierOfRemaining,
} from './close-exact.js';
import { liquidatableAt } from './trigger.js';
import { notionalAt } from './valuation.js';

/** One unit of the last decimal a result keeps. */
const ULP = /* @__PURE__ */ decimal(`1e-${PRECISION.decimalPlaces}`);

/**
 * What the remainder must meet after the close: `equity ≥ requirement` (`'maintenance'`),
 * `equity ≥ requirement·(1 + buffer)` (`'buffer'`), or `equity ≥ notional / leverage`
 * (`'initial'`, for the remainder and, in a cross account, every other position).
 *
 * @example
 * ```ts
 * import type { CloseTarget } from 'liqmath';
 *
 * const tenPercentAboveMaintenance: CloseTarget = { kind: 'buffer', buffer: '0.1' };
 * ```
 * @group Partial liquidation
 */
export type CloseTarget =
  | { readonly kind: 'maintenance' }
  | { readonly kind: 'buffer'; readonly buffer: import('../core/decimal.js').Numeric }
  | { readonly kind: 'initial'; readonly leverage: import('../core/decimal.js').Numeric };

/**
 * Why closing everything is required: the fee is at least what closing frees
 * (`'closing-does-not-help'`), no partial size reaches the target (`'target-unreachable'`), or the
 * remainder would be below one lot or the minimum size (`'remainder-below-minimum'`).
 *
 * @example
 * ```ts
 * import type { FullCloseReason } from 'liqmath';
 *
 * const reason: FullCloseReason = 'closing-does-not-help';
 * ```
 * @group Partial liquidation
 */
export type FullCloseReason = 'closing-does-not-help' | 'target-unreachable' | 'remainder-below-minimum';

/**
 * The minimal close: nothing to close (`'healthy'`), a partial close with what remains and the
 * equity and target requirement after it (`'partial'`), or the whole position (`'full'`).
 *
 * @example
 * ```ts
 * import type { CloseSize } from 'liqmath';
 *
 * function describe(result: CloseSize): string {
 *   return result.status === 'partial' ? `close ${result.size}, keep ${result.remainingSize}` : result.status;
 * }
 * ```
 * @group Partial liquidation
 */
export type CloseSize =
  | { readonly status: 'healthy' }
  | {
      readonly status: 'partial';
      /** Contracts to close, rounded up to the lot. */
      readonly size: Big;
      readonly remainingSize: Big;
      /** Equity after the close, at the mark. */
      readonly equityAfter: Big;
      /** What the target requires after the close (maintenance requirement, with its buffer, or initial margin). */
      readonly requirementAfter: Big;
    }
  | { readonly status: 'full'; readonly size: Big; readonly reason: FullCloseReason };

/** Everything the core needs, validated (internal). */
export interface CloseProblem {
  readonly market: Market;
  readonly sign: 1 | -1;
  readonly size: Big;
  readonly entryPrice: Big;
  readonly markPrice: Big;
  readonly fillPrice: Big;
  readonly feeRate: Big;
  /** Equity before the close, at the mark (isolated: margin + PnL; cross: the account's). */
  readonly equity: Big;
  /** An isolated position (its own margin, so a fee at the bankruptcy price applies), not one leg of a cross account. */
  readonly isolated: boolean;
  /**
   * Whether equity equal to the target requirement still counts as liquidatable (the trigger
   * `≤`; `engine/trigger.ts`): then the remainder must beat the target strictly.
   */
  readonly liquidatableAtEquality: boolean;
  /** Requirement and notional of everything else in a cross account (0 for isolated). */
  readonly otherRequirement: Big;
  readonly otherNotional: Big;
  readonly target:
    | { readonly kind: 'maintenance' | 'buffer'; readonly factor: Big }
    | { readonly kind: 'initial'; readonly leverage: Big };
  /** Smallest remainder allowed besides one lot (0 when none). */
  readonly minimumRemaining: Big;
  /**
   * The exact values behind `equity`, `otherRequirement` and `otherNotional`: the Big fields are
   * rounded when a value is not a finite decimal, and the walk must not start from a rounded one.
   */
  readonly exact: { readonly equity: Exact; readonly otherRequirement: Exact; readonly otherNotional: Exact };
}

/** Notional of `size` contracts at `price`. */
export function notionalOfSize(market: Market, size: Big, price: Big): Big {
  return notionalAt(market, size, price);
}

/** The tier of a remaining size: by contracts, or by its notional (the last tier continues past its cap). */
export function tierOfSize(p: CloseProblem, remaining: Big): Tier {
  return tierOfRemaining(exactClose(p), exactOf(remaining)).tier;
}

/** Remaining size at which the tier key equals `cap` (a breakpoint of the remainder). */
export function sizeAtKey(p: CloseProblem, cap: Big): Big {
  return toBig(remainingAtKey(exactClose(p), exactOf(cap)));
}

/** Equity and target requirement after closing `closed` contracts, the remainder on `tier` (or its own). */
export function after(p: CloseProblem, closed: Big, tier?: Tier): { equity: Big; requirement: Big } {
  const v = exactClose(p);
  const result = afterClose(v, exactOf(closed), tier === undefined ? undefined : v.tiers[tier.index]);
  return { equity: toBig(result.equity), requirement: toBig(result.requirement) };
}

/** Whether the remainder after closing `closed` meets the target, decided exactly. */
export function meetsTarget(p: CloseProblem, closed: Big): boolean {
  return !liquidatableAt(surplus(exactClose(p), exactOf(closed)), p.liquidatableAtEquality);
}

/**
 * The smallest size (rounded up to the lot) after which the remainder meets the target.
 * Walks the remainder's tier segments from the current tier down; on each, the surplus
 * `equity − target` is linear in the closed size, so its root is one exact division.
 */
export function solveMinimumClose(p: CloseProblem): CloseSize {
  const v = exactClose(p);
  if (!liquidatableAt(surplus(v, E0), p.liquidatableAtEquality)) return Object.freeze({ status: 'healthy' });
  const exact = firstSufficientSize(v);
  if (exact.kind === 'none') return full(p, exact.reason);
  return finish(p, exact.size);
}

/**
 * Rounds the exact size up (to the lot, or at the 50th decimal when the market has none, so the
 * target is met), checks the remainder against one lot and the minimum, and verifies the target.
 */
function finish(p: CloseProblem, exact: Exact): CloseSize {
  const lot = p.market.lotSize;
  let size = lot === null ? toBig(exact, 'ceiling') : upToLot(exact, exactOf(lot));
  // Under `≤`, a remainder exactly at the target is still liquidatable: one more lot (or one
  // unit of the 50th decimal) beats it.
  if (p.liquidatableAtEquality && sign(surplus(exactClose(p), exactOf(size))) === 0) {
    size = size.plus(lot ?? ULP);
  }
  const remaining = p.size.minus(size);
  if (remaining.lte(0)) return full(p, 'target-unreachable');
  if ((lot !== null && remaining.lt(lot)) || remaining.lt(p.minimumRemaining))
    return full(p, 'remainder-below-minimum');
  // The check is exact: the rounded size must meet the target, not two rounded values of it.
  const result = afterClose(exactClose(p), exactOf(size));
  if (liquidatableAt(sub(result.equity, result.requirement), p.liquidatableAtEquality)) {
    return full(p, 'target-unreachable');
  }
  return Object.freeze({
    status: 'partial',
    size: freezeDecimal(size),
    remainingSize: freezeDecimal(remaining),
    equityAfter: toResult(result.equity),
    requirementAfter: toResult(result.requirement),
  });
}

/** The problem after closing `size`: a smaller position with the equity the close left (exact). */
export function remainderOf(p: CloseProblem, size: Big): CloseProblem {
  const v = exactClose(p);
  const equity = afterClose(v, exactOf(size)).equity;
  return {
    ...p,
    size: p.size.minus(size),
    equity: toBig(equity),
    exact: { equity, otherRequirement: v.otherRequirement, otherNotional: v.otherNotional },
  };
}

/** The smallest multiple of the lot that is ≥ `value` (value ≥ 0). */
function upToLot(value: Exact, lot: Exact): Big {
  const ratio = div(value, lot);
  const whole = ratio.n / ratio.d + (ratio.n % ratio.d === 0n ? 0n : 1n);
  return toBig(mul(decimalExact(whole, 0), lot));
}

function full(p: CloseProblem, reason: FullCloseReason): CloseSize {
  return Object.freeze({ status: 'full', size: freezeDecimal(p.size), reason });
}
