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

/** The id map value of `id` (undefined when the draft does not hold it): where the position sits. */
export function lookup(draft: Draft, id: string): unknown {
  return getId(draft.ids, id);
}

/** Adds a position whose id the draft does not hold. */
export function addPosition(draft: Draft, position: ReadPosition): void {
  draft.size += 1;
  place(draft, position);
}

/** Removes the position `id`, whose id map value is `value` (from {@link lookup}). */
export function removePosition(draft: Draft, id: string, value: unknown): void {
  draft.size -= 1;
  draft.ids = setId(draft.ids, id, undefined, draft.txn);
  untree(draft, id, value);
}

/**
 * Replaces the position of the same id, whose id map value is `value` (from {@link lookup}): out
 * of its tree, into its new one, and its id map entry overwritten: one lookup, one id map path.
 */
export function replacePosition(draft: Draft, position: ReadPosition, value: unknown): void {
  untree(draft, position.id, value);
  place(draft, position);
}

/** Puts a position into its tree (if it has a price) and sets its id map entry. */
function place(draft: Draft, position: ReadPosition): void {
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

/** Takes the position `id` (id map value `value`) out of its tree, if it has a price. */
function untree(draft: Draft, id: string, value: unknown): void {
  const placed = placeOf(draft.from, value);
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
