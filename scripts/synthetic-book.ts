/**
 * The synthetic book of docs/stress.md and its charts: deterministic (a seeded generator), two
 * linear markets, isolated positions and cross accounts on both sides. Synthetic, not a venue's
 * book: its shape (leverage mostly 2x–20x with a tail to 50x, 60% longs, entries within ±3% of the
 * mark) is an assumption stated in the docs, not a measurement.
 */

import { seeded } from '../src/cli/sweep.js';
import {
  type BookAccount,
  type BookInput,
  type BookPosition,
  defineMarket,
  defineTiers,
  type Market,
} from '../src/index.js';

const tiers = defineTiers([
  { cap: 1_000_000, maintenanceMarginRate: '0.004', maxLeverage: 100 },
  { cap: 5_000_000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
  { cap: null, maintenanceMarginRate: '0.025', maxLeverage: 20 },
]);

export const BTC: Market = defineMarket({
  symbol: 'BTCUSDT',
  contract: 'linear',
  settle: 'USDT',
  tiers,
  tickSize: '0.1',
});
export const ETH: Market = defineMarket({
  symbol: 'ETHUSDT',
  contract: 'linear',
  settle: 'USDT',
  tiers,
  tickSize: '0.01',
});
const MARKS = { BTCUSDT: 100_000, ETHUSDT: 3_000 } as const;

/** A book of `n` positions and accounts (one in five a cross account of both markets). */
export function syntheticBook(n: number, seed = 7): BookInput {
  const next = seeded(seed);
  // Leverage: 2x–20x for most, a tail to 50x for one in ten.
  const leverage = () => (next() < 0.9 ? 2 + Math.floor(next() * 19) : 20 + Math.floor(next() * 31));
  const positions: BookPosition[] = [];
  const accounts: BookAccount[] = [];
  for (let i = 0; i < n; i += 1) {
    const side = next() < 0.6 ? ('long' as const) : ('short' as const);
    if (i % 5 !== 0) {
      const market = next() < 0.6 ? BTC : ETH;
      const mark = MARKS[market.symbol as keyof typeof MARKS];
      positions.push({
        id: `p${i}`,
        market,
        side,
        size: ((20_000 + next() * 180_000) / mark).toFixed(3),
        entryPrice: (mark * (0.97 + next() * 0.06)).toFixed(market === BTC ? 1 : 2),
        leverage: leverage(),
      });
    } else {
      const legs = [BTC, ETH].map((market) => {
        const mark = MARKS[market.symbol as keyof typeof MARKS];
        return {
          market,
          side: next() < 0.6 ? ('long' as const) : ('short' as const),
          size: ((20_000 + next() * 180_000) / mark).toFixed(3),
          entryPrice: (mark * (0.97 + next() * 0.06)).toFixed(market === BTC ? 1 : 2),
        };
      });
      const gross = legs.reduce((sum, l) => sum + Number(l.size) * MARKS[l.market.symbol as keyof typeof MARKS], 0);
      accounts.push({ id: `a${i}`, collateral: (gross / leverage()).toFixed(2), positions: legs });
    }
  }
  return { marks: { ...MARKS }, positions, accounts, insuranceFund: { USDT: 500_000 } };
}
