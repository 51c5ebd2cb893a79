/**
 * The liquidation index on a book of many positions: build time, and one mark tick answered by
 * the index against a full rescan of the book (the baseline a backend without an index runs).
 * Both sides start from data already in memory: the rescan gets its prices as Bigs, parsed
 * before the clock starts, as a backend would hold them.
 */
import Big from 'big.js';
import { buildLiquidationIndex, type IndexedPosition, liquidatable } from '../src/index.js';

const SYMBOLS = 10;

/** A deterministic book: prices spread ±20% around 1,000 per symbol, half long, half short. */
export function book(n: number): IndexedPosition[] {
  let seed = 20261124;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from({ length: n }, (_, k) => {
    const long = next() < 0.5;
    const distance = 0.2 * next();
    const price = long ? 1000 * (1 - distance) : 1000 * (1 + distance);
    return {
      id: `p${k}`,
      symbol: `S${k % SYMBOLS}`,
      side: long ? 'long' : 'short',
      liquidationPrice: price.toFixed(2),
    };
  });
}

function timeMs(run: () => unknown, repeat: number): number {
  run();
  const started = process.hrtime.bigint();
  for (let k = 0; k < repeat; k += 1) run();
  return Number(process.hrtime.bigint() - started) / 1e6 / repeat;
}

export interface IndexTickResult {
  readonly positions: number;
  readonly buildMs: number;
  readonly tickMs: number;
  readonly rescanMs: number;
  readonly hits: number;
}

/** Measures one build, then a tick on one symbol (mark 1% below 1,000) with the index and by rescanning. */
export function measureIndexTick(n: number): IndexTickResult {
  const positions = book(n);
  const startedBuild = process.hrtime.bigint();
  const index = buildLiquidationIndex(positions);
  const buildMs = Number(process.hrtime.bigint() - startedBuild) / 1e6;
  const held = positions.map((p) => ({ ...p, price: new Big(p.liquidationPrice as string) }));
  const mark = new Big('990');
  const rescan = () =>
    held
      .filter((p) => p.symbol === 'S3' && (p.side === 'long' ? p.price.gte(mark) : p.price.lte(mark)))
      .map((p) => p.id);
  const hits = liquidatable(index, 'S3', '990').length;
  if (hits !== rescan().length) throw new Error('index and rescan disagree');
  return {
    positions: n,
    buildMs,
    tickMs: timeMs(() => liquidatable(index, 'S3', '990'), 200),
    rescanMs: timeMs(rescan, 3),
    hits,
  };
}
