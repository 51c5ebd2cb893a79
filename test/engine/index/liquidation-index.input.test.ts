/**
 * The boundary of the index's new API: open position records (extra fields ignored, own fields
 * only, each read once), strict change records, all-or-nothing batches, crossedBetween's errors,
 * and the shortcut price reader agreeing with the full one.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyToIndex, type IndexChange } from '../../../src/engine/index/batch.js';
import { buildLiquidationIndex } from '../../../src/engine/index/build.js';
import { readPrice } from '../../../src/engine/index/price-key.js';
import { crossedBetween, liquidatable } from '../../../src/engine/index/queries.js';
import type { LiquidationIndex } from '../../../src/engine/index/state.js';
import { addToIndex } from '../../../src/engine/index/updates.js';
import { parseDecimal } from '../../../src/index.js';
import { expectLiqMathError } from '../../helpers.js';

const base = () => buildLiquidationIndex([{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 50000 }]);
const loose = (changes: unknown) => applyToIndex(base(), changes as IndexChange[]);

describe('position records', () => {
  it('ignore extra fields and inherited ones, and read each field once', () => {
    let reads = 0;
    const record = {
      id: 'g',
      symbol: 'BTC',
      side: 'long' as const,
      leverage: 10,
      get liquidationPrice() {
        reads += 1;
        return '51000';
      },
    };
    const inherited = Object.assign(Object.create({ liquidationPrice: 1 }), { id: 'h', symbol: 'BTC', side: 'long' });
    const index = buildLiquidationIndex([record]);
    expect(reads).toBe(1);
    expect(liquidatable(index, 'BTC', 50000)).toEqual(['g']);
    expectLiqMathError(() => buildLiquidationIndex([inherited]), 'MISSING_FIELD', 'positions[0].liquidationPrice');
  });

  it('report a repeated id at its second position, in input order', () => {
    const p = (id: string) => ({ id, symbol: 'X', side: 'short' as const, liquidationPrice: 1 });
    expectLiqMathError(
      () => buildLiquidationIndex([p('a'), p('b'), p('c'), p('b'), p('a')]),
      'DUPLICATE_ID',
      'positions[3].id',
    );
  });

  it('the shortcut price reader gives the full reader its value and its errors', () => {
    const text = fc.oneof(
      fc.stringMatching(/^[0-9.]{0,18}$/),
      fc.double({ min: 1e-20, max: 1e20, noNaN: true }).map(String),
      fc.integer({ min: -5, max: 2 ** 53 }),
    );
    fc.assert(
      fc.property(text, (raw) => {
        let expected: Big | string;
        try {
          expected = parseDecimal(raw, 'p', 'positive');
        } catch (error) {
          expected = (error as { code: string }).code;
        }
        let actual: Big | string;
        try {
          const read = readPrice(raw, 'p');
          actual = typeof read === 'number' ? new Big(String(read)) : read;
        } catch (error) {
          actual = (error as { code: string }).code;
        }
        if (typeof expected === 'string') expect(actual).toBe(expected);
        else expect(new Big(actual as Big).eq(expected)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('applyToIndex', () => {
  it('is all or nothing, and names the change that failed', () => {
    const before = base();
    expectLiqMathError(
      () =>
        applyToIndex(before, [
          { op: 'add', position: { id: 'b', symbol: 'BTC', side: 'long', liquidationPrice: 1 } },
          { op: 'add', position: { id: 'b', symbol: 'BTC', side: 'long', liquidationPrice: 2 } },
        ]),
      'DUPLICATE_ID',
      'changes[1].position.id',
    );
    expect(before.size).toBe(1);
    expectLiqMathError(
      () =>
        loose([
          { op: 'remove', id: 'a' },
          { op: 'remove', id: 'a' },
        ]),
      'UNKNOWN_ID',
      'changes[1].id',
    );
    expectLiqMathError(
      () => loose([{ op: 'replace', position: { id: 'z', symbol: 'BTC', side: 'long', liquidationPrice: 1 } }]),
      'UNKNOWN_ID',
      'changes[0].position.id',
    );
  });

  it('refuses malformed change records (they are strict) but not extra fields of positions', () => {
    expectLiqMathError(() => loose({}), 'INVALID_TYPE', 'changes');
    expectLiqMathError(() => loose([5]), 'INVALID_TYPE', 'changes[0]');
    expectLiqMathError(() => loose([{ id: 'a' }]), 'MISSING_FIELD', 'changes[0].op');
    expectLiqMathError(() => loose([{ op: 'upsert', id: 'a' }]), 'INVALID_OPTION', 'changes[0].op');
    expectLiqMathError(() => loose([{ op: 'remove', id: 'a', position: {} }]), 'UNKNOWN_FIELD', 'changes[0].position');
    expectLiqMathError(() => loose([{ op: 'add', postion: {} }]), 'UNKNOWN_FIELD', 'changes[0].postion');
    expectLiqMathError(() => loose([{ op: 'add' }]), 'INVALID_TYPE', 'changes[0].position');
    expectLiqMathError(
      () => loose([{ op: 'add', position: { id: 'b', symbol: 'BTC', side: 'long', liquidationPrice: 0 } }]),
      'NOT_POSITIVE',
      'changes[0].position.liquidationPrice',
    );
    const next = loose([
      { op: 'add', position: { id: 'b', symbol: 'BTC', side: 'long', liquidationPrice: 1, extra: 1 } },
    ]);
    expect(next.size).toBe(2);
    expect(Object.isFrozen(next)).toBe(true);
  });
});

describe('crossedBetween', () => {
  const index = buildLiquidationIndex([
    { id: 'l1', symbol: 'E', side: 'long', liquidationPrice: 100 },
    { id: 'l2', symbol: 'E', side: 'long', liquidationPrice: 90 },
    { id: 's1', symbol: 'E', side: 'short', liquidationPrice: 110 },
    { id: 's2', symbol: 'E', side: 'short', liquidationPrice: 120 },
  ]);

  it('includes the new mark and excludes the old one', () => {
    expect(crossedBetween(index, 'E', 100, 90)).toEqual(['l2']);
    expect(crossedBetween(index, 'E', '100.01', 90)).toEqual(['l1', 'l2']);
    expect(crossedBetween(index, 'E', 110, 120)).toEqual(['s2']);
    expect(crossedBetween(index, 'E', 100, 100)).toEqual([]);
    expect(crossedBetween(index, 'NONE', 200, 1)).toEqual([]);
    expect(Object.isFrozen(crossedBetween(index, 'E', 1, 200))).toBe(true);
  });

  it('validates its arguments', () => {
    expectLiqMathError(() => crossedBetween(index, 'E', 0, 1), 'NOT_POSITIVE', 'fromMark');
    expectLiqMathError(() => crossedBetween(index, 'E', 1, 'x'), 'INVALID_NUMBER', 'toMark');
    expectLiqMathError(() => crossedBetween(index, 5 as unknown as string, 1, 2), 'INVALID_TYPE', 'symbol');
    expectLiqMathError(() => crossedBetween({} as LiquidationIndex, 'E', 1, 2), 'INVALID_TYPE', 'index');
  });

  it('keeps older indexes after adds of new symbols', () => {
    const more = addToIndex(index, { id: 'n', symbol: 'NEW', side: 'short', liquidationPrice: 5 });
    expect(crossedBetween(more, 'NEW', 1, 6)).toEqual(['n']);
    expect(crossedBetween(index, 'NEW', 1, 6)).toEqual([]);
  });
});
