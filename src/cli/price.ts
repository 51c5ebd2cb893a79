/**
 * `liqmath price`: one isolated position's liquidation and bankruptcy prices, its maintenance
 * margin and tier, and, with `--mark`, its equity and margin ratio there.
 */
import type Big from 'big.js';
import {
  type IsolatedPosition,
  isolatedBankruptcyPrice,
  isolatedEquity,
  isolatedLiquidationPrice,
  isolatedRequirement,
  isolatedTier,
  type Market,
  parseDecimal,
  roundLiquidationPrice,
  roundToIncrement,
  type Side,
  type Tier,
} from '../index.js';
import { json, percent, show } from './format.js';
import { CliError, type CliIo } from './io.js';
import { MARKET_FLAGS, MARKET_FLAGS_HELP, marketFromFlags } from './market-flags.js';
import { choice, type OptionSpec, type Parsed, parseOptions, text } from './options.js';

export const PRICE_HELP = `liqmath price — liquidation price of an isolated position

Usage:
  liqmath price --side long|short --size N --entry P (--leverage L | --margin M) [options]

Position:
  --side long|short       side of the position
  --size N                size in contracts (base units on linear markets with contract size 1)
  --entry P               entry price
  --leverage L            leverage at open (margin = entry notional / L), or
  --margin M              isolated margin in the settle currency
  --mark P                also show equity, maintenance margin and margin ratio at this mark

${MARKET_FLAGS_HELP}

Output:
  --json                  exact decimals as JSON strings
  --help                  this text

Exit status 0 on success, 2 on an error (printed to stderr with its code).
`;

const SPEC: OptionSpec = {
  ...MARKET_FLAGS,
  side: { type: 'string' },
  size: { type: 'string' },
  entry: { type: 'string' },
  leverage: { type: 'string' },
  margin: { type: 'string' },
  mark: { type: 'string' },
};

/** Runs `liqmath price`; returns the exit status. */
export function price(argv: readonly string[], io: CliIo): number {
  const parsed = parseOptions(argv, SPEC, 'price');
  if (parsed.values.help) {
    io.out(PRICE_HELP);
    return 0;
  }
  if (parsed.positionals.length > 0)
    throw new CliError('USAGE', `liqmath price: unexpected '${parsed.positionals[0]}'`);
  const { market, source } = marketFromFlags(parsed, io);

  const position = positionOf(parsed);
  const report = priceReport(market, position, source, text(parsed, 'mark'));
  io.out(parsed.values.json ? json(report) : describe(report));
  return 0;
}

/** The position the flags describe; the library validates the values and names the field. */
function positionOf(parsed: Parsed): IsolatedPosition {
  const side = choice(parsed, 'side', ['long', 'short'] as const);
  const size = text(parsed, 'size');
  const entryPrice = text(parsed, 'entry');
  const leverage = text(parsed, 'leverage');
  const margin = text(parsed, 'margin');
  if (side === undefined || size === undefined || entryPrice === undefined) {
    throw new CliError('USAGE', 'liqmath price: --side, --size and --entry are required (see liqmath price --help)');
  }
  if ((leverage === undefined) === (margin === undefined)) {
    throw new CliError('USAGE', 'liqmath price: give exactly one of --leverage and --margin');
  }
  return leverage === undefined
    ? { side, size, entryPrice, margin: margin as string }
    : { side, size, entryPrice, leverage };
}

interface PriceReport {
  readonly symbol: string;
  readonly contract: string;
  readonly settle: string;
  readonly source: string;
  readonly side: Side;
  readonly size: Big;
  readonly entryPrice: Big;
  readonly liquidationPrice: Big | null;
  /** Rounded to the tick toward the mark, as venues show it; null without a tick size. */
  readonly liquidationPriceShown: Big | null;
  readonly bankruptcyPrice: Big | null;
  readonly maintenanceMarginAtEntry: Big;
  readonly tierAtEntry: TierReport;
  readonly tierAtLiquidation: TierReport | null;
  readonly atMark: MarkReport | null;
}

interface TierReport {
  readonly tier: number;
  readonly maintenanceMarginRate: Big;
  readonly maxLeverage: Big;
}

interface MarkReport {
  readonly markPrice: Big;
  readonly equity: Big;
  readonly maintenanceMargin: Big;
  /** Maintenance margin ÷ equity; null when equity ≤ 0. */
  readonly marginRatio: Big | null;
}

function priceReport(
  market: Market,
  position: IsolatedPosition,
  source: string,
  mark: string | undefined,
): PriceReport {
  const liquidation = isolatedLiquidationPrice(market, position);
  const size = parseDecimal(position.size, 'position.size', 'positive');
  const entryPrice = parseDecimal(position.entryPrice, 'position.entryPrice', 'positive');
  return {
    symbol: market.symbol,
    contract: market.contract,
    settle: market.settle,
    source,
    side: position.side,
    size,
    entryPrice,
    liquidationPrice: liquidation,
    liquidationPriceShown:
      liquidation === null || market.tickSize === null
        ? null
        : // As the venue shows it, then on the tick toward the mark (a no-op for a price already on
          // it) where the venue shows more digits than its tick.
          roundToIncrement(
            roundLiquidationPrice(market, position.side, liquidation),
            market.tickSize,
            position.side === 'long' ? 'up' : 'down',
          ),
    bankruptcyPrice: isolatedBankruptcyPrice(market, position),
    maintenanceMarginAtEntry: isolatedRequirement(market, position, entryPrice),
    tierAtEntry: tierReport(isolatedTier(market, position, entryPrice)),
    tierAtLiquidation: liquidation === null ? null : tierReport(isolatedTier(market, position, liquidation)),
    atMark: mark === undefined ? null : markReport(market, position, parseDecimal(mark, '--mark', 'positive')),
  };
}

function tierReport(tier: Tier): TierReport {
  return { tier: tier.index + 1, maintenanceMarginRate: tier.maintenanceMarginRate, maxLeverage: tier.maxLeverage };
}

function markReport(market: Market, position: IsolatedPosition, markPrice: Big): MarkReport {
  const equity = isolatedEquity(market, position, markPrice);
  const maintenanceMargin = isolatedRequirement(market, position, markPrice);
  return { markPrice, equity, maintenanceMargin, marginRatio: equity.gt(0) ? maintenanceMargin.div(equity) : null };
}

function describe(r: PriceReport): string {
  const shown =
    r.liquidationPriceShown === null
      ? ''
      : `   (shown ${show(r.liquidationPriceShown)}, rounded to the tick toward the mark)`;
  const lines = [
    `${r.symbol} ${r.contract}, ${r.side} ${show(r.size)} at ${show(r.entryPrice)} — ${r.source}`,
    `liquidation price    ${r.liquidationPrice === null ? 'none (the position cannot be liquidated by price)' : show(r.liquidationPrice)}${shown}`,
    `bankruptcy price     ${r.bankruptcyPrice === null ? 'none' : show(r.bankruptcyPrice)}`,
    `maintenance margin   ${show(r.maintenanceMarginAtEntry)} ${r.settle} at entry, ${tierLine(r.tierAtEntry)}`,
  ];
  if (r.tierAtLiquidation !== null) lines.push(`tier at liquidation  ${tierLine(r.tierAtLiquidation)}`);
  if (r.atMark !== null) {
    const m = r.atMark;
    lines.push(
      `at mark ${show(m.markPrice)}: equity ${show(m.equity)} ${r.settle}, maintenance margin ${show(m.maintenanceMargin)} ${r.settle}, ` +
        `margin ratio ${m.marginRatio === null ? '— (equity ≤ 0)' : percent(m.marginRatio, 2)}`,
    );
  }
  return lines.join('\n');
}

function tierLine(t: TierReport): string {
  return `tier ${t.tier} (MMR ${percent(t.maintenanceMarginRate)}, max ${show(t.maxLeverage)}x)`;
}
