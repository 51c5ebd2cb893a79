/**
 * The segment solver. On an interval of x where every leg stays on one tier, the account's
 * health `h(x) = equity(x) − requirement(x)` is a line, so its root is a closed form. The walk
 * visits the intervals between tier breakpoints outward from a reference point, in one
 * direction, and stops at the first point where the account is liquidatable (`h ≤ 0`).
 * O(L + S·log L) for L moving legs and S breakpoints crossed (S is usually 0 to 2); exact
 * bigint arithmetic, no iteration on the root itself. Derivation and the handling of jumps:
 * `docs/liquidation.md`.
 */
import type Big from 'big.js';
import { add, cmp, E0, type Exact, neg, sign, toResult } from '../core/exact.js';
import type { CompiledTier } from '../model/compiled.js';
import { priceOfNatural } from './contract.js';
import {
  boundaryPrice,
  boundaryX,
  healthOfLeg,
  type Leg,
  type Line,
  requirementLine,
  rootOf,
  tierAt,
  tierMoves,
  valueAt,
} from './legs.js';

/** The legs that move with one market's price, and everything else as a constant. */
export interface Problem {
  /** Legs on the moving market (one, or both hedge legs). */
  readonly legs: readonly Leg[];
  /** Collateral plus the equity minus requirement of everything that does not move. */
  readonly constant: Exact;
}

/** `h` at x: equity minus requirement, each leg on the tier of its notional there. */
export function healthAt(problem: Problem, x: Exact): Exact {
  let sum = problem.constant;
  for (const leg of problem.legs) sum = add(sum, healthOfLeg(leg, x));
  return sum;
}

/** Where a walk stopped: a root of the line inside a segment, or a breakpoint where h jumps. */
export type Crossing =
  | { readonly kind: 'root'; readonly x: Exact }
  | { readonly kind: 'breakpoint'; readonly x: Exact; readonly leg: Leg };

/** The price of a crossing: a root rounded once (half to even); a breakpoint rounded to its lower tier's side. */
export function priceOf(leg: Leg, crossing: Crossing): Big {
  return crossing.kind === 'root'
    ? toResult(priceOfNatural(leg.compiled.contract, crossing.x))
    : boundaryPrice(crossing.leg, crossing.x);
}

/** A moving leg during a walk: its current tier and requirement line. */
interface Cursor {
  readonly leg: Leg;
  tier: CompiledTier;
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
 * one leg to the next tier and updates the line by that leg's change alone.
 */
export function firstCrossing(problem: Problem, from: Exact, direction: 1 | -1, sense: 1 | -1 = 1): Crossing | null {
  let constant = problem.constant;
  let slope = E0;
  const queue = new BoundaryQueue(direction);
  const cursors: Cursor[] = problem.legs.map((leg, k) => {
    const tier = tierAt(leg, from);
    const requirement = requirementLine(leg, tier);
    constant = add(constant, add(leg.pnl.constant, neg(requirement.constant)));
    slope = add(slope, add(leg.pnl.slope, neg(requirement.slope)));
    const cursor = { leg, tier, requirement };
    queue.push(nextBoundary(cursor, direction), k);
    return cursor;
  });
  let position = from;
  let crossed: Leg | null = null;
  for (;;) {
    const head = queue.peek();
    const next = head?.x ?? null;
    const line = sense === 1 ? { constant, slope } : { constant: neg(constant), slope: neg(slope) };
    const zeroLength = next !== null && cmp(next, position) === 0;
    if (!zeroLength) {
      if (crossed !== null && sign(valueAt(line, position)) <= 0)
        return { kind: 'breakpoint', x: position, leg: crossed };
      // Going down, the last segment ends at x = 0 (no price lies beyond it).
      const end = next ?? (direction === -1 ? E0 : null);
      const reaches = direction === -1 ? sign(line.slope) > 0 : sign(line.slope) < 0;
      // The line reaches zero before the segment's end (or has no end going up): divide it out.
      if (reaches && (end === null || sign(valueAt(line, end)) <= 0)) {
        const root = rootOf(line) as Exact;
        if (direction === 1 || cmp(root, end as Exact) > 0) return { kind: 'root', x: root };
      }
    }
    if (head === undefined) return null;
    queue.pop();
    const cursor = cursors[head.cursor] as Cursor;
    const tiers = cursor.leg.compiled.table.tiers;
    cursor.tier = tiers[cursor.tier.index + direction] as CompiledTier;
    const requirement = requirementLine(cursor.leg, cursor.tier);
    constant = add(constant, add(cursor.requirement.constant, neg(requirement.constant)));
    slope = add(slope, add(cursor.requirement.slope, neg(requirement.slope)));
    cursor.requirement = requirement;
    queue.push(nextBoundary(cursor, direction), head.cursor);
    position = head.x;
    crossed = cursor.leg;
  }
}

interface QueueItem {
  readonly x: Exact;
  readonly cursor: number;
}

/**
 * The legs' next breakpoints, nearest first in the walk's direction: a binary heap, so that a
 * crossing costs O(log L) comparisons for L moving legs.
 */
class BoundaryQueue {
  private readonly items: QueueItem[] = [];
  constructor(private readonly direction: 1 | -1) {}

  push(x: Exact | null, cursor: number): void {
    if (x === null) return;
    const items = this.items;
    items.push({ x, cursor });
    let k = items.length - 1;
    while (k > 0) {
      const parent = (k - 1) >>> 1;
      if (!this.before(k, parent)) break;
      this.swap(k, parent);
      k = parent;
    }
  }

  peek(): QueueItem | undefined {
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
    const order = cmp((this.items[a] as QueueItem).x, (this.items[b] as QueueItem).x);
    return this.direction === 1 ? order < 0 : order > 0;
  }

  private swap(a: number, b: number): void {
    const items = this.items;
    const held = items[a] as QueueItem;
    items[a] = items[b] as QueueItem;
    items[b] = held;
  }
}

/** A leg's next breakpoint in a direction: the cap of its tier going up, its floor going down; null at the ends. */
function nextBoundary(cursor: Cursor, direction: 1 | -1): Exact | null {
  if (!tierMoves(cursor.leg)) return null;
  const tiers = cursor.leg.compiled.table.tiers;
  if (direction === 1) {
    return cursor.tier.index === tiers.length - 1 ? null : boundaryX(cursor.leg, cursor.tier.cap as Exact);
  }
  return cursor.tier.index === 0 ? null : boundaryX(cursor.leg, cursor.tier.floor);
}
