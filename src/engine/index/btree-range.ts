/**
 * Range reads of a bucket's B+tree: the ids whose price lies in (lo, hi] in the bucket's signed
 * order, in tree order. Only the two boundary paths are searched; every leaf in between is copied
 * whole, so a read costs O(log n + k) for k ids.
 */
import type { Node } from './btree.js';
import { compareToMark, type Mark } from './price-key.js';

/**
 * Appends to `out` the ids of the entries with lo < price ≤ hi in the bucket's signed order
 * (`lo` null: no lower bound). For a long bucket (sign −1) that is hi ≤ price < lo in plain prices.
 */
export function collectRange(node: Node, lo: Mark | null, hi: Mark, sign: number, out: string[]): void {
  const start = lo === null ? 0 : firstAbove(node, lo, sign);
  const end = firstAbove(node, hi, sign);
  if (node.kids === null) {
    for (let k = start; k < end; k += 1) out.push(node.ids[k] as string);
    return;
  }
  // Child k holds prices from its first entry's up to the next child's first: a child whose first
  // is already past hi holds nothing in range, and the one before the first child past lo may.
  for (let k = Math.max(0, start - 1); k < end; k += 1) collectRange(node.kids[k] as Node, lo, hi, sign, out);
}

/** First position whose price orders after the mark (binary search; prices ascend in signed order). */
function firstAbove(node: Node, mark: Mark, sign: number): number {
  let low = 0;
  let high = node.keys.length;
  const exacts = node.exacts;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareToMark(node.keys[middle] as number, exacts === null ? null : (exacts[middle] ?? null), mark, sign) <= 0)
      low = middle + 1;
    else high = middle;
  }
  return low;
}
