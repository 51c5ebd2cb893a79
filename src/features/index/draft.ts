/**
 * An index being edited: the trusted core behind every update (inputs already validated). A
 * draft starts from an index, copies each node it changes once (see txn.ts), and is sealed into a
 * new index; the index it started from is never touched, so it stays valid and unchanged.
 */
import type { Node } from './btree.js';
import { insertItem, removeItem } from './btree.js';
import { getId, type IdMap, setId } from './id-map.js';
import { exactOf, keyOf } from './price-key.js';
import type { ReadPosition } from './read-position.js';
import { sign } from './sort.js';
import { type LiquidationIndex, makeIndex, type Placed, placeOf, type State } from './state.js';
import { type Txn, transaction } from './txn.js';

/** The id map value of a position without a price. */
const NO_PRICE: Placed = Object.freeze({ bucket: -1, key: 0, exact: null });

export interface Draft {
  readonly from: State;
  readonly txn: Txn;
  size: number;
  symbols: ReadonlyMap<string, number>;
  trees: (Node | null)[];
  ids: IdMap;
}

export function draftOf(state: State): Draft {
  return {
    from: state,
    txn: transaction(),
    size: state.size,
    symbols: state.symbols,
    trees: state.trees as (Node | null)[],
    ids: state.ids,
  };
}

export function holds(draft: Draft, id: string): boolean {
  return getId(draft.ids, id) !== undefined;
}

/** Adds a position whose id the draft does not hold. */
export function addPosition(draft: Draft, position: ReadPosition): void {
  draft.size += 1;
  if (position.price === null) {
    draft.ids = setId(draft.ids, position.id, NO_PRICE, draft.txn);
    return;
  }
  const bucket = 2 * symbolNumber(draft, position.symbol) + (position.side === 'long' ? 0 : 1);
  const placed: Placed = Object.freeze({
    bucket,
    key: sign(bucket) * keyOf(position.price),
    exact: exactOf(position.price),
  });
  const trees = ownTrees(draft);
  trees[bucket] = insertItem(trees[bucket] ?? null, { ...placed, id: position.id }, sign(bucket), draft.txn);
  draft.ids = setId(draft.ids, position.id, placed, draft.txn);
}

/** Removes the position `id`, which the draft holds. */
export function removePosition(draft: Draft, id: string): void {
  const placed = placeOf(draft.from, getId(draft.ids, id));
  draft.size -= 1;
  draft.ids = setId(draft.ids, id, undefined, draft.txn);
  if (placed.bucket < 0) return;
  const trees = ownTrees(draft);
  trees[placed.bucket] = removeItem(trees[placed.bucket] as Node, { ...placed, id }, sign(placed.bucket), draft.txn);
}

/** The new index; the draft must not be used after. */
export function seal(draft: Draft): LiquidationIndex {
  const { from, size, symbols, trees, ids } = draft;
  return makeIndex({ size, symbols, trees, ids, base: from.base });
}

/** The symbol's number, numbering a new symbol next (numbers are never reused, so places stay valid). */
function symbolNumber(draft: Draft, symbol: string): number {
  const known = draft.symbols.get(symbol);
  if (known !== undefined) return known;
  const symbols = draft.txn.own(draft.symbols as Map<string, number>, (map) => new Map(map));
  const number = symbols.size;
  symbols.set(symbol, number);
  draft.symbols = symbols;
  const trees = ownTrees(draft);
  while (trees.length < 2 * symbols.size) trees.push(null);
  return number;
}

function ownTrees(draft: Draft): (Node | null)[] {
  draft.trees = draft.txn.own(draft.trees, (trees) => trees.slice());
  return draft.trees;
}
