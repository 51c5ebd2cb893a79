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
import { type Leg, type Line, requirementLine, rootOf, tierAt, valueAt } from './exposure.js';

/** The legs that move with one market's price, and everything else as a constant. */
export interface Problem {
  /** Legs on the moving market (one, or both hedge legs). */
  readonly legs: readonly Leg[];
  /** Collateral plus the equity minus requirement of everything that does not move. */
  readonly constant: Big;
}

/** The health line `h(x)` of a problem on the interval where each leg is on the tier it has at `x`. */
export function healthLine(problem: Problem, x: Big): Line {
  let constant = problem.constant;
  let slope = ZERO;
  for (const leg of problem.legs) {
    const requirement = requirementLine(leg, tierAt(leg, x));
    constant = constant.plus(leg.pnl.constant).minus(requirement.constant);
    slope = slope.plus(leg.pnl.slope).minus(requirement.slope);
  }
  return { constant, slope };
}

/** `h(x)`, exact. */
export function healthAt(problem: Problem, x: Big): Big {
  return valueAt(healthLine(problem, x), x);
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
  breaks: readonly Big[],
  from: Big,
  direction: 1 | -1,
  sense: 1 | -1 = 1,
): Big | null {
  const line = (x: Big): Line => {
    const h = healthLine(problem, x);
    return sense === 1 ? h : { constant: h.constant.neg(), slope: h.slope.neg() };
  };
  return direction === -1 ? walkDown(line, breaks, from) : walkUp(line, breaks, from);
}

function walkDown(line: (x: Big) => Line, breaks: readonly Big[], from: Big): Big | null {
  let top = from;
  let index = segmentOf(breaks, from);
  for (let first = true; ; first = false, index -= 1) {
    const low = index === 0 ? ZERO : (breaks[index - 1] as Big);
    if (!first && low.gte(top)) {
      if (index === 0) return null;
      continue;
    }
    const h = line(first ? from : low.plus(top).times('0.5'));
    if (!first && valueAt(h, top).lte(0)) return top;
    if (h.slope.gt(0)) {
      const root = rootOf(h) as Big;
      if (root.gt(low)) return root;
    }
    if (index === 0) return null;
    top = low;
  }
}

function walkUp(line: (x: Big) => Line, breaks: readonly Big[], from: Big): Big | null {
  let start = from;
  let index = segmentOf(breaks, from);
  for (let first = true; ; first = false, index += 1) {
    const high = index === breaks.length ? null : (breaks[index] as Big);
    if (!first && high !== null && high.lte(start)) continue;
    const inside = first ? from : high === null ? start.plus(1).times(2) : start.plus(high).times('0.5');
    const h = line(inside);
    if (!first && valueAt(h, start).lte(0)) return start;
    if (h.slope.lt(0)) {
      const root = rootOf(h) as Big;
      if (high === null || root.lte(high)) return root;
    }
    if (high === null) return null;
    start = high;
  }
}

/** Index of the interval `(breaks[i−1], breaks[i]]` holding x (breaks.length for the last, unbounded one). */
function segmentOf(breaks: readonly Big[], x: Big): number {
  let low = 0;
  let high = breaks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (x.lte(breaks[middle] as Big)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** All legs' breakpoints, sorted. */
export function mergedBreakpoints(lists: readonly (readonly Big[])[]): Big[] {
  return lists.flat().sort((a, b) => a.cmp(b));
}
