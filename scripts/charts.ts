/**
 * `npm run docs:charts`: the SVG charts of the docs, computed by the library. `renderCharts()`
 * is also called by test/charts.test.ts, which fails when a committed chart is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  binanceUsdm,
  type CollateralAccount,
  crossHealth,
  defineBook,
  defineMarket,
  defineTiers,
  hyperliquidMarginRatio,
  isolatedLiquidationPlan,
  isolatedLiquidationPrice,
  isolatedLiquidationPriceBand,
  type LiquidationPolicy,
  liquidationMap,
  maintenanceMargin,
  previewIsolatedOrder,
  simulateCascade,
} from '../src/index.js';
import { svgChart } from './svg-chart.js';
import { syntheticBook } from './synthetic-book.js';

const root = new URL('../', import.meta.url);
const brackets = JSON.parse(readFileSync(new URL('examples/binance-btcusdt-2024.json', root), 'utf8'));

/** Drawing only: a library decimal to a float pixel coordinate. */
const float = (value: { toString(): string }) => Number(value.toString());
const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, k) => from + k * step);

/** Maintenance margin against notional, deduction method (continuous) vs flat (jumps at each cap). */
function maintenanceChart(): string {
  const rows = brackets.brackets.map(
    (b: { notionalCap: number; maintMarginRatio: number; initialLeverage: number }) => ({
      cap: b.notionalCap,
      maintenanceMarginRate: b.maintMarginRatio,
      maxLeverage: b.initialLeverage,
    }),
  );
  const unbounded = [...rows.slice(0, -1), { ...rows.at(-1), cap: null }];
  const deduction = defineTiers(unbounded);
  const flat = defineTiers(unbounded, { method: 'flat' });
  const notionals = range(0, 12_000_000, 20_000);
  const series = (table: typeof deduction) =>
    notionals.map((n) => [n / 1e6, float(maintenanceMargin(table, n)) / 1000] as const);
  return svgChart({
    title: 'Maintenance margin, Binance USD-M BTCUSDT brackets (2024)',
    xLabel: 'position notional (million USDT)',
    yLabel: 'maintenance margin (thousand USDT)',
    xTicks: range(0, 12, 2),
    yTicks: range(0, 120, 20),
    series: [
      { name: 'deduction method: N·rate − amount (continuous)', color: '#1565c0', points: series(deduction) },
      { name: 'flat method: N·rate (jumps at 0.6 M, 3 M)', color: '#c62828', points: series(flat), dashed: true },
    ],
  });
}

/** Distance from entry to the liquidation price of a long at 60,000, against leverage, small and large. */
function leverageChart(): string {
  const market = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1' });
  const line = (size: string, maxLeverage: number) =>
    range(10, maxLeverage, 1).map((leverage) => {
      const price = isolatedLiquidationPrice(market, { side: 'long', size, entryPrice: '60000', leverage });
      const distance = price === null ? 100 : (float(price.minus(60000).abs()) / 60000) * 100;
      return [leverage, distance] as const;
    });
  return svgChart({
    title: 'Room before liquidation of a long at 60,000 (Binance BTCUSDT tiers)',
    xLabel: 'leverage',
    yLabel: 'entry − liquidation price (% of entry)',
    xTicks: [10, 25, 50, 75, 100, 125],
    yTicks: range(0, 10, 2),
    legend: 'right',
    format: (value) => String(value),
    series: [
      { name: '0.5 BTC (30,000 notional, tier 1, MMR 0.4%)', color: '#1565c0', points: line('0.5', 125) },
      { name: '100 BTC (6 M notional, tier 4, MMR 1%, max 50x)', color: '#c62828', points: line('100', 50) },
    ],
  });
}

/** Equity and requirement through a partial-liquidation plan (20% steps above 100,000 notional). */
function planChart(): string {
  const market = defineMarket({
    symbol: 'BTC',
    contract: 'linear',
    settle: 'USDC',
    lotSize: '0.001',
    tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.0125', maxLeverage: 40 }]),
  });
  const policy: LiquidationPolicy = {
    kind: 'fraction',
    fraction: '0.2',
    threshold: 100000,
    cooldownSeconds: 30,
    backstopBelow: { numerator: 2, denominator: 3 },
  };
  const position = { side: 'long', size: 40, entryPrice: 60000, margin: 90000 } as const;
  const plan = isolatedLiquidationPlan(market, position, policy, { markPrice: 57900, feeRate: '0.0005' });
  // Before the first step: equity 90,000 − 40 × 2,100 = 6,000; requirement 40 × 57,900 × 1.25% = 28,950.
  const equity = [[0, 6], ...plan.map((s, k) => [k + 1, float(s.equityAfter) / 1000] as const)] as const;
  const requirement = [[0, 28.95], ...plan.map((s, k) => [k + 1, float(s.requirementAfter) / 1000] as const)] as const;
  return svgChart({
    title: `Partial liquidation of 40 BTC long at mark 57,900: ${plan.length} steps of 20%`,
    xLabel: 'step',
    yLabel: 'thousand USDC',
    xTicks: range(0, plan.length, 1),
    yTicks: range(0, 30, 5),
    legend: 'right',
    series: [
      { name: 'maintenance requirement after the step', color: '#c62828', points: requirement, steps: true },
      { name: 'equity after the step (fees paid)', color: '#1565c0', points: equity, steps: true },
    ],
  });
}

/** The liquidation price after a buy, against its size, on the 12 tiers of Binance's BTCUSDT table. */
function previewChart(): string {
  const market = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1' });
  const line = (leverage: number, held: boolean, sizes: number[]) =>
    sizes.flatMap((size) => {
      const position = held ? ({ side: 'long', size: '20', entryPrice: '58000', leverage } as const) : null;
      const preview = previewIsolatedOrder(
        market,
        position,
        { side: 'buy', size, type: 'limit', price: 60000 },
        {
          markPrice: 60000,
          leverage,
        },
      );
      const price = preview.after.liquidationPrice;
      return preview.rejected === null && price !== null ? [[size, float(price) / 1000] as const] : [];
    });
  return svgChart({
    title: 'Liquidation price after a buy at 60,000, Binance USD-M BTCUSDT (12 tiers)',
    xLabel: 'order size (BTC)',
    yLabel: 'liquidation price after (thousand USDT)',
    xTicks: range(0, 500, 100),
    yTicks: range(44, 60, 2),
    series: [
      { name: 'opening at 10x', color: '#1565c0', points: line(10, false, range(1, 500, 1)) },
      { name: 'opening at 4x', color: '#2e7d32', points: line(4, false, range(1, 500, 1)) },
      {
        name: 'adding at 10x to a 20 BTC long from 58,000',
        color: '#c62828',
        points: line(10, true, range(1, 480, 1)),
        dashed: true,
      },
    ],
  });
}

/** The liquidation price as open orders fill, buys as the price falls and sells as it rises. */
function bandChart(): string {
  const market = binanceUsdm.market(brackets, { symbol: 'BTCUSDT', tickSize: '0.1' });
  const position = { side: 'long', size: 10, entryPrice: 60000, leverage: 10 } as const;
  const buys = range(1, 10, 1).map((k) => ({ side: 'buy', size: 2, type: 'limit', price: 60000 - 500 * k }) as const);
  const sells = range(1, 10, 1).map((k) => ({ side: 'sell', size: 2, type: 'limit', price: 60000 + 500 * k }) as const);
  const band = isolatedLiquidationPriceBand(market, position, [...buys, ...sells], { leverage: 10 });
  const start = float(band.none ?? 0) / 1000;
  const walk = (steps: typeof band.buys) => [
    [60, start] as const,
    ...steps.flatMap((s) =>
      s.fills && s.liquidationPrice !== null
        ? [[float(s.price) / 1000, float(s.liquidationPrice) / 1000] as const]
        : [],
    ),
  ];
  return svgChart({
    title: 'Liquidation price as open orders fill (10 BTC long at 10x, 2 BTC each)',
    xLabel: 'price the orders fill at (thousand USDT)',
    yLabel: 'liquidation price (thousand USDT)',
    xTicks: range(55, 65, 1),
    yTicks: range(50, 75, 5),
    series: [
      {
        name: 'buys filling as the price falls (the long grows)',
        color: '#1565c0',
        points: walk(band.buys),
        steps: true,
      },
      {
        name: 'sells filling as it rises (reduce, close, then a growing short)',
        color: '#c62828',
        points: walk(band.sells),
        steps: true,
      },
    ],
  });
}

/**
 * A cross account's margin ratio (maintenance ÷ equity) against the BTC price, with Hyperliquid's
 * levels on that ratio: the BTC collateral moving with the price, against the same collateral
 * frozen at today's price (a single-factor reading).
 */
function healthChart(): string {
  const market = defineMarket({
    symbol: 'BTC',
    contract: 'linear',
    settle: 'USDC',
    tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]),
    liquidatableWhen: 'equity < requirement',
  });
  const at = (mark: number, moving: boolean): CollateralAccount => ({
    assets: [
      { asset: 'USDC', amount: 10000, price: 1 },
      moving
        ? { asset: 'BTC', amount: 1, movesWith: 'BTC', weight: '0.5' }
        : { asset: 'BTC', amount: 1, price: 100000, weight: '0.5' },
    ],
    positions: [{ market, side: 'long', size: 6, entryPrice: 100000, markPrice: mark }],
  });
  const prices = range(88, 100, 0.1);
  const ratio = (moving: boolean) =>
    prices.flatMap((p) => {
      const value = crossHealth(at(p * 1000, moving), { definition: hyperliquidMarginRatio }).ratio.value;
      return value === null ? [] : [[p, Math.min(200, float(value) * 100)] as const];
    });
  const [liquidation, backstop] = hyperliquidMarginRatio.levels;
  const level = (name: string, value: number, color: string) => ({
    name,
    color,
    points: [[88, value] as const, [100, value] as const],
    dashed: true,
  });
  const today = crossHealth(at(100000, true), { definition: hyperliquidMarginRatio });
  const liquidationPrice = float(today.symbols[0]?.liquidation.below ?? 0) / 1000;
  return svgChart({
    title: `Margin ratio vs BTC price, long 6 BTC at 100k (liquidation ${liquidationPrice.toFixed(2)}k)`,
    xLabel: 'BTC price (thousand USDC)',
    yLabel: 'maintenance ÷ equity (%)',
    xTicks: range(88, 100, 2),
    yTicks: range(0, 200, 25),
    legend: 'right',
    series: [
      { name: '1 BTC collateral at weight 0.5, moving with the price', color: '#1565c0', points: ratio(true) },
      { name: 'the same BTC frozen at 100,000 (single-factor)', color: '#6a1b9a', points: ratio(false) },
      level(`${float(liquidation?.ratio ?? 0) * 100}% ${liquidation?.name}`, 100, '#c62828'),
      level(`${float(backstop?.ratio ?? 0) * 100}% ${backstop?.name}`, 150, '#ef6c00'),
    ],
  });
}

/** The synthetic book of docs/stress.md (2,000 positions and accounts), and its cascade under a 15% fall. */
const stressBook = defineBook(syntheticBook(2000));
const fall = { steps: 50, shock: { BTCUSDT: '-0.15', ETHUSDT: '-0.15' } };
const sqrtImpact = { kind: 'sqrt', Y: '0.7', sigma: '0.04', volume: '10000000' } as const;
const stressRun = simulateCascade(stressBook, fall, { impact: sqrtImpact, liquidationFeeRate: '0.005' });

/** Where the synthetic book's BTCUSDT positions are liquidated: notional by price bucket and side. */
function liquidationMapChart(): string {
  const map = liquidationMap(stressBook, { symbol: 'BTCUSDT', from: 80000, to: 120000, step: 1000 });
  const side = (pick: (b: (typeof map.buckets)[number]) => { toString(): string }) => [
    ...map.buckets.map((b) => [float(b.from) / 1000, float(pick(b)) / 1e6] as const),
    [120, 0] as const,
  ];
  return svgChart({
    title: 'Liquidation map of the synthetic book, BTCUSDT (mark 100,000)',
    xLabel: 'price at which positions become liquidatable (thousand USDT)',
    yLabel: 'notional liquidated there (million USDT)',
    xTicks: range(80, 120, 5),
    yTicks: range(0, 10, 2),
    legend: 'right',
    series: [
      { name: 'longs (liquidated as the price falls)', color: '#1565c0', points: side((b) => b.long), steps: true },
      { name: 'shorts (liquidated as it rises)', color: '#c62828', points: side((b) => b.short), steps: true },
    ],
  });
}

/** The cascade's price path against the exogenous path, with and without impact. */
function cascadePathChart(): string {
  const none = simulateCascade(stressBook, fall, { liquidationFeeRate: '0.005' });
  const path = (run: typeof none, key: 'marks' | 'exogenous') => [
    [0, 100] as const,
    ...run.steps.map((s) => [s.step, float(s[key].BTCUSDT ?? 0) / 1000] as const),
  ];
  return svgChart({
    title: `A 15% fall in 50 steps: liquidations amplify it ${float(stressRun.amplification.BTCUSDT ?? 1).toFixed(2)}x`,
    xLabel: 'step',
    yLabel: 'BTCUSDT mark (thousand USDT)',
    xTicks: range(0, 50, 10),
    yTicks: range(60, 100, 5),
    legend: 'right',
    series: [
      { name: 'exogenous path (no impact)', color: '#6d6d6d', points: path(none, 'exogenous'), dashed: true },
      { name: 'with square-root impact of liquidation orders', color: '#c62828', points: path(stressRun, 'marks') },
    ],
  });
}

/** The insurance fund through the cascade, and what ADL took. */
function fundChart(): string {
  let adl = 0;
  const fund = [[0, 0.5] as const, ...stressRun.steps.map((s) => [s.step, float(s.fund.USDT ?? 0) / 1e6] as const)];
  const taken = [
    [0, 0] as const,
    ...stressRun.steps.map((s) => {
      adl += float(s.adl.USDT ?? 0) / 1e6;
      return [s.step, adl] as const;
    }),
  ];
  return svgChart({
    title: 'Insurance fund through the cascade (0.5 million USDT at the start)',
    xLabel: 'step',
    yLabel: 'million USDT',
    xTicks: range(0, 50, 10),
    yTicks: range(0, 1, 0.25),
    legend: 'right',
    series: [
      { name: 'insurance fund', color: '#2e7d32', points: fund, steps: true },
      { name: 'losses taken by ADL, cumulative', color: '#ef6c00', points: taken, steps: true },
    ],
  });
}

/** Every chart by file name under docs/charts/. */
export function renderCharts(): Record<string, string> {
  return {
    'maintenance-margin.svg': maintenanceChart(),
    'liquidation-vs-leverage.svg': leverageChart(),
    'partial-liquidation-plan.svg': planChart(),
    'liquidation-after-order.svg': previewChart(),
    'liquidation-band.svg': bandChart(),
    'health-levels.svg': healthChart(),
    'liquidation-map.svg': liquidationMapChart(),
    'cascade-path.svg': cascadePathChart(),
    'insurance-fund.svg': fundChart(),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, svg] of Object.entries(renderCharts())) {
    writeFileSync(new URL(`docs/charts/${name}`, root), svg);
    console.log(`docs/charts/${name}`);
  }
}
