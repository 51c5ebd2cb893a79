/**
 * The exact core of partial liquidation: the smallest size to close, at a fill price and a
 * liquidation fee, after which the remainder meets a target (maintenance, maintenance with a
 * buffer, or initial margin at a leverage). Closed form per tier segment of the remaining size,
 * never an iterative search. Derivation: `docs/partial.md`.
 */
import type Big from 'big.js';
import { decimal, freezeDecimal, PRECISION, ZERO } from '../core/decimal.js';
import { add, exactOf, mul, neg, toResult } from '../core/exact.js';
import { roundToMultiple } from '../core/rounding.js';
import type { Market } from '../model/market.js';
import { lookupTier, marginAtTier } from '../model/tier-margin.js';
import type { Tier } from '../model/tiers.js';
import { bankruptcyX } from './isolated.js';
import { makeLeg, pnlAtX } from './legs.js';
import { naturalOfPrice, notionalAt, pnlPerX } from './valuation.js';

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
  /** Requirement and notional of everything else in a cross account (0 for isolated). */
  readonly otherRequirement: Big;
  readonly otherNotional: Big;
  readonly target:
    | { readonly kind: 'maintenance' | 'buffer'; readonly factor: Big }
    | { readonly kind: 'initial'; readonly leverage: Big };
  /** Smallest remainder allowed besides one lot (0 when none). */
  readonly minimumRemaining: Big;
}

const ULP = decimal(`1e-${PRECISION.decimalPlaces}`);

/** Notional of `size` contracts at `price`. */
export function notionalOfSize(market: Market, size: Big, price: Big): Big {
  return notionalAt(market, size, price);
}

/** Equity change per contract closed, by problem: a constant of the problem that the walk asks for at every step. */
const perContractOf = new WeakMap<CloseProblem, Big>();

/** Equity change per contract closed at the fill, net of the liquidation fee: `±CS·(x_fill − x_mark) − fee·CS·x_fill`. */
function equityPerContract(p: CloseProblem): Big {
  const known = perContractOf.get(p);
  if (known !== undefined) return known;
  const fill = naturalOfPrice(p.market, p.fillPrice);
  const gain = mul(pnlPerX(p.market, p.sign), add(fill, neg(naturalOfPrice(p.market, p.markPrice))));
  const fee = mul(mul(exactOf(p.feeRate), exactOf(p.market.contractSize)), fill);
  const value = toResult(add(gain, neg(fee)));
  perContractOf.set(p, value);
  return value;
}

/** The price whose notional picks (and prices) the maintenance tier: entry or mark. */
function maintenancePrice(p: CloseProblem): Big {
  return p.market.maintenanceAt === 'entry' ? p.entryPrice : p.markPrice;
}

/** The tier of a remaining size: by contracts, or by its notional (the last tier continues past its cap). */
export function tierOfSize(p: CloseProblem, remaining: Big): Tier {
  const table = p.market.tiers;
  const key = table.basis === 'contracts' ? remaining : notionalOfSize(p.market, remaining, maintenancePrice(p));
  const last = table.tiers[table.tiers.length - 1] as Tier;
  return last.cap !== null && key.gt(last.cap) ? last : lookupTier(table, key);
}

/** Remaining size at which the tier key equals `cap` (a breakpoint of the remainder). */
export function sizeAtKey(p: CloseProblem, cap: Big): Big {
  if (p.market.tiers.basis === 'contracts') return cap;
  const perContract = notionalOfSize(p.market, decimal(1), maintenancePrice(p));
  return cap.div(perContract);
}

/** Maintenance requirement of the remainder on a given tier, with its fee to close. */
function remainderRequirement(p: CloseProblem, remaining: Big, equityAfter: Big, tier: Tier): Big {
  if (remaining.eq(0)) return ZERO;
  const maintenance = marginAtTier(p.market.tiers, tier, notionalOfSize(p.market, remaining, maintenancePrice(p)));
  const fee = p.market.closeFee;
  if (fee === null) return maintenance;
  if (fee.on === 'mark' || !p.isolated) {
    return maintenance.plus(fee.rate.times(notionalOfSize(p.market, remaining, p.markPrice)));
  }
  // Isolated, fee on the bankruptcy value: the remainder's bankruptcy price moves with its margin.
  const leg = makeLeg(
    { market: p.market, sign: p.sign, size: exactOf(remaining), entryPrice: exactOf(p.entryPrice) },
    null,
    'position',
  );
  const marginAfter = add(exactOf(equityAfter), neg(pnlAtX(leg, naturalOfPrice(p.market, p.markPrice))));
  const x = bankruptcyX(leg, marginAfter);
  return x === null ? maintenance : maintenance.plus(toResult(mul(mul(exactOf(fee.rate), leg.k), x)));
}

/** Equity and target requirement after closing `closed` contracts, the remainder on `tier` (or its own). */
export function after(p: CloseProblem, closed: Big, tier?: Tier): { equity: Big; requirement: Big } {
  const remaining = p.size.minus(closed);
  const equity = p.equity.plus(equityPerContract(p).times(closed));
  const target = p.target;
  if (target.kind === 'initial') {
    return {
      equity,
      requirement: p.otherNotional.plus(notionalOfSize(p.market, remaining, p.markPrice)).div(target.leverage),
    };
  }
  const own = remainderRequirement(p, remaining, equity, tier ?? tierOfSize(p, remaining));
  return { equity, requirement: p.otherRequirement.plus(own).times(target.factor) };
}

function surplus(p: CloseProblem, closed: Big, tier?: Tier): Big {
  const { equity, requirement } = after(p, closed, tier);
  return equity.minus(requirement);
}

/**
 * The smallest size (rounded up to the lot) after which the remainder meets the target.
 * Walks the remainder's tier segments from the current tier down; on each, the surplus
 * `equity − target` is linear in the closed size, so its root is one division.
 */
export function solveMinimumClose(p: CloseProblem): CloseSize {
  if (surplus(p, ZERO).gte(0)) return Object.freeze({ status: 'healthy' });
  const exact = firstSufficientSize(p);
  if (exact.kind === 'none') return full(p, exact.reason);
  return finish(p, exact.size);
}

function firstSufficientSize(p: CloseProblem): { kind: 'size'; size: Big } | { kind: 'none'; reason: FullCloseReason } {
  let helps = false;
  for (const { tier, low, high } of segments(p)) {
    const atLow = surplus(p, low, tier);
    const atHigh = high.eq(p.size) ? lineAtFullClose(p, low, high, atLow, tier) : surplus(p, high, tier);
    if (atHigh.gt(atLow)) helps = true;
    if (atLow.gte(0)) return { kind: 'size', size: low };
    if (atHigh.gte(0) && atHigh.gt(atLow)) {
      return { kind: 'size', size: low.plus(atLow.neg().times(high.minus(low)).div(atHigh.minus(atLow))) };
    }
  }
  return { kind: 'none', reason: helps ? 'target-unreachable' : 'closing-does-not-help' };
}

/**
 * The surplus line of the last segment, at the full close. Closing everything leaves no
 * requirement at all, which is off the segment's line: as the remainder shrinks, a fee charged at
 * its bankruptcy price tends to `rate·margin/(1 ± rate)`, not to 0. The line through the segment's
 * midpoint gives the value the root needs (the midpoint's size is exact: halving a decimal is).
 */
function lineAtFullClose(p: CloseProblem, low: Big, high: Big, atLow: Big, tier: Tier): Big {
  const middle = low.plus(high).div(2);
  return surplus(p, middle, tier).times(2).minus(atLow);
}

/**
 * The intervals of closed size on which the surplus is linear: one per tier of the remainder,
 * from its current tier down, each split where the remainder's bankruptcy price reaches zero
 * (there a fee charged at the bankruptcy price stops: a kink).
 */
function segments(p: CloseProblem): { tier: Tier; low: Big; high: Big }[] {
  const tiers = p.market.tiers.tiers;
  const start = tierOfSize(p, p.size);
  const kink = bankruptcyKink(p);
  const result: { tier: Tier; low: Big; high: Big }[] = [];
  for (let k = start.index; k >= 0; k -= 1) {
    const tier = tiers[k] as Tier;
    const low = k === start.index ? ZERO : clampClosed(p, p.size.minus(sizeAtKey(p, tier.cap as Big)));
    const high = k === 0 ? p.size : clampClosed(p, p.size.minus(sizeAtKey(p, tier.floor)));
    if (high.lte(low)) continue;
    if (kink?.gt(low) && kink.lt(high)) {
      result.push({ tier, low, high: kink }, { tier, low: kink, high });
    } else {
      result.push({ tier, low, high });
    }
  }
  return result;
}

/**
 * Isolated, fee charged at the bankruptcy price: the closed size at which the remainder's
 * bankruptcy price is zero (margin + PnL constant = 0), where the fee term switches off.
 * `M'(q) + pnl0(Q − q) = E0 − g·Q·c·x + q·(α + g·c·x)` with g = s (linear) or −s (inverse), x at the mark.
 */
function bankruptcyKink(p: CloseProblem): Big | null {
  if (!p.isolated || p.market.closeFee?.on !== 'bankruptcy') return null;
  const perContract = toResult(mul(pnlPerX(p.market, p.sign), naturalOfPrice(p.market, p.markPrice)));
  const slope = equityPerContract(p).plus(perContract);
  if (slope.eq(0)) return null;
  return perContract.times(p.size).minus(p.equity).div(slope);
}

function clampClosed(p: CloseProblem, closed: Big): Big {
  return closed.lt(0) ? ZERO : closed.gt(p.size) ? p.size : closed;
}

/** Rounds up to the lot, checks the remainder against one lot and the minimum, and verifies the target. */
function finish(p: CloseProblem, exact: Big): CloseSize {
  const lot = p.market.lotSize;
  let size = lot === null ? exact : roundToMultiple(exact, lot, 'up');
  // An unrounded root carries the division's last-digit error: step one unit up if it falls short.
  if (lot === null && surplus(p, size).lt(0)) size = size.plus(ULP);
  const remaining = p.size.minus(size);
  if (remaining.lte(0)) return full(p, 'target-unreachable');
  if ((lot !== null && remaining.lt(lot)) || remaining.lt(p.minimumRemaining))
    return full(p, 'remainder-below-minimum');
  const result = after(p, size);
  if (result.equity.lt(result.requirement)) return full(p, 'target-unreachable');
  return Object.freeze({
    status: 'partial',
    size: freezeDecimal(size),
    remainingSize: freezeDecimal(remaining),
    equityAfter: freezeDecimal(result.equity),
    requirementAfter: freezeDecimal(result.requirement),
  });
}

function full(p: CloseProblem, reason: FullCloseReason): CloseSize {
  return Object.freeze({ status: 'full', size: freezeDecimal(p.size), reason });
}
