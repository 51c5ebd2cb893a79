/**
 * A persistent B+tree of one bucket (one market and side), ascending by (signed price, id): a
 * long's key is its price negated, so in every bucket the positions the mark has reached form a
 * prefix. Leaves hold parallel arrays (keys as unboxed doubles, ids, exact Bigs only where a price
 * is long); an internal node holds its children and the first entry of each. Updates copy the
 * root-to-leaf path (see txn.ts); underfull nodes merge with a sibling, so depth stays log n.
 */
import type Big from 'big.js';
import { compareIds, comparePrices } from './price-key.js';
import type { Txn } from './txn.js';

/** Most entries (leaf) or children (internal) a node holds before it splits. */
export const MAX = 64;
/** Fewer than this and a node is merged with (or rebalanced against) a sibling. */
const MIN = 16;

export interface Node {
  /** Signed keys: of the entries (leaf) or of each child's first entry (internal). */
  keys: number[];
  ids: string[];
  /** Exact prices where a key alone does not identify the price; null when no price here needs one. */
  exacts: (Big | null)[] | null;
  /** Children, or null in a leaf. */
  kids: Node[] | null;
}

/** One entry being placed or removed: signed key, exact price (or null), id. */
export interface Item {
  readonly key: number;
  readonly exact: Big | null;
  readonly id: string;
}

/** A tree with `item` added (its id must be new to the tree). */
export function insertItem(root: Node | null, item: Item, sign: number, txn: Txn): Node {
  if (root === null)
    return txn.made({ keys: [item.key], ids: [item.id], exacts: nullableExacts(item.exact, 1), kids: null });
  const top = txn.own(root, copyNode);
  const right = insertInto(top, item, sign, txn);
  if (right === null) return top;
  return joinRoot(top, right, txn);
}

/** A tree without `item` (which must be in it); null when it empties. */
export function removeItem(root: Node, item: Item, sign: number, txn: Txn): Node | null {
  let top: Node = txn.own(root, copyNode);
  removeFrom(top, item, sign, txn);
  while (top.kids !== null && top.kids.length === 1) top = top.kids[0] as Node;
  return top.keys.length === 0 ? null : top;
}

function joinRoot(left: Node, right: Node, txn: Txn): Node {
  const root: Node = txn.made({ keys: [], ids: [], exacts: null, kids: [] });
  appendFirstOf(root, left);
  appendFirstOf(root, right);
  return root;
}

/** Inserts into an owned node; returns the new right sibling when the node split. */
function insertInto(node: Node, item: Item, sign: number, txn: Txn): Node | null {
  if (node.kids === null) {
    spliceIn(node, upperBound(node, item, sign), item.key, item.id, item.exact, null);
  } else {
    const at = Math.max(0, upperBound(node, item, sign) - 1);
    const child = txn.own(node.kids[at] as Node, copyNode);
    node.kids[at] = child;
    const right = insertInto(child, item, sign, txn);
    setFirst(node, at, child);
    if (right !== null)
      spliceIn(node, at + 1, right.keys[0] as number, right.ids[0] as string, firstExact(right), right);
  }
  return node.keys.length > MAX ? splitOff(node, node.keys.length >>> 1, txn) : null;
}

/** Removes from an owned node; children that fall below MIN merge with a neighbour. */
function removeFrom(node: Node, item: Item, sign: number, txn: Txn): void {
  const at = upperBound(node, item, sign) - 1;
  if (node.kids === null) {
    if (at >= 0 && node.ids[at] === item.id) spliceOut(node, at);
    return;
  }
  const child = txn.own(node.kids[Math.max(0, at)] as Node, copyNode);
  const slot = Math.max(0, at);
  node.kids[slot] = child;
  removeFrom(child, item, sign, txn);
  if (child.keys.length === 0) {
    spliceOut(node, slot);
    return;
  }
  setFirst(node, slot, child);
  if (child.keys.length < MIN && node.kids.length > 1) rebalance(node, slot === 0 ? 0 : slot - 1, txn);
}

/** Merges children `left` and `left + 1` into one node, or into two even halves when too many for one. */
function rebalance(parent: Node, left: number, txn: Txn): void {
  const kids = parent.kids as Node[];
  const merged = txn.made(concatNodes(kids[left] as Node, kids[left + 1] as Node));
  spliceOut(parent, left + 1);
  kids[left] = merged;
  if (merged.keys.length > MAX) {
    const right = splitOff(merged, merged.keys.length >>> 1, txn);
    spliceIn(parent, left + 1, right.keys[0] as number, right.ids[0] as string, firstExact(right), right);
  }
  setFirst(parent, left, merged);
}

/** First position whose entry orders after `item` (ids are unique, so no entry equals it except itself). */
function upperBound(node: Node, item: Item, sign: number): number {
  let low = 0;
  let high = node.keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const key = node.keys[middle] as number;
    // Unequal keys decide alone (the common case, without a call); equal ones go to comparePrices.
    const byPrice =
      key !== item.key ? key - item.key : comparePrices(key, node.exacts?.[middle] ?? null, key, item.exact, sign);
    if (byPrice < 0 || (byPrice === 0 && compareIds(node.ids[middle] as string, item.id) <= 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function spliceIn(node: Node, at: number, key: number, id: string, exact: Big | null, kid: Node | null): void {
  node.keys.splice(at, 0, key);
  node.ids.splice(at, 0, id);
  if (exact !== null && node.exacts === null) node.exacts = new Array<Big | null>(node.ids.length - 1).fill(null);
  node.exacts?.splice(at, 0, exact);
  if (kid !== null) node.kids?.splice(at, 0, kid);
}

function spliceOut(node: Node, at: number): void {
  node.keys.splice(at, 1);
  node.ids.splice(at, 1);
  node.exacts?.splice(at, 1);
  node.kids?.splice(at, 1);
}

/** Moves the entries from `at` on into a new node (owned) and returns it. */
function splitOff(node: Node, at: number, txn: Txn): Node {
  const right: Node = txn.made({
    keys: node.keys.slice(at),
    ids: node.ids.slice(at),
    exacts: node.exacts?.slice(at) ?? null,
    kids: node.kids?.slice(at) ?? null,
  });
  node.keys.length = at;
  node.ids.length = at;
  if (node.exacts !== null) node.exacts.length = at;
  if (node.kids !== null) node.kids.length = at;
  return right;
}

function concatNodes(a: Node, b: Node): Node {
  const exacts =
    a.exacts === null && b.exacts === null
      ? null
      : [...(a.exacts ?? new Array(a.ids.length).fill(null)), ...(b.exacts ?? new Array(b.ids.length).fill(null))];
  return {
    keys: a.keys.concat(b.keys),
    ids: a.ids.concat(b.ids),
    exacts,
    kids: a.kids === null ? null : a.kids.concat(b.kids as Node[]),
  };
}

/** Refreshes the separator of child `at` from the child's first entry. */
function setFirst(parent: Node, at: number, child: Node): void {
  parent.keys[at] = child.keys[0] as number;
  parent.ids[at] = child.ids[0] as string;
  const exact = firstExact(child);
  if (exact !== null && parent.exacts === null) parent.exacts = new Array<Big | null>(parent.ids.length).fill(null);
  if (parent.exacts !== null) parent.exacts[at] = exact;
}

function appendFirstOf(parent: Node, child: Node): void {
  spliceIn(parent, parent.keys.length, child.keys[0] as number, child.ids[0] as string, firstExact(child), child);
}

function firstExact(node: Node): Big | null {
  return node.exacts?.[0] ?? null;
}

function nullableExacts(exact: Big | null, length: number): (Big | null)[] | null {
  return exact === null ? null : [exact, ...new Array<null>(length - 1).fill(null)];
}

/** A shallow copy: the arrays are new, the children shared. */
export function copyNode(node: Node): Node {
  return {
    keys: node.keys.slice(),
    ids: node.ids.slice(),
    exacts: node.exacts === null ? null : node.exacts.slice(),
    kids: node.kids === null ? null : node.kids.slice(),
  };
}
