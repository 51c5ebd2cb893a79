/**
 * `liqmath health FILE`: how close a cross account is to its venue's levels — the venue's ratio,
 * the level reached and the next one, and per symbol the prices of liquidation and of the next
 * level with the distance to the nearer liquidation price.
 */
import type Big from 'big.js';
import {
  binanceMarginRatio,
  binancePortfolioMargin,
  bybitMaintenanceMarginRate,
  type CrossHealth,
  crossHealth,
  driftHealth,
  dydxMarginUsage,
  type HealthDefinition,
  type HealthDefinitionInput,
  hyperliquidMarginRatio,
  okxMarginRatio,
  type WarningLevel,
} from '../index.js';
import { readAccountFile } from './account-file.js';
import { json, show, shownPrice, table } from './format.js';
import { CliError, type CliIo } from './io.js';
import { type OptionSpec, parseOptions } from './options.js';

/** The venue definitions by the name `--definition` takes. */
const DEFINITIONS: Readonly<Record<string, HealthDefinition>> = Object.freeze({
  binance: binanceMarginRatio,
  'binance-pm': binancePortfolioMargin,
  bybit: bybitMaintenanceMarginRate,
  okx: okxMarginRatio,
  hyperliquid: hyperliquidMarginRatio,
  drift: driftHealth,
  dydx: dydxMarginUsage,
});

export const HEALTH_HELP = `liqmath health — how close a cross account is to its venue's levels

Usage:
  liqmath health FILE [--definition NAME] [--levels NAME=RATIO,...] [--json]

FILE is an account file (docs/cli.md), with one "collateral" amount or weighted "assets":
  "assets": [ { "asset": "USDT", "amount": "5000", "price": "1" },
              { "asset": "BTC", "amount": "0.5", "movesWith": "BTCUSDT",
                "weight": [ { "upTo": "10", "weight": "0.98" }, { "upTo": null, "weight": "0.95" } ] } ],
  "positivePnlWeight": "1"
An asset "movesWith" a symbol is priced by that market's mark and moves with it.

Prints the venue's ratio under its name, the level reached and the next one, then per symbol:
mark, liquidation prices below and above (other prices held), distance to the nearer one in %
of the mark, and the prices where the next level is reached.

  --definition NAME  ${Object.keys(DEFINITIONS).join(', ')};
                     default: margin ratio = maintenance ÷ equity, liquidation at 100%
  --levels L         your own levels on that ratio, mildest first: "warning=0.7,danger=0.9"
                     (for a ratio worse when lower, such as okx or binance-pm: "call=1.5,cut=1.2")
  --json             exact decimals as JSON strings
`;

const SPEC: OptionSpec = { definition: { type: 'string' }, levels: { type: 'string' } };

/** Runs `liqmath health`; returns the exit status. */
export function health(argv: readonly string[], io: CliIo): number {
  const parsed = parseOptions(argv, SPEC, 'health');
  if (parsed.values.help) {
    io.out(HEALTH_HELP);
    return 0;
  }
  const [path, ...extra] = parsed.positionals;
  if (path === undefined || extra.length > 0) throw new CliError('USAGE', 'liqmath health: give one account file');
  const definition = definitionOf(parsed.values.definition, parsed.values.levels);
  const file = readAccountFile(io, path);
  const result = definition === undefined ? crossHealth(file.account) : crossHealth(file.account, { definition });
  const ticks = new Map(file.account.positions.map((p) => [p.market.symbol, p.market.tickSize]));
  io.out(parsed.values.json ? json(result) : describe(result, ticks));
  return 0;
}

/** The definition of `--definition`, with `--levels` in its ratio's units when given. */
function definitionOf(
  name: string | boolean | undefined,
  levels: string | boolean | undefined,
): HealthDefinition | HealthDefinitionInput | undefined {
  let base: HealthDefinition | undefined;
  if (typeof name === 'string') {
    base = Object.hasOwn(DEFINITIONS, name) ? DEFINITIONS[name] : undefined;
    if (base === undefined) {
      throw new CliError(
        'USAGE',
        `liqmath health: --definition ${name} is not known; allowed: ${Object.keys(DEFINITIONS).join(', ')}`,
      );
    }
  }
  if (typeof levels !== 'string') return base;
  const parsedLevels = levels.split(',').map((part) => {
    const [levelName, ratio, ...rest] = part.split('=');
    if (levelName === undefined || levelName.trim() === '' || ratio === undefined || rest.length > 0) {
      throw new CliError('USAGE', `liqmath health: --levels takes NAME=RATIO pairs separated by commas; got "${part}"`);
    }
    return { name: levelName.trim(), ratio: ratio.trim() };
  });
  return {
    ratio: base?.ratio ?? 'requirement/equity',
    name: base?.name ?? 'margin ratio',
    levels: parsedLevels,
  };
}

/** A ratio or level for reading: quotients in %, a health percentage as a number out of 100. */
function ratioText(result: CrossHealth, value: Big | null): string {
  if (value === null) return '—';
  return result.definition.ratio === 'health-percent' ? show(value, 2) : `${show(value.times(100), 2)}%`;
}

function levelText(result: CrossHealth, level: WarningLevel | null): string {
  return level === null ? 'none' : `${level.name} (${ratioText(result, level.ratio)})`;
}

function describe(result: CrossHealth, ticks: ReadonlyMap<string, Big | null>): string {
  const who =
    result.definition.venue === 'liqmath' || result.definition.venue === 'caller' ? '' : `${result.definition.venue} `;
  const status = result.liquidatable ? 'liquidatable' : 'healthy';
  const next = result.nextLevel;
  const lines = [
    `${who}${result.ratio.name} ${ratioText(result, result.ratio.value)}: ${status}; level reached ${levelText(result, result.level)}, next ${levelText(result, next)}`,
    `equity ${show(result.equity)}, maintenance ${show(result.requirement)}, initial ${show(result.initialRequirement)}, health ${show(result.health.times(100), 2)}%`,
    '',
  ];
  // A next level at the liquidation prices themselves (the definitions' own liquidation level) adds no column.
  const same = (a: Big | null | undefined, b: Big | null) =>
    (a ?? null) === null ? b === null : b !== null && (a as Big).eq(b);
  const repeats = result.symbols.every(
    (s) => same(s.nextLevel?.below, s.liquidation.below) && same(s.nextLevel?.above, s.liquidation.above),
  );
  const nextTitle = next === null || repeats ? null : next.name;
  const header = ['symbol', 'mark', 'liq. below', 'liq. above', 'distance'];
  if (nextTitle !== null) header.push(`${nextTitle} below`, `${nextTitle} above`);
  lines.push(
    table(
      header,
      result.symbols.map((s) => {
        const tick = ticks.get(s.symbol) ?? null;
        const nearer = [s.liquidation.below, s.liquidation.above].flatMap((p) =>
          p === null ? [] : [p.minus(s.markPrice).abs().div(s.markPrice).times(100)],
        );
        const distance = nearer.length === 0 ? null : nearer.reduce((a, b) => (b.lt(a) ? b : a));
        const row = [
          s.symbol,
          show(s.markPrice),
          shownPrice(s.liquidation.below, tick, 'below'),
          shownPrice(s.liquidation.above, tick, 'above'),
          result.liquidatable ? 'now' : distance === null ? '—' : `${show(distance, 2)}%`,
        ];
        if (nextTitle !== null) {
          row.push(
            shownPrice(s.nextLevel?.below ?? null, tick, 'below'),
            shownPrice(s.nextLevel?.above ?? null, tick, 'above'),
          );
        }
        return row;
      }),
    ),
  );
  if (next !== null && result.symbols.every((s) => s.nextLevel?.below === null && s.nextLevel?.above === null)) {
    lines.push('', `The next level (${next.name}) is not reached by moving any one price alone.`);
  }
  return lines.join('\n');
}
