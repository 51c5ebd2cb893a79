/**
 * Backend: keep a liquidation index over a book of isolated positions and, on each mark tick,
 * ask it which positions the mark has crossed, instead of re-pricing the whole book. The
 * liquidation prices come from the library once, when a position opens or changes; a tick is
 * then a binary search per symbol and side.
 *
 * Run: `npm run build`, then `npx tsx examples/backend-scan.ts`. It imports 'liqmath' as your code
 * does; in this repository the package's own name resolves to the build in dist/ (Node's
 * self-reference through `exports`).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  applyToIndex,
  binanceUsdm,
  buildLiquidationIndex,
  type IndexedPosition,
  isolatedLiquidationPrice,
  type LiquidationIndex,
  liquidatable,
  type Market,
} from 'liqmath';

/** A deterministic book of `n` BTCUSDT positions: entries around 60,000, leverage 2–50x. */
export function book(market: Market, n: number): IndexedPosition[] {
  let seed = 7;
  const next = (range: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % range;
  };
  return Array.from({ length: n }, (_, k) => {
    const side = next(2) === 0 ? 'long' : 'short';
    const entryPrice = String(57000 + next(6000));
    const leverage = 2 + next(49);
    const size = `0.${String(1 + next(999)).padStart(3, '0')}`;
    const price = isolatedLiquidationPrice(market, { side, size, entryPrice, leverage });
    return { id: `pos-${k}`, symbol: market.symbol, side, liquidationPrice: price };
  });
}

/** The ids a mark liquidates, found the slow way: every position, one by one. */
export function rescan(positions: readonly IndexedPosition[], symbol: string, mark: string): string[] {
  return positions
    .filter((p) => p.symbol === symbol && p.liquidationPrice !== null)
    .filter((p) => {
      const price = p.liquidationPrice as { gte(v: string): boolean; lte(v: string): boolean };
      return p.side === 'long' ? price.gte(mark) : price.lte(mark);
    })
    .map((p) => p.id);
}

function main(): void {
  const brackets = JSON.parse(readFileSync(new URL('./binance-btcusdt-2024.json', import.meta.url), 'utf8'));
  const market = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1', lotSize: '0.001' });
  const positions = book(market, 5000);
  let index: LiquidationIndex = buildLiquidationIndex(positions);
  let open = positions;
  console.log(`indexed ${index.size} BTCUSDT positions`);
  for (const mark of ['60000', '58500', '57000', '62500', '64000']) {
    const hit = liquidatable(index, 'BTCUSDT', mark);
    const agrees = [...hit].sort().join() === rescan(open, 'BTCUSDT', mark).sort().join();
    console.log(`mark ${mark}: ${hit.length} to liquidate (index agrees with a full rescan: ${agrees ? 'yes' : 'NO'})`);
    // Hand them to the liquidation engine, then drop them from the book: one batch per tick.
    index = applyToIndex(
      index,
      hit.map((id) => ({ op: 'remove', id }) as const),
    );
    const gone = new Set(hit);
    open = open.filter((p) => !gone.has(p.id));
  }
  console.log(`${index.size} positions left open`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
