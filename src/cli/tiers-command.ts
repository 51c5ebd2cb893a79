/**
 * `liqmath tiers`: a tier table with its derived maintenance amounts and what each tier allows.
 */
import { json, percent, show, table } from './format.js';
import { CliError, type CliIo } from './io.js';
import { MARKET_FLAGS, MARKET_FLAGS_HELP, marketFromFlags } from './market-flags.js';
import { type OptionSpec, parseOptions } from './options.js';

export const TIERS_HELP = `liqmath tiers — a tier table with derived maintenance amounts

Usage:
  liqmath tiers [--venue ID --tiers FILE [--symbol S]] [--tiers FILE] [--json]

${MARKET_FLAGS_HELP}

  --json          exact decimals as JSON strings

Without --venue and --tiers: the bundled Binance USDⓈ-M BTCUSDT 2024 brackets.
`;

const SPEC: OptionSpec = MARKET_FLAGS;

/** Runs `liqmath tiers`; returns the exit status. */
export function tiers(argv: readonly string[], io: CliIo): number {
  const parsed = parseOptions(argv, SPEC, 'tiers');
  if (parsed.values.help) {
    io.out(TIERS_HELP);
    return 0;
  }
  if (parsed.positionals.length > 0)
    throw new CliError('USAGE', `liqmath tiers: unexpected '${parsed.positionals[0]}'`);
  const { market, source } = marketFromFlags(parsed, io);

  const { method, basis } = market.tiers;
  if (parsed.values.json) {
    io.out(json({ symbol: market.symbol, source, method, basis, tiers: market.tiers.tiers }));
    return 0;
  }
  const unit = basis === 'contracts' ? 'contracts' : market.contract === 'inverse' ? 'coin' : market.settle;
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
