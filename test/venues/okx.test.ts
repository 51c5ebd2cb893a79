/**
 * OKX through okxSwap: real isolated positions' `liqPx`, which OKX shows as the exact price moved
 * one tick toward the mark and printed as a binary double (15–17 significant digits).
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { liquidationPrice, okxSwap, roundLiquidationPrice } from '../../src/index.js';
import { evidenceLedger } from './evidence.js';

const ledger = evidenceLedger('okx');

const tiers = (family: string, mmr: string) => ({
  data: [{ instFamily: family, tier: '1', minSz: '0', maxSz: '1000000', mmr, imr: '0.01', maxLever: '100' }],
});

/** A double's digits: OKX prints a float64, so compare 15 significant digits. */
const digits = (value: Big | string) => new Big(value).toPrecision(15);

describe('OKX positions through okxSwap', () => {
  for (const [id, family, ctVal, tick] of [
    ['okx-swap-isolated-gh47357342973-eth-usdt-swap', 'ETH-USDT', '0.1', '0.01'],
    ['okx-swap-isolated-gh70149420508-ada-usdt-swap', 'ADA-USDT', '100', '0.0001'],
  ] as const) {
    it(`${id}: liqPx is the exact price a tick toward the mark`, () => {
      const v = ledger.vector(id);
      const i = v.inputs;
      const model = (v as unknown as { check: { model: { MMR: string } } }).check.model;
      const market = okxSwap.market(tiers(family, model.MMR), {
        contractSize: ctVal,
        takerFeeRate: '0.0005',
        tickSize: tick,
      });
      const size = new Big(i.pos as string);
      const side = i.posSide === 'short' || size.lt(0) ? 'short' : 'long';
      const price = liquidationPrice(market, {
        side,
        size: size.abs().toString(),
        entryPrice: i.avgPx as string,
        margin: i.margin as string,
      }) as Big;
      expect(digits(roundLiquidationPrice(market, side, price))).toBe(digits(v.expected.liquidationPrice as string));
    });
  }
});

ledger.checkClaims([okxSwap] as never);
