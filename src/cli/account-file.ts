/**
 * The account file of `liqmath account` (schema in docs/cli.md): collateral, the markets by
 * symbol (a venue and its payload, or a liqmath tier table; inline or a path relative to the
 * file), the positions with their marks, and an optional liquidation fee rate for the plan.
 */
import type { CollateralAccount, CrossAccount, CrossPosition, Market } from '../index.js';
import { fileShape } from './file-shape.js';
import { CliError, type CliIo, readJson } from './io.js';
import type { SourcedMarket } from './market-source.js';

const { known, record, list, marketOf } = fileShape('ACCOUNT_FILE_INVALID', 'account');

/** Declared here (not destructured) so that the compiler narrows after a call. */
function invalid(message: string): never {
  throw new CliError('ACCOUNT_FILE_INVALID', message);
}

/** An account file, read and turned into library inputs. */
export interface AccountFile {
  /** One collateral amount (`collateral`), or weighted assets (`assets`, read by `liqmath health`). */
  readonly account: CrossAccount | CollateralAccount;
  readonly sources: ReadonlyMap<string, string>;
  /** Every market of the file by symbol, also those without a position (an order may open one). */
  readonly markets: ReadonlyMap<string, Market>;
  /** Liquidation fee rate on the closed notional, for the plan; '0' when not given. */
  readonly feeRate: string;
}

/** Positions an account file may hold: its plan takes about 3 s at this size (docs/cli.md). */
export const MAX_ACCOUNT_FILE_POSITIONS = 1000;

/** The fields of the file and of its `liquidation` section: anything else is a typo, refused. */
const FILE_FIELDS = ['collateral', 'assets', 'positivePnlWeight', 'markets', 'positions', 'liquidation'];
const LIQUIDATION_FIELDS = ['feeRate'];

/**
 * Reads and checks the account file at `path`; the library validates the numbers. The file and
 * its sections are configuration, so an unknown key is refused (a misspelt `feeRate` would
 * otherwise silently become 0); positions are records and may carry the caller's own fields.
 */
export function readAccountFile(io: CliIo, path: string): AccountFile {
  const { value, dir } = readJson(io, path, io.cwd, 'account file');
  const file = record(value, 'account');
  known(file, FILE_FIELDS, 'account');
  const markets = new Map<string, SourcedMarket>();
  for (const [symbol, spec] of Object.entries(record(file.markets, 'account.markets'))) {
    markets.set(symbol, marketOf(io, symbol, record(spec, `account.markets.${symbol}`), dir));
  }
  const listed = list(file.positions, 'account.positions');
  if (listed.length > MAX_ACCOUNT_FILE_POSITIONS) {
    invalid(
      `account.positions: got ${listed.length} positions; allowed: at most ${MAX_ACCOUNT_FILE_POSITIONS} (the plan revalues the whole account at each of its steps)`,
    );
  }
  const positions = listed.map((item, index): CrossPosition => {
    const { symbol, ...rest } = record(item, `account.positions[${index}]`);
    const market = markets.get(String(symbol));
    if (market === undefined) {
      invalid(
        `account.positions[${index}].symbol: got ${JSON.stringify(symbol)}; allowed: ${[...markets.keys()].join(', ')}`,
      );
    }
    return { ...(rest as Omit<CrossPosition, 'market'>), market: (market as SourcedMarket).market };
  });
  const liquidation = file.liquidation === undefined ? {} : record(file.liquidation, 'account.liquidation');
  known(liquidation, LIQUIDATION_FIELDS, 'account.liquidation');
  // Weighted assets instead of one collateral amount: the library refuses a file with both.
  // One collateral amount, or weighted assets; a positive-PnL weight goes with either (the library
  // refuses a file with both collateral and assets, and reads weights in crossHealth only).
  const account = {
    ...(file.collateral === undefined ? {} : { collateral: file.collateral }),
    ...(file.assets === undefined ? {} : { assets: file.assets }),
    ...(file.positivePnlWeight === undefined ? {} : { positivePnlWeight: file.positivePnlWeight }),
    positions,
  };
  return {
    account: account as unknown as CrossAccount | CollateralAccount,
    sources: new Map([...markets].map(([symbol, m]) => [symbol, m.source])),
    markets: new Map([...markets].map(([symbol, m]) => [symbol, m.market])),
    feeRate: liquidation.feeRate === undefined ? '0' : String(liquidation.feeRate),
  };
}

/**
 * The file's account with one collateral amount, for the commands that take no weighted assets
 * (`account`, `preview`); a file with `assets` is refused with the command that reads it.
 */
export function crossAccountOf(file: AccountFile, command: string): CrossAccount {
  if ('assets' in file.account || 'positivePnlWeight' in file.account) {
    invalid(
      `account.${'assets' in file.account ? 'assets' : 'positivePnlWeight'}: liqmath ${command} takes one collateral amount ("collateral") with PnL in full; an account with weighted collateral is read by liqmath health`,
    );
  }
  return file.account;
}
