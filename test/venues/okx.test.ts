/**
 * OKX through okxSwap: real isolated positions' `liqPx`, which OKX shows as the exact price moved
 * one tick toward the mark and printed as a binary double (15–17 significant digits).
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  isolatedLiquidationPrice,
  isolatedRequirement,
  okxInverseSwap,
  okxSwap,
  roundLiquidationPrice,
  tiersFromOkxPositionTiers,
} from '../../src/index.js';
import { evidenceLedger } from './evidence.js';
import { expectLiqMathErrorMessage, fixture } from './fixtures.js';

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
      const price = isolatedLiquidationPrice(market, {
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

describe('OKX position-tiers adapter and okxSwap', () => {
  const payload = fixture<Record<string, unknown>>('okx-position-tiers-swap.json');

  it('round trip: contract-keyed flat tiers, minSz = previous maxSz + 1 accepted', () => {
    const table = tiersFromOkxPositionTiers(payload as never, 'CHZ-USDT');
    expect([table.basis, table.method]).toEqual(['contracts', 'flat']);
    expect(
      table.tiers.map((t) => [
        t.floor.toString(),
        t.cap?.toString(),
        t.maintenanceMarginRate.toString(),
        t.maxLeverage.toString(),
      ]),
    ).toEqual([
      ['0', '5000', '0.01', '75'],
      ['5000', '7500', '0.015', '50'],
      ['7500', '22500', '0.02', '40'],
      ['22500', '37500', '0.025', '30'],
    ]);
    // 6,000 contracts (tier 2) worth 0.1 USDT each at 0.1: the whole 600 at 1.5%, plus the 0.05% taker fee.
    const market = okxSwap.market(payload as never, { contractSize: 10, takerFeeRate: '0.0005' });
    expect(market.settle).toBe('USDT');
    expect(
      isolatedRequirement(market, { side: 'long', size: 6000, entryPrice: '0.01', margin: 100 }, '0.01').toString(),
    ).toBe('9.3');
    expect(
      okxInverseSwap.market(
        { data: [{ instFamily: 'BTC-USD', minSz: '0', maxSz: '100', mmr: '0.005', maxLever: '100' }] },
        { contractSize: 100, takerFeeRate: '0.0005' },
      ).settle,
    ).toBe('BTC');
  });

  it('malformed payloads: each path named', () => {
    const data = (payload as { data: Record<string, unknown>[] }).data;
    const edit = (k: number, change: Record<string, unknown>) => ({
      data: data.map((row, i) => (i === k ? { ...row, ...change } : row)),
    });
    expectLiqMathErrorMessage(
      () => tiersFromOkxPositionTiers(edit(2, { minSz: '7600' }) as never),
      'TIER_NOT_CONTIGUOUS',
      'data[2].minSz',
      `data[2].minSz: got "7600"; allowed: 7500, the previous row's cap or that plus 1 [TIER_NOT_CONTIGUOUS]`,
    );
    expectLiqMathErrorMessage(
      () => tiersFromOkxPositionTiers(edit(1, { mmr: '0.005' }) as never),
      'TIER_RATE_DECREASING',
      'data[1].mmr',
      'data[1].mmr: got "0.005"; allowed: at least the previous rate 0.01 [TIER_RATE_DECREASING]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromOkxPositionTiers(edit(3, { maxLever: '' }) as never),
      'INVALID_NUMBER',
      'data[3].maxLever',
      'data[3].maxLever: got ""; allowed: a finite decimal number: a Big, a string like "0.004" or "1e-8", or a finite number [INVALID_NUMBER]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromOkxPositionTiers(edit(0, { maxSz: undefined }) as never),
      'MISSING_FIELD',
      'data[0].maxSz',
      'data[0].maxSz: got undefined; allowed: a value (this field is required) [MISSING_FIELD]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromOkxPositionTiers(payload as never, 'BTC-USDT'),
      'UNKNOWN_SYMBOL',
      'symbol',
      'symbol: got "BTC-USDT"; allowed: an instrument family present in the tiers [UNKNOWN_SYMBOL]',
    );
    expectLiqMathErrorMessage(
      () => tiersFromOkxPositionTiers({ data: [...data, { ...data[0], instFamily: 'X-USDT' }] } as never),
      'MISSING_FIELD',
      'symbol',
      'symbol: got undefined; allowed: the instrument family to read, since the list holds several [MISSING_FIELD]',
    );
    expectLiqMathErrorMessage(
      () => okxSwap.market(payload as never, { takerFeeRate: '0.0005' } as never),
      'MISSING_FIELD',
      'options.contractSize',
      "options.contractSize: got undefined; allowed: the contract value (the instrument's ctVal) [MISSING_FIELD]",
    );
    expectLiqMathErrorMessage(
      () => okxSwap.market(payload as never, { contractSize: 10 } as never),
      'MISSING_FIELD',
      'options.takerFeeRate',
      'options.takerFeeRate: got undefined; allowed: the taker fee rate OKX USDT-margined perpetual swap charges to close [MISSING_FIELD]',
    );
  });
});

describe('OKX inverse swap: evidence', () => {
  ledger.checkClaims([okxInverseSwap] as never);
});
