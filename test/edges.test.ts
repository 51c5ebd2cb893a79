/**
 * Edges the mutation run showed untested: ADL queue ties and lights, dYdX ppm parameters and
 * market payload shapes, the message direction of a refused bankruptcy price.
 */

import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { describeValue } from '../src/core/errors.js';
import {
  adlQueue,
  adlScore,
  binanceCoinm,
  bybitInverse,
  bybitLinear,
  crossSliceBankruptcyPrice,
  defineMarket,
  defineTiers,
  dydxFillablePrice,
  dydxV4,
  isolatedLiquidationPlan,
  isolatedLiquidationPrice,
  MAX_PLAN_STEPS,
  roundLiquidationPrice,
  settleIsolatedLiquidation,
  tiersFromBinanceBrackets,
  tiersFromHyperliquidMeta,
} from '../src/index.js';
import { expectLiqMathError } from './helpers.js';

describe('ADL queue', () => {
  it('breaks ties by size (larger first) and then by id, and lights ⌈5·cumulative/total⌉', () => {
    const queue = adlQueue([
      { id: 'c', size: 1, score: 2 },
      { id: 'a', size: 1, score: 2 },
      { id: 'b', size: 3, score: 2 },
      { id: 'd', size: 5, score: 9 },
    ]);
    // Total 10: cumulative 5, 8, 9, 10 → lights ⌈2.5⌉ = 3, ⌈4⌉ = 4, ⌈4.5⌉ = 5, 5.
    expect(queue.map((e) => [e.id, e.rank, e.lights])).toEqual([
      ['d', 0, 3],
      ['b', 1, 4],
      ['a', 2, 5],
      ['c', 3, 5],
    ]);
  });

  it('refuses a candidate whose id is not a string', () => {
    expectLiqMathError(
      () => adlQueue([{ id: 7 as unknown as string, size: 1, score: 1 }]),
      'INVALID_TYPE',
      'candidates[0].id',
    );
  });

  it('a bankruptcy price on the wrong side of the mark says which side it must be on', () => {
    const market = defineMarket({
      symbol: 'X',
      contract: 'linear',
      settle: 'USD',
      tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]),
    });
    const input = { method: 'pnl-leverage', market, size: 1, entryPrice: 100, markPrice: 100 } as const;
    try {
      adlScore({ ...input, side: 'short', bankruptcyPrice: 90 });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string; allowed: string }).code).toBe('NO_BANKRUPTCY_PRICE');
      expect((error as { allowed: string }).allowed).toContain('above the mark');
    }
    expectLiqMathError(() => adlScore({ ...input, side: 'long', bankruptcyPrice: 110 }), 'NO_BANKRUPTCY_PRICE');
  });
});

describe('dYdX v4 inputs', () => {
  const fillable = {
    positionSize: '0.1',
    oraclePrice: 3000,
    maintenanceFraction: '0.1',
    totalNetCollateral: 10,
    totalMaintenanceMargin: 50,
  };

  it('ppm parameters must be whole, non-negative numbers of parts per million', () => {
    for (const bad of [1.5, -1, '1000', null]) {
      expectLiqMathError(
        () => dydxFillablePrice({ ...fillable, bankruptcyAdjustmentPpm: bad as number }),
        'INVALID_NUMBER',
        'input.bankruptcyAdjustmentPpm',
      );
    }
    // 0 is allowed: with ABR = 0 the fillable price (PNNV − ABR·SMMR·PMMR)/PS is the oracle price itself.
    expect(dydxFillablePrice({ ...fillable, bankruptcyAdjustmentPpm: 0 }).toString()).toBe('3000');
  });

  it('a single market payload takes its tick and step, and its ticker when no symbol is given', () => {
    const eth = {
      ticker: 'ETH-USD',
      initialMarginFraction: '0.05',
      maintenanceMarginFraction: '0.03',
      tickSize: '0.1',
      stepSize: '0.001',
    };
    const market = dydxV4.market(eth, {});
    expect([market.symbol, String(market.tickSize), String(market.lotSize), market.settle]).toEqual([
      'ETH-USD',
      '0.1',
      '0.001',
      'USDC',
    ]);
    // The caller's options win over the payload's.
    const renamed = dydxV4.market(eth, { symbol: 'ETH', tickSize: '0.5' });
    expect([renamed.symbol, String(renamed.tickSize)]).toEqual(['ETH', '0.5']);
    const bare = dydxV4.market({ initialMarginFraction: '0.05', maintenanceMarginFraction: '0.03' }, { symbol: 'X' });
    expect([bare.tickSize, bare.lotSize]).toEqual([null, null]);
    expectLiqMathError(
      () => dydxV4.market({ initialMarginFraction: '0.05', maintenanceMarginFraction: '0.03' }, {}),
      'MISSING_FIELD',
      'options.symbol',
    );
  });
});

const oneTier = (rate = '0.01', maxLeverage = 50) =>
  defineTiers([{ cap: null, maintenanceMarginRate: rate, maxLeverage }]);

describe('plans, rounding, leverage and names at their limits', () => {
  it(`a plan that never gets healthy stops at ${MAX_PLAN_STEPS} steps, the last closing the rest`, () => {
    // 1% per step with a 1% fee on a deep loss: never healthy, so the cap decides.
    const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: oneTier() });
    const policy = {
      kind: 'fraction',
      fraction: '0.01',
      threshold: 0,
      cooldownSeconds: 0,
      backstopBelow: { numerator: 1, denominator: 1 },
    } as const;
    const plan = isolatedLiquidationPlan(market, { side: 'long', size: 100, entryPrice: 100, margin: 10 }, policy, {
      markPrice: 95,
      feeRate: '0.01',
    });
    expect(plan).toHaveLength(MAX_PLAN_STEPS);
    expect(plan.slice(0, -1).every((step) => !step.full)).toBe(true);
    const last = plan[MAX_PLAN_STEPS - 1];
    expect([last?.full, last?.remainingSize.toString()]).toEqual([true, '0']);
    // 100·0.99^63 contracts were left for the last step, closed at 95 with a 1% fee.
    expect(last?.size.toString()).toBe(new Big('0.99').pow(63).times(100).toString());
    expect(last?.fee.toString()).toBe(new Big('0.99').pow(63).times(100).times(95).times('0.01').toString());
  });

  it('an inverse plan charges its fee on the coin notional at the fill', () => {
    const market = defineMarket({
      symbol: 'X',
      contract: 'inverse',
      settle: 'BTC',
      contractSize: 100,
      tiers: oneTier(),
    });
    const policy = { kind: 'capped', minNotional: 0, maxPortion: '0.5', maxNotional: 1000 } as const;
    const [first] = isolatedLiquidationPlan(
      market,
      { side: 'long', size: 10, entryPrice: 20000, margin: '0.003' },
      policy,
      {
        markPrice: 19000,
        feeRate: '0.001',
      },
    );
    // Equity 0.003 − 1,000·(1/19,000 − 1/20,000) ≈ 0.00037 BTC < MM 1% of 1,000/19,000 ≈ 0.00053.
    // Half of 10 contracts of 100 USD at 19,000: 500/19,000 BTC, fee 0.1% of it.
    expect(first?.size.toString()).toBe('5');
    expect(first?.fee.toFixed(30)).toBe('0.000026315789473684210526315789');
  });

  it("a short's price below one tick rounds to one tick, never to 0", () => {
    const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: oneTier(), tickSize: '0.5' });
    expect(roundLiquidationPrice(market, 'short', '0.3').toString()).toBe('0.5');
    expect(roundLiquidationPrice(market, 'short', '0.7').toString()).toBe('0.5');
    expect(roundLiquidationPrice(market, 'long', '0.3').toString()).toBe('0.5');
  });

  it('a market without a tick leaves the liquidation price exact', () => {
    const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: oneTier() });
    expect(roundLiquidationPrice(market, 'long', '5739.0835').toString()).toBe('5739.0835');
    expect(roundLiquidationPrice(market, 'short', '0.00000001').toString()).toBe('1e-8');
  });

  it('leverage on a notional-keyed table is checked against the tier of the notional, not of the contracts', () => {
    const market = defineMarket({
      symbol: 'X',
      contract: 'linear',
      settle: 'USD',
      tiers: defineTiers([
        { cap: 10, maintenanceMarginRate: '0.01', maxLeverage: 50 },
        { cap: null, maintenanceMarginRate: '0.05', maxLeverage: 10 },
      ]),
    });
    // 5 contracts at 1,000 are 5,000 of notional: tier 2, at most 10x (by contracts it would be tier 1).
    expect(isolatedLiquidationPrice(market, { side: 'long', size: 5, entryPrice: 1000, leverage: 10 })).not.toBeNull();
    expectLiqMathError(
      () => isolatedLiquidationPrice(market, { side: 'long', size: 5, entryPrice: 1000, leverage: 11 }),
      'LEVERAGE_ABOVE_MAX',
      'position.leverage',
    );
  });

  it('a liquidation price equal to the entry (equity exactly at maintenance there) is the entry', () => {
    const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: oneTier() });
    // MM at 100 of 1 contract is 1: a margin of 1 is exactly at maintenance at entry.
    expect(isolatedLiquidationPrice(market, { side: 'long', size: 1, entryPrice: 100, margin: 1 })?.toString()).toBe(
      '100',
    );
  });

  it('leverage on a contract-keyed table is checked against the tier of the contracts, not of the notional', () => {
    const market = defineMarket({
      symbol: 'X',
      contract: 'linear',
      settle: 'USD',
      tiers: defineTiers(
        [
          { cap: 10, maintenanceMarginRate: '0.01', maxLeverage: 50 },
          { cap: null, maintenanceMarginRate: '0.05', maxLeverage: 10 },
        ],
        { method: 'flat', basis: 'contracts' },
      ),
    });
    // 5 contracts at 1,000 are 5,000 of notional but tier 1 by contracts: 50x is allowed.
    expect(isolatedLiquidationPrice(market, { side: 'long', size: 5, entryPrice: 1000, leverage: 50 })).not.toBeNull();
    expect(() =>
      isolatedLiquidationPrice(market, { side: 'long', size: 20, entryPrice: 1000, leverage: 50 }),
    ).toThrowError(/LEVERAGE_ABOVE_MAX/);
  });

  it('a fee charged at the mark does not move the bankruptcy price; one charged on the bankruptcy value does', () => {
    const at = (on: 'mark' | 'bankruptcy') =>
      defineMarket({
        symbol: 'X',
        contract: 'linear',
        settle: 'USD',
        tiers: oneTier(),
        closeFee: { rate: '0.01', on },
      });
    const position = { side: 'long', size: 1, entryPrice: 100, margin: 10 } as const;
    // Without a fee, 10 + (P − 100) = 0 at 90; with 1% on the bankruptcy value, 10 + P − 100 = 0.01·P at 90/0.99.
    expect(settleIsolatedLiquidation(at('mark'), position, { size: 1, fillPrice: 91 }).bankruptcyPrice.toString()).toBe(
      '90',
    );
    expect(
      settleIsolatedLiquidation(at('bankruptcy'), position, { size: 1, fillPrice: 91 }).bankruptcyPrice.toFixed(18),
    ).toBe(new Big(90).div('0.99').toFixed(18));
  });

  it('a short slice of a cross account goes bankrupt above the mark', () => {
    const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: oneTier() });
    const account = {
      collateral: 100,
      positions: [{ market, side: 'short' as const, size: 10, entryPrice: 100, markPrice: 100 }],
    };
    // The whole position: it loses its 100 of equity when the price is up 10.
    expect(crossSliceBankruptcyPrice(account, { symbol: 'X', side: 'short' }, 10)?.toString()).toBe('110');
  });

  it('market names: at most 100 characters, not blank', () => {
    const named = (symbol: string) => () =>
      defineMarket({ symbol, contract: 'linear', settle: 'USD', tiers: oneTier() });
    expect(named('X'.repeat(100))).not.toThrow();
    expect(named('X'.repeat(101))).toThrowError(/INVALID_TYPE/);
    expect(named('  ')).toThrowError(/INVALID_TYPE/);
  });

  it('error values: 60 characters are shown whole, Big look-alikes need numeric parts', () => {
    const sixty = 'x'.repeat(58);
    expect(describeValue(sixty)).toBe(`"${sixty}"`);
    expect(describeValue(`${sixty}y`)).toBe(`"${sixty}y…`);
    expect(describeValue({ c: [1], e: 0, s: 'x' })).toBe('an object');
    expect(describeValue({ c: 'no', e: 0, s: 1 })).toBe('an object');
  });
});

describe('venue markets: symbol and settlement taken from the payload', () => {
  const bracket = { bracket: 1, qtyFloor: 0, qtyCap: 5, maintMarginRatio: '0.004', initialLeverage: 125, cum: 0 };
  it('Binance COIN-M: from symbol or pair; without either, the caller must name it', () => {
    const bySymbol = binanceCoinm.market({ symbol: 'ETHUSD_PERP', brackets: [bracket] }, { contractSize: 10 });
    expect([bySymbol.symbol, bySymbol.settle]).toEqual(['ETHUSD_PERP', 'ETH']);
    const byPair = binanceCoinm.market([{ pair: 'BTCUSD', brackets: [bracket] }], { contractSize: 100 });
    expect([byPair.symbol, byPair.settle]).toEqual(['BTCUSD', 'BTC']);
    expect(() => binanceCoinm.market({ brackets: [bracket] } as never, { contractSize: 100 })).toThrowError(
      /options\.symbol.*MISSING_FIELD/,
    );
  });

  it('Bybit: the quote of a linear symbol, the base of an inverse one, from any payload shape', () => {
    const row = (symbol?: string) => ({
      id: 1,
      ...(symbol === undefined ? {} : { symbol }),
      riskLimitValue: '2000000',
      maintenanceMargin: '0.005',
      maxLeverage: '100',
      mmDeduction: '',
    });
    expect(bybitLinear.market({ result: { list: [row('ETHUSDC')] } }, {}).settle).toBe('USDC');
    expect(bybitLinear.market({ list: [row('BTCUSDT')] }, {}).settle).toBe('USDT');
    expect(bybitInverse.market({ list: [row('ETHUSD')] }, {}).settle).toBe('ETH');
    expect(() => bybitLinear.market({ list: [row()] }, {})).toThrowError(/options\.symbol.*MISSING_FIELD/);
    expect(() => bybitLinear.market({ list: [row('BTCPERP')] }, {})).toThrowError(/options\.settle.*MISSING_FIELD/);
  });
});

describe('payload adapters refuse malformed shapes by the payload path', () => {
  const bracket = {
    bracket: 1,
    initialLeverage: 125,
    notionalCap: 50000,
    notionalFloor: 0,
    maintMarginRatio: 0.004,
    cum: 0,
  };
  const asset = { name: 'BTC', maxLeverage: 40, marginTableId: 7 };
  const tiers = [{ lowerBound: '0', maxLeverage: 40 }];
  const binance = tiersFromBinanceBrackets as (payload: unknown, symbol?: string) => unknown;
  const hyperliquid = tiersFromHyperliquidMeta as (meta: unknown, coin: string) => unknown;
  it.each([
    ['binance: not a response', () => binance(5), 'INVALID_TYPE', 'payload'],
    ['binance: several entries, no symbol', () => binance([]), 'MISSING_FIELD', 'symbol'],
    ['binance: one entry that is not a record', () => binance([5]), 'INVALID_TYPE', 'payload[0]'],
    [
      'binance: symbol not there',
      () => binance([null, { symbol: 'A', brackets: [bracket] }], 'C'),
      'UNKNOWN_SYMBOL',
      'symbol',
    ],
    ['binance: no brackets', () => binance({ symbol: 'X' }), 'MISSING_FIELD', 'payload.brackets'],
    ['binance: brackets not a list', () => binance({ brackets: 5 }), 'INVALID_TYPE', 'brackets'],
    ['binance: a bracket not a record', () => binance({ brackets: [5] }), 'INVALID_TYPE', 'brackets[0]'],
    ['hyperliquid: not a response', () => hyperliquid(5, 'BTC'), 'INVALID_TYPE', 'meta'],
    ['hyperliquid: no universe', () => hyperliquid({}, 'BTC'), 'MISSING_FIELD', 'meta.universe'],
    ['hyperliquid: universe not a list', () => hyperliquid({ universe: 5 }, 'BTC'), 'INVALID_TYPE', 'universe'],
    [
      'hyperliquid: unknown coin',
      () => hyperliquid({ universe: [null, { name: 'ETH' }] }, 'BTC'),
      'UNKNOWN_SYMBOL',
      'coin',
    ],
    [
      'hyperliquid: no leverage',
      () => hyperliquid({ universe: [{ name: 'BTC' }] }, 'BTC'),
      'MISSING_FIELD',
      'universe[0].maxLeverage',
    ],
    [
      'hyperliquid: tables not a list',
      () => hyperliquid({ universe: [asset], marginTables: 5 }, 'BTC'),
      'INVALID_TYPE',
      'marginTables',
    ],
    [
      'hyperliquid: table not a record',
      () => hyperliquid({ universe: [asset], marginTables: [[7, 5]] }, 'BTC'),
      'INVALID_TYPE',
      'marginTables[0][1]',
    ],
    [
      'hyperliquid: no tiers',
      () => hyperliquid({ universe: [asset], marginTables: [[7, {}]] }, 'BTC'),
      'MISSING_FIELD',
      'marginTables[0][1].marginTiers',
    ],
    [
      'hyperliquid: a tier not a record',
      () => hyperliquid({ universe: [asset], marginTables: [[7, { marginTiers: [5] }]] }, 'BTC'),
      'INVALID_TYPE',
      'marginTables[0][1].marginTiers[0]',
    ],
    [
      'hyperliquid: a tier without leverage',
      () => hyperliquid({ universe: [asset], marginTables: [[7, { marginTiers: [{ lowerBound: 0 }] }]] }, 'BTC'),
      'MISSING_FIELD',
      'marginTables[0][1].marginTiers[0].maxLeverage',
    ],
  ] as const)('%s', (_name, call, code, field) => {
    expectLiqMathError(call, code, field);
  });

  it('finds the entry by pair, skips entries that are not records, and reads the asset’s own table', () => {
    const table = binance([null, { pair: 'BTCUSD', brackets: [bracket] }], 'BTCUSD') as { tiers: unknown[] };
    expect(table.tiers).toHaveLength(1);
    const own = hyperliquid(
      {
        universe: [asset],
        marginTables: [
          [3, { marginTiers: [] }],
          [7, { marginTiers: tiers }],
        ],
      },
      'BTC',
    ) as {
      tiers: { maintenanceMarginRate: { toString(): string } }[];
    };
    // 1/(2·40) = 0.0125 from table 7, not the empty table 3.
    expect(own.tiers.map((t) => t.maintenanceMarginRate.toString())).toEqual(['0.0125']);
    // Without a table id the asset's own max leverage makes one tier.
    const plain = hyperliquid(
      { universe: [{ name: 'BTC', maxLeverage: 50 }], marginTables: [[undefined, { marginTiers: tiers }]] },
      'BTC',
    ) as {
      tiers: { maintenanceMarginRate: { toString(): string } }[];
    };
    expect(plain.tiers.map((t) => t.maintenanceMarginRate.toString())).toEqual(['0.01']);
  });
});
