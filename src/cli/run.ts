/**
 * The `liqmath` command: dispatch to `price`, `account`, `health`, `stress`, `map`, `tiers`, `preview` or `max-size`; errors to stderr with their
 * code and exit status 2 (library errors keep their `LiqMathError` code and field).
 */
import { isLiqMathError, VENUES } from '../index.js';
import { account } from './account.js';
import { health } from './health.js';
import { CliError, type CliIo } from './io.js';
import { maxSize, preview } from './preview.js';
import { price } from './price.js';
import { map, stress } from './stress.js';
import { tiers } from './tiers-command.js';

export const HELP = `liqmath — exact liquidation math for crypto perpetuals and futures

Usage:
  liqmath price --side long --size 1 --entry 50000 --leverage 20 [--venue ID] [--tiers FILE] [--mark P] [--json]
  liqmath account FILE [--json]
  liqmath account --example > account.json
  liqmath health FILE [--definition NAME] [--levels NAME=RATIO,...] [--json]
  liqmath stress FILE --shock -15% [--steps N] [--impact MODEL] [--decay D] [--fee RATE] [--adl RULE] [--symbol S] [--json]
  liqmath stress --example > book.json
  liqmath map FILE --symbol S [--from P --to P --step P] [--json]
  liqmath tiers [--venue ID] [--tiers FILE] [--json]
  liqmath preview --order buy|sell --qty N --mark P [--limit P] [--leverage L] [position] [--json]
  liqmath max-size --order buy|sell --mark P --leverage L --balance B [--limit P] [position] [--json]
  liqmath COMMAND --help
  liqmath --version

Venues: ${Object.keys(VENUES).join(', ')}
Errors go to stderr as "error CODE: message" with exit status 2.
`;

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => number | Promise<number>> = {
  price,
  account,
  health,
  stress,
  map,
  tiers,
  preview,
  'max-size': maxSize,
};

/**
 * Runs the CLI on `argv` (without node and the script); returns the exit status, or a promise of
 * it for a command that runs on worker threads (`stress --sweep`).
 */
export function run(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(HELP);
    return name === undefined ? 2 : 0;
  }
  // An own key only: `toString` or `__proto__` is no command.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined)
    return report(
      io,
      new CliError(
        'USAGE',
        `unknown command '${name}'; allowed: price, account, health, stress, map, tiers, preview, max-size`,
      ),
    );
  try {
    const status = command(rest, io);
    // A file's errors keep their paths into the file (`book.positions[3].size`).
    return typeof status === 'number'
      ? status
      : status.catch((error: unknown) => report(io, error, FILE_COMMANDS.includes(name) ? undefined : FLAGS));
  } catch (error) {
    return report(io, error, FILE_COMMANDS.includes(name) ? undefined : FLAGS);
  }
}

/** The commands reading a file whose library errors are paths into it, not flags. */
const FILE_COMMANDS: readonly string[] = ['account', 'health', 'stress', 'map'];

/**
 * The flag behind each library field that `price` and `tiers` fill from their flags, so that an
 * error names what the user typed (`--leverage`, not `position.leverage`). An account file's
 * errors keep their paths into the file.
 */
const FLAGS: Readonly<Record<string, string>> = Object.freeze({
  'position.side': '--side',
  'position.size': '--size',
  'position.entryPrice': '--entry',
  'position.margin': '--margin',
  'position.leverage': '--leverage',
  'options.symbol': '--symbol',
  // Venue adapters name the symbol they were given `symbol`.
  symbol: '--symbol',
  'options.settle': '--settle',
  'options.tickSize': '--tick',
  'options.lotSize': '--lot',
  'options.contractSize': '--contract-size',
  'options.takerFeeRate': '--fee',
  'market.tickSize': '--tick',
  'market.lotSize': '--lot',
  'market.contractSize': '--contract-size',
  'market.settle': '--settle',
  // preview and max-size
  'order.size': '--qty',
  'order.price': '--limit',
  'options.markPrice': '--mark',
  'options.leverage': '--leverage',
  'options.fillPrice': '--fill',
  'options.feeRate': '--order-fee',
  'options.closeFeeRate': '--close-fee',
  'options.availableBalance': '--balance',
  'order.positionSide': '--position-side',
});

function report(io: CliIo, error: unknown, flags?: Readonly<Record<string, string>>): number {
  if (error instanceof CliError) {
    io.err(`error ${error.code}: ${error.message}`);
    return 2;
  }
  if (isLiqMathError(error)) {
    // The message ends with its code, which the line already starts with.
    const text = error.message.replace(/ \[[A-Z_]+\]$/, '');
    const flag = flags !== undefined && Object.hasOwn(flags, error.field) ? flags[error.field] : undefined;
    // Any other field of `price` or `tiers` is a path into the payload the user gave with --tiers.
    const where =
      flags !== undefined &&
      flag === undefined &&
      !/^(--|account|order|options|position|input|market|symbol)/.test(error.field)
        ? 'in --tiers, '
        : '';
    io.err(
      `error ${error.code}: ${flag === undefined ? `${where}${text}` : `${flag}${text.slice(error.field.length)}`}`,
    );
    return 2;
  }
  // Anything else is a liqmath bug: say so, with the stack, and still exit 2.
  io.err(`error INTERNAL: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 2;
}
