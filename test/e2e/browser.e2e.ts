/**
 * The browser example in headless Chromium (Debian's, driven by playwright-core): type a
 * position, read the page, and compare with the library computed here in Node from the same
 * build. Needs `npm run build` first and /usr/bin/chromium (scripts/ensure-chromium.mjs).
 */

import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../scripts/serve.mjs';

// The built ESM file the page loads, not the sources: the test checks what ships (typed by the
// sources, since dist/ does not exist before the build).
const built = '../../dist/index.js';
const liqmath = (await import(built)) as typeof import('../../src/index.js');
type Market = import('../../src/index.js').Market;
type Big = ReturnType<typeof liqmath.positionNotional>;
type Position = { side: 'long' | 'short'; size: string; entryPrice: string; leverage: string };

let server: Server;
let browser: Browser;
let page: Page;
const errors: string[] = [];

const brackets = JSON.parse(readFileSync(new URL('../../examples/binance-btcusdt-2024.json', import.meta.url), 'utf8'));
const binance = liqmath.binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1' });
const hyperliquid = liqmath.defineMarket({
  symbol: 'BTC',
  contract: 'linear',
  settle: 'USDC',
  tickSize: '1',
  tiers: liqmath.defineTiers([{ cap: null, maintenanceMarginRate: '0.0125', maxLeverage: 40 }]),
});
const flatEth = liqmath.defineMarket({
  symbol: 'ETH',
  contract: 'linear',
  settle: 'USDT',
  tickSize: '0.01',
  tiers: liqmath.defineTiers(
    [
      { cap: '100000', maintenanceMarginRate: '0.01', maxLeverage: 50 },
      { cap: null, maintenanceMarginRate: '0.02', maxLeverage: 25 },
    ],
    { method: 'flat' },
  ),
});

beforeAll(async () => {
  const started = await serve(0);
  server = started.server;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(started.url);
  await page.waitForSelector('body[data-ready="true"]');
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function typeInto(id: string, value: string): Promise<void> {
  await page.fill(`#${id}`, '');
  await page.type(`#${id}`, value);
}

async function enter(position: Position): Promise<void> {
  await page.selectOption('#side', position.side);
  await typeInto('size', position.size);
  await typeInto('entry', position.entryPrice);
  await typeInto('leverage', position.leverage);
}

const shown = (id: string) => page.textContent(`#${id}`);
const exactOf = (id: string) => page.getAttribute(`#${id}`, 'data-exact');

/** Grouping done independently of the page: BigInt's en-US formatting of the whole part. */
function grouped(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const withCommas = BigInt(whole).toLocaleString('en-US');
  return fraction === undefined ? withCommas : `${withCommas}.${fraction}`;
}

const decimals = (big: Big) => big.toFixed().split('.')[1]?.length ?? 0;

/**
 * The library's price on the tick toward the mark, as the page shows it: the venue's rounding,
 * or (for a venue that shows prices unrounded, Binance) the tick toward the mark; the tick's
 * decimals, grouped.
 */
function onTick(market: Market, side: Position['side'], exact: Big): string {
  const tick = market.tickSize as Big;
  const rounded =
    market.priceRounding === 'none'
      ? liqmath.roundToIncrement(exact, tick, side === 'long' ? 'up' : 'down')
      : liqmath.roundLiquidationPrice(market, side, exact);
  return grouped(rounded.toFixed(Math.max(decimals(tick), decimals(rounded))));
}

/** The library's tier at a price for a notional-keyed table. */
const tierAt = (market: Market, size: string, price: Big) =>
  liqmath.tierFor(market.tiers, liqmath.positionNotional(market, size, price));

/** The page's numbers for `position` against the library's. */
async function expectPageToMatch(market: Market, position: Position): Promise<Big> {
  const exact = liqmath.isolatedLiquidationPrice(market, position) as Big;
  const bankruptcy = liqmath.isolatedBankruptcyPrice(market, position) as Big;
  expect(await exactOf('liquidation')).toBe(exact.toFixed());
  expect(await shown('liquidation')).toBe(onTick(market, position.side, exact));
  expect(await exactOf('bankruptcy')).toBe(bankruptcy.toFixed());
  expect(await shown('bankruptcy')).toBe(onTick(market, position.side, bankruptcy));
  expect(await shown('error')).toBe('');
  return exact;
}

async function activeRows(): Promise<string[]> {
  return page
    .locator('#tiers tbody tr')
    .evaluateAll((rows) =>
      rows
        .filter((row) => row.getAttribute('aria-current') === 'true')
        .map((row) => row.children[0]?.textContent ?? ''),
    );
}

describe('browser example', () => {
  it('shows the default position as the library computes it, on the tick and grouped', async () => {
    const position = { side: 'long', size: '1', entryPrice: '60000', leverage: '20' } as const;
    const exact = await expectPageToMatch(binance, position);
    // Exact 57,236.180904…, up toward the mark on the 0.1 tick; bankruptcy exactly 57,000.
    expect(await shown('liquidation')).toBe('57,236.2');
    expect(await shown('bankruptcy')).toBe('57,000.0');
    // (57,236.18… − 60,000) / 60,000 = −4.606…%
    expect(await shown('distance')).toBe('4.61% below entry');
    const tier = tierAt(binance, position.size, exact);
    expect(await shown('tier')).toBe(String(tier.index + 1));
    expect(await page.getAttribute('#tier', 'data-index')).toBe(String(tier.index));
    expect(await activeRows()).toEqual([String(tier.index + 1)]);
    expect(errors).toEqual([]);
  });

  it('shows the tier table for people: caps grouped, rates in percent, leverage with ×', async () => {
    const cells = await page.locator('#tiers tbody tr').nth(1).locator('td').allTextContents();
    const second = binance.tiers.tiers[1] as NonNullable<(typeof binance.tiers.tiers)[1]>;
    expect(cells).toEqual(['2', grouped((second.cap as Big).toFixed()), '0.50%', '100×']);
    expect(await page.locator('#tiers tbody tr').first().locator('td').allTextContents()).toEqual([
      '1',
      '50,000',
      '0.40%',
      '125×',
    ]);
    expect(await shown('cap-header')).toBe('up to (USDT)');
  });

  it('updates as the user types side, size, entry and leverage', async () => {
    const position = { side: 'short', size: '75', entryPrice: '61234.5', leverage: '25' } as const;
    await enter(position);
    const exact = await expectPageToMatch(binance, position);
    expect(await shown('liquidation')).toBe('63,204.5');
    expect(await shown('bankruptcy')).toBe('63,683.8');
    // 75 BTC near 63,000 is about 4.7 M notional: tier 4, by the library.
    const tier = tierAt(binance, position.size, exact);
    expect(tier.index).toBe(3);
    expect(await shown('tier')).toBe('4');
    expect(await activeRows()).toEqual(['4']);
    // The tier is the one the engine used: its maintenance margin is the requirement at the price.
    expect(liqmath.isolatedRequirement(binance, position, exact).toFixed()).toBe(
      liqmath.maintenanceMargin(binance.tiers, liqmath.positionNotional(binance, position.size, exact)).toFixed(),
    );
    expect(await shown('distance')).toMatch(/^\d+\.\d\d% above entry$/);
  });

  it('keeps the last tier for a short whose notional grows past the last cap', async () => {
    const position = { side: 'short', size: '29000', entryPrice: '60000', leverage: '1' } as const;
    await enter(position);
    await expectPageToMatch(binance, position);
    expect(await shown('tier')).toBe(String(binance.tiers.tiers.length));
  });

  it('switches tier tables with the picker', async () => {
    await page.selectOption('#table', 'hyperliquid-btc');
    const position = { side: 'long', size: '2', entryPrice: '60000', leverage: '40' } as const;
    await enter(position);
    // Margin 3,000 on 120,000 notional, MMR 1.25%: P = (60,000 − 1,500) / (1 − 0.0125) = 59,240.506…; tick 1, up toward the mark.
    expect(await exactOf('liquidation')).toMatch(/^59240\.50632911392405063291/);
    expect(await shown('liquidation')).toBe('59,241');
    await expectPageToMatch(hyperliquid, position);
    expect(await page.locator('#tiers tbody tr').count()).toBe(1);
    expect(await page.locator('#tiers tbody tr td').allTextContents()).toEqual(['1', '∞', '1.25%', '40×']);
    expect(await activeRows()).toEqual(['1']);
    expect(await shown('cap-header')).toBe('up to (USDC)');
  });

  it('shows the tier at the liquidation price, not at entry', async () => {
    await page.selectOption('#table', 'flat-eth');
    // 33 ETH at 3,000 is 99,000 (tier 1); at the short's liquidation price it is above 100,000.
    const position = { side: 'short', size: '33', entryPrice: '3000', leverage: '20' } as const;
    await enter(position);
    const exact = await expectPageToMatch(flatEth, position);
    expect(await shown('liquidation')).toBe('3,088.23');
    expect(tierAt(flatEth, position.size, liqmath.parseDecimal(position.entryPrice)).index).toBe(0);
    expect(tierAt(flatEth, position.size, exact).index).toBe(1);
    expect(await shown('tier')).toBe('2');
    expect(await activeRows()).toEqual(['2']);
  });

  it('says so when the position cannot be liquidated', async () => {
    const position = { side: 'long', size: '1', entryPrice: '3000', leverage: '1' } as const;
    await enter(position);
    expect(liqmath.isolatedLiquidationPrice(flatEth, position)).toBeNull();
    expect(await shown('liquidation')).toBe('—');
    expect(await exactOf('liquidation')).toBe('');
    expect(await shown('tier')).toBe('—');
    expect(await shown('note')).toBe('This position cannot be liquidated (margin covers a move to zero).');
    expect(await shown('error')).toBe('');
  });

  it('explains bad input in plain words, never the library wording, never a number', async () => {
    const codeOf = (position: Position): string => {
      try {
        liqmath.isolatedLiquidationPrice(flatEth, position);
      } catch (error) {
        if (liqmath.isLiqMathError(error)) return error.code;
        throw error;
      }
      return '';
    };
    const cases: readonly [Position, string, string][] = [
      [
        { side: 'long', size: '1', entryPrice: '3000', leverage: '400' },
        'leverage',
        'Leverage must be between 1 and 50× for this tier (tier 1).',
      ],
      [
        { side: 'long', size: '1', entryPrice: '3000', leverage: '0.5' },
        'leverage',
        'Leverage must be between 1 and 50× for this tier (tier 1).',
      ],
      [{ side: 'long', size: '0', entryPrice: '3000', leverage: '10' }, 'size', 'Enter a size greater than 0.'],
      [{ side: 'long', size: '', entryPrice: '3000', leverage: '10' }, 'size', 'Enter a size.'],
      [{ side: 'long', size: '1', entryPrice: '', leverage: '10' }, 'entry', 'Enter an entry price.'],
      [
        { side: 'long', size: '1', entryPrice: '3,000', leverage: '10' },
        'entry',
        'Entry price is not a number: use digits and a dot for decimals, without commas or spaces.',
      ],
      [{ side: 'long', size: '1', entryPrice: '3000', leverage: '' }, 'leverage', 'Enter a leverage.'],
    ];
    for (const [position, input, sentence] of cases) {
      await enter(position);
      const text = (await shown('error')) ?? '';
      expect(text).toBe(sentence);
      expect(text).not.toMatch(/[A-Z]{2,}_|\bBig\b|Numeric|position\.|allowed/);
      expect(await page.getAttribute('#error', 'data-code')).toBe(codeOf(position));
      expect(await page.getAttribute(`#${input}`, 'aria-invalid')).toBe('true');
      expect(await shown('liquidation')).toBe('—');
      expect(await shown('bankruptcy')).toBe('—');
      expect(await exactOf('liquidation')).toBe('');
    }
    // Fixed again: the message and the mark go away.
    await enter({ side: 'long', size: '1', entryPrice: '3000', leverage: '10' });
    expect(await shown('error')).toBe('');
    expect(await page.getAttribute('#leverage', 'aria-invalid')).toBeNull();
    expect(errors).toEqual([]);
  });
});

// ---- The order form: "what if I place this order?" ----

type Preview = ReturnType<typeof liqmath.previewIsolatedOrder>;

/** An order as typed in the form; `feeRate` is the rate `feePercent` means, written out here by hand. */
interface TypedOrder {
  side: 'buy' | 'sell';
  size: string;
  type: 'market' | 'limit';
  price?: string;
  estimate?: string;
  mark: string;
  feePercent: string;
  feeRate: string;
  balance?: string;
  reduceOnly?: boolean;
}

/** Types the order; the limit price and the estimate are cleared while their type enables them. */
async function enterOrder(order: TypedOrder): Promise<void> {
  await page.selectOption('#order-type', 'market');
  await typeInto('fill-estimate', order.estimate ?? '');
  await page.selectOption('#order-type', 'limit');
  await typeInto('order-price', order.price ?? '');
  await page.selectOption('#order-type', order.type);
  await page.selectOption('#order-side', order.side);
  await typeInto('order-size', order.size);
  await typeInto('mark', order.mark);
  await typeInto('fee-rate', order.feePercent);
  await typeInto('balance', order.balance ?? '');
  await page.setChecked('#reduce-only', order.reduceOnly === true);
}

async function setNoPosition(none: boolean): Promise<void> {
  await page.setChecked('#no-position', none);
}

/** The library's preview, in Node, of what the page was given. */
function previewOf(market: Market, position: Position | null, order: TypedOrder): Preview {
  return liqmath.previewIsolatedOrder(
    market,
    position,
    {
      side: order.side,
      size: order.size,
      type: order.type,
      ...(order.type === 'limit' ? { price: order.price ?? '' } : {}),
      reduceOnly: order.reduceOnly === true,
    },
    {
      markPrice: order.mark,
      leverage: position?.leverage ?? leverageTyped,
      feeRate: order.feeRate,
      ...(order.type === 'market' && order.estimate ? { fillPrice: order.estimate } : {}),
      ...(order.balance ? { availableBalance: order.balance } : {}),
    },
  );
}

/** The leverage typed in the position form while "no position" is checked. */
let leverageTyped = '';

/** An amount to the cent, half up (mode 1) or up (mode 3), grouped, in the settle currency. */
const cents = (market: Market, big: Big, mode: 1 | 3) => `${grouped(big.round(2, mode).toFixed(2))} ${market.settle}`;

/** An averaged price: two digits finer than the tick (half up), at least the tick's decimals, grouped. */
function averaged(market: Market, big: Big): string {
  const places = decimals(market.tickSize as Big);
  const rounded = big.round(places + 2, 1);
  return grouped(rounded.toFixed(Math.max(places, decimals(rounded))));
}

const count = (size: Big) => `${grouped(size.toFixed())} contract${size.eq(1) ? '' : 's'}`;

/**
 * Every number of the order result against `preview`: shown text by the page's rules, computed
 * here, and data-exact equal to the library's exact value.
 */
async function expectOrderToMatch(market: Market, position: Position | null, preview: Preview): Promise<void> {
  expect(await shown('order-error')).toBe('');
  expect(await page.getAttribute('#transition', 'data-transition')).toBe(preview.transition);
  expect(await page.getAttribute('#rejected', 'data-reason')).toBe(preview.rejected ?? '');
  expect(await exactOf('fill')).toBe(preview.fill.price.toFixed());
  expect(await shown('fill')).toBe(averaged(market, preview.fill.price));
  expect(await page.getAttribute('#fill-from', 'data-from')).toBe(preview.fill.from);
  expect(await shown('fill-from')).toBe(
    { order: '(your limit price)', mark: '(the mark price)', given: '(your estimate)' }[preview.fill.from],
  );
  const before = preview.before?.liquidationPrice ?? null;
  if (position === null) {
    expect(preview.before).toBeNull();
    expect(await shown('liq-before')).toBe('no position');
  } else if (before === null) {
    expect(await shown('liq-before')).toBe('none (cannot be liquidated)');
  } else {
    expect(await shown('liq-before')).toBe(onTick(market, position.side, before));
  }
  expect(await exactOf('liq-before')).toBe(before?.toFixed() ?? '');
  const after = preview.after;
  const liquidation = after.liquidationPrice;
  expect(await exactOf('liq-after')).toBe(liquidation?.toFixed() ?? '');
  if (after.position === null) {
    expect(await shown('liq-after')).toBe('no position (closed)');
    for (const id of ['after-side', 'after-size', 'after-entry', 'after-margin']) expect(await shown(id)).toBe('—');
  } else {
    if (after.tier === null) expect(await shown('liq-after')).toBe('— (beyond the last tier)');
    else if (liquidation === null) expect(await shown('liq-after')).toBe('none (cannot be liquidated)');
    else expect(await shown('liq-after')).toBe(onTick(market, after.position.side, liquidation));
    expect(await shown('after-side')).toBe(after.position.side);
    expect(await shown('after-size')).toBe(count(after.position.size));
    expect(await exactOf('after-size')).toBe(after.position.size.toFixed());
    expect(await shown('after-entry')).toBe(averaged(market, after.position.entryPrice));
    expect(await exactOf('after-entry')).toBe(after.position.entryPrice.toFixed());
    expect(await shown('after-margin')).toBe(cents(market, after.position.margin, 1));
    expect(await exactOf('after-margin')).toBe(after.position.margin.toFixed());
  }
  const costs: [string, Big][] = [
    ['cost-margin', preview.cost.initialMargin],
    ['cost-open-loss', preview.cost.openLoss],
    ['cost-open-fee', preview.cost.openingFee],
    ['cost-close-fee', preview.cost.closingFee],
    ['cost-to-open', preview.cost.costToOpen],
    ['order-cost', preview.cost.orderCost],
  ];
  for (const [id, big] of costs) {
    expect(await shown(id)).toBe(cents(market, big, 3));
    expect(await exactOf(id)).toBe(big.toFixed());
  }
}

/** The code the library throws for these inputs ('' when it does not). */
function orderCodeOf(market: Market, position: Position | null, order: TypedOrder): string {
  try {
    previewOf(market, position, order);
  } catch (error) {
    if (liqmath.isLiqMathError(error)) return error.code;
    throw error;
  }
  return '';
}

describe('browser example: what if I place this order?', () => {
  const long = { side: 'long', size: '1', entryPrice: '60000', leverage: '20' } as const;
  const base: TypedOrder = {
    side: 'buy',
    size: '0.5',
    type: 'limit',
    mark: '60000',
    feePercent: '0.05',
    feeRate: '0.0005',
  };

  it('adds to the position with a buy limit: every number the library’s', async () => {
    await page.selectOption('#table', 'binance-btcusdt');
    await setNoPosition(false);
    await enter(long);
    const order: TypedOrder = { ...base, price: '59000' };
    await enterOrder(order);
    const preview = previewOf(binance, long, order);
    expect(preview.transition).toBe('add');
    await expectOrderToMatch(binance, long, preview);
    expect(await shown('transition')).toBe('Adds to the long position: 1 → 1.5 contracts.');
    expect(await shown('rejected')).toBe('');
    // By hand: margin 1 × 60,000 / 20 + 0.5 × 59,000 / 20 = 3,000 + 1,475; entry (60,000 + 29,500) / 1.5.
    expect(await shown('after-margin')).toBe('4,475.00 USDT');
    expect(await shown('after-entry')).toBe('59,666.667');
    expect(await shown('fill')).toBe('59,000.0');
    expect(await shown('fill-from')).toBe('(your limit price)');
    expect(await shown('liq-before')).toBe('57,236.2');
    expect(await shown('liq-after')).toBe('56,934.7');
    expect(await shown('cost-margin')).toBe('1,475.00 USDT');
    // Fee to open 0.05% of 29,500 = 14.75; to close at bankruptcy 0.05% × 0.5 × 56,050 = 14.0125, shown up to the cent.
    expect(await shown('cost-open-fee')).toBe('14.75 USDT');
    expect(await shown('cost-close-fee')).toBe('14.02 USDT');
    expect(await shown('cost-to-open')).toBe('1,475.00 USDT');
    expect(await shown('order-cost')).toBe('1,503.77 USDT');
    expect(await page.isDisabled('#order-price')).toBe(false);
    expect(await page.isDisabled('#fill-estimate')).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows the open loss of a buy above the mark, and both venue totals', async () => {
    const order: TypedOrder = { ...base, size: '1', price: '61000' };
    await enterOrder(order);
    const preview = previewOf(binance, long, order);
    // Bought 1,000 above the mark: the open loss is 1,000, in Binance's total and not in Bybit's.
    expect(preview.cost.openLoss.toFixed()).toBe('1000');
    await expectOrderToMatch(binance, long, preview);
    expect(await shown('cost-open-loss')).toBe('1,000.00 USDT');
    expect(await shown('cost-to-open')).toBe('4,050.00 USDT');
    expect(await shown('order-cost')).toBe(cents(binance, preview.cost.orderCost, 3));
    expect(preview.cost.orderCost.eq(preview.cost.costToOpen)).toBe(false);
  });

  it('flips the position with a sell larger than it, filled at the mark or at your estimate', async () => {
    const order: TypedOrder = { ...base, side: 'sell', size: '3', type: 'market' };
    await enterOrder(order);
    const preview = previewOf(binance, long, order);
    expect(preview.transition).toBe('flip');
    await expectOrderToMatch(binance, long, preview);
    expect(await shown('transition')).toBe(
      'Flips the position: closes the long of 1 contract and opens a short of 2 contracts.',
    );
    expect(await shown('fill-from')).toBe('(the mark price)');
    expect(await page.isDisabled('#order-price')).toBe(true);
    expect(await shown('after-side')).toBe('short');

    const estimated: TypedOrder = { ...order, estimate: '59950.5' };
    await enterOrder(estimated);
    const given = previewOf(binance, long, estimated);
    expect(given.fill.from).toBe('given');
    await expectOrderToMatch(binance, long, given);
    expect(await shown('fill')).toBe('59,950.5');
    expect(await shown('fill-from')).toBe('(your estimate)');
  });

  it('reduces and closes: the words, the position left, and nothing to pay', async () => {
    const reduce: TypedOrder = { ...base, side: 'sell', size: '0.4', price: '61000', reduceOnly: true };
    await enterOrder(reduce);
    const reduced = previewOf(binance, long, reduce);
    expect([reduced.transition, reduced.rejected]).toEqual(['reduce', null]);
    await expectOrderToMatch(binance, long, reduced);
    expect(await shown('transition')).toBe('Reduces the long position: 1 → 0.6 contracts.');
    expect(await shown('order-cost')).toBe('0.00 USDT');
    // Pro rata: 3,000 × 0.6 stays.
    expect(await shown('after-margin')).toBe('1,800.00 USDT');

    const close: TypedOrder = { ...base, side: 'sell', size: '1', type: 'market' };
    await enterOrder(close);
    const closed = previewOf(binance, long, close);
    expect(closed.transition).toBe('close');
    await expectOrderToMatch(binance, long, closed);
    expect(await shown('transition')).toBe('Closes the long position of 1 contract.');
    expect(await shown('liq-after')).toBe('no position (closed)');
  });

  it('says why a venue would refuse: reduce-only that would increase, a balance too small', async () => {
    const reduceOnly: TypedOrder = { ...base, size: '1', type: 'market', reduceOnly: true };
    await enterOrder(reduceOnly);
    const increased = previewOf(binance, long, reduceOnly);
    expect(increased.rejected).toBe('reduce-only-would-increase');
    await expectOrderToMatch(binance, long, increased);
    expect(await shown('rejected')).toBe(
      'A venue would refuse this order (reduce-only would increase the position: a reduce-only order may only reduce or close it). The figures below are what it would do if accepted.',
    );

    const poor: TypedOrder = { ...base, size: '1', price: '59500', balance: '2999.99' };
    await enterOrder(poor);
    const refused = previewOf(binance, long, poor);
    expect(refused.rejected).toBe('insufficient-balance');
    await expectOrderToMatch(binance, long, refused);
    expect(await shown('rejected')).toBe(
      'A venue would refuse this order (insufficient balance: the order cost is more than your available balance). The figures below are what it would do if accepted.',
    );
    // Enough balance: accepted, the message goes away.
    const rich: TypedOrder = { ...poor, balance: '100000' };
    await enterOrder(rich);
    expect(previewOf(binance, long, rich).rejected).toBeNull();
    await expectOrderToMatch(binance, long, previewOf(binance, long, rich));
    expect(await shown('rejected')).toBe('');
  });

  it('opens from no position, and refuses leverage above the tier and a size beyond the last tier', async () => {
    await setNoPosition(true);
    leverageTyped = '150';
    await typeInto('leverage', leverageTyped);
    expect(await page.isDisabled('#size')).toBe(true);
    expect(await shown('note')).toBe('No position yet: the order below opens one.');
    expect(await shown('liquidation')).toBe('—');
    const order: TypedOrder = { ...base, size: '2', type: 'market' };
    await enterOrder(order);
    const opened = previewOf(binance, null, order);
    expect([opened.transition, opened.rejected]).toEqual(['open', 'above-max-leverage-for-tier']);
    await expectOrderToMatch(binance, null, opened);
    expect(await shown('transition')).toBe('Opens a long position of 2 contracts.');
    // 2 × 60,000 = 120,000: tier 2, up to 100×.
    expect(await shown('rejected')).toBe(
      "A venue would refuse this order (leverage above the tier's max: the position after is in tier 2, which allows up to 100×). The figures below are what it would do if accepted.",
    );

    leverageTyped = '1';
    await typeInto('leverage', leverageTyped);
    // 30,001 × 60,000 is past the last cap, 1.8 billion; reduce-only is the first reason given,
    // and the page still knows the position is beyond the last tier.
    const huge: TypedOrder = { ...base, size: '30001', type: 'market', reduceOnly: true };
    await enterOrder(huge);
    const beyond = previewOf(binance, null, huge);
    expect(beyond.rejected).toBe('reduce-only-would-increase');
    expect(beyond.after.liquidationPrice).toBeNull();
    await expectOrderToMatch(binance, null, beyond);
    expect(await shown('liq-after')).toBe('— (beyond the last tier)');
    expect(await shown('rejected')).toBe(
      'A venue would refuse this order (reduce-only would open a position: there is no position to reduce). The figures below are what it would do if accepted.',
    );
    await page.setChecked('#reduce-only', false);
    const alone = previewOf(binance, null, { ...huge, reduceOnly: false });
    expect(alone.rejected).toBe('above-max-notional');
    await expectOrderToMatch(binance, null, alone);
    expect(await shown('rejected')).toBe(
      'A venue would refuse this order (above the max position size: the position after would be larger than the last tier allows (up to 1,800,000,000 USDT)). The figures below are what it would do if accepted.',
    );
    expect(errors).toEqual([]);
  });

  it('explains bad order input in plain words and marks the field', async () => {
    const cases: readonly [TypedOrder, string, string][] = [
      [{ ...base, size: '', price: '59000' }, 'order-size', 'Enter an order size.'],
      [{ ...base, size: '0', price: '59000' }, 'order-size', 'Enter an order size greater than 0.'],
      [{ ...base, price: '' }, 'order-price', 'Enter a limit price.'],
      [
        { ...base, price: '59,000' },
        'order-price',
        'Limit price is not a number: use digits and a dot for decimals, without commas or spaces.',
      ],
      [{ ...base, type: 'market', mark: '' }, 'mark', 'Enter a mark price.'],
      [{ ...base, type: 'market', estimate: '0' }, 'fill-estimate', 'Enter an expected fill price greater than 0.'],
      [
        { ...base, type: 'market', feePercent: '100', feeRate: '1' },
        'fee-rate',
        'The fee rate must be from 0% up to (not including) 100%.',
      ],
      [
        { ...base, type: 'market', feePercent: '-0.01', feeRate: '-0.0001' },
        'fee-rate',
        'The fee rate must be from 0% up to (not including) 100%.',
      ],
      [{ ...base, type: 'market', balance: '-5' }, 'balance', 'Available balance cannot be negative.'],
    ];
    leverageTyped = '20';
    await typeInto('leverage', leverageTyped);
    for (const [order, input, sentence] of cases) {
      await enterOrder(order);
      const text = (await shown('order-error')) ?? '';
      expect(text).toBe(sentence);
      expect(text).not.toMatch(/[A-Z]{2,}_|\bBig\b|Numeric|order\.|options\.|allowed/);
      const code = orderCodeOf(binance, null, order);
      expect(code).not.toBe('');
      expect(await page.getAttribute('#order-error', 'data-code')).toBe(code);
      expect(await page.getAttribute(`#${input}`, 'aria-invalid')).toBe('true');
      expect(await shown('order-cost')).toBe('—');
      expect(await exactOf('liq-after')).toBe('');
      expect(await page.getAttribute('#transition', 'data-transition')).toBe('');
    }
    // Leverage below 1 with no position: the order form says so and marks the leverage.
    await enterOrder({ ...base, type: 'market' });
    await typeInto('leverage', '0.5');
    expect(await shown('order-error')).toBe('Leverage must be 1 or more.');
    expect(await page.getAttribute('#leverage', 'aria-invalid')).toBe('true');
    // A position with an error: nothing to preview until it is fixed.
    await setNoPosition(false);
    await enter({ ...long, entryPrice: '' });
    expect(await shown('order-error')).toBe('Fix the position above to preview an order.');
    expect(await shown('order-cost')).toBe('—');
    await enter(long);
    expect(await shown('order-error')).toBe('');
    expect(await page.getAttribute('#order-size', 'aria-invalid')).toBeNull();
    await expectOrderToMatch(binance, long, previewOf(binance, long, { ...base, type: 'market' }));
    expect(errors).toEqual([]);
  });
});
