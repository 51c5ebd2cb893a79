/**
 * `liqmath account FILE`: a cross account's equity and requirement, each position's liquidation
 * prices below and above its mark with the distance to the nearer one, and a partial-liquidation
 * plan when the account is liquidatable now.
 */
import type Big from 'big.js';
import {
  type CrossAccount,
  type CrossPlan,
  type CrossPosition,
  crossEquity,
  crossLiquidationPlan,
  crossLiquidationPrices,
  crossMarginRatio,
  crossRequirement,
  crossTier,
  defineAccount,
  isCrossLiquidatable,
  parseDecimal,
} from '../index.js';
import { crossAccountOf, readAccountFile } from './account-file.js';
import { exampleAccountText } from './example-account.js';
import { json, percent, show, shownPrice, table } from './format.js';
import { CliError, type CliIo } from './io.js';
import { type OptionSpec, parseOptions } from './options.js';

export const ACCOUNT_HELP = `liqmath account — liquidation prices of a cross account

Usage:
  liqmath account FILE [--json]
  liqmath account --example > account.json

FILE is a JSON account (schema in docs/cli.md):
  { "collateral": "20000",
    "markets": { "BTCUSDT": { "venue": "binance-usdm", "tiers": "brackets.json", "tickSize": "0.1" } },
    "positions": [ { "symbol": "BTCUSDT", "side": "long", "size": "2", "entryPrice": "60000", "markPrice": "59000" } ],
    "liquidation": { "feeRate": "0.005" } }
A market's "tiers" (the venue's payload, or liqmath tier rows without "venue") is inline or a
path relative to FILE. --example prints a complete file to start from.

Prints, per position: mark, nearest liquidation price below and above the mark (other marks
held), distance to the nearer one in % of the mark, and the tier at the mark; then, when the
account is liquidatable, a plan that closes the largest position first by the smallest size
that restores maintenance.

  --json      exact decimals as JSON strings
  --example   print a complete example account file (every tier table inline) and exit
`;

const SPEC: OptionSpec = { example: { type: 'boolean' } };

interface PositionReport {
  readonly symbol: string;
  readonly side: string;
  readonly size: Big;
  readonly markPrice: Big;
  readonly liquidationBelow: Big | null;
  readonly liquidationAbove: Big | null;
  /** Distance from the mark to the nearer liquidation price, in % of the mark. */
  readonly distancePercent: Big | null;
  readonly tier: number;
}

/** Runs `liqmath account`; returns the exit status. */
export function account(argv: readonly string[], io: CliIo): number {
  const parsed = parseOptions(argv, SPEC, 'account');
  if (parsed.values.help) {
    io.out(ACCOUNT_HELP);
    return 0;
  }
  if (parsed.values.example) {
    if (parsed.positionals.length > 0 || parsed.values.json)
      throw new CliError('USAGE', 'liqmath account --example: takes no FILE and no --json (it prints the file)');
    io.out(exampleAccountText());
    return 0;
  }
  const [path, ...extra] = parsed.positionals;
  if (path === undefined || extra.length > 0) throw new CliError('USAGE', 'liqmath account: give one account file');
  const file = readAccountFile(io, path);
  const given = crossAccountOf(file, 'account');
  // Validated once; every call below reads the prepared account without checking it again.
  const account = defineAccount(given);
  const prices = new Map(crossLiquidationPrices(account).map((p) => [p.symbol, p]));
  const positions = given.positions.map((p) => positionReport(account, p, prices.get(p.market.symbol)));
  const liquidatable = isCrossLiquidatable(account);
  const report = {
    collateral: parseDecimal(given.collateral, 'account.collateral'),
    equity: crossEquity(account),
    maintenanceRequirement: crossRequirement(account),
    marginRatio: crossMarginRatio(account),
    status: liquidatable ? 'liquidatable' : 'healthy',
    markets: Object.fromEntries(file.sources),
    positions,
    plan: liquidatable ? crossLiquidationPlan(account, { feeRate: file.feeRate }) : null,
  };
  const ticks = new Map(given.positions.map((p) => [p.market.symbol, p.market.tickSize]));
  io.out(parsed.values.json ? json(report) : describe(report, ticks));
  return 0;
}

function positionReport(
  account: CrossAccount,
  position: CrossPosition,
  prices: { readonly below: Big | null; readonly above: Big | null } | undefined,
): PositionReport {
  const mark = parseDecimal(position.markPrice, 'markPrice');
  const size = parseDecimal(position.size, 'size');
  const below = prices?.below ?? null;
  const above = prices?.above ?? null;
  const distances = [below, above].flatMap((p) => (p === null ? [] : [p.minus(mark).abs().div(mark).times(100)]));
  return {
    symbol: position.market.symbol,
    side: position.side,
    size,
    markPrice: mark,
    liquidationBelow: below,
    liquidationAbove: above,
    distancePercent: distances.reduce<Big | null>((min, d) => (min === null || d.lt(min) ? d : min), null),
    tier: crossTier(account, { symbol: position.market.symbol, side: position.side }).index + 1,
  };
}

function describe(
  r: {
    collateral: Big;
    equity: Big;
    maintenanceRequirement: Big;
    marginRatio: Big | null;
    status: string;
    markets: Record<string, string>;
    positions: readonly PositionReport[];
    plan: CrossPlan | null;
  },
  ticks: ReadonlyMap<string, Big | null>,
): string {
  const ratio = r.marginRatio === null ? '— (equity ≤ 0)' : percent(r.marginRatio, 2);
  const lines = [
    `collateral ${show(r.collateral)}, equity ${show(r.equity)}, maintenance ${show(r.maintenanceRequirement)}, margin ratio ${ratio}: ${r.status}`,
    ...Object.entries(r.markets).map(([symbol, source]) => `  ${symbol}: ${source}`),
    '',
    table(
      ['symbol', 'side', 'size', 'mark', 'liq. below', 'liq. above', 'distance', 'tier'],
      r.positions.map((p) => [
        p.symbol,
        p.side,
        show(p.size),
        show(p.markPrice),
        shownPrice(p.liquidationBelow, ticks.get(p.symbol) ?? null, 'below'),
        shownPrice(p.liquidationAbove, ticks.get(p.symbol) ?? null, 'above'),
        p.distancePercent === null ? '—' : `${show(p.distancePercent, 2)}%`,
        String(p.tier),
      ]),
    ),
  ];
  if (r.plan !== null && r.plan.steps.length === 0) {
    // No close is possible: say why instead of printing an empty table.
    lines.push('', `No partial liquidation. ${PLAN_ENDS[r.plan.end]}`);
  } else if (r.plan !== null) {
    lines.push('', 'Partial-liquidation plan (largest position first, filled at the mark):');
    lines.push(
      table(
        ['step', 'close', 'size', 'fill', 'fee', 'equity after', 'maintenance after'],
        r.plan.steps.map((s, i) => [
          String(i + 1),
          `${s.symbol} ${s.side}${s.full ? ' (all)' : ''}`,
          show(s.size),
          show(s.fillPrice),
          show(s.fee, 2),
          show(s.equityAfter, 2),
          show(s.requirementAfter, 2),
        ]),
      ),
    );
    lines.push('', PLAN_ENDS[r.plan.end]);
  }
  return lines.join('\n');
}

const PLAN_ENDS: Record<CrossPlan['end'], string> = {
  healthy: 'After the plan the account meets maintenance again.',
  bankrupt: 'The account is bankrupt at these marks: the deficit goes to the insurance fund, then to ADL.',
  'collateral-exhausted':
    'Stopped: the next close would realise a loss larger than the collateral while other positions still show a profit; a venue would settle this by its own rules.',
  'step-limit': 'Stopped after the step limit.',
};
