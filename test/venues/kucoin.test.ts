/**
 * KuCoin through kucoinFutures: real positions from both periods reproduced through the object
 * (before 2025-05-22 the fee reserve and funding on the entry value; since, OKX's shape).
 */
import type Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
  isolatedRequirement,
  kucoinFutures,
  roundLiquidationPrice,
  roundToIncrement,
} from '../../src/index.js';
import { expectLiqMathError } from '../helpers.js';
import { evidenceLedger } from './evidence.js';

const ledger = evidenceLedger('kucoin');

const levels = (rate: string) => ({
  data: [
    {
      symbol: 'XBTUSDTM',
      level: 1,
      minRiskLimit: 0,
      maxRiskLimit: 500000,
      maxLeverage: 100,
      initialMargin: 0.01,
      maintainMargin: rate,
    },
  ],
});

describe('KuCoin through kucoinFutures', () => {
  it('2023 (before 2025-05-22): posMaint 0.12927722, liquidation 21567 (up to the tick), bankruptcy 21456 (KuCoin showed it down)', () => {
    const v = ledger.vector('kucoin-futures-linear-isolated-payload-2023-05-ccxt-17908-xbtusdtm-long-5x');
    const market = kucoinFutures.asOf('2023-05-13').market(levels('0.004'), {
      contractSize: '0.001',
      takerFeeRate: '0.0006',
      fundingRate: '0.0001',
      tickSize: '1',
    });
    expect([market.maintenanceAt, market.closeFee?.on]).toEqual(['entry', 'reserve']);
    const position = { side: 'long', size: 1, entryPrice: '26821', margin: v.expected.posMargin as string } as const;
    expect(isolatedRequirement(market, position, v.inputs.markPrice as string).toString()).toBe(v.expected.posMaint);
    expect(roundLiquidationPrice(market, 'long', isolatedLiquidationPrice(market, position) as Big).toString()).toBe(
      v.expected.liquidationPrice,
    );
    expect(roundToIncrement(isolatedBankruptcyPrice(market, position) as Big, 1, 'down').toString()).toBe(
      v.expected.bankruptPrice,
    );
  });

  it('2025 (since 2025-05-22): posMaint 0.552044022 at the mark, liquidation 100475.86, bankruptcy 100013.67', () => {
    const v = ledger.vector('kucoin-futures-linear-isolated-payload-2025-10-xbtusdtm-long-6x');
    const market = kucoinFutures.market(levels('0.004'), {
      contractSize: '0.001',
      takerFeeRate: '0.0006',
      tickSize: '0.01',
    });
    const position = {
      side: 'long',
      size: 1,
      entryPrice: v.inputs.avgEntryPrice as string,
      margin: v.inputs.posMargin as string,
    } as const;
    expect(isolatedRequirement(market, position, v.inputs.markPrice as string).toString()).toBe(v.expected.posMaint);
    expect(roundLiquidationPrice(market, 'long', isolatedLiquidationPrice(market, position) as Big).toString()).toBe(
      v.expected.liquidationPrice,
    );
    expect(roundLiquidationPrice(market, 'long', isolatedBankruptcyPrice(market, position) as Big).toString()).toBe(
      v.expected.bankruptPrice,
    );
  });

  it('2026 websocket short (unrounded): liquidation 70130.5725363, bankruptcy 70453.17317, posMaint 0.30799116', () => {
    const v = ledger.vector('kucoin-futures-linear-isolated-ws-payload-2026-02-xbtusdtm-short-50x');
    const market = kucoinFutures
      .asOf('2026-02-18')
      .market(levels('0.004'), { contractSize: '0.001', takerFeeRate: '0.0006' });
    const position = {
      side: 'short',
      size: 1,
      entryPrice: v.inputs.avgEntryPrice as string,
      margin: v.expected.posMargin as string,
    } as const;
    expect(isolatedLiquidationPrice(market, position)?.toFixed(7)).toBe(v.expected.liquidationPrice);
    expect(isolatedBankruptcyPrice(market, position)?.toString()).toBe(v.expected.bankruptPrice);
    expect(isolatedRequirement(market, position, v.inputs.markPrice as string).toString()).toBe(v.expected.posMaint);
  });

  it('funding is refused after 2025-05-22 (KuCoin dropped it); the multiplier is required', () => {
    expectLiqMathError(
      () =>
        kucoinFutures.market(levels('0.004'), { contractSize: '0.001', takerFeeRate: '0.0006', fundingRate: '0.0001' }),
      'UNKNOWN_FIELD',
      'options.fundingRate',
    );
    expectLiqMathError(
      () => kucoinFutures.market(levels('0.004'), { takerFeeRate: '0.0006' } as never),
      'MISSING_FIELD',
      'options.contractSize',
    );
  });
});

ledger.checkClaims([kucoinFutures] as never);
