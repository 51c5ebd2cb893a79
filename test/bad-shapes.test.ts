/**
 * Wrong-shaped input the matrices do not reach: a record where an array belongs, a record without
 * the field that names what it is, a venue payload whose envelope is wrong. Each refusal must
 * name the caller's own path; each documented default must be the one the docs give.
 */
import { describe, expect, it } from 'vitest';
import {
  adlScore,
  crossMinimumCloseSize,
  defineMarket,
  defineTiers,
  deleverage,
  dydxV4,
  hyperliquid,
  isolatedLiquidationStep,
  type LiqMathErrorCode,
  maintenanceMargin,
  settleCrossLiquidation,
  tiersFromBinanceBrackets,
  tiersFromBybitRiskLimit,
  tiersFromOkxPositionTiers,
} from '../src/index.js';
import { expectLiqMathError } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: the point is to call typed functions the way untyped JavaScript can.
type Loose = (...args: any[]) => unknown;
const loose = (fn: unknown) => fn as Loose;

const tiers = defineTiers([
  { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
]);
const base = { symbol: 'BTC', contract: 'linear', settle: 'USD', tiers } as const;
const market = defineMarket(base);
const account = () => ({
  collateral: 1000,
  positions: [{ market, side: 'long', size: 1, entryPrice: 60000, markPrice: 59500 }],
});

type Case = readonly [name: string, call: () => unknown, code: LiqMathErrorCode, field: string];

const cases: readonly Case[] = [
  ['a market that is not a record', () => loose(defineMarket)(null), 'INVALID_TYPE', 'market'],
  [
    'a market whose settle is blank',
    () => loose(defineMarket)({ ...base, settle: ' ' }),
    'INVALID_TYPE',
    'market.settle',
  ],
  [
    'a fee that is not a record',
    () => loose(defineMarket)({ ...base, closeFee: 5 }),
    'INVALID_TYPE',
    'market.closeFee',
  ],
  [
    'a fee with a field it does not know',
    () => loose(defineMarket)({ ...base, closeFee: { rate: '0.001', on: 'mark', basis: 'x' } }),
    'UNKNOWN_FIELD',
    'market.closeFee.basis',
  ],
  [
    'a fee without its basis',
    () => loose(defineMarket)({ ...base, closeFee: { rate: '0.001' } }),
    'MISSING_FIELD',
    'market.closeFee.on',
  ],
  [
    'a contract-keyed table given a bare notional',
    () =>
      loose(maintenanceMargin)(
        defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }], {
          method: 'flat',
          basis: 'contracts',
        }),
        { notional: 'x', contracts: 1 },
      ),
    'INVALID_NUMBER',
    'size.notional',
  ],
  [
    'an account without positions',
    () => loose(settleCrossLiquidation)({ collateral: 1 }, { symbol: 'BTC', side: 'long' }, { size: 1, fillPrice: 1 }),
    'MISSING_FIELD',
    'account.positions',
  ],
  [
    'a position without its market',
    () =>
      loose(settleCrossLiquidation)(
        { collateral: 1, positions: [{ side: 'long', size: 1, entryPrice: 1, markPrice: 1 }] },
        { symbol: 'BTC', side: 'long' },
        { size: 1, fillPrice: 1 },
      ),
    'MISSING_FIELD',
    'account.positions[0].market',
  ],
  [
    'a reference without a symbol',
    () => loose(settleCrossLiquidation)(account(), { side: 'long' }, { size: 1, fillPrice: 1 }),
    'MISSING_FIELD',
    'ref.symbol',
  ],
  [
    'a reference whose symbol is not a string',
    () => loose(settleCrossLiquidation)(account(), { symbol: 5, side: 'long' }, { size: 1, fillPrice: 1 }),
    'INVALID_TYPE',
    'ref.symbol',
  ],
  [
    'a close target without its kind',
    () => loose(crossMinimumCloseSize)(account(), { symbol: 'BTC', side: 'long' }, { markPrice: 59500, target: {} }),
    'MISSING_FIELD',
    'options.target.kind',
  ],
  [
    'a maintenance target with a field it does not know',
    () =>
      loose(crossMinimumCloseSize)(
        account(),
        { symbol: 'BTC', side: 'long' },
        { markPrice: 59500, target: { kind: 'maintenance', buffer: '0.1' } },
      ),
    'UNKNOWN_FIELD',
    'options.target.buffer',
  ],
  [
    'a policy without its kind',
    () =>
      loose(isolatedLiquidationStep)(
        market,
        { side: 'long', size: 1, entryPrice: 60000, margin: 1000 },
        {},
        { markPrice: 59500 },
      ),
    'MISSING_FIELD',
    'policy.kind',
  ],
  [
    'an ADL score without the market',
    () =>
      loose(adlScore)({
        method: 'pnl-leverage',
        side: 'long',
        size: 1,
        entryPrice: 50000,
        markPrice: 60000,
        bankruptcyPrice: 40000,
      }),
    'MISSING_FIELD',
    'input.market',
  ],
  ['a queue that is not an array', () => loose(deleverage)({}, 1, 40000), 'INVALID_TYPE', 'queue'],
  ['a queue entry that is not a record', () => loose(deleverage)([null], 1, 40000), 'INVALID_TYPE', 'queue[0]'],
  ['a queue entry without a size', () => loose(deleverage)([{ id: 'a' }], 1, 40000), 'MISSING_FIELD', 'queue[0].size'],
  ['a Binance entry that is not a record', () => loose(tiersFromBinanceBrackets)([5]), 'INVALID_TYPE', 'payload[0]'],
  ['a Bybit response that is not a record', () => loose(tiersFromBybitRiskLimit)(5), 'INVALID_TYPE', 'payload'],
  [
    'a Bybit result that is not a record',
    () => loose(tiersFromBybitRiskLimit)({ result: 5 }),
    'INVALID_TYPE',
    'result',
  ],
  [
    'a Bybit row that is not a record',
    () => loose(tiersFromBybitRiskLimit)({ result: { list: [null] } }),
    'INVALID_TYPE',
    'result.list[0]',
  ],
  [
    'a bare Bybit list row that is not a record',
    () => loose(tiersFromBybitRiskLimit)([null]),
    'INVALID_TYPE',
    'list[0]',
  ],
  ['an OKX response that is not a record', () => loose(tiersFromOkxPositionTiers)(5), 'INVALID_TYPE', 'payload'],
  ['an OKX data that is not a list', () => loose(tiersFromOkxPositionTiers)({ data: 5 }), 'INVALID_TYPE', 'data'],
  ['a bare OKX list that is not a list', () => loose(tiersFromOkxPositionTiers)([5]), 'INVALID_TYPE', 'tiers[0]'],
  [
    'a dYdX response that is not a record',
    () => dydxV4.market(5 as never, { symbol: 'ETH-USD' }),
    'INVALID_TYPE',
    'payload',
  ],
  [
    'dYdX markets that are not a record',
    () => dydxV4.market({ markets: 5 } as never, { symbol: 'ETH-USD' }),
    'INVALID_TYPE',
    'markets',
  ],
  [
    'a dYdX market that is not a record',
    () => dydxV4.market({ markets: { 'ETH-USD': 5 } } as never, { symbol: 'ETH-USD' }),
    'INVALID_TYPE',
    'markets["ETH-USD"]',
  ],
  [
    'a Hyperliquid asset that is not a record (an array that carries the name)',
    () => hyperliquid.market({ universe: [Object.assign([], { name: 'ETH' })] } as never, { symbol: 'ETH' }),
    'INVALID_TYPE',
    'universe[0]',
  ],
];

describe('wrong shapes are refused at the caller’s path', () => {
  it.each(cases)('%s', (_name, call, code, field) => {
    expectLiqMathError(call, code, field);
  });
});

describe('documented defaults', () => {
  it('a market values maintenance at the price unless told the entry', () => {
    expect(defineMarket(base).maintenanceAt).toBe('price');
    expect(defineMarket({ ...base, maintenanceAt: 'entry' }).maintenanceAt).toBe('entry');
  });

  it('a table uses the deduction method unless told flat', () => {
    expect(defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]).method).toBe('deduction');
    expect(
      defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }], { method: 'flat' }).method,
    ).toBe('flat');
  });
});
