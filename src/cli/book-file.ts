/**
 * The book file of `liqmath stress` and `liqmath map` (schema in docs/cli.md): the markets by
 * symbol (as in an account file), one mark per symbol, isolated positions, cross accounts and the
 * insurance fund of each settle currency, turned into the library's `BookInput`.
 */
import type { BookAccount, BookInput, BookPosition, Market } from '../index.js';
import { fileShape } from './file-shape.js';
import { CliError, type CliIo, readJson } from './io.js';
import type { SourcedMarket } from './market-source.js';

const { known, record, list, marketOf } = fileShape('BOOK_FILE_INVALID', 'book');

/** Declared here (not destructured) so that the compiler narrows after a call. */
function invalid(message: string): never {
  throw new CliError('BOOK_FILE_INVALID', message);
}

/** A book file, read and turned into library inputs. */
export interface BookFile {
  readonly input: BookInput;
  /** Every market of the file by symbol. */
  readonly markets: ReadonlyMap<string, Market>;
  readonly sources: ReadonlyMap<string, string>;
}

/**
 * Positions and accounts a book file may hold together (the CLI's limit; the library takes more):
 * a 20-step cascade over this many takes some seconds, and the file itself about 40 MB.
 */
export const MAX_BOOK_FILE_ENTRIES = 200_000;

/** The fields of the file: anything else is a typo, refused. */
const FILE_FIELDS = ['markets', 'marks', 'positions', 'accounts', 'insuranceFund'];

/**
 * Reads and checks the book file at `path`; the library validates the numbers (its errors name
 * fields as `book.positions[3].size`, the path in the file). The file and its markets are
 * configuration, so an unknown key is refused; positions and accounts are records and may carry
 * the caller's own fields.
 */
export function readBookFile(io: CliIo, path: string): BookFile {
  const { value, dir } = readJson(io, path, io.cwd, 'book file');
  const file = record(value, 'book');
  known(file, FILE_FIELDS, 'book');
  const markets = new Map<string, SourcedMarket>();
  for (const [symbol, spec] of Object.entries(record(file.markets, 'book.markets'))) {
    markets.set(symbol, marketOf(io, symbol, record(spec, `book.markets.${symbol}`), dir));
  }
  const positionsGiven = file.positions === undefined ? [] : list(file.positions, 'book.positions');
  const accountsGiven = file.accounts === undefined ? [] : list(file.accounts, 'book.accounts');
  const entries = positionsGiven.length + accountsGiven.length;
  if (entries > MAX_BOOK_FILE_ENTRIES) {
    invalid(
      `book: got ${entries.toLocaleString('en-US')} positions and accounts; allowed: at most ${MAX_BOOK_FILE_ENTRIES.toLocaleString('en-US')} together (a limit of the CLI; the library's defineBook takes more)`,
    );
  }
  const marketOfSymbol = (symbol: unknown, field: string): Market => {
    const market = typeof symbol === 'string' ? markets.get(symbol) : undefined;
    if (market === undefined) {
      invalid(`${field}.symbol: got ${JSON.stringify(symbol)}; allowed: ${[...markets.keys()].join(', ')}`);
    }
    return market.market;
  };
  const positions = positionsGiven.map((item, index): BookPosition => {
    const field = `book.positions[${index}]`;
    const { symbol, ...rest } = record(item, field);
    return { ...(rest as Omit<BookPosition, 'market'>), market: marketOfSymbol(symbol, field) } as BookPosition;
  });
  const accounts = accountsGiven.map((item, index): BookAccount => {
    const field = `book.accounts[${index}]`;
    const account = record(item, field);
    const legs = list(account.positions, `${field}.positions`).map((leg, k) => {
      const { symbol, ...rest } = record(leg, `${field}.positions[${k}]`);
      return {
        ...(rest as Omit<BookAccount['positions'][number], 'market'>),
        market: marketOfSymbol(symbol, `${field}.positions[${k}]`),
      };
    });
    return { ...(account as unknown as BookAccount), positions: legs };
  });
  const input = {
    marks: file.marks,
    positions,
    accounts,
    ...(file.insuranceFund === undefined ? {} : { insuranceFund: file.insuranceFund }),
  };
  return {
    input: input as unknown as BookInput,
    markets: new Map([...markets].map(([symbol, m]) => [symbol, m.market])),
    sources: new Map([...markets].map(([symbol, m]) => [symbol, m.source])),
  };
}

const BTC_TIERS = [
  { cap: '250000', maintenanceMarginRate: '0.005', maxLeverage: 50 },
  { cap: '1000000', maintenanceMarginRate: '0.01', maxLeverage: 20 },
  { cap: null, maintenanceMarginRate: '0.025', maxLeverage: 10 },
];

const ETH_TIERS = [
  { cap: '100000', maintenanceMarginRate: '0.005', maxLeverage: 50 },
  { cap: '500000', maintenanceMarginRate: '0.01', maxLeverage: 20 },
  { cap: null, maintenanceMarginRate: '0.025', maxLeverage: 10 },
];

/**
 * The example book of `liqmath stress --example`, the same as examples/book.json (a test holds
 * them equal): two markets with their tiers inline, isolated positions at various leverages on
 * both sides, two cross accounts and the insurance fund.
 */
export const EXAMPLE_BOOK = {
  markets: {
    BTCUSDT: { tickSize: '0.1', lotSize: '0.001', tiers: BTC_TIERS },
    ETHUSDT: { tickSize: '0.01', lotSize: '0.001', tiers: ETH_TIERS },
  },
  marks: { BTCUSDT: '60000', ETHUSDT: '3000' },
  positions: [
    { id: 'p1', symbol: 'BTCUSDT', side: 'long', size: '0.2', entryPrice: '60500', leverage: '50' },
    { id: 'p2', symbol: 'BTCUSDT', side: 'long', size: '0.5', entryPrice: '61200', leverage: '25' },
    { id: 'p3', symbol: 'BTCUSDT', side: 'long', size: '0.3', entryPrice: '59800', leverage: '20' },
    { id: 'p4', symbol: 'BTCUSDT', side: 'long', size: '1', entryPrice: '62000', leverage: '3' },
    { id: 'p5', symbol: 'BTCUSDT', side: 'short', size: '0.4', entryPrice: '59000', leverage: '20' },
    { id: 'p6', symbol: 'BTCUSDT', side: 'short', size: '0.25', entryPrice: '60200', leverage: '50' },
    { id: 'p7', symbol: 'BTCUSDT', side: 'long', size: '0.15', entryPrice: '60000', leverage: '15' },
    { id: 'p8', symbol: 'ETHUSDT', side: 'long', size: '5', entryPrice: '3050', leverage: '25' },
    { id: 'p9', symbol: 'ETHUSDT', side: 'long', size: '10', entryPrice: '2980', leverage: '8' },
    { id: 'p10', symbol: 'ETHUSDT', side: 'short', size: '8', entryPrice: '2900', leverage: '10' },
    { id: 'p11', symbol: 'ETHUSDT', side: 'long', size: '3', entryPrice: '3020', leverage: '40' },
    { id: 'p12', symbol: 'ETHUSDT', side: 'short', size: '4', entryPrice: '3000', leverage: '5' },
  ],
  accounts: [
    {
      id: 'a1',
      collateral: '15000',
      positions: [
        { symbol: 'BTCUSDT', side: 'long', size: '0.5', entryPrice: '60000' },
        { symbol: 'ETHUSDT', side: 'long', size: '10', entryPrice: '3000' },
      ],
    },
    {
      id: 'a2',
      collateral: '20000',
      positions: [
        { symbol: 'BTCUSDT', side: 'short', size: '1', entryPrice: '61000' },
        { symbol: 'ETHUSDT', side: 'short', size: '5', entryPrice: '3100' },
      ],
    },
  ],
  insuranceFund: { USDT: '50000' },
} as const;
