/**
 * Immutability across the public API: every function works on deep-frozen inputs, leaves them
 * unchanged, returns a deep-frozen result, and neither reads nor writes the caller's global
 * `Big` settings (the same answer with `Big.DP = 2`, `Big.RM = 0` set before the call, and
 * those settings still in place after it).
 */
import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  adlQueue,
  adlScore,
  binanceUsdm,
  buildLiquidationIndex,
  crossEquity,
  crossLiquidationPrice,
  crossLiquidationPrices,
  crossMarginRatio,
  crossMinimumCloseSize,
  crossRequirement,
  crossSliceBankruptcyPrice,
  defineMarket,
  defineTiers,
  deleverage,
  dydxBankruptcyQuote,
  dydxFillablePrice,
  initialMargin,
  isolatedBankruptcyPrice,
  isolatedEquity,
  isolatedLiquidationPlan,
  isolatedLiquidationPrice,
  isolatedLiquidationStep,
  isolatedMinimumCloseSize,
  isolatedRequirement,
  liquidatable,
  maintenanceMargin,
  maxLeverage,
  maxNotional,
  roundLiquidationPrice,
  roundToIncrement,
  settleCrossLiquidation,
  settleIsolatedLiquidation,
  sizeToCoverShortage,
  tierFor,
  tiersFromBybitRiskLimit,
  tiersFromCcxt,
} from '../src/index.js';

const rows = [
  { cap: '50000', maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: '250000', maintenanceMarginRate: '0.005', maxLeverage: 100 },
  { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
];
const tiers = defineTiers(rows);
const market = defineMarket({
  symbol: 'BTC',
  contract: 'linear',
  settle: 'USD',
  lotSize: '0.001',
  tickSize: '0.1',
  tiers,
});
const inverse = defineMarket({
  symbol: 'BTCUSD',
  contract: 'inverse',
  settle: 'BTC',
  contractSize: 100,
  closeFee: { rate: '0.00075', on: 'bankruptcy' },
  tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]),
});

// Fresh inputs per call (each test freezes its own copy). Values chosen so divisions do not terminate.
const position = () => ({ side: 'long', size: 3, entryPrice: '60000.7', margin: '7000.3' }) as const;
const account = () => ({
  collateral: '4000.3',
  positions: [
    { market, side: 'long', size: 3, entryPrice: '60000.7', markPrice: '59000.1' },
    { market, side: 'short', size: 1, entryPrice: '61000.3', markPrice: '59000.1' },
  ],
});
const ref = () => ({ symbol: 'BTC', side: 'long' }) as const;
const fraction = () =>
  ({
    kind: 'fraction',
    fraction: '0.2',
    threshold: 100000,
    cooldownSeconds: 30,
    backstopBelow: { numerator: 2, denominator: 3 },
  }) as const;

/** Each call gets its inputs (deep-frozen by the test) and returns the function's result. */
const calls: [string, () => unknown[], (...inputs: never[]) => unknown][] = [
  ['maintenanceMargin', () => [tiers, '123456.7'], (t, n) => maintenanceMargin(t, n)],
  ['initialMargin', () => [tiers, '123456.7', 7], (t, n, l) => initialMargin(t, n, l)],
  ['tierFor', () => [tiers, '60000'], (t, n) => tierFor(t, n)],
  ['maxLeverage', () => [tiers, '60000'], (t, n) => maxLeverage(t, n)],
  ['maxNotional', () => [tiers, 30], (t, l) => maxNotional(t, l)],
  ['roundToIncrement', () => ['5739.27', '0.5'], (v, i) => roundToIncrement(v, i, 'up')],
  ['liquidationPrice', () => [position()], (p) => isolatedLiquidationPrice(market, p)],
  [
    'liquidationPrice (inverse, fee)',
    () => [{ side: 'short', size: 7, entryPrice: '6000.3', leverage: 3 }],
    (p) => isolatedLiquidationPrice(inverse, p),
  ],
  ['bankruptcyPrice', () => [position()], (p) => isolatedBankruptcyPrice(market, p)],
  ['isolatedEquity', () => [position()], (p) => isolatedEquity(market, p, '59000.1')],
  ['isolatedRequirement', () => [position()], (p) => isolatedRequirement(market, p, '59000.1')],
  ['roundLiquidationPrice', () => ['58000.0333'], (x) => roundLiquidationPrice(market, 'long', x)],
  ['equity', () => [account()], (a) => crossEquity(a)],
  ['maintenanceRequirement', () => [account()], (a) => crossRequirement(a)],
  ['marginRatio', () => [account()], (a) => crossMarginRatio(a)],
  ['crossLiquidationPrice', () => [account()], (a) => crossLiquidationPrice(a, 'BTC')],
  ['crossLiquidationPrices', () => [account()], (a) => crossLiquidationPrices(a)],
  [
    'minimumCloseSize',
    () => [position(), { markPrice: '57000.3', feeRate: '0.005', target: { kind: 'buffer', buffer: '0.1' } }],
    (p, o) => isolatedMinimumCloseSize(market, p, o),
  ],
  [
    'crossMinimumCloseSize',
    () => [account(), ref(), { markPrice: '59000.1' }],
    (a, r, o) => crossMinimumCloseSize(a, r, o),
  ],
  [
    'liquidationStep',
    () => [position(), fraction(), { markPrice: '57000.3' }],
    (p, f, o) => isolatedLiquidationStep(market, p, f, o),
  ],
  [
    'liquidationPlan',
    () => [position(), fraction(), { markPrice: '57000.3' }],
    (p, f, o) => isolatedLiquidationPlan(market, p, f, o),
  ],
  [
    'sizeToCoverShortage',
    () => [{ shortage: 10, price: 3, maintenanceRate: '0.1', liquidatorFee: '0.01', insuranceFee: 0 }],
    (i) => sizeToCoverShortage(i),
  ],
  [
    'settleLiquidation',
    () => [position(), { size: 1, fillPrice: '57000.3', feeRate: '0.005' }],
    (p, i) => settleIsolatedLiquidation(market, p, i),
  ],
  ['crossSliceBankruptcyPrice', () => [account(), ref(), '1.5'], (a, r, s) => crossSliceBankruptcyPrice(a, r, s)],
  [
    'settleCrossLiquidation',
    () => [account(), ref(), { size: 1, fillPrice: '57000.3' }],
    (a, r, i) => settleCrossLiquidation(a, r, i),
  ],
  [
    'adlScore',
    () => [{ method: 'binance', unrealizedPnl: 100, walletBalance: 3, maintenanceMargin: 7 }],
    (i) => adlScore(i),
  ],
  [
    'adlQueue',
    () => [
      [
        { id: 'a', size: 1, score: '0.5' },
        { id: 'b', size: 3, score: '0.7' },
      ],
    ],
    (c) => adlQueue(c),
  ],
  ['deleverage', () => [3, '57000.3'], (s, b) => deleverage(adlQueue([{ id: 'a', size: 7, score: 1 }]), s, b)],
  [
    'buildLiquidationIndex + liquidatable',
    () => [[{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: '58000.1' }]],
    (p) => liquidatable(buildLiquidationIndex(p), 'BTC', '57000'),
  ],
  [
    'dydxFillablePrice',
    () => [
      {
        positionSize: '0.1',
        oraclePrice: 3000,
        maintenanceFraction: '0.1',
        totalNetCollateral: 10,
        totalMaintenanceMargin: 50,
      },
    ],
    (i) => dydxFillablePrice(i),
  ],
  [
    'dydxBankruptcyQuote',
    () => [{ deltaNetNotional: -3000, deltaMaintenance: -150, totalNetCollateral: 100, totalMaintenanceMargin: 150 }],
    (i) => dydxBankruptcyQuote(i),
  ],
  [
    'tiersFromCcxt',
    () => [[{ tier: 1, minNotional: 0, maxNotional: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 }]],
    (t) => tiersFromCcxt(t),
  ],
  [
    'tiersFromBybitRiskLimit',
    () => [
      {
        result: {
          list: [
            {
              id: 1,
              symbol: 'BTCUSDT',
              riskLimitValue: '2000000',
              maintenanceMargin: '0.005',
              initialMargin: '0.01',
              maxLeverage: '100.00',
            },
          ],
        },
      },
    ],
    (p) => tiersFromBybitRiskLimit(p, 'BTCUSDT'),
  ],
  [
    'binanceUsdm.market',
    () => [
      [
        {
          symbol: 'BTCUSDT',
          brackets: [
            { bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 },
          ],
        },
      ],
      { tickSize: '0.1' },
    ],
    (b, o) => binanceUsdm.market(b, o),
  ],
];

/** Freezes every plain object and array reachable from a value (markets and tables already are). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The first path under `value` that is not frozen, or null. Big digit arrays count. */
function unfrozenPath(value: unknown, path = 'result', seen = new Set<unknown>()): string | null {
  if (value === null || typeof value !== 'object' || seen.has(value)) return null;
  seen.add(value);
  if (!Object.isFrozen(value)) return path;
  for (const [key, inner] of Object.entries(value)) {
    const found = unfrozenPath(inner, `${path}.${key}`, seen);
    if (found !== null) return found;
  }
  return null;
}

/** A text form of a result that shows every digit of every decimal. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner instanceof Object && 'c' in inner && 'e' in inner ? String(inner) : inner,
  );
}

const defaults = { DP: Big.DP, RM: Big.RM };
afterEach(() => {
  Big.DP = defaults.DP;
  Big.RM = defaults.RM;
});

describe.each(calls)('%s', (_name, inputs, call) => {
  it('works on deep-frozen inputs and leaves them as they were', () => {
    const given = inputs().map(deepFreeze);
    const before = fingerprint(given);
    call(...(given as never[]));
    expect(fingerprint(given)).toBe(before);
  });

  it('returns a deep-frozen result', () => {
    const result = call(...(inputs() as never[]));
    expect(unfrozenPath(result)).toBeNull();
  });

  it("gives the same answer whatever the caller's Big.DP and Big.RM, and leaves them set", () => {
    const expected = fingerprint(call(...(inputs() as never[])));
    Big.DP = 2;
    Big.RM = 0;
    const actual = fingerprint(call(...(inputs() as never[])));
    expect({ DP: Big.DP, RM: Big.RM }).toEqual({ DP: 2, RM: 0 });
    expect(actual).toBe(expected);
  });
});

it('the fingerprint shows every digit, so a result rounded to 2 places would differ', () => {
  const price = isolatedLiquidationPrice(market, position());
  expect(fingerprint(price).length).toBeGreaterThan(30);
});
