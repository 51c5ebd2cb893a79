/**
 * `liqmath stress FILE`: a book through a price shock with liquidation cascades (the library's
 * `simulateCascade`), said as a trader reads it; `liqmath map FILE`: where the book's
 * liquidations lie on one symbol's price axis (`liquidationMap`), with its leverage
 * concentration (`leverageConcentration`).
 */
import type Big from 'big.js';
import {
  type Book,
  type CascadeOptions,
  type CascadeResult,
  defineBook,
  type ImpactModel,
  type LeverageConcentration,
  type LiquidationMap,
  leverageConcentration,
  liquidationMap,
  parseDecimal,
  simulateCascade,
} from '../index.js';
import { EXAMPLE_BOOK, readBookFile } from './book-file.js';
import { json, show, table } from './format.js';
import { CliError, type CliIo } from './io.js';
import { choice, type OptionSpec, type Parsed, parseOptions, text } from './options.js';
import { defaultWorkers, drawShocks, runSweep, type SweepJob, type SweepOutcome } from './sweep.js';

export const STRESS_HELP = `liqmath stress — a book through a price shock, with liquidation cascades

Usage:
  liqmath stress FILE --shock -15% [--steps N] [--impact MODEL] [--decay D] [--fee RATE]
                 [--adl ranking|pro-rata] [--symbol S] [--json]
  liqmath stress --example > book.json

FILE is a book (schema in docs/cli.md):
  { "markets": { "BTCUSDT": { "tiers": [ { "cap": null, "maintenanceMarginRate": "0.005", "maxLeverage": 100 } ] } },
    "marks": { "BTCUSDT": "60000" },
    "positions": [ { "id": "p1", "symbol": "BTCUSDT", "side": "long", "size": "1", "entryPrice": "60000", "leverage": "20" } ],
    "accounts": [ { "id": "a1", "collateral": "5000",
                    "positions": [ { "symbol": "BTCUSDT", "side": "short", "size": "1", "entryPrice": "61000" } ] } ],
    "insuranceFund": { "USDT": "100000" } }
Isolated positions take "margin" or "leverage"; markets are those of an account file.

The price moves to the shock in equal steps; at each step every liquidatable position and
account is closed, its orders move the price by the impact model, which may liquidate the next
layer, until no new liquidation. Losses beyond margin go to the insurance fund, then to ADL.
Prints per symbol the start, exogenous and final marks, the move, its amplification (final move
÷ exogenous move) and the notional liquidated by side; per settle currency the fund, ADL and bad
debt; and the step after which the book was stable.

  --shock S     the exogenous move of each symbol: "-15%" or "-0.15" (required)
  --steps N     steps to reach it (default 20)
  --impact M    none (default) | linear:lambda=1e-9 | sqrt:Y=0.5,sigma=0.04,volume=2e9
                | ladder:0.01=1e6,0.02=3e6 (move=cumulative notional, each side of the book)
  --decay D     the share of the impact that fades after each step, in [0, 1] (default 0)
  --fee RATE    liquidation fee on the closed notional, paid to the fund (default 0)
  --adl RULE    ranking (PnL × leverage first, the default) or pro-rata
  --symbol S    shock only this symbol (default: every symbol of the book)
  --json        the whole result (every step) with exact decimals as JSON strings
  --example     print an example book file and exit

A sweep runs many shocks across CPU cores (worker threads) and prints the liquidation at risk:
  --sweep N     N shocks drawn uniformly between 0 and --shock (seeded), instead of one
  --seed S      the generator's seed (default 1): the same seed, the same shocks and answers
  --workers K   worker threads (default: one per core)
`;

export const MAP_HELP = `liqmath map — where a book's liquidations lie, and how leveraged it is

Usage:
  liqmath map FILE --symbol S [--from P --to P --step P] [--json]

FILE is a book file (see liqmath stress --help). Prints, per price bucket of the symbol, the
notional of the longs and shorts liquidated when the price reaches it (at the liquidation price;
a cross account at the price where it is liquidated with every other mark held), with a bar for
the larger side, then what lies below and above the range and what is never liquidated; then the
book's leverage (notional ÷ equity) percentiles, the share of open interest within 1%, 5% and
10% of its liquidation price, and the Herfindahl index of notional.

  --symbol S       the symbol (default: the book's only symbol)
  --from, --to     the price range (default: ±20% around the mark)
  --step P         the bucket width (default: about 1% of the mark, on the market's tick)
  --json           { map, concentration } with exact decimals as JSON strings
`;

const STRESS_SPEC: OptionSpec = {
  shock: { type: 'string' },
  steps: { type: 'string' },
  impact: { type: 'string' },
  decay: { type: 'string' },
  fee: { type: 'string' },
  adl: { type: 'string' },
  symbol: { type: 'string' },
  example: { type: 'boolean' },
  sweep: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
};

const MAP_SPEC: OptionSpec = {
  symbol: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  step: { type: 'string' },
};

/** A book larger than this shows its progress on stderr. */
const PROGRESS_ENTRIES = 10_000;
/** Most progress lines a run prints. */
const PROGRESS_LINES = 20;
/** The width of the longest bar of the map. */
const BAR_WIDTH = 40;

/** Runs `liqmath stress`; returns the exit status. */
export function stress(argv: readonly string[], io: CliIo): number | Promise<number> {
  const parsed = parseOptions(argv, STRESS_SPEC, 'stress');
  if (parsed.values.help) {
    io.out(STRESS_HELP);
    return 0;
  }
  if (parsed.values.example) {
    if (argv.length > 1)
      throw new CliError('USAGE', 'liqmath stress --example: takes nothing else (it prints the file)');
    io.out(JSON.stringify(EXAMPLE_BOOK, null, 2));
    return 0;
  }
  const path = onePath(parsed, 'stress');
  const shockText = text(parsed, 'shock');
  if (shockText === undefined) throw new CliError('USAGE', 'liqmath stress: --shock is required ("-15%" or "-0.15")');
  const shock = shockOf(shockText);
  const sweepText = text(parsed, 'sweep');
  if (sweepText !== undefined) return sweepOf(parsed, argv, path, shock, sweepText, io);
  const run = prepare(parsed, path, io);
  const { book, file, steps, symbols, impact, adl, decay, fee } = run;
  const progress = !parsed.values.json && steps > 1 && book.entries > PROGRESS_ENTRIES;
  const every = Math.ceil(steps / PROGRESS_LINES);
  const options: CascadeOptions = {
    ...run.options,
    ...(progress
      ? {
          onStep: (step: number, total: number) => {
            if (step % every === 0 || step === total) io.err(`step ${step}/${total}`);
          },
        }
      : {}),
  };
  const scenario = { steps, shock: Object.fromEntries(symbols.map((s) => [s, shock.toString()])) };
  const result = simulateCascade(book, scenario, options);
  if (parsed.values.json) {
    io.out(json(result));
    return 0;
  }
  const ticks = new Map([...file.markets].map(([symbol, market]) => [symbol, market.tickSize]));
  const settles = new Map([...file.markets].map(([symbol, market]) => [symbol, market.settle]));
  io.out(describeCascade(book, result, { shock, steps, symbols, impact, fee, decay, adl }, ticks, settles));
  return 0;
}

/** What a stress run is made of, from its flags and book file (shared by a sweep's workers). */
function prepare(parsed: Parsed, path: string, io: CliIo) {
  const steps = stepsOf(text(parsed, 'steps'));
  const impactText = text(parsed, 'impact');
  const impact = impactText === undefined ? undefined : impactOf(impactText);
  const adl = choice(parsed, 'adl', ['ranking', 'pro-rata'] as const);
  const decay = text(parsed, 'decay');
  const fee = text(parsed, 'fee');
  const file = readBookFile(io, path);
  const book = defineBook(file.input);
  const symbols = symbolsOf(book, text(parsed, 'symbol'));
  const options: CascadeOptions = {
    ...(impact === undefined ? {} : { impact }),
    ...(decay === undefined ? {} : { decay }),
    ...(fee === undefined ? {} : { liquidationFeeRate: fee }),
    ...(adl === undefined ? {} : { adl }),
  };
  return { book, file, steps, symbols, impact, adl, decay, fee, options };
}

/** The outcome of one shock, for a sweep. */
function outcomeOf(run: ReturnType<typeof prepare>, shock: string): SweepOutcome {
  const result = simulateCascade(
    run.book,
    { steps: run.steps, shock: Object.fromEntries(run.symbols.map((s) => [s, shock])) },
    run.options,
  );
  let liquidated = parseDecimal(0);
  for (const sides of Object.values(result.liquidated)) liquidated = liquidated.plus(sides.long).plus(sides.short);
  let badDebt = parseDecimal(0);
  for (const value of Object.values(result.badDebt)) badDebt = badDebt.plus(value);
  return { shock, liquidations: result.liquidations, liquidated: liquidated.toString(), badDebt: badDebt.toString() };
}

/** A sweep's worker: reads the book itself, runs its shocks, posts each outcome (main.ts starts it). */
export function runSweepJob(
  job: SweepJob,
  io: CliIo,
  post: (message: SweepOutcome | { readonly error: string }) => void,
): void {
  try {
    const parsed = parseOptions(job.argv, STRESS_SPEC, 'stress');
    const run = prepare(parsed, job.file, { ...io, cwd: job.cwd });
    for (const shock of job.shocks) post(outcomeOf(run, shock));
  } catch (error) {
    post({ error: error instanceof Error ? error.message : String(error) });
  }
}

/** `--sweep N`: seeded shocks up to --shock across worker threads, then the liquidation at risk. */
function sweepOf(
  parsed: Parsed,
  argv: readonly string[],
  path: string,
  largest: Big,
  count: string,
  io: CliIo,
): Promise<number> {
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    throw new CliError(
      'USAGE',
      `liqmath stress: --sweep takes a whole number of shocks from 1 to 100,000; got "${count}"`,
    );
  }
  const seedText = text(parsed, 'seed') ?? '1';
  const seed = Number(seedText);
  if (!Number.isInteger(seed) || seed < 0)
    throw new CliError('USAGE', `liqmath stress: --seed takes a whole number ≥ 0; got "${seedText}"`);
  const workersText = text(parsed, 'workers');
  const workers = workersText === undefined ? defaultWorkers() : Number(workersText);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new CliError('USAGE', `liqmath stress: --workers takes a whole number from 1 to 64; got "${workersText}"`);
  }
  // Checked here, once, before any worker starts: a bad flag or file is one error, not one per thread.
  prepare(parsed, path, io);
  const shocks = drawShocks(n, Number(largest.toString()), seed);
  const rest = withoutFlags(argv, ['shock', 'sweep', 'seed', 'workers', 'json']);
  const every = Math.max(1, Math.ceil(n / PROGRESS_LINES));
  return runSweep(new URL(import.meta.url), { file: path, cwd: io.cwd, argv: rest }, shocks, workers, (done, total) => {
    if (!parsed.values.json && (done % every === 0 || done === total)) io.err(`shock ${done}/${total}`);
  }).then((outcomes) => {
    const report = liquidationAtRisk(outcomes, { count: n, largest, seed, workers });
    io.out(parsed.values.json ? json({ ...report, outcomes }) : describeSweep(report));
    return 0;
  });
}

/** Nearest-rank percentiles of what the shocks liquidated. */
function liquidationAtRisk(
  outcomes: readonly SweepOutcome[],
  run: { readonly count: number; readonly largest: Big; readonly seed: number; readonly workers: number },
) {
  const values = outcomes.map((o) => parseDecimal(o.liquidated)).sort((a, b) => a.cmp(b));
  const debts = outcomes.map((o) => parseDecimal(o.badDebt)).sort((a, b) => a.cmp(b));
  const rank = (list: readonly Big[], p: number) => list[Math.max(1, Math.ceil((p * list.length) / 100)) - 1] as Big;
  return {
    shocks: run.count,
    largestShock: run.largest.toString(),
    seed: run.seed,
    workers: run.workers,
    liquidatedAtRisk: {
      p50: rank(values, 50),
      p90: rank(values, 90),
      p95: rank(values, 95),
      p99: rank(values, 99),
      max: rank(values, 100),
    },
    badDebtAtRisk: { p95: rank(debts, 95), p99: rank(debts, 99), max: rank(debts, 100) },
    meanLiquidations: outcomes.reduce((sum, o) => sum + o.liquidations, 0) / Math.max(1, outcomes.length),
  };
}

function describeSweep(r: ReturnType<typeof liquidationAtRisk>): string {
  const pct = (v: Big) => `${show(v.times(100), 2)}%`;
  return [
    `${r.shocks} shocks drawn uniformly between 0 and ${pct(parseDecimal(r.largestShock))} (seed ${r.seed}), run on ${r.workers} worker threads.`,
    '',
    table(
      ['liquidation at risk', 'p50', 'p90', 'p95', 'p99', 'max'],
      [
        [
          'notional liquidated',
          ...[
            r.liquidatedAtRisk.p50,
            r.liquidatedAtRisk.p90,
            r.liquidatedAtRisk.p95,
            r.liquidatedAtRisk.p99,
            r.liquidatedAtRisk.max,
          ].map((v) => show(v, 2)),
        ],
        ['bad debt', '', '', show(r.badDebtAtRisk.p95, 2), show(r.badDebtAtRisk.p99, 2), show(r.badDebtAtRisk.max, 2)],
      ],
    ),
    '',
    `Mean liquidations per shock: ${show(parseDecimal(r.meanLiquidations.toFixed(2)), 2)}. A percentile is the notional (settle currencies added as they are) that this share of the shocks did not exceed.`,
  ].join('\n');
}

/** argv without the given flags (and their values). */
function withoutFlags(argv: readonly string[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k += 1) {
    const arg = argv[k] as string;
    const name = arg.startsWith('--') ? (arg.slice(2).split('=')[0] as string) : null;
    if (name !== null && names.includes(name)) {
      if (!arg.includes('=') && STRESS_SPEC[name]?.type === 'string') k += 1;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** Runs `liqmath map`; returns the exit status. */
export function map(argv: readonly string[], io: CliIo): number {
  const parsed = parseOptions(argv, MAP_SPEC, 'map');
  if (parsed.values.help) {
    io.out(MAP_HELP);
    return 0;
  }
  const path = onePath(parsed, 'map');
  const given = ['from', 'to', 'step'].filter((name) => text(parsed, name) !== undefined);
  if (given.length !== 0 && given.length !== 3) {
    throw new CliError(
      'USAGE',
      'liqmath map: give --from, --to and --step together, or none of them (±20% of the mark)',
    );
  }
  const file = readBookFile(io, path);
  const book = defineBook(file.input);
  const named = text(parsed, 'symbol');
  if (named === undefined && book.symbols.length !== 1) {
    throw new CliError('USAGE', `liqmath map: --symbol is required; the book holds ${book.symbols.join(', ')}`);
  }
  const [symbol] = symbolsOf(book, named ?? book.symbols[0]) as [string];
  const mark = book.marks[symbol] as Big;
  const tick = file.markets.get(symbol)?.tickSize ?? null;
  const range =
    given.length === 3
      ? { from: text(parsed, 'from') as string, to: text(parsed, 'to') as string, step: text(parsed, 'step') as string }
      : defaultRange(mark, tick);
  const result = liquidationMap(book, { symbol, ...range });
  const concentration = leverageConcentration(book, { within: ['0.01', '0.05', '0.1'] });
  io.out(parsed.values.json ? json({ map: result, concentration }) : describeMap(result, mark, concentration));
  return 0;
}

function onePath(parsed: Parsed, command: string): string {
  const [path, ...extra] = parsed.positionals;
  if (path === undefined || extra.length > 0) throw new CliError('USAGE', `liqmath ${command}: give one book file`);
  return path;
}

/** The symbols to shock: the one named, or all of the book's. */
function symbolsOf(book: Book, named: string | undefined): readonly string[] {
  if (named === undefined) return book.symbols;
  if (!book.symbols.includes(named)) {
    throw new CliError('USAGE', `--symbol: got '${named}'; allowed: ${book.symbols.join(', ')} (the book's symbols)`);
  }
  return [named];
}

/** "-15%" or "-0.15" as the relative move −0.15; above −100%. */
function shockOf(given: string): Big {
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)(%?)$/i.exec(given.trim());
  if (match === null) {
    throw new CliError('USAGE', `--shock: got '${given}'; allowed: a relative move such as "-15%" or "-0.15"`);
  }
  const value = parseDecimal(match[1] as string);
  const relative = match[2] === '%' ? value.div(100) : value;
  if (relative.lte(-1)) {
    throw new CliError('USAGE', `--shock: got '${given}'; allowed: a move above -100% (a price stays positive)`);
  }
  return relative;
}

function stepsOf(given: string | undefined): number {
  if (given === undefined) return 20;
  if (!/^\d{1,9}$/.test(given) || Number(given) < 1) {
    throw new CliError('USAGE', `--steps: got '${given}'; allowed: a whole number ≥ 1`);
  }
  return Number(given);
}

/** The parameters each impact model takes in `--impact kind:key=value,…`. */
const IMPACT_KEYS = { none: [], linear: ['lambda'], sqrt: ['Y', 'sigma', 'volume'] } as const;

/** Parses `--impact`, strictly: an unknown kind or key, a missing or repeated key is a usage error. */
function impactOf(given: string): ImpactModel {
  const colon = given.indexOf(':');
  const kind = colon === -1 ? given : given.slice(0, colon);
  const rest = colon === -1 ? '' : given.slice(colon + 1);
  const allowed = 'none, linear:lambda=L, sqrt:Y=Y,sigma=S,volume=V, ladder:MOVE=NOTIONAL,...';
  const pairs =
    rest === ''
      ? []
      : rest.split(',').map((part) => {
          const [key, value, ...more] = part.split('=');
          if (key === undefined || key.trim() === '' || value === undefined || value.trim() === '' || more.length > 0) {
            throw new CliError(
              'USAGE',
              `--impact: got '${part}' in '${given}'; allowed: KEY=VALUE pairs separated by commas`,
            );
          }
          return [key.trim(), value.trim()] as const;
        });
  if (kind === 'ladder') {
    if (pairs.length === 0)
      throw new CliError('USAGE', `--impact ladder: give its levels, e.g. ladder:0.01=1e6,0.02=3e6`);
    return { kind: 'ladder', levels: pairs.map(([move, notional]) => ({ move, notional })) };
  }
  if (!Object.hasOwn(IMPACT_KEYS, kind)) {
    throw new CliError('USAGE', `--impact: got kind '${kind}'; allowed: ${allowed}`);
  }
  const keys: readonly string[] = IMPACT_KEYS[kind as keyof typeof IMPACT_KEYS];
  const values: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (!keys.includes(key)) {
      throw new CliError(
        'USAGE',
        `--impact ${kind}: unknown key '${key}'; allowed: ${keys.length === 0 ? 'none' : keys.join(', ')}`,
      );
    }
    if (Object.hasOwn(values, key)) throw new CliError('USAGE', `--impact ${kind}: '${key}' is given more than once`);
    values[key] = value;
  }
  const missing = keys.filter((key) => !Object.hasOwn(values, key));
  if (missing.length > 0) {
    throw new CliError('USAGE', `--impact ${kind}: missing ${missing.join(', ')} (e.g. ${example(kind)})`);
  }
  return { kind, ...values } as ImpactModel;
}

function example(kind: string): string {
  return kind === 'linear' ? 'linear:lambda=1e-9' : 'sqrt:Y=0.5,sigma=0.04,volume=2e9';
}

/** The impact model in words: how far it moves the price for a notional a trader can picture. */
function impactWords(impact: ImpactModel | undefined): string {
  if (impact === undefined || impact.kind === 'none') {
    return 'no price impact: liquidations do not move the price, the shock alone liquidates';
  }
  if (impact.kind === 'linear') {
    const lambda = parseDecimal(impact.lambda);
    if (lambda.eq(0)) return 'linear impact with λ = 0: liquidations do not move the price';
    return `linear impact (λ = ${lambda.toString()}): each ${show(parseDecimal('0.01').div(lambda), 2)} of net liquidation orders in a step moves the price 1%`;
  }
  if (impact.kind === 'sqrt') {
    const y = parseDecimal(impact.Y);
    const sigma = parseDecimal(impact.sigma);
    const volume = parseDecimal(impact.volume);
    // Y·σ·√(Q ÷ V) at Q = 1% of the daily volume: Y·σ·0.1.
    const move = y.times(sigma).times('0.1');
    return `square-root impact Y·σ·√(Q ÷ V) (Y ${show(y)}, σ ${show(sigma.times(100), 4)}% a day, daily volume ${show(volume, 2)}): net liquidation orders of 1% of the daily volume in a step move the price ${show(move.times(100), 4)}%`;
  }
  const levels = impact.levels.map(
    (level) => `${show(parseDecimal(level.move).times(100), 4)}% at ${show(parseDecimal(level.notional), 2)}`,
  );
  return `depth ladder on each side: net liquidation orders in a step move the price ${levels.join(', ')} (linear between, no further beyond the last level)`;
}

interface Asked {
  readonly shock: Big;
  readonly steps: number;
  readonly symbols: readonly string[];
  readonly impact: ImpactModel | undefined;
  readonly fee: string | undefined;
  readonly decay: string | undefined;
  readonly adl: 'ranking' | 'pro-rata' | undefined;
}

function describeCascade(
  book: Book,
  result: CascadeResult,
  asked: Asked,
  ticks: ReadonlyMap<string, Big | null>,
  settles: ReadonlyMap<string, string>,
): string {
  const last = result.steps.at(-1);
  const shocked = asked.symbols.length === book.symbols.length ? 'every symbol' : asked.symbols.join(', ');
  const extras = [
    asked.fee === undefined ? 'No liquidation fee' : `Liquidation fee ${show(parseDecimal(asked.fee).times(100), 4)}%`,
    asked.decay === undefined
      ? 'impact permanent'
      : `${show(parseDecimal(asked.decay).times(100), 4)}% of the impact fades each step`,
    `ADL by ${asked.adl ?? 'ranking'}`,
  ];
  const lines = [
    `Shock: ${shocked} ${asked.shock.gt(0) ? '+' : ''}${show(asked.shock.times(100), 4)}% in ${asked.steps} equal step${asked.steps === 1 ? '' : 's'}, over a book of ${book.entries} positions and accounts.`,
    `Impact: ${impactWords(asked.impact)}.`,
    `${extras.join('; ')}.`,
    '',
  ];
  const rows = book.symbols.map((symbol) => {
    const start = book.marks[symbol] as Big;
    const exogenous = last?.exogenous[symbol] ?? start;
    const final = last?.marks[symbol] ?? start;
    const tick = ticks.get(symbol) ?? null;
    const amplification = result.amplification[symbol] ?? null;
    const liquidated = result.liquidated[symbol];
    return [
      symbol,
      onTick(start, tick),
      onTick(exogenous, tick),
      onTick(final, tick),
      `${final.gt(start) ? '+' : ''}${show(final.minus(start).div(start).times(100), 2)}%`,
      amplification === null ? '—' : `${show(amplification, 2)}x`,
      show(liquidated?.long ?? null, 2),
      show(liquidated?.short ?? null, 2),
    ];
  });
  lines.push(
    table(
      ['symbol', 'start mark', 'exogenous end', 'final mark', 'move', 'amplification', 'liq. long', 'liq. short'],
      rows,
    ),
    '',
  );
  for (const currency of Object.keys(book.insuranceFund)) {
    const start = book.insuranceFund[currency] as Big;
    const end = last?.fund[currency] ?? start;
    const adl = result.steps.reduce((sum, step) => sum.plus(step.adl[currency] ?? 0), start.times(0));
    const held = [...settles].filter(([, settle]) => settle === currency).map(([symbol]) => symbol);
    lines.push(
      `${currency} (${held.join(', ')}): insurance fund ${show(start, 2)} → ${show(end, 2)}, drawdown ${show(result.fundDrawdown[currency] ?? null, 2)}; ADL took ${show(adl, 2)}; bad debt ${show(result.badDebt[currency] ?? null, 2)}`,
    );
  }
  const stable =
    result.stabilisedAfter === null
      ? 'nothing was liquidated'
      : `the last liquidation at step ${result.stabilisedAfter} of ${asked.steps}: stable after it`;
  lines.push(
    '',
    `${result.liquidations} liquidation${result.liquidations === 1 ? '' : 's'}, ${result.deleveraged} position${result.deleveraged === 1 ? '' : 's'} or account${result.deleveraged === 1 ? '' : 's'} deleveraged by ADL; ${stable}.`,
  );
  const notes = [
    result.steps.some((s) => s.limited) ? 'some step stopped at its round limit before a fixed point' : '',
    result.steps.some((s) => s.ladderExhausted) ? 'the impact ladder ran out (flat beyond its last level)' : '',
    result.steps.some((s) => s.floored) ? 'some price was held at the smallest price' : '',
  ].filter((note) => note !== '');
  if (notes.length > 0) lines.push(`Note: ${notes.join('; ')}.`);
  return lines.join('\n');
}

/** A price on the tick (nearest), or to 8 places. */
function onTick(price: Big, tick: Big | null): string {
  return tick === null ? show(price) : show(price.div(tick).round(0, 1).times(tick), 20);
}

/**
 * ±20% around the mark in buckets of about 1% of it: the width 1, 2, 2.5 or 5 times a power of
 * ten nearest to 1% of the mark (a multiple of the tick), the bounds on the width.
 */
function defaultRange(mark: Big, tick: Big | null): { from: string; to: string; step: string } {
  const raw = mark.times('0.01');
  const power = parseDecimal(`1e${Math.floor(Math.log10(raw.toNumber()))}`);
  let step = power;
  let best = Number.POSITIVE_INFINITY;
  for (const factor of ['1', '2', '2.5', '5', '10']) {
    const candidate = power.times(factor);
    const distance = Math.abs(Math.log(candidate.div(raw).toNumber()));
    if (distance < best) {
      best = distance;
      step = candidate;
    }
  }
  if (tick !== null) step = step.div(tick).round(0, 3).times(tick);
  const low = mark.times('0.8').div(step).round(0, 0).times(step);
  const from = low.gt(0) ? low : step;
  const to = mark.times('1.2').div(step).round(0, 3).times(step);
  return { from: from.toString(), to: to.toString(), step: step.toString() };
}

function describeMap(result: LiquidationMap, mark: Big, concentration: LeverageConcentration): string {
  const first = result.buckets[0];
  const lastBucket = result.buckets.at(-1);
  const from = first?.from ?? mark;
  const to = lastBucket?.to ?? mark;
  const largest = result.buckets.reduce((m, b) => {
    const side = b.long.gt(b.short) ? b.long : b.short;
    return side.gt(m) ? side : m;
  }, mark.times(0));
  const rows = result.buckets.map((b) => [
    `${show(b.from)} – ${show(b.to)}${b.from.lte(mark) && mark.lt(b.to) ? ' ◀ mark' : ''}`,
    show(b.long, 2),
    show(b.short, 2),
  ]);
  const [header, rule, ...body] = table(['price', 'long notional', 'short notional'], rows).split('\n');
  const bars = result.buckets.map((b) => {
    const side = b.long.gt(b.short) ? b.long : b.short;
    if (largest.eq(0) || side.eq(0)) return '';
    // At least one character for any notional, so that no liquidation is hidden.
    return '█'.repeat(Math.max(1, side.times(BAR_WIDTH).div(largest).round(0, 1).toNumber()));
  });
  const lines = [
    `${result.symbol} liquidation map, mark ${show(mark)}: notional liquidated when the price reaches each bucket (at the liquidation price)`,
    '',
    header as string,
    rule as string,
    ...body.map((line, k) => (bars[k] === '' ? line : `${line}  ${bars[k]}`)),
    '',
    `below ${show(from)}: long ${show(result.below.long, 2)}, short ${show(result.below.short, 2)}`,
    `at or above ${show(to)}: long ${show(result.above.long, 2)}, short ${show(result.above.short, 2)}`,
    `never liquidated (notional at the mark): long ${show(result.never.long, 2)}, short ${show(result.never.short, 2)}`,
    '',
  ];
  const l = concentration.leverage;
  const x = (value: Big | null) => (value === null ? '—' : `${show(value, 2)}x`);
  lines.push(
    `Leverage (notional ÷ equity) of the book's ${l.count} positions and accounts: p50 ${x(l.p50)}, p90 ${x(l.p90)}, p99 ${x(l.p99)}, max ${x(l.max)}${l.unbounded > 0 ? `; ${l.unbounded} with equity ≤ 0` : ''}`,
    `Open interest ${show(concentration.openInterest, 2)}: ${concentration.within.map((w) => `${show(w.share.times(100), 2)}% within ${show(w.distance.times(100), 2)}%`).join(', ')} of its liquidation price`,
    `Herfindahl index ${show(concentration.herfindahl, 4)} (1: one holder; 1/n: n equal holders)`,
  );
  return lines.join('\n');
}
