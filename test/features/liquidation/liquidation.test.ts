import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import {
  crossEquity,
  crossLiquidationPrice,
  crossMarginRatio,
  crossRequirement,
  defineMarket,
  defineTiers,
  isCrossLiquidatable,
  isIsolatedLiquidatable,
  isolatedBankruptcyPrice,
  isolatedEquity,
  isolatedLiquidationPrice,
  isolatedRequirement,
  roundLiquidationPrice,
  tierFor,
} from '../../../src/index.js';
import { binance2021, expectLiqMathError } from '../../helpers.js';

const linear = (
  tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]),
  settle = 'USDT',
  symbol = 'BTCUSDT',
) => defineMarket({ symbol, contract: 'linear', settle, tiers });

describe('tier at the liquidation price', () => {
  it('linear long: entry in tier 4, liquidation price in tier 3 (notional falls with price)', () => {
    const market = linear(binance2021);
    const position = { side: 'long', size: 100, entryPrice: 50000, margin: 4500000 } as const;
    const price = isolatedLiquidationPrice(market, position) as Big;
    // Tier 3 (1%, amount 1,300): 4,500,000 + 100·(P − 50,000) = P·100·1% − 1,300 → P = 498,700 / 99
    expect(price.toFixed(15)).toBe(new Big(498700).div(99).toFixed(15));
    expect(price.times(99).minus(498700).abs().lt('1e-45')).toBe(true);
    expect(tierFor(binance2021, price.times(100)).index).toBe(2);
    expect(tierFor(binance2021, 5000000).index).toBe(3);
  });

  it('inverse long: entry in tier 1, liquidation price in tier 2 (coin notional rises as price falls)', () => {
    const tiers = defineTiers([
      { cap: '0.25', maintenanceMarginRate: '0.01', maxLeverage: 50 },
      { cap: null, maintenanceMarginRate: '0.05', maxLeverage: 10 },
    ]);
    const market = defineMarket({ symbol: 'BTCUSD', contract: 'inverse', settle: 'BTC', contractSize: 100, tiers });
    const price = isolatedLiquidationPrice(market, {
      side: 'long',
      size: 100,
      entryPrice: 50000,
      margin: '0.06',
    }) as Big;
    // Tier 2 (5%, amount 0.01): 0.06 + 0.2 − 10,000·u = 500·u − 0.01 → P = 1/u = 10,500 / 0.27
    expect(price.toFixed(6)).toBe(new Big(10500).div('0.27').toFixed(6));
    expect(tierFor(tiers, new Big(10000).div(price.toString())).index).toBe(1);
  });
});

describe('no liquidation price', () => {
  it('an over-collateralised linear long has none, and no bankruptcy price', () => {
    const position = { side: 'long', size: 1, entryPrice: 100, margin: 100 } as const;
    expect(isolatedLiquidationPrice(linear(), position)).toBeNull();
    expect(isolatedBankruptcyPrice(linear(), position)).toBeNull();
  });

  it('a 1x-collateralised inverse short has none', () => {
    const market = defineMarket({
      symbol: 'BTCUSD',
      contract: 'inverse',
      settle: 'BTC',
      tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]),
    });
    const position = { side: 'short', size: 50000, entryPrice: 50000, margin: 1 } as const;
    expect(isolatedLiquidationPrice(market, position)).toBeNull();
    expect(isolatedBankruptcyPrice(market, position)).toBeNull();
    // With less than 1x it has both.
    expect(isolatedLiquidationPrice(market, { ...position, margin: '0.5' })?.gt(50000)).toBe(true);
  });
});

describe('flat tables: the requirement jumps at a cap', () => {
  const tiers = defineTiers(
    [
      { cap: 105, maintenanceMarginRate: '0.01', maxLeverage: 50 },
      { cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 },
    ],
    { method: 'flat' },
  );
  const market = linear(tiers);
  const position = { side: 'short', size: 1, entryPrice: 100, margin: 10 } as const;

  it('the liquidation price is the cap price when the jump makes the position liquidatable there', () => {
    // Tier 1 alone would give 110/1.01 = 108.9 (beyond its cap); just above 105, tier 2 needs 5.25 > equity 4.99…
    const price = isolatedLiquidationPrice(market, position) as Big;
    expect(price.toString()).toBe('105');
    expect(isIsolatedLiquidatable(market, position, 105)).toBe(false);
    expect(isIsolatedLiquidatable(market, position, '105.000001')).toBe(true);
  });
});

describe('already liquidatable at entry', () => {
  it('returns the price on the favourable side where the position becomes healthy', () => {
    const position = { side: 'long', size: 1, entryPrice: 100, margin: '0.5' } as const;
    const price = isolatedLiquidationPrice(linear(), position) as Big;
    // 0.5 + (P − 100) = 0.01·P → P = 99.5 / 0.99
    expect(price.gt(100)).toBe(true);
    expect(price.toFixed(10)).toBe(new Big('99.5').div('0.99').toFixed(10));
    expect(isIsolatedLiquidatable(linear(), position, 100)).toBe(true);
  });
});

describe('hedged cross account: a root below and above the mark', () => {
  const tiers = defineTiers([
    { cap: 1000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
    { cap: null, maintenanceMarginRate: '0.1', maxLeverage: 5 },
  ]);
  const market = linear(tiers);
  const account = (mark: Big | string = '100') =>
    ({
      collateral: 30,
      positions: [
        { market, side: 'long', size: 10, entryPrice: 100, markPrice: mark },
        { market, side: 'short', size: 9, entryPrice: 100, markPrice: mark },
      ],
    }) as const;

  it('both legs move; below on the tier-1 segment, above on the both-tier-2 segment', () => {
    const result = crossLiquidationPrice(account(), 'BTCUSDT');
    expect(result.status).toBe('healthy');
    // below: 30 + (P − 100) − 0.19·P = 0 → P = 70/0.81; above: 110 − 0.9·P = 0 → P = 110/0.9
    expect(result.below?.toFixed(20)).toBe(new Big(70).div('0.81').toFixed(20));
    expect(result.above?.toFixed(20)).toBe(new Big(110).div('0.9').toFixed(20));
    for (const price of [result.below, result.above] as Big[]) {
      const moved = account(price);
      expect(crossEquity(moved).minus(crossRequirement(moved)).abs().lt('1e-40')).toBe(true);
    }
  });

  it('account measures at the mark', () => {
    expect(crossEquity(account()).toString()).toBe('30');
    expect(crossRequirement(account()).toString()).toBe('19');
    expect(crossMarginRatio(account())?.toFixed(6)).toBe('0.633333');
    expect(isCrossLiquidatable(account())).toBe(false);
    expect(isCrossLiquidatable(account('130'))).toBe(true);
    const result = crossLiquidationPrice(account('130'), 'BTCUSDT');
    expect(result).toEqual({ status: 'liquidatable', below: null, above: null });
    expect(Object.isFrozen(result)).toBe(true);
  });

  it('marginRatio is null when equity is not positive', () => {
    const broke = {
      collateral: 0,
      positions: [{ market, side: 'long', size: 1, entryPrice: 100, markPrice: 90 }],
    } as const;
    expect(crossMarginRatio(broke)).toBeNull();
    expect(isCrossLiquidatable(broke)).toBe(true);
  });
});

describe('isolated measures', () => {
  it('equity, requirement with a fee to close at the mark, and rounding', () => {
    const market = defineMarket({
      symbol: 'ETHUSDT',
      contract: 'linear',
      settle: 'USDT',
      tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]),
      closeFee: { rate: '0.001', on: 'mark' },
      tickSize: '0.01',
    });
    const position = { side: 'long', size: 2, entryPrice: 2000, margin: 100 } as const;
    expect(isolatedEquity(market, position, 1990).toString()).toBe('80');
    expect(isolatedRequirement(market, position, 1990).toString()).toBe('23.88');
    const price = isolatedLiquidationPrice(market, position) as Big;
    // 100 + 2·(P − 2000) = 2·P·(0.005 + 0.001) → P = 3900 / 1.988
    expect(price.toFixed(12)).toBe(new Big(3900).div('1.988').toFixed(12));
    expect(roundLiquidationPrice(market, 'long', price).toString()).toBe('1961.78');
    expect(roundLiquidationPrice(market, 'short', price).toString()).toBe('1961.77');
  });
});

describe('bad input', () => {
  const market = linear();
  const other = linear(undefined, 'USDC', 'ETHUSDC');
  const leg = { market, side: 'long', size: 1, entryPrice: 100, markPrice: 100 } as const;
  // biome-ignore lint/suspicious/noExplicitAny: calling the API as untyped JavaScript would.
  const loose = (fn: unknown) => fn as (...args: any[]) => unknown;

  it('mismatched settle currencies', () => {
    expectLiqMathError(
      () => crossEquity({ collateral: 1, positions: [leg, { ...leg, market: other }] }),
      'SETTLE_MISMATCH',
      'account.positions[1].market.settle',
    );
  });
  it('a missing or conflicting mark price', () => {
    const { markPrice: _, ...noMark } = leg;
    expectLiqMathError(
      () => loose(crossEquity)({ collateral: 1, positions: [noMark] }),
      'MISSING_FIELD',
      'account.positions[0].markPrice',
    );
    expectLiqMathError(
      () => crossEquity({ collateral: 1, positions: [leg, { ...leg, side: 'short', markPrice: 101 }] }),
      'MARK_PRICE_MISMATCH',
      'account.positions[1].markPrice',
    );
  });
  it('two market definitions for one symbol, and an unknown symbol', () => {
    expectLiqMathError(
      () => crossEquity({ collateral: 1, positions: [leg, { ...leg, market: linear() }] }),
      'SYMBOL_CONFLICT',
    );
    expectLiqMathError(
      () => crossLiquidationPrice({ collateral: 1, positions: [leg] }, 'ETHUSDT'),
      'UNKNOWN_SYMBOL',
      'symbol',
    );
  });
  it('size 0, negative margin, negative collateral, margin and leverage together or neither', () => {
    expectLiqMathError(
      () => isolatedLiquidationPrice(market, { side: 'long', size: 0, entryPrice: 100, margin: 1 }),
      'NOT_POSITIVE',
      'position.size',
    );
    expectLiqMathError(
      () => isolatedLiquidationPrice(market, { side: 'long', size: 1, entryPrice: 100, margin: -1 }),
      'NEGATIVE',
      'position.margin',
    );
    expectLiqMathError(() => crossEquity({ collateral: -1, positions: [leg] }), 'NEGATIVE', 'account.collateral');
    expectLiqMathError(
      () => loose(isolatedLiquidationPrice)(market, { side: 'long', size: 1, entryPrice: 100, margin: 1, leverage: 2 }),
      'INVALID_OPTION',
      'position.leverage',
    );
    expectLiqMathError(
      () => loose(isolatedLiquidationPrice)(market, { side: 'long', size: 1, entryPrice: 100 }),
      'MISSING_FIELD',
      'position.margin',
    );
    expectLiqMathError(
      () => loose(isolatedLiquidationPrice)(market, { side: 'up', size: 1, entryPrice: 100, margin: 1 }),
      'INVALID_OPTION',
      'position.side',
    );
  });
  it('a position beyond the last cap, and leverage beyond its tier', () => {
    const capped = linear(defineTiers([{ cap: 1000, maintenanceMarginRate: '0.01', maxLeverage: 50 }]));
    expectLiqMathError(
      () => isolatedLiquidationPrice(capped, { side: 'long', size: 11, entryPrice: 100, margin: 100 }),
      'BEYOND_LAST_TIER',
      'position.size',
    );
    expectLiqMathError(
      () => crossEquity({ collateral: 1, positions: [{ ...leg, market: capped, size: 11 }] }),
      'BEYOND_LAST_TIER',
      'account.positions[0].size',
    );
    expectLiqMathError(
      () => isolatedLiquidationPrice(capped, { side: 'long', size: 1, entryPrice: 100, leverage: 51 }),
      'LEVERAGE_ABOVE_MAX',
      'position.leverage',
    );
    expectLiqMathError(
      () => isolatedLiquidationPrice(capped, { side: 'long', size: 1, entryPrice: 100, leverage: '0.5' }),
      'LEVERAGE_OUT_OF_RANGE',
      'position.leverage',
    );
  });
  it('markets: a bad market object, contract, fee and names', () => {
    expectLiqMathError(
      () => loose(isolatedLiquidationPrice)({ symbol: 'X' }, { side: 'long', size: 1, entryPrice: 1, margin: 1 }),
      'INVALID_TYPE',
      'market',
    );
    const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]);
    expectLiqMathError(
      () => loose(defineMarket)({ symbol: 'X', contract: 'perpetual', settle: 'USD', tiers }),
      'INVALID_OPTION',
      'market.contract',
    );
    expectLiqMathError(
      () => defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers, closeFee: { rate: 1, on: 'mark' } }),
      'RATE_OUT_OF_RANGE',
      'market.closeFee.rate',
    );
    expectLiqMathError(
      () => defineMarket({ symbol: '', contract: 'linear', settle: 'USD', tiers }),
      'INVALID_TYPE',
      'market.symbol',
    );
    expectLiqMathError(
      () => loose(defineMarket)({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: [] }),
      'INVALID_TYPE',
      'market.tiers',
    );
    expectLiqMathError(
      () => defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers, contractSize: 0 }),
      'NOT_POSITIVE',
      'market.contractSize',
    );
    expectLiqMathError(
      () => loose(defineMarket)({ symbol: 'X', contract: 'linear', settle: 'USD', tiers, tick: 1 }),
      'UNKNOWN_FIELD',
      'market.tick',
    );
    expectLiqMathError(() => roundLiquidationPrice(market, 'long', 0), 'NOT_POSITIVE', 'price');
  });
});

describe('immutability', () => {
  it('works on deeply frozen inputs, returns frozen results, leaves inputs unchanged', () => {
    const market = linear();
    const position = Object.freeze({ side: 'long', size: '1', entryPrice: '100', margin: '10' } as const);
    const account = Object.freeze({
      collateral: '10',
      positions: Object.freeze([
        Object.freeze({ market, side: 'long', size: '1', entryPrice: '100', markPrice: '100' } as const),
      ]),
    });
    const price = isolatedLiquidationPrice(market, position) as Big;
    expect(Object.isFrozen(price)).toBe(true);
    expect(Object.isFrozen(market)).toBe(true);
    const cross = crossLiquidationPrice(account, 'BTCUSDT');
    expect(cross.below?.eq(price)).toBe(true);
    expect(Object.isFrozen(cross.below)).toBe(true);
  });
});

describe('regressions found by the property tests', () => {
  // Inverse flat tables where the liquidation price is a cap's price: the returned price must lie
  // on the lower tier's side of the cap (k/P ≤ cap), where the documentation says it does.
  const inverseFlat = (
    rows: { cap: string | null; maintenanceMarginRate: string; maxLeverage: number }[],
    contractSize: number,
    closeFee?: string,
  ) =>
    defineMarket({
      symbol: 'X',
      contract: 'inverse',
      settle: 'USD',
      contractSize,
      tiers: defineTiers(rows, { method: 'flat' }),
      ...(closeFee === undefined ? {} : { closeFee: { rate: closeFee, on: 'bankruptcy' as const } }),
    });

  it('a long already liquidatable at entry becomes healthy exactly at the cap price', () => {
    const market = inverseFlat(
      [
        { cap: '0.35989359678', maintenanceMarginRate: '0.0001', maxLeverage: 5 },
        { cap: null, maintenanceMarginRate: '0.211057', maxLeverage: 1 },
      ],
      100,
    );
    const position = { side: 'long', size: '305.602', entryPrice: '70479.07', margin: '0.002168033716' } as const;
    expect(isIsolatedLiquidatable(market, position, position.entryPrice)).toBe(true);
    const price = isolatedLiquidationPrice(market, position) as Big;
    expect(isIsolatedLiquidatable(market, position, price)).toBe(false);
    expect(isIsolatedLiquidatable(market, position, price.times('0.999999999'))).toBe(true);
    expect(tierFor(market.tiers, new Big(30560.2).div(price.toString())).index).toBe(0);
  });

  it('a long whose requirement jumps at a cap on the way down is not liquidatable at the returned price', () => {
    const market = inverseFlat(
      [
        { cap: '0.00438548599692', maintenanceMarginRate: '0.0001', maxLeverage: 9 },
        { cap: '0.00459234854395', maintenanceMarginRate: '0.084583', maxLeverage: 1 },
        { cap: null, maintenanceMarginRate: '0.084583', maxLeverage: 1 },
      ],
      1,
      '0.00041',
    );
    const position = { side: 'long', size: '289.148', entryPrice: '69888.92', margin: '0.000620587641' } as const;
    const price = isolatedLiquidationPrice(market, position) as Big;
    expect(isIsolatedLiquidatable(market, position, price)).toBe(false);
    expect(isIsolatedLiquidatable(market, position, price.times('0.999999999'))).toBe(true);
  });
});
