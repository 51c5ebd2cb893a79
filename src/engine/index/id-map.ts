/**
 * A persistent map from position id to where the position sits: a hash trie. Inner nodes have 32
 * slots chosen by 5 bits of a 30-bit hash; a leaf is one flat array `[hash, id, value, …]` sorted
 * by hash, of up to 64 entries (a leaf that grows past that splits by the next 5 bits). An update
 * copies one root-to-leaf path, so old versions stay intact.
 *
 * Why not a `Map`: copying it per update is O(n), and building a 10⁶-key one alone costs most of
 * the build budget. Why flat leaves of tens, not one entry each: 10⁶ small arrays cost more in GC
 * than the whole build may take, and larger leaves (512) made GC half of an update; comparing
 * stored hashes first keeps lookups off the strings.
 */
import { radixOrder } from './radix.js';
import type { Txn } from './txn.js';

const BITS = 5;
const WIDTH = 1 << BITS;
const LEVELS = 6;
/** A leaf with more entries splits (unless all hash bits are used). */
const SPLIT = 64;
/** Entries a bulk-built leaf gets at most. */
const FILL = 64;

interface Inner {
  readonly kids: (IdMap | undefined)[];
}
type Leaf = unknown[];
/** A node of the trie: an inner node or a leaf. */
export type IdMap = Inner | Leaf;

/** A 30-bit hash of an id (FNV-1a, then a murmur finaliser so that the top bits are mixed too). */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < id.length; k += 1) h = Math.imul(h ^ id.charCodeAt(k), 16777619);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 2;
}

function slotOf(hash: number, depth: number): number {
  return (hash >>> (BITS * (LEVELS - 1 - depth))) & (WIDTH - 1);
}

/** The value stored for `id`, or undefined. */
export function getId(map: IdMap, id: string): unknown {
  const hash = hashId(id);
  let node: IdMap | undefined = map;
  for (let depth = 0; node !== undefined && !Array.isArray(node); depth += 1) node = node.kids[slotOf(hash, depth)];
  if (node === undefined) return undefined;
  for (let at = lowerBound(node, hash); at < node.length && node[at] === hash; at += 3) {
    if (node[at + 1] === id) return node[at + 2];
  }
  return undefined;
}

/**
 * A map of `ids[k]` → k, built in one pass over the ids sorted by hash; or the first position
 * whose id repeats an earlier one (what a `Set` filled in order would find first).
 */
export function buildIdMap(ids: readonly string[]): { readonly map: IdMap } | { readonly duplicate: number } {
  const n = ids.length;
  const hashes = new Int32Array(n);
  for (let k = 0; k < n; k += 1) hashes[k] = hashId(ids[k] as string);
  const order = radixOrder(hashes, 30);
  let duplicate = -1;
  for (let k = 1; k < n; k += 1) {
    const b = order[k] as number;
    for (let j = k - 1; j >= 0 && hashes[order[j] as number] === hashes[b]; j -= 1) {
      // Stable by position: the later of two equal ids is b.
      if (ids[order[j] as number] === ids[b] && (duplicate < 0 || b < duplicate)) duplicate = b;
    }
  }
  if (duplicate >= 0) return { duplicate };
  return { map: bulk(ids, hashes, order, 0, n, 0) };
}

function bulk(
  ids: readonly string[],
  hashes: Int32Array,
  order: Int32Array,
  from: number,
  to: number,
  depth: number,
): IdMap {
  if (to - from <= FILL || depth === LEVELS) {
    const leaf: Leaf = new Array(3 * (to - from));
    for (let k = from; k < to; k += 1) {
      const slot = order[k] as number;
      leaf[3 * (k - from)] = hashes[slot];
      leaf[3 * (k - from) + 1] = ids[slot];
      leaf[3 * (k - from) + 2] = slot;
    }
    return leaf;
  }
  const kids: (IdMap | undefined)[] = new Array(WIDTH).fill(undefined);
  let start = from;
  while (start < to) {
    const slot = slotOf(hashes[order[start] as number] as number, depth);
    let end = start + 1;
    while (end < to && slotOf(hashes[order[end] as number] as number, depth) === slot) end += 1;
    kids[slot] = bulk(ids, hashes, order, start, end, depth + 1);
    start = end;
  }
  return { kids };
}

/**
 * A map with `id` set to `value` (`undefined` deletes it), copying the path unless the
 * transaction already owns it (a batch then copies each path once).
 */
export function setId(map: IdMap, id: string, value: unknown, txn: Txn): IdMap {
  const hash = hashId(id);
  return setIn(map, hash, id, value, 0, txn);
}

function setIn(node: IdMap | undefined, hash: number, id: string, value: unknown, depth: number, txn: Txn): IdMap {
  if (node !== undefined && !Array.isArray(node)) {
    const inner = txn.own(node, (n) => ({ kids: n.kids.slice() }));
    const slot = slotOf(hash, depth);
    inner.kids[slot] = setIn(inner.kids[slot], hash, id, value, depth + 1, txn);
    return inner;
  }
  const leaf = node === undefined ? txn.made<Leaf>([]) : txn.own(node, (n) => n.slice());
  let at = lowerBound(leaf, hash);
  while (at < leaf.length && leaf[at] === hash && leaf[at + 1] !== id) at += 3;
  const found = at < leaf.length && leaf[at] === hash;
  if (value === undefined) {
    if (found) leaf.splice(at, 3);
  } else if (found) {
    leaf[at + 2] = value;
  } else {
    leaf.splice(at, 0, hash, id, value);
  }
  return leaf.length > 3 * SPLIT && depth < LEVELS ? split(leaf, depth, txn) : leaf;
}

function split(leaf: Leaf, depth: number, txn: Txn): IdMap {
  const kids: (IdMap | undefined)[] = new Array(WIDTH).fill(undefined);
  for (let at = 0; at < leaf.length; at += 3) {
    const slot = slotOf(leaf[at] as number, depth);
    const kid = (kids[slot] as Leaf | undefined) ?? txn.made<Leaf>([]);
    kid.push(leaf[at], leaf[at + 1], leaf[at + 2]);
    kids[slot] = kid;
  }
  return txn.made({ kids });
}

/** The first entry (as an array offset) whose hash is ≥ `hash`. */
function lowerBound(leaf: Leaf, hash: number): number {
  let low = 0;
  let high = leaf.length / 3;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((leaf[3 * middle] as number) < hash) low = middle + 1;
    else high = middle;
  }
  return 3 * low;
}
