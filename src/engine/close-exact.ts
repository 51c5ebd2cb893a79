/**
 * The close-size core in exact arithmetic. As the closed size `q` grows, the remainder `Q − q`
 * moves down through its tiers; on one tier (and one side of the kink where a fee charged at the
 * remainder's bankruptcy price stops), the surplus `equity(q) − target(q)` is a line in `q`, so
 * its root is one exact division. Derivation: `docs/partial.md`.
 */
import { add, cmp, decimalExact, div, E0, type Exact, exactOf, mul, neg, scale, sign, sub } from '../core/exact.js';
import { type CompiledTier, compiledMarket } from '../model/compiled.js';
import type { CloseProblem } from './close.js';
import { naturalOf, pnlDirection } from './contract.js';
import { bankruptcyX, reserveOf } from './isolated.js';
import { fundingCharge, makeLeg, marginAtTier, pnlAtX, tierHolding } from './legs.js';

/** A close problem in exact numbers, built once per problem. */
export interface ExactClose {
  readonly p: CloseProblem;
  readonly tiers: readonly CompiledTier[];
  readonly byContracts: boolean;
  readonly size: Exact;
  readonly equity: Exact;
  /** Equity change per contract closed at the fill, net of the fee: `±CS·(x_fill − x_mark) − fee·CS·x_fill`. */
  readonly perContract: Exact;
  /** Notional of one contract at the price that keys the tier (entry or mark), and at the mark. */
  readonly unitAtKey: Exact;
  readonly unitAtMark: Exact;
  readonly markX: Exact;
  readonly entry: Exact;
  /** +1 when a higher x is a gain for this side (see contract.ts). */
  readonly direction: 1 | -1;
  readonly feeRate: Exact | null;
  readonly feeAtBankruptcy: boolean;
  /** Isolated with the fee to close held as a reserve in the margin (BitMEX). */
  readonly feeReserve: boolean;
  /** The signed funding rate in the requirement (0 when none). */
  readonly fundingRate: Exact;
  /** Entry notional per contract. */
  readonly unitAtEntry: Exact;
  readonly otherRequirement: Exact;
  readonly otherNotional: Exact;
  readonly factor: Exact | null;
  readonly leverage: Exact | null;
}

const views = new WeakMap<CloseProblem, ExactClose>();

/** The exact view of a problem (cached: the walk asks for it at every step). */
export function exactClose(p: CloseProblem): ExactClose {
  const known = views.get(p);
  if (known !== undefined) return known;
  const compiled = compiledMarket(p.market);
  const contract = compiled.contract;
  const markX = naturalOf(contract, exactOf(p.markPrice));
  const fillX = naturalOf(contract, exactOf(p.fillPrice));
  const entry = exactOf(p.entryPrice);
  const cs = compiled.contractSize;
  const keyX = compiled.maintenanceAtEntry ? naturalOf(contract, entry) : markX;
  const fee = compiled.closeFee;
  const direction = pnlDirection(contract, p.sign);
  const gain = scale(mul(cs, sub(fillX, markX)), direction);
  const view: ExactClose = {
    p,
    tiers: compiled.table.tiers,
    byContracts: compiled.table.byContracts,
    size: exactOf(p.size),
    equity: p.exact.equity,
    perContract: sub(gain, mul(mul(exactOf(p.feeRate), cs), fillX)),
    unitAtKey: mul(cs, keyX),
    unitAtMark: mul(cs, markX),
    markX,
    entry,
    direction,
    feeRate: fee === null ? null : fee.rate,
    feeAtBankruptcy: fee?.onBankruptcy === true && p.isolated,
    feeReserve: fee?.reserve === true && p.isolated,
    fundingRate: compiled.fundingRate,
    unitAtEntry: mul(cs, naturalOf(contract, entry)),
    otherRequirement: p.exact.otherRequirement,
    otherNotional: p.exact.otherNotional,
    factor: p.target.kind === 'initial' ? null : exactOf(p.target.factor),
    leverage: p.target.kind === 'initial' ? exactOf(p.target.leverage) : null,
  };
  views.set(p, view);
  return view;
}

/** The tier of a remaining size: by contracts, or by its notional at the key price (the last tier continues past its cap). */
export function tierOfRemaining(v: ExactClose, remaining: Exact): CompiledTier {
  return tierHolding(v.tiers, v.byContracts ? remaining : mul(remaining, v.unitAtKey));
}

/** The remaining size at which the tier key equals `cap`. */
export function remainingAtKey(v: ExactClose, cap: Exact): Exact {
  return v.byContracts ? cap : div(cap, v.unitAtKey);
}

/** Equity and target requirement after closing `closed`, the remainder on `tier` (or its own). */
export function afterClose(v: ExactClose, closed: Exact, tier?: CompiledTier): { equity: Exact; requirement: Exact } {
  const remaining = sub(v.size, closed);
  const equity = add(v.equity, mul(v.perContract, closed));
  if (v.leverage !== null) {
    return { equity, requirement: div(add(v.otherNotional, mul(remaining, v.unitAtMark)), v.leverage) };
  }
  const own = remainderRequirement(v, remaining, equity, tier ?? tierOfRemaining(v, remaining));
  return { equity, requirement: mul(add(v.otherRequirement, own), v.factor as Exact) };
}

/** Maintenance requirement of the remainder on a given tier, with its fee to close. */
function remainderRequirement(v: ExactClose, remaining: Exact, equityAfter: Exact, tier: CompiledTier): Exact {
  if (sign(remaining) === 0) return E0;
  const maintenance = add(
    marginAtTier(tier, mul(remaining, v.unitAtKey)),
    fundingCharge(v.fundingRate, v.p.sign, mul(remaining, v.unitAtEntry)),
  );
  if (v.feeRate === null) return maintenance;
  if (!v.feeAtBankruptcy && !v.feeReserve) return add(maintenance, mul(v.feeRate, mul(remaining, v.unitAtMark)));
  // Isolated, fee on the bankruptcy value or reserved: it moves with the margin the remainder keeps.
  const leg = makeLeg({ market: v.p.market, sign: v.p.sign, size: remaining, entryPrice: v.entry }, 'position');
  const margin = sub(equityAfter, pnlAtX(leg, v.markX));
  if (v.feeReserve) return add(maintenance, reserveOf(leg, margin));
  const x = bankruptcyX(leg, margin);
  return x === null ? maintenance : add(maintenance, mul(mul(v.feeRate, leg.k), x));
}

export function surplus(v: ExactClose, closed: Exact, tier?: CompiledTier): Exact {
  const { equity, requirement } = afterClose(v, closed, tier);
  return sub(equity, requirement);
}

/**
 * The smallest closed size whose surplus is ≥ 0, exact; or why there is none. Walks the
 * remainder's segments from its current tier down; on each the surplus is a line.
 */
export function firstSufficientSize(
  v: ExactClose,
): { kind: 'size'; size: Exact } | { kind: 'none'; reason: 'target-unreachable' | 'closing-does-not-help' } {
  let helps = false;
  for (const { tier, low, high } of segments(v)) {
    const atLow = surplus(v, low, tier);
    const atHigh = cmp(high, v.size) === 0 ? lineAtFullClose(v, low, high, atLow, tier) : surplus(v, high, tier);
    const rises = cmp(atHigh, atLow) > 0;
    if (rises) helps = true;
    if (sign(atLow) >= 0) return { kind: 'size', size: low };
    if (sign(atHigh) >= 0 && rises) {
      return { kind: 'size', size: add(low, div(mul(neg(atLow), sub(high, low)), sub(atHigh, atLow))) };
    }
  }
  return { kind: 'none', reason: helps ? 'target-unreachable' : 'closing-does-not-help' };
}

const HALF = decimalExact(5n, 1);
const TWO = decimalExact(2n, 0);

/**
 * The surplus line of the last segment, at the full close. Closing everything leaves no
 * requirement at all, which is off the segment's line: as the remainder shrinks, a fee charged at
 * its bankruptcy price tends to `rate·margin/(1 ± rate)`, not to 0. The line through the
 * segment's midpoint gives the value the root needs.
 */
function lineAtFullClose(v: ExactClose, low: Exact, high: Exact, atLow: Exact, tier: CompiledTier): Exact {
  const middle = mul(add(low, high), HALF);
  return sub(mul(surplus(v, middle, tier), TWO), atLow);
}

/**
 * The intervals of closed size on which the surplus is linear: one per tier of the remainder,
 * from its current tier down, each split at the kink of a fee charged at the bankruptcy price.
 */
function segments(v: ExactClose): { tier: CompiledTier; low: Exact; high: Exact }[] {
  const start = tierOfRemaining(v, v.size);
  const kink = bankruptcyKink(v);
  const result: { tier: CompiledTier; low: Exact; high: Exact }[] = [];
  for (let k = start.index; k >= 0; k -= 1) {
    const tier = v.tiers[k] as CompiledTier;
    const low = k === start.index ? E0 : clamp(v, sub(v.size, remainingAtKey(v, tier.cap as Exact)));
    const high = k === 0 ? v.size : clamp(v, sub(v.size, remainingAtKey(v, tier.floor)));
    if (cmp(high, low) <= 0) continue;
    if (kink !== null && cmp(kink, low) > 0 && cmp(kink, high) < 0) {
      result.push({ tier, low, high: kink }, { tier, low: kink, high });
    } else {
      result.push({ tier, low, high });
    }
  }
  return result;
}

/**
 * Isolated, fee charged at the bankruptcy price: the closed size at which the remainder's
 * bankruptcy price is zero (margin + PnL constant = 0), where the fee term switches off:
 * `M'(q) + pnl0(Q − q) = E0 − g·Q·CS·x + q·(α + g·CS·x)`, g the PnL direction, x at the mark.
 */
function bankruptcyKink(v: ExactClose): Exact | null {
  if (!v.feeAtBankruptcy) return null;
  const perUnit = scale(v.unitAtMark, v.direction);
  const slope = add(v.perContract, perUnit);
  if (sign(slope) === 0) return null;
  return div(sub(mul(perUnit, v.size), v.equity), slope);
}

function clamp(v: ExactClose, closed: Exact): Exact {
  return sign(closed) < 0 ? E0 : cmp(closed, v.size) > 0 ? v.size : closed;
}
