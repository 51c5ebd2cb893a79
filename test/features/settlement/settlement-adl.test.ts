import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adlQueue,
  adlScore,
  crossSliceBankruptcyPrice,
  defineMarket,
  defineTiers,
  deleverage,
  parseDecimal,
  settleCrossLiquidation,
  settleIsolatedLiquidation,
} from '../../../src/index.js';
import { decimalIn } from '../../engine-arbitraries.js';
import { expectLiqMathError, expectLiqMathErrorCode, vector } from '../../helpers.js';

const market = (rate = '0.005') =>
  defineMarket({
    symbol: 'X',
    contract: 'linear',
    settle: 'USD',
    tiers: defineTiers([{ cap: null, maintenanceMarginRate: rate, maxLeverage: 20 }]),
  });

describe('settleLiquidation', () => {
  it('bitmex-liq-example-insurance: fills at 99.25 and 98.75 against bankruptcy 99.00 → +0.25, −0.25, fund back to 0', () => {
    const position = { side: 'long', size: 1, entryPrice: 100, margin: 1 } as const;
    const published = vector('bitmex-liq-example-insurance').expected;
    const a = settleIsolatedLiquidation(market(), position, { size: 1, fillPrice: '99.25' });
    const b = settleIsolatedLiquidation(market(), position, { size: 1, fillPrice: '98.75' });
    expect(a.bankruptcyPrice.toString()).toBe('99');
    expect(a.insuranceFundDelta.eq((published.insurance_fund_delta_A_USD as string).replace(/^\+/, ''))).toBe(true); // published as '+0.25'
    expect(b.insuranceFundDelta.eq(published.insurance_fund_delta_B_USD as string)).toBe(true);
    expect(a.insuranceFundDelta.plus(b.insuranceFundDelta).toString()).toBe(published.insurance_fund_after_USD);
    expect([a.traderBalanceChange.toString(), b.traderBalanceChange.toString()]).toEqual(['-1', '-1']);
  });

  it('dydx-v4-insurance-fund-1: long 500 at 1 with 100, filled at 0.77 → PnL −115, the fund pays 15', () => {
    const published = vector('dydx-v4-insurance-fund-1').expected;
    const result = settleIsolatedLiquidation(
      market('0.03'),
      { side: 'long', size: 500, entryPrice: 1, margin: 100 },
      { size: 500, fillPrice: '0.77', feeRate: '0.015', surplusTo: 'trader' },
    );
    expect(result.realizedPnl.toString()).toBe(published['pnl_at_0.77_USD']);
    expect(result.insuranceFundDelta.neg().toString()).toBe(published.insurance_fund_contribution_USD);
    expect(result.fee.toString()).toBe('0');
  });

  it('dYdX keeps the surplus with the trader after a fee capped by it; a short fund leaves a deficit', () => {
    const position = { side: 'long', size: 500, entryPrice: 1, margin: 100 } as const;
    const better = settleIsolatedLiquidation(market('0.03'), position, {
      size: 500,
      fillPrice: '0.801',
      feeRate: '0.015',
      surplusTo: 'trader',
    });
    // surplus 500·(0.801 − 0.8) = 0.5; fee min(1.5%·400.5, 0.5) = 0.5
    expect([
      better.fee.toString(),
      better.insuranceFundDelta.toString(),
      better.traderBalanceChange.toString(),
    ]).toEqual(['0.5', '0.5', '-100']);
    const short = settleIsolatedLiquidation(market('0.03'), position, {
      size: 500,
      fillPrice: '0.77',
      fundBalance: 10,
    });
    expect([short.insuranceFundDelta.toString(), short.deficit.toString()]).toEqual(['-10', '5']);
  });

  it('balances: trader change + fund delta − deficit = realized PnL, for any fill', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('long' as const, 'short' as const),
        decimalIn(0.5, 1.5, 4),
        decimalIn(0, 0.02, 4),
        fc.constantFrom('fund' as const, 'trader' as const),
        fc.option(decimalIn(0, 50, 2), { nil: undefined }),
        (side, fill, feeRate, surplusTo, fundBalance) => {
          const position = { side, size: 500, entryPrice: 1, margin: 100 } as const;
          const s = settleIsolatedLiquidation(market('0.03'), position, {
            size: 250,
            fillPrice: fill,
            feeRate,
            surplusTo,
            ...(fundBalance === undefined ? {} : { fundBalance }),
          });
          expect(s.traderBalanceChange.plus(s.insuranceFundDelta).minus(s.deficit).eq(s.realizedPnl)).toBe(true);
          expect(s.deficit.gte(0) && s.fee.gte(0)).toBe(true);
        },
      ),
    );
  });

  it('bad input: a slice above the position, fill ≤ 0, fee outside [0, 1), no bankruptcy price', () => {
    const position = { side: 'long', size: 1, entryPrice: 100, margin: 1 } as const;
    expectLiqMathError(
      () => settleIsolatedLiquidation(market(), position, { size: 2, fillPrice: 99 }),
      'SIZE_ABOVE_POSITION',
      'input.size',
    );
    expectLiqMathError(
      () => settleIsolatedLiquidation(market(), position, { size: 1, fillPrice: 0 }),
      'NOT_POSITIVE',
      'input.fillPrice',
    );
    expectLiqMathError(
      () => settleIsolatedLiquidation(market(), position, { size: 1, fillPrice: 99, feeRate: 1 }),
      'RATE_OUT_OF_RANGE',
      'input.feeRate',
    );
    expectLiqMathError(
      () => settleIsolatedLiquidation(market(), { ...position, margin: 100 }, { size: 1, fillPrice: 99 }),
      'NO_BANKRUPTCY_PRICE',
      'position',
    );
  });
});

describe('cross slices (dYdX pro-rata)', () => {
  const eth = defineMarket({
    symbol: 'ETH',
    contract: 'linear',
    settle: 'USDC',
    tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]),
  });
  const btc = defineMarket({
    symbol: 'BTC',
    contract: 'linear',
    settle: 'USDC',
    tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]),
  });
  const account = {
    collateral: 1000,
    positions: [
      { market: eth, side: 'long', size: 10, entryPrice: 1000, markPrice: 980 },
      { market: btc, side: 'short', size: 1, entryPrice: 50000, markPrice: 50000 },
    ],
  } as const;

  it('a slice takes the equity share of its maintenance: half the ETH long holds 245 of 990', () => {
    // equity 1,000 − 200 = 800; share 800·245/990; bankruptcy 980 − share/5
    const price = crossSliceBankruptcyPrice(account, { symbol: 'ETH', side: 'long' }, 5) as Big;
    expect(price.toFixed(20)).toBe(new Big(980).minus(new Big(800).times(245).div(990).div(5)).toFixed(20));
    const settled = settleCrossLiquidation(account, { symbol: 'ETH', side: 'long' }, { size: 5, fillPrice: 950 });
    expect(settled.bankruptcyPrice.eq(price)).toBe(true);
    expect(
      settled.traderBalanceChange.plus(settled.insuranceFundDelta).minus(settled.deficit).eq(settled.realizedPnl),
    ).toBe(true);
    expect(settled.insuranceFundDelta.gt(0)).toBe(true);
  });

  it('no equity, no bankruptcy price', () => {
    const broke = { ...account, collateral: 200 };
    expect(crossSliceBankruptcyPrice(broke, { symbol: 'ETH', side: 'long' }, 5)).toBeNull();
    expectLiqMathError(
      () => settleCrossLiquidation(broke, { symbol: 'ETH', side: 'long' }, { size: 5, fillPrice: 950 }),
      'NO_BANKRUPTCY_PRICE',
      'ref',
    );
    expectLiqMathError(
      () => crossSliceBankruptcyPrice(account, { symbol: 'ETH', side: 'long' }, 11),
      'SIZE_ABOVE_POSITION',
      'size',
    );
  });
});

describe('ADL', () => {
  it('bitmex-adl-ranking-example: the six rows and their percentiles, then 20 deleveraged at 650', () => {
    const inputs = vector('bitmex-adl-ranking-example').inputs as {
      longs: { account: string; qty: string; pnl_ranking: string }[];
    };
    const expected = vector('bitmex-adl-ranking-example').expected as unknown as {
      sorted_with_percentile: { account: string; percentile: string }[];
      deleveraged: { account: string; closed_qty: string; remaining_qty?: string }[];
    };
    const queue = adlQueue(inputs.longs.map((l) => ({ id: l.account, size: l.qty, score: l.pnl_ranking })));
    expect(queue.map((e) => ({ account: e.id, percentile: `${e.lights * 20}%` }))).toEqual(
      expected.sorted_with_percentile,
    );
    const result = deleverage(queue, 20, 650);
    expect(result.fills.map((f) => [f.id, f.size.toString(), f.price.toString()])).toEqual(
      expected.deleveraged.map((d) => [d.account, d.closed_qty, '650']),
    );
    expect(result.fills[1]?.remainingSize.toString()).toBe('10');
    expect(result.unfilled.toString()).toBe('0');
  });

  it('ties rank by larger size, then id; a short queue reports what it could not absorb', () => {
    const queue = adlQueue([
      { id: 'b', size: 5, score: 1 },
      { id: 'a', size: 5, score: 1 },
      { id: 'c', size: 9, score: 1 },
    ]);
    expect(queue.map((e) => e.id)).toEqual(['c', 'a', 'b']);
    expect(deleverage(queue, 25, 10).unfilled.toString()).toBe('6');
  });

  it('the allocation sums to the requested size, or reports the shortfall', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ size: decimalIn(0.01, 100, 2), score: decimalIn(-5, 5, 3) }), {
          minLength: 1,
          maxLength: 20,
        }),
        decimalIn(0.01, 1000, 2),
        (rows, size) => {
          const queue = adlQueue(rows.map((r, k) => ({ id: `p${k}`, ...r })));
          const result = deleverage(queue, size, 100);
          const filled = result.fills.reduce((sum, f) => sum.plus(f.size.toString()), new Big(0));
          expect(filled.plus(result.unfilled.toString()).eq(size)).toBe(true);
          const total = queue.reduce((sum, e) => sum.plus(e.size.toString()), new Big(0));
          expect(result.unfilled.eq(new Big(size).gt(total) ? new Big(size).minus(total) : 0)).toBe(true);
          for (let k = 1; k < queue.length; k += 1)
            expect((queue[k - 1] as { score: Big }).score.gte((queue[k] as { score: Big }).score)).toBe(true);
        },
      ),
    );
  });

  it('scores: losing positions rank by PnL% ÷ leverage; a bankruptcy price on the wrong side is refused', () => {
    const m = market();
    const losing = adlScore({
      method: 'pnl-leverage',
      market: m,
      side: 'short',
      size: 10,
      entryPrice: 100,
      markPrice: 110,
      bankruptcyPrice: 120,
    });
    // PnL% = −10%; leverage = 1,100 / 100 = 11 → −0.1/11
    expect(losing.toFixed(10)).toBe(new Big('-0.1').div(11).toFixed(10));
    expectLiqMathError(
      () =>
        adlScore({
          method: 'pnl-leverage',
          market: m,
          side: 'long',
          size: 10,
          entryPrice: 100,
          markPrice: 110,
          bankruptcyPrice: 120,
        }),
      'NO_BANKRUPTCY_PRICE',
      'input.bankruptcyPrice',
    );
    expect(
      adlScore({ method: 'binance', unrealizedPnl: -5, walletBalance: 100, maintenanceMargin: 3 }).toString(),
    ).toBe('0');
  });
});

describe('ADL input is validated whole', () => {
  it('adlQueue refuses two candidates with one id', () => {
    expectLiqMathErrorCode(
      () =>
        adlQueue([
          { id: 'a', size: 1, score: 1 },
          { id: 'a', size: 2, score: 1 },
        ]),
      'DUPLICATE_POSITION',
      'candidates[1].id',
    );
  });

  it('deleverage refuses a bad entry even after the size is absorbed', () => {
    const queue = [
      { id: 'a', size: 5 },
      { id: 'b', size: -1 },
    ] as never;
    expectLiqMathErrorCode(() => deleverage(queue, 1, 100), 'NOT_POSITIVE', 'queue[1].size');
  });

  it('parseDecimal refuses a sign rule it does not know', () => {
    expectLiqMathErrorCode(() => parseDecimal(1, 'x', 'positiv' as never), 'INVALID_OPTION', 'sign');
  });
});
