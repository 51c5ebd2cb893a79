/**
 * The liquidation index against a brute-force model: random interleavings of build, add, remove,
 * replace, batch and both tick queries, with snapshots kept along the way and checked unchanged
 * after later updates. Small trees (few symbols, many positions) so that leaves split and merge.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyToIndex, type IndexChange } from '../../../src/engine/index/batch.js';
import { buildLiquidationIndex } from '../../../src/engine/index/build.js';
import { crossedBetween, liquidatable } from '../../../src/engine/index/queries.js';
import type { IndexedPosition, LiquidationIndex } from '../../../src/engine/index/state.js';
import { addToIndex, removeFromIndex, replaceInIndex } from '../../../src/engine/index/updates.js';

const SYMBOLS = ['BTC', 'ETH'] as const;

/** Prices on a coarse grid (many ties), some with digits beyond a double (exact tie-breaks). */
const price = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => new Big(n).div(4).toString()) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 9 }).map((n) => `5.0000000000000000000${n}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map((n) => n / 4) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const fields = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  side: fc.constantFrom('long' as const, 'short' as const),
  liquidationPrice: price,
});
const mark = fc.oneof(
  fc.integer({ min: 1, max: 42 }).map((n) => new Big(n).div(4).toString()),
  fc.integer({ min: 0, max: 10 }).map((n) => `5.00000000000000000000${n}5`),
);

type Op =
  | { kind: 'add'; fields: Omit<IndexedPosition, 'id'> }
  | { kind: 'remove' | 'replace'; pick: number; fields: Omit<IndexedPosition, 'id'> }
  | {
      kind: 'batch';
      steps: { kind: 'add' | 'remove' | 'replace'; pick: number; fields: Omit<IndexedPosition, 'id'> }[];
    }
  | { kind: 'tick'; symbol: string; mark: string }
  | { kind: 'jump'; symbol: string; from: string; to: string }
  | { kind: 'rebuild' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fields.map((f) => ({ kind: 'add' as const, fields: f })) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constantFrom('remove' as const, 'replace' as const), pick: fc.nat(), fields }),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.record({
          kind: fc.constantFrom('add' as const, 'remove' as const, 'replace' as const),
          pick: fc.nat(),
          fields,
        }),
        {
          maxLength: 12,
        },
      )
      .map((steps) => ({ kind: 'batch' as const, steps })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), symbol: fc.constantFrom(...SYMBOLS, 'XRP'), mark }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('jump' as const),
      symbol: fc.constantFrom(...SYMBOLS),
      from: mark,
      to: mark,
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'rebuild' as const }) },
);

/** The definition of `liquidatable`: a scan in the documented order. */
function scan(book: readonly IndexedPosition[], symbol: string, at: Big): string[] {
  const priced = book.filter((p) => p.symbol === symbol && p.liquidationPrice !== null);
  const value = (p: IndexedPosition) => new Big(p.liquidationPrice as string | number);
  const byId = (a: IndexedPosition, b: IndexedPosition) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const longs = priced
    .filter((p) => p.side === 'long' && value(p).gte(at))
    .sort((a, b) => value(b).cmp(value(a)) || byId(a, b));
  const shorts = priced
    .filter((p) => p.side === 'short' && value(p).lte(at))
    .sort((a, b) => value(a).cmp(value(b)) || byId(a, b));
  return [...longs, ...shorts].map((p) => p.id);
}

/** The definition of `crossedBetween`: reached at `to`, not at `from`. */
function crossed(book: readonly IndexedPosition[], symbol: string, from: Big, to: Big): string[] {
  const before = new Set(scan(book, symbol, from));
  return scan(book, symbol, to).filter((id) => !before.has(id));
}

interface Snapshot {
  readonly index: LiquidationIndex;
  readonly book: readonly IndexedPosition[];
}

function checkSnapshot({ index, book }: Snapshot, at: Big): void {
  expect(index.size).toBe(book.length);
  for (const symbol of SYMBOLS) expect(liquidatable(index, symbol, at)).toEqual(scan(book, symbol, at));
}

describe('liquidation index against a brute-force model', () => {
  it('agrees after random interleavings of every operation; old snapshots never change', () => {
    let operations = 0;
    fc.assert(
      fc.property(
        fc.array(fields, { maxLength: 150 }),
        fc.array(op, { minLength: 100, maxLength: 250 }),
        (initial, ops) => {
          let next = 0;
          const fresh = () => `id${(next++ * 7919) % 100003}`;
          let book: IndexedPosition[] = initial.map((f) => ({ ...f, id: fresh() }));
          let index = buildLiquidationIndex(book);
          const snapshots: Snapshot[] = [{ index, book }];
          for (const step of ops) {
            operations += 1;
            const target = (pick: number) => book[pick % Math.max(book.length, 1)];
            if (step.kind === 'add') {
              const added = { ...step.fields, id: fresh() };
              index = addToIndex(index, added);
              book = [...book, added];
            } else if (step.kind === 'remove' || step.kind === 'replace') {
              const victim = target(step.pick);
              if (victim === undefined) continue;
              if (step.kind === 'remove') {
                index = removeFromIndex(index, victim.id);
                book = book.filter((p) => p.id !== victim.id);
              } else {
                const replaced = { ...step.fields, id: victim.id };
                index = replaceInIndex(index, replaced);
                book = book.map((p) => (p.id === victim.id ? replaced : p));
              }
            } else if (step.kind === 'batch') {
              const changes: IndexChange[] = [];
              for (const change of step.steps) {
                const victim = target(change.pick);
                if (change.kind === 'add' || victim === undefined) {
                  const added = { ...change.fields, id: fresh() };
                  changes.push({ op: 'add', position: added });
                  book = [...book, added];
                } else if (change.kind === 'remove') {
                  changes.push({ op: 'remove', id: victim.id });
                  book = book.filter((p) => p.id !== victim.id);
                } else {
                  const replaced = { ...change.fields, id: victim.id };
                  changes.push({ op: 'replace', position: replaced });
                  book = book.map((p) => (p.id === victim.id ? replaced : p));
                }
              }
              index = applyToIndex(index, changes);
            } else if (step.kind === 'tick') {
              const at = new Big(step.mark);
              expect(liquidatable(index, step.symbol, step.mark)).toEqual(scan(book, step.symbol, at));
            } else if (step.kind === 'jump') {
              const expected = crossed(book, step.symbol, new Big(step.from), new Big(step.to));
              expect(crossedBetween(index, step.symbol, step.from, step.to)).toEqual(expected);
            } else {
              index = buildLiquidationIndex(book);
            }
            if (operations % 40 === 0) snapshots.push({ index, book });
          }
          snapshots.push({ index, book });
          for (const snapshot of snapshots)
            for (const at of ['0.25', '5', '5.000000000000000000005', '10']) {
              checkSnapshot(snapshot, new Big(at));
            }
        },
      ),
      { numRuns: 100 },
    );
    // The run must exercise at least 10,000 operations (100 runs × 100 to 250 each).
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('splits and merges deep trees: 5,000 positions in one bucket, then removed in random order', () => {
    const book = Array.from({ length: 5000 }, (_, k) => ({
      id: `p${k}`,
      symbol: 'X',
      side: 'long' as const,
      liquidationPrice: String(1 + (k % 97)),
    }));
    let index = buildLiquidationIndex([]);
    for (const position of book) index = addToIndex(index, position);
    const full = index;
    const order = fc.sample(fc.shuffledSubarray(book, { minLength: book.length, maxLength: book.length }), {
      numRuns: 1,
      seed: 7,
    })[0] as typeof book;
    const left = new Set(book.map((p) => p.id));
    for (const [k, position] of order.entries()) {
      index = removeFromIndex(index, position.id);
      left.delete(position.id);
      if (k % 500 === 0) {
        const live = book.filter((p) => left.has(p.id));
        expect(liquidatable(index, 'X', 50)).toEqual(scan(live, 'X', new Big(50)));
      }
    }
    expect(index.size).toBe(0);
    expect(liquidatable(index, 'X', 1)).toEqual([]);
    expect(liquidatable(full, 'X', 1)).toEqual(scan(book, 'X', new Big(1)));
  });
});
