/**
 * The index value and its internals. A LiquidationIndex is a frozen `{ size }` carrying its state
 * under a symbol; the state is never changed after it is made, so every index stays valid.
 */
import type Big from 'big.js';
import { brand, branded } from '../../core/brand.js';
import type { Numeric } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import type { Side } from '../../model/position.js';
import type { Node } from './btree.js';
import type { IdMap } from './id-map.js';

/**
 * A position as the index holds it: its id, market symbol, side and liquidation price (`null`
 * when it has none: it is indexed but never liquidatable). Other fields of the record are ignored.
 *
 * @example
 * ```ts
 * import type { IndexedPosition } from 'liqmath';
 *
 * const entry: IndexedPosition = { id: 'acct-7:BTCUSDT', symbol: 'BTCUSDT', side: 'long', liquidationPrice: '52117.92' };
 * ```
 * @group Liquidation index
 */
export interface IndexedPosition {
  readonly id: string;
  readonly symbol: string;
  readonly side: Side;
  readonly liquidationPrice: Numeric | null;
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
 * @group Liquidation index
 */
export interface LiquidationIndex {
  /** Number of positions indexed (with or without a liquidation price). */
  readonly size: number;
  readonly [indexBrand]: true;
}

/** Where a position placed by an update sits: its bucket (−1: no price), signed key, exact price. */
export interface Placed {
  readonly bucket: number;
  readonly key: number;
  readonly exact: Big | null;
}

/** The build's columns in input order; the id map points into them by slot until a position is updated. */
export interface Base {
  readonly buckets: Int32Array;
  readonly keys: Float64Array;
  readonly exacts: ReadonlyMap<number, Big> | null;
}

/** Internals. A bucket is `2 × symbol number + (0 long | 1 short)`; symbol numbers only ever grow. */
export interface State {
  readonly size: number;
  readonly symbols: ReadonlyMap<string, number>;
  readonly trees: readonly (Node | null)[];
  /** id → a slot of `base` (a number) or a {@link Placed}. */
  readonly ids: IdMap;
  readonly base: Base;
}

/** Where the position with this id map value sits. */
export function placeOf(state: State, value: unknown): Placed {
  if (typeof value !== 'number') return value as Placed;
  const { base } = state;
  return {
    bucket: base.buckets[value] as number,
    key: base.keys[value] as number,
    exact: base.exacts?.get(value) ?? null,
  };
}

export function makeIndex(state: State): LiquidationIndex {
  const index = { size: state.size };
  const frozen = Object.freeze(index);
  // The state is held privately (never a property), so no caller can reach or change it.
  brand('index', frozen, state);
  return frozen as unknown as LiquidationIndex;
}

export function expectIndex(value: unknown): State {
  const state = branded('index', value);
  if (state === undefined) fail('INVALID_TYPE', 'index', value, 'a LiquidationIndex from buildLiquidationIndex');
  return state as State;
}
