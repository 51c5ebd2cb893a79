/**
 * The liquidation index at exchange scale (issue 16): 1,000,000 positions over 10 symbols.
 * Interleaved rounds: each round runs every case once, in an order rotated from round to round,
 * and ratios are taken within a round, so a slow stretch of the machine hits both sides alike.
 * Reports the median and p10–p90 over rounds. Run: `node --expose-gc --import tsx bench/index-scale.ts`
 * (without --expose-gc, the memory column reads n/a). Nothing here is asserted.
 */
import Big from 'big.js';
import { applyToIndex, type IndexChange } from '../src/engine/index/batch.js';
import { buildLiquidationIndex } from '../src/engine/index/build.js';
import { crossedBetween, liquidatable } from '../src/engine/index/queries.js';
import type { IndexedPosition, LiquidationIndex } from '../src/engine/index/state.js';
import { addToIndex, removeFromIndex, replaceInIndex } from '../src/engine/index/updates.js';
import { book } from './index-tick.js';

const N = Number(process.env.BENCH_INDEX_N ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const UPDATES = 20_000;
const BATCH = 1_000;

const positions = book(N);
const keys = Float64Array.from(positions, (p) => Number(p.liquidationPrice));
const held = positions.map((p) => ({ ...p, price: new Big(p.liquidationPrice as string) }));
const gc = (globalThis as { gc?: () => void }).gc;

const now = () => Number(process.hrtime.bigint()) / 1e6;
const time = (run: () => unknown) => {
  const started = now();
  run();
  return now() - started;
};
const heap = () => {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

/** A replacement of position k: same id, another symbol, side and price. */
const moved = (k: number, salt: number): IndexedPosition => ({
  id: `p${k}`,
  symbol: `S${(k + salt) % 10}`,
  side: (k + salt) % 2 === 0 ? 'long' : 'short',
  liquidationPrice: (800 + ((k * 7 + salt) % 40000) / 100).toFixed(2),
});

let index: LiquidationIndex = buildLiquidationIndex(positions);
const rows: Record<string, number[]> = {};
const record = (name: string, value: number) => {
  rows[name] ??= [];
  rows[name].push(value);
};

const cases: [string, (round: number) => void][] = [
  [
    'build',
    () => {
      const native = time(() => keys.slice().sort());
      index = undefined as unknown as LiquidationIndex;
      const before = heap();
      const buildMs = time(() => {
        index = buildLiquidationIndex(positions);
      });
      if (gc !== undefined) record('build memory (MiB)', (heap() - before) / 2 ** 20);
      record('build (ms)', buildMs);
      record('native Float64Array sort (ms)', native);
      record('build ÷ native sort', buildMs / native);
    },
  ],
  [
    'single updates',
    (round) => {
      let next = index;
      const replaceMs = time(() => {
        for (let k = 0; k < UPDATES; k += 1) next = replaceInIndex(next, moved((k * 37) % N, round));
      });
      const addMs = time(() => {
        for (let k = 0; k < UPDATES; k += 1) next = addToIndex(next, { ...moved(k, round), id: `new${round}:${k}` });
      });
      const removeMs = time(() => {
        for (let k = 0; k < UPDATES; k += 1) next = removeFromIndex(next, `new${round}:${k}`);
      });
      record('replaceInIndex (updates/s)', (UPDATES / replaceMs) * 1000);
      record('addToIndex (updates/s)', (UPDATES / addMs) * 1000);
      record('removeFromIndex (updates/s)', (UPDATES / removeMs) * 1000);
    },
  ],
  [
    'batch',
    (round) => {
      const batches: IndexChange[][] = [];
      for (let b = 0; b < UPDATES / BATCH; b += 1) {
        batches.push(
          Array.from({ length: BATCH }, (_, j) => ({
            op: 'replace',
            position: moved(((b * BATCH + j) * 53) % N, round),
          })),
        );
      }
      let next = index;
      const ms = time(() => {
        for (const changes of batches) next = applyToIndex(next, changes);
      });
      record(`applyToIndex, batches of ${BATCH} replaces (updates/s)`, (UPDATES / ms) * 1000);
    },
  ],
  [
    'tick',
    () => {
      const mark = new Big('990');
      const rescan = () =>
        held
          .filter((p) => p.symbol === 'S3' && (p.side === 'long' ? p.price.gte(mark) : p.price.lte(mark)))
          .map((p) => p.id);
      const hits = liquidatable(index, 'S3', '990').length;
      if (hits !== rescan().length) throw new Error('index and rescan disagree');
      const tickMs =
        time(() => {
          for (let k = 0; k < 200; k += 1) liquidatable(index, 'S3', '990');
        }) / 200;
      const jumpMs =
        time(() => {
          for (let k = 0; k < 200; k += 1) crossedBetween(index, 'S3', '1000', '990');
        }) / 200;
      const rescanMs = time(() => rescan());
      record(`tick, ${hits} ids (µs)`, tickMs * 1000);
      record('crossedBetween 1000 → 990 (µs)', jumpMs * 1000);
      record('full rescan (ms)', rescanMs);
      record('rescan ÷ tick', rescanMs / tickMs);
    },
  ],
];

const started = now();
for (let round = 0; round < ROUNDS; round += 1) {
  for (let c = 0; c < cases.length; c += 1) {
    const [, run] = cases[(c + round) % cases.length] as [string, (round: number) => void];
    run(round);
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))] as number;
const show = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en') : value.toPrecision(3));
console.log(
  `Liquidation index, ${N.toLocaleString('en')} positions over 10 symbols, ${ROUNDS} interleaved rounds, Node ${process.version}`,
);
console.log(`${'measure'.padEnd(50)} ${'median'.padStart(12)}   p10 – p90`);
for (const [name, values] of Object.entries(rows)) {
  const sorted = [...values].sort((a, b) => a - b);
  const spread = `${show(quantile(sorted, 0.1))} – ${show(quantile(sorted, 0.9))}`;
  console.log(`${name.padEnd(50)} ${show(quantile(sorted, 0.5)).padStart(12)}   ${spread}`);
}
console.log(`(total ${((now() - started) / 1000).toFixed(0)} s)`);
