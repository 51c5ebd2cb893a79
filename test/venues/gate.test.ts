/**
 * Gate through gateUsdt: real positions' liq_price reproduced through the object (maintenance and
 * the taker fee at the mark, shown to the nearest tick), the risk-limit tiers adapter, the dates.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  gateUsdt,
  isolatedLiquidationPrice,
  maintenanceMargin,
  roundLiquidationPrice,
  tiersFromGateRiskLimitTiers,
} from '../../src/index.js';
import { expectLiqMathError } from '../helpers.js';
import { evidenceLedger } from './evidence.js';

const ledger = evidenceLedger('gate');

const oneTier = (contract: string, rate: string, leverage = '50') => [
  {
    contract,
    tier: 1,
    risk_limit: '500000',
    initial_rate: new Big(1).div(leverage).toString(),
    maintenance_rate: rate,
    leverage_max: leverage,
  },
];

describe('Gate positions through gateUsdt', () => {
  it('LTC_USDT (ccxt fixture, 2024): liq_price 60.07, the nearest 0.01 to 60.0699899', () => {
    const v = ledger.vector('gate-usdt-payload-ccxt-static-ltc-2024');
    const i = v.inputs;
    const market = gateUsdt.asOf('2024-01-12').market(oneTier('LTC_USDT', i.maintenance_rate as string), {
      contractSize: i.quanto_multiplier as string,
      takerFeeRate: '0.00075',
      tickSize: '0.01',
    });
    const price = isolatedLiquidationPrice(market, {
      side: 'long',
      size: i.size as string,
      entryPrice: i.entry_price as string,
      margin: i.margin as string,
    }) as Big;
    expect(price.toFixed(7)).toBe('60.0699899');
    expect(roundLiquidationPrice(market, 'long', price).toString()).toBe(v.expected.liquidationPrice);
  });

  it('ADA_USDT (ccxt, 2022): 0.77237 to the nearest 0.00001 (rounding down would give 0.77236)', () => {
    const v = ledger.vector('gate-usdt-payload-ccxt-pr13130-ada-2022');
    const i = v.inputs;
    const market = gateUsdt
      .asOf('2022-06-01')
      .market(oneTier('ADA_USDT', i.maintenanceMarginPercentage as string, '20'), {
        contractSize: i.contractSize as string,
        takerFeeRate: '0.00075',
        tickSize: '0.00001',
      });
    const price = isolatedLiquidationPrice(market, {
      side: 'long',
      size: i.contracts as string,
      entryPrice: i.entryPrice as string,
      margin: i['collateral(margin)'] as string,
    }) as Big;
    expect(roundLiquidationPrice(market, 'long', price).toString()).toBe(v.expected.liquidationPrice);
  });
});

describe('Gate tiers and dates', () => {
  const rows = [
    { tier: 1, risk_limit: '1000000', initial_rate: '0.008', maintenance_rate: '0.004', leverage_max: '125' },
    { tier: 2, risk_limit: '2000000', initial_rate: '0.012', maintenance_rate: '0.008', leverage_max: '83.33' },
  ];

  it('tiered (deduction) since 2025-07-29, flat before; the current method is the tiered one', () => {
    const options = { symbol: 'BTC_USDT', contractSize: '0.0001', takerFeeRate: '0.0005' };
    expect(gateUsdt.asOf('2025-07-29')).toBe(gateUsdt);
    expect(gateUsdt.asOf('2025-07-28').effectiveUntil).toBe('2025-07-29');
    expect(maintenanceMargin(gateUsdt.market(rows, options).tiers, 1200000).toString()).toBe('5600');
    expect(maintenanceMargin(gateUsdt.asOf('2025-07-28').market(rows, options).tiers, 1200000).toString()).toBe('9600');
    expect(tiersFromGateRiskLimitTiers(rows).tiers[1]?.maintenanceAmount.toString()).toBe('4000');
  });

  it('needs the taker fee and the multiplier; a list of several contracts needs the symbol', () => {
    expectLiqMathError(
      () => gateUsdt.market(rows, { symbol: 'BTC_USDT', contractSize: '0.0001' } as never),
      'MISSING_FIELD',
      'options.takerFeeRate',
    );
    expectLiqMathError(
      () => gateUsdt.market(rows, { symbol: 'BTC_USDT', takerFeeRate: '0.0005' } as never),
      'MISSING_FIELD',
      'options.contractSize',
    );
    const several = [...rows.map((row) => ({ ...row, contract: 'BTC_USDT' })), { ...rows[0], contract: 'ETH_USDT' }];
    expectLiqMathError(
      () => gateUsdt.market(several, { contractSize: 1, takerFeeRate: 0 }),
      'MISSING_FIELD',
      'options.symbol',
    );
    expect(gateUsdt.market(several, { symbol: 'ETH_USDT', contractSize: 1, takerFeeRate: 0 }).symbol).toBe('ETH_USDT');
  });
});

ledger.checkClaims([gateUsdt] as never);
