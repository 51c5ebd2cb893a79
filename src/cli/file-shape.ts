/**
 * What the account file and the book file share: their structure checks (closed sections, objects
 * and arrays where expected) and their `markets` section, each file's errors under its own code
 * and root (`account.markets.BTCUSDT`, `book.markets.BTCUSDT`).
 */
import type { Market } from '../index.js';
import { CliError, type CliErrorCode, type CliIo, readJson } from './io.js';
import { marketFrom, type SourcedMarket } from './market-source.js';

/** The fields a market of a file may have: anything else is a typo, refused. */
const MARKET_FIELDS = [
  'venue',
  'asOf',
  'tiers',
  'contract',
  'settle',
  'tickSize',
  'lotSize',
  'contractSize',
  'takerFeeRate',
];

/** The structure checks of one kind of file, failing with its code. */
export function fileShape(code: CliErrorCode, root: string) {
  const invalid = (message: string): never => {
    throw new CliError(code, message);
  };
  const known = (section: Record<string, unknown>, fields: readonly string[], field: string): void => {
    const unknown = Object.keys(section).filter((key) => !fields.includes(key));
    if (unknown.length > 0) invalid(`${field}.${unknown[0]}: unknown field; allowed: ${fields.join(', ')}`);
  };
  const record = (value: unknown, field: string): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(`${field}: expected an object`);
    return value as Record<string, unknown>;
  };
  const list = (value: unknown, field: string): readonly unknown[] => {
    if (!Array.isArray(value)) invalid(`${field}: expected an array`);
    return value as unknown[];
  };
  /** One market of the `markets` section: a venue and its payload, or a liqmath tier table (inline or a path relative to the file). */
  const marketOf = (io: CliIo, symbol: string, spec: Record<string, unknown>, dir: string): SourcedMarket => {
    known(spec, MARKET_FIELDS, `${root}.markets.${symbol}`);
    const tiers =
      typeof spec.tiers === 'string'
        ? readJson(io, spec.tiers, dir, `${root}.markets.${symbol}.tiers`).value
        : spec.tiers;
    const text = (key: string) => (spec[key] === undefined ? undefined : String(spec[key]));
    return marketFrom(
      {
        venue: text('venue'),
        asOf: text('asOf'),
        tiers,
        tiersLabel: typeof spec.tiers === 'string' ? spec.tiers : 'inline',
        symbol,
        contract: text('contract') as Market['contract'] | undefined,
        settle: text('settle'),
        tickSize: text('tickSize'),
        lotSize: text('lotSize'),
        contractSize: text('contractSize'),
        takerFeeRate: text('takerFeeRate'),
      },
      `${root}.markets.${symbol}: `,
    );
  };
  return { invalid, known, record, list, marketOf };
}
