/**
 * ccxt fetchLeverageTiers through tiersFromCcxt: Binance's 2024 BTCUSDT brackets in ccxt's unified
 * shape give the published table, an open last tier is unbounded, and errors name the ccxt path.
 */
import { describe, expect, it } from 'vitest';
import { tiersFromCcxt } from '../../src/index.js';
import { binance2024 } from '../helpers.js';
import { binanceBtcusdt2024, expectLiqMathErrorMessage, tierRows } from './fixtures.js';

describe('ccxt fetchLeverageTiers', () => {
  const ccxtTiers = () =>
    binanceBtcusdt2024.brackets.map((b, k) => ({
      tier: k + 1,
      currency: 'USDT',
      minNotional: b.notionalFloor as number,
      maxNotional: b.notionalCap as number,
      maintenanceMarginRate: b.maintMarginRatio as number,
      maxLeverage: b.initialLeverage as number,
      info: b,
    }));

  it('round trip: same rates as the vector, amounts derived (and equal to Binance’s cum)', () => {
    expect(tierRows(tiersFromCcxt(ccxtTiers()))).toEqual(tierRows(binance2024));
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
    expectLiqMathErrorMessage(
      () => tiersFromCcxt(tiers),
      'LEVERAGE_OUT_OF_RANGE',
      'tiers[2].maxLeverage',
      'tiers[2].maxLeverage: got 0; allowed: a leverage of at least 1 [LEVERAGE_OUT_OF_RANGE]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromCcxt([]),
      'TIERS_EMPTY',
      'tiers',
      'tiers: got an array of length 0; allowed: at least one tier row [TIERS_EMPTY]',
    );
  });
});
