/**
 * `npm run bench:cascade`: the cascade simulator at exchange scale — a synthetic book of
 * 100,000 positions and accounts over 10 markets (80% isolated positions, 20% cross accounts of
 * two or three markets, both sides, leverage 2x–50x), a 20% fall of every market in 100 steps
 * with linear impact. Prints the time to build the book, the time of the run, the heap used, and
 * what the cascade did. Timings are this machine's; nothing is asserted.
 *
 * Flags: `--entries N` (default 100,000), `--steps N` (default 100), `--json`.
 */
import { performance } from 'node:perf_hooks';
import { seeded } from '../src/cli/sweep.js';
import {
  type BookAccount,
  type BookPosition,
  defineBook,
  defineMarket,
  defineTiers,
  type Market,
  simulateCascade,
} from '../src/index.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const k = argv.indexOf(`--${name}`);
  return k === -1 ? fallback : Number(argv[k + 1]);
};
const entries = flag('entries', 100_000);
const steps = flag('steps', 100);

const tiers = defineTiers([
  { cap: 1_000_000, maintenanceMarginRate: '0.004', maxLeverage: 100 },
  { cap: 5_000_000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
  { cap: null, maintenanceMarginRate: '0.025', maxLeverage: 20 },
]);
const markets: Market[] = Array.from({ length: 10 }, (_, k) =>
  defineMarket({ symbol: `M${k}`, contract: 'linear', settle: 'USDT', tiers, tickSize: '0.01' }),
);
const marks = Object.fromEntries(markets.map((m, k) => [m.symbol, 100 * (k + 1)]));
const next = seeded(42);

export function syntheticBook(n: number) {
  const positions: BookPosition[] = [];
  const accounts: BookAccount[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = `e${i}`;
    const pick = () => markets[Math.floor(next() * markets.length)] as Market;
    const side = next() < 0.6 ? ('long' as const) : ('short' as const);
    const leverage = 2 + Math.floor(next() * 48);
    if (i % 5 !== 0) {
      const market = pick();
      const mark = marks[market.symbol] as number;
      const entryPrice = (mark * (0.97 + next() * 0.06)).toFixed(2);
      const size = (1 + next() * 50).toFixed(3);
      positions.push({ id, market, side, size, entryPrice, leverage });
    } else {
      const legs = new Map<string, { market: Market; side: 'long' | 'short'; size: string; entryPrice: string }>();
      const count = 2 + Math.floor(next() * 2);
      let gross = 0;
      for (let k = 0; k < count; k += 1) {
        const market = pick();
        if (legs.has(market.symbol)) continue;
        const mark = marks[market.symbol] as number;
        const size = 1 + next() * 50;
        gross += size * mark;
        legs.set(market.symbol, {
          market,
          side: next() < 0.6 ? 'long' : 'short',
          size: size.toFixed(3),
          entryPrice: (mark * (0.97 + next() * 0.06)).toFixed(2),
        });
      }
      accounts.push({ id, collateral: (gross / leverage).toFixed(2), positions: [...legs.values()] });
    }
  }
  return { marks, positions, accounts, insuranceFund: { USDT: 5_000_000 } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const input = syntheticBook(entries);
  const t0 = performance.now();
  const book = defineBook(input);
  const t1 = performance.now();
  const shock = Object.fromEntries(markets.map((m) => [m.symbol, '-0.2']));
  const result = simulateCascade(
    book,
    { steps, shock },
    { impact: { kind: 'linear', lambda: '1e-9' }, liquidationFeeRate: '0.005' },
  );
  const t2 = performance.now();
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  const summary = {
    entries,
    steps,
    buildSeconds: (t1 - t0) / 1000,
    runSeconds: (t2 - t1) / 1000,
    heapMiB: heap,
    liquidations: result.liquidations,
    badDebt: result.badDebt.USDT?.toFixed(2),
    deleveraged: result.deleveraged,
    amplificationM0: result.amplification.M0?.toFixed(4),
  };
  console.log(argv.includes('--json') ? JSON.stringify(summary) : summary);
}
