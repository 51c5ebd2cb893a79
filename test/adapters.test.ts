import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkMaintenanceAmounts,
  type LiqMathErrorCode,
  maintenanceMargin,
  type TierTable,
  tiersFromBinanceBrackets,
  tiersFromCcxt,
} from '../src/index.js';
import { binance2024, expectLiqMathError } from './helpers.js';

const payload = JSON.parse(readFileSync(new URL('../examples/binance-btcusdt-2024.json', import.meta.url), 'utf8')) as {
  symbol: string;
  brackets: Record<string, unknown>[];
};
const brackets = () => payload.brackets.map((b) => ({ ...b }));
const summary = (t: TierTable) =>
  t.tiers.map((x) => [
    x.cap?.toString() ?? null,
    x.maintenanceMarginRate.toString(),
    x.maxLeverage.toString(),
    x.maintenanceAmount.toString(),
  ]);

describe('Binance leverageBracket', () => {
  it('round trip: the 2024 BTCUSDT payload gives the same table as the published vector', () => {
    const table = tiersFromBinanceBrackets({ symbol: 'BTCUSDT', brackets: brackets() });
    expect(summary(table)).toEqual(summary(binance2024));
    expect(checkMaintenanceAmounts(table)).toEqual([]);
    expect(summary(tiersFromBinanceBrackets([payload, { symbol: 'ETHUSDT', brackets: [] }], 'BTCUSDT'))).toEqual(
      summary(binance2024),
    );
  });

  it('reads numbers sent as strings exactly, and a 9.2e18 last cap as unbounded', () => {
    const rows = brackets().map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, String(v)])));
    (rows[11] as Record<string, unknown>).notionalCap = '9223372036854775807';
    const table = tiersFromBinanceBrackets({ brackets: rows });
    expect(table.tiers[11]?.cap).toBeNull();
    expect(maintenanceMargin(table, '2000000000').toString()).toBe('578518550');
  });

  it('reads COIN-M qty brackets', () => {
    const table = tiersFromBinanceBrackets({
      pair: 'BTCUSD',
      brackets: [
        { bracket: 1, initialLeverage: 125, qtyCap: 5, qtyFloor: 0, maintMarginRatio: 0.004, cum: 0 },
        { bracket: 2, initialLeverage: 100, qtyCap: 10, qtyFloor: 5, maintMarginRatio: 0.005, cum: 0.005 },
      ],
    });
    expect(maintenanceMargin(table, '0.4').toString()).toBe('0.0016');
  });

  const broken: [string, (rows: Record<string, unknown>[]) => void, LiqMathErrorCode, string][] = [
    ['a missing field', (r) => delete r[3]?.maintMarginRatio, 'MISSING_FIELD', 'brackets[3].maintMarginRatio'],
    [
      'a wrong type',
      (r) => ((r[3] as Record<string, unknown>).maintMarginRatio = 'x'),
      'INVALID_NUMBER',
      'brackets[3].maintMarginRatio',
    ],
    [
      'a gap',
      (r) => ((r[4] as Record<string, unknown>).notionalFloor = 12000001),
      'TIER_NOT_CONTIGUOUS',
      'brackets[4].notionalFloor',
    ],
    [
      'an overlap',
      (r) => ((r[4] as Record<string, unknown>).notionalFloor = 11000000),
      'TIER_NOT_CONTIGUOUS',
      'brackets[4].notionalFloor',
    ],
    [
      'a first floor above 0',
      (r) => ((r[0] as Record<string, unknown>).notionalFloor = 1),
      'TIER_NOT_CONTIGUOUS',
      'brackets[0].notionalFloor',
    ],
    ['unsorted rows', (r) => r.reverse(), 'TIER_NOT_CONTIGUOUS', 'brackets[0].notionalFloor'],
    [
      'a rate above 1',
      (r) => ((r[2] as Record<string, unknown>).maintMarginRatio = 2),
      'RATE_OUT_OF_RANGE',
      'brackets[2].maintMarginRatio',
    ],
    [
      'leverage rising',
      (r) => ((r[5] as Record<string, unknown>).initialLeverage = 30),
      'TIER_LEVERAGE_INCREASING',
      'brackets[5].initialLeverage',
    ],
    [
      'a row that is not an object',
      (r) => (r[1] = 7 as unknown as Record<string, unknown>),
      'INVALID_TYPE',
      'brackets[1]',
    ],
  ];
  it.each(broken)('%s → %s at the payload path', (_name, breakIt, code, field) => {
    const rows = brackets();
    breakIt(rows);
    expectLiqMathError(() => tiersFromBinanceBrackets({ brackets: rows }), code, field);
  });

  it('several symbols need a symbol; an unknown one is refused', () => {
    const two = [payload, { symbol: 'ETHUSDT', brackets: brackets() }];
    expectLiqMathError(() => tiersFromBinanceBrackets(two), 'MISSING_FIELD', 'symbol');
    expectLiqMathError(() => tiersFromBinanceBrackets(two, 'SOLUSDT'), 'UNKNOWN_SYMBOL', 'symbol');
  });
});

describe('ccxt fetchLeverageTiers', () => {
  const ccxtTiers = () =>
    payload.brackets.map((b, k) => ({
      tier: k + 1,
      currency: 'USDT',
      minNotional: b.notionalFloor as number,
      maxNotional: b.notionalCap as number,
      maintenanceMarginRate: b.maintMarginRatio as number,
      maxLeverage: b.initialLeverage as number,
      info: b,
    }));

  it('round trip: same rates as the vector, amounts derived (and equal to Binance’s cum)', () => {
    expect(summary(tiersFromCcxt(ccxtTiers()))).toEqual(summary(binance2024));
  });

  it('a last maxNotional of Infinity or null is unbounded', () => {
    const tiers = ccxtTiers();
    tiers[11] = { ...(tiers[11] as (typeof tiers)[number]), maxNotional: Number.POSITIVE_INFINITY };
    expect(tiersFromCcxt(tiers).tiers[11]?.cap).toBeNull();
    tiers[11] = { ...(tiers[11] as (typeof tiers)[number]), maxNotional: null as unknown as number };
    expect(tiersFromCcxt(tiers).tiers[11]?.cap).toBeNull();
  });

  it('errors name the ccxt path', () => {
    const tiers = ccxtTiers();
    tiers[2] = { ...(tiers[2] as (typeof tiers)[number]), maxLeverage: 0 };
    expectLiqMathError(() => tiersFromCcxt(tiers), 'LEVERAGE_OUT_OF_RANGE', 'tiers[2].maxLeverage');
    expectLiqMathError(() => tiersFromCcxt([]), 'TIERS_EMPTY', 'tiers');
  });
});
