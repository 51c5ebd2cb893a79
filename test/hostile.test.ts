/**
 * Hostile input, across every export: forged Bigs, Proxies with throwing traps, getters that
 * change their answer, holes, inherited (polluted) fields, frozen and sealed records, huge strings
 * and arrays. The only outcomes allowed are the unchanged correct answer or a LiqMathError, each
 * call within a time limit. The attack → outcome table is in docs/testing.md.
 */
import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import * as liqmath from '../src/index.js';
import {
  binanceUsdm,
  buildLiquidationIndex,
  crossLiquidationPrices,
  defineMarket,
  defineTiers,
  isLiqMathError,
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
  isolatedMinimumCloseSize,
  isolatedRequirement,
  LIMITS,
  maintenanceMargin,
  settleIsolatedLiquidation,
} from '../src/index.js';

/** Generous for a 2-core CI machine; every call here is expected to take milliseconds. */
const TIME_LIMIT_MS = 3000;

/** Runs `call`; passes when it returns or throws a LiqMathError within the time limit. */
function survives(label: string, call: () => unknown): { value?: unknown; error?: unknown } {
  const started = performance.now();
  let outcome: { value?: unknown; error?: unknown };
  try {
    outcome = { value: call() };
  } catch (error) {
    outcome = { error };
  }
  const elapsed = performance.now() - started;
  expect(elapsed, `${label}: ${elapsed.toFixed(0)} ms`).toBeLessThan(TIME_LIMIT_MS);
  if ('error' in outcome) {
    const error = outcome.error as Error;
    expect(isLiqMathError(error), `${label}: threw ${error?.constructor?.name}: ${error?.message}`).toBe(true);
  }
  return outcome;
}

const forge = (fields: Record<string, unknown>) => Object.assign(new Big(0), fields);

/** Values no caller should be able to crash, hang or fool liqmath with. */
const HOSTILE: readonly (readonly [string, () => unknown])[] = [
  ['a Big with a 1e12 exponent', () => forge({ c: [1], e: 1e12, s: 1 })],
  ['a Big with 100,000 digits', () => forge({ c: new Array(100_000).fill(9), e: 99_999, s: 1 })],
  ['a Big with a digit 1e308', () => forge({ c: [1e308], e: 0, s: 1 })],
  ['a Big with a fractional exponent', () => forge({ c: [1, 2], e: 0.5, s: 1 })],
  ['a Big with sign 0', () => forge({ c: [1], e: 0, s: 0 })],
  ['a Big with no fields', () => Object.create(Big.prototype)],
  ['a Big whose digits are a Proxy', () => forge({ c: new Proxy([1], { get: () => 5 }), e: 0, s: 1 })],
  [
    'a Proxy whose every trap throws',
    () =>
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
          ownKeys: () => {
            throw new Error('trap');
          },
          has: () => {
            throw new Error('trap');
          },
          getPrototypeOf: () => {
            throw new Error('trap');
          },
        },
      ),
  ],
  [
    'a revoked Proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
  ],
  // biome-ignore lint/suspicious/noSparseArray: the hole is the attack
  ['an array with holes', () => [1, , 3]],
  ['an array of 5 holes', () => new Array(5)],
  ['a dense array of 1,000,000 zeros', () => new Array(1_000_000).fill(0)],
  ['a 1,000,000-character string', () => 'x'.repeat(1_000_000)],
  ['a 1,000,000-digit numeric string', () => '9'.repeat(1_000_000)],
  ['a 300 KB symbol-like string', () => 'USD'.repeat(100_000)],
  ['NaN', () => Number.NaN],
  ['-Infinity', () => Number.NEGATIVE_INFINITY],
  [
    'a record whose own getters throw',
    () =>
      Object.defineProperties(
        {},
        Object.fromEntries(
          ['id', 'symbol', 'side', 'size', 'score', 'liquidationPrice', 'entryPrice', 'market', 'contract'].map(
            (key) => [
              key,
              {
                enumerable: true,
                get: () => {
                  throw new Error(`getter ${key}`);
                },
              },
            ],
          ),
        ),
      ),
  ],
  ['a symbol', () => Symbol('x')],
  ['a bigint', () => 10n],
  ['a function', () => () => 1],
  ['null', () => null],
  [
    'an object with a toString that throws',
    () => ({
      toString: () => {
        throw new Error('no');
      },
    }),
  ],
];

const exported = Object.entries(liqmath as Record<string, unknown>).filter(
  (entry): entry is [string, (...args: unknown[]) => unknown] =>
    typeof entry[1] === 'function' && entry[0] !== 'LiqMathError' && entry[0] !== 'isLiqMathError',
);
const venues = Object.entries(liqmath.VENUES);

describe('every export survives hostile arguments', () => {
  for (const [name, fn] of exported) {
    it(`${name}: each hostile value in each of its first three arguments`, () => {
      for (const [label, make] of HOSTILE) {
        for (let at = 0; at < Math.max(1, Math.min(3, fn.length)); at += 1) {
          const args: unknown[] = [undefined, undefined, undefined];
          args[at] = make();
          survives(`${name}(arg ${at} = ${label})`, () => fn(...args));
        }
      }
    });
  }

  for (const [id, venue] of venues) {
    it(`${id}.market and asOf: each hostile value as payload, options and date`, () => {
      for (const [label, make] of HOSTILE) {
        survives(`${id}.market(${label})`, () => (venue.market as (p: unknown, o: unknown) => unknown)(make(), {}));
        survives(`${id}.market(payload, ${label})`, () =>
          (venue.market as (p: unknown, o: unknown) => unknown)([], make()),
        );
        survives(`${id}.asOf(${label})`, () => venue.asOf(make() as string));
      }
    });
  }
});

const tiers = defineTiers([
  { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
]);
const market = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', lotSize: '0.001', tiers });
const good = { side: 'long', size: '0.5', entryPrice: '60000', margin: '3000' } as const;

describe('records are read once, own fields only', () => {
  const POLLUTION = [
    'maintenanceAmount',
    'contractSize',
    'closeFee',
    'fundingRate',
    'priceRounding',
    'liquidatableWhen',
    'leverage',
    'margin',
    'tickSize',
    'lotSize',
  ] as const;
  afterEach(() => {
    for (const key of POLLUTION) delete (Object.prototype as Record<string, unknown>)[key];
  });

  it('a polluted Object.prototype changes no answer', () => {
    const before = {
      liq: isolatedLiquidationPrice(market, good)?.toString(),
      mm: maintenanceMargin(
        defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]),
        1000,
      ).toString(),
      fee: defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers }).closeFee,
    };
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.maintenanceAmount = '999';
    polluted.contractSize = '1000';
    polluted.closeFee = { rate: '0.5', on: 'mark' };
    polluted.fundingRate = '0.5';
    polluted.priceRounding = 'none';
    polluted.liquidatableWhen = 'equity < requirement';
    polluted.leverage = 2;
    polluted.tickSize = '1000';
    const again = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', lotSize: '0.001', tiers });
    expect(isolatedLiquidationPrice(again, good)?.toString()).toBe(before.liq);
    expect(
      maintenanceMargin(defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]), 1000).toString(),
    ).toBe(before.mm);
    expect(defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers }).closeFee).toBe(before.fee);
    expect(again.tickSize).toBeNull();
  });

  it('a getter that changes its answer is read once: the answer is that of its first value', () => {
    const reads = new Map<string, number>();
    let flips = 0;
    const position = new Proxy(
      { ...good },
      {
        get(target, key, receiver) {
          if (typeof key === 'string') reads.set(key, (reads.get(key) ?? 0) + 1);
          if (key === 'side') return flips++ === 0 ? 'long' : 'short';
          return Reflect.get(target, key, receiver);
        },
      },
    );
    expect(isolatedLiquidationPrice(market, position)?.toString()).toBe(
      isolatedLiquidationPrice(market, good)?.toString(),
    );
    for (const [key, count] of reads) expect(count, `${key} read ${count} times`).toBe(1);
    let sides = 0;
    const settlement = settleIsolatedLiquidation(
      market,
      new Proxy(
        { ...good },
        { get: (t, k, r) => (k === 'side' ? (sides++ === 0 ? 'long' : 'short') : Reflect.get(t, k, r)) },
      ),
      { size: '0.5', fillPrice: '55000' },
    );
    expect(settlement.bankruptcyPrice.toString()).toBe(isolatedBankruptcyPrice(market, good)?.toString());
  });

  it('frozen, sealed and Proxy-wrapped records give the same answers', () => {
    const expected = isolatedLiquidationPrice(market, good)?.toString();
    for (const wrapped of [Object.freeze({ ...good }), Object.seal({ ...good }), new Proxy({ ...good }, {})]) {
      expect(isolatedLiquidationPrice(market, wrapped)?.toString()).toBe(expected);
    }
    expect(isolatedRequirement(market, Object.freeze({ ...good }), Object.freeze(new Big(60000))).toString()).toBe(
      isolatedRequirement(market, good, 60000).toString(),
    );
  });

  it('a Proxy around a market, a forged brand, or a copy of a market is refused', () => {
    for (const fake of [
      new Proxy(market, {}),
      { ...market },
      Object.assign(Object.create(Object.getPrototypeOf(market)), market),
      { [Symbol.for('liqmath.Market')]: true, ...market },
    ]) {
      const outcome = survives('a fake market', () => isolatedLiquidationPrice(fake as typeof market, good));
      expect((outcome.error as liqmath.LiqMathError | undefined)?.code).toBe('INVALID_TYPE');
    }
  });
});

describe("liqmath's Big settings and prototype cannot be reached", () => {
  it('assigning DP, RM or strict through a result, or replacing a method, changes nothing', () => {
    const expected = isolatedLiquidationPrice(market, { ...good, margin: '3001' })?.toString();
    const result = maintenanceMargin(tiers, 1000) as Big & { constructor: Record<string, unknown> };
    for (const key of ['DP', 'RM', 'strict', 'NE', 'PE']) {
      try {
        result.constructor[key] = 0;
      } catch {
        // frozen: assignment throws in strict mode, which is this file's
      }
    }
    const shared = Big.prototype as unknown as Record<string, unknown>;
    const originals = { toString: shared.toString, div: shared.div };
    for (const target of [Object.getPrototypeOf(result), shared]) {
      try {
        (target as Record<string, unknown>).toString = () => 'forged';
        (target as Record<string, unknown>).div = () => new Big(0);
      } catch {
        // liqmath's own prototype is frozen
      }
    }
    try {
      expect(isolatedLiquidationPrice(market, { ...good, margin: '3001' })?.toString()).toBe(expected);
      expect(maintenanceMargin(tiers, 1000).toString()).toBe('4');
      expect(maintenanceMargin(tiers, 1000).div(3).toFixed(3)).toBe('1.333');
    } finally {
      // Restore big.js's shared prototype for the other tests of this worker.
      Object.assign(shared, originals);
    }
  });

  it("liqmath's own exact results are accepted back, however long (up to PRECISION.maxBigDigits digits)", () => {
    const digits = '1.'.concat('3'.repeat(150));
    const notional = liqmath.positionNotional(market, digits, digits);
    expect(notional.c.length).toBeGreaterThan(250);
    const outcome = survives('a long result back as a margin', () =>
      isolatedLiquidationPrice(market, { ...good, margin: notional }),
    );
    expect(outcome.error).toBeUndefined();
    expect(liqmath.PRECISION.maxBigDigits).toBe(1000);
  });

  it('a frozen result still supports mod and sqrt', () => {
    const result = maintenanceMargin(tiers, 1000);
    expect(Object.isFrozen(result)).toBe(true);
    expect(result.mod(3).toString()).toBe('1');
    expect(result.sqrt().toString()).toBe('2');
  });
});

describe('work that grows with input is bounded', () => {
  it(`more than ${LIMITS.tierRows} tier rows, ${LIMITS.accountPositions} positions or ${LIMITS.adlCandidates} candidates: TOO_LARGE at once`, () => {
    const many = (n: number, row: unknown) => new Array(n).fill(row);
    const row = { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 };
    expect(
      (survives('tiers', () => defineTiers(many(LIMITS.tierRows + 1, row))).error as liqmath.LiqMathError).code,
    ).toBe('TOO_LARGE');
    const leg = { market, side: 'long', size: 1, entryPrice: 60000, markPrice: 60000 };
    expect(
      (
        survives('positions', () =>
          crossLiquidationPrices({ collateral: 1, positions: many(LIMITS.accountPositions + 1, leg) }),
        ).error as liqmath.LiqMathError
      ).code,
    ).toBe('TOO_LARGE');
    expect(
      (
        survives('candidates', () => liqmath.adlQueue(many(LIMITS.adlCandidates + 1, { id: 'a', size: 1, score: 1 })))
          .error as liqmath.LiqMathError
      ).code,
    ).toBe('TOO_LARGE');
  });

  it('a 320 KB symbol built to make a pattern backtrack is refused on its length, in milliseconds', () => {
    const evil = 'USD\n'.repeat(80_000);
    const brackets = [{ bracket: 1, initialLeverage: 125, qtyCap: 5, qtyFloor: 0, maintMarginRatio: 0.004, cum: 0 }];
    for (const call of [
      () => liqmath.binanceCoinm.market([{ pair: evil, brackets }], { contractSize: 100 }),
      () =>
        liqmath.bybitInverse.market(
          {
            list: [
              {
                id: 1,
                symbol: evil,
                riskLimitValue: '150',
                maintenanceMargin: '0.005',
                maxLeverage: '100',
                mmDeduction: '',
              },
            ],
          },
          {},
        ),
      () =>
        liqmath.krakenInverse.market(
          {
            symbol: `PI_${evil}`,
            type: 'futures_inverse',
            marginLevels: [{ contracts: 0, initialMargin: 0.02, maintenanceMargin: 0.01 }],
          },
          {},
        ),
    ]) {
      const started = performance.now();
      expect((survives('a long symbol', call).error as liqmath.LiqMathError).code).toBe('INVALID_TYPE');
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('two longs of one symbol in a cross account are refused (DUPLICATE_POSITION)', () => {
    const leg = { market, side: 'long', size: 1, entryPrice: 60000, markPrice: 60000 } as const;
    const outcome = survives('duplicates', () => crossLiquidationPrices({ collateral: 1000, positions: [leg, leg] }));
    expect((outcome.error as liqmath.LiqMathError).code).toBe('DUPLICATE_POSITION');
  });

  it('a 10,000-row table and a minimum close over it finish within the limit', () => {
    const rows = Array.from({ length: LIMITS.tierRows }, (_, k) => ({
      cap: k === LIMITS.tierRows - 1 ? null : (k + 1) * 1000,
      maintenanceMarginRate: new Big('0.001').plus(new Big('0.0000001').times(k)).toString(),
      maxLeverage: 100,
    }));
    const table = survives('10,000 rows', () => defineTiers(rows)).value as liqmath.TierTable;
    const big = defineMarket({ symbol: 'B', contract: 'linear', settle: 'USD', tiers: table, lotSize: '0.001' });
    survives('minimum close', () =>
      isolatedMinimumCloseSize(
        big,
        { side: 'long', size: 100, entryPrice: 50000, margin: 1000 },
        { markPrice: 49000, fillPrice: 49000 },
      ),
    );
  });

  it('an index of positions with forged ids, huge symbols and holes is refused, not corrupted', () => {
    for (const bad of [
      [{ id: 'a'.repeat(1_000_000), symbol: 'X', side: 'long', liquidationPrice: 1 }],
      [{ id: 'a', symbol: 'USD'.repeat(100_000), side: 'long', liquidationPrice: 1 }],
      // biome-ignore lint/suspicious/noSparseArray: the hole is the attack
      [, { id: 'a', symbol: 'X', side: 'long', liquidationPrice: 1 }],
    ]) {
      survives('index', () => buildLiquidationIndex(bad as never));
    }
    expect(binanceUsdm.asOf('2020-01-01')).toBe(binanceUsdm);
  });
});

describe('hostile values inside otherwise good arguments', () => {
  const gateRows = [
    {
      contract: 'BTC_USDT',
      risk_limit: '1000000',
      initial_rate: '0.01',
      maintenance_rate: '0.005',
      leverage_max: '100',
      deduction: '0',
    },
  ];
  const bitgetRows = [
    { symbol: 'BTCUSDT', level: 1, startUnit: 0, endUnit: 150000, leverage: 125, keepMarginRate: '0.004' },
  ];
  const index = [{ id: 'a', symbol: 'X', side: 'long', liquidationPrice: 1 }];

  it('an adapter whose payload is good and whose options (or positional symbol) are hostile', () => {
    for (const [label, make] of HOSTILE) {
      survives(`gate options = ${label}`, () => liqmath.tiersFromGateRiskLimitTiers(gateRows, make() as never));
      survives(`bitget options = ${label}`, () => liqmath.tiersFromBitgetPositionTiers(bitgetRows, make() as never));
      for (const [name, adapter] of Object.entries(liqmath).filter(([n]) => n.startsWith('tiersFrom'))) {
        survives(`${name}(rows, ${label})`, () => (adapter as (a: unknown, b: unknown) => unknown)(gateRows, make()));
      }
    }
  });

  it('a list whose elements are hostile: index entries, ADL candidates, account positions, payload rows', () => {
    for (const [label, make] of HOSTILE) {
      survives(`index entry = ${label}`, () => buildLiquidationIndex([...index, make()] as never));
      survives(`adl candidate = ${label}`, () => liqmath.adlQueue([{ id: 'a', size: 1, score: 1 }, make()] as never));
      survives(`account position = ${label}`, () =>
        liqmath.crossEquity({ collateral: 1, positions: [make()] } as never),
      );
      survives(`gate row = ${label}`, () => liqmath.tiersFromGateRiskLimitTiers([...gateRows, make()] as never));
      survives(`bitget row = ${label}`, () => liqmath.tiersFromBitgetPositionTiers([...bitgetRows, make()] as never));
      survives(`kraken instrument = ${label}`, () =>
        liqmath.tiersFromKrakenInstrument({ instruments: [make()] } as never, 'PI_XBTUSD'),
      );
    }
  });

  it('adapter options are closed and typed', () => {
    const code = (call: () => unknown) => (survives('options', call).error as liqmath.LiqMathError | undefined)?.code;
    expect(code(() => liqmath.tiersFromGateRiskLimitTiers(gateRows, { contrakt: 'BTC_USDT' } as never))).toBe(
      'UNKNOWN_FIELD',
    );
    expect(code(() => liqmath.tiersFromBitgetPositionTiers(bitgetRows, { method: 'linear' } as never))).toBe(
      'INVALID_OPTION',
    );
    expect(code(() => liqmath.tiersFromBitgetPositionTiers(bitgetRows, { symbol: 5 } as never))).toBe('INVALID_TYPE');
    expect(code(() => liqmath.tiersFromBitgetPositionTiers(bitgetRows, null as never))).toBe('INVALID_TYPE');
  });
});

describe('edges of the accepted range', () => {
  it('a leverage whose margin would be below 1e-30 is refused, not shown as 0', () => {
    const tiny = defineMarket({ symbol: 'T', contract: 'linear', settle: 'USD', tiers });
    const outcome = survives('tiny margin', () =>
      liqmath.definePosition(tiny, { side: 'long', size: '1e-20', entryPrice: '1e-15', leverage: 100 }),
    );
    expect((outcome.error as liqmath.LiqMathError).code).toBe('NUMBER_OUT_OF_RANGE');
    expect((outcome.error as liqmath.LiqMathError).field).toBe('position.leverage');
  });
});

describe('records open, options closed', () => {
  it("data records carry the caller's own fields, which are ignored", () => {
    const mine = { ...good, id: 'p-1', symbol: 'BTC', openedAt: 1733100000, nested: { a: 1 } };
    expect(isolatedLiquidationPrice(market, mine)?.toString()).toBe(isolatedLiquidationPrice(market, good)?.toString());
    const leg = { market, side: 'long', size: 1, entryPrice: 60000, markPrice: 59000, id: 'x', user: 7 } as const;
    const account = { collateral: 1000, positions: [leg], owner: 'u-9' };
    expect(crossLiquidationPrices(account)[0]?.below?.toString()).toBe(
      crossLiquidationPrices({
        collateral: 1000,
        positions: [{ market, side: 'long', size: 1, entryPrice: 60000, markPrice: 59000 }],
      })[0]?.below?.toString(),
    );
    const candidate = { id: 'a', size: 1, score: 2, user: 'u' };
    expect(liqmath.adlQueue([candidate]).length).toBe(1);
  });

  it('configuration and options objects still refuse a field they do not know (a typo)', () => {
    for (const call of [
      () => defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers, tickSise: '0.1' } as never),
      () => isolatedMinimumCloseSize(market, good, { markPrice: 1, fillPrice: 1, feeRat: 0 } as never),
      () => binanceUsdm.market([], { symbl: 'BTCUSDT' } as never),
    ]) {
      expect((survives('a typo', call).error as liqmath.LiqMathError).code).toBe('UNKNOWN_FIELD');
    }
  });
});
