/**
 * `liqmath tiers`: a tier table with its derived maintenance amounts and what each tier allows.
 */
import { json, percent, show, table } from './format.js';
import { CliError, type CliIo, readJson } from './io.js';
import { marketFrom, VENUE_IDS } from './market-source.js';
import { choice, type OptionSpec, parseOptions, text } from './options.js';

export const TIERS_HELP = `liqmath tiers — a tier table with derived maintenance amounts

Usage:
  liqmath tiers [--venue ID --tiers FILE [--symbol S]] [--tiers FILE] [--json]

  --venue ID      ${VENUE_IDS.join(', ')}
  --tiers FILE    the venue's tier payload (with --venue) or a liqmath tier file (see liqmath price --help)
  --symbol S      symbol to pick from a payload with several
  --contract linear|inverse, --contract-size K, --fee R: as for liqmath price
  --json          exact decimals as JSON strings

Without --venue and --tiers: the bundled Binance USDⓈ-M BTCUSDT 2024 brackets.
`;

const SPEC: OptionSpec = {
  venue: { type: 'string' },
  tiers: { type: 'string' },
  symbol: { type: 'string' },
  contract: { type: 'string' },
  'contract-size': { type: 'string' },
  fee: { type: 'string' },
};

/** Runs `liqmath tiers`; returns the exit status. */
export function tiers(argv: readonly string[], io: CliIo): number {
  const parsed = parseOptions(argv, SPEC, 'tiers');
  if (parsed.values.help) {
    io.out(TIERS_HELP);
    return 0;
  }
  if (parsed.positionals.length > 0)
    throw new CliError('USAGE', `liqmath tiers: unexpected '${parsed.positionals[0]}'`);
  const tiersPath = text(parsed, 'tiers');
  const { market, source } = marketFrom({
    venue: text(parsed, 'venue'),
    tiers: tiersPath === undefined ? undefined : readJson(io, tiersPath, io.cwd, '--tiers').value,
    tiersLabel: tiersPath,
    symbol: text(parsed, 'symbol'),
    contract: choice(parsed, 'contract', ['linear', 'inverse'] as const),
    contractSize: text(parsed, 'contract-size'),
    takerFeeRate: text(parsed, 'fee'),
  });
  const { method, basis } = market.tiers;
  if (parsed.values.json) {
    io.out(json({ symbol: market.symbol, source, method, basis, tiers: market.tiers.tiers }));
    return 0;
  }
  const unit = basis === 'contracts' ? 'contracts' : market.contract === 'linear' ? market.settle : 'coin';
  io.out(`${market.symbol} — ${source}\n${method} method, caps in ${unit}\n`);
  io.out(
    table(
      ['tier', `above (${unit})`, `up to (${unit})`, 'maintenance rate', 'max leverage', 'maintenance amount'],
      market.tiers.tiers.map((tier) => [
        String(tier.index + 1),
        show(tier.floor),
        tier.cap === null ? '∞' : show(tier.cap),
        percent(tier.maintenanceMarginRate),
        `${show(tier.maxLeverage)}x`,
        show(tier.maintenanceAmount),
      ]),
    ),
  );
  return 0;
}
