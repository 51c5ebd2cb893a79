/**
 * The general solver, for the functions of price the segment solver (`solve.ts`) does not keep as
 * one running line: an account's surplus over a multiple of its requirement (warning levels),
 * collateral that moves with the price, unrealised profit counted at a weight. Each is linear
 * between known breakpoints (tier caps, the price where a position's PnL changes sign), so on
 * each segment the line is read exactly from two interior points and its root divided out.
 * O(B·L) for B breakpoints crossed and L terms; exact bigint arithmetic, no iteration on the root.
 * Derivation: `docs/health.md`.
 */
import { add, cmp, div, E1, type Exact, mul, neg, sign } from '../core/exact.js';

/** A function of x known to be linear between consecutive breakpoints (at a breakpoint it may jump). */
export interface Piecewise {
  /** The value at x; at a breakpoint, the value there (a tier cap belongs to the lower tier). */
  readonly at: (x: Exact) => Exact;
  /** Every x > 0 where the function may change slope or jump, in any order (duplicates allowed). */
  readonly breakpoints: readonly Exact[];
}

/** Where the function first reaches ≤ 0: inside a segment (a root), or at a breakpoint where it jumps. */
export type PiecewiseCrossing =
  | { readonly kind: 'root'; readonly x: Exact }
  | { readonly kind: 'jump'; readonly x: Exact };

const TWO = { n: 2n, d: 1n, s: 0 } as const satisfies Exact;
const THREE = { n: 3n, d: 1n, s: 0 } as const satisfies Exact;

/**
 * The first x from `from` in `direction` (+1 increasing, −1 decreasing, never reaching 0) at which
 * `f(x) ≤ 0`, assuming `f(from) > 0`; null when there is none. At a breakpoint where the function
 * jumps to ≤ 0 just beyond it, the breakpoint itself is returned (every point past it is there).
 */
export function firstZero(f: Piecewise, from: Exact, direction: 1 | -1): PiecewiseCrossing | null {
  const ahead = f.breakpoints
    .filter((b) => cmp(b, from) === direction && sign(b) > 0)
    .sort((a, b) => cmp(a, b) * direction);
  let start = from;
  for (let k = 0; k <= ahead.length; k += 1) {
    const end = ahead[k] ?? null;
    if (end !== null && cmp(end, start) === 0) continue;
    const line = lineOn(f, start, end, direction);
    // Just beyond `start` the function is already ≤ 0: it jumped there (at a breakpoint, or at a
    // start that is one: a mark exactly on a tier cap).
    if (sign(valueAt(line, start)) <= 0) return { kind: 'jump', x: start };
    const root = sign(line.slope) === 0 ? null : div(neg(line.constant), line.slope);
    if (root !== null && cmp(root, start) === direction && inSegment(root, end, direction)) {
      return { kind: 'root', x: root };
    }
    if (end === null) return null;
    if (sign(f.at(end)) <= 0) return { kind: 'jump', x: end };
    start = end;
  }
  return null;
}

/** Whether x lies at or before the segment's end (going down, the last segment ends above 0). */
function inSegment(x: Exact, end: Exact | null, direction: 1 | -1): boolean {
  if (end === null) return direction === 1 || sign(x) > 0;
  return cmp(x, end) !== direction;
}

/** The function's line on the open segment (start, end), from two interior points. */
function lineOn(f: Piecewise, start: Exact, end: Exact | null, direction: 1 | -1) {
  let first: Exact;
  let second: Exact;
  if (end !== null) {
    const third = div(add(end, neg(start)), THREE);
    first = add(start, third);
    second = add(start, mul(third, TWO));
  } else if (direction === 1) {
    first = add(start, E1);
    second = add(start, TWO);
  } else {
    // Down to 0 with no breakpoint left: points at a third and two thirds of the way.
    first = div(start, THREE);
    second = div(mul(start, TWO), THREE);
  }
  const slope = div(add(f.at(second), neg(f.at(first))), add(second, neg(first)));
  return { constant: add(f.at(first), neg(mul(slope, first))), slope };
}

function valueAt(line: { readonly constant: Exact; readonly slope: Exact }, x: Exact): Exact {
  return add(line.constant, mul(line.slope, x));
}
