/**
 * `liqmath preview` and `liqmath max-size`: what an order would do to an isolated position
 * (`previewIsolatedOrder`) and the largest order a balance allows (`isolatedMaxOrderSize`).
 * Every number printed is the library's.
 */
import type Big from 'big.js';
import {
  type CrossOrderPreview,
  type IsolatedOrderPreview,
  type IsolatedPosition,
  isolatedMaxOrderSize,
  type Market,
  type MaxOrderSize,
  type OrderPreviewOptions,
  type OrderRejection,
  previewCrossOrder,
  previewIsolatedOrder,
  roundLiquidationPrice,
  roundToIncrement,
  type Side,
} from '../index.js';
import { crossAccountOf, readAccountFile } from './account-file.js';
import { json, percent, show } from './format.js';
import { CliError, type CliIo } from './io.js';
import { MARKET_FLAGS, MARKET_FLAGS_HELP, marketFromFlags } from './market-flags.js';
import { choice, type OptionSpec, type Parsed, parseOptions, text } from './options.js';

const POSITION_HELP = `Position now (leave out --side, --size and --entry for none):
  --side long|short --size N --entry P
  --margin M              its isolated margin, or
  --leverage L            its leverage; also the leverage of the margin the order adds`;

const ORDER_HELP = `Order:
  --order buy|sell        the order's side
  --limit P               a limit order at P (default: a market order)
  --mark P                the mark price now (required)
  --fill P                the fill price you assume (default: the limit price, or the mark)
  --order-fee R           the fee rate the order pays (taker or maker), default 0
  --close-fee R           the fee rate of the close at the bankruptcy price (Bybit's order cost), default --order-fee
  --balance B             the available balance: an order costing more is refused
  --cost-rule RULE        order-cost (Bybit: margin + fees, default) or cost-to-open (Binance: margin + open loss)
  --reduce-only           the order may only shrink the position`;

export const PREVIEW_HELP = `liqmath preview — what an order would do to an isolated position or a cross account

Usage:
  liqmath preview --order buy|sell --qty N --mark P [--limit P] [--leverage L] [position] [options]
  liqmath preview --account FILE --symbol S --order buy|sell --qty N --leverage L [--limit P] [options]

Cross account (an account file, as for liqmath account):
  --account FILE          the account; --symbol picks the market of the order (the file's markets)
  --position-side SIDE    hedge mode: long or short, the leg the order acts on
  (--mark defaults to the account's mark for the symbol)

  --qty N                 the order's size in contracts
${ORDER_HELP}

${POSITION_HELP}

${MARKET_FLAGS_HELP}

Output:
  --json                  exact decimals as JSON strings
  --help                  this text

Exit status 0 on success (also for an order a venue would refuse: the reason is printed), 2 on an error.
`;

export const MAX_SIZE_HELP = `liqmath max-size — the largest order a balance allows on an isolated position

Usage:
  liqmath max-size --order buy|sell --mark P --leverage L --balance B [--limit P] [position] [options]

${ORDER_HELP}

${POSITION_HELP}

${MARKET_FLAGS_HELP}

Output:
  --json                  exact decimals as JSON strings
  --help                  this text
`;

const SPEC: OptionSpec = {
  ...MARKET_FLAGS,
  side: { type: 'string' },
  size: { type: 'string' },
  entry: { type: 'string' },
  leverage: { type: 'string' },
  margin: { type: 'string' },
  order: { type: 'string' },
  qty: { type: 'string' },
  limit: { type: 'string' },
  mark: { type: 'string' },
  fill: { type: 'string' },
  'order-fee': { type: 'string' },
  'close-fee': { type: 'string' },
  balance: { type: 'string' },
  'cost-rule': { type: 'string' },
  'reduce-only': { type: 'boolean' },
  account: { type: 'string' },
  'position-side': { type: 'string' },
};

/** Runs `liqmath preview`; returns the exit status. */
export function preview(argv: readonly string[], io: CliIo): number {
  const parsed = parseOptions(argv, SPEC, 'preview');
  if (parsed.values.help) {
    io.out(PREVIEW_HELP);
    return 0;
  }
  noPositionals(parsed, 'preview');
  if (text(parsed, 'account') !== undefined) return previewAccount(parsed, io);
  const { market, source } = marketFromFlags(parsed, io);
  const qty = text(parsed, 'qty');
  if (qty === undefined) throw new CliError('USAGE', 'liqmath preview: --qty is required (see liqmath preview --help)');
  const position = positionOf(parsed, 'preview');
  const result = previewIsolatedOrder(
    market,
    position,
    { ...orderOf(parsed, 'preview'), size: qty },
    optionsOf(parsed),
  );
  io.out(
    parsed.values.json
      ? json({ symbol: market.symbol, source, ...result })
      : describe(market, source, position, result),
  );
  return 0;
}

/** Runs `liqmath max-size`; returns the exit status. */
export function maxSize(argv: readonly string[], io: CliIo): number {
  const parsed = parseOptions(argv, SPEC, 'max-size');
  if (parsed.values.help) {
    io.out(MAX_SIZE_HELP);
    return 0;
  }
  noPositionals(parsed, 'max-size');
  if (text(parsed, 'qty') !== undefined) {
    throw new CliError('USAGE', 'liqmath max-size: takes no --qty (the size is what it finds)');
  }
  const { market, source } = marketFromFlags(parsed, io);
  const position = positionOf(parsed, 'max-size');
  const result = isolatedMaxOrderSize(market, position, orderOf(parsed, 'max-size'), optionsOf(parsed));
  io.out(parsed.values.json ? json({ symbol: market.symbol, source, ...result }) : describeMax(market, source, result));
  return 0;
}

/** `liqmath preview --account FILE --symbol S …`: the order on a cross account. */
function previewAccount(parsed: Parsed, io: CliIo): number {
  const file = readAccountFile(io, text(parsed, 'account') as string);
  const crossAccount = crossAccountOf(file, 'preview');
  const symbol = text(parsed, 'symbol');
  if (symbol === undefined)
    throw new CliError('USAGE', 'liqmath preview --account: --symbol picks the market of the order');
  const market = file.markets.get(symbol);
  if (market === undefined) {
    throw new CliError('USAGE', `--symbol: got '${symbol}'; allowed: ${[...file.markets.keys()].join(', ')}`);
  }
  const qty = text(parsed, 'qty');
  if (qty === undefined) throw new CliError('USAGE', 'liqmath preview: --qty is required (see liqmath preview --help)');
  const held = crossAccount.positions.find((p) => p.market === market);
  const mark = text(parsed, 'mark') ?? (held === undefined ? undefined : String(held.markPrice));
  if (mark === undefined) throw new CliError('USAGE', `--mark is required: the account holds no ${symbol}`);
  const positionSide = choice(parsed, 'position-side', ['long', 'short'] as const);
  const order = {
    ...orderOf(parsed, 'preview'),
    market,
    size: qty,
    ...(positionSide === undefined ? {} : { positionSide }),
  };
  const result = previewCrossOrder(crossAccount, order, { ...optionsOf(parsed, mark) });
  if (parsed.values.json) {
    const { after, ...rest } = result;
    const positions = after.account.positions.map(({ market: m, ...p }) => ({ symbol: m.symbol, ...p }));
    io.out(json({ symbol, ...rest, after: { ...after, account: { ...after.account, positions } } }));
  } else io.out(describeCross(market, result));
  return 0;
}

function noPositionals(parsed: Parsed, command: string): void {
  if (parsed.positionals.length > 0)
    throw new CliError('USAGE', `liqmath ${command}: unexpected '${parsed.positionals[0]}'`);
}

/** The position now, or null when none is given; the library validates the values. */
function positionOf(parsed: Parsed, command: string): IsolatedPosition | null {
  const side = choice(parsed, 'side', ['long', 'short'] as const);
  const size = text(parsed, 'size');
  const entryPrice = text(parsed, 'entry');
  const margin = text(parsed, 'margin');
  const leverage = text(parsed, 'leverage');
  if (side === undefined && size === undefined && entryPrice === undefined && margin === undefined) return null;
  if (side === undefined || size === undefined || entryPrice === undefined) {
    throw new CliError('USAGE', `liqmath ${command}: a position needs --side, --size and --entry`);
  }
  if (margin !== undefined) return { side, size, entryPrice, margin };
  if (leverage === undefined) {
    throw new CliError('USAGE', `liqmath ${command}: a position needs --margin or --leverage`);
  }
  return { side, size, entryPrice, leverage };
}

function orderOf(parsed: Parsed, command: string) {
  const side = choice(parsed, 'order', ['buy', 'sell'] as const);
  if (side === undefined) throw new CliError('USAGE', `liqmath ${command}: --order buy|sell is required`);
  const limit = text(parsed, 'limit');
  const reduceOnly = parsed.values['reduce-only'] === true;
  return limit === undefined
    ? { side, type: 'market' as const, reduceOnly }
    : { side, type: 'limit' as const, price: limit, reduceOnly };
}

function optionsOf(parsed: Parsed, defaultMark?: string): OrderPreviewOptions {
  const mark = text(parsed, 'mark') ?? defaultMark;
  if (mark === undefined) throw new CliError('USAGE', '--mark is required: the mark price now');
  const optional: Record<string, string | undefined> = {
    leverage: text(parsed, 'leverage'),
    fillPrice: text(parsed, 'fill'),
    feeRate: text(parsed, 'order-fee'),
    closeFeeRate: text(parsed, 'close-fee'),
    availableBalance: text(parsed, 'balance'),
  };
  const costRule = choice(parsed, 'cost-rule', ['order-cost', 'cost-to-open'] as const);
  return {
    markPrice: mark,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    ...(costRule === undefined ? {} : { costRule }),
  };
}

const TRANSITIONS: Record<IsolatedOrderPreview['transition'], string> = {
  open: 'opens',
  add: 'adds to',
  reduce: 'reduces',
  close: 'closes',
  flip: 'flips',
};

const REJECTIONS: Record<OrderRejection, string> = {
  'insufficient-balance': 'its cost is more than the available balance',
  'above-max-leverage-for-tier': 'the leverage is above the max of the tier the position would be in',
  'above-max-notional': 'the position would be larger than the last tier allows',
  'reduce-only-would-increase': 'a reduce-only order may not open, add to or flip the position',
  'above-position-size': 'it closes more than the position holds (hedge mode)',
};

const FILLS = { order: 'the limit price', mark: 'the mark', given: 'your --fill' } as const;

function describe(market: Market, source: string, now: IsolatedPosition | null, r: IsolatedOrderPreview): string {
  const settle = market.settle;
  const after = r.after.position;
  const lines = [
    `${market.symbol} ${market.contract} — ${source}`,
    `order           ${TRANSITIONS[r.transition]} the position; fills at ${show(r.fill.price)} (${FILLS[r.fill.from]})`,
    `liquidation     now ${r.before === null || now === null ? '— (no position)' : priceText(market, now.side, r.before.liquidationPrice)}, after ${after === null ? '— (closed)' : priceText(market, after.side, r.after.liquidationPrice)}`,
    `position after  ${after === null ? 'none' : `${after.side} ${show(after.size)} at ${show(after.entryPrice)}, margin ${show(after.margin)} ${settle}`}`,
    `cost to open    ${show(r.cost.costToOpen)} ${settle} = margin ${show(r.cost.initialMargin)} + open loss ${show(r.cost.openLoss)} (Binance)`,
    `order cost      ${show(r.cost.orderCost)} ${settle} = margin ${show(r.cost.initialMargin)} + fee to open ${show(r.cost.openingFee)} + fee to close at bankruptcy ${show(r.cost.closingFee)} (Bybit)`,
    `realised PnL    ${show(r.realizedPnl)} ${settle}; fee ${show(r.fee)} ${settle}; balance change ${show(r.balanceChange)} ${settle}`,
    r.rejected === null
      ? 'a venue would accept this order'
      : `REFUSED: ${r.rejections.map((reason) => `${REJECTIONS[reason]} (${reason})`).join('; ')}`,
  ];
  return lines.join('\n');
}

function describeCross(market: Market, r: CrossOrderPreview): string {
  const settle = market.settle;
  // On the tick toward the mark: a price below it up, one above it down.
  const tick = (price: Big | null, direction: 'up' | 'down') =>
    price === null
      ? 'none'
      : show(market.tickSize === null ? price : roundToIncrement(price, market.tickSize, direction));
  const prices = (l: CrossOrderPreview['before']) =>
    l === null
      ? '— (no position)'
      : l.status === 'liquidatable'
        ? 'liquidatable now'
        : `below ${tick(l.below, 'up')}, above ${tick(l.above, 'down')}`;
  const mine = r.after.account.positions.filter((p) => p.market === market);
  return [
    `${market.symbol} ${market.contract} — cross account`,
    `order           ${TRANSITIONS[r.transition]} the position; fills at ${show(r.fill.price)} (${FILLS[r.fill.from]})`,
    `liquidation     now ${prices(r.before)}`,
    `                after ${prices(r.after.liquidation)}`,
    `position after  ${mine.length === 0 ? 'none' : mine.map((p) => `${p.side} ${show(p.size)} at ${show(p.entryPrice)}`).join('; ')}`,
    `account after   collateral ${show(r.after.account.collateral)} ${settle}, equity ${show(r.after.equity)}, maintenance ${show(r.after.requirement)}, margin ratio ${r.after.marginRatio === null ? '— (equity ≤ 0)' : percent(r.after.marginRatio, 2)}`,
    `order cost      ${show(r.cost.orderCost)} ${settle} (Bybit); cost to open ${show(r.cost.costToOpen)} ${settle} (Binance)`,
    `realised PnL    ${show(r.realizedPnl)} ${settle}; fee ${show(r.fee)} ${settle}`,
    r.rejected === null
      ? 'a venue would accept this order'
      : `REFUSED: ${r.rejections.map((reason) => `${REJECTIONS[reason]} (${reason})`).join('; ')}`,
  ].join('\n');
}

function describeMax(market: Market, source: string, r: MaxOrderSize): string {
  const why = {
    balance: 'the balance',
    'tier-leverage': "the tiers: a larger position's tier has a max leverage below yours",
    'max-notional': "the last tier's cap",
    lot: 'the lot: less than one fits',
  }[r.limitedBy];
  return [
    `${market.symbol} ${market.contract} — ${source}`,
    `max order size  ${show(r.size)} (opened notional ${show(r.notional)} ${market.settle})`,
    `limited by      ${why}`,
  ].join('\n');
}

/** A liquidation price as a trader reads it: on the tick toward the mark, or exact to 8 places. */
function priceText(market: Market, side: Side, price: Big | null): string {
  if (price === null) return 'none';
  if (market.tickSize === null) return show(price);
  const shown = roundToIncrement(
    roundLiquidationPrice(market, side, price),
    market.tickSize,
    side === 'long' ? 'up' : 'down',
  );
  return show(shown);
}
