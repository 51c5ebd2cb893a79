/**
 * Kraken Futures through krakenInverse / krakenLinear: the equity-protection example (maintenance
 * valued at the liquidation price), the instruments adapter (levels by contracts or by USD).
 */
import type Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
  krakenInverse,
  krakenLinear,
  roundToIncrement,
  tiersFromKrakenInstrument,
} from '../../src/index.js';
import { expectLiqMathError } from '../helpers.js';
import { evidenceLedger } from './evidence.js';

const ledger = evidenceLedger('kraken');

const instruments = {
  result: 'success',
  instruments: [
    {
      symbol: 'PI_XBTUSD',
      type: 'futures_inverse',
      tickSize: 0.5,
      contractSize: 1,
      marginLevels: [
        { contracts: 0, initialMargin: 0.02, maintenanceMargin: 0.01 },
        { contracts: 500000, initialMargin: 0.04, maintenanceMargin: 0.02 },
        { contracts: 1000000, initialMargin: 0.06, maintenanceMargin: 0.03 },
      ],
    },
    {
      symbol: 'PF_XBTUSD',
      type: 'flexible_futures',
      tickSize: 1,
      contractSize: 1,
      marginLevels: [
        { numNonContractUnits: 0, initialMargin: 0.02, maintenanceMargin: 0.01 },
        { numNonContractUnits: 500000, initialMargin: 0.04, maintenanceMargin: 0.02 },
      ],
    },
  ],
};

describe('Kraken through krakenInverse', () => {
  it('the Equity Protection Process example: 1,000 contracts long at 8,000 with 0.01 XBT, liquidation 7,481, bankruptcy 7,407', () => {
    const v = ledger.vector('kraken-pi-xbtusd-example-epp-7481');
    const market = krakenInverse.market(instruments, { symbol: 'PI_XBTUSD' });
    const position = {
      side: 'long',
      size: v.inputs.contracts as string,
      entryPrice: v.inputs.entry_price as string,
      margin: v.inputs.margin_btc as string,
    } as const;
    const liquidation = isolatedLiquidationPrice(market, position) as Big;
    const bankrupt = isolatedBankruptcyPrice(market, position) as Big;
    // 202000/27 and 200000/27: the page prints whole dollars.
    expect([liquidation.toFixed(6), bankrupt.toFixed(6)]).toEqual(['7481.481481', '7407.407407']);
    expect(roundToIncrement(liquidation, 1, 'down').toString()).toBe(v.expected.liquidationPrice);
    expect(roundToIncrement(bankrupt, 1, 'down').toString()).toBe(v.expected.bankruptcyPrice);
  });

  it('levels by contracts (inverse) or USD value (flexible), read by type; the wrong type is refused', () => {
    const inverse = tiersFromKrakenInstrument(instruments, 'PI_XBTUSD');
    expect([inverse.basis, inverse.method, inverse.tiers.length, inverse.tiers[2]?.cap]).toEqual([
      'contracts',
      'flat',
      3,
      null,
    ]);
    expect(inverse.tiers[1]?.maxLeverage.toString()).toBe('25');
    const linear = krakenLinear.market(instruments, { symbol: 'PF_XBTUSD' });
    expect([linear.tiers.basis, linear.settle, linear.tickSize?.toString()]).toEqual(['notional', 'USD', '1']);
    expectLiqMathError(
      () => krakenLinear.market(instruments, { symbol: 'PI_XBTUSD' }),
      'INVALID_OPTION',
      'instruments[0].type',
    );
    expectLiqMathError(
      () =>
        tiersFromKrakenInstrument({
          type: 'futures_inverse',
          marginLevels: [{ contracts: 0, initialMargin: 2, maintenanceMargin: 0.01 }],
        }),
      'RATE_OUT_OF_RANGE',
      'instrument.marginLevels[0].initialMargin',
    );
  });
});

ledger.checkClaims([krakenInverse, krakenLinear] as never);
