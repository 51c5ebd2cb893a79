/**
 * Tick queries: which positions of a market the mark has reached, and which it reached while
 * moving from one mark to another. O(log n + k) for k ids; see docs/liquidation-index.md.
 */

import type { Numeric } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import type { Node } from './btree.js';
import { collectRange } from './btree-range.js';
import { compareToMark, readMark } from './price-key.js';
import { expectIndex, type LiquidationIndex, type State } from './state.js';

/**
 * The ids of the positions on `symbol` that the mark has reached: longs with liquidation price
 * ≥ mark, then shorts with liquidation price ≤ mark; each group nearest-to-the-mark last, i.e.
 * the most deeply underwater first; equal prices by id. O(log n + k) for k results.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (an index not from {@link buildLiquidationIndex}, a `symbol` not
 * a string), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`markPrice`)
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
 * @group Liquidation index
 */
export function liquidatable(index: LiquidationIndex, symbol: string, markPrice: Numeric): readonly string[] {
  const state = expectIndex(index);
  expectSymbol(symbol);
  const mark = readMark(markPrice, 'markPrice');
  const ids: string[] = [];
  const longs = tree(state, symbol, 0);
  const shorts = tree(state, symbol, 1);
  if (longs !== null) collectRange(longs, null, mark, -1, ids);
  if (shorts !== null) collectRange(shorts, null, mark, 1, ids);
  return Object.freeze(ids);
}

/**
 * The ids of the positions on `symbol` that became liquidatable when the mark moved from
 * `fromMark` to `toMark` in one jump: exactly those {@link liquidatable} gives at `toMark` and not
 * at `fromMark`, in the same order. A falling mark reaches longs with liquidation price in
 * [toMark, fromMark); a rising one, shorts with price in (fromMark, toMark]; an unchanged one, none.
 * O(log n + k) for k results.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (an index not from {@link buildLiquidationIndex}, a `symbol` not
 * a string), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`fromMark`, `toMark`)
 *
 * @example
 * ```ts
 * import { buildLiquidationIndex, crossedBetween } from 'liqmath';
 *
 * const index = buildLiquidationIndex([
 *   { id: 'x', symbol: 'ETH', side: 'long', liquidationPrice: 2400 },
 *   { id: 'y', symbol: 'ETH', side: 'long', liquidationPrice: 2500 },
 *   { id: 'z', symbol: 'ETH', side: 'short', liquidationPrice: 2600 },
 * ]);
 * crossedBetween(index, 'ETH', 2550, 2400); //=> ['y', 'x']
 * crossedBetween(index, 'ETH', 2500, 2450); //=> []
 * crossedBetween(index, 'ETH', 2450, 2600); //=> ['z']
 * ```
 * @group Liquidation index
 */
export function crossedBetween(
  index: LiquidationIndex,
  symbol: string,
  fromMark: Numeric,
  toMark: Numeric,
): readonly string[] {
  const state = expectIndex(index);
  expectSymbol(symbol);
  const from = readMark(fromMark, 'fromMark');
  const to = readMark(toMark, 'toMark');
  const direction = compareToMark(to.key, to.exact, from, 1);
  const ids: string[] = [];
  // Falling: longs the new mark reaches and the old did not. Rising: shorts, likewise.
  const bucket = direction < 0 ? tree(state, symbol, 0) : direction > 0 ? tree(state, symbol, 1) : null;
  if (bucket !== null) collectRange(bucket, from, to, direction < 0 ? -1 : 1, ids);
  return Object.freeze(ids);
}

function tree(state: State, symbol: string, side: 0 | 1): Node | null {
  const number = state.symbols.get(symbol);
  return number === undefined ? null : (state.trees[2 * number + side] ?? null);
}

function expectSymbol(symbol: unknown): void {
  if (typeof symbol !== 'string') fail('INVALID_TYPE', 'symbol', symbol, 'a market symbol');
}
