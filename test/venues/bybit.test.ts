/**
 * Bybit unified trading account through bybitLinearUta: real positions from before and after
 * 2025-09-02 reproduced through the dated methods (the fee to close on the bankruptcy value, a
 * constant the margin holds; maintenance at entry before, at the mark since).
 */
import type Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { bybitLinearUta, isolatedRequirement, liquidationPrice, roundLiquidationPrice } from '../../src/index.js';
import { evidenceLedger } from './evidence.js';

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
    expect(roundLiquidationPrice(market, 'long', liquidationPrice(market, position) as Big).toString()).toBe(
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
    expect(liquidationPrice(now, position)?.toString()).toBe(v.expected.liqPriceByMp);
    expect(isolatedRequirement(now, position, i.markPrice as string).toString()).toBe(v.expected.positionMMByMp);
    const before = bybitLinearUta.asOf('2025-09-01').market(payload, { takerFeeRate: '0.00055', tickSize: '0.0001' });
    expect(roundLiquidationPrice(before, 'long', liquidationPrice(before, position) as Big).toString()).toBe(
      v.expected.liqPrice,
    );
    expect(isolatedRequirement(before, position, i.markPrice as string).toString()).toBe(v.expected.positionMM);
  });
});

ledger.checkClaims([bybitLinearUta] as never);
