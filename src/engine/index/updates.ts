/**
 * One-position updates. Each returns a new index in O(log n): it copies the path to one leaf of
 * the position's bucket tree and one path of the id map, sharing everything else with the index
 * it came from, which stays valid and unchanged.
 */
import { fail } from '../../core/errors.js';
import { addPosition, draftOf, lookup, removePosition, replacePosition, seal } from './draft.js';
import { readPosition } from './read-position.js';
import { expectIndex, type IndexedPosition, type LiquidationIndex } from './state.js';

/**
 * A new index with one more position (its id must be new). O(log n); the old index is unchanged.
 *
 * @throws {@link LiqMathError} `DUPLICATE_ID` (use {@link replaceInIndex}); `INVALID_TYPE` (an index not from
 * {@link buildLiquidationIndex}, a position not an object, its `id` or `symbol` not a string), `MISSING_FIELD`
 * (`id`, `symbol`, `side`, `liquidationPrice`), `INVALID_OPTION` (`side`), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`liquidationPrice`, unless null)
 *
 * @example
 * ```ts
 * import { addToIndex, buildLiquidationIndex, liquidatable } from 'liqmath';
 *
 * const before = buildLiquidationIndex([]);
 * const after = addToIndex(before, { id: 'n', symbol: 'SOL', side: 'short', liquidationPrice: 180 });
 * liquidatable(after, 'SOL', 181); //=> ['n']
 * before.size; //=> 0
 * ```
 * @group Liquidation index
 */
export function addToIndex(index: LiquidationIndex, position: IndexedPosition): LiquidationIndex {
  const draft = draftOf(expectIndex(index));
  const read = readPosition(position, 'position');
  if (lookup(draft, read.id) !== undefined)
    fail('DUPLICATE_ID', 'position.id', read.id, 'an id not already in the index (use replaceInIndex)');
  addPosition(draft, read);
  return seal(draft);
}

/**
 * A new index without the position `id`. O(log n); the old index is unchanged.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (an index not from {@link buildLiquidationIndex}), `UNKNOWN_ID`
 * (also an `id` that is not a string)
 *
 * @example
 * ```ts
 * import { buildLiquidationIndex, liquidatable, removeFromIndex } from 'liqmath';
 *
 * const index = buildLiquidationIndex([{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 50000 }]);
 * liquidatable(removeFromIndex(index, 'a'), 'BTC', 40000); //=> []
 * liquidatable(index, 'BTC', 40000); //=> ['a']
 * ```
 * @group Liquidation index
 */
export function removeFromIndex(index: LiquidationIndex, id: string): LiquidationIndex {
  const draft = draftOf(expectIndex(index));
  const value = typeof id === 'string' ? lookup(draft, id) : undefined;
  if (value === undefined) fail('UNKNOWN_ID', 'id', id, 'the id of a position in the index');
  removePosition(draft, id, value);
  return seal(draft);
}

/**
 * A new index with the position of the same id replaced (its price, side or symbol may change).
 * O(log n); the old index is unchanged.
 *
 * @throws {@link LiqMathError} `UNKNOWN_ID` (use {@link addToIndex}); `INVALID_TYPE` (an index not from
 * {@link buildLiquidationIndex}, a position not an object, its `id` or `symbol` not a string), `MISSING_FIELD`
 * (`id`, `symbol`, `side`, `liquidationPrice`), `INVALID_OPTION` (`side`), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`liquidationPrice`, unless null)
 *
 * @example
 * ```ts
 * import { buildLiquidationIndex, liquidatable, replaceInIndex } from 'liqmath';
 *
 * const index = buildLiquidationIndex([{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 50000 }]);
 * const topped = replaceInIndex(index, { id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 45000 });
 * liquidatable(topped, 'BTC', 48000); //=> []
 * ```
 * @group Liquidation index
 */
export function replaceInIndex(index: LiquidationIndex, position: IndexedPosition): LiquidationIndex {
  const draft = draftOf(expectIndex(index));
  const read = readPosition(position, 'position');
  const value = lookup(draft, read.id);
  if (value === undefined)
    fail('UNKNOWN_ID', 'position.id', read.id, 'the id of a position in the index (use addToIndex)');
  replacePosition(draft, read, value);
  return seal(draft);
}
