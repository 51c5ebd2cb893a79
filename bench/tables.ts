/**
 * The inputs of `npm run bench`: the Binance 12-tier table, the markets built on it, and the
 * positions and accounts every case computes on (the same inputs for liqmath and its baselines).
 */
import { readFileSync } from 'node:fs';
import Big from 'big.js';
import {
  type CrossAccount,
  defineMarket,
  defineTiers,
  type IsolatedPosition,
  type Market,
  type TierRow,
  type TierTable,
} from '../src/index.js';
import type { BigTier, PlainTier } from './baselines.js';

/** Binance BTCUSDT brackets, 2024-10 API snapshot (examples/binance-btcusdt-2024.json). */
export function binance2024Rows(): TierRow[] {
  const payload = JSON.parse(
    readFileSync(new URL('../examples/binance-btcusdt-2024.json', import.meta.url), 'utf8'),
  ) as {
    brackets: { notionalCap: number; maintMarginRatio: number; initialLeverage: number; cum: number }[];
  };
  return payload.brackets.map((b) => ({
    cap: b.notionalCap,
    maintenanceMarginRate: b.maintMarginRatio,
    maxLeverage: b.initialLeverage,
    maintenanceAmount: b.cum,
  }));
}

/**
 * How many input variants each isolated case cycles through (call k uses variant k & (VARIANTS − 1)),
 * so no case computes the same constant over and over. A power of two.
 */
export const VARIANTS = 16;

/** One isolated position in every form a case needs: liqmath's input, floats, strings. */
export interface IsolatedInput {
  readonly position: IsolatedPosition;
  readonly size: number;
  readonly entry: number;
  readonly margin: number;
}

export interface IsolatedSetup {
  readonly market: Market;
  readonly plain: readonly PlainTier[];
  readonly big: readonly BigTier[];
  readonly inputs: readonly IsolatedInput[];
}

function plainTiers(table: TierTable): PlainTier[] {
  return table.tiers.map((x) => ({
    floor: Number(x.floor),
    cap: x.cap === null ? null : Number(x.cap),
    rate: Number(x.maintenanceMarginRate),
    amount: Number(x.maintenanceAmount),
  }));
}

function bigTiers(table: TierTable): BigTier[] {
  return table.tiers.map((x) => ({
    floor: new Big(x.floor.toString()),
    cap: x.cap === null ? null : new Big(x.cap.toString()),
    rate: new Big(x.maintenanceMarginRate.toString()),
    amount: new Big(x.maintenanceAmount.toString()),
  }));
}

/** Longs at entries 60,000 + 25·k: every variant liquidates in the same tier. */
function longs(size: number, margin: number): IsolatedInput[] {
  return Array.from({ length: VARIANTS }, (_, k) => {
    const entry = 60000 + 25 * k;
    return {
      position: { side: 'long', size: String(size), entryPrice: String(entry), margin: String(margin) },
      size,
      entry,
      margin,
    };
  });
}

/**
 * Linear BTCUSDT on the 12 Binance tiers: a long of 100 BTC at about 60,000 (6M notional) with
 * 10x margin, liquidating in tier 4.
 */
export function linearSetup(): IsolatedSetup {
  const table = defineTiers(binance2024Rows());
  return {
    market: defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers: table }),
    plain: plainTiers(table),
    big: bigTiers(table),
    inputs: longs(100, 600000),
  };
}

/**
 * Inverse BTCUSD: the same brackets read as coin notionals (divided by 50,000), contract size
 * 1 USD; a long of 6,000,000 contracts at about 60,000 with 10 BTC of margin.
 */
export function inverseSetup(): IsolatedSetup {
  const coinRows = binance2024Rows().map((r) => ({
    ...r,
    cap: r.cap === null ? null : new Big(r.cap as string).div(50000).toString(),
    maintenanceAmount: new Big(r.maintenanceAmount as string).div(50000).toString(),
  }));
  const table = defineTiers(coinRows);
  return {
    market: defineMarket({ symbol: 'BTCUSD', contract: 'inverse', settle: 'BTC', tiers: table }),
    plain: plainTiers(table),
    big: bigTiers(table),
    inputs: longs(6000000, 10),
  };
}

/** A cross account of n positions over 10 linear symbols on the 12 Binance tiers. */
export function crossAccount(n: number): CrossAccount {
  const table = defineTiers(binance2024Rows());
  // One long and one short per symbol (an account holds no more): n positions on ⌈n/2⌉ symbols.
  const markets: Market[] = Array.from({ length: Math.ceil(n / 2) }, (_, k) =>
    defineMarket({ symbol: `S${k}`, contract: 'linear', settle: 'USDT', tiers: table }),
  );
  return {
    collateral: String(2000 * n),
    positions: Array.from({ length: n }, (_, k) => ({
      market: markets[k >> 1] as Market,
      side: k % 2 === 0 ? ('long' as const) : ('short' as const),
      size: String(1 + (k % 7)),
      entryPrice: String(1000 + k),
      markPrice: String(1000 + ((k >> 1) % 10) * 5),
    })),
  };
}
