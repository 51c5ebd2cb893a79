/**
 * The example account of `liqmath account --example`, the same as examples/account.json (a test
 * holds them equal): a complete file with every tier table inline, so that
 * `npx liqmath account --example > account.json && npx liqmath account account.json` works in
 * any folder.
 */

/** Binance USDⓈ-M BTCUSDT, GET /fapi/v1/leverageBracket as Binance sends it (snapshot of 2024-10-24). */
const BTCUSDT_BRACKETS = [
  [1, 125, 50000, 0, 0.004, 0],
  [2, 100, 600000, 50000, 0.005, 50],
  [3, 75, 3000000, 600000, 0.0065, 950],
  [4, 50, 12000000, 3000000, 0.01, 11450],
  [5, 25, 70000000, 12000000, 0.02, 131450],
  [6, 20, 100000000, 70000000, 0.025, 481450],
  [7, 10, 230000000, 100000000, 0.05, 2981450],
  [8, 5, 480000000, 230000000, 0.1, 14481450],
  [9, 4, 600000000, 480000000, 0.125, 26481450],
  [10, 3, 800000000, 600000000, 0.15, 41481450],
  [11, 2, 1200000000, 800000000, 0.25, 121481450],
  [12, 1, 1800000000, 1200000000, 0.5, 421481450],
].map(([bracket, initialLeverage, notionalCap, notionalFloor, maintMarginRatio, cum]) => ({
  bracket,
  initialLeverage,
  notionalCap,
  notionalFloor,
  maintMarginRatio,
  cum,
}));

/** The example account file, as JSON data. */
export const EXAMPLE_ACCOUNT = {
  collateral: '30000',
  markets: {
    BTCUSDT: {
      venue: 'binance-usdm',
      tiers: { symbol: 'BTCUSDT', brackets: BTCUSDT_BRACKETS },
      tickSize: '0.1',
      lotSize: '0.001',
    },
    ETHUSDT: {
      tickSize: '0.01',
      lotSize: '0.001',
      tiers: [
        { cap: '10000', maintenanceMarginRate: '0.005', maxLeverage: 100 },
        { cap: '100000', maintenanceMarginRate: '0.0065', maxLeverage: 75 },
        { cap: '500000', maintenanceMarginRate: '0.01', maxLeverage: 50 },
        { cap: '1000000', maintenanceMarginRate: '0.02', maxLeverage: 25 },
        { cap: null, maintenanceMarginRate: '0.05', maxLeverage: 10 },
      ],
    },
  },
  positions: [
    { symbol: 'BTCUSDT', side: 'long', size: '4', entryPrice: '60000', markPrice: '58500' },
    { symbol: 'ETHUSDT', side: 'short', size: '60', entryPrice: '3000', markPrice: '3150' },
    { symbol: 'ETHUSDT', side: 'long', size: '20', entryPrice: '2900', markPrice: '3150' },
  ],
  liquidation: { feeRate: '0.001' },
} as const;

/**
 * The example as the text of a file, laid out as the project's formatter (Biome) lays out JSON:
 * an object or array of plain values on one line when the line fits in 120 columns (a tier, a
 * position), anything else one member a line.
 */
export function exampleAccountText(): string {
  return layout(EXAMPLE_ACCOUNT, '', '');
}

const WIDTH = 120;

function layout(value: unknown, indent: string, key: string): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Array.isArray(value)
    ? value.map((item) => ['', item] as const)
    : Object.entries(value).map(([name, item]) => [`${JSON.stringify(name)}: `, item] as const);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const flat = `${open} ${entries.map(([name, item]) => `${name}${JSON.stringify(item)}`).join(', ')} ${close}`;
  const plain = entries.every(([, item]) => typeof item !== 'object' || item === null);
  // The width counts the member's key and the comma that may follow it.
  if (plain && indent.length + key.length + flat.length + 1 <= WIDTH) return flat;
  const inner = `${indent}  `;
  const lines = entries.map(([name, item]) => `${inner}${name}${layout(item, inner, name)}`);
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}
