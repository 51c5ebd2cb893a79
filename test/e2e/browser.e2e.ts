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
