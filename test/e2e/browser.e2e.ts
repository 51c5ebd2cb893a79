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

let server: Server;
let browser: Browser;
let page: Page;
const errors: string[] = [];

const brackets = JSON.parse(readFileSync(new URL('../../examples/binance-btcusdt-2024.json', import.meta.url), 'utf8'));
const binance = liqmath.binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1' });

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

const shown = (id: string) => page.textContent(`#${id}`);

describe('browser example', () => {
  it('shows the default position as the library computes it', async () => {
    const position = { side: 'long', size: '1', entryPrice: '60000', leverage: '20' } as const;
    const exact = liqmath.liquidationPrice(binance, position);
    expect(await page.getAttribute('#liquidation', 'data-exact')).toBe(exact?.toString());
    expect(await shown('liquidation')).toBe(
      liqmath.roundLiquidationPrice(binance, 'long', exact as NonNullable<typeof exact>).toString(),
    );
    expect(await shown('bankruptcy')).toBe('57000');
    expect(errors).toEqual([]);
  });

  it('updates as the user types side, size, entry and leverage', async () => {
    await page.selectOption('#side', 'short');
    await typeInto('size', '75');
    await typeInto('entry', '61234.5');
    await typeInto('leverage', '25');
    const position = { side: 'short', size: '75', entryPrice: '61234.5', leverage: '25' } as const;
    const exact = liqmath.liquidationPrice(binance, position);
    expect(await page.getAttribute('#liquidation', 'data-exact')).toBe(exact?.toString());
    expect(await shown('liquidation')).toBe(
      liqmath.roundLiquidationPrice(binance, 'short', exact as NonNullable<typeof exact>).toString(),
    );
    expect(await shown('bankruptcy')).toBe(liqmath.bankruptcyPrice(binance, position)?.toString());
    // 75 BTC near 63,000 is about 4.7 M notional: tier 4.
    expect(await shown('tier')).toBe('4');
  });

  it('switches tier tables with the picker', async () => {
    await page.selectOption('#table', 'hyperliquid-btc');
    await page.selectOption('#side', 'long');
    await typeInto('size', '2');
    await typeInto('entry', '60000');
    await typeInto('leverage', '40');
    // Margin 3,000 on 120,000 notional, MMR 1.25%: P = (60,000 − 1,500) / (1 − 0.0125) = 59,240.506…; tick 1, up toward the mark.
    expect(await page.getAttribute('#liquidation', 'data-exact')).toMatch(/^59240\.50632911392405063291/);
    expect(await shown('liquidation')).toBe('59241');
    expect(await page.locator('#tiers tbody tr').count()).toBe(1);
  });

  it('shows the library error while the input is incomplete, never a number', async () => {
    await typeInto('leverage', '400');
    expect(await shown('liquidation')).toBe('—');
    expect(await shown('error')).toContain('LEVERAGE_ABOVE_MAX');
    await typeInto('entry', '');
    expect(await shown('error')).toMatch(/^(INVALID_NUMBER|INVALID_TYPE|MISSING_FIELD)/);
    expect(errors).toEqual([]);
  });
});
