/**
 * BitMEX through bitmexInverse / bitmexLinear / bitmexQuanto: real position payloads (posMaint,
 * liquidation and bankruptcy prices) reproduced through the venue objects, the risk-limit steps
 * of an instrument record, the fee reserve and the funding term.
 */
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  adlScore,
  binanceUsdm,
  bitmexInverse,
  bitmexLinear,
  bitmexQuanto,
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
  isolatedRequirement,
  roundLiquidationPrice,
  settleIsolatedLiquidation,
  tiersFromBitmexInstrument,
} from '../../src/index.js';
import { expectLiqMathError } from '../helpers.js';
import { evidenceLedger } from './evidence.js';
import { expectLiqMathErrorMessage } from './fixtures.js';

const ledger = evidenceLedger('bitmex');

const xbtusd = {
  symbol: 'XBTUSD',
  isInverse: true,
  isQuanto: false,
  multiplier: -100000000,
  settlCurrency: 'XBt',
  riskLimit: 20000000000,
  riskStep: 15000000000,
  initMargin: 0.01,
  maintMargin: 0.005,
  tickSize: 0.5,
};
const ethusdt = {
  symbol: 'ETHUSDT',
  isInverse: false,
  isQuanto: false,
  multiplier: 10,
  settlCurrency: 'USDt',
  riskLimit: 1000000000000,
  riskStep: 1000000000000,
  initMargin: 0.02,
  maintMargin: 0.01,
  tickSize: 0.05,
};
const adausd = {
  symbol: 'ADAUSD',
  isInverse: false,
  isQuanto: true,
  multiplier: 10000,
  settlCurrency: 'XBt',
  riskLimit: 5000000000,
  riskStep: 5000000000,
  initMargin: 0.03,
  maintMargin: 0.015,
  tickSize: 0.0001,
};

/** A payload's position: size and side from currentQty, margin = posMargin in settle units. */
function positionOf(inputs: Readonly<Record<string, string>>, entry = inputs.avgEntryPrice as string) {
  const qty = new Big(inputs.currentQty as string);
  const scale = inputs.currency === 'XBt' ? 8 : 6;
  return {
    side: qty.gt(0) ? ('long' as const) : ('short' as const),
    size: qty.abs().toString(),
    entryPrice: entry,
    margin: new Big(inputs.posMargin as string).div(new Big(10).pow(scale)).toString(),
  };
}

/** A requirement in settle units, up to BitMEX's whole satoshi (it rounds every field up). */
const ceilUnits = (value: Big, currency: string) =>
  value
    .times(new Big(10).pow(currency === 'XBt' ? 8 : 6))
    .round(0, Big.roundUp)
    .toString();

describe('BitMEX payloads through the venue objects', () => {
  it('ETHUSDT (linear, 3x, funding 0.01% paid by longs): posMaint 435787, liquidation 1328.5, bankruptcy 1308.7', () => {
    const v = ledger.vector('bitmex-ethusdt-long-2022-05-21-ccxt-comment');
    const market = bitmexLinear.market(ethusdt, { takerFeeRate: v.inputs.commission as string, fundingRate: '0.0001' });
    const position = positionOf(v.inputs);
    expect(ceilUnits(isolatedRequirement(market, position, v.inputs.markPrice as string), 'USDt')).toBe(
      v.expected.posMaint,
    );
    const liq = isolatedLiquidationPrice(market, position) as Big;
    const bankrupt = isolatedBankruptcyPrice(market, position) as Big;
    expect(roundLiquidationPrice(market, 'long', liq).toString()).toBe(v.expected.liquidationPrice);
    expect(roundLiquidationPrice(market, 'long', bankrupt).toString()).toBe(v.expected.bankruptPrice);
  });

  it('XBTUSD testnet short paying funding at the 0.375% cap: liquidation 3678.5, bankruptcy 3714', () => {
    const v = ledger.vector('bitmex-xbtusd-short-2019-02-09-testnet');
    const market = bitmexInverse.market(xbtusd, {
      takerFeeRate: v.inputs.commission as string,
      fundingRate: '-0.00375',
    });
    const position = positionOf(v.inputs);
    expect(roundLiquidationPrice(market, 'short', isolatedLiquidationPrice(market, position) as Big).toString()).toBe(
      v.expected.liquidationPrice,
    );
    expect(roundLiquidationPrice(market, 'short', isolatedBankruptcyPrice(market, position) as Big).toString()).toBe(
      v.expected.bankruptPrice,
    );
  });

  it('ADAUSD quanto (XBT per USD point): posMaint 138 satoshi', () => {
    const v = ledger.vector('bitmex-adausd-quanto-long-2022-02-25-alunajs');
    const market = bitmexQuanto.market(adausd, { takerFeeRate: v.inputs.commission as string, fundingRate: '0.0001' });
    expect(market.contractSize.toString()).toBe('0.0001');
    const position = positionOf(v.inputs);
    expect(ceilUnits(isolatedRequirement(market, position, v.inputs.markPrice as string), 'XBt')).toBe(
      v.expected.posMaint,
    );
  });

  it('2018–2019 XBTUSD payloads valued each contract in whole satoshi, which liqmath does not: within one price step', () => {
    // The documented difference (docs/venues/bitmex.md): BitMEX then rounded the value of each
    // contract to a satoshi, toward the safe side; the exact engine stays within 2 USD of it.
    for (const id of [
      'bitmex-xbtusd-short-2018-08-27-ws-partial',
      'bitmex-xbtusd-short-2019-07-14-bitmexop',
      'bitmex-xbtusd-short-2019-07-20-unity',
    ]) {
      const v = ledger.read(id);
      const market = bitmexInverse.market(xbtusd, { takerFeeRate: v.inputs.commission as string });
      const position = positionOf(v.inputs);
      const liq = isolatedLiquidationPrice(market, position) as Big;
      expect(
        liq
          .minus(v.expected.liquidationPrice as string)
          .abs()
          .lt(2),
        id,
      ).toBe(true);
    }
  });
});

describe('BitMEX instruments and rules', () => {
  it('risk-limit steps: each adds the base maintenance rate to both rates; flat tiers', () => {
    const table = tiersFromBitmexInstrument(xbtusd);
    expect(table.method).toBe('flat');
    expect(table.tiers[0]?.cap?.toString()).toBe('200');
    expect(table.tiers[2]?.cap?.toString()).toBe('500');
    expect(table.tiers[2]?.maintenanceMarginRate.toString()).toBe('0.015');
    // initial 1% + 2·0.5% = 2% → 50x
    expect(table.tiers[2]?.maxLeverage.toString()).toBe('50');
    // the last step is the last whose initial rate is at most 100%: 1% + n·0.5% ≤ 1 → n = 198
    expect(table.tiers.length).toBe(199);
  });

  it('the fee reserve is inside the margin and outside the loss: bankruptcy leaves it, the requirement holds it', () => {
    const market = bitmexInverse.market(xbtusd, { takerFeeRate: '0.00075' });
    const position = { side: 'long' as const, size: 10000, entryPrice: 50000, leverage: 10 };
    // posInit 0.02 XBT, posComm 0.00075·0.22: bankruptcy at 10,000/0.22, whatever the fee
    expect(isolatedBankruptcyPrice(market, position)?.toFixed(10)).toBe('45454.5454545455');
    expect(isolatedRequirement(market, position, 50000).toString()).toBe('0.001165');
    const free = bitmexInverse.market(xbtusd, { takerFeeRate: 0 });
    expect(isolatedBankruptcyPrice(free, position)?.toFixed(10)).toBe('45454.5454545455');
  });

  it('funding counts for the side that pays it only', () => {
    const paying = bitmexLinear.market(ethusdt, { takerFeeRate: 0, fundingRate: '0.001' });
    const long = { side: 'long' as const, size: 1000, entryPrice: 2000, margin: 4 };
    const short = { ...long, side: 'short' as const };
    // entry notional 20 USDT: long 1% + 0.1% of it, short 1%
    expect(isolatedRequirement(paying, long, 2000).toString()).toBe('0.22');
    expect(isolatedRequirement(paying, short, 2000).toString()).toBe('0.2');
  });

  it('refuses an instrument of another kind, an unknown settle unit, and funding where a venue has none', () => {
    expectLiqMathError(() => bitmexLinear.market(xbtusd, {}), 'INVALID_OPTION', 'instrument');
    expectLiqMathError(
      () => bitmexInverse.market({ ...xbtusd, settlCurrency: 'XBT' }, {}),
      'INVALID_OPTION',
      'instrument.settlCurrency',
    );
    expectLiqMathError(
      () =>
        binanceUsdm.market(
          [
            {
              symbol: 'BTCUSDT',
              brackets: [
                {
                  bracket: 1,
                  initialLeverage: 125,
                  notionalCap: 50000,
                  notionalFloor: 0,
                  maintMarginRatio: 0.004,
                  cum: 0,
                },
              ],
            },
          ],
          { fundingRate: '0.0001' } as never,
        ),
      'UNKNOWN_FIELD',
      'options.fundingRate',
    );
    expectLiqMathError(
      () => bitmexInverse.market({ ...xbtusd, maintMargin: 0.02 }, {}),
      'RATE_OUT_OF_RANGE',
      'instrument.maintMargin',
    );
  });
});

ledger.checkClaims([bitmexInverse, bitmexLinear, bitmexQuanto] as never);

describe('BitMEX through bitmexInverse', () => {
  it('a fill better than bankruptcy goes to the fund (in XBT), a worse one is paid by it; ADL by PnL% × effective leverage', () => {
    const market = bitmexInverse.market([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }], {
      symbol: 'XBTUSD',
      takerFeeRate: '0',
    });
    expect(market.settle).toBe('XBT');
    // BitMEX's own example (bankruptcy 99.00, fills 99.25 / 98.75) is in USD with linear arithmetic and is
    // reproduced in settlement-adl.test.ts; here the same rule on the inverse contract, exactly in XBT.
    const position = {
      side: 'long',
      size: 1,
      entryPrice: 100,
      margin: new Big(1).div(99).minus('0.01').toString(),
    } as const;
    expect(isolatedBankruptcyPrice(market, position)?.toFixed(2)).toBe('99.00');
    const better = settleIsolatedLiquidation(market, position, { size: 1, fillPrice: '99.25' });
    const worse = settleIsolatedLiquidation(market, position, { size: 1, fillPrice: '98.75' });
    const bankrupt = isolatedBankruptcyPrice(market, position) as Big;
    expect(
      better.insuranceFundDelta
        .minus(new Big(1).div(bankrupt).minus(new Big(1).div('99.25')))
        .abs()
        .lt('1e-18'), // the test's own Big divides at 20 places
    ).toBe(true);
    expect(better.insuranceFundDelta.gt(0) && worse.insuranceFundDelta.lt(0)).toBe(true);
    expect(bitmexInverse.adl).toBe('pnl-leverage');
    // Long 1 at 100, mark 110, bankruptcy 99 (values in XBT): PnL% = 1/100/(1/110) − 1… ranked > 0 when in profit.
    expect(
      adlScore({
        method: 'pnl-leverage',
        market,
        side: 'long',
        size: 1,
        entryPrice: 100,
        markPrice: 110,
        bankruptcyPrice: 99,
      }).gt(0),
    ).toBe(true);
  });

  it('tier rows need a settlement currency unless the symbol is an XBT one; the fee reserve is optional', () => {
    const rows = [{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }];
    expect(bitmexInverse.market(rows, { symbol: 'XBTUSD' }).closeFee).toBeNull();
    expectLiqMathErrorMessage(
      () => bitmexInverse.market(rows, { symbol: 'ETHUSD', takerFeeRate: 0 }),
      'MISSING_FIELD',
      'options.settle',
      'options.settle: got undefined; allowed: the settlement currency of a bitmex-inverse market [MISSING_FIELD]',
    );
  });
});
