/**
 * `liqmath stress` and `liqmath map`: the library's answers for the file's book, said in words,
 * and mistakes as coded errors.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_BOOK } from '../../src/cli/book-file.js';
import { run } from '../../src/cli/run.js';
import {
  type BookInput,
  defineBook,
  defineMarket,
  defineTiers,
  leverageConcentration,
  liquidationMap,
  type Market,
  simulateCascade,
} from '../../src/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the CLI; `files` are read before the disk (by path relative to the repository). */
function cli(argv: string[], files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = run(argv, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    readText: (path) => {
      const name = path.startsWith(root) ? path.slice(root.length) : path;
      return files[name] ?? readFileSync(path, 'utf8');
    },
    cwd: root,
  });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

type FileBook = {
  markets: Record<string, { tickSize: string; lotSize: string; tiers: never }>;
  marks: Record<string, string>;
  positions: { symbol: string }[];
  accounts: { id: string; collateral: string; positions: { symbol: string }[] }[];
  insuranceFund: Record<string, string>;
};

const exampleFile = (): FileBook => JSON.parse(readFileSync(`${root}examples/book.json`, 'utf8'));

/** The example file's book, built with the library directly. */
function exampleBook() {
  const file = exampleFile();
  const markets: Record<string, Market> = Object.fromEntries(
    Object.entries(file.markets).map(([symbol, spec]) => [
      symbol,
      defineMarket({
        symbol,
        contract: 'linear',
        settle: 'USDT',
        tickSize: spec.tickSize,
        lotSize: spec.lotSize,
        tiers: defineTiers(spec.tiers),
      }),
    ]),
  );
  const input = {
    marks: file.marks,
    positions: file.positions.map(({ symbol, ...rest }) => ({ ...rest, market: markets[symbol] })),
    accounts: file.accounts.map((account) => ({
      ...account,
      positions: account.positions.map(({ symbol, ...rest }) => ({ ...rest, market: markets[symbol] })),
    })),
    insuranceFund: file.insuranceFund,
  };
  return defineBook(input as unknown as BookInput);
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('liqmath stress', () => {
  it('prints what simulateCascade computes for the file (--json)', () => {
    const result = cli([
      'stress',
      'examples/book.json',
      '--shock',
      '-10%',
      '--steps',
      '10',
      '--impact',
      'linear:lambda=0.000001',
      '--fee',
      '0.005',
      '--adl',
      'pro-rata',
      '--json',
    ]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    const expected = simulateCascade(
      exampleBook(),
      { steps: 10, shock: { BTCUSDT: '-0.1', ETHUSDT: '-0.1' } },
      { impact: { kind: 'linear', lambda: '0.000001' }, liquidationFeeRate: '0.005', adl: 'pro-rata' },
    );
    expect(JSON.parse(result.out)).toEqual(plain(expected));
  });

  it('reads "-0.15" as "-15%", shocks one symbol with --symbol, and parses each impact model', () => {
    const book = exampleBook();
    const sqrt = cli([
      'stress',
      'examples/book.json',
      '--shock',
      '-0.15',
      '--symbol',
      'ETHUSDT',
      '--impact',
      'sqrt:Y=0.5,sigma=0.04,volume=2e6',
      '--decay',
      '0.1',
      '--json',
    ]);
    expect(sqrt.status).toBe(0);
    expect(JSON.parse(sqrt.out)).toEqual(
      plain(
        simulateCascade(
          book,
          { steps: 20, shock: { ETHUSDT: '-0.15' } },
          { impact: { kind: 'sqrt', Y: '0.5', sigma: '0.04', volume: '2e6' }, decay: '0.1' },
        ),
      ),
    );
    const ladder = cli([
      'stress',
      'examples/book.json',
      '--shock',
      '-15%',
      '--steps',
      '5',
      '--impact',
      'ladder:0.01=1e4,0.02=3e4',
      '--json',
    ]);
    expect(JSON.parse(ladder.out)).toEqual(
      plain(
        simulateCascade(
          book,
          { steps: 5, shock: { BTCUSDT: '-0.15', ETHUSDT: '-0.15' } },
          {
            impact: {
              kind: 'ladder',
              levels: [
                { move: '0.01', notional: '1e4' },
                { move: '0.02', notional: '3e4' },
              ],
            },
          },
        ),
      ),
    );
  });

  it('says the shock, the impact, the marks, the fund and the liquidations in words (a visible cascade)', () => {
    const result = cli(['stress', 'examples/book.json', '--shock', '-10%', '--impact', 'linear:lambda=0.000001']);
    expect(result.status).toBe(0);
    expect(result.err).toBe('');
    const expected = simulateCascade(
      exampleBook(),
      { steps: 20, shock: { BTCUSDT: '-0.1', ETHUSDT: '-0.1' } },
      { impact: { kind: 'linear', lambda: '0.000001' } },
    );
    expect(expected.liquidations).toBeGreaterThan(0);
    expect(expected.amplification.BTCUSDT?.gt(1)).toBe(true);
    for (const words of [
      'Shock: every symbol -10% in 20 equal steps',
      'each 10,000 of net liquidation orders in a step moves the price 1%',
      'start mark',
      'exogenous end',
      'final mark',
      'amplification',
      'liq. long',
      'insurance fund 50,000 →',
      'ADL took',
      'bad debt',
      `${expected.liquidations} liquidations`,
      `: stable after it`,
    ]) {
      expect(result.out).toContain(words);
    }
    expect(result.out).toContain(`${expected.amplification.BTCUSDT?.toFixed(2)}x`);
  });

  it('shows progress on stderr for a large book, at most 20 lines, and none with --json', () => {
    const market = { tiers: [{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }] };
    const positions = Array.from({ length: 10_001 }, (_, k) => ({
      id: `p${k}`,
      symbol: 'BTC',
      side: k % 2 === 0 ? 'long' : 'short',
      size: '0.01',
      entryPrice: String(60000 + (k % 100)),
      leverage: String(5 + (k % 20)),
    }));
    const files = { 'large.json': JSON.stringify({ markets: { BTC: market }, marks: { BTC: '60000' }, positions }) };
    const result = cli(['stress', 'large.json', '--shock', '-5%', '--steps', '50'], files);
    expect(result.status).toBe(0);
    const lines = result.err.split('\n');
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(lines.every((line) => /^step \d+\/50$/.test(line))).toBe(true);
    expect(lines.at(-1)).toBe('step 50/50');
    const quiet = cli(['stress', 'large.json', '--shock', '-5%', '--steps', '50', '--json'], files);
    expect(quiet.err).toBe('');
  }, 60_000);

  it.each([
    [['--shock', 'ten'], 'USAGE', "--shock: got 'ten'"],
    [['--shock', '-100%'], 'USAGE', '--shock'],
    [[], 'USAGE', '--shock is required'],
    [['--shock', '-5%', '--impact', 'linear:lamda=1e-9'], 'USAGE', "unknown key 'lamda'"],
    [['--shock', '-5%', '--impact', 'sqrt:Y=0.5,sigma=0.04,volume=2e9,alpha=1'], 'USAGE', "unknown key 'alpha'"],
    [['--shock', '-5%', '--impact', 'sqrt:Y=0.5'], 'USAGE', 'missing sigma, volume'],
    [['--shock', '-5%', '--impact', 'cubic:k=1'], 'USAGE', "kind 'cubic'"],
    [['--shock', '-5%', '--symbol', 'XRPUSDT'], 'USAGE', "--symbol: got 'XRPUSDT'"],
    [['--shock', '-5%', '--steps', '0'], 'USAGE', '--steps'],
    [['--shock', '-5%', '--adl', 'random'], 'USAGE', '--adl'],
    [['--shock', '-5%', '--decay', '2'], 'RATE_OUT_OF_RANGE', 'options.decay'],
    [['--shock', '-5%', '--impact', 'ladder:0.02=1e4,0.01=3e4'], 'TIER_CAP_NOT_INCREASING', 'options.impact.levels[1]'],
  ])('%j ends with status 2 and %s', (flags, code, words) => {
    const result = cli(['stress', 'examples/book.json', ...flags]);
    expect(result.status).toBe(2);
    expect(result.err).toMatch(new RegExp(`^error ${code}: `));
    expect(result.err).toContain(words);
  });

  it('refuses a book file with an unknown key, an unknown symbol or too many entries (BOOK_FILE_INVALID)', () => {
    const file = exampleFile();
    const typo = cli(['stress', 'typo.json', '--shock', '-5%'], {
      'typo.json': JSON.stringify({ ...file, insuranceFunds: file.insuranceFund }),
    });
    expect(typo.status).toBe(2);
    expect(typo.err).toBe(
      'error BOOK_FILE_INVALID: book.insuranceFunds: unknown field; allowed: markets, marks, positions, accounts, insuranceFund',
    );
    const market = cli(['map', 'market.json', '--symbol', 'BTCUSDT'], {
      'market.json': JSON.stringify({
        ...file,
        markets: { ...file.markets, BTCUSDT: { ...file.markets.BTCUSDT, tick: '1' } },
      }),
    });
    expect(market.err).toContain('error BOOK_FILE_INVALID: book.markets.BTCUSDT.tick: unknown field');
    const symbol = cli(['stress', 'symbol.json', '--shock', '-5%'], {
      'symbol.json': JSON.stringify({ ...file, positions: [{ ...file.positions[0], symbol: 'SOLUSDT' }] }),
    });
    expect(symbol.err).toContain(
      'error BOOK_FILE_INVALID: book.positions[0].symbol: got "SOLUSDT"; allowed: BTCUSDT, ETHUSDT',
    );
    const many = cli(['stress', 'many.json', '--shock', '-5%'], {
      'many.json': JSON.stringify({ ...file, positions: new Array(200_001).fill(0) }),
    });
    expect(many.err).toContain(
      'error BOOK_FILE_INVALID: book: got 200,003 positions and accounts; allowed: at most 200,000',
    );
  });

  it("keeps the library's field paths into the file; an own field of a position is ignored", () => {
    const file = exampleFile();
    const bad = cli(['stress', 'bad.json', '--shock', '-5%'], {
      'bad.json': JSON.stringify({ ...file, positions: [{ ...file.positions[0], size: '-1' }] }),
    });
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/^error NOT_POSITIVE: book\.positions\[0\]\.size/);
    const own = cli(['stress', 'own.json', '--shock', '-5%', '--json'], {
      'own.json': JSON.stringify({ ...file, positions: file.positions.map((p) => ({ ...p, note: 'mine' })) }),
    });
    expect(own.status).toBe(0);
  });

  it('--example prints examples/book.json', () => {
    const result = cli(['stress', '--example']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.out)).toEqual(EXAMPLE_BOOK);
    expect(exampleFile()).toEqual(EXAMPLE_BOOK);
  });

  it('has help', () => {
    expect(cli(['stress', '--help']).out).toContain('liqmath stress FILE --shock');
    expect(cli(['map', '--help']).out).toContain('liqmath map FILE --symbol S');
    expect(cli(['--help']).out).toContain('liqmath map FILE');
  });
});

describe('liqmath map', () => {
  it('prints what liquidationMap and leverageConcentration compute (--json), buckets summing to the library', () => {
    const result = cli([
      'map',
      'examples/book.json',
      '--symbol',
      'BTCUSDT',
      '--from',
      '50000',
      '--to',
      '70000',
      '--step',
      '1000',
      '--json',
    ]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    const book = exampleBook();
    const map = liquidationMap(book, { symbol: 'BTCUSDT', from: '50000', to: '70000', step: '1000' });
    const printed = JSON.parse(result.out);
    expect(printed).toEqual(
      plain({ map, concentration: leverageConcentration(book, { within: ['0.01', '0.05', '0.1'] }) }),
    );
    const sum = (side: 'long' | 'short') =>
      (printed.map.buckets as { long: string; short: string }[]).reduce((s, b) => s + Number(b[side]), 0);
    const librarySum = (side: 'long' | 'short') =>
      map.buckets.reduce((s, b) => s.plus(b[side]), map.below.long.times(0));
    expect(sum('long')).toBeCloseTo(librarySum('long').toNumber(), 6);
    expect(sum('short')).toBeCloseTo(librarySum('short').toNumber(), 6);
    expect(librarySum('long').gt(0)).toBe(true);
  });

  it('defaults to ±20% of the mark on a round step, and draws bars', () => {
    const result = cli(['map', 'examples/book.json', '--symbol', 'BTCUSDT']);
    expect(result.status).toBe(0);
    expect(result.out).toContain('48,000 – 48,500');
    expect(result.out).toContain('71,500 – 72,000');
    expect(result.out).toContain('60,000 – 60,500 ◀ mark');
    expect(result.out).toContain('█'.repeat(40));
    expect(result.out).not.toContain('█'.repeat(41));
    for (const words of [
      'below 48,000',
      'at or above 72,000',
      'never liquidated',
      'p50',
      'p99',
      'within 5%',
      'Herfindahl',
    ]) {
      expect(result.out).toContain(words);
    }
    const book = exampleBook();
    const map = liquidationMap(book, { symbol: 'BTCUSDT', from: '48000', to: '72000', step: '500' });
    const json = JSON.parse(cli(['map', 'examples/book.json', '--symbol', 'BTCUSDT', '--json']).out);
    expect(json.map).toEqual(plain(map));
  });

  it('refuses an unknown symbol, a partial range and a bad range', () => {
    const unknown = cli(['map', 'examples/book.json', '--symbol', 'XRPUSDT']);
    expect(unknown.status).toBe(2);
    expect(unknown.err).toContain("error USAGE: --symbol: got 'XRPUSDT'");
    const partial = cli(['map', 'examples/book.json', '--symbol', 'BTCUSDT', '--from', '50000']);
    expect(partial.err).toContain('error USAGE: liqmath map: give --from, --to and --step together');
    const reversed = cli([
      'map',
      'examples/book.json',
      '--symbol',
      'BTCUSDT',
      '--from',
      '7',
      '--to',
      '5',
      '--step',
      '1',
    ]);
    expect(reversed.err).toMatch(/^error INVALID_OPTION: options\.to/);
    const missing = cli(['map', 'examples/book.json']);
    expect(missing.err).toContain('error USAGE: liqmath map: --symbol is required');
  });
});

describe('liqmath stress --sweep (worker threads, the built CLI)', () => {
  const sweep = (...extra: string[]) =>
    spawnSync(
      process.execPath,
      [
        `${root}dist/cli.js`,
        'stress',
        'examples/book.json',
        '--shock',
        '-20%',
        '--impact',
        'linear:lambda=0.000001',
        '--sweep',
        '40',
        '--seed',
        '5',
        ...extra,
      ],
      { cwd: root, encoding: 'utf8' },
    );

  it('gives the same answer on one thread and on two, and each shock is the library’s', () => {
    const one = sweep('--workers', '1', '--json');
    const two = sweep('--workers', '2', '--json');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    const a = JSON.parse(one.stdout);
    const b = JSON.parse(two.stdout);
    expect(a.outcomes).toEqual(b.outcomes);
    expect(a.liquidatedAtRisk).toEqual(b.liquidatedAtRisk);
    const book = exampleBook();
    for (const outcome of a.outcomes.slice(0, 3)) {
      const result = simulateCascade(
        book,
        { steps: 20, shock: Object.fromEntries(book.symbols.map((s) => [s, outcome.shock])) },
        { impact: { kind: 'linear', lambda: '0.000001' } },
      );
      expect(outcome.liquidations).toBe(result.liquidations);
    }
    // percentiles by nearest rank over the 40 outcomes
    const sorted = a.outcomes
      .map((o: { liquidated: string }) => new Big(o.liquidated))
      .sort((x: Big, y: Big) => x.cmp(y));
    expect(a.liquidatedAtRisk.p90).toBe(sorted[35].toString());
  });

  it('says the liquidation at risk in words, and refuses a bad count', () => {
    const text = sweep('--workers', '2');
    expect(text.stdout).toContain('40 shocks drawn uniformly between 0 and -20% (seed 5), run on 2 worker threads.');
    expect(text.stdout).toContain('notional liquidated');
    const bad = sweep('--workers', '0');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('error USAGE: liqmath stress: --workers takes a whole number from 1 to 64');
  });
});
