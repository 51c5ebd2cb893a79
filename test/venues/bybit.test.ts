/**
 * Bybit unified trading account through bybitLinearUta: real positions from before and after
 * 2025-09-02 reproduced through the dated methods (the fee to close on the bankruptcy value, a
 * constant the margin holds; maintenance at entry before, at the mark since).
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  bybitInverse,
  bybitInverseUta,
  bybitLinear,
  bybitLinearUta,
  initialMargin,
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
  isolatedRequirement,
  maintenanceMargin,
  roundLiquidationPrice,
  tiersFromBybitRiskLimit,
} from '../../src/index.js';
import { evidenceLedger } from './evidence.js';
import { expectLiqMathErrorMessage, fixture } from './fixtures.js';

const ledger = evidenceLedger('bybit');

const riskLimit = (symbol: string, value: string, rate: string, leverage: string) => ({
  list: [
    {
      id: 1,
      symbol,
      riskLimitValue: value,
      maintenanceMargin: rate,
      initialMargin: '',
      maxLeverage: leverage,
      mmDeduction: '',
    },
  ],
});

describe('Bybit UTA positions through bybitLinearUta', () => {
  it('2025-04 (before the change): positionMM 13.45313904 at entry, liqPrice 60326.3', () => {
    const v = ledger.vector('bybit-uta-linear-isolated-payload-2025-04-btcusdt-long-5x');
    const i = v.inputs;
    const venue = bybitLinearUta.asOf(new Date(Number(i.createdTime)));
    expect(venue.effectiveUntil).toBe('2025-09-02');
    const market = venue.market(riskLimit('BTCUSDT', '2000000', '0.005', '100'), {
      takerFeeRate: '0.00055',
      tickSize: '0.1',
    });
    const position = {
      side: 'long',
      size: i.size as string,
      entryPrice: i.avgPrice as string,
      margin: i.positionBalance as string,
    } as const;
    // Bybit prints margins at 8 places.
    expect(
      isolatedRequirement(market, position, i.markPrice as string)
        .round(8, 1)
        .toString(),
    ).toBe(v.expected.positionMM);
    expect(roundLiquidationPrice(market, 'long', isolatedLiquidationPrice(market, position) as Big).toString()).toBe(
      v.expected.liqPrice,
    );
  });

  it('2025-09 (after): liqPriceByMp 0.744 and positionMMByMp 85.12108 at the mark; liqPrice 0.7448 by the method before', () => {
    const v = ledger.vector('bybit-uta-linear-isolated-payload-2025-09-bymp-fields-long-10x');
    const i = v.inputs;
    const payload = riskLimit('XUSDT', '200000', '0.01', '50');
    const position = {
      side: 'long',
      size: 10000,
      entryPrice: i.avgPrice as string,
      margin: i.positionBalance as string,
    } as const;
    const now = bybitLinearUta
      .asOf(new Date(Number(i.createdTime)))
      .market(payload, { takerFeeRate: '0.00055', tickSize: '0.0001' });
    expect(isolatedLiquidationPrice(now, position)?.toString()).toBe(v.expected.liqPriceByMp);
    expect(isolatedRequirement(now, position, i.markPrice as string).toString()).toBe(v.expected.positionMMByMp);
    const before = bybitLinearUta.asOf('2025-09-01').market(payload, { takerFeeRate: '0.00055', tickSize: '0.0001' });
    expect(roundLiquidationPrice(before, 'long', isolatedLiquidationPrice(before, position) as Big).toString()).toBe(
      v.expected.liqPrice,
    );
    expect(isolatedRequirement(before, position, i.markPrice as string).toString()).toBe(v.expected.positionMM);
  });
});

ledger.checkClaims([bybitLinearUta] as never);

// Classic accounts (bybitLinear / bybitInverse), the inverse UTA, and the risk-limit adapter.

/** The expected figures of a published example (published.json), registered as reproduced. */
const published = (id: string) => ledger.published(id).expected;

const bybitOne = (symbol: string, cap: string) => ({
  list: [
    {
      id: 1,
      symbol,
      riskLimitValue: cap,
      maintenanceMargin: '0.005',
      initialMargin: '0.01',
      maxLeverage: '100',
      mmDeduction: '',
    },
  ],
});

describe('Bybit through bybitLinear / bybitInverse', () => {
  const linear = bybitLinear.market(bybitOne('BTCUSDT', '2000000'), {});

  it('classic USDT isolated: 9,850; 8,160; 19,700 (MM at entry 100); 19,900 after funding; bankruptcy 9,800', () => {
    expect(linear.maintenanceAt).toBe('entry');
    expect(linear.closeFee).toBeNull();
    expect(
      isolatedLiquidationPrice(linear, { side: 'long', size: 1, entryPrice: 10000, leverage: 50 })?.toString(),
    ).toBe(published('bybit-usdt-isolated-long-old').liquidation_price_USDT);
    expect(
      isolatedLiquidationPrice(linear, { side: 'short', size: 1, entryPrice: 8000, leverage: 40 })?.toString(),
    ).toBe(published('bybit-usdt-isolated-short-old').liquidation_price_USDT);
    const position = { side: 'long', size: 1, entryPrice: 20000, leverage: 50 } as const;
    expect(isolatedRequirement(linear, position, 20000).toString()).toBe(
      published('bybit-usdt-isolated-long-new').maintenance_margin_USDT,
    );
    expect(isolatedLiquidationPrice(linear, position)?.toString()).toBe('19700');
    expect(
      isolatedLiquidationPrice(linear, { side: 'long', size: 1, entryPrice: 20000, margin: 200 })?.toString(),
    ).toBe(published('bybit-usdt-isolated-long-funding-deducted').liquidation_price_USDT);
    expect(
      isolatedBankruptcyPrice(linear, { side: 'long', size: 1, entryPrice: 10000, leverage: 50 })?.toString(),
    ).toBe(published('bybit-usdt-bankruptcy-isolated').bankruptcy_price_USDT);
  });

  it('classic order cost: with the taker fee, margin 207.35 goes bankrupt at 9,800 and the fee to close is 7.35', () => {
    const expected = published('bybit-usdt-order-cost-fee-to-close');
    const withFee = bybitLinear.market(bybitOne('BTCUSDT', '2000000'), { takerFeeRate: '0.00075' });
    const bankrupt = isolatedBankruptcyPrice(withFee, {
      side: 'long',
      size: 1,
      entryPrice: 10000,
      margin: '207.35',
    }) as Big;
    expect(bankrupt.toString()).toBe(expected.bankruptcy_price_USDT);
    expect(bankrupt.times('0.00075').toString()).toBe(expected.fee_to_close_USDT);
  });

  it('classic inverse cross, one position: bankruptcy 5,718.57; liquidation 5,739.50 on the 0.5 tick', () => {
    const market = bybitInverse.market(bybitOne('BTCUSD', '150'), { tickSize: '0.5', takerFeeRate: '0.00075' });
    expect(market.settle).toBe('BTC');
    const position = { side: 'long', size: 10000, entryPrice: 8000, margin: '0.5' } as const;
    expect(isolatedBankruptcyPrice(market, position)?.toFixed(2)).toBe(
      published('bybit-inverse-cross-bankruptcy-1').bankruptcy_price_USD,
    );
    const exact = isolatedLiquidationPrice(market, position) as Big;
    expect(bybitInverse.priceRounding).toBe('toward-mark');
    expect(roundLiquidationPrice(market, 'long', exact).toFixed(2)).toBe(
      published('bybit-inverse-cross-liq-1').liquidation_price_USD,
    );
  });

  it('tax-bracket risk limits: 25 XYZ → MM 0.45 (deductions derived from empty mmDeduction)', () => {
    const market = bybitInverse.market(
      {
        list: [
          {
            id: 1,
            symbol: 'XYZUSD',
            riskLimitValue: '10',
            maintenanceMargin: '0.01',
            maxLeverage: '50',
            mmDeduction: '',
          },
          {
            id: 2,
            symbol: 'XYZUSD',
            riskLimitValue: '20',
            maintenanceMargin: '0.02',
            maxLeverage: '25',
            mmDeduction: '',
          },
          {
            id: 3,
            symbol: 'XYZUSD',
            riskLimitValue: '30',
            maintenanceMargin: '0.03',
            maxLeverage: '20',
            mmDeduction: '',
          },
        ],
      },
      {},
    );
    expect(maintenanceMargin(market.tiers as never, 25).toString()).toBe(
      published('bybit-inverse-tiered-mm-1').maintenance_margin_XYZ,
    );
  });

  it('UTA: the fee to close on the bankruptcy value (rate optional); maintenance at entry before 2025-09-02, at the mark since; IM 0.12 BTC', () => {
    const payload = bybitOne('BTCUSD', '150');
    for (const venue of [bybitInverseUta, bybitInverseUta.asOf('2025-08-01')]) {
      const market = venue.market(payload, { takerFeeRate: '0.00055' });
      expect([market.closeFee?.on, market.closeFee?.rate.toString()]).toEqual(['bankruptcy', '0.00055']);
      const expected = published('bybit-uta-inverse-isolated-partial');
      const value = new Big(60000).div(50000);
      expect(value.toString()).toBe(expected.position_value_BTC);
      expect(initialMargin(market.tiers as never, value.toString(), 10).toString()).toBe(expected.initial_margin_BTC);
    }
    expect(bybitInverseUta.market(payload, {}).maintenanceAt).toBe('price');
    expect(bybitInverseUta.asOf('2025-09-01').market(payload, {}).maintenanceAt).toBe('entry');
    expect(bybitInverseUta.asOf('2025-09-02')).toBe(bybitInverseUta);
    expect(bybitLinearUta.market(bybitOne('BTCUSDT', '2000000'), {}).closeFee).toBeNull();
  });
});

describe('Bybit risk-limit adapter (GET /v5/market/risk-limit)', () => {
  const payload = fixture<Record<string, unknown>>('bybit-risk-limit-linear.json');

  it('round trip: caps, rates, leverages and deductions as sent; empty deductions derived', () => {
    const table = tiersFromBybitRiskLimit(payload as never, 'BTCUSDT');
    expect(
      table.tiers.map((t) => [
        t.cap?.toString(),
        t.maintenanceMarginRate.toString(),
        t.maxLeverage.toString(),
        t.maintenanceAmount.toString(),
      ]),
    ).toEqual([
      ['2000000', '0.005', '100', '0'],
      ['4000000', '0.01', '66.66', '10000'],
      ['6000000', '0.015', '50', '30000'],
    ]);
    const eth = tiersFromBybitRiskLimit(payload as never, 'ETHUSDT');
    expect(eth.tiers[1]?.maintenanceAmount.toString()).toBe('4500');
    expect(bybitLinear.market(payload as never, { symbol: 'ETHUSDT' }).settle).toBe('USDT');
  });

  it('malformed payloads: each path named with the payload index', () => {
    const list = (payload as { result: { list: Record<string, unknown>[] } }).result.list;
    const edit = (k: number, change: Record<string, unknown>) => ({
      result: { list: list.map((row, i) => (i === k ? { ...row, ...change } : row)) },
    });
    expectLiqMathErrorMessage(
      () => tiersFromBybitRiskLimit(payload as never),
      'MISSING_FIELD',
      'symbol',
      'symbol: got undefined; allowed: the symbol to read, since the list holds several [MISSING_FIELD]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromBybitRiskLimit(payload as never, 'SOLUSDT'),
      'UNKNOWN_SYMBOL',
      'symbol',
      'symbol: got "SOLUSDT"; allowed: a symbol present in the risk-limit list [UNKNOWN_SYMBOL]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromBybitRiskLimit(edit(4, { maintenanceMargin: 'x' }) as never, 'ETHUSDT'),
      'INVALID_NUMBER',
      'result.list[4].maintenanceMargin',
      'result.list[4].maintenanceMargin: got "x"; allowed: a finite decimal number: a Big, a string like "0.004" or "1e-8", or a finite number [INVALID_NUMBER]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromBybitRiskLimit(edit(1, { riskLimitValue: '1000000' }) as never, 'BTCUSDT'),
      'TIER_CAP_NOT_INCREASING',
      'result.list[1].riskLimitValue',
      'result.list[1].riskLimitValue: got "1000000"; allowed: a cap greater than the previous cap 2000000 [TIER_CAP_NOT_INCREASING]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromBybitRiskLimit(edit(2, { mmDeduction: '90000' }) as never, 'BTCUSDT'),
      'TIER_AMOUNT_EXCEEDS_MARGIN',
      'result.list[2].mmDeduction',
      'result.list[2].mmDeduction: got "90000"; allowed: at most floor × rate = 60000 [TIER_AMOUNT_EXCEEDS_MARGIN]',
    );
    // A percent where v5 sends a fraction ("0.5" for 0.5%) breaks rate ≤ 1/maxLeverage.
    expectLiqMathErrorMessage(
      () => tiersFromBybitRiskLimit(edit(0, { maintenanceMargin: '0.5' }) as never, 'BTCUSDT'),
      'TIER_RATE_ABOVE_INITIAL',
      'result.list[0].maintenanceMargin',
      'result.list[0].maintenanceMargin: got "0.5"; allowed: at most 1/maxLeverage = 1/100 [TIER_RATE_ABOVE_INITIAL]',
    );
    // The renamed error keeps the table's own as its cause.
    let caught: unknown;
    try {
      tiersFromBybitRiskLimit(edit(0, { maintenanceMargin: '0.5' }) as never, 'BTCUSDT');
    } catch (error) {
      caught = error;
    }
    expect(((caught as Error | undefined)?.cause as { field?: string } | undefined)?.field).toBe(
      'rows[0].maintenanceMarginRate',
    );
    expectLiqMathErrorMessage(
      () => tiersFromBybitRiskLimit(edit(0, { maxLeverage: undefined }) as never, 'BTCUSDT'),
      'MISSING_FIELD',
      'result.list[0].maxLeverage',
      'result.list[0].maxLeverage: got undefined; allowed: a value (this field is required) [MISSING_FIELD]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromBybitRiskLimit({ result: { list: 'none' } } as never),
      'INVALID_TYPE',
      'result.list',
      'result.list: got "none"; allowed: the list of risk limit rows [INVALID_TYPE]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromBybitRiskLimit({ result: { list: [] } } as never),
      'TIERS_EMPTY',
      'result.list',
      'result.list: got an array of length 0; allowed: at least one tier row [TIERS_EMPTY]',
    );
  });
});

describe('Bybit classic and inverse UTA: evidence', () => {
  ledger.checkClaims([bybitLinear, bybitInverse, bybitInverseUta] as never);
});
