/**
 * Many changes at once (a tick that moves many positions, a cascade step): one new index, each
 * touched node copied once however many changes touch it, one validation pass.
 */
import { fail } from '../../core/errors.js';
import { expectArray, expectChoice, expectKnownFields, expectRecord } from '../../core/input.js';
import { addPosition, draftOf, lookup, removePosition, replacePosition, seal } from './draft.js';
import { ownField, readPosition } from './read-position.js';
import { expectIndex, type IndexedPosition, type LiquidationIndex } from './state.js';

/**
 * One change of {@link applyToIndex}: add a position (new id), remove one by id, or replace the
 * position of the same id (new price, side or symbol). Change records refuse unknown fields (a
 * misspelt `postion` must not pass silently); the position records inside are open, as everywhere.
 *
 * @example
 * ```ts
 * import type { IndexChange } from 'liqmath';
 *
 * const changes: IndexChange[] = [
 *   { op: 'add', position: { id: 'n', symbol: 'BTC', side: 'short', liquidationPrice: '71000' } },
 *   { op: 'replace', position: { id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: '55000' } },
 *   { op: 'remove', id: 'b' },
 * ];
 * ```
 * @group Liquidation index
 */
export type IndexChange =
  | { readonly op: 'add'; readonly position: IndexedPosition }
  | { readonly op: 'replace'; readonly position: IndexedPosition }
  | { readonly op: 'remove'; readonly id: string };

const OPS: readonly IndexChange['op'][] = ['add', 'replace', 'remove'];

/**
 * A new index with the changes applied in order, as if by {@link addToIndex},
 * {@link replaceInIndex} and {@link removeFromIndex} one after the other, but cheaper: nodes that
 * several changes touch are copied once. All or nothing: when a change is refused, the error
 * names it (`changes[3].id`) and no index is made. O(m log n) for m changes.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (an index not from {@link buildLiquidationIndex}, `changes` not
 * an array, a change or its `position` not an object (also when missing), a position's `id` or `symbol` not a
 * string), `MISSING_FIELD` (`op`; a position's `id`, `symbol`, `side`, `liquidationPrice`), `UNKNOWN_FIELD` (a
 * change), `INVALID_OPTION` (`op`, `side`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`
 * (`liquidationPrice`, unless null), `DUPLICATE_ID` (an add of an id in the index), `UNKNOWN_ID` (a remove or
 * replace of an id not in it, after the changes before it)
 *
 * @example
 * ```ts
 * import { applyToIndex, buildLiquidationIndex, liquidatable } from 'liqmath';
 *
 * const index = buildLiquidationIndex([
 *   { id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 60000 },
 *   { id: 'b', symbol: 'BTC', side: 'long', liquidationPrice: 59000 },
 * ]);
 * const next = applyToIndex(index, [
 *   { op: 'remove', id: 'a' },
 *   { op: 'replace', position: { id: 'b', symbol: 'BTC', side: 'long', liquidationPrice: 57000 } },
 *   { op: 'add', position: { id: 'c', symbol: 'BTC', side: 'long', liquidationPrice: 58500 } },
 * ]);
 * liquidatable(next, 'BTC', 57000); //=> ['c', 'b']
 * liquidatable(index, 'BTC', 57000); //=> ['a', 'b']
 * ```
 * @group Liquidation index
 */
export function applyToIndex(index: LiquidationIndex, changes: readonly IndexChange[]): LiquidationIndex {
  const draft = draftOf(expectIndex(index));
  const list = expectArray(changes, 'changes', 'an array of changes { op, position } or { op: "remove", id }');
  for (let k = 0; k < list.length; k += 1) {
    const field = `changes[${k}]`;
    const change = expectRecord(list[k], field, 'a change { op, position } or { op: "remove", id }');
    const opValue = ownField(change, 'op');
    if (opValue === undefined) fail('MISSING_FIELD', `${field}.op`, opValue, "one of 'add', 'replace', 'remove'");
    const op = expectChoice(opValue, OPS, `${field}.op`);
    expectKnownFields(change, op === 'remove' ? ['op', 'id'] : ['op', 'position'], field);
    if (op === 'remove') {
      const id = ownField(change, 'id');
      const value = typeof id === 'string' ? lookup(draft, id) : undefined;
      if (value === undefined)
        fail('UNKNOWN_ID', `${field}.id`, id, 'the id of a position in the index (after the changes before it)');
      removePosition(draft, id as string, value);
      continue;
    }
    const position = readPosition(ownField(change, 'position'), `${field}.position`);
    const value = lookup(draft, position.id);
    if (op === 'add') {
      if (value !== undefined)
        fail(
          'DUPLICATE_ID',
          `${field}.position.id`,
          position.id,
          'an id not in the index (after the changes before it)',
        );
      addPosition(draft, position);
    } else {
      if (value === undefined)
        fail(
          'UNKNOWN_ID',
          `${field}.position.id`,
          position.id,
          'the id of a position in the index (after the changes before it)',
        );
      replacePosition(draft, position, value);
    }
  }
  return seal(draft);
}
