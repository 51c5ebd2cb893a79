/**
 * The market flags shared by `price` and `tiers`: which venue, which tier file, and the
 * market's options, turned into a market by `marketFrom`.
 */
import { type CliIo, readJson } from './io.js';
import { marketFrom, type SourcedMarket, VENUE_IDS } from './market-source.js';
import { choice, type OptionSpec, type Parsed, text } from './options.js';

export const MARKET_FLAGS: OptionSpec = {
  venue: { type: 'string' },
  'as-of': { type: 'string' },
  tiers: { type: 'string' },
  contract: { type: 'string' },
  symbol: { type: 'string' },
  settle: { type: 'string' },
  tick: { type: 'string' },
  lot: { type: 'string' },
  'contract-size': { type: 'string' },
  fee: { type: 'string' },
};

export const MARKET_FLAGS_HELP = `Market (default: Binance USDⓈ-M BTCUSDT 2024 brackets, linear, tick 0.1):
  --venue ID              ${VENUE_IDS.join(', ')}
  --as-of YYYY-MM-DD      the venue's method in effect that day (default: the current one)
  --tiers FILE            the venue's tier payload (with --venue) or a liqmath tier file:
                          [{ "cap": "50000", "maintenanceMarginRate": "0.004", "maxLeverage": 125 }, …]
                          or { "method": "deduction"|"flat", "basis": "notional"|"contracts", "tiers": [...] }
  --contract linear|inverse|quanto
  --symbol S              symbol to pick from a payload with several
  --settle C              settle currency
  --tick T --lot L        tick size, lot size
  --contract-size K       linear: base units per contract; inverse: quote value per contract;
                          quanto: settle units per contract per price point
  --fee R                 taker fee rate (venues that count the fee to close in the requirement)`;

/** The market the flags describe; tier files are read relative to the working directory. */
export function marketFromFlags(parsed: Parsed, io: CliIo): SourcedMarket {
  const tiersPath = text(parsed, 'tiers');
  return marketFrom({
    venue: text(parsed, 'venue'),
    asOf: text(parsed, 'as-of'),
    tiers: tiersPath === undefined ? undefined : readJson(io, tiersPath, io.cwd, '--tiers').value,
    tiersLabel: tiersPath,
    symbol: text(parsed, 'symbol'),
    contract: choice(parsed, 'contract', ['linear', 'inverse', 'quanto'] as const),
    settle: text(parsed, 'settle'),
    tickSize: text(parsed, 'tick'),
    lotSize: text(parsed, 'lot'),
    contractSize: text(parsed, 'contract-size'),
    takerFeeRate: text(parsed, 'fee'),
  });
}
