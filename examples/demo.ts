/**
 * The main job for now: load a real venue tier table (Binance USDⓈ-M BTCUSDT, from the
 * leverageBracket API payload as Binance sends it) and print the table with its maintenance
 * amounts, then maintenance margin, initial margin and max leverage at several notionals; then
 * the liquidation and bankruptcy prices of a sample isolated position and a sample cross account;
 * then how a large position is partially liquidated.
 *
 * Run: `npm run demo` (builds, then runs this file; 'liqmath' resolves to the build in dist/).
 */
import { readFileSync } from 'node:fs';
import {
  checkMaintenanceAmounts,
  crossEquity,
  crossLiquidationPrice,
  crossMarginRatio,
  crossRequirement,
  defineMarket,
  defineTiers,
  initialMargin,
  isolatedBankruptcyPrice,
  isolatedLiquidationPlan,
  isolatedLiquidationPrice,
  isolatedMinimumCloseSize,
  type LiquidationPolicy,
  maintenanceMargin,
  maxLeverage,
  maxNotional,
  roundLiquidationPrice,
  tierFor,
} from 'liqmath';

interface Bracket {
  readonly bracket: number;
  readonly initialLeverage: number;
  readonly notionalCap: number;
  readonly notionalFloor: number;
  readonly maintMarginRatio: number;
  readonly cum: number;
}

const payload = JSON.parse(readFileSync(new URL('./binance-btcusdt-2024.json', import.meta.url), 'utf8')) as {
  readonly _source: string;
  readonly symbol: string;
  readonly brackets: readonly Bracket[];
};

const table = defineTiers(
  payload.brackets.map((b) => ({
    cap: b.notionalCap,
    maintenanceMarginRate: b.maintMarginRatio,
    maxLeverage: b.initialLeverage,
    maintenanceAmount: b.cum,
  })),
);

const usdt = (value: { toFixed(dp: number): string }) => `${value.toFixed(2)} USDT`;
const pad = (text: string, width: number) => text.padStart(width);

console.log(`liqmath demo: ${payload.symbol} tier table (Binance USDⓈ-M)`);
console.log(`source: ${payload._source}\n`);
console.log(
  `${pad('tier', 4)} ${pad('floor <', 14)} ${pad('notional ≤ cap', 14)} ${pad('MMR', 7)} ${pad('max lev', 7)} ${pad('amount (cum)', 13)}`,
);
for (const tier of table.tiers) {
  const rate = `${tier.maintenanceMarginRate.times(100).toString()}%`;
  console.log(
    `${pad(String(tier.index + 1), 4)} ${pad(tier.floor.toString(), 14)} ${pad(tier.cap?.toString() ?? '∞', 14)} ${pad(rate, 7)} ${pad(`${tier.maxLeverage}x`, 7)} ${pad(tier.maintenanceAmount.toString(), 13)}`,
  );
}
const mismatches = checkMaintenanceAmounts(table);
console.log(
  mismatches.length === 0
    ? '\nAll maintenance amounts agree with the recurrence cum_k = cum_(k-1) + floor_k·(mmr_k − mmr_(k-1)).'
    : `\n${mismatches.length} maintenance amounts differ from the recurrence.`,
);

console.log(
  `\n${pad('notional', 16)} ${pad('tier', 4)} ${pad('maintenance margin', 22)} ${pad('max lev', 7)} ${pad('initial margin at max', 24)} ${pad('at 10x', 20)}`,
);
for (const notional of ['1000', '50000', '250000', '600000', '2500000', '25000000', '500000000', '1800000000']) {
  const tier = tierFor(table, notional);
  const lev = maxLeverage(table, notional);
  console.log(
    `${pad(notional, 16)} ${pad(String(tier.index + 1), 4)} ${pad(usdt(maintenanceMargin(table, notional)), 22)} ${pad(`${lev}x`, 7)} ${pad(usdt(initialMargin(table, notional, lev)), 24)} ${pad(lev.gte(10) ? usdt(initialMargin(table, notional, 10)) : 'not allowed', 20)}`,
  );
}

console.log('\nLargest notional each leverage allows:');
for (const leverage of [125, 100, 50, 20, 10, 5, 2, 1]) {
  console.log(`${pad(`${leverage}x`, 5)} up to ${maxNotional(table, leverage)?.toString() ?? 'no limit'} USDT`);
}

// ── Liquidation: one isolated position and one cross account on this table ──
const btcusdt = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers: table, tickSize: '0.1' });
const isolated = { side: 'long', size: '40', entryPrice: '60000', leverage: 20 } as const;
const exact = isolatedLiquidationPrice(btcusdt, isolated);
console.log('\nIsolated long 40 BTC at 60,000, 20x (margin 120,000 USDT):');
console.log(
  `  liquidation price  ${exact?.toFixed(8)} (exact), shown ${exact === null ? 'none' : roundLiquidationPrice(btcusdt, 'long', exact).toString()}`,
);
console.log(`  bankruptcy price   ${isolatedBankruptcyPrice(btcusdt, isolated)?.toFixed(8)}`);
console.log(
  `  tier at liquidation: ${exact === null ? '-' : tierFor(table, exact.times(40)).index + 1} (entry notional 2,400,000 is tier ${tierFor(table, 2400000).index + 1})`,
);

// ETHUSDT: the first brackets of Binance's ETHUSDT table of 2021 (from the Binance FAQ example).
const ethusdt = defineMarket({
  symbol: 'ETHUSDT',
  contract: 'linear',
  settle: 'USDT',
  tickSize: '0.01',
  tiers: defineTiers([
    { cap: 10000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
    { cap: 100000, maintenanceMarginRate: '0.0065', maxLeverage: 75 },
    { cap: 500000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
    { cap: 1000000, maintenanceMarginRate: '0.02', maxLeverage: 25 },
    { cap: null, maintenanceMarginRate: '0.05', maxLeverage: 10 },
  ]),
});
const account = {
  collateral: '30000',
  positions: [
    { market: btcusdt, side: 'long', size: '3', entryPrice: '61000', markPrice: '59500' },
    { market: ethusdt, side: 'short', size: '40', entryPrice: '2400', markPrice: '2450' },
  ],
} as const;
console.log('\nCross account, 30,000 USDT: long 3 BTC at 61,000 (mark 59,500), short 40 ETH at 2,400 (mark 2,450)');
console.log(
  `  equity ${crossEquity(account)} USDT, maintenance requirement ${crossRequirement(account)} USDT, margin ratio ${crossMarginRatio(account)?.times(100).toFixed(2)}%`,
);
for (const symbol of ['BTCUSDT', 'ETHUSDT']) {
  const result = crossLiquidationPrice(account, symbol);
  console.log(
    `  ${symbol}: ${result.status}, liquidates below ${result.below?.toFixed(2) ?? '—'}, above ${result.above?.toFixed(2) ?? '—'} (others at their marks)`,
  );
}

const hyperliquidPolicy: LiquidationPolicy = {
  kind: 'fraction',
  fraction: '0.2',
  threshold: 100000,
  cooldownSeconds: 30,
  backstopBelow: { numerator: 2, denominator: 3 },
};

// ── Partial liquidation: a large position stepped down its tiers, then Hyperliquid's 20% steps ──
const large = { side: 'long', size: '300', entryPrice: '60000', margin: '900000' } as const;
const lots = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers: table, lotSize: '0.001' });
const mark = '57500';
console.log(`\nLong 300 BTC at 60,000 (18,000,000 notional, tier 5), margin 900,000; mark ${mark}:`);
const minimal = isolatedMinimumCloseSize(lots, large, { markPrice: mark, feeRate: '0.005' });
console.log(
  `  minimal close with a 0.5% fee: ${minimal.status === 'partial' ? `${minimal.size} BTC, ${minimal.remainingSize} left` : minimal.status}`,
);
for (const [name, policy] of [
  ['tier step-down (Binance)', { kind: 'tier-step-down' }],
  ['20% steps (Hyperliquid)', hyperliquidPolicy],
] as const) {
  const plan = isolatedLiquidationPlan(lots, large, policy, { markPrice: mark, feeRate: '0.005' });
  console.log(`  ${name}:`);
  for (const step of plan) {
    console.log(
      `    close ${pad(step.size.toString(), 8)} fee ${pad(step.fee.toFixed(2), 10)} left ${pad(step.remainingSize.toString(), 8)} equity ${pad(step.equityAfter.toFixed(2), 12)} requirement ${pad(step.requirementAfter.toFixed(2), 12)}${step.full ? ' (all)' : ''}`,
    );
  }
}
