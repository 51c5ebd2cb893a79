import { readFileSync } from 'node:fs';
import type { TierRow } from '../src/index.js';

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
