/**
 * Tier-table examples published by the venues, reproduced to the published digits.
 * Vectors: test/vectors/published.json (ids in each test name).
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  checkMaintenanceAmounts,
  defineTiers,
  initialMargin,
  maintenanceMargin,
  maxLeverage,
  tierFor,
} from '../src/index.js';
import { binance2021, binance2024, binanceBtcusdt2021Rows, binanceBtcusdt2024Rows, vector } from './helpers.js';

describe('Binance USDⓈ-M BTCUSDT 2021-03 table (amounts derived)', () => {
  it('derives the maintenance amounts 0/50/1,300/16,300/… by the recurrence', () => {
    expect(binance2021.tiers.map((t) => t.maintenanceAmount.toString())).toEqual([
      '0',
      '50',
      '1300',
      '16300',
      '266300',
      '1266300',
      '2516300',
      '5016300',
      '25016300',
      '100016300',
    ]);
  });

  it('binance-usdm-cum-level3: level 3 amount = 250,000·(1% − 0.5%) + 50 = 1,300', () => {
    expect(binance2021.tiers[2]?.maintenanceAmount.toString()).toBe(
      vector('binance-usdm-cum-level3').expected.cum_level3_USDT,
    );
  });

  it('binance-usdm-lookup-264k: a 264,000 notional is in the 1% tier', () => {
    expect(
      tierFor(binance2021, '264000').maintenanceMarginRate.eq(
        vector('binance-usdm-lookup-264k').expected.mmr as string,
      ),
    ).toBe(true);
  });

  it('binance-usdm-lookup-500k: a 500,000 notional has maintenance amount 1,300', () => {
    expect(tierFor(binance2021, '500000').maintenanceAmount.toString()).toBe(
      vector('binance-usdm-lookup-500k').expected.cum_USDT,
    );
  });

  it('binance-usdm-mm-btcusdt-1: 109.488 BTC at 31,967.27 → MM 71,200.81144', () => {
    const notional = new Big('109.488').times('31967.27');
    const mm = maintenanceMargin(binance2021, notional);
    expect(mm.toString()).toBe('71200.811444');
    expect(mm.toFixed(5)).toBe(vector('binance-usdm-mm-btcusdt-1').expected.maintenance_margin_USDT);
  });

  it('binance-usdm-mm-ethusdt-1: 3,683.979 ETH at 1,335.18 → MM 356,512.508', () => {
    const rows = vector('binance-usdm-cross-oneway-btcusdt-1').tier_table_used?.ETHUSDT_circa_2021 ?? [];
    const eth = defineTiers(
      rows.map((row) => ({
        cap: row.notional_cap === '(open)' ? null : (row.notional_cap as string),
        maintenanceMarginRate: row.mmr as string,
        maxLeverage: row.max_leverage as string,
        maintenanceAmount: row.cum as string,
      })),
    );
    expect(checkMaintenanceAmounts(eth)).toEqual([]);
    const mm = maintenanceMargin(eth, new Big('3683.979').times('1335.18'));
    expect(mm.toString()).toBe('356512.508122');
    expect(mm.toFixed(3)).toBe(vector('binance-usdm-mm-ethusdt-1').expected.maintenance_margin_USDT);
  });

  it('boundaries are floor < N ≤ cap: 50,000 is tier 1, 50,000.01 tier 2', () => {
    expect(tierFor(binance2021, '50000').index).toBe(0);
    expect(tierFor(binance2021, '50000.01').index).toBe(1);
    expect(tierFor(binance2021, 0).index).toBe(0);
    expect(tierFor(binance2021, '500000000').index).toBe(9);
  });
});

describe('Binance USDⓈ-M BTCUSDT 2024-10 API snapshot (amounts given)', () => {
  it('binance-usdm-bracket-table-btcusdt-2024: all 12 given amounts pass the recurrence check', () => {
    expect(binance2024.tiers).toHaveLength(12);
    expect(checkMaintenanceAmounts(binance2024)).toEqual([]);
    expect(binance2024.tiers[3]?.maintenanceAmount.toString()).toBe('11450');
  });

  it('the same table with amounts omitted derives the same amounts', () => {
    const derived = defineTiers(binanceBtcusdt2024Rows().map(({ maintenanceAmount: _, ...row }) => row));
    expect(derived.tiers.map((t) => t.maintenanceAmount.toString())).toEqual(
      binance2024.tiers.map((t) => t.maintenanceAmount.toString()),
    );
  });

  it('reports a tampered amount at its own tier only', () => {
    const rows = binanceBtcusdt2024Rows();
    rows[4] = { ...rows[4], maintenanceAmount: '131000' } as (typeof rows)[number];
    const mismatches = checkMaintenanceAmounts(defineTiers(rows));
    expect(mismatches.map((m) => [m.index, m.actual.toString(), m.expected.toString()])).toEqual([
      [4, '131000', '131450'],
    ]);
  });

  it('max leverage at several notionals', () => {
    expect(maxLeverage(binance2024, '50000').toString()).toBe('125');
    expect(maxLeverage(binance2024, '600000').toString()).toBe('100');
    expect(maxLeverage(binance2024, '600000.0001').toString()).toBe('75');
    expect(maxLeverage(binance2024, '1800000000').toString()).toBe('1');
  });
});

describe('Bybit tax-bracket example', () => {
  // Tiers of 10 XYZ at 1%…5%. The example does not state max leverage; 10x (the leverage it uses)
  // is allowed by every tier since 5% ≤ 1/10.
  const rows = [1, 2, 3, 4, 5].map((k) => ({
    cap: String(10 * k),
    maintenanceMarginRate: `0.0${k}`,
    maxLeverage: 10,
  }));
  const table = defineTiers(rows);

  it('bybit-inverse-tiered-mm-1: 10,000 contracts at 400 → value 25, IM 2.5, MM 0.45', () => {
    const published = vector('bybit-inverse-tiered-mm-1').expected;
    const value = new Big('10000').div('400');
    expect(value.toString()).toBe(published.position_value_XYZ);
    expect(initialMargin(table, value, 10).toString()).toBe(published.initial_margin_XYZ);
    expect(maintenanceMargin(table, value).toString()).toBe(published.maintenance_margin_XYZ);
  });

  it('the deduction form equals the bracket sum 10·1% + 10·2% + 5·3%', () => {
    expect(maintenanceMargin(table, 25).eq(new Big('0.1').plus('0.2').plus('0.15'))).toBe(true);
  });
});

describe('Binance COIN-M', () => {
  it('binance-coinm-mm-1: 100 contracts × 100 USD at 25,000 → 0.4 BTC, MM 0.0016 BTC', () => {
    const table = defineTiers([{ cap: '5', maintenanceMarginRate: '0.004', maxLeverage: 125 }]);
    const notional = new Big(100).times(100).div(25000);
    expect(maintenanceMargin(table, notional).toString()).toBe(
      vector('binance-coinm-mm-1').expected.maintenance_margin_BTC,
    );
  });

  it('binance-coinm-cum-level5-old: a given level-4 amount of 0.56 derives level 5 = 1.81 BTC', () => {
    // Older COIN-M page: only level 4's amount (0.56) and the 2.5% → 5% step at 50 BTC are published;
    // the lower rows here are placeholders consistent with that amount.
    const table = defineTiers([
      { cap: '5', maintenanceMarginRate: '0.004', maxLeverage: 125 },
      { cap: '10', maintenanceMarginRate: '0.005', maxLeverage: 100 },
      { cap: '25', maintenanceMarginRate: '0.01', maxLeverage: 50 },
      { cap: '50', maintenanceMarginRate: '0.025', maxLeverage: 20, maintenanceAmount: '0.56' },
      { cap: '100', maintenanceMarginRate: '0.05', maxLeverage: 10 },
    ]);
    expect(table.tiers[4]?.maintenanceAmount.toString()).toBe(
      vector('binance-coinm-cum-level5-old').expected.cum_level5_BTC,
    );
  });
});

describe('binance2021 fixture', () => {
  it('has the published caps', () => {
    expect(binanceBtcusdt2021Rows().map((r) => r.cap)).toContain('500000000');
  });
});
