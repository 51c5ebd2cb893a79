import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defineMarket,
  defineTiers,
  isolatedLiquidationPlan,
  isolatedLiquidationStep,
  type LiquidationPolicy,
  MAX_PLAN_STEPS,
  sizeToCoverShortage,
} from '../../../src/index.js';
import { decimalIn, isolatedCase } from '../../engine-arbitraries.js';
import { expectLiqMathError, vector } from '../../helpers.js';

const hyperliquid: LiquidationPolicy = {
  kind: 'fraction',
  fraction: '0.2',
  threshold: 100000,
  cooldownSeconds: 30,
  backstopBelow: { numerator: 2, denominator: 3 },
};
const dydx: LiquidationPolicy = { kind: 'capped', minNotional: 1000, maxPortion: '0.1', maxNotional: 100000 };

describe('Drift: size to cover a margin shortage', () => {
  it.each([
    ['drift-base-to-cover-shortage-1', '0', '0', '1'],
    ['drift-base-to-cover-shortage-2', '0.01', '0', '1.111111111'],
    ['drift-base-to-cover-shortage-3', '0.01', '0.01', '1.25'],
  ])('%s: liquidator fee %s, insurance fee %s → %s base', (id, liquidatorFee, insuranceFee, expected) => {
    const size = sizeToCoverShortage({ shortage: 10, price: 100, maintenanceRate: '0.1', liquidatorFee, insuranceFee });
    // Drift floors to its 1e-9 base precision; the exact value is 10/9 for the second vector.
    expect(size?.round(9, 0).toString()).toBe(expected);
    expect(new Big(vector(id).expected.base_asset_to_liquidate as string).eq(expected)).toBe(true);
  });

  it('null when the fees eat the maintenance rate', () => {
    expect(
      sizeToCoverShortage({
        shortage: 10,
        price: 100,
        maintenanceRate: '0.02',
        liquidatorFee: '0.01',
        insuranceFee: '0.01',
      }),
    ).toBeNull();
  });
});

describe('policies', () => {
  const tiers = defineTiers([
    { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
    { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
    { cap: 1000000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
    { cap: null, maintenanceMarginRate: '0.025', maxLeverage: 20 },
  ]);
  const market = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers, lotSize: '0.001' });

  it('tier step-down closes down to the highest lower tier whose maintenance the remainder meets', () => {
    // 30 BTC at 50,000 (1.5M, tier 4); mark 49,000: notional 1.47M, MM 1.47M·2.5% − 16,300 = 20,450.
    const position = { side: 'long', size: 30, entryPrice: 50000, margin: 45000 } as const;
    const step = isolatedLiquidationStep(market, position, { kind: 'tier-step-down' }, { markPrice: 49000 });
    // Equity 15,000. Tier 3 (≤ 1,000,000): keep 20.408 BTC (999,992 notional), MM 8,699.92 ≤ 15,000.
    expect(step).toMatchObject({ status: 'close', full: false });
    expect(step.status === 'close' && step.size.toString()).toBe('9.592');
  });

  it('tier step-down closes everything in the lowest tier', () => {
    const position = { side: 'long', size: 1, entryPrice: 40000, margin: 200 } as const;
    const step = isolatedLiquidationStep(market, position, { kind: 'tier-step-down' }, { markPrice: 39810 });
    expect(step).toMatchObject({ status: 'close', full: true });
  });

  it('dYdX caps: max(min($1,000, N), 10%·N), at most $100,000, in lots; all when within the limit', () => {
    const position = { side: 'long', size: 30, entryPrice: 50000, margin: 45000 } as const;
    const step = isolatedLiquidationStep(market, position, dydx, { markPrice: 49000 });
    // N = 1,470,000 → 10% = 147,000 → capped at 100,000 → 2.040 BTC (rounded down to the lot)
    expect(step.status === 'close' && [step.size.toString(), step.full]).toEqual(['2.04', false]);
    const small = isolatedLiquidationStep(market, { side: 'long', size: '0.02', entryPrice: 50000, margin: 10 }, dydx, {
      markPrice: 49500,
    });
    expect(small).toMatchObject({ status: 'close', full: true });
  });

  it('Hyperliquid: 20% above 100,000 notional with cooldown and backstop; all below', () => {
    const big = isolatedLiquidationStep(
      market,
      { side: 'long', size: 30, entryPrice: 50000, margin: 45000 },
      hyperliquid,
      {
        markPrice: 49000,
      },
    );
    expect(big).toMatchObject({ status: 'close', full: false, cooldownSeconds: 30, backstop: false });
    expect(big.status === 'close' && big.size.toString()).toBe('6');
    const deep = isolatedLiquidationStep(
      market,
      { side: 'long', size: 30, entryPrice: 50000, margin: 40000 },
      hyperliquid,
      {
        markPrice: 49000,
      },
    );
    // equity 10,000 < 2/3 · 20,450
    expect(deep).toMatchObject({ backstop: true });
    const small = isolatedLiquidationStep(
      market,
      { side: 'long', size: 1, entryPrice: 50000, margin: 1100 },
      hyperliquid,
      {
        markPrice: 49000,
      },
    );
    expect(small).toMatchObject({ status: 'close', full: true });
  });

  it('healthy positions need no step', () => {
    expect(
      isolatedLiquidationStep(market, { side: 'long', size: 1, entryPrice: 50000, margin: 5000 }, dydx, {
        markPrice: 50000,
      }),
    ).toEqual({ status: 'healthy' });
  });

  it('bad policies', () => {
    const position = { side: 'long', size: 1, entryPrice: 50000, margin: 5000 } as const;
    const run = (policy: unknown) =>
      isolatedLiquidationStep(market, position, policy as LiquidationPolicy, { markPrice: 50000 });
    expectLiqMathError(() => run({ kind: 'random' }), 'INVALID_OPTION', 'policy.kind');
    expectLiqMathError(() => run({ ...hyperliquid, fraction: 0 }), 'RATE_OUT_OF_RANGE', 'policy.fraction');
    expectLiqMathError(() => run({ ...hyperliquid, cooldownSeconds: 1.5 }), 'INVALID_NUMBER', 'policy.cooldownSeconds');
    expectLiqMathError(() => run({ ...dydx, maxPortion: '1.5' }), 'RATE_OUT_OF_RANGE', 'policy.maxPortion');
    expectLiqMathError(
      () => run({ kind: 'shortage', liquidatorFee: 1, insuranceFee: 0 }),
      'RATE_OUT_OF_RANGE',
      'policy.liquidatorFee',
    );
    expectLiqMathError(() => run({ kind: 'tier-step-down', extra: 1 }), 'UNKNOWN_FIELD', 'policy.extra');
  });
});

describe('liquidation plans', () => {
  const policies: LiquidationPolicy[] = [
    { kind: 'tier-step-down' },
    hyperliquid,
    dydx,
    { kind: 'shortage', liquidatorFee: '0.001', insuranceFee: '0' },
  ];

  it('terminate within the bound, each step reduces the position, and end healthy or closed', () => {
    fc.assert(
      fc.property(
        isolatedCase,
        fc.constantFrom(...policies),
        decimalIn(0.85, 1.15, 3),
        decimalIn(0, 0.002, 4),
        ({ spec, position }, policy, shift, fee) => {
          const market = defineMarket({
            symbol: 'X',
            contract: spec.contract,
            settle: 'USD',
            contractSize: spec.contractSize,
            tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]),
            lotSize: '0.001',
          });
          const mark = new Big(position.entryPrice).times(shift).round(2);
          const plan = isolatedLiquidationPlan(market, position, policy, { markPrice: mark, feeRate: fee });
          expect(plan.length).toBeLessThanOrEqual(MAX_PLAN_STEPS);
          let remaining = new Big(position.size);
          plan.forEach((step, k) => {
            expect(step.size.gt(0)).toBe(true);
            expect(step.remainingSize.eq(remaining.minus(step.size.toString()))).toBe(true);
            remaining = new Big(step.remainingSize.toString());
            const last = k === plan.length - 1;
            if (!last) expect(step.full).toBe(false);
            if (last) expect(step.full || step.equityAfter.gte(step.requirementAfter)).toBe(true);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('policy steps at their edges (worked by hand)', () => {
  // Four tiers; cum₁ = 50, cum₂ = 50 + 1,250 = 1,300. A long of 10 at 60,000 with margin 21,000,
  // marked at 58,000: equity 1,000, notional 580,000 (third tier), MM 5,800 − 1,300 = 4,500.
  const rows = [
    { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
    { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
    { cap: 1000000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
    { cap: null, maintenanceMarginRate: '0.025', maxLeverage: 20 },
  ];
  const withLot = (lotSize?: string) =>
    defineMarket({
      symbol: 'BTC',
      contract: 'linear',
      settle: 'USD',
      tiers: defineTiers(rows),
      ...(lotSize === undefined ? {} : { lotSize }),
    });
  const position = { side: 'long', size: 10, entryPrice: 60000, margin: 21000 } as const;
  const options = { markPrice: 58000 };
  const sizeOf = (step: ReturnType<typeof isolatedLiquidationStep>) =>
    step.status === 'close' ? [step.size.toString(), step.full] : step.status;

  it('tier step-down passes over a lower tier whose maintenance is still not met', () => {
    // Down to the second tier: 4.310 left (250,000/58,000 rounded down), MM 0.005·249,980 − 50 = 1,199.9 > 1,000.
    // Down to the first: 0.862 left, MM 0.004·49,996 = 199.984 ≤ 1,000: close 10 − 0.862.
    expect(sizeOf(isolatedLiquidationStep(withLot('0.001'), position, { kind: 'tier-step-down' }, options))).toEqual([
      '9.138',
      false,
    ]);
    // Without a lot the remainder sits exactly at the cap: 250,000/58,000 fails, 50,000/58,000 meets.
    const step = isolatedLiquidationStep(withLot(), position, { kind: 'tier-step-down' }, options);
    expect(step.status === 'close' && step.size.toFixed(20)).toBe(
      new Big(10).minus(new Big(50000).div(58000)).toFixed(20),
    );
  });

  it('capped: a portion, the per-step maximum, at least one lot, and everything when within the limit', () => {
    const capped = (maxNotional: number, minNotional = 1000, maxPortion = '0.1') =>
      ({ kind: 'capped', minNotional, maxPortion, maxNotional }) as const;
    // 10% of 580,000 = 58,000 = 1 contract at 58,000.
    expect(sizeOf(isolatedLiquidationStep(withLot('0.001'), position, capped(100000), options))).toEqual(['1', false]);
    // Capped at 20,000: 20,000/58,000 = 0.3448… rounded down to the lot.
    expect(sizeOf(isolatedLiquidationStep(withLot('0.001'), position, capped(20000), options))).toEqual([
      '0.344',
      false,
    ]);
    // A limit under one lot of 1 contract (58,000) closes one lot.
    expect(sizeOf(isolatedLiquidationStep(withLot('1'), position, capped(20000), options))).toEqual(['1', false]);
    // A limit at or above the whole notional closes everything.
    expect(sizeOf(isolatedLiquidationStep(withLot('0.001'), position, capped(1000000, 1000, '1'), options))).toEqual([
      '10',
      true,
    ]);
    // The minimum notional wins over a smaller portion: max(min(5,000, 580,000), 580,000·0.001 = 580) = 5,000.
    const floor = isolatedLiquidationStep(withLot(), position, capped(100000, 5000, '0.001'), options);
    expect(floor.status === 'close' && floor.size.toFixed(30)).toBe('0.086206896551724137931034482759');
  });

  it('shortage: everything when the fees leave nothing to divide by', () => {
    const policy = { kind: 'shortage', liquidatorFee: '0.01', insuranceFee: 0 } as const;
    expect(sizeOf(isolatedLiquidationStep(withLot('0.001'), position, policy, options))).toEqual(['10', true]);
    // With room: (4,500 − 1,000) / (58,000·(0.01 − 0.005)) = 12.06… ≥ the position: everything too.
    const room = { kind: 'shortage', liquidatorFee: '0.005', insuranceFee: 0 } as const;
    expect(sizeOf(isolatedLiquidationStep(withLot('0.001'), position, room, options))).toEqual(['10', true]);
  });

  it('fraction: exact without a lot; everything when the remainder would be under the minimum', () => {
    const policy = { ...hyperliquid, threshold: 0 };
    // 20% of 10; equity 1,000 < ⅔ of 4,500: the backstop flag is up.
    const step = isolatedLiquidationStep(withLot(), position, policy, options);
    expect(sizeOf(step)).toEqual(['2', false]);
    expect(step.status === 'close' && [step.cooldownSeconds, step.backstop]).toEqual([30, true]);
    const unlotted = isolatedLiquidationStep(withLot(), { ...position, size: '10.5' }, policy, options);
    expect(sizeOf(unlotted)).toEqual(['2.1', false]);
    const minimum = isolatedLiquidationStep(withLot(), position, policy, { ...options, minimumRemaining: '8.5' });
    expect(sizeOf(minimum)).toEqual(['10', true]);
  });

  it('refuses a cooldown that is not a whole number of seconds', () => {
    for (const cooldownSeconds of [30.5, -1, '30', null]) {
      expectLiqMathError(
        () =>
          isolatedLiquidationStep(
            withLot(),
            position,
            { ...hyperliquid, cooldownSeconds } as unknown as LiquidationPolicy,
            options,
          ),
        'INVALID_NUMBER',
        'policy.cooldownSeconds',
      );
    }
  });
});
