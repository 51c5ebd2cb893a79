/**
 * An immutable index of many isolated positions by liquidation price, for backends that ask on
 * every mark tick "who is liquidatable now?". Per market and side, positions are sorted so that
 * the liquidatable ones form a prefix: one binary search finds its end. See `docs/liquidation-index.md`.
 */
import type Big from 'big.js';
import { freezeDecimal, type Numeric, toPositive } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { expectArray, expectChoice, expectKnownFields, expectRecord, required } from '../../core/input.js';
import type { Side } from '../../model/position.js';

/**
 * A position as the index holds it: its id, market symbol, side and liquidation price (`null`
 * when it has none: it is indexed but never liquidatable).
 *
 * @example
 * ```ts
 * import type { IndexedPosition } from 'liqmath';
 *
 * const entry: IndexedPosition = { id: 'acct-7:BTCUSDT', symbol: 'BTCUSDT', side: 'long', liquidationPrice: '52117.92' };
 * ```
 */
export interface IndexedPosition {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly liquidationPrice: Numeric | null;
}

interface Entry {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly price: Big | null;
  /** The price as a double, a sort key only: rounding is monotone, so `key(a) < key(b)` implies `a < b`. */
  readonly key: number;
}

declare const indexBrand: unique symbol;

/**
 * An immutable liquidation index (from {@link buildLiquidationIndex}); every update returns a new one.
 *
 * @example
 * ```ts
 * import { buildLiquidationIndex, type LiquidationIndex } from 'liqmath';
 *
 * const index: LiquidationIndex = buildLiquidationIndex([]);
 * index.size; //=> 0
 * ```
 */
export interface LiquidationIndex {
  /** Number of positions indexed (with or without a liquidation price). */
  readonly size: number;
  readonly [indexBrand]: true;
}

/** Internals: buckets keyed `symbol|side`; longs sorted by price descending, shorts ascending. */
interface State {
  readonly buckets: Readonly<Record<string, readonly Entry[]>>;
  /** Never mutated after construction; a Map because a plain object with 10⁶ keys is several times slower. */
  readonly byId: ReadonlyMap<string, Entry>;
  readonly size: number;
}

const STATE = Symbol.for('liqmath.LiquidationIndex');

/**
 * Builds an index over positions: O(n log n). Ids must be unique.
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
 */
export function buildLiquidationIndex(positions: readonly IndexedPosition[]): LiquidationIndex {
  const list = expectArray(positions, 'positions', 'an array of { id, symbol, side, liquidationPrice }');
  const byId = new Map<string, Entry>();
  const buckets: Record<string, Entry[]> = Object.create(null);
  list.forEach((item, k) => {
    const entry = readEntry(item, `positions[${k}]`);
    if (byId.has(entry.id)) fail('DUPLICATE_ID', `positions[${k}].id`, entry.id, 'an id not used by another position');
    byId.set(entry.id, entry);
    if (entry.price === null) return;
    const key = bucketKey(entry.symbol, entry.side);
    const bucket = buckets[key] ?? [];
    bucket.push(entry);
    buckets[key] = bucket;
  });
  for (const key of Object.keys(buckets)) (buckets[key] as Entry[]).sort(order(key.endsWith('|long')));
  return makeIndex({ buckets: freezeBuckets(buckets), byId, size: list.length });
}

/**
 * The ids of the positions on `symbol` that the mark has reached: longs with liquidation price
 * ≥ mark, then shorts with liquidation price ≤ mark; each group nearest-to-the-mark last, i.e.
 * the most deeply underwater first. O(log n + k) for k results.
 *
 * @example
 * ```ts
 * import { buildLiquidationIndex, liquidatable } from 'liqmath';
 *
 * const index = buildLiquidationIndex([
 *   { id: 'x', symbol: 'ETH', side: 'long', liquidationPrice: 2400 },
 *   { id: 'y', symbol: 'ETH', side: 'long', liquidationPrice: 2500 },
 * ]);
 * liquidatable(index, 'ETH', 2390); //=> ['y', 'x']
 * liquidatable(index, 'ETH', 2450); //=> ['y']
 * ```
 */
export function liquidatable(index: LiquidationIndex, symbol: string, markPrice: Numeric): readonly string[] {
  const state = expectIndex(index);
  if (typeof symbol !== 'string') fail('INVALID_TYPE', 'symbol', symbol, 'a market symbol');
  const mark = toPositive(markPrice, 'markPrice');
  const longs = state.buckets[bucketKey(symbol, 'long')] ?? [];
  const shorts = state.buckets[bucketKey(symbol, 'short')] ?? [];
  // Longs by price descending: liquidatable while price ≥ mark. Shorts ascending: while price ≤ mark.
  const longEnd = prefixEnd(longs, (price) => price.gte(mark));
  const shortEnd = prefixEnd(shorts, (price) => price.lte(mark));
  // Stryker disable next-line ArrayDeclaration: a presized array is only an allocation hint; every slot is written below
  const ids = new Array<string>(longEnd + shortEnd);
  for (let k = 0; k < longEnd; k += 1) ids[k] = (longs[k] as Entry).id;
  for (let k = 0; k < shortEnd; k += 1) ids[longEnd + k] = (shorts[k] as Entry).id;
  return Object.freeze(ids);
}

/**
 * A new index with one more position (its id must be new). O(log b) to place it and O(n) to copy
 * the index's id table and its bucket (b positions): no re-sort.
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
 */
export function addToIndex(index: LiquidationIndex, position: IndexedPosition): LiquidationIndex {
  const state = expectIndex(index);
  const entry = readEntry(position, 'position');
  if (state.byId.has(entry.id))
    fail('DUPLICATE_ID', 'position.id', entry.id, 'an id not already in the index (use replaceInIndex)');
  return insert(state, entry);
}

/**
 * A new index without the position `id`. O(n) copies as {@link addToIndex}.
 *
 * @example
 * ```ts
 * import { buildLiquidationIndex, liquidatable, removeFromIndex } from 'liqmath';
 *
 * const index = buildLiquidationIndex([{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 50000 }]);
 * liquidatable(removeFromIndex(index, 'a'), 'BTC', 40000); //=> []
 * ```
 */
export function removeFromIndex(index: LiquidationIndex, id: string): LiquidationIndex {
  const state = expectIndex(index);
  // Stryker disable next-line ConditionalExpression: a Map keyed by strings answers undefined for any other key anyway
  const entry = typeof id === 'string' ? state.byId.get(id) : undefined;
  if (entry === undefined) fail('UNKNOWN_ID', 'id', id, 'the id of a position in the index');
  return remove(state, entry);
}

/**
 * A new index with the position of the same id replaced (its price, side or symbol may change).
 *
 * @example
 * ```ts
 * import { buildLiquidationIndex, liquidatable, replaceInIndex } from 'liqmath';
 *
 * const index = buildLiquidationIndex([{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 50000 }]);
 * const topped = replaceInIndex(index, { id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 45000 });
 * liquidatable(topped, 'BTC', 48000); //=> []
 * ```
 */
export function replaceInIndex(index: LiquidationIndex, position: IndexedPosition): LiquidationIndex {
  const state = expectIndex(index);
  const entry = readEntry(position, 'position');
  const old = state.byId.get(entry.id);
  if (old === undefined)
    fail('UNKNOWN_ID', 'position.id', entry.id, 'the id of a position in the index (use addToIndex)');
  return insert(expectIndex(remove(state, old)), entry);
}

function insert(state: State, entry: Entry): LiquidationIndex {
  const byId = new Map(state.byId).set(entry.id, entry);
  if (entry.price === null) return makeIndex({ buckets: state.buckets, byId, size: state.size + 1 });
  const key = bucketKey(entry.symbol, entry.side);
  const bucket = state.buckets[key] ?? [];
  const at = insertionPoint(bucket, entry);
  const next = [...bucket.slice(0, at), entry, ...bucket.slice(at)];
  return makeIndex({
    buckets: freezeRecord({ ...state.buckets, [key]: Object.freeze(next) }),
    byId,
    size: state.size + 1,
  });
}

function remove(state: State, entry: Entry): LiquidationIndex {
  const byId = new Map(state.byId);
  byId.delete(entry.id);
  if (entry.price === null) return makeIndex({ buckets: state.buckets, byId, size: state.size - 1 });
  const key = bucketKey(entry.symbol, entry.side);
  const next = (state.buckets[key] ?? []).filter((e) => e.id !== entry.id);
  return makeIndex({
    buckets: freezeRecord({ ...state.buckets, [key]: Object.freeze(next) }),
    byId,
    size: state.size - 1,
  });
}

/** Where an entry goes in its sorted bucket: after every entry that orders before it. */
function insertionPoint(bucket: readonly Entry[], entry: Entry): number {
  const before = order(entry.side === 'long');
  let low = 0;
  let high = bucket.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    // Stryker disable next-line EqualityOperator: ids are unique, so before() is never 0 between two entries
    if (before(bucket[middle] as Entry, entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index in [0, n] where the monotone predicate on price stops holding. */
function prefixEnd(bucket: readonly Entry[], holds: (price: Big) => boolean): number {
  let low = 0;
  let high = bucket.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds((bucket[middle] as Entry).price as Big)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Longs by price descending, shorts ascending; equal prices by id, so the order is deterministic.
 * The double keys decide most comparisons (a sort of 10⁶ entries makes ~2·10⁷); only equal keys
 * fall back to the exact comparison, so the order is exactly the Bigs' order.
 */
function order(long: boolean): (a: Entry, b: Entry) => number {
  const sign = long ? -1 : 1;
  return (a, b) => {
    const byPrice = a.key !== b.key ? (a.key < b.key ? -1 : 1) : (a.price as Big).cmp(b.price as Big);
    if (byPrice !== 0) return byPrice * sign;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

function readEntry(value: unknown, field: string): Entry {
  const record = expectRecord(value, field, 'a position { id, symbol, side, liquidationPrice }');
  expectKnownFields(record, ['id', 'symbol', 'side', 'liquidationPrice'], field);
  const id = required(record, 'id', field);
  const symbol = required(record, 'symbol', field);
  if (typeof id !== 'string') fail('INVALID_TYPE', `${field}.id`, id, 'a string id');
  if (typeof symbol !== 'string') fail('INVALID_TYPE', `${field}.symbol`, symbol, 'a market symbol');
  const side = expectChoice(required(record, 'side', field), ['long', 'short'], `${field}.side`);
  const raw = record.liquidationPrice;
  if (raw === undefined) fail('MISSING_FIELD', `${field}.liquidationPrice`, raw, 'a price, or null when there is none');
  const price = raw === null ? null : freezeDecimal(toPositive(raw, `${field}.liquidationPrice`));
  return Object.freeze({ id, symbol, side, price, key: price === null ? 0 : Number(price.toString()) });
}

function bucketKey(symbol: string, side: Side): string {
  return `${symbol}|${side}`;
}

function freezeBuckets(buckets: Record<string, Entry[]>): Readonly<Record<string, readonly Entry[]>> {
  for (const key of Object.keys(buckets)) Object.freeze(buckets[key]);
  return Object.freeze(buckets);
}

function freezeRecord<T>(record: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, record));
}

function makeIndex(state: State): LiquidationIndex {
  const index = { size: state.size };
  Object.defineProperty(index, STATE, { value: state });
  return Object.freeze(index) as unknown as LiquidationIndex;
}

function expectIndex(value: unknown): State {
  const state = typeof value === 'object' && value !== null ? (value as Record<symbol, unknown>)[STATE] : undefined;
  if (state === undefined) fail('INVALID_TYPE', 'index', value, 'a LiquidationIndex from buildLiquidationIndex');
  return state as State;
}
