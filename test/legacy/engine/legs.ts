/**
 * A position's exposure to its market's price, written in the market's natural variable
 * `x` (`x = P` for linear contracts, `x = 1/P` for inverse ones), in which notional, PnL and
 * maintenance margin on one tier are all linear: `notional = k·x` with `k = size·contractSize`.
 * Derivation: `docs/liquidation.md`. Everything here trusts validated input.
 */
import type Big from 'big.js';
import type { Market } from '../../../src/model/market.js';
import { lookupTier, marginAtTier } from '../../../src/model/tier-margin.js';
import type { Tier } from '../../../src/model/tiers.js';
import { decimal, ONE, PRECISION, ZERO } from '../core/decimal.js';
import type { ParsedPosition } from '../model/position.js';

/** `value = constant + slope·x`. */
export interface Line {
  readonly constant: Big;
  readonly slope: Big;
}

/** A validated position, ready for the solver. */
export interface Leg {
  readonly market: Market;
  readonly sign: 1 | -1;
  /** Notional per unit of x: `size·contractSize`. */
  readonly k: Big;
  /** Unrealised PnL as a line in x. */
  readonly pnl: Line;
  /** Maintenance margin when it does not depend on price (`maintenanceAt: 'entry'`), else null. */
  readonly fixedMaintenance: Big | null;
  /** The tier when it does not depend on price (contract-keyed tables), else null. */
  readonly fixedTier: Tier | null;
  /** Whether the fee to close moves with the price (`on: 'mark'`, and every fee in a cross account). */
  readonly feeAtPrice: boolean;
  /** Fee to close charged on the bankruptcy notional (a constant once the bankruptcy price is known). */
  readonly bankruptcyFee: Big;
}

/** The natural variable of a price: P (linear) or 1/P (inverse). */
export function toX(market: Market, price: Big): Big {
  return market.contract === 'linear' ? price : ONE.div(price);
}

/** The price of a natural variable: x (linear) or 1/x (inverse). */
export function fromX(market: Market, x: Big): Big {
  return market.contract === 'linear' ? x : ONE.div(x);
}

/**
 * Builds a leg. PnL: linear `s·k·(P − E) = −s·k·E + s·k·x`; inverse `s·k·(1/E − 1/P) = s·k/E − s·k·x`.
 * Throws BEYOND_LAST_TIER when the position does not fit the table at `referencePrice`.
 */
export function makeLeg(position: ParsedPosition, referencePrice: Big, field: string, cross = false): Leg {
  const { market, sign, size, entryPrice } = position;
  const k = size.times(market.contractSize);
  const entryX = toX(market, entryPrice);
  const pnl =
    market.contract === 'linear'
      ? { constant: k.times(entryX).times(-sign), slope: k.times(sign) }
      : { constant: k.times(entryX).times(sign), slope: k.times(-sign) };
  const table = market.tiers;
  const fixedTier = table.basis === 'contracts' ? lookupAt(market, size, field) : null;
  const entryTier = fixedTier ?? lookupAt(market, k.times(entryX), field);
  // The position must fit the table at the reference too (the mark, in a cross account); a
  // contract-keyed tier does not move with the price, so only a notional-keyed one is checked.
  if (fixedTier === null && referencePrice !== entryPrice)
    lookupAt(market, k.times(toX(market, referencePrice)), field);
  const fixedMaintenance = market.maintenanceAt === 'entry' ? marginAtTier(table, entryTier, k.times(entryX)) : null;
  const feeAtPrice = market.closeFee !== null && (cross || market.closeFee.on === 'mark');
  return { market, sign, k, pnl, fixedMaintenance, fixedTier, feeAtPrice, bankruptcyFee: ZERO };
}

/** The tier of a position's notional (or contracts); the error names the size, which is what does not fit. */
function lookupAt(market: Market, key: Big, field: string): Tier {
  return lookupTier(market.tiers, key, `${field}.size`);
}

/** The tier a leg is on at x: fixed, or the tier of its notional `k·x`. */
export function tierAt(leg: Leg, x: Big): Tier {
  return tierOfNotional(leg, leg.k.times(x));
}

/** The tier of a notional: fixed, or looked up (the last tier continues past its cap). */
function tierOfNotional(leg: Leg, notional: Big): Tier {
  if (leg.fixedTier !== null) return leg.fixedTier;
  const tiers = leg.market.tiers.tiers;
  const last = tiers[tiers.length - 1] as Tier;
  return last.cap !== null && notional.gt(last.cap) ? last : lookupTier(leg.market.tiers, notional);
}

/**
 * Notional at a price by its definition: `k·P` (linear, exact) or `k/P` (inverse, one division,
 * which never rounds past a cap that the exact value does not exceed).
 */
function notionalAt(leg: Leg, price: Big): Big {
  return leg.market.contract === 'linear' ? leg.k.times(price) : leg.k.div(price);
}

/** Unrealised PnL of a leg at a price. */
export function pnlAt(leg: Leg, price: Big): Big {
  return valueAt(leg.pnl, toX(leg.market, price));
}

/** Maintenance requirement of a leg at a price: maintenance margin of its tier there, plus the fee to close. */
export function requirementAt(leg: Leg, price: Big): Big {
  const notional = notionalAt(leg, price);
  const maintenance = leg.fixedMaintenance ?? marginAtTier(leg.market.tiers, tierOfNotional(leg, notional), notional);
  const fee = leg.market.closeFee;
  const feeAtPrice = fee !== null && leg.feeAtPrice ? fee.rate.times(notional) : ZERO;
  return maintenance.plus(feeAtPrice).plus(leg.bankruptcyFee);
}

/**
 * The leg's maintenance requirement on one tier, as a line in x: maintenance margin plus the fee
 * to close (`rate·k·x` when charged at the price, a constant when charged at bankruptcy).
 */
export function requirementLine(leg: Leg, tier: Tier): Line {
  const fee = leg.market.closeFee;
  const feeSlope = fee !== null && leg.feeAtPrice ? fee.rate.times(leg.k) : ZERO;
  if (leg.fixedMaintenance !== null) {
    return { constant: leg.fixedMaintenance.plus(leg.bankruptcyFee), slope: feeSlope };
  }
  const deduction = leg.market.tiers.method === 'flat' ? ZERO : tier.maintenanceAmount;
  return {
    constant: leg.bankruptcyFee.minus(deduction),
    slope: leg.k.times(tier.maintenanceMarginRate).plus(feeSlope),
  };
}

/** Evaluates a line at x. */
export function valueAt(line: Line, x: Big): Big {
  return line.constant.plus(line.slope.times(x));
}

/** The x-value where a line equals zero; null when the line is flat. */
export function rootOf(line: Line): Big | null {
  return line.slope.eq(0) ? null : line.constant.neg().div(line.slope);
}

/**
 * A tier boundary of one leg: where its notional equals a cap. Both `x` and the price are rounded
 * (by at most one unit of the 50th decimal) to the lower tier's side, so that the price returned
 * for a jump in a flat table is exactly on the side the documentation promises. The price is
 * computed only when asked for (one division), since most walks never return a boundary.
 */
export interface Breakpoint {
  readonly x: Big;
  readonly leg: Leg;
  readonly cap: Big;
}

/** One unit in the last decimal place a division keeps. */
const ULP = decimal(`1e-${PRECISION.decimalPlaces}`);

/** Whether a leg's tier moves with the price (else it has no breakpoints). */
export function tierMoves(leg: Leg): boolean {
  return leg.fixedTier === null && leg.fixedMaintenance === null;
}

/** The boundary of a leg at a cap: x = cap/k rounded down, so that k·x ≤ cap (the lower tier). */
export function boundaryAt(leg: Leg, cap: Big): Breakpoint {
  let x = cap.div(leg.k);
  if (leg.k.times(x).gt(cap)) x = x.minus(ULP);
  return { x, leg, cap };
}

/** The price of a boundary on the lower tier's side: linear x; inverse k/cap rounded up (N = k/P ≤ cap). */
export function boundaryPrice(point: Breakpoint): Big {
  if (point.leg.market.contract === 'linear') return point.x;
  let price = point.leg.k.div(point.cap);
  if (price.times(point.cap).lt(point.leg.k)) price = price.plus(ULP);
  return price;
}
