import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToIndex,
  buildLiquidationIndex,
  type IndexedPosition,
  type LiquidationIndex,
  liquidatable,
  removeFromIndex,
  replaceInIndex,
} from '../../../src/index.js';
import { expectLiqMathError } from '../../helpers.js';

const position = fc.record({
  symbol: fc.constantFrom('BTC', 'ETH', 'SOL'),
  side: fc.constantFrom('long' as const, 'short' as const),
  liquidationPrice: fc.option(
    fc.integer({ min: 1, max: 200 }).map((n) => new Big(n).div(4).toString()),
    { nil: null, freq: 8 },
  ),
});

/**
 * The definition: every position of the symbol whose price the mark has reached, in the documented
 * order: longs deepest first (price descending), then shorts (price ascending), equal prices by id.
 */
function scan(positions: readonly IndexedPosition[], symbol: string, mark: Big): string[] {
  const reached = positions
    .filter((p) => p.symbol === symbol && p.liquidationPrice !== null)
    .filter((p) =>
      p.side === 'long' ? mark.lte(p.liquidationPrice as string) : mark.gte(p.liquidationPrice as string),
    );
  const byId = (a: IndexedPosition, b: IndexedPosition) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const price = (p: IndexedPosition) => new Big(p.liquidationPrice as string);
  const longs = reached.filter((p) => p.side === 'long').sort((a, b) => price(b).cmp(price(a)) || byId(a, b));
  const shorts = reached.filter((p) => p.side === 'short').sort((a, b) => price(a).cmp(price(b)) || byId(a, b));
  return [...longs, ...shorts].map((p) => p.id);
}

describe('liquidation index', () => {
  it('answers equal a brute-force scan, also after adds, removes and replaces', () => {
    fc.assert(
      fc.property(
        fc.array(position, { maxLength: 60 }),
        fc.array(fc.tuple(fc.constantFrom('add', 'remove', 'replace'), fc.nat(), position), { maxLength: 20 }),
        fc.array(fc.tuple(fc.constantFrom('BTC', 'ETH', 'SOL', 'XRP'), fc.integer({ min: 1, max: 210 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (initial, updates, queries) => {
          let book: IndexedPosition[] = initial.map((p, k) => ({ ...p, id: `p${k}` }));
          let index: LiquidationIndex = buildLiquidationIndex(book);
          let next = book.length;
          for (const [kind, pick, fresh] of updates) {
            const target = book[pick % Math.max(book.length, 1)];
            if (kind === 'add' || target === undefined) {
              const added = { ...fresh, id: `p${next++}` };
              index = addToIndex(index, added);
              book = [...book, added];
            } else if (kind === 'remove') {
              index = removeFromIndex(index, target.id);
              book = book.filter((p) => p.id !== target.id);
            } else {
              const replaced = { ...fresh, id: target.id };
              index = replaceInIndex(index, replaced);
              book = book.map((p) => (p.id === target.id ? replaced : p));
            }
          }
          expect(index.size).toBe(book.length);
          for (const [symbol, quarters] of queries) {
            const mark = new Big(quarters).div(4);
            expect(liquidatable(index, symbol, mark)).toEqual(scan(book, symbol, mark));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('orders prices that differ beyond a double exactly (the double sort key only breaks ties it can see)', () => {
    // All three round to the same double, 1.0000000000000000000 to 17 digits.
    const index = buildLiquidationIndex([
      { id: 'mid', symbol: 'X', side: 'long', liquidationPrice: '1.00000000000000000002' },
      { id: 'low', symbol: 'X', side: 'long', liquidationPrice: '1.00000000000000000001' },
      { id: 'high', symbol: 'X', side: 'long', liquidationPrice: '1.00000000000000000003' },
      { id: 's-high', symbol: 'X', side: 'short', liquidationPrice: '1.00000000000000000003' },
      { id: 's-low', symbol: 'X', side: 'short', liquidationPrice: '1.00000000000000000001' },
    ]);
    expect(liquidatable(index, 'X', '1.00000000000000000002')).toEqual(['high', 'mid', 's-low']);
    expect(liquidatable(index, 'X', '1.000000000000000000025')).toEqual(['high', 's-low']);
    expect(liquidatable(index, 'X', '1.000000000000000000015')).toEqual(['high', 'mid', 's-low']);
    expect(liquidatable(index, 'X', '0.5')).toEqual(['high', 'mid', 'low']);
    expect(liquidatable(index, 'X', '2')).toEqual(['s-low', 's-high']);
  });

  it('breaks price ties by id exactly: long shared prefixes, prefixes of one another, unicode', () => {
    // The build orders ties by a numeric code of 7 units after the prefix all ids share, then by
    // the strings where codes are equal; the answer must be plain JavaScript string order.
    const ids = [
      'account-0000042:BTCUSDT:b',
      'account-0000042:BTCUSDT:a',
      'account-0000042:BTCUSDT',
      'account-0000042:BTC',
      'account-000004',
      'account-0000042:BTCUSDT:\u00e9',
      'account-0000042:BTCUSDT:\u{1f600}',
      'account-0000042:BTCUSDT:\uffff',
      'account-\u00e9',
      'account-\u00e8z',
      'account-',
      'account-1',
      'account-10',
      'account-9',
    ];
    const sorted = [...ids].sort();
    for (const side of ['long', 'short'] as const) {
      const index = buildLiquidationIndex(ids.map((id) => ({ id, symbol: 'X', side, liquidationPrice: '100' })));
      expect(liquidatable(index, 'X', '100')).toEqual(sorted);
      // Updates place ties by the same order.
      const rebuilt = ids.reduce<LiquidationIndex>(
        (built, id) => addToIndex(built, { id, symbol: 'X', side, liquidationPrice: '100' }),
        buildLiquidationIndex([]),
      );
      expect(liquidatable(rebuilt, 'X', '100')).toEqual(sorted);
    }
  });

  it('orders short prices whose doubles differ only in the lowest bits (the sort truncates them)', () => {
    const prices = ['1.00000000000003', '1.00000000000001', '1.00000000000002', '1.00000000000001'];
    const index = buildLiquidationIndex(
      prices.map((liquidationPrice, k) => ({ id: `p${k}`, symbol: 'X', side: 'short', liquidationPrice })),
    );
    expect(liquidatable(index, 'X', '2')).toEqual(['p1', 'p3', 'p2', 'p0']);
    const longs = buildLiquidationIndex(
      prices.map((liquidationPrice, k) => ({ id: `p${k}`, symbol: 'X', side: 'long', liquidationPrice })),
    );
    expect(liquidatable(longs, 'X', '1')).toEqual(['p0', 'p2', 'p1', 'p3']);
  });

  it('orders the deepest first and keeps older indexes unchanged', () => {
    const first = buildLiquidationIndex([
      { id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 50000 },
      { id: 'b', symbol: 'BTC', side: 'long', liquidationPrice: 51000 },
      { id: 'c', symbol: 'BTC', side: 'short', liquidationPrice: 52000 },
      { id: 'd', symbol: 'BTC', side: 'short', liquidationPrice: 53000 },
    ]);
    expect(liquidatable(first, 'BTC', 49000)).toEqual(['b', 'a']);
    expect(liquidatable(first, 'BTC', 51500)).toEqual([]);
    expect(liquidatable(first, 'BTC', 53000)).toEqual(['c', 'd']);
    const second = removeFromIndex(first, 'b');
    expect(liquidatable(second, 'BTC', 49000)).toEqual(['a']);
    expect(liquidatable(first, 'BTC', 49000)).toEqual(['b', 'a']);
    expect(Object.isFrozen(first) && Object.isFrozen(liquidatable(first, 'BTC', 1))).toBe(true);
  });

  it('bad input', () => {
    const index = buildLiquidationIndex([{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: null }]);
    expectLiqMathError(
      () =>
        buildLiquidationIndex([
          { id: 'a', symbol: 'X', side: 'long', liquidationPrice: 1 },
          { id: 'a', symbol: 'X', side: 'long', liquidationPrice: 2 },
        ]),
      'DUPLICATE_ID',
      'positions[1].id',
    );
    expectLiqMathError(
      () => addToIndex(index, { id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 1 }),
      'DUPLICATE_ID',
      'position.id',
    );
    expectLiqMathError(() => removeFromIndex(index, 'zz'), 'UNKNOWN_ID', 'id');
    expectLiqMathError(() => liquidatable(index, 'BTC', 0), 'NOT_POSITIVE', 'markPrice');
    expectLiqMathError(
      () => liquidatable({ size: 0 } as unknown as LiquidationIndex, 'BTC', 1),
      'INVALID_TYPE',
      'index',
    );
    expectLiqMathError(() => liquidatable(null as unknown as LiquidationIndex, 'BTC', 1), 'INVALID_TYPE', 'index');
    expectLiqMathError(() => liquidatable(index, 5 as unknown as string, 1), 'INVALID_TYPE', 'symbol');
    expectLiqMathError(
      () => replaceInIndex(index, { id: 'zz', symbol: 'BTC', side: 'long', liquidationPrice: 1 }),
      'UNKNOWN_ID',
      'position.id',
    );
    const loose = addToIndex as (index: LiquidationIndex, position: unknown) => LiquidationIndex;
    expectLiqMathError(
      () => loose(index, { id: 5, symbol: 'BTC', side: 'long', liquidationPrice: 1 }),
      'INVALID_TYPE',
      'position.id',
    );
    expectLiqMathError(
      () => loose(index, { id: 'b', symbol: 5, side: 'long', liquidationPrice: 1 }),
      'INVALID_TYPE',
      'position.symbol',
    );
    expectLiqMathError(
      () => loose(index, { id: 'b', symbol: 'BTC', side: 'long' }),
      'MISSING_FIELD',
      'position.liquidationPrice',
    );
    expectLiqMathError(
      () => addToIndex(index, { id: 'b', symbol: 'BTC', side: 'long', liquidationPrice: -1 }),
      'NOT_POSITIVE',
      'position.liquidationPrice',
    );
  });
});
