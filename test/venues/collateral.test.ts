/**
 * Collateral weights from venue payloads: the docs' example responses (test/fixtures/collateral-*.json,
 * each with its `_source`) give the tiers they list, the weights value an account's collateral as
 * the hand computation does, and every bad payload is refused under its own path.
 */
import type Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { type CollateralAsset, crossHealth, type LiqMathErrorCode } from '../../src/index.js';
import {
  weightsFromBinanceCollateralRate,
  weightsFromBybitCollateralRatio,
  weightsFromOkxDiscountRate,
} from '../../src/venues/collateral.js';
import { expectLiqMathErrorCode } from '../helpers.js';
import { fixture } from './fixtures.js';

/** A payload as parsed JSON, for the tests to break field by field. */
// biome-ignore lint/suspicious/noExplicitAny: the tests reach into fixtures of several shapes and break them
type Json = Record<string, any>;

const bybit = () => fixture<Json>('collateral-bybit-tiered-collateral-ratio.json');
const okx = () => fixture<Json>('collateral-okx-discount-rate.json');
const binance = () => fixture<Json[]>('collateral-binance-portfolio-collateral-rate.json');

/** Tiers as rows of strings: [upTo (null when unbounded), weight]. */
const rows = (tiers: readonly { upTo: Big | null; weight: Big }[]) =>
  tiers.map((t) => [t.upTo?.toString() ?? null, t.weight.toString()]);

/** The equity of an account holding only `amount` of one asset at `price` and this weight. */
const equity = (amount: string, price: string, weight: NonNullable<CollateralAsset['weight']>) =>
  crossHealth({ assets: [{ asset: 'X', amount, price, weight }], positions: [] }).equity.toString();

/** Every level of the returned weight is frozen: the array, each tier, each Big. */
function expectDeepFrozen(tiers: readonly { upTo: Big | null; weight: Big }[]) {
  expect(Object.isFrozen(tiers)).toBe(true);
  for (const tier of tiers) {
    expect(Object.isFrozen(tier)).toBe(true);
    expect(Object.isFrozen(tier.weight)).toBe(true);
    if (tier.upTo !== null) expect(Object.isFrozen(tier.upTo)).toBe(true);
  }
}

/** A Bybit response of ETH, then BTC in three tiers. */
const bybitThreeTiers = () => ({
  retCode: 0,
  result: {
    list: [
      { currency: 'ETH', collateralRatioList: [{ minQty: '0', maxQty: '', collateralRatio: '0.9' }] },
      {
        currency: 'BTC',
        collateralRatioList: [
          { minQty: '0', maxQty: '10', collateralRatio: '0.95' },
          { minQty: '10', maxQty: '25.5', collateralRatio: '0.8' },
          { minQty: '25.5', maxQty: '', collateralRatio: '0.5' },
        ],
      },
    ],
  },
});

describe('weightsFromBybitCollateralRatio', () => {
  it("reads the docs' example: 0.85 up to 1,000,000 BTC, 0 beyond", () => {
    const tiers = weightsFromBybitCollateralRatio(bybit() as never, 'BTC');
    expect(rows(tiers)).toEqual([
      ['1000000', '0.85'],
      [null, '0'],
    ]);
    expectDeepFrozen(tiers);
  });

  it('takes the whole response, its result, or its list alike', () => {
    const whole = bybit();
    const expected = rows(weightsFromBybitCollateralRatio(whole as never, 'BTC'));
    expect(rows(weightsFromBybitCollateralRatio(whole.result, 'BTC'))).toEqual(expected);
    expect(rows(weightsFromBybitCollateralRatio(whole.result.list, 'BTC'))).toEqual(expected);
  });

  it('reads the currency asked for among several', () => {
    expect(rows(weightsFromBybitCollateralRatio(bybitThreeTiers(), 'ETH'))).toEqual([[null, '0.9']]);
    expect(rows(weightsFromBybitCollateralRatio(bybitThreeTiers(), 'BTC'))).toEqual([
      ['10', '0.95'],
      ['25.5', '0.8'],
      [null, '0.5'],
    ]);
  });

  it('values an amount slice by slice, as crossHealth counts it', () => {
    const weight = weightsFromBybitCollateralRatio(bybitThreeTiers(), 'BTC');
    // 30 BTC at 60,000: 10 × 0.95 + 15.5 × 0.8 + 4.5 × 0.5 = 9.5 + 12.4 + 2.25 = 24.15 BTC
    expect(equity('30', '60000', weight)).toBe('1449000');
    // Inside the first tier: 4 × 0.95 at 60,000
    expect(equity('4', '60000', weight)).toBe('228000');
    // Exactly at a bound: 10 × 0.95
    expect(equity('10', '1', weight)).toBe('9.5');
    // The docs' example: 1,200,000 BTC at 2 count as 1,000,000 × 0.85
    expect(equity('1200000', '2', weightsFromBybitCollateralRatio(bybit() as never, 'BTC'))).toBe('1700000');
  });

  const list = 'result.list[1].collateralRatioList';
  const broken = (change: (payload: Json) => void) => () => {
    const payload = bybitThreeTiers() as Json;
    change(payload);
    return weightsFromBybitCollateralRatio(payload as never, 'BTC');
  };
  const btcRows = (payload: Json): Json => payload.result.list[1].collateralRatioList;

  it.each<[string, () => unknown, LiqMathErrorCode, string]>([
    [
      'a currency not listed',
      () => weightsFromBybitCollateralRatio(bybitThreeTiers(), 'SOL'),
      'UNKNOWN_SYMBOL',
      'currency',
    ],
    [
      'a currency not a string',
      () => weightsFromBybitCollateralRatio(bybitThreeTiers(), 5 as never),
      'INVALID_TYPE',
      'currency',
    ],
    [
      'a gap between rows',
      broken((p) => {
        btcRows(p)[1].minQty = '11';
      }),
      'TIER_NOT_CONTIGUOUS',
      `${list}[1].minQty`,
    ],
    [
      'an overlap between rows',
      broken((p) => {
        btcRows(p)[2].minQty = '20';
      }),
      'TIER_NOT_CONTIGUOUS',
      `${list}[2].minQty`,
    ],
    [
      'a first row not from 0',
      broken((p) => {
        btcRows(p)[0].minQty = '1';
      }),
      'TIER_NOT_CONTIGUOUS',
      `${list}[0].minQty`,
    ],
    [
      'rows out of order',
      broken((p) => {
        btcRows(p).reverse();
      }),
      'TIER_NOT_CONTIGUOUS',
      `${list}[0].minQty`,
    ],
    [
      'a ratio above 1',
      broken((p) => {
        btcRows(p)[1].collateralRatio = '1.2';
      }),
      'RATE_OUT_OF_RANGE',
      `${list}[1].collateralRatio`,
    ],
    [
      'a negative ratio',
      broken((p) => {
        btcRows(p)[2].collateralRatio = '-0.1';
      }),
      'RATE_OUT_OF_RANGE',
      `${list}[2].collateralRatio`,
    ],
    [
      'a row without maxQty',
      broken((p) => {
        delete btcRows(p)[1].maxQty;
      }),
      'MISSING_FIELD',
      `${list}[1].maxQty`,
    ],
    [
      'a row without minQty',
      broken((p) => {
        delete btcRows(p)[0].minQty;
      }),
      'MISSING_FIELD',
      `${list}[0].minQty`,
    ],
    [
      'a row without its ratio',
      broken((p) => {
        delete btcRows(p)[0].collateralRatio;
      }),
      'MISSING_FIELD',
      `${list}[0].collateralRatio`,
    ],
    [
      'an entry without its list',
      broken((p) => {
        delete p.result.list[1].collateralRatioList;
      }),
      'MISSING_FIELD',
      list,
    ],
    [
      'a response without list',
      () => weightsFromBybitCollateralRatio({ retCode: 10001, retMsg: 'error' } as never, 'BTC'),
      'MISSING_FIELD',
      'payload.list',
    ],
    [
      'a result without list',
      () => weightsFromBybitCollateralRatio({ result: {} } as never, 'BTC'),
      'MISSING_FIELD',
      'result.list',
    ],
    ['a response not an object', () => weightsFromBybitCollateralRatio(5 as never, 'BTC'), 'INVALID_TYPE', 'payload'],
    [
      'a result not an object',
      () => weightsFromBybitCollateralRatio({ result: 5 } as never, 'BTC'),
      'INVALID_TYPE',
      'result',
    ],
    [
      'a list not an array',
      broken((p) => {
        p.result.list = {};
      }),
      'INVALID_TYPE',
      'result.list',
    ],
    [
      'an entry not an object',
      broken((p) => {
        p.result.list[0] = null;
      }),
      'INVALID_TYPE',
      'result.list[0]',
    ],
    [
      'a ratio list not an array',
      broken((p) => {
        p.result.list[1].collateralRatioList = '0.9';
      }),
      'INVALID_TYPE',
      list,
    ],
    [
      'a row not an object',
      broken((p) => {
        btcRows(p)[1] = 5;
      }),
      'INVALID_TYPE',
      `${list}[1]`,
    ],
    [
      'a maxQty not a number',
      broken((p) => {
        btcRows(p)[0].maxQty = 'ten';
      }),
      'INVALID_NUMBER',
      `${list}[0].maxQty`,
    ],
    [
      'a ratio of a wrong type',
      broken((p) => {
        btcRows(p)[0].collateralRatio = true;
      }),
      'INVALID_NUMBER',
      `${list}[0].collateralRatio`,
    ],
    [
      'a negative minQty',
      broken((p) => {
        btcRows(p)[0].minQty = '-1';
      }),
      'NEGATIVE',
      `${list}[0].minQty`,
    ],
    [
      'an unbounded row before the last',
      broken((p) => {
        btcRows(p)[1].maxQty = '';
      }),
      'TIER_CAP_UNBOUNDED_NOT_LAST',
      `${list}[1].maxQty`,
    ],
    [
      'a row of no width',
      broken((p) => {
        btcRows(p)[1].maxQty = '10';
        btcRows(p)[2].minQty = '10';
      }),
      'TIER_CAP_NOT_INCREASING',
      `${list}[1].maxQty`,
    ],
    [
      'a bounded last row (amounts above it would have no weight)',
      broken((p) => {
        btcRows(p)[2].maxQty = '100';
      }),
      'INVALID_OPTION',
      `${list}[2].maxQty`,
    ],
    [
      'no rows',
      broken((p) => {
        p.result.list[1].collateralRatioList = [];
      }),
      'TIERS_EMPTY',
      list,
    ],
  ])('refuses %s', (_label, action, code, field) => {
    expectLiqMathErrorCode(action, code, field);
  });
});

describe('weightsFromOkxDiscountRate', () => {
  it("reads the docs' example: its bounded last tier is followed by minDiscountRate", () => {
    const tiers = weightsFromOkxDiscountRate(okx() as never, 'BTC');
    expect(rows(tiers)).toEqual([
      ['20', '0.98'],
      ['25', '0.9775'],
      [null, '0'],
    ]);
    expectDeepFrozen(tiers);
    expect(rows(weightsFromOkxDiscountRate(okx().data, 'BTC'))).toEqual(rows(tiers));
  });

  it('ends at an unbounded tier when the last maxAmt is "" (minDiscountRate then unread)', () => {
    const payload = okx();
    payload.data[0].details[1].maxAmt = '';
    delete payload.data[0].minDiscountRate;
    expect(rows(weightsFromOkxDiscountRate(payload as never, 'BTC'))).toEqual([
      ['20', '0.98'],
      [null, '0.9775'],
    ]);
  });

  it('values an amount slice by slice, as crossHealth counts it', () => {
    const weight = weightsFromOkxDiscountRate(okx() as never, 'BTC');
    // 30 BTC at 50,000: 20 × 0.98 + 5 × 0.9775 + 5 × 0 = 24.4875 BTC
    expect(equity('30', '50000', weight)).toBe('1224375');
    // 22 BTC at 1: 19.6 + 2 × 0.9775
    expect(equity('22', '1', weight)).toBe('21.555');
  });

  const details = 'data[0].details';
  const broken = (change: (payload: Json) => void) => () => {
    const payload = okx();
    change(payload);
    return weightsFromOkxDiscountRate(payload as never, 'BTC');
  };

  it.each<[string, () => unknown, LiqMathErrorCode, string]>([
    ['a currency not listed', () => weightsFromOkxDiscountRate(okx() as never, 'ETH'), 'UNKNOWN_SYMBOL', 'currency'],
    [
      'a currency not a string',
      () => weightsFromOkxDiscountRate(okx() as never, null as never),
      'INVALID_TYPE',
      'currency',
    ],
    [
      'a gap between tiers',
      broken((p) => {
        p.data[0].details[1].minAmt = '21';
      }),
      'TIER_NOT_CONTIGUOUS',
      `${details}[1].minAmt`,
    ],
    [
      'a rate above 1',
      broken((p) => {
        p.data[0].details[0].discountRate = '1.01';
      }),
      'RATE_OUT_OF_RANGE',
      `${details}[0].discountRate`,
    ],
    [
      'a minDiscountRate above 1',
      broken((p) => {
        p.data[0].minDiscountRate = '2';
      }),
      'RATE_OUT_OF_RANGE',
      'data[0].minDiscountRate',
    ],
    [
      'no minDiscountRate after a bounded last tier',
      broken((p) => {
        delete p.data[0].minDiscountRate;
      }),
      'MISSING_FIELD',
      'data[0].minDiscountRate',
    ],
    [
      'a tier without maxAmt',
      broken((p) => {
        delete p.data[0].details[0].maxAmt;
      }),
      'MISSING_FIELD',
      `${details}[0].maxAmt`,
    ],
    [
      'an entry without details',
      broken((p) => {
        delete p.data[0].details;
      }),
      'MISSING_FIELD',
      details,
    ],
    [
      'a response without data',
      () => weightsFromOkxDiscountRate({ code: '50011', msg: 'Too Many Requests' } as never, 'BTC'),
      'MISSING_FIELD',
      'payload.data',
    ],
    ['a response not an object', () => weightsFromOkxDiscountRate('BTC' as never, 'BTC'), 'INVALID_TYPE', 'payload'],
    [
      'data not an array',
      broken((p) => {
        p.data = p.data[0];
      }),
      'INVALID_TYPE',
      'data',
    ],
    [
      'details not an array',
      broken((p) => {
        p.data[0].details = {};
      }),
      'INVALID_TYPE',
      details,
    ],
    [
      'a tier not an object',
      broken((p) => {
        p.data[0].details[0] = '0.98';
      }),
      'INVALID_TYPE',
      `${details}[0]`,
    ],
  ])('refuses %s', (_label, action, code, field) => {
    expectLiqMathErrorCode(action, code, field);
  });
});

describe('weightsFromBinanceCollateralRate', () => {
  it("reads the docs' example: a flat, frozen weight", () => {
    const weight = weightsFromBinanceCollateralRate(binance(), 'BUSD');
    expect(weight.toString()).toBe('1');
    expect(Object.isFrozen(weight)).toBe(true);
  });

  it('values the whole amount at the one rate, as crossHealth counts it', () => {
    const weight = weightsFromBinanceCollateralRate([...binance(), { asset: 'BNB', collateralRate: '0.9500' }], 'BNB');
    // 2.5 BNB at 600 × 0.95
    expect(equity('2.5', '600', weight)).toBe('1425');
  });

  const broken = (change: (payload: Json) => void) => () => {
    const payload = binance();
    change(payload);
    return weightsFromBinanceCollateralRate(payload, 'BUSD');
  };

  it.each<[string, () => unknown, LiqMathErrorCode, string]>([
    ['an asset not listed', () => weightsFromBinanceCollateralRate(binance(), 'BTC'), 'UNKNOWN_SYMBOL', 'asset'],
    ['an asset not a string', () => weightsFromBinanceCollateralRate(binance(), 1 as never), 'INVALID_TYPE', 'asset'],
    [
      'a rate above 1',
      broken((p) => {
        p[1].collateralRate = '1.2';
      }),
      'RATE_OUT_OF_RANGE',
      'payload[1].collateralRate',
    ],
    [
      'a negative rate',
      broken((p) => {
        p[1].collateralRate = -1;
      }),
      'RATE_OUT_OF_RANGE',
      'payload[1].collateralRate',
    ],
    [
      'an entry without its rate',
      broken((p) => {
        delete p[1].collateralRate;
      }),
      'MISSING_FIELD',
      'payload[1].collateralRate',
    ],
    [
      'an empty rate',
      broken((p) => {
        p[1].collateralRate = '';
      }),
      'INVALID_NUMBER',
      'payload[1].collateralRate',
    ],
    [
      'a response not an array',
      () => weightsFromBinanceCollateralRate({ asset: 'BUSD', collateralRate: '1' } as never, 'BUSD'),
      'INVALID_TYPE',
      'payload',
    ],
    [
      'an entry not an object',
      broken((p) => {
        p[0] = null as never;
      }),
      'INVALID_TYPE',
      'payload[0]',
    ],
  ])('refuses %s', (_label, action, code, field) => {
    expectLiqMathErrorCode(action, code, field);
  });
});
