/**
 * Binance through binanceUsdm / binanceCoinm: the published cross and COIN-M examples reproduced
 * through the venue objects, and the leverageBracket adapter (tiersFromBinanceBrackets) on the
 * 2024 BTCUSDT payload, with one test per malformed-payload path.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  binanceCoinm,
  binanceUsdm,
  checkMaintenanceAmounts,
  crossLiquidationPrice,
  isolatedRequirement,
  type LiqMathErrorCode,
  maintenanceMargin,
  tiersFromBinanceBrackets,
} from '../../src/index.js';
import { binance2024, vector } from '../helpers.js';
import { evidenceLedger } from './evidence.js';
import { binanceBtcusdt2024, binanceBtcusdt2024Brackets, expectLiqMathErrorMessage, tierRows } from './fixtures.js';

const ledger = evidenceLedger('binance');
/** The expected figures of a published example, registered as reproduced. */
const published = (id: string) => ledger.published(id).expected;

const bracketsOf = (rows: readonly Record<string, string>[], capKey: string, cumKey?: string) => {
  let floor = '0';
  return rows.map((row, k) => {
    const cap = row[capKey] === '(open)' ? '9223372036854775807' : (row[capKey] as string);
    const bracket = {
      bracket: k + 1,
      notionalFloor: floor,
      notionalCap: cap,
      maintMarginRatio: row.mmr as string,
      initialLeverage: row.max_leverage as string,
      ...(cumKey === undefined ? {} : { cum: row[cumKey] as string }),
    };
    floor = cap;
    return bracket;
  });
};

describe('Binance through binanceUsdm / binanceCoinm', () => {
  it('notionalCoef: 1 is read, anything else refused (Binance does not say whether brackets are already scaled)', () => {
    const brackets = [
      { bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 },
    ];
    expect(binanceUsdm.market({ symbol: 'BTCUSDT', notionalCoef: 1, brackets }, {}).tiers.tiers.length).toBe(1);
    expect(binanceUsdm.market({ symbol: 'BTCUSDT', notionalCoef: '1.00', brackets }, {}).tiers.tiers.length).toBe(1);
    expectLiqMathErrorMessage(
      () => binanceUsdm.market({ symbol: 'BTCUSDT', notionalCoef: 1.5, brackets }, {}),
      'INVALID_OPTION',
      'notionalCoef',
      'notionalCoef: got 1.5; allowed: 1: a user bracket multiplier is not applied (Binance does not say whether its brackets are already scaled) [INVALID_OPTION]',
    );
    expectLiqMathErrorMessage(
      () => binanceUsdm.market({ symbol: 'BTCUSDT', notionalCoef: 0, brackets }, {}),
      'NOT_POSITIVE',
      'notionalCoef',
      'notionalCoef: got 0; allowed: a number greater than 0 [NOT_POSITIVE]',
    );
  });

  const tables = vector('binance-usdm-cross-oneway-btcusdt-1').tier_table_used ?? {};
  const payload = [
    { symbol: 'BTCUSDT', brackets: bracketsOf(tables.BTCUSDT_2021_03 ?? [], 'notional_cap') },
    { symbol: 'ETHUSDT', brackets: bracketsOf(tables.ETHUSDT_circa_2021 ?? [], 'notional_cap', 'cum') },
  ];
  const btc = binanceUsdm.market(payload, { symbol: 'BTCUSDT' });
  const eth = binanceUsdm.market(payload, { symbol: 'ETHUSDT' });
  const account = {
    collateral: '1535443.01',
    positions: [
      { market: btc, side: 'long', size: '109.488', entryPrice: '32481.98', markPrice: '31967.27' },
      { market: eth, side: 'long', size: '3683.979', entryPrice: '1456.84', markPrice: '1335.18' },
    ],
  } as const;

  it('cross FAQ: BTCUSDT 26,316.89 and ETHUSDT 1,153.26; MM 71,200.81144', () => {
    expect(btc.settle).toBe('USDT');
    expect(crossLiquidationPrice(account, 'BTCUSDT').below?.toFixed(2)).toBe(
      published('binance-usdm-cross-oneway-btcusdt-1').liquidation_price_BTCUSDT,
    );
    expect(crossLiquidationPrice(account, 'ETHUSDT').below?.toFixed(2)).toBe(
      published('binance-usdm-cross-oneway-ethusdt-1').liquidation_price_ETHUSDT,
    );
    // The FAQ's notional 3,500,032.458 is rounded; its MM uses the exact 109.488 × 31,967.27.
    expect(maintenanceMargin(btc.tiers as never, new Big('109.488').times('31967.27')).toFixed(5)).toBe(
      published('binance-usdm-mm-btcusdt-1').maintenance_margin_USDT,
    );
  });

  it('2024 BTCUSDT leverageBracket snapshot: the cum Binance sends equals the recurrence', () => {
    const rows = vector('binance-usdm-bracket-table-btcusdt-2024').inputs.tier_table as Record<string, string>[];
    published('binance-usdm-bracket-table-btcusdt-2024');
    const market = binanceUsdm.market({ symbol: 'BTCUSDT', brackets: rows }, {});
    expect(market.symbol).toBe('BTCUSDT');
    expect(market.tiers.tiers.map((t) => t.maintenanceAmount.toString())).toEqual(rows.map((r) => r.cum));
    expect(market.closeFee).toBeNull();
    // Binance leaves the fee to close out of the requirement: a fee given would be silently ignored.
    expectLiqMathErrorMessage(
      () => binanceUsdm.market({ symbol: 'BTCUSDT', brackets: rows }, { takerFeeRate: '0.0004' } as never),
      'UNKNOWN_FIELD',
      'options.takerFeeRate',
      'options.takerFeeRate: got "0.0004"; allowed: no takerFeeRate: Binance USDⓈ-M futures does not count a fee to close in the maintenance requirement [UNKNOWN_FIELD]',
    );
  });

  it('COIN-M: 100 contracts of 100 USD at 25,000 → MM 0.0016 BTC; level-5 cum 1.81 derived', () => {
    const market = binanceCoinm.market(
      {
        pair: 'BTCUSD',
        brackets: [
          { bracket: 1, qtyFloor: 0, qtyCap: 5, maintMarginRatio: '0.004', initialLeverage: 125, cum: 0 },
          { bracket: 2, qtyFloor: 5, qtyCap: 10, maintMarginRatio: '0.005', initialLeverage: 100, cum: '0.005' },
          { bracket: 3, qtyFloor: 10, qtyCap: 20, maintMarginRatio: '0.01', initialLeverage: 50, cum: '0.055' },
          { bracket: 4, qtyFloor: 20, qtyCap: 50, maintMarginRatio: '0.025', initialLeverage: 20, cum: '0.355' },
          { bracket: 5, qtyFloor: 50, qtyCap: 100, maintMarginRatio: '0.05', initialLeverage: 10 },
        ],
      },
      { contractSize: 100 },
    );
    expect(market.settle).toBe('BTC');
    expect(
      isolatedRequirement(market, { side: 'long', size: 100, entryPrice: 25000, margin: 1 }, 25000).toString(),
    ).toBe(published('binance-coinm-mm-1').maintenance_margin_BTC);
    // The old page's level 4 cum was 0.56; ours derives 0.355 from these caps, so check the step alone.
    const cum5 = market.tiers.tiers[4]?.maintenanceAmount as Big;
    const cum4 = market.tiers.tiers[3]?.maintenanceAmount as Big;
    expect(cum5.minus(cum4).toString()).toBe('1.25');
    expect(new Big('0.56').plus(cum5.minus(cum4)).toString()).toBe(
      published('binance-coinm-cum-level5-old').cum_level5_BTC,
    );
  });

  it('requires the COIN-M contract size', () => {
    expectLiqMathErrorMessage(
      () => binanceCoinm.market({ pair: 'BTCUSD', brackets: [] }, {} as never),
      'MISSING_FIELD',
      'options.contractSize',
      'options.contractSize: got undefined; allowed: the contract size in USD (100 for BTCUSD, 10 for others) [MISSING_FIELD]',
    );
  });
});

describe('Binance leverageBracket', () => {
  it('round trip: the 2024 BTCUSDT payload gives the same table as the published vector', () => {
    const table = tiersFromBinanceBrackets({ symbol: 'BTCUSDT', brackets: binanceBtcusdt2024Brackets() });
    expect(tierRows(table)).toEqual(tierRows(binance2024));
    expect(checkMaintenanceAmounts(table)).toEqual([]);
    expect(
      tierRows(tiersFromBinanceBrackets([binanceBtcusdt2024, { symbol: 'ETHUSDT', brackets: [] }], 'BTCUSDT')),
    ).toEqual(tierRows(binance2024));
  });

  it('reads numbers sent as strings exactly, and a 9.2e18 last cap as unbounded', () => {
    const rows = binanceBtcusdt2024Brackets().map((b) =>
      Object.fromEntries(Object.entries(b).map(([k, v]) => [k, String(v)])),
    );
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

  const broken: [string, (rows: Record<string, unknown>[]) => void, LiqMathErrorCode, string, string][] = [
    [
      'a missing field',
      (r) => delete r[3]?.maintMarginRatio,
      'MISSING_FIELD',
      'brackets[3].maintMarginRatio',
      'brackets[3].maintMarginRatio: got undefined; allowed: a value (this field is required) [MISSING_FIELD]',
    ],
    [
      'a wrong type',
      (r) => ((r[3] as Record<string, unknown>).maintMarginRatio = 'x'),
      'INVALID_NUMBER',
      'brackets[3].maintMarginRatio',
      'brackets[3].maintMarginRatio: got "x"; allowed: a finite decimal number: a Big, a string like "0.004" or "1e-8", or a finite number [INVALID_NUMBER]',
    ],
    [
      'a gap',
      (r) => ((r[4] as Record<string, unknown>).notionalFloor = 12000001),
      'TIER_NOT_CONTIGUOUS',
      'brackets[4].notionalFloor',
      "brackets[4].notionalFloor: got 12000001; allowed: 12000000, the previous row's cap [TIER_NOT_CONTIGUOUS]",
    ],
    [
      'an overlap',
      (r) => ((r[4] as Record<string, unknown>).notionalFloor = 11000000),
      'TIER_NOT_CONTIGUOUS',
      'brackets[4].notionalFloor',
      "brackets[4].notionalFloor: got 11000000; allowed: 12000000, the previous row's cap [TIER_NOT_CONTIGUOUS]",
    ],
    [
      'a first floor above 0',
      (r) => ((r[0] as Record<string, unknown>).notionalFloor = 1),
      'TIER_NOT_CONTIGUOUS',
      'brackets[0].notionalFloor',
      "brackets[0].notionalFloor: got 1; allowed: 0, the previous row's cap [TIER_NOT_CONTIGUOUS]",
    ],
    [
      'unsorted rows',
      (r) => r.reverse(),
      'TIER_NOT_CONTIGUOUS',
      'brackets[0].notionalFloor',
      "brackets[0].notionalFloor: got 1200000000; allowed: 0, the previous row's cap [TIER_NOT_CONTIGUOUS]",
    ],
    [
      'a rate above 1',
      (r) => ((r[2] as Record<string, unknown>).maintMarginRatio = 2),
      'RATE_OUT_OF_RANGE',
      'brackets[2].maintMarginRatio',
      'brackets[2].maintMarginRatio: got 2; allowed: a rate greater than 0 and at most 1 [RATE_OUT_OF_RANGE]',
    ],
    [
      'leverage rising',
      (r) => ((r[5] as Record<string, unknown>).initialLeverage = 30),
      'TIER_LEVERAGE_INCREASING',
      'brackets[5].initialLeverage',
      'brackets[5].initialLeverage: got 30; allowed: at most the previous max leverage 25 [TIER_LEVERAGE_INCREASING]',
    ],
    [
      'a row that is not an object',
      (r) => (r[1] = 7 as unknown as Record<string, unknown>),
      'INVALID_TYPE',
      'brackets[1]',
      'brackets[1]: got 7; allowed: a tier row object [INVALID_TYPE]',
    ],
  ];
  it.each(broken)('%s → %s at the payload path', (_name, breakIt, code, field, message) => {
    const rows = binanceBtcusdt2024Brackets();
    breakIt(rows);
    expectLiqMathErrorMessage(() => tiersFromBinanceBrackets({ brackets: rows }), code, field, message);
  });

  it('several symbols need a symbol; an unknown one is refused', () => {
    const two = [binanceBtcusdt2024, { symbol: 'ETHUSDT', brackets: binanceBtcusdt2024Brackets() }];
    expectLiqMathErrorMessage(
      () => tiersFromBinanceBrackets(two),
      'MISSING_FIELD',
      'symbol',
      'symbol: got undefined; allowed: the symbol to read, since the payload holds several [MISSING_FIELD]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromBinanceBrackets(two, 'SOLUSDT'),
      'UNKNOWN_SYMBOL',
      'symbol',
      'symbol: got "SOLUSDT"; allowed: a symbol present in the payload [UNKNOWN_SYMBOL]',
    );
  });
});

ledger.checkClaims([binanceUsdm, binanceCoinm] as never);
