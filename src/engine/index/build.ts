/**
 * Building an index: every record read and its price parsed once into columns (no object per
 * position), one radix sort of the priced positions, then one bulk-loaded B+tree per bucket.
 */
import type Big from 'big.js';
import { fail } from '../../core/errors.js';
import { expectArray } from '../../core/input.js';
import type { Node } from './btree.js';
import { buildTree } from './btree-build.js';
import { buildIdMap } from './id-map.js';
import { exactOf, keyOf } from './price-key.js';
import { type ReadPosition, readPositionInto } from './read-position.js';
import { sortPositions } from './sort.js';
import { type IndexedPosition, type LiquidationIndex, makeIndex } from './state.js';

/**
 * Builds an index over positions: O(n log n) at worst, in practice one O(n) radix sort of the
 * prices as doubles plus exact tie-breaks. Ids must be unique; fields other than `id`, `symbol`,
 * `side` and `liquidationPrice` are ignored.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`positions` not an array, a position not an object, an `id` or
 * `symbol` not a string), `MISSING_FIELD` (`id`, `symbol`, `side`, `liquidationPrice`), `INVALID_OPTION`
 * (`side`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`liquidationPrice`, unless null),
 * `DUPLICATE_ID`
 *
 * @example
 * ```ts
 * import { buildLiquidationIndex, liquidatable } from 'liqmath';
 *
 * const index = buildLiquidationIndex([
 *   { id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 50000 },
 *   { id: 'b', symbol: 'BTC', side: 'long', liquidationPrice: 48000 },
 *   { id: 'c', symbol: 'BTC', side: 'short', liquidationPrice: 52000 },
 * ]);
 * liquidatable(index, 'BTC', 49000); //=> ['a']
 * liquidatable(index, 'BTC', 52000); //=> ['c']
 * ```
 * @group Liquidation index
 */
export function buildLiquidationIndex(positions: readonly IndexedPosition[]): LiquidationIndex {
  const list = expectArray(positions, 'positions', 'an array of { id, symbol, side, liquidationPrice }');
  const n = list.length;
  // Filled by push: `new Array(n)` above about 10⁵ makes a slow dictionary-mode array in V8.
  const ids: string[] = [];
  const keys = new Float64Array(n);
  const buckets = new Int32Array(n);
  let exacts: Map<number, Big> | null = null;
  const symbols = new Map<string, number>();
  const position: { -readonly [K in keyof ReadPosition]: ReadPosition[K] } = {
    id: '',
    symbol: '',
    side: 'long',
    price: null,
  };
  for (let k = 0; k < n; k += 1) {
    readPositionInto(position, list[k], 'positions', k);
    ids.push(position.id);
    if (position.price === null) {
      buckets[k] = -1;
      continue;
    }
    let symbol = symbols.get(position.symbol);
    if (symbol === undefined) {
      symbol = symbols.size;
      symbols.set(position.symbol, symbol);
    }
    const long = position.side === 'long';
    buckets[k] = 2 * symbol + (long ? 0 : 1);
    keys[k] = long ? -keyOf(position.price) : keyOf(position.price);
    const exact = exactOf(position.price);
    if (exact !== null) {
      exacts ??= new Map();
      exacts.set(k, exact);
    }
  }
  // Ids are checked for repeats once all records are read: one sort by hash instead of 10⁶ Set inserts.
  const byId = buildIdMap(ids);
  if ('duplicate' in byId) {
    const at = byId.duplicate;
    fail('DUPLICATE_ID', `positions[${at}].id`, ids[at], 'an id not used by another position');
  }
  const base = { buckets, keys, exacts };
  const order = sortPositions({ ids, keys, buckets, exacts }, 2 * symbols.size);
  const trees = new Array<Node | null>(2 * symbols.size).fill(null);
  let start = 0;
  for (let k = 1; k <= order.length; k += 1) {
    const bucket = buckets[order[start] as number] as number;
    if (k < order.length && buckets[order[k] as number] === bucket) continue;
    trees[bucket] = buildTree({ order, keys, ids, exacts }, start, k);
    start = k;
  }
  return makeIndex({ size: n, symbols, trees, ids: byId.map, base });
}
