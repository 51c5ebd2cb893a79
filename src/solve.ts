/**
 * The segment solver. On an interval of x where every leg stays on one tier, the account's
 * health `h(x) = equity(x) − requirement(x)` is a line, so its root is a closed form. The walk
 * visits the intervals between tier breakpoints outward from a reference point, in one
 * direction, and stops at the first point where the account is liquidatable (`h ≤ 0`).
 * O(T) intervals for T breakpoints, one division per interval that can hold a root; no iteration
 * on the root itself. Derivation and the handling of jumps: `docs/liquidation.md`.
 */
import type Big from 'big.js';
import { ZERO } from './decimal.js';
import {
  type Breakpoint,
  fromX,
  type Leg,
  type Line,
  pnlAt,
  requirementAt,
  requirementLine,
  rootOf,
  tierAt,
  valueAt,
} from './exposure.js';
import type { Market } from './market.js';

/** The legs that move with one market's price, and everything else as a constant. */
export interface Problem {
  /** Legs on the moving market (one, or both hedge legs). */
  readonly legs: readonly Leg[];
  /** Collateral plus the equity minus requirement of everything that does not move. */
  readonly constant: Big;
}

/** The health line `h(x)` of a problem on the interval where each leg is on the tier it has at `x`. */
function healthLine(problem: Problem, x: Big): Line {
  let constant = problem.constant;
  let slope = ZERO;
  for (const leg of problem.legs) {
    const requirement = requirementLine(leg, tierAt(leg, x));
    constant = constant.plus(leg.pnl.constant).minus(requirement.constant);
    slope = slope.plus(leg.pnl.slope).minus(requirement.slope);
  }
  return { constant, slope };
}

/** `h` at a price: equity minus requirement, each position on the tier of its notional at that price. */
export function healthAt(problem: Problem, price: Big): Big {
  return problem.legs.reduce(
    (sum, leg) => sum.plus(pnlAt(leg, price)).minus(requirementAt(leg, price)),
    problem.constant,
  );
}

/** Where a walk stopped: a root of the line inside a segment, or a breakpoint where h jumps. */
export type Crossing =
  | { readonly kind: 'root'; readonly x: Big }
  | { readonly kind: 'breakpoint'; readonly at: Breakpoint };

/** The price of a crossing: 1/x for an inverse root; a breakpoint's own price (rounded to its lower-tier side). */
export function priceOf(market: Market, crossing: Crossing): Big {
  return crossing.kind === 'root' ? fromX(market, crossing.x) : crossing.at.price;
}

/**
 * The first x from `from` in `direction` (+1: increasing x, −1: decreasing) at which
 * `sense·h(x) ≤ 0`, assuming `sense·h(from) > 0`; null when there is none for x > 0.
 * With `sense = 1` this finds where the account becomes liquidatable; with `sense = −1`, where it
 * becomes healthy again. Where `h` jumps at a breakpoint (flat tables), the breakpoint itself is
 * returned: every point beyond it is on the other side.
 */
export function firstCrossing(
  problem: Problem,
  breaks: readonly Breakpoint[],
  from: Big,
  direction: 1 | -1,
  sense: 1 | -1 = 1,
): Crossing | null {
  const line = (x: Big): Line => {
    const h = healthLine(problem, x);
    return sense === 1 ? h : { constant: h.constant.neg(), slope: h.slope.neg() };
  };
  return direction === -1 ? walkDown(line, breaks, from) : walkUp(line, breaks, from);
}

function walkDown(line: (x: Big) => Line, breaks: readonly Breakpoint[], from: Big): Crossing | null {
  let top = from;
  let topBreak: Breakpoint | null = null;
  for (let index = segmentOf(breaks, from); ; index -= 1) {
    const lowBreak = index === 0 ? null : (breaks[index - 1] as Breakpoint);
    const low = lowBreak === null ? ZERO : lowBreak.x;
    if (topBreak !== null && low.gte(top)) {
      if (lowBreak === null) return null;
      topBreak = lowBreak;
      continue;
    }
    const h = line(topBreak === null ? from : low.plus(top).times('0.5'));
    if (topBreak !== null && valueAt(h, top).lte(0)) return { kind: 'breakpoint', at: topBreak };
    if (h.slope.gt(0)) {
      const root = rootOf(h) as Big;
      if (root.gt(low)) return { kind: 'root', x: root };
    }
    if (lowBreak === null) return null;
    top = low;
    topBreak = lowBreak;
  }
}

function walkUp(line: (x: Big) => Line, breaks: readonly Breakpoint[], from: Big): Crossing | null {
  let start = from;
  let startBreak: Breakpoint | null = null;
  for (let index = segmentOf(breaks, from); ; index += 1) {
    const highBreak = index === breaks.length ? null : (breaks[index] as Breakpoint);
    const high = highBreak?.x ?? null;
    if (startBreak !== null && high?.lte(start)) {
      startBreak = highBreak;
      continue;
    }
    const inside = startBreak === null ? from : high === null ? start.plus(1).times(2) : start.plus(high).times('0.5');
    const h = line(inside);
    if (startBreak !== null && valueAt(h, start).lte(0)) return { kind: 'breakpoint', at: startBreak };
    if (h.slope.lt(0)) {
      const root = rootOf(h) as Big;
      if (high === null || root.lte(high)) return { kind: 'root', x: root };
    }
    if (highBreak === null || high === null) return null;
    start = high;
    startBreak = highBreak;
  }
}

/** Index of the interval `(breaks[i−1], breaks[i]]` holding x (breaks.length for the last, unbounded one). */
function segmentOf(breaks: readonly Breakpoint[], x: Big): number {
  let low = 0;
  let high = breaks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (x.lte((breaks[middle] as Breakpoint).x)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** All legs' breakpoints, sorted by x. */
export function mergedBreakpoints(lists: readonly (readonly Breakpoint[])[]): Breakpoint[] {
  return lists.flat().sort((a, b) => a.x.cmp(b.x));
}
