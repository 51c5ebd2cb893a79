/**
 * The bad-input matrix for the API after the engine (partial liquidation, plans, settlement, ADL,
 * the liquidation index, dYdX, venue markets), in one table: each function is called from a good
 * set of arguments with one field replaced, and every kind of bad value must give a LiqMathError
 * whose `field` is the argument path (`options.markPrice`, `policy.backstopBelow.numerator`) —
 * never a result, never a TypeError from inside — and carries the value as passed. Each cell
 * asserts code, field and value; the wording of each distinct message is pinned once in
 * `error-messages.test.ts`. Session-1 functions: `bad-input.test.ts`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addToIndex,
  adlQueue,
  adlScore,
  binanceUsdm,
  buildLiquidationIndex,
  bybitLinear,
  crossLiquidationPrices,
  crossMinimumCloseSize,
  crossSliceBankruptcyPrice,
  defineMarket,
  defineTiers,
  deleverage,
  dydxBankruptcyQuote,
  dydxFillablePrice,
  isolatedLiquidationPlan,
  isolatedLiquidationStep,
  isolatedMinimumCloseSize,
  type LiqMathErrorCode,
  liquidatable,
  replaceInIndex,
  settleCrossLiquidation,
  settleIsolatedLiquidation,
  sizeToCoverShortage,
  tiersFromCcxt,
} from '../src/index.js';
import { expectLiqMathErrorCode } from './helpers.js';

/**
 * `action` is refused with a LiqMathError (`isLiqMathError`) of this code at this field, and the
 * error carries `value` exactly as passed (`Object.is`, so `-0` is not `0`).
 */
function expectRefused(action: () => unknown, code: LiqMathErrorCode, field: string, value: unknown): void {
  const error = expectLiqMathErrorCode(action, code, field);
  expect(error.value).toBe(value);
}

// A cell that asserts nothing cannot fail: every test here must reach at least one expect.
beforeEach(() => {
  expect.hasAssertions();
});

const tiers = defineTiers([
  { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
]);
const market = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', lotSize: '0.001', tiers });

/** What a numeric field requires: decides the code for zero, negatives and -0. */
type Rule = 'any' | 'nonZero' | 'nonNegative' | 'positive' | 'share' | 'fee' | 'leverage';

const signCodes: Record<Rule, Record<'negative' | 'zero' | 'negativeZero', LiqMathErrorCode | null>> = {
  any: { negative: null, zero: null, negativeZero: null },
  // A signed size: either side of zero, never zero (dYdX's positionSize; its code is NOT_POSITIVE).
  nonZero: { negative: null, zero: 'NOT_POSITIVE', negativeZero: 'NOT_POSITIVE' },
  nonNegative: { negative: 'NEGATIVE', zero: null, negativeZero: 'NEGATIVE' },
  positive: { negative: 'NOT_POSITIVE', zero: 'NOT_POSITIVE', negativeZero: 'NOT_POSITIVE' },
  share: { negative: 'RATE_OUT_OF_RANGE', zero: 'RATE_OUT_OF_RANGE', negativeZero: 'RATE_OUT_OF_RANGE' },
  fee: { negative: 'RATE_OUT_OF_RANGE', zero: null, negativeZero: 'RATE_OUT_OF_RANGE' },
  leverage: { negative: 'LEVERAGE_OUT_OF_RANGE', zero: 'LEVERAGE_OUT_OF_RANGE', negativeZero: 'LEVERAGE_OUT_OF_RANGE' },
};

type Args = Record<string, unknown>;

interface Entry {
  readonly name: string;
  /** Good arguments by parameter name; the call must succeed on them. */
  readonly good: () => Args;
  readonly call: (args: Args) => unknown;
  /** Numeric fields: path (also the error's field), rule, and whether leaving it out is allowed. */
  readonly numbers: readonly (readonly [path: string, rule: Rule, optional?: 'optional'])[];
  /** Enumerated fields: path, and one good value is replaced by wrong strings. */
  readonly choices?: readonly string[];
  /** Records that refuse a field they do not know (a typo in JavaScript), and any value that is not a record. */
  readonly records?: readonly string[];
  /** Payload records: any value that is not a record is refused, extra fields (a venue's own) are not. */
  readonly payloadRecords?: readonly string[];
  /** Arrays that refuse any value that is not an array. */
  readonly arrays?: readonly string[];
}

// biome-ignore lint/suspicious/noExplicitAny: the point is to call typed functions the way untyped JavaScript can.
type Loose = (...args: any[]) => unknown;
const loose = (fn: unknown) => fn as Loose;

const position = () => ({ side: 'long', size: 1, entryPrice: 60000, margin: 1000 });
const index = () => buildLiquidationIndex([{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 58000 }]);
const closeOptions = () => ({ markPrice: 59500, fillPrice: 59400, feeRate: '0.005', minimumRemaining: '0.002' });
const account = () => ({
  collateral: 1000,
  positions: [{ market, side: 'long', size: 1, entryPrice: 60000, markPrice: 59500 }],
});
const ref = () => ({ symbol: 'BTC', side: 'long' });
const fractionPolicy = () => ({
  kind: 'fraction',
  fraction: '0.2',
  threshold: 100000,
  cooldownSeconds: 30,
  backstopBelow: { numerator: 2, denominator: 3 },
});

const entries: Entry[] = [
  {
    name: 'isolatedMinimumCloseSize',
    good: () => ({ position: position(), options: { ...closeOptions(), target: { kind: 'buffer', buffer: '0.1' } } }),
    call: (a) => loose(isolatedMinimumCloseSize)(market, a.position, a.options),
    numbers: [
      ['position.size', 'positive'],
      ['position.entryPrice', 'positive'],
      ['position.margin', 'nonNegative'],
      ['options.markPrice', 'positive'],
      ['options.fillPrice', 'positive', 'optional'],
      ['options.feeRate', 'fee', 'optional'],
      ['options.minimumRemaining', 'nonNegative', 'optional'],
      ['options.target.buffer', 'nonNegative'],
    ],
    choices: ['position.side', 'options.target.kind'],
    records: ['options', 'options.target'],
    payloadRecords: ['position'],
  },
  {
    name: 'minimumCloseSize (initial target)',
    good: () => ({ position: position(), options: { markPrice: 59500, target: { kind: 'initial', leverage: 20 } } }),
    call: (a) => loose(isolatedMinimumCloseSize)(market, a.position, a.options),
    numbers: [['options.target.leverage', 'leverage']],
    records: ['options.target'],
  },
  {
    name: 'crossMinimumCloseSize',
    good: () => ({ account: account(), ref: ref(), options: { markPrice: 59500, feeRate: '0.005' } }),
    call: (a) => loose(crossMinimumCloseSize)(a.account, a.ref, a.options),
    numbers: [
      ['account.collateral', 'nonNegative'],
      ['account.positions[0].size', 'positive'],
      ['account.positions[0].entryPrice', 'positive'],
      ['options.feeRate', 'fee', 'optional'],
    ],
    choices: ['ref.side', 'account.positions[0].side'],
    records: ['options', 'ref'],
    payloadRecords: ['account', 'account.positions[0]'],
    arrays: ['account.positions'],
  },
  {
    name: 'liquidationStep (fraction)',
    good: () => ({ position: position(), policy: fractionPolicy(), options: { markPrice: 59500 } }),
    call: (a) => loose(isolatedLiquidationStep)(market, a.position, a.policy, a.options),
    numbers: [
      ['policy.fraction', 'share'],
      ['policy.threshold', 'nonNegative'],
      ['policy.backstopBelow.numerator', 'nonNegative'],
      ['policy.backstopBelow.denominator', 'positive'],
      ['options.markPrice', 'positive'],
    ],
    choices: ['policy.kind'],
    records: ['policy', 'policy.backstopBelow', 'options'],
    payloadRecords: ['position'],
  },
  {
    name: 'liquidationStep (capped)',
    good: () => ({
      position: position(),
      policy: { kind: 'capped', minNotional: 1000, maxPortion: '0.1', maxNotional: 100000 },
      options: { markPrice: 59500 },
    }),
    call: (a) => loose(isolatedLiquidationStep)(market, a.position, a.policy, a.options),
    numbers: [
      ['policy.minNotional', 'nonNegative'],
      ['policy.maxPortion', 'share'],
      ['policy.maxNotional', 'positive'],
    ],
    records: ['policy'],
  },
  {
    name: 'liquidationPlan (shortage)',
    good: () => ({
      position: position(),
      policy: { kind: 'shortage', liquidatorFee: '0.01', insuranceFee: 0 },
      options: { markPrice: 59500 },
    }),
    call: (a) => loose(isolatedLiquidationPlan)(market, a.position, a.policy, a.options),
    numbers: [
      ['policy.liquidatorFee', 'fee'],
      ['policy.insuranceFee', 'fee'],
      ['position.margin', 'nonNegative'],
    ],
    records: ['policy', 'options'],
    payloadRecords: ['position'],
  },
  {
    name: 'sizeToCoverShortage',
    good: () => ({
      input: { shortage: 10, price: 100, maintenanceRate: '0.1', liquidatorFee: '0.01', insuranceFee: 0 },
    }),
    call: (a) => loose(sizeToCoverShortage)(a.input),
    numbers: [
      ['input.shortage', 'nonNegative'],
      ['input.price', 'positive'],
      ['input.maintenanceRate', 'share'],
      ['input.liquidatorFee', 'fee'],
      ['input.insuranceFee', 'fee'],
    ],
    records: ['input'],
  },
  {
    name: 'settleIsolatedLiquidation',
    good: () => ({
      position: position(),
      input: { size: '0.5', fillPrice: 59100, feeRate: '0.005', surplusTo: 'fund', fundBalance: 100 },
    }),
    call: (a) => loose(settleIsolatedLiquidation)(market, a.position, a.input),
    numbers: [
      ['input.size', 'positive'],
      ['input.fillPrice', 'positive'],
      ['input.feeRate', 'fee', 'optional'],
      ['input.fundBalance', 'nonNegative', 'optional'],
    ],
    choices: ['input.surplusTo'],
    records: ['input'],
    payloadRecords: ['position'],
  },
  {
    name: 'settleCrossLiquidation',
    good: () => ({ account: account(), ref: ref(), input: { size: '0.5', fillPrice: 59100 } }),
    call: (a) => loose(settleCrossLiquidation)(a.account, a.ref, a.input),
    numbers: [
      ['input.size', 'positive'],
      ['input.fillPrice', 'positive'],
      ['account.positions[0].markPrice', 'positive'],
    ],
    records: ['input', 'ref'],
    payloadRecords: ['account'],
  },
  {
    name: 'crossSliceBankruptcyPrice',
    good: () => ({ account: account(), ref: ref(), size: '0.5' }),
    call: (a) => loose(crossSliceBankruptcyPrice)(a.account, a.ref, a.size),
    numbers: [['size', 'positive']],
    choices: ['ref.side'],
  },
  {
    name: 'crossLiquidationPrices',
    good: () => ({ account: account() }),
    call: (a) => loose(crossLiquidationPrices)(a.account),
    numbers: [
      ['account.collateral', 'nonNegative'],
      ['account.positions[0].size', 'positive'],
      ['account.positions[0].markPrice', 'positive'],
    ],
    choices: ['account.positions[0].side'],
    payloadRecords: ['account', 'account.positions[0]'],
  },
  {
    name: 'adlScore (pnl-leverage)',
    good: () => ({
      input: {
        method: 'pnl-leverage',
        market,
        side: 'long',
        size: 1,
        entryPrice: 50000,
        markPrice: 60000,
        bankruptcyPrice: 40000,
      },
    }),
    call: (a) => loose(adlScore)(a.input),
    numbers: [
      ['input.size', 'positive'],
      ['input.entryPrice', 'positive'],
      ['input.markPrice', 'positive'],
      ['input.bankruptcyPrice', 'positive'],
    ],
    choices: ['input.method', 'input.side'],
    records: ['input'],
  },
  {
    name: 'adlScore (binance)',
    good: () => ({ input: { method: 'binance', unrealizedPnl: 100, walletBalance: 1000, maintenanceMargin: 10 } }),
    call: (a) => loose(adlScore)(a.input),
    numbers: [
      ['input.unrealizedPnl', 'any'],
      ['input.walletBalance', 'any'],
      ['input.maintenanceMargin', 'nonNegative'],
    ],
    records: ['input'],
  },
  {
    name: 'adlQueue',
    good: () => ({ candidates: [{ id: 'a', size: 1, score: '0.5' }] }),
    call: (a) => loose(adlQueue)(a.candidates),
    numbers: [
      ['candidates[0].size', 'positive'],
      ['candidates[0].score', 'any'],
    ],
    payloadRecords: ['candidates[0]'],
    arrays: ['candidates'],
  },
  {
    name: 'deleverage',
    good: () => ({ size: 1, bankruptcyPrice: 40000 }),
    call: (a) => loose(deleverage)(adlQueue([{ id: 'a', size: 2, score: 1 }]), a.size, a.bankruptcyPrice),
    numbers: [
      ['size', 'positive'],
      ['bankruptcyPrice', 'positive'],
    ],
  },
  {
    name: 'liquidatable',
    good: () => ({ markPrice: 59000 }),
    call: (a) =>
      loose(liquidatable)(
        buildLiquidationIndex([{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 58000 }]),
        'BTC',
        a.markPrice,
      ),
    numbers: [['markPrice', 'positive']],
  },
  {
    name: 'buildLiquidationIndex',
    good: () => ({ positions: [{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 58000 }] }),
    call: (a) => loose(buildLiquidationIndex)(a.positions),
    numbers: [],
    choices: ['positions[0].side'],
    payloadRecords: ['positions[0]'],
    arrays: ['positions'],
  },
  {
    name: 'addToIndex',
    good: () => ({ position: { id: 'b', symbol: 'BTC', side: 'short', liquidationPrice: '61000' } }),
    call: (a) => loose(addToIndex)(index(), a.position),
    numbers: [],
    choices: ['position.side'],
    payloadRecords: ['position'],
  },
  {
    name: 'replaceInIndex',
    good: () => ({ position: { id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: '57000' } }),
    call: (a) => loose(replaceInIndex)(index(), a.position),
    numbers: [],
    choices: ['position.side'],
    payloadRecords: ['position'],
  },
  {
    name: 'tiersFromCcxt',
    good: () => ({
      tiers: [
        { tier: 1, minNotional: 0, maxNotional: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
        { tier: 2, minNotional: 50000, maxNotional: 600000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
      ],
    }),
    call: (a) => loose(tiersFromCcxt)(a.tiers),
    payloadRecords: ['tiers[0]'],
    arrays: ['tiers'],
    numbers: [
      ['tiers[1].maintenanceMarginRate', 'share'],
      ['tiers[0].maxLeverage', 'leverage'],
    ],
  },
  {
    name: 'bybitLinear.market (with a taker fee)',
    good: () => ({
      payload: {
        list: [
          {
            id: 1,
            symbol: 'BTCUSDT',
            riskLimitValue: '2000000',
            maintenanceMargin: '0.005',
            maxLeverage: '100',
            mmDeduction: '',
          },
        ],
      },
      options: { tickSize: '0.5', takerFeeRate: '0.00055', contractSize: 1 },
    }),
    call: (a) => bybitLinear.market(a.payload as never, a.options as never),
    numbers: [
      ['options.takerFeeRate', 'fee', 'optional'],
      ['options.contractSize', 'positive', 'optional'],
    ],
    records: ['options'],
  },
  {
    name: 'dydxFillablePrice',
    good: () => ({
      input: {
        positionSize: 10,
        oraclePrice: 3000,
        maintenanceFraction: '0.05',
        totalNetCollateral: 1000,
        totalMaintenanceMargin: 1500,
        tickSize: '0.1',
      },
    }),
    call: (a) => loose(dydxFillablePrice)(a.input),
    numbers: [
      ['input.positionSize', 'nonZero'],
      ['input.oraclePrice', 'positive'],
      ['input.maintenanceFraction', 'positive'],
      ['input.totalMaintenanceMargin', 'positive'],
      ['input.totalNetCollateral', 'any'],
      ['input.tickSize', 'positive', 'optional'],
    ],
    records: ['input'],
  },
  {
    name: 'dydxBankruptcyQuote',
    good: () => ({
      input: { deltaNetNotional: -3000, deltaMaintenance: -150, totalNetCollateral: 100, totalMaintenanceMargin: 150 },
    }),
    call: (a) => loose(dydxBankruptcyQuote)(a.input),
    numbers: [
      ['input.deltaNetNotional', 'any'],
      ['input.deltaMaintenance', 'any'],
      ['input.totalNetCollateral', 'any'],
      ['input.totalMaintenanceMargin', 'positive'],
    ],
    records: ['input'],
  },
  {
    name: 'binanceUsdm.market',
    good: () => ({
      payload: [
        {
          symbol: 'BTCUSDT',
          brackets: [
            { bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 },
            {
              bracket: 2,
              initialLeverage: 100,
              notionalCap: 250000,
              notionalFloor: 50000,
              maintMarginRatio: 0.005,
              cum: 50,
            },
          ],
        },
      ],
      options: { symbol: 'BTCUSDT', tickSize: '0.1', lotSize: '0.001' },
    }),
    call: (a) => binanceUsdm.market(a.payload as never, a.options as never),
    numbers: [
      ['options.tickSize', 'positive', 'optional'],
      ['options.lotSize', 'positive', 'optional'],
    ],
    records: ['options'],
  },
];

const malformed: [string, unknown][] = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['""', ''],
  ['"abc"', 'abc'],
  ['"1,0"', '1,0'],
  ['null', null],
  ['{}', {}],
  ['[1]', [1]],
  ['true', true],
  ['1n', 1n],
];

/** A deep copy of `args` with the value at `path` (`a.b[0].c`) replaced, or removed for `undefined`. */
function replaced(args: Args, path: string, value: unknown): Args {
  const copy = structuredCloneLoose(args) as Args;
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Copies plain objects and arrays; keeps everything else (markets, tables: frozen and branded) by reference. */
function structuredCloneLoose(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return value.map(structuredCloneLoose);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneLoose(v)]));
  }
  return value;
}

/** Enumerated fields with a default: `settleIsolatedLiquidation`'s surplus goes to the fund unless told. */
const OPTIONAL_CHOICES = new Set(['input.surplusTo']);

describe.each(entries)('$name', (entry) => {
  it('answers on the good arguments, and on them deep-frozen and behind a proxy', () => {
    const good = entry.good();
    expect(() => entry.call(good)).not.toThrow();
    const frozen = deepFreeze(entry.good());
    expect(() => entry.call(frozen)).not.toThrow();
    const proxied = Object.fromEntries(Object.entries(entry.good()).map(([k, v]) => [k, proxy(v)]));
    expect(() => entry.call(proxied)).not.toThrow();
  });

  describe.each(entry.numbers.map(([path, rule, optional]) => ({ path, rule, optional })))(
    '$path',
    ({ path, rule, optional }) => {
      it.each(malformed)('refuses %s with INVALID_NUMBER', (_label, bad) => {
        expectRefused(() => entry.call(replaced(entry.good(), path, bad)), 'INVALID_NUMBER', path, bad);
      });

      it('refuses magnitudes beyond the supported range', () => {
        expectRefused(() => entry.call(replaced(entry.good(), path, '1e400')), 'NUMBER_OUT_OF_RANGE', path, '1e400');
      });

      it(optional ? 'may be left out' : 'must be given (MISSING_FIELD)', () => {
        const call = () => entry.call(replaced(entry.good(), path, undefined));
        if (optional) expect(call).not.toThrow();
        else expectRefused(call, path.includes('.') ? 'MISSING_FIELD' : 'INVALID_NUMBER', path, undefined);
      });

      it.each([
        ['-5', '-5', 'negative'],
        ['-0', -0, 'negativeZero'],
        ['0', 0, 'zero'],
      ] as const)('applies its sign rule to %s', (_label, value, kind) => {
        const code = signCodes[rule][kind];
        const call = () => entry.call(replaced(entry.good(), path, value));
        if (code !== null) expectRefused(call, code, path, value);
        else expect(call).not.toThrow();
      });
    },
  );

  if (entry.choices !== undefined && entry.choices.length > 0) {
    it.each(entry.choices)('%s refuses wrong enum values with INVALID_OPTION', (path) => {
      for (const bad of ['LONG', 'sideways', '', 1, null]) {
        expectRefused(() => entry.call(replaced(entry.good(), path, bad)), 'INVALID_OPTION', path, bad);
      }
    });

    it.each(entry.choices)('%s must be given, or has its documented default', (path) => {
      const call = () => entry.call(replaced(entry.good(), path, undefined));
      if (OPTIONAL_CHOICES.has(path)) expect(call()).toBeDefined();
      else expectRefused(call, 'MISSING_FIELD', path, undefined);
    });
  }

  const shapes = [...(entry.records ?? []), ...(entry.payloadRecords ?? []), ...(entry.arrays ?? [])];
  if (shapes.length > 0) {
    it.each(shapes)('%s refuses a value of the wrong shape (INVALID_TYPE)', (path) => {
      const isArray = entry.arrays?.includes(path) ?? false;
      for (const bad of [null, 5, 'x', isArray ? {} : []]) {
        expectRefused(() => entry.call(replaced(entry.good(), path, bad)), 'INVALID_TYPE', path, bad);
      }
    });
  }

  if (entry.records !== undefined && entry.records.length > 0) {
    it.each(entry.records)('%s refuses a field it does not know (UNKNOWN_FIELD)', (path) => {
      expectRefused(
        () => entry.call(replaced(entry.good(), `${path}.leverge`, 10)),
        'UNKNOWN_FIELD',
        `${path}.leverge`,
        10,
      );
    });
  }
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * A transparent proxy over plain records and arrays (what a reactive UI framework hands over).
 * Markets and tables are not proxied: liqmath knows them by identity (made by defineMarket).
 */
function proxy(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return new Proxy(value.map(proxy), {});
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return new Proxy(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, proxy(v)])), {});
  }
  return value;
}
