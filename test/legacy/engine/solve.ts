/**
 * The segment solver. On an interval of x where every leg stays on one tier, the account's
 * health `h(x) = equity(x) − requirement(x)` is a line, so its root is a closed form. The walk
 * visits the intervals between tier breakpoints outward from a reference point, in one
 * direction, and stops at the first point where the account is liquidatable (`h ≤ 0`).
 * O(L + S·L) for L moving legs and S segments visited (S is usually 1 or 2), one division per
 * breakpoint crossed and one for the root; no iteration on the root itself. Derivation and the handling of jumps: `docs/liquidation.md`.
 */
import type Big from 'big.js';
import type { Market } from '../../../src/model/market.js';
import type { Tier } from '../../../src/model/tiers.js';
import { ZERO } from '../core/decimal.js';
import {
  type Breakpoint,
  boundaryAt,
  boundaryPrice,
  fromX,
  type Leg,
  type Line,
  pnlAt,
  requirementAt,
  requirementLine,
  rootOf,
  tierAt,
  tierMoves,
} from './legs.js';

/** The legs that move with one market's price, and everything else as a constant. */
export interface Problem {
  /** Legs on the moving market (one, or both hedge legs). */
  readonly legs: readonly Leg[];
  /** Collateral plus the equity minus requirement of everything that does not move. */
  readonly constant: Big;
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
  return crossing.kind === 'root' ? fromX(market, crossing.x) : boundaryPrice(crossing.at);
}

/** A moving leg during a walk: its current tier and requirement line. */
interface Cursor {
  readonly leg: Leg;
  tier: Tier;
  requirement: Line;
}

/**
 * The first x from `from` in `direction` (+1: increasing x, −1: decreasing) at which
 * `sense·h(x) ≤ 0`, assuming `sense·h(from) > 0`; null when there is none for x > 0.
 * With `sense = 1` this finds where the account becomes liquidatable; with `sense = −1`, where it
 * becomes healthy again. Where `h` jumps at a breakpoint (flat tables), the breakpoint itself is
 * returned: every point beyond it is on the other side.
 *
 * An event walk: the health line is kept as one constant and slope; crossing a breakpoint moves
 * one leg to the next tier and updates the line by that leg's change alone. The next breakpoint
 * is the nearest of each leg's next cap (one division per leg and crossing), and a root is only
 * divided out on the segment where the line reaches zero.
 */
export function firstCrossing(problem: Problem, from: Big, direction: 1 | -1, sense: 1 | -1 = 1): Crossing | null {
  const cursors: Cursor[] = problem.legs.map((leg) => {
    const tier = tierAt(leg, from);
    return { leg, tier, requirement: requirementLine(leg, tier) };
  });
  let constant = problem.constant;
  let slope = ZERO;
  for (const { leg, requirement } of cursors) {
    constant = constant.plus(leg.pnl.constant).minus(requirement.constant);
    slope = slope.plus(leg.pnl.slope).minus(requirement.slope);
  }
  let position = from;
  let crossed: Breakpoint | null = null;
  const queue = new BoundaryQueue(direction);
  cursors.forEach((cursor, k) => {
    queue.push(nextBoundary(cursor, direction), k);
  });
  for (;;) {
    const head = queue.peek();
    const next = head?.point ?? null;
    const c = sense === 1 ? constant : constant.neg();
    const m = sense === 1 ? slope : slope.neg();
    const zeroLength = next?.x.eq(position) === true;
    if (!zeroLength) {
      if (crossed !== null && c.plus(m.times(position)).lte(0)) return { kind: 'breakpoint', at: crossed };
      const end = next?.x ?? (direction === -1 ? ZERO : null);
      const reaches = direction === -1 ? m.gt(0) : m.lt(0);
      // The line reaches zero before the segment's end (or has no end going up): divide it out.
      if (reaches && (end === null || c.plus(m.times(end)).lte(0))) {
        const root = rootOf({ constant: c, slope: m }) as Big;
        if (direction === 1 || root.gt(end as Big)) return { kind: 'root', x: root };
      }
    }
    if (head === undefined || next === null) return null;
    queue.pop();
    const cursor = cursors[head.cursor] as Cursor;
    const tiers = cursor.leg.market.tiers.tiers;
    cursor.tier = tiers[cursor.tier.index + direction] as Tier;
    const requirement = requirementLine(cursor.leg, cursor.tier);
    constant = constant.plus(cursor.requirement.constant).minus(requirement.constant);
    slope = slope.plus(cursor.requirement.slope).minus(requirement.slope);
    cursor.requirement = requirement;
    queue.push(nextBoundary(cursor, direction), head.cursor);
    position = next.x;
    crossed = next;
  }
}

/**
 * The legs' next breakpoints, nearest first in the walk's direction: a binary heap, so that a
 * crossing costs O(log L) comparisons for L moving legs.
 */
class BoundaryQueue {
  private readonly items: { point: Breakpoint; cursor: number; key: number }[] = [];
  constructor(private readonly direction: 1 | -1) {}

  push(point: Breakpoint | null, cursor: number): void {
    if (point === null) return;
    const items = this.items;
    // A double key settles most comparisons without big.js; rounding is monotone, so unequal
    // keys order as the exact values do, and equal keys fall back to the exact comparison.
    items.push({ point, cursor, key: Number(point.x.toString()) });
    let k = items.length - 1;
    while (k > 0) {
      const parent = (k - 1) >>> 1;
      if (!this.before(k, parent)) break;
      this.swap(k, parent);
      k = parent;
    }
  }

  peek(): { point: Breakpoint; cursor: number; key: number } | undefined {
    return this.items[0];
  }

  pop(): void {
    const items = this.items;
    const last = items.pop();
    if (last === undefined || items.length === 0) return;
    items[0] = last;
    let k = 0;
    for (;;) {
      const left = 2 * k + 1;
      const right = left + 1;
      let best = k;
      if (left < items.length && this.before(left, best)) best = left;
      if (right < items.length && this.before(right, best)) best = right;
      if (best === k) return;
      this.swap(k, best);
      k = best;
    }
  }

  private before(a: number, b: number): boolean {
    const first = this.items[a] as { point: Breakpoint; key: number };
    const second = this.items[b] as { point: Breakpoint; key: number };
    if (first.key !== second.key) return this.direction === 1 ? first.key < second.key : first.key > second.key;
    return this.direction === 1 ? first.point.x.lt(second.point.x) : first.point.x.gt(second.point.x);
  }

  private swap(a: number, b: number): void {
    const items = this.items;
    [items[a], items[b]] = [items[b] as (typeof items)[number], items[a] as (typeof items)[number]];
  }
}

/** A leg's next breakpoint in a direction: the cap of its tier going up, its floor going down; null at the ends. */
function nextBoundary(cursor: Cursor, direction: 1 | -1): Breakpoint | null {
  if (!tierMoves(cursor.leg)) return null;
  const tiers = cursor.leg.market.tiers.tiers;
  if (direction === 1) {
    return cursor.tier.index === tiers.length - 1 ? null : boundaryAt(cursor.leg, cursor.tier.cap as Big);
  }
  return cursor.tier.index === 0 ? null : boundaryAt(cursor.leg, cursor.tier.floor);
}
