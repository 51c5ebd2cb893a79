/**
 * The tier table the CLI uses when given neither `--venue` nor `--tiers`: Binance USDⓈ-M
 * BTCUSDT brackets, from the leverageBracket API snapshot of 2024-10-24 (published vector
 * `binance-usdm-bracket-table-btcusdt-2024`), rebuilt as the payload Binance sends.
 */
import type { BinanceLeverageBracket } from '../index.js';

/** [notional cap, maintenance margin rate, max leverage] per bracket, in order. */
const BRACKETS = [
  ['50000', '0.004', 125],
  ['600000', '0.005', 100],
  ['3000000', '0.0065', 75],
  ['12000000', '0.01', 50],
  ['70000000', '0.02', 25],
  ['100000000', '0.025', 20],
  ['230000000', '0.05', 10],
  ['480000000', '0.1', 5],
  ['600000000', '0.125', 4],
  ['800000000', '0.15', 3],
  ['1200000000', '0.25', 2],
  ['1800000000', '0.5', 1],
] as const;

/** What `--tiers` defaults to, and how the CLI names it. */
export const DEFAULT_TIERS = {
  label: 'Binance USDⓈ-M BTCUSDT brackets, 2024-10-24 snapshot (bundled default)',
  venue: 'binance-usdm',
  symbol: 'BTCUSDT',
  tickSize: '0.1',
  payload: {
    symbol: 'BTCUSDT',
    brackets: BRACKETS.map(([cap, rate, leverage], index) => ({
      bracket: index + 1,
      initialLeverage: leverage,
      notionalCap: cap,
      notionalFloor: index === 0 ? '0' : (BRACKETS[index - 1]?.[0] ?? '0'),
      maintMarginRatio: rate,
    })),
  } as BinanceLeverageBracket,
} as const;
