/**
 * Markets (instruments): what a contract is, what it settles in, how its margin is computed.
 * `defineMarket` validates once and returns a frozen `Market`. Formulas: `docs/liquidation.md`.
 */
import type Big from 'big.js';
import { brand, branded } from '../core/brand.js';
import { freezeDecimal, type Numeric, ONE, toDecimal, toFeeRate, toPositive } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectChoice, expectKnownFields, expectRecord, required } from '../core/input.js';
import { expectTierTable, type TierTable } from './tiers.js';

/**
 * `'linear'`: quote-margined, notional `Q·CS·P` in quote (BTCUSDT). `'inverse'`: coin-margined,
 * notional `Q·CS/P` in coin (BTCUSD), where CS is the quote value of one contract. `'quanto'`:
 * settled in a third currency at a fixed rate per price point, notional `Q·CS·P` in the settle
 * currency, where CS is the settle amount per contract per point of price (BitMEX ETHUSD: 100
 * satoshi, `0.000001` XBT).
 *
 * @example
 * ```ts
 * import type { ContractType } from 'liqmath';
 *
 * const btcusd: ContractType = 'inverse';
 * ```
 * @group Markets
 */
export type ContractType = 'linear' | 'inverse' | 'quanto';

/**
 * Which notional the maintenance rate applies to: the notional at the price being evaluated
 * (`'price'`: Binance, dYdX, Hyperliquid, Kraken, Bybit unified accounts) or at the entry price
 * (`'entry'`: classic Bybit, which makes maintenance margin a constant).
 *
 * @example
 * ```ts
 * import type { MaintenanceBasis } from 'liqmath';
 *
 * const bybitClassic: MaintenanceBasis = 'entry';
 * ```
 * @group Markets
 */
export type MaintenanceBasis = 'price' | 'entry';

/**
 * An estimated fee to close that counts in the maintenance requirement: `rate` times the
 * notional at the bankruptcy price (`on: 'bankruptcy'`, Bybit, Phemex), at the price being
 * evaluated (`on: 'mark'`: OKX, Gate), or a fixed reserve held inside an isolated margin
 * (`on: 'reserve'`, BitMEX's `posComm`): `rate × (entry notional + margin − reserve)`, which is
 * in the requirement and is not there to absorb a loss (the bankruptcy price leaves it intact).
 * In a cross account every fee to close is charged at the price.
 *
 * @example
 * ```ts
 * import type { CloseFeeInput } from 'liqmath';
 *
 * const bybitTaker: CloseFeeInput = { rate: '0.00075', on: 'bankruptcy' };
 * ```
 * @group Markets
 */
export interface CloseFeeInput {
  /** Fee rate on the closed notional, in [0, 1). */
  readonly rate: Numeric;
  /** Which notional the fee is charged on, or `'reserve'`. */
  readonly on: 'bankruptcy' | 'mark' | 'reserve';
}

/**
 * How a venue shows a liquidation price on its tick: rounded toward the mark (up for a long, down
 * for a short), to the nearest tick, moved one whole tick toward the mark without rounding (OKX's
 * `liqPx`), or not at all.
 *
 * @example
 * ```ts
 * import type { PriceRounding } from 'liqmath';
 *
 * const gate: PriceRounding = 'nearest';
 * ```
 * @group Markets
 */
export type PriceRounding = 'toward-mark' | 'nearest' | 'shift-tick-toward-mark' | 'none';

/**
 * When a venue liquidates: at equality of equity and requirement (`≤`, most venues) or only
 * below it (`<`, Hyperliquid, dYdX and Kraken).
 *
 * @example
 * ```ts
 * import type { LiquidationTrigger } from 'liqmath';
 *
 * const dydx: LiquidationTrigger = 'equity < requirement';
 * ```
 * @group Markets
 */
export type LiquidationTrigger = 'equity ≤ requirement' | 'equity < requirement';

/**
 * What {@link defineMarket} takes.
 *
 * @example
 * ```ts
 * import { defineTiers, type MarketInput } from 'liqmath';
 *
 * const input: MarketInput = {
 *   symbol: 'BTCUSDT',
 *   contract: 'linear',
 *   settle: 'USDT',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]),
 * };
 * ```
 * @group Markets
 */
export interface MarketInput {
  /** The market's name; accounts find positions' markets by it. */
  readonly symbol: string;
  readonly contract: ContractType;
  /** The collateral currency: `'USDT'`, `'BTC'`… Cross accounts refuse to mix them. */
  readonly settle: string;
  /** Linear: base units per contract; inverse: quote value per contract; quanto: settle units per contract per price point. Default 1. */
  readonly contractSize?: Numeric;
  readonly tiers: TierTable;
  /** Price increment, for {@link roundLiquidationPrice}. */
  readonly tickSize?: Numeric;
  /** Size increment (contracts). */
  readonly lotSize?: Numeric;
  readonly closeFee?: CloseFeeInput;
  /** Default `'price'`. */
  readonly maintenanceAt?: MaintenanceBasis;
  /**
   * How {@link roundLiquidationPrice} shows a price on the tick: `'toward-mark'` (the default: up
   * for a long, down for a short), `'nearest'` (Gate), `'shift-tick-toward-mark'` (OKX: the exact
   * price plus a tick for a long, minus one for a short), or `'none'` (shown unrounded).
   */
  readonly priceRounding?: PriceRounding;
  /**
   * The venue's trigger, which every liquidatable/healthy answer follows (the booleans, close
   * sizing, policies, plans): `'equity ≤ requirement'` (the default: liquidatable at equality) or
   * `'equity < requirement'` (Hyperliquid, dYdX, Kraken: still healthy at equality).
   */
  readonly liquidatableWhen?: LiquidationTrigger;
  /**
   * A funding rate the venue adds to the maintenance requirement (BitMEX; KuCoin before
   * 2025-05-22), signed as venues publish it: positive when longs pay. The paying side's
   * requirement grows by |rate| × its entry notional; the receiving side's does not change.
   * In (−1, 1); default none.
   */
  readonly fundingRate?: Numeric;
}

/**
 * A validated, frozen market made by {@link defineMarket}.
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers } from 'liqmath';
 *
 * const market = defineMarket({
 *   symbol: 'BTCUSD',
 *   contract: 'inverse',
 *   settle: 'BTC',
 *   contractSize: 100,
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.004', maxLeverage: 125 }]),
 * });
 * market.contractSize.toString(); //=> '100'
 * market.closeFee; //=> null
 * ```
 * @group Markets
 */
export interface Market extends MadeByDefineMarket {
  readonly symbol: string;
  readonly contract: ContractType;
  readonly settle: string;
  readonly contractSize: Big;
  readonly tiers: TierTable;
  /** `null` when not given. */
  readonly tickSize: Big | null;
  /** `null` when not given. */
  readonly lotSize: Big | null;
  /** `null` when the market charges no fee to close in its requirement. */
  readonly closeFee: { readonly rate: Big; readonly on: 'bankruptcy' | 'mark' | 'reserve' } | null;
  readonly maintenanceAt: MaintenanceBasis;
  /** The funding rate in the requirement; `null` when not given. */
  readonly fundingRate: Big | null;
  readonly priceRounding: PriceRounding;
  readonly liquidatableWhen: LiquidationTrigger;
}

/**
 * What the type checker knows of a market made by {@link defineMarket}: a private member, which an
 * object spread does not copy, so `const copy: Market = { ...market }` does not compile — as at run
 * time, where a copy is not a Market (markets are known by identity, `INVALID_TYPE`). To vary a
 * market, call `defineMarket` again.
 *
 * @internal
 */
declare class MadeByDefineMarket {
  private readonly madeByDefineMarket: true;
}
const MARKET_FIELDS = [
  'symbol',
  'contract',
  'settle',
  'contractSize',
  'tiers',
  'tickSize',
  'lotSize',
  'closeFee',
  'maintenanceAt',
  'fundingRate',
  'priceRounding',
  'liquidatableWhen',
] as const;

/**
 * Validates a market definition and returns a frozen {@link Market}.
 *
 * @throws {@link LiqMathError} naming the field, e.g. `market.contractSize` or `market.closeFee.rate`:
 * `INVALID_TYPE` (`input` or `closeFee` not an object; `symbol` or `settle` not a non-empty name of at most 100
 * characters; `tiers` not a table from {@link defineTiers}), `UNKNOWN_FIELD` (`input`, `closeFee`),
 * `MISSING_FIELD` (`symbol`, `contract`, `settle`, `tiers`, `closeFee.rate`, `closeFee.on`), `INVALID_OPTION`
 * (`contract`, `maintenanceAt`, `priceRounding`, `liquidatableWhen`, `closeFee.on`),
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`contractSize`, `tickSize`, `lotSize`),
 * `RATE_OUT_OF_RANGE` (`closeFee.rate` outside [0, 1), `fundingRate` outside (−1, 1))
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers } from 'liqmath';
 *
 * const btcusdt = defineMarket({
 *   symbol: 'BTCUSDT',
 *   contract: 'linear',
 *   settle: 'USDT',
 *   tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]),
 *   tickSize: '0.1',
 * });
 * btcusdt.maintenanceAt; //=> 'price'
 * btcusdt.tickSize?.toString(); //=> '0.1'
 * ```
 * @group Markets
 */
export function defineMarket(input: MarketInput): Market {
  const record = expectRecord(input, 'market', 'a market definition { symbol, contract, settle, tiers, … }');
  expectKnownFields(record, MARKET_FIELDS, 'market');
  const market = {
    // A required field that is absent is MISSING_FIELD; one of the wrong kind, its own code.
    symbol: expectName(required(record, 'symbol', 'market'), 'market.symbol'),
    contract: expectChoice(required(record, 'contract', 'market'), ['linear', 'inverse', 'quanto'], 'market.contract'),
    settle: expectName(required(record, 'settle', 'market'), 'market.settle'),
    contractSize: freezeDecimal(
      record.contractSize === undefined ? ONE : toPositive(record.contractSize, 'market.contractSize'),
    ),
    tiers: expectTierTable(required(record, 'tiers', 'market'), 'market.tiers'),
    tickSize: optionalPositive(record.tickSize, 'market.tickSize'),
    lotSize: optionalPositive(record.lotSize, 'market.lotSize'),
    closeFee: readCloseFee(record.closeFee),
    maintenanceAt:
      record.maintenanceAt === undefined
        ? 'price'
        : expectChoice(record.maintenanceAt, ['price', 'entry'], 'market.maintenanceAt'),
    fundingRate: record.fundingRate === undefined ? null : freezeDecimal(readFundingRate(record.fundingRate)),
    priceRounding:
      record.priceRounding === undefined
        ? 'toward-mark'
        : expectChoice(
            record.priceRounding,
            ['toward-mark', 'nearest', 'shift-tick-toward-mark', 'none'],
            'market.priceRounding',
          ),
    liquidatableWhen:
      record.liquidatableWhen === undefined
        ? 'equity ≤ requirement'
        : expectChoice(
            record.liquidatableWhen,
            ['equity ≤ requirement', 'equity < requirement'],
            'market.liquidatableWhen',
          ),
  };
  const frozen = Object.freeze(market);
  brand('market', frozen);
  return frozen as unknown as Market;
}

/** Refuses anything that is not a market made by {@link defineMarket} (internal). */
export function expectMarket(value: unknown, field = 'market'): Market {
  if (branded('market', value) !== true) {
    fail('INVALID_TYPE', field, value, 'a Market made by defineMarket');
  }
  return value as Market;
}

function expectName(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 100) {
    fail('INVALID_TYPE', field, value, 'a non-empty name of at most 100 characters');
  }
  return value;
}

/** A signed funding rate, strictly between −1 and 1. */
function readFundingRate(value: unknown): Big {
  const rate = toDecimal(value, 'market.fundingRate');
  if (rate.abs().gte(ONE)) fail('RATE_OUT_OF_RANGE', 'market.fundingRate', value, 'a funding rate in (−1, 1)');
  return rate;
}

function optionalPositive(value: unknown, field: string): Big | null {
  return value === undefined ? null : freezeDecimal(toPositive(value, field));
}

function readCloseFee(value: unknown): Market['closeFee'] {
  if (value === undefined) return null;
  const record = expectRecord(value, 'market.closeFee', "an object { rate, on: 'bankruptcy' | 'mark' }");
  expectKnownFields(record, ['rate', 'on'], 'market.closeFee');
  const rate = toFeeRate(required(record, 'rate', 'market.closeFee'), 'market.closeFee.rate');
  const on = expectChoice(
    required(record, 'on', 'market.closeFee'),
    ['bankruptcy', 'mark', 'reserve'],
    'market.closeFee.on',
  );
  return Object.freeze({ rate: freezeDecimal(rate), on });
}
