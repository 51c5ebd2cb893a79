/**
 * A position's exposure to its market's price, written in the market's natural variable `x`
 * (see `contract.ts`), in which notional, PnL and the maintenance margin of one tier are all
 * linear: `notional = k·x` with `k = size·contractSize`. Exact throughout (bigint rationals).
 * Derivation: `docs/liquidation.md`. Everything here trusts validated input.
 */

import { fail } from '../core/errors.js';
import { add, cmp, div, E0, type Exact, mul, neg, scale, sign, toResult } from '../core/exact.js';
import { type CompiledMarket, type CompiledTier, compiledMarket } from '../model/compiled.js';
import type { Market } from '../model/market.js';
import { lowerTierSide, naturalOf, pnlDirection, priceOfNatural } from './contract.js';

/** `value = constant + slope·x`. */
export interface Line {
  readonly constant: Exact;
  readonly slope: Exact;
}

/** A validated position, ready for the solver. */
export interface Leg {
  readonly market: Market;
  readonly compiled: CompiledMarket;
  readonly sign: 1 | -1;
  readonly size: Exact;
  /** Notional per unit of x: `size·contractSize`. */
  readonly k: Exact;
  readonly entryPrice: Exact;
  readonly entryX: Exact;
  /** Unrealised PnL as a line in x. */
  readonly pnl: Line;
  /** Maintenance margin when it does not depend on price (`maintenanceAt: 'entry'`), else null. */
  readonly fixedMaintenance: Exact | null;
  /** The tier when it does not depend on price (contract-keyed tables), else null. */
  readonly fixedTier: CompiledTier | null;
  /** The fee to close per unit of x when it moves with the price (`on: 'mark'`, and every fee in a cross account); else 0. */
  readonly feeSlope: Exact;
  /**
   * The constant part of the requirement beyond maintenance: the funding the position pays
   * (`market.fundingRate`), plus, in isolated margin, the fee to close fixed at the bankruptcy
   * price or held as a reserve (added by `isolated.ts` once the margin is known).
   */
  readonly fixedCharge: Exact;
}

/** A position as the model validated it, in exact numbers. */
export interface ExactPosition {
  readonly market: Market;
  readonly sign: 1 | -1;
  readonly size: Exact;
  readonly entryPrice: Exact;
  /** The size as the caller passed it, for errors (absent for sizes the library derived). */
  readonly sizeGiven?: unknown;
}

/**
 * Builds a leg. Throws BEYOND_LAST_TIER when the position does not fit the table at its entry
 * (a mark beyond the last cap is priced on the last tier).
 */
export function makeLeg(position: ExactPosition, field: string, cross = false): Leg {
  const { market, sign: side, size, entryPrice } = position;
  const compiled = compiledMarket(market);
  const k = mul(size, compiled.contractSize);
  const entryX = naturalOf(compiled.contract, entryPrice);
  const slope = scale(k, pnlDirection(compiled.contract, side));
  const pnl = { constant: neg(mul(slope, entryX)), slope };
  const table = compiled.table;
  const sizeField = { field: `${field}.size`, given: position.sizeGiven ?? toResult(size) };
  const fixedTier = table.byContracts ? lookupTier(compiled, size, sizeField) : null;
  const entryNotional = mul(k, entryX);
  // The position must fit the table as opened (at entry). A mark that has carried its notional past
  // the last cap is priced on the last tier, as in an isolated position and as venues do: the
  // position got there by the price moving, not by the trader adding.
  const entryTier = fixedTier ?? lookupTier(compiled, entryNotional, sizeField, 'the entry price');
  const fixedMaintenance = compiled.maintenanceAtEntry ? marginAtTier(entryTier, entryNotional) : null;
  const fee = compiled.closeFee;
  // Isolated margin fixes a bankruptcy-value fee or a reserve as a constant; a cross account charges every fee at the price.
  const feeSlope = fee !== null && (cross || (!fee.onBankruptcy && !fee.reserve)) ? mul(fee.rate, k) : E0;
  return {
    market,
    compiled,
    sign: side,
    size,
    k,
    entryPrice,
    entryX,
    pnl,
    fixedMaintenance,
    fixedTier,
    feeSlope,
    fixedCharge: fundingCharge(compiled.fundingRate, side, entryNotional),
  };
}

/** Funding in the requirement: `rate × entry notional` for the side that pays it (longs when the rate is positive), else 0. */
export function fundingCharge(rate: Exact, side: 1 | -1, entryNotional: Exact): Exact {
  return sign(rate) === side ? mul(scale(rate, side), entryNotional) : E0;
}

/**
 * The tier holding `key` (a notional, or a contract count when the table is keyed by contracts);
 * BEYOND_LAST_TIER past the last cap, naming the size as the caller passed it and, for a notional,
 * the notional and the price it was taken at (`at`).
 */
export function lookupTier(
  compiled: CompiledMarket,
  key: Exact,
  size: { readonly field: string; readonly given: unknown },
  at?: string,
): CompiledTier {
  const tiers = compiled.table.tiers;
  const last = tiers[tiers.length - 1] as CompiledTier;
  if (last.cap !== null && cmp(key, last.cap) > 0) {
    const allowed =
      at === undefined
        ? `at most ${last.tier.cap} contracts, the last tier's cap`
        : `a size whose notional at ${at} (${toResult(key)}) is at most ${last.tier.cap}, the last tier's cap`;
    fail('BEYOND_LAST_TIER', size.field, size.given, allowed);
  }
  return tierHolding(tiers, key);
}

/** First tier whose cap is ≥ key (binary search); the last tier continues past its cap. */
export function tierHolding(tiers: readonly CompiledTier[], key: Exact): CompiledTier {
  let low = 0;
  let high = tiers.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const cap = (tiers[middle] as CompiledTier).cap as Exact;
    if (cmp(key, cap) <= 0) high = middle;
    else low = middle + 1;
  }
  return tiers[low] as CompiledTier;
}

/** Maintenance margin of a notional on a tier: `N·rate − deduction` (the deduction is 0 when flat). */
export function marginAtTier(tier: CompiledTier, notional: Exact): Exact {
  return add(mul(notional, tier.rate), neg(tier.deduction));
}

/** The tier a leg is on at x: fixed, or the tier of its notional `k·x`. */
export function tierAt(leg: Leg, x: Exact): CompiledTier {
  return leg.fixedTier ?? tierHolding(leg.compiled.table.tiers, mul(leg.k, x));
}

/**
 * The tier whose rate the requirement uses at x: the tier at entry when maintenance is valued at
 * entry (`maintenanceAt: 'entry'`), the contract count's for a table keyed by contracts, else the
 * tier of the notional at x (the last tier continues past its cap, as in the requirement).
 */
export function tierInForce(leg: Leg, x: Exact): CompiledTier {
  return leg.compiled.maintenanceAtEntry ? tierAt(leg, leg.entryX) : tierAt(leg, x);
}

/** Unrealised PnL of a leg at x. */
export function pnlAtX(leg: Leg, x: Exact): Exact {
  return valueAt(leg.pnl, x);
}

/** Maintenance requirement of a leg at x: maintenance margin of its tier there, plus the fee to close. */
export function requirementAtX(leg: Leg, x: Exact): Exact {
  const maintenance = leg.fixedMaintenance ?? marginAtTier(tierAt(leg, x), mul(leg.k, x));
  return add(add(maintenance, mul(leg.feeSlope, x)), leg.fixedCharge);
}

/** Equity contribution minus requirement of a leg at x. */
export function healthOfLeg(leg: Leg, x: Exact): Exact {
  return add(pnlAtX(leg, x), neg(requirementAtX(leg, x)));
}

/** The leg's requirement on one tier, as a line in x: maintenance margin plus the fee to close. */
export function requirementLine(leg: Leg, tier: CompiledTier): Line {
  if (leg.fixedMaintenance !== null) {
    return { constant: add(leg.fixedMaintenance, leg.fixedCharge), slope: leg.feeSlope };
  }
  return { constant: add(leg.fixedCharge, neg(tier.deduction)), slope: add(mul(leg.k, tier.rate), leg.feeSlope) };
}

/** Evaluates a line at x. */
export function valueAt(line: Line, x: Exact): Exact {
  return add(line.constant, mul(line.slope, x));
}

/** The x where a line is zero; null when the line is flat. */
export function rootOf(line: Line): Exact | null {
  return sign(line.slope) === 0 ? null : div(neg(line.constant), line.slope);
}

/** Whether a leg's tier moves with the price (else it has no breakpoints). */
export function tierMoves(leg: Leg): boolean {
  return leg.fixedTier === null && leg.fixedMaintenance === null;
}

/** The x at which a leg's notional equals `cap`. */
export function boundaryX(leg: Leg, cap: Exact): Exact {
  return div(cap, leg.k);
}

/** The price of a tier boundary, rounded (once) to the lower tier's side: notional ≤ cap. */
export function boundaryPrice(leg: Leg, x: Exact) {
  return toResult(priceOfNatural(leg.compiled.contract, x), lowerTierSide(leg.compiled.contract));
}
