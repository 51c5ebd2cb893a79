/**
 * Bulk loading of a bucket's B+tree from entries already sorted: leaves are cut in even runs of
 * about FILL entries (room left for inserts before a split), then each level above in even runs of
 * about FILL children. O(n), no comparison.
 */
import type Big from 'big.js';
import { MAX, type Node } from './btree.js';

/** Entries (or children) a bulk-loaded node gets: three quarters full. */
const FILL = (MAX * 3) >>> 2;

/** Columns of one build in input order, and the sorted order of the positions; a bucket is order[from, to). */
export interface SortedColumns {
  readonly order: Int32Array;
  readonly keys: Float64Array;
  readonly ids: readonly string[];
  /** Exact prices by input position, where a key alone does not identify the price. */
  readonly exacts: ReadonlyMap<number, Big> | null;
}

/** The tree of the sorted entries order[from, to) (to > from). */
export function buildTree(columns: SortedColumns, from: number, to: number): Node {
  let level: Node[] = [];
  for (const [start, end] of runs(from, to)) level.push(leaf(columns, start, end));
  while (level.length > 1) {
    const below = level;
    level = [];
    for (const [start, end] of runs(0, below.length)) level.push(parent(below.slice(start, end)));
  }
  return level[0] as Node;
}

/** [from, to) cut into the fewest runs of at most FILL, as even as possible (so none is underfull). */
function runs(from: number, to: number): [number, number][] {
  const count = Math.ceil((to - from) / FILL);
  const cut: [number, number][] = [];
  for (let k = 0; k < count; k += 1) {
    cut.push([from + Math.floor(((to - from) * k) / count), from + Math.floor(((to - from) * (k + 1)) / count)]);
  }
  return cut;
}

function leaf(columns: SortedColumns, start: number, end: number): Node {
  const keys = new Array<number>(end - start);
  const ids = new Array<string>(end - start);
  let exacts: (Big | null)[] | null = null;
  for (let k = start; k < end; k += 1) {
    const position = columns.order[k] as number;
    keys[k - start] = columns.keys[position] as number;
    ids[k - start] = columns.ids[position] as string;
    const exact = columns.exacts?.get(position);
    if (exact !== undefined) {
      exacts ??= new Array<Big | null>(end - start).fill(null);
      exacts[k - start] = exact;
    }
  }
  return { keys, ids, exacts, kids: null };
}

function parent(kids: Node[]): Node {
  const firsts = kids.map((kid) => kid.exacts?.[0] ?? null);
  return {
    keys: kids.map((kid) => kid.keys[0] as number),
    ids: kids.map((kid) => kid.ids[0] as string),
    exacts: firsts.some((exact) => exact !== null) ? firsts : null,
    kids,
  };
}
