/**
 * `npm run bench`: liqmath against baselines measured in the same run, printed as ratios.
 * Timings are this machine's; the ratios are what to compare across machines. Nothing here is
 * asserted: speed is measured, never tested.
 */
import os from 'node:os';
import Big from 'big.js';
import { Bench } from 'tinybench';
import { toDecimal } from '../src/core/decimal.js';
import {
  crossLiquidationPrices,
  defineMarket,
  defineTiers,
  liquidationPrice,
  type Market,
  minimumCloseSize,
  tierFor,
} from '../src/index.js';
import { type BigTier, floatLiquidationPrice, naiveBigLiquidationPrice, type PlainTier } from './baselines.js';
import { measureIndexTick } from './index-tick.js';
import { binance2024Rows } from './tables.js';

const rows = binance2024Rows();
const table = defineTiers(rows);
const linear = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers: table });
// Inverse: the same brackets read as coin notionals (divided by 50,000), contract size 1 USD.
const coinRows = rows.map((r) => ({
  ...r,
  cap: r.cap === null ? null : new Big(r.cap as string).div(50000).toString(),
  maintenanceAmount: new Big(r.maintenanceAmount as string).div(50000).toString(),
}));
const inverse = defineMarket({ symbol: 'BTCUSD', contract: 'inverse', settle: 'BTC', tiers: defineTiers(coinRows) });

const plain = (t: typeof table): PlainTier[] =>
  t.tiers.map((x) => ({
    floor: Number(x.floor),
    cap: x.cap === null ? null : Number(x.cap),
    rate: Number(x.maintenanceMarginRate),
    amount: Number(x.maintenanceAmount),
  }));
const big = (t: typeof table): BigTier[] =>
  t.tiers.map((x) => ({
    floor: new Big(x.floor.toString()),
    cap: x.cap === null ? null : new Big(x.cap.toString()),
    rate: new Big(x.maintenanceMarginRate.toString()),
    amount: new Big(x.maintenanceAmount.toString()),
  }));

// A long of 100 BTC at 60,000 (6M notional, tier 4) with 10x margin: liquidates in tier 4.
const linearPosition = { side: 'long', size: '100', entryPrice: '60000', margin: '600000' } as const;
const inversePosition = { side: 'long', size: '6000000', entryPrice: '60000', margin: '10' } as const;

function crossAccount(n: number) {
  const markets: Market[] = Array.from({ length: 10 }, (_, k) =>
    defineMarket({ symbol: `S${k}`, contract: 'linear', settle: 'USDT', tiers: table }),
  );
  return {
    collateral: String(2000 * n),
    positions: Array.from({ length: n }, (_, k) => ({
      market: markets[k % 10] as Market,
      side: k % 3 === 0 ? ('short' as const) : ('long' as const),
      size: String(1 + (k % 7)),
      entryPrice: String(1000 + k),
      markPrice: String(1000 + (k % 10) * 5),
    })),
  };
}

/** Counts big.js operations during one call by wrapping the shared prototype (all constructors share it). */
function countOperations(run: () => unknown): number {
  const proto = Object.getPrototypeOf(new Big(0)) as Record<string, unknown>;
  const names = ['abs', 'cmp', 'div', 'eq', 'gt', 'gte', 'lt', 'lte', 'minus', 'mod', 'plus', 'round', 'times'];
  const saved = names.map((name) => proto[name]);
  let count = 0;
  names.forEach((name, k) => {
    const original = saved[k] as (...args: unknown[]) => unknown;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      count += 1;
      return original.apply(this, args);
    };
  });
  try {
    run();
  } finally {
    names.forEach((name, k) => {
      proto[name] = saved[k];
    });
  }
  return count;
}

async function main(): Promise<void> {
  const bench = new Bench({ time: Number(process.env.BENCH_MS ?? 400) });
  // Baselines get their tables converted once, outside the timed calls (as liqmath's defineTiers is).
  const floatLinear = plain(table);
  const floatInverse = plain(inverse.tiers as typeof table);
  const bigLinear = big(table);
  const bigInverse = big(inverse.tiers as typeof table);
  const cases: [string, () => unknown][] = [
    ['isolated linear, 12 tiers: liqmath', () => liquidationPrice(linear, linearPosition)],
    ['isolated linear: float closed form', () => floatLiquidationPrice(floatLinear, 'linear', 1, 100, 60000, 600000)],
    [
      'isolated linear: naive big.js, every tier',
      () => naiveBigLiquidationPrice(bigLinear, 'linear', 1, '100', '60000', '600000'),
    ],
    ['isolated inverse, 12 tiers: liqmath', () => liquidationPrice(inverse, inversePosition)],
    [
      'isolated inverse: float closed form',
      () => floatLiquidationPrice(floatInverse, 'inverse', 1, 6000000, 60000, 10),
    ],
    [
      'isolated inverse: naive big.js, every tier',
      () => naiveBigLiquidationPrice(bigInverse, 'inverse', 1, '6000000', '60000', '10'),
    ],
    [
      'minimum close size (linear)',
      () => minimumCloseSize(linear, { ...linearPosition, margin: '100000' }, { markPrice: 59500, feeRate: '0.001' }),
    ],
    ['tier lookup (12 tiers)', () => tierFor(table, '7500000')],
    ['parse string', () => toDecimal('60123.45', 'x')],
    ['parse number', () => toDecimal(60123.45, 'x')],
    ['parse Big', () => toDecimal(new Big('60123.45'), 'x')],
  ];
  for (const n of [10, 100, 1000]) {
    const account = crossAccount(n);
    cases.push([`cross, all symbols, N=${n}`, () => crossLiquidationPrices(account)]);
  }
  for (const [name, run] of cases) bench.add(name, run);
  await bench.run();
  const mean = (name: string) => {
    const result = bench.tasks.find((t) => t.name === name)?.result;
    return result !== undefined && 'latency' in result ? result.latency.mean : Number.NaN;
  };
  const rowsOut = cases.map(([name, run]) => ({
    case: name,
    'ops/s': Math.round(1000 / mean(name)).toLocaleString('en'),
    'µs/op': (mean(name) * 1000).toFixed(2),
    'big.js ops': name.includes('float') ? '-' : countOperations(run),
  }));
  console.log(`liqmath bench — ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, Node ${process.version}`);
  console.table(rowsOut);
  const ratio = (a: string, b: string) => (mean(a) / mean(b)).toFixed(2);
  console.log('Ratios (same run):');
  console.log(
    `  isolated linear:  naive / liqmath = ${ratio('isolated linear: naive big.js, every tier', 'isolated linear, 12 tiers: liqmath')}× (target ≥ 3)   liqmath / float = ${ratio('isolated linear, 12 tiers: liqmath', 'isolated linear: float closed form')}× (target ≤ 30)`,
  );
  console.log(
    `  isolated inverse: naive / liqmath = ${ratio('isolated inverse: naive big.js, every tier', 'isolated inverse, 12 tiers: liqmath')}× (target ≥ 3)   liqmath / float = ${ratio('isolated inverse, 12 tiers: liqmath', 'isolated inverse: float closed form')}× (target ≤ 30)`,
  );
  console.log(
    `  cross N=1000 / N=10 = ${ratio('cross, all symbols, N=1000', 'cross, all symbols, N=10')}× (target ≤ 120)`,
  );
  const book = measureIndexTick(Number(process.env.BENCH_INDEX_N ?? 1_000_000));
  console.log(
    `Liquidation index, ${book.positions.toLocaleString('en')} positions over 10 symbols: build ${(book.buildMs / 1000).toFixed(2)} s; ` +
      `one tick (${book.hits} liquidatable) ${(book.tickMs * 1000).toFixed(1)} µs vs full rescan ${book.rescanMs.toFixed(1)} ms = ` +
      `${(book.rescanMs / book.tickMs).toFixed(0)}× faster (target ≥ 1,000)`,
  );
}

await main();
