/**
 * `npm run bench`: liqmath against baselines measured in the same run, printed as ratios.
 * Timings are this machine's; the ratios are what to compare across machines. Nothing here is
 * asserted: speed is measured, never tested.
 *
 * Flags: `--rounds N` (measured rounds, default 60), `--quick` (5 rounds, shorter samples, a
 * 100,000-position index: a smoke run), `--json` (one JSON document on stdout), `--no-index`
 * (skip the liquidation index). `BENCH_INDEX_N` sets the index size (default 1,000,000).
 *
 * ## How the benchmark measures
 *
 * Cases run interleaved in rounds: each round times every case of its group once, in an order
 * rotated by one case per round and reversed every other round; warm-up rounds are discarded.
 * One sample is one timed batch of calls whose size is calibrated once per case at the start so
 * that a sample lasts about 10 ms: the clock and the harness cost nothing measurable even for
 * the ~25 ns float closed form, which runs in its own loop with a direct, inlinable call. Every
 * result is folded into a number that outlives the run (a black hole), so no work is dropped.
 * Isolated cases cycle through 16 positions (entries 60,000 + 25·k, one tier), the same for
 * liqmath and every baseline. Ratios are taken per round between cases of the same round (A's
 * time ÷ B's time), so drift of the shared machine cancels; each ratio and each time is reported
 * as the median over rounds with the 10th–90th percentiles. Baselines: the float closed form
 * (wrong in the last digits; the arithmetic's speed limit), a naive big.js reference (every tier
 * tried, global Big at 20 places) and the frozen pre-v2 engine (test/legacy). big.js calls per
 * call are counted for those two big.js baselines only (once, after the timing, by wrapping
 * big.js's shared prototype): liqmath's engine does not compute in big.js, so a count of its
 * big.js calls would not measure its work.
 */
import os from 'node:os';
import type Big from 'big.js';
import BigJs from 'big.js';
import type { CrossAccount, IsolatedPosition, Market } from '../src/index.js';
import * as lib from '../src/index.js';
import * as legacy from '../test/legacy/index.js';
import { floatLiquidationBatch, naiveBigLiquidationPrice } from './baselines.js';
import { type BenchCase, blackHole, type RoundsResult, repeat, runRounds, type Spread } from './harness.js';
import { measureIndexTick } from './index-tick.js';
import { crossAccount, type IsolatedSetup, inverseSetup, linearSetup, VARIANTS } from './tables.js';

// ---------------------------------------------------------------------------------------------
// Options

function readFlags(argv: readonly string[]) {
  const has = (flag: string) => argv.includes(flag);
  const quick = has('--quick');
  const at = argv.indexOf('--rounds');
  const rounds = at >= 0 ? Number(argv[at + 1]) : quick ? 5 : 60;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a positive integer');
  return {
    quick,
    json: has('--json'),
    index: !has('--no-index'),
    rounds,
    warmupRounds: quick ? 1 : 3,
    sampleMs: quick ? 5 : 10,
    indexPositions: Number(process.env.BENCH_INDEX_N ?? (quick ? 100_000 : 1_000_000)),
  };
}
const flags = readFlags(process.argv.slice(2));

/** Progress goes to stderr, so `--json` keeps stdout to the document. */
const progress = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// The API under test, with what may not exist yet detected at run time

type Api = Record<string, unknown>;
const api = lib as unknown as Api;
const optional = <F>(name: string): F | undefined => (typeof api[name] === 'function' ? (api[name] as F) : undefined);
const definePosition = optional<(market: Market, input: IsolatedPosition) => unknown>('definePosition');
const isolatedLiquidationPrices =
  optional<(market: Market, positions: readonly unknown[]) => unknown>('isolatedLiquidationPrices');
const defineAccount = optional<(input: CrossAccount) => unknown>('defineAccount');
const priceOfAny = lib.isolatedLiquidationPrice as (market: Market, position: unknown) => Big | null;
const crossPricesOfAny = lib.crossLiquidationPrices as (account: unknown) => unknown;
/** The frozen pre-v2 engine: its types carry its own brands; at run time it accepts current markets. */
const legacyPrice = legacy.liquidationPrice as unknown as (market: Market, position: IsolatedPosition) => Big | null;
const legacyCrossPrices = legacy.crossLiquidationPrices as unknown as (account: CrossAccount) => unknown;
const unavailable: string[] = [];

// ---------------------------------------------------------------------------------------------
// Cases

interface Ratio {
  readonly label: string;
  readonly numerator: string;
  readonly denominator: string;
  readonly target?: string;
}

interface Group {
  readonly title: string;
  readonly cases: BenchCase[];
  readonly ratios: Ratio[];
  /** Case name → one call, for the big.js call count. */
  readonly counted: Map<string, { readonly call: () => unknown; readonly per: number }>;
}

const BATCH = 64;

function isolatedCases(group: Group, label: string, setup: IsolatedSetup): void {
  const { market, inputs } = setup;
  const mask = VARIANTS - 1;
  const positions = inputs.map((i) => i.position);
  const sizes = inputs.map((i) => i.size);
  const entries = inputs.map((i) => i.entry);
  const margins = inputs.map((i) => i.margin);
  const strings = inputs.map((i) => [String(i.size), String(i.entry), String(i.margin)] as const);
  const contract = market.contract as 'linear' | 'inverse';
  const name = (what: string) => `${label}: ${what}`;
  const add = (what: string, call: (k: number) => unknown, unitsPerCall = 1, countBigJs = false) => {
    group.cases.push({ name: name(what), batch: repeat(call), unitsPerCall });
    if (countBigJs) group.counted.set(name(what), { call: () => call(0), per: unitsPerCall });
  };

  add('liqmath', (k) => lib.isolatedLiquidationPrice(market, positions[k & mask] as IsolatedPosition));
  group.cases.push({
    name: name('float closed form'),
    batch: (n) => floatLiquidationBatch(setup.plain, contract, 1, sizes, entries, margins, n),
  });
  add(
    'naive big.js, every tier',
    (k) => {
      const [size, entry, margin] = strings[k & mask] as readonly [string, string, string];
      return naiveBigLiquidationPrice(setup.big, contract, 1, size, entry, margin);
    },
    1,
    true,
  );
  add('legacy engine (pre-v2)', (k) => legacyPrice(market, positions[k & mask] as IsolatedPosition), 1, true);
  group.ratios.push(
    {
      label: `${label}: liqmath ÷ float`,
      numerator: name('liqmath'),
      denominator: name('float closed form'),
      target: '≤ 100',
    },
    {
      label: `${label}: naive ÷ liqmath`,
      numerator: name('naive big.js, every tier'),
      denominator: name('liqmath'),
      target: label === 'linear' ? '≥ 15' : '≥ 30',
    },
    { label: `${label}: legacy ÷ liqmath`, numerator: name('legacy engine (pre-v2)'), denominator: name('liqmath') },
  );

  if (definePosition === undefined) unavailable.push(`${label}: prepared position (definePosition not available)`);
  else {
    const prepared = positions.map((p) => definePosition(market, p));
    add('liqmath, prepared position', (k) => priceOfAny(market, prepared[k & mask]));
    group.ratios.push(
      {
        label: `${label}: prepared ÷ float`,
        numerator: name('liqmath, prepared position'),
        denominator: name('float closed form'),
        target: '≤ 30',
      },
      {
        label: `${label}: raw ÷ prepared`,
        numerator: name('liqmath'),
        denominator: name('liqmath, prepared position'),
      },
    );
  }
  // What if: an order on the same positions (an add at the entry, then the cost and the price
  // after), and the largest order a balance allows — each against one liquidation price.
  const preview = optional<typeof lib.previewIsolatedOrder>('previewIsolatedOrder');
  const maxSize = optional<typeof lib.isolatedMaxOrderSize>('isolatedMaxOrderSize');
  if (preview === undefined || maxSize === undefined) unavailable.push(`${label}: what-if (not available)`);
  else {
    add('previewIsolatedOrder (an add)', (k) => {
      const p = positions[k & mask] as IsolatedPosition;
      return preview(
        market,
        p,
        { side: p.side === 'long' ? 'buy' : 'sell', size: p.size, type: 'market' },
        {
          markPrice: p.entryPrice,
          leverage: 5,
          feeRate: '0.0005',
        },
      );
    });
    add('isolatedMaxOrderSize', (k) => {
      const p = positions[k & mask] as IsolatedPosition;
      return maxSize(
        market,
        p,
        { side: p.side === 'long' ? 'buy' : 'sell', type: 'market' },
        {
          markPrice: p.entryPrice,
          leverage: 5,
          availableBalance: 100000,
          feeRate: '0.0005',
        },
      );
    });
    group.ratios.push(
      {
        label: `${label}: preview ÷ liquidation price`,
        numerator: name('previewIsolatedOrder (an add)'),
        denominator: name('liqmath'),
        target: '≤ 3',
      },
      {
        label: `${label}: max size ÷ liquidation price`,
        numerator: name('isolatedMaxOrderSize'),
        denominator: name('liqmath'),
        target: '≤ 10',
      },
    );
  }
  if (isolatedLiquidationPrices === undefined)
    unavailable.push(`${label}: batch (isolatedLiquidationPrices not available)`);
  else {
    const batch = Array.from({ length: BATCH }, (_, k) => positions[k & mask] as IsolatedPosition);
    const batchName = `liqmath, batch of ${BATCH} (per position)`;
    add(batchName, () => isolatedLiquidationPrices(market, batch), BATCH);
    group.ratios.push({
      label: `${label}: batch ÷ float, per position`,
      numerator: name(batchName),
      denominator: name('float closed form'),
      target: '≤ 30',
    });
  }
}

function isolatedGroup(): Group {
  const group: Group = { title: 'Isolated, 12 Binance tiers', cases: [], ratios: [], counted: new Map() };
  isolatedCases(group, 'linear', linearSetup());
  isolatedCases(group, 'inverse', inverseSetup());
  return group;
}

function crossGroup(): Group {
  const group: Group = {
    title: 'Cross account, all symbols (N positions, a long and a short per symbol)',
    cases: [],
    ratios: [],
    counted: new Map(),
  };
  const sizes = [10, 100, 1000];
  if (defineAccount === undefined) unavailable.push('cross: defined account (defineAccount not available)');
  for (const n of sizes) {
    const account = crossAccount(n);
    const add = (what: string, call: () => unknown, countBigJs = false) => {
      group.cases.push({ name: `N=${n}: ${what}`, batch: repeat(call) });
      if (countBigJs) group.counted.set(`N=${n}: ${what}`, { call, per: 1 });
    };
    add('liqmath', () => lib.crossLiquidationPrices(account));
    add('legacy engine (pre-v2)', () => legacyCrossPrices(account), true);
    group.ratios.push({
      label: `N=${n}: legacy ÷ liqmath`,
      numerator: `N=${n}: legacy engine (pre-v2)`,
      denominator: `N=${n}: liqmath`,
      ...(n === 1000 ? { target: '≥ 8' } : {}),
    });
    if (defineAccount !== undefined) {
      const defined = defineAccount(account);
      add('liqmath, defined account', () => crossPricesOfAny(defined));
      group.ratios.push({
        label: `N=${n}: raw ÷ defined account`,
        numerator: `N=${n}: liqmath`,
        denominator: `N=${n}: liqmath, defined account`,
      });
    }
  }
  group.ratios.push({
    label: 'liqmath N=1000 ÷ N=10',
    numerator: 'N=1000: liqmath',
    denominator: 'N=10: liqmath',
    target: '≤ 150',
  });
  group.ratios.push({
    label: 'legacy N=1000 ÷ N=10',
    numerator: 'N=1000: legacy engine (pre-v2)',
    denominator: 'N=10: legacy engine (pre-v2)',
  });
  if (defineAccount !== undefined)
    group.ratios.push({
      label: 'defined account N=1000 ÷ N=10',
      numerator: 'N=1000: liqmath, defined account',
      denominator: 'N=10: liqmath, defined account',
    });
  return group;
}

/** Other single calls, times only (no ratio). */
function otherGroup(): Group {
  const group: Group = { title: 'Other calls (times only)', cases: [], ratios: [], counted: new Map() };
  const { market, inputs } = linearSetup();
  const mask = VARIANTS - 1;
  const add = (what: string, call: (k: number) => unknown) => {
    group.cases.push({ name: what, batch: repeat(call) });
  };
  add('minimum close size (linear)', (k) =>
    lib.isolatedMinimumCloseSize(
      market,
      { ...(inputs[k & mask]?.position as IsolatedPosition), margin: '100000' } as IsolatedPosition,
      { markPrice: 59500, feeRate: '0.001' },
    ),
  );
  add('tier lookup (12 tiers)', (k) => lib.tierFor(market.tiers, String(7500000 + k)));
  add('parseDecimal (string)', (k) => lib.parseDecimal(k & 1 ? '60123.45' : '60123.5'));
  return group;
}

// ---------------------------------------------------------------------------------------------
// big.js call counts

const COUNTED = [
  'abs',
  'cmp',
  'div',
  'eq',
  'gt',
  'gte',
  'lt',
  'lte',
  'minus',
  'mod',
  'neg',
  'plus',
  'pow',
  'prec',
  'round',
  'sqrt',
  'times',
];

interface OpCount {
  readonly calls: number;
  readonly divisions: number;
}

/**
 * big.js arithmetic and comparison calls (divisions apart) during one call, by wrapping the
 * prototype every big.js constructor shares. Parsing and construction are not counted. Run
 * after the timing: the wrappers would otherwise disturb the JIT.
 */
function countOperations(run: () => unknown, per: number): OpCount {
  const proto = Object.getPrototypeOf(new BigJs(0)) as Record<string, unknown>;
  const saved = COUNTED.map((name) => proto[name]);
  let calls = 0;
  let divisions = 0;
  COUNTED.forEach((name, k) => {
    const original = saved[k] as ((...args: unknown[]) => unknown) | undefined;
    if (original === undefined) return;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      calls += 1;
      if (name === 'div') divisions += 1;
      return original.apply(this, args);
    };
  });
  try {
    run();
  } finally {
    COUNTED.forEach((name, k) => {
      proto[name] = saved[k];
    });
  }
  return { calls: calls / per, divisions: divisions / per };
}

// ---------------------------------------------------------------------------------------------
// Output

const significant = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
function time(ns: number): string {
  if (ns < 1e3) return `${significant(ns)} ns`;
  if (ns < 1e6) return `${significant(ns / 1e3)} µs`;
  return `${significant(ns / 1e6)} ms`;
}
/** A spread of times in one unit: "31.2 µs (30.1–33.0)". */
function timeSpread(s: Spread): string {
  const [value, unit] = time(s.median).split(' ') as [string, string];
  const scale = unit === 'ns' ? 1 : unit === 'µs' ? 1e3 : 1e6;
  return `${value} ${unit} (${significant(s.p10 / scale)}–${significant(s.p90 / scale)})`;
}
const ratioSpread = (s: Spread) => `${significant(s.median)}× (${significant(s.p10)}–${significant(s.p90)})`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((c, k) => (k === 0 ? c.padEnd(widths[k] ?? 0) : c.padStart(widths[k] ?? 0))).join('  ')}`;
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

interface GroupReport {
  readonly title: string;
  readonly result: RoundsResult;
  readonly ratios: readonly (Ratio & Spread)[];
  readonly ops: ReadonlyMap<string, OpCount>;
  readonly seconds: number;
}

function printGroup(report: GroupReport): void {
  console.log(`\n${report.title} — ${report.result.rounds} rounds, ${report.seconds.toFixed(1)} s`);
  const counted = report.ops.size > 0;
  const header = ['case', 'median per op (p10–p90)', 'calls/sample', ...(counted ? ['big.js calls (div)'] : [])];
  const rows = report.result.cases.map((c) => {
    const ops = report.ops.get(c.name);
    const count = ops === undefined ? '–' : `${significant(ops.calls)} (${significant(ops.divisions)})`;
    return [c.name, timeSpread(c.ns), String(c.callsPerSample), ...(counted ? [count] : [])];
  });
  console.log(table(header, rows));
  if (report.ratios.length > 0) {
    console.log('  Ratios, per round:');
    console.log(
      table(
        ['ratio', 'median (p10–p90)', 'target'],
        report.ratios.map((r) => [r.label, ratioSpread(r), r.target ?? '']),
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Main

function runGroup(group: Group): GroupReport {
  const started = Date.now();
  progress(`${group.title}: calibrating ${group.cases.length} cases…`);
  const result = runRounds(group.cases, {
    rounds: flags.rounds,
    warmupRounds: flags.warmupRounds,
    sampleMs: flags.sampleMs,
    onRound: (round, total) => {
      if ((round + 1) % 10 === 0 || round + 1 === total) progress(`  round ${round + 1}/${total}`);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const ratios = group.ratios.map((r) => ({ ...r, ...result.ratio(r.numerator, r.denominator) }));
  return { title: group.title, result, ratios, ops: new Map(), seconds };
}

function main(): void {
  const machine = `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, Node ${process.version}`;
  const groups = [isolatedGroup(), crossGroup(), otherGroup()];
  const reports = groups.map(runGroup);
  // Counted after every timing: the counting wrappers would disturb the JIT.
  groups.forEach((group, k) => {
    const ops = reports[k]?.ops as Map<string, OpCount>;
    for (const [name, { call, per }] of group.counted) ops.set(name, countOperations(call, per));
  });
  let index: ReturnType<typeof measureIndexTick> | null = null;
  if (flags.index) {
    progress(`liquidation index: ${flags.indexPositions.toLocaleString('en')} positions…`);
    index = measureIndexTick(flags.indexPositions);
  }

  if (flags.json) {
    const document = {
      machine,
      date: new Date().toISOString(),
      options: { rounds: flags.rounds, warmupRounds: flags.warmupRounds, sampleMs: flags.sampleMs, quick: flags.quick },
      groups: reports.map((r) => ({
        title: r.title,
        seconds: r.seconds,
        cases: r.result.cases.map((c) => ({
          name: c.name,
          callsPerSample: c.callsPerSample,
          unitsPerCall: c.unitsPerCall,
          nsPerOp: { median: c.ns.median, p10: c.ns.p10, p90: c.ns.p90 },
          bigJsCalls: r.ops.get(c.name) ?? null,
        })),
        ratios: r.ratios,
      })),
      unavailable,
      index: index === null ? null : { ...index, speedup: index.rescanMs / index.tickMs },
      checksum: blackHole(),
    };
    console.log(JSON.stringify(document, null, 2));
    return;
  }

  console.log(`liqmath bench — ${machine}`);
  console.log(
    `${flags.rounds} measured rounds after ${flags.warmupRounds} warm-up; samples of ~${flags.sampleMs} ms; ` +
      'times per op (per position for a batch); ratios taken per round; median (p10–p90).',
  );
  reports.forEach(printGroup);
  if (unavailable.length > 0) console.log(`\nNot available: ${unavailable.join('; ')}`);
  if (index === null) console.log('\nLiquidation index: skipped (--no-index)');
  else
    console.log(
      `\nLiquidation index, ${index.positions.toLocaleString('en')} positions over 10 symbols (one measurement): build ${(index.buildMs / 1000).toFixed(2)} s; ` +
        `one tick (${index.hits} liquidatable) ${(index.tickMs * 1000).toFixed(1)} µs vs full rescan ${index.rescanMs.toFixed(1)} ms = ` +
        `${(index.rescanMs / index.tickMs).toFixed(0)}× faster (target ≥ 1,000 at 1,000,000 positions)`,
    );
  console.log(`(black hole: ${blackHole().toExponential(3)})`);
}

main();
