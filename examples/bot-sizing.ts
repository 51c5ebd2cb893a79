/**
 * Bot: the largest position a bot can open at a given leverage and still have its liquidation
 * price beyond its stop, so the stop always fires first. Bigger positions fall in higher tiers
 * (higher maintenance rate), which pulls the liquidation price toward the entry; the library's
 * `isolatedMaxSizeForLiquidationPrice` finds the largest whole number of lots exactly.
 *
 * Run: `npm run build`, then `npx tsx examples/bot-sizing.ts`. It imports 'liqmath' as your code
 * does; in this repository the package's own name resolves to the build in dist/ (Node's
 * self-reference through `exports`).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type Big from 'big.js';
import {
  binanceUsdm,
  isLiqMathError,
  isolatedLiquidationPrice,
  isolatedMaxSizeForLiquidationPrice,
  type Market,
  type Side,
} from 'liqmath';

export interface SizingQuestion {
  readonly market: Market;
  readonly side: Side;
  readonly entryPrice: string;
  readonly leverage: number;
  /** The bot's stop: the liquidation price must be strictly beyond it (below for a long). */
  readonly stopPrice: string;
}

/** The liquidation price at `size`, or null when the leverage is not allowed at that size. */
function liquidationAt(q: SizingQuestion, size: Big): Big | null {
  try {
    return isolatedLiquidationPrice(q.market, { side: q.side, size, entryPrice: q.entryPrice, leverage: q.leverage });
  } catch (error) {
    if (isLiqMathError(error) && error.code === 'LEVERAGE_ABOVE_MAX') return null;
    throw error;
  }
}

/** True when a position of `size` keeps its liquidation price beyond the stop. */
export function staysBeyondStop(q: SizingQuestion, size: Big): boolean {
  const price = liquidationAt(q, size);
  if (price === null) return false;
  return q.side === 'long' ? price.lt(q.stopPrice) : price.gt(q.stopPrice);
}

/** The largest size (a whole number of lots) that stays beyond the stop; null if even one lot does not. */
export function largestSize(q: SizingQuestion): Big | null {
  const { side, entryPrice, leverage, stopPrice } = q;
  return isolatedMaxSizeForLiquidationPrice(q.market, { side, entryPrice, leverage, stopPrice }).size;
}

function main(): void {
  const brackets = JSON.parse(readFileSync(new URL('./binance-btcusdt-2024.json', import.meta.url), 'utf8'));
  const market = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1', lotSize: '0.001' });
  for (const [leverage, stopPrice] of [
    [10, '55000'],
    [20, '57500'],
    [25, '58000'],
  ] as const) {
    const q = { market, side: 'long', entryPrice: '60000', leverage, stopPrice } as const;
    const size = largestSize(q);
    const price = size === null ? null : liquidationAt(q, size);
    console.log(
      `long BTCUSDT at 60,000, ${leverage}x, stop ${stopPrice}: largest size ${size?.toString() ?? 'none'} BTC` +
        ` (liquidation price ${price?.toFixed(4) ?? '—'})`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
