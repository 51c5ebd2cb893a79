/**
 * Every distinct error message of liqmath, pinned once: for each message shape one real call
 * through the public API, its code, its field, the value it carries and its exact text. The
 * bad-input matrices (`bad-input.test.ts`, `bad-input-matrix.test.ts`) assert only code, field and
 * value for each of their cells; the wording lives here, where a changed word is one reviewed line.
 *
 * How a value is shown after "got" (NaN, 1n, an array of length 3, truncation) is pinned in
 * `errors.test.ts`. The CLI's own codes (`USAGE`, `FILE_NOT_READABLE`, `FILE_NOT_UTF8`,
 * `FILE_NOT_JSON`, `ACCOUNT_FILE_INVALID`) are not LiqMathError codes: they are not in
 * LIQMATH_ERROR_CODES and are tested through `run` in `cli.test.ts` and `cli-input.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import {
  addToIndex,
  adlQueue,
  adlScore,
  applyToIndex,
  binanceUsdm,
  buildLiquidationIndex,
  bybitLinear,
  crossHealth,
  crossLiquidationPrice,
  crossLiquidationPrices,
  crossMinimumCloseSize,
  defineMarket,
  defineTiers,
  dydxBankruptcyQuote,
  dydxFillablePrice,
  initialMargin,
  isolatedLiquidationPlan,
  isolatedLiquidationPrice,
  isolatedLiquidationStep,
  isolatedMinimumCloseSize,
  LIMITS,
  LIQMATH_ERROR_CODES,
  type LiqMathErrorCode,
  maintenanceMargin,
  maxNotional,
  removeFromIndex,
  replaceInIndex,
  roundToIncrement,
  settleCrossLiquidation,
  settleIsolatedLiquidation,
  sizeToCoverShortage,
  tiersFromCcxt,
} from '../src/index.js';
import { expectLiqMathErrorCode } from './helpers.js';

/** The codes with at least one pinned example below; filled while the tests are collected. */
const pinned = new Set<LiqMathErrorCode>();

/**
 * One test: `action` throws a LiqMathError (`isLiqMathError`) with this code and field, carrying
 * `value` exactly as passed (`Object.is`), and its message is exactly `message`.
 */
function pin(
  code: LiqMathErrorCode,
  what: string,
  action: () => unknown,
  expected: { readonly field: string; readonly value: unknown; readonly message: string },
): void {
  pinned.add(code);
  it(`${code}: ${what}`, () => {
    const error = expectLiqMathErrorCode(action, code, expected.field);
    expect(error.value).toBe(expected.value);
    expect(error.message).toBe(expected.message);
  });
}

const tiers = defineTiers([
  { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 },
]);
const market = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', lotSize: '0.001', tiers });
const position = { side: 'long', size: 1, entryPrice: 60000, margin: 1000 } as const;
const account = {
  collateral: 1000,
  positions: [{ market, side: 'long', size: 1, entryPrice: 60000, markPrice: 59500 }],
} as const;
const ref = { symbol: 'BTC', side: 'long' } as const;
const closeOptions = { markPrice: 59500 };
const index = buildLiquidationIndex([{ id: 'a', symbol: 'BTC', side: 'long', liquidationPrice: 58000 }]);
const ccxtRows = [
  { tier: 1, minNotional: 0, maxNotional: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { tier: 2, minNotional: 50000, maxNotional: 600000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
];
const bybitPayload = {
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
};
const binancePayload = [
  {
    symbol: 'BTCUSDT',
    brackets: [
      { bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 },
      { bracket: 2, initialLeverage: 100, notionalCap: 250000, notionalFloor: 50000, maintMarginRatio: 0.005, cum: 50 },
    ],
  },
];
const fillableInput = {
  positionSize: 10,
  oraclePrice: 3000,
  maintenanceFraction: '0.05',
  totalNetCollateral: 1000,
  totalMaintenanceMargin: 1500,
};

const fractionPolicy = {
  kind: 'fraction',
  fraction: '0.2',
  threshold: 100000,
  cooldownSeconds: 30,
  backstopBelow: { numerator: 2, denominator: 3 },
} as const;
const cappedPolicy = { kind: 'capped', minNotional: 1000, maxPortion: '0.1', maxNotional: 100000 } as const;
const shortagePolicy = { kind: 'shortage', liquidatorFee: '0.01', insuranceFee: 0 } as const;
const shortageInput = { shortage: 10, price: 100, maintenanceRate: '0.1', liquidatorFee: '0.01', insuranceFee: 0 };
const pnlAdlInput = {
  method: 'pnl-leverage',
  market,
  side: 'long',
  size: 1,
  entryPrice: 50000,
  markPrice: 60000,
  bankruptcyPrice: 40000,
} as const;
const bankruptcyInput = {
  deltaNetNotional: -3000,
  deltaMaintenance: -150,
  totalNetCollateral: 100,
  totalMaintenanceMargin: 150,
};
const contractTiers = defineTiers([{ cap: 5000, maintenanceMarginRate: '0.01', maxLeverage: 75 }], {
  basis: 'contracts',
  method: 'flat',
});
const row = (cap: number | null, maintenanceMarginRate: string, maxLeverage: number) => ({
  cap,
  maintenanceMarginRate,
  maxLeverage,
});
const cappedTiers = defineTiers([row(50000, '0.004', 125), row(250000, '0.005', 100)]);
const noRows: never[] = [];
const tooManyRows = Array.from({ length: LIMITS.tierRows + 1 }, () => row(null, '0.01', 50));
const ethBtc = defineMarket({ symbol: 'ETHBTC', contract: 'linear', settle: 'BTC', tiers });
const twin = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', tiers });
/** The account with a second position after its first. */
const accountWith = (second: object) => ({ ...account, positions: [...account.positions, second] }) as never;
const overCollateralised = { side: 'long', size: 1, entryPrice: 60000, margin: 60000 } as const;
const indexed = (id: string) => ({ id, symbol: 'BTC', side: 'long', liquidationPrice: 57000 }) as const;

describe('numbers', () => {
  pin('INVALID_NUMBER', 'a string that is not a decimal', () => maintenanceMargin(tiers, '1,000'), {
    field: 'notional',
    value: '1,000',
    message:
      'notional: got "1,000"; allowed: a finite decimal number: a Big, a string like "0.004" or "1e-8", or a finite number [INVALID_NUMBER]',
  });
  pin('NUMBER_OUT_OF_RANGE', 'a magnitude beyond 1e30', () => maintenanceMargin(tiers, '1e400'), {
    field: 'notional',
    value: '1e400',
    message: 'notional: got "1e400"; allowed: zero or a magnitude from 1e-30 to below 1e30 [NUMBER_OUT_OF_RANGE]',
  });
  pin('NOT_POSITIVE', 'an increment of zero', () => roundToIncrement('1', 0, 'up'), {
    field: 'increment',
    value: 0,
    message: 'increment: got 0; allowed: a number greater than 0 [NOT_POSITIVE]',
  });
  pin('NOT_POSITIVE', 'a signed size of zero (dYdX)', () => dydxFillablePrice({ ...fillableInput, positionSize: 0 }), {
    field: 'input.positionSize',
    value: 0,
    message: 'input.positionSize: got 0; allowed: a non-zero signed size [NOT_POSITIVE]',
  });
  pin('NEGATIVE', 'a notional below zero', () => maintenanceMargin(tiers, '-5'), {
    field: 'notional',
    value: '-5',
    message: 'notional: got "-5"; allowed: a number ≥ 0 (not negative, not -0) [NEGATIVE]',
  });
});

describe('structure', () => {
  pin('INVALID_TYPE', 'a table not made by defineTiers', () => maintenanceMargin('binance' as never, 1), {
    field: 'table',
    value: 'binance',
    message: 'table: got "binance"; allowed: a TierTable made by defineTiers [INVALID_TYPE]',
  });
  pin('INVALID_TYPE', 'a tier row that is not an object', () => tiersFromCcxt([null] as never), {
    field: 'tiers[0]',
    value: null,
    message: 'tiers[0]: got null; allowed: a tier row object [INVALID_TYPE]',
  });
  pin('INVALID_TYPE', 'tier rows that are not an array', () => tiersFromCcxt(null as never), {
    field: 'tiers',
    value: null,
    message: 'tiers: got null; allowed: an array of tier rows [INVALID_TYPE]',
  });
  pin(
    'INVALID_TYPE',
    'an isolated position that is not an object',
    () => isolatedLiquidationPrice(market, null as never),
    {
      field: 'position',
      value: null,
      message: 'position: got null; allowed: a position { side, size, entryPrice, margin | leverage } [INVALID_TYPE]',
    },
  );
  pin('INVALID_TYPE', 'an account that is not an object', () => crossLiquidationPrices(null as never), {
    field: 'account',
    value: null,
    message: 'account: got null; allowed: an account { collateral, positions } [INVALID_TYPE]',
  });
  pin(
    'INVALID_TYPE',
    "an account's positions that are not an array",
    () => crossLiquidationPrices({ collateral: 1000, positions: null } as never),
    {
      field: 'account.positions',
      value: null,
      message: 'account.positions: got null; allowed: an array of positions [INVALID_TYPE]',
    },
  );
  pin(
    'INVALID_TYPE',
    'a cross position that is not an object',
    () => crossLiquidationPrices({ collateral: 1000, positions: [null] } as never),
    {
      field: 'account.positions[0]',
      value: null,
      message:
        'account.positions[0]: got null; allowed: a position { market, side, size, entryPrice, markPrice } [INVALID_TYPE]',
    },
  );
  pin(
    'INVALID_TYPE',
    'a position reference that is not an object',
    () => crossMinimumCloseSize(account, null as never, closeOptions),
    {
      field: 'ref',
      value: null,
      message: "ref: got null; allowed: a position reference { symbol, side: 'long' | 'short' } [INVALID_TYPE]",
    },
  );
  pin(
    'INVALID_TYPE',
    'close options that are not an object',
    () => crossMinimumCloseSize(account, ref, null as never),
    {
      field: 'options',
      value: null,
      message:
        'options: got null; allowed: close options { markPrice, fillPrice?, feeRate?, target?, minimumRemaining? } [INVALID_TYPE]',
    },
  );
  pin(
    'INVALID_TYPE',
    'a close target that is not an object',
    () => isolatedMinimumCloseSize(market, position, { markPrice: 59500, target: null as never }),
    {
      field: 'options.target',
      value: null,
      message:
        "options.target: got null; allowed: a target { kind: 'maintenance' | 'buffer' | 'initial', … } [INVALID_TYPE]",
    },
  );
  pin(
    'INVALID_TYPE',
    'a policy that is not an object',
    () => isolatedLiquidationPlan(market, position, null as never, closeOptions),
    {
      field: 'policy',
      value: null,
      message:
        "policy: got null; allowed: a policy { kind: 'tier-step-down' | 'fraction' | 'capped' | 'shortage', … } [INVALID_TYPE]",
    },
  );
  pin(
    'INVALID_TYPE',
    'a backstop fraction that is not an object',
    () => isolatedLiquidationStep(market, position, { ...fractionPolicy, backstopBelow: null as never }, closeOptions),
    {
      field: 'policy.backstopBelow',
      value: null,
      message: 'policy.backstopBelow: got null; allowed: a fraction { numerator, denominator } [INVALID_TYPE]',
    },
  );
  pin('INVALID_TYPE', 'a shortage input that is not an object', () => sizeToCoverShortage(null as never), {
    field: 'input',
    value: null,
    message:
      'input: got null; allowed: an object { shortage, price, maintenanceRate, liquidatorFee, insuranceFee } [INVALID_TYPE]',
  });
  pin('INVALID_TYPE', 'a settlement that is not an object', () => settleCrossLiquidation(account, ref, null as never), {
    field: 'input',
    value: null,
    message:
      'input: got null; allowed: a settlement { size, fillPrice, feeRate?, surplusTo?, fundBalance? } [INVALID_TYPE]',
  });
  pin('INVALID_TYPE', 'an ADL input that is not an object', () => adlScore(null as never), {
    field: 'input',
    value: null,
    message: "input: got null; allowed: an ADL input { method: 'pnl-leverage' | 'binance', … } [INVALID_TYPE]",
  });
  pin('INVALID_TYPE', 'ADL candidates that are not an array', () => adlQueue(null as never), {
    field: 'candidates',
    value: null,
    message: 'candidates: got null; allowed: an array of { id, size, score } [INVALID_TYPE]',
  });
  pin('INVALID_TYPE', 'an ADL candidate that is not an object', () => adlQueue([null] as never), {
    field: 'candidates[0]',
    value: null,
    message: 'candidates[0]: got null; allowed: a candidate { id, size, score } [INVALID_TYPE]',
  });
  pin('INVALID_TYPE', 'index positions that are not an array', () => buildLiquidationIndex(null as never), {
    field: 'positions',
    value: null,
    message: 'positions: got null; allowed: an array of { id, symbol, side, liquidationPrice } [INVALID_TYPE]',
  });
  pin('INVALID_TYPE', 'an index position that is not an object', () => addToIndex(index, null as never), {
    field: 'position',
    value: null,
    message: 'position: got null; allowed: a position { id, symbol, side, liquidationPrice } [INVALID_TYPE]',
  });
  pin('INVALID_TYPE', 'venue options that are not an object', () => binanceUsdm.market(binancePayload, null as never), {
    field: 'options',
    value: null,
    message:
      'options: got null; allowed: an options object { symbol?, settle?, tickSize?, lotSize?, … } [INVALID_TYPE]',
  });
  pin('INVALID_TYPE', 'a dYdX fillable-price input that is not an object', () => dydxFillablePrice(null as never), {
    field: 'input',
    value: null,
    message: 'input: got null; allowed: a fillable-price input { positionSize, oraclePrice, … } [INVALID_TYPE]',
  });
  pin('INVALID_TYPE', 'a dYdX bankruptcy input that is not an object', () => dydxBankruptcyQuote(null as never), {
    field: 'input',
    value: null,
    message: 'input: got null; allowed: a bankruptcy input { deltaNetNotional, deltaMaintenance, … } [INVALID_TYPE]',
  });

  pin(
    'MISSING_FIELD',
    'a required field left out',
    () => isolatedLiquidationPrice(market, { side: 'long', entryPrice: 60000, margin: 1000 } as never),
    {
      field: 'position.size',
      value: undefined,
      message: 'position.size: got undefined; allowed: a value (this field is required) [MISSING_FIELD]',
    },
  );
  pin(
    'MISSING_FIELD',
    'neither margin nor leverage',
    () => isolatedLiquidationPrice(market, { side: 'long', size: 1, entryPrice: 60000 } as never),
    {
      field: 'position.margin',
      value: undefined,
      message:
        'position.margin: got undefined; allowed: exactly one of margin and leverage (neither was given) [MISSING_FIELD]',
    },
  );
  pin(
    'INVALID_OPTION',
    'both margin and leverage',
    () =>
      isolatedLiquidationPrice(market, {
        side: 'long',
        size: 1,
        entryPrice: 60000,
        margin: 100,
        leverage: 20,
      } as never),
    {
      field: 'position.leverage',
      value: 20,
      message:
        'position.leverage: got 20; allowed: exactly one of margin and leverage (both were given) [INVALID_OPTION]',
    },
  );
  pin(
    'MISSING_FIELD',
    'a market without its symbol',
    () => defineMarket({ contract: 'linear', settle: 'USD', tiers } as never),
    {
      field: 'market.symbol',
      value: undefined,
      message: 'market.symbol: got undefined; allowed: a value (this field is required) [MISSING_FIELD]',
    },
  );
  pin('MISSING_FIELD', 'an index change without its op', () => applyToIndex(index, [{ id: 'a' } as never]), {
    field: 'changes[0].op',
    value: undefined,
    message: "changes[0].op: got undefined; allowed: one of 'add', 'replace', 'remove' [MISSING_FIELD]",
  });

  pin(
    'UNKNOWN_FIELD',
    "a contract-keyed table's size",
    () => maintenanceMargin(contractTiers, { notional: 1, contracts: 1, price: 2 } as never),
    {
      field: 'size.price',
      value: 2,
      message: 'size.price: got 2; allowed: only the fields notional, contracts [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'a position reference',
    () => crossMinimumCloseSize(account, { ...ref, sid: 'long' } as never, closeOptions),
    {
      field: 'ref.sid',
      value: 'long',
      message: 'ref.sid: got "long"; allowed: only the fields symbol, side [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'close options',
    () => crossMinimumCloseSize(account, ref, { markPrice: 59500, feeRat: '0.005' } as never),
    {
      field: 'options.feeRat',
      value: '0.005',
      message:
        'options.feeRat: got "0.005"; allowed: only the fields markPrice, fillPrice, feeRate, target, minimumRemaining [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'a buffer target',
    () =>
      isolatedMinimumCloseSize(market, position, {
        markPrice: 59500,
        target: { kind: 'buffer', buffer: '0.1', bufer: '0.1' } as never,
      }),
    {
      field: 'options.target.bufer',
      value: '0.1',
      message: 'options.target.bufer: got "0.1"; allowed: only the fields kind, buffer [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'an initial-margin target',
    () =>
      isolatedMinimumCloseSize(market, position, {
        markPrice: 59500,
        target: { kind: 'initial', leverage: 20, leverge: 20 } as never,
      }),
    {
      field: 'options.target.leverge',
      value: 20,
      message: 'options.target.leverge: got 20; allowed: only the fields kind, leverage [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'a fraction policy',
    () => isolatedLiquidationStep(market, position, { ...fractionPolicy, cooldown: 30 } as never, closeOptions),
    {
      field: 'policy.cooldown',
      value: 30,
      message:
        'policy.cooldown: got 30; allowed: only the fields kind, fraction, threshold, cooldownSeconds, backstopBelow [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'a backstop fraction',
    () =>
      isolatedLiquidationStep(
        market,
        position,
        { ...fractionPolicy, backstopBelow: { numerator: 2, denominator: 3, denom: 3 } } as never,
        closeOptions,
      ),
    {
      field: 'policy.backstopBelow.denom',
      value: 3,
      message: 'policy.backstopBelow.denom: got 3; allowed: only the fields numerator, denominator [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'a capped policy',
    () => isolatedLiquidationStep(market, position, { ...cappedPolicy, maxPortions: '0.1' } as never, closeOptions),
    {
      field: 'policy.maxPortions',
      value: '0.1',
      message:
        'policy.maxPortions: got "0.1"; allowed: only the fields kind, minNotional, maxPortion, maxNotional [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'a shortage policy',
    () => isolatedLiquidationPlan(market, position, { ...shortagePolicy, insurance: 0 } as never, closeOptions),
    {
      field: 'policy.insurance',
      value: 0,
      message: 'policy.insurance: got 0; allowed: only the fields kind, liquidatorFee, insuranceFee [UNKNOWN_FIELD]',
    },
  );
  pin('UNKNOWN_FIELD', 'a shortage input', () => sizeToCoverShortage({ ...shortageInput, fee: 0 } as never), {
    field: 'input.fee',
    value: 0,
    message:
      'input.fee: got 0; allowed: only the fields shortage, price, maintenanceRate, liquidatorFee, insuranceFee [UNKNOWN_FIELD]',
  });
  pin(
    'UNKNOWN_FIELD',
    'a settlement',
    () => settleIsolatedLiquidation(market, position, { size: '0.5', fillPrice: 59100, fee: '0.005' } as never),
    {
      field: 'input.fee',
      value: '0.005',
      message:
        'input.fee: got "0.005"; allowed: only the fields size, fillPrice, feeRate, surplusTo, fundBalance [UNKNOWN_FIELD]',
    },
  );
  pin('UNKNOWN_FIELD', 'a pnl-leverage ADL input', () => adlScore({ ...pnlAdlInput, leverage: 10 } as never), {
    field: 'input.leverage',
    value: 10,
    message:
      'input.leverage: got 10; allowed: only the fields method, market, side, size, entryPrice, markPrice, bankruptcyPrice [UNKNOWN_FIELD]',
  });
  pin(
    'UNKNOWN_FIELD',
    'a binance ADL input',
    () =>
      adlScore({
        method: 'binance',
        unrealizedPnl: 100,
        walletBalance: 1000,
        maintenanceMargin: 10,
        marginBalance: 1100,
      } as never),
    {
      field: 'input.marginBalance',
      value: 1100,
      message:
        'input.marginBalance: got 1100; allowed: only the fields method, unrealizedPnl, walletBalance, maintenanceMargin [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'venue market options',
    () => bybitLinear.market(bybitPayload, { tickSize: '0.5', tick: '0.5' } as never),
    {
      field: 'options.tick',
      value: '0.5',
      message:
        'options.tick: got "0.5"; allowed: only the fields symbol, settle, tickSize, lotSize, contractSize, takerFeeRate, fundingRate [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'a dYdX fillable-price input',
    () => dydxFillablePrice({ ...fillableInput, tick: '0.1' } as never),
    {
      field: 'input.tick',
      value: '0.1',
      message:
        'input.tick: got "0.1"; allowed: only the fields positionSize, oraclePrice, maintenanceFraction, totalNetCollateral, totalMaintenanceMargin, bankruptcyAdjustmentPpm, spreadToMaintenanceMarginRatioPpm, tickSize [UNKNOWN_FIELD]',
    },
  );
  pin(
    'UNKNOWN_FIELD',
    'a dYdX bankruptcy input',
    () => dydxBankruptcyQuote({ ...bankruptcyInput, totalNetColateral: 100 } as never),
    {
      field: 'input.totalNetColateral',
      value: 100,
      message:
        'input.totalNetColateral: got 100; allowed: only the fields deltaNetNotional, deltaMaintenance, totalNetCollateral, totalMaintenanceMargin [UNKNOWN_FIELD]',
    },
  );

  pin('INVALID_OPTION', 'a side', () => isolatedLiquidationPrice(market, { ...position, side: 'LONG' } as never), {
    field: 'position.side',
    value: 'LONG',
    message: "position.side: got \"LONG\"; allowed: one of 'long', 'short' [INVALID_OPTION]",
  });
  pin('INVALID_OPTION', 'a rounding direction', () => roundToIncrement('1', '0.5', 'nearest-even' as never), {
    field: 'direction',
    value: 'nearest-even',
    message:
      "direction: got \"nearest-even\"; allowed: one of 'up', 'down', 'toward-zero', 'away-from-zero', 'nearest' [INVALID_OPTION]",
  });
  pin(
    'INVALID_OPTION',
    'a close target kind',
    () => isolatedMinimumCloseSize(market, position, { markPrice: 59500, target: { kind: 'margin' } as never }),
    {
      field: 'options.target.kind',
      value: 'margin',
      message:
        "options.target.kind: got \"margin\"; allowed: one of 'maintenance', 'buffer', 'initial' [INVALID_OPTION]",
    },
  );
  pin(
    'INVALID_OPTION',
    'a policy kind',
    () => isolatedLiquidationStep(market, position, { kind: 'partial' } as never, closeOptions),
    {
      field: 'policy.kind',
      value: 'partial',
      message:
        "policy.kind: got \"partial\"; allowed: one of 'tier-step-down', 'fraction', 'capped', 'shortage' [INVALID_OPTION]",
    },
  );
  pin(
    'INVALID_OPTION',
    'where a surplus goes',
    () =>
      settleIsolatedLiquidation(market, position, { size: '0.5', fillPrice: 59100, surplusTo: 'insurance' } as never),
    {
      field: 'input.surplusTo',
      value: 'insurance',
      message: "input.surplusTo: got \"insurance\"; allowed: one of 'fund', 'trader' [INVALID_OPTION]",
    },
  );
  pin('INVALID_OPTION', 'an ADL method', () => adlScore({ ...pnlAdlInput, method: 'bybit' } as never), {
    field: 'input.method',
    value: 'bybit',
    message: "input.method: got \"bybit\"; allowed: one of 'pnl-leverage', 'binance' [INVALID_OPTION]",
  });
  pin(
    'INVALID_OPTION',
    'options that do not fit together',
    () =>
      defineTiers([{ cap: 5000, maintenanceMarginRate: '0.01', maxLeverage: 75 }], {
        basis: 'contracts',
        method: 'deduction',
      } as never),
    {
      field: 'options.method',
      value: 'deduction',
      message:
        "options.method: got \"deduction\"; allowed: 'flat' when basis is 'contracts' (deduction amounts need money floors) [INVALID_OPTION]",
    },
  );
});

describe('rates and leverage', () => {
  pin(
    'RATE_OUT_OF_RANGE',
    'a maintenance margin rate above 1',
    () => defineTiers([{ cap: null, maintenanceMarginRate: '1.5', maxLeverage: 1 }]),
    {
      field: 'rows[0].maintenanceMarginRate',
      value: '1.5',
      message:
        'rows[0].maintenanceMarginRate: got "1.5"; allowed: a rate greater than 0 and at most 1 [RATE_OUT_OF_RANGE]',
    },
  );
  pin(
    'RATE_OUT_OF_RANGE',
    'a fee rate of 1',
    () =>
      defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', tiers, closeFee: { rate: '1', on: 'mark' } }),
    {
      field: 'market.closeFee.rate',
      value: '1',
      message: 'market.closeFee.rate: got "1"; allowed: a fee rate from 0 up to (not including) 1 [RATE_OUT_OF_RANGE]',
    },
  );
  pin(
    'RATE_OUT_OF_RANGE',
    'a share above 1',
    () => isolatedLiquidationStep(market, position, { ...cappedPolicy, maxPortion: '1.5' }, closeOptions),
    {
      field: 'policy.maxPortion',
      value: '1.5',
      message: 'policy.maxPortion: got "1.5"; allowed: a share greater than 0 and at most 1 [RATE_OUT_OF_RANGE]',
    },
  );
  pin(
    'LEVERAGE_OUT_OF_RANGE',
    'a leverage below 1',
    () => defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: '0.5' }]),
    {
      field: 'rows[0].maxLeverage',
      value: '0.5',
      message: 'rows[0].maxLeverage: got "0.5"; allowed: a leverage of at least 1 [LEVERAGE_OUT_OF_RANGE]',
    },
  );
  pin('LEVERAGE_ABOVE_MAX', "above the max leverage of the notional's tier", () => initialMargin(tiers, 60000, 125), {
    field: 'leverage',
    value: 125,
    message:
      'leverage: got 125; allowed: at most 100, the max leverage of the tier at index 1 (no cap) [LEVERAGE_ABOVE_MAX]',
  });
  pin('LEVERAGE_ABOVE_MAX', "above the table's highest leverage", () => maxNotional(tiers, 200), {
    field: 'leverage',
    value: 200,
    message: "leverage: got 200; allowed: at most 125, the table's highest leverage [LEVERAGE_ABOVE_MAX]",
  });
  pin(
    'LEVERAGE_ABOVE_MAX',
    "above the max leverage of the position's tier",
    () => isolatedLiquidationPrice(market, { side: 'long', size: 1, entryPrice: 60000, leverage: 125 }),
    {
      field: 'position.leverage',
      value: 125,
      message:
        "position.leverage: got 125; allowed: at most 100, the max leverage of the position's tier [LEVERAGE_ABOVE_MAX]",
    },
  );
  pin('BEYOND_LAST_TIER', "a notional above the last tier's cap", () => maintenanceMargin(cappedTiers, 300000), {
    field: 'notional',
    value: 300000,
    message: "notional: got 300000; allowed: at most 250000, the last tier's cap [BEYOND_LAST_TIER]",
  });
});

describe('accounts', () => {
  pin(
    'SETTLE_MISMATCH',
    'two settle currencies in one account',
    () =>
      crossLiquidationPrices(
        accountWith({ market: ethBtc, side: 'long', size: 1, entryPrice: '0.05', markPrice: '0.05' }),
      ),
    {
      field: 'account.positions[1].market.settle',
      value: 'BTC',
      message:
        'account.positions[1].market.settle: got "BTC"; allowed: USD, the settle currency of the account\'s first position [SETTLE_MISMATCH]',
    },
  );
  pin(
    'SYMBOL_CONFLICT',
    'two markets of one symbol',
    () =>
      crossLiquidationPrices(
        accountWith({ market: twin, side: 'short', size: 1, entryPrice: 60000, markPrice: 59500 }),
      ),
    {
      field: 'account.positions[1].market',
      value: twin,
      message:
        "account.positions[1].market: got an object; allowed: the same Market object as the account's other BTC position (one definition per symbol) [SYMBOL_CONFLICT]",
    },
  );
  pin(
    'MARK_PRICE_MISMATCH',
    'two mark prices of one market',
    () => crossLiquidationPrices(accountWith({ market, side: 'short', size: 1, entryPrice: 60000, markPrice: 59600 })),
    {
      field: 'account.positions[1].markPrice',
      value: 59600,
      message:
        'account.positions[1].markPrice: got 59600; allowed: 59500, the mark price given before for BTC [MARK_PRICE_MISMATCH]',
    },
  );
  pin(
    'MARK_PRICE_MISMATCH',
    "a close's mark price against the account's",
    () => crossMinimumCloseSize(account, ref, { markPrice: 59000 }),
    {
      field: 'options.markPrice',
      value: 59000,
      message: "options.markPrice: got 59000; allowed: 59500, the account's mark for BTC [MARK_PRICE_MISMATCH]",
    },
  );
  pin(
    'DUPLICATE_POSITION',
    'two longs of one symbol',
    () => crossLiquidationPrices(accountWith({ market, side: 'long', size: 1, entryPrice: 60000, markPrice: 59500 })),
    {
      field: 'account.positions[1].side',
      value: 'long',
      message:
        'account.positions[1].side: got "long"; allowed: one long position per symbol: BTC has one already (merge them) [DUPLICATE_POSITION]',
    },
  );
  pin(
    'DUPLICATE_ASSET',
    'one collateral asset twice',
    () =>
      crossHealth({
        assets: [
          { asset: 'BTC', amount: 1, price: 60000 },
          { asset: 'BTC', amount: 2, price: 60000 },
        ],
        positions: [],
      }),
    {
      field: 'account.assets[1].asset',
      value: 'BTC',
      message:
        'account.assets[1].asset: got "BTC"; allowed: one entry per asset (tiers apply to the whole amount) [DUPLICATE_ASSET]',
    },
  );
  pin('UNKNOWN_SYMBOL', 'a symbol the account does not hold', () => crossLiquidationPrice(account, 'ETH'), {
    field: 'symbol',
    value: 'ETH',
    message: 'symbol: got "ETH"; allowed: the symbol of a position in the account [UNKNOWN_SYMBOL]',
  });
  pin(
    'UNKNOWN_SYMBOL',
    'a reference to a position the account does not hold',
    () => crossMinimumCloseSize(account, { symbol: 'ETH', side: 'long' }, closeOptions),
    {
      field: 'ref',
      value: 'ETH',
      message: 'ref: got "ETH"; allowed: the symbol and side of a position in the account [UNKNOWN_SYMBOL]',
    },
  );
  pin(
    'UNKNOWN_SYMBOL',
    "a symbol not in Binance's payload",
    () => binanceUsdm.market(binancePayload, { symbol: 'ETHUSDT' }),
    {
      field: 'symbol',
      value: 'ETHUSDT',
      message: 'symbol: got "ETHUSDT"; allowed: a symbol present in the payload [UNKNOWN_SYMBOL]',
    },
  );
  pin(
    'UNKNOWN_SYMBOL',
    "a symbol not in Bybit's risk-limit list",
    () => bybitLinear.market(bybitPayload, { symbol: 'ETHUSDT' }),
    {
      field: 'symbol',
      value: 'ETHUSDT',
      message: 'symbol: got "ETHUSDT"; allowed: a symbol present in the risk-limit list [UNKNOWN_SYMBOL]',
    },
  );
  pin(
    'SIZE_ABOVE_POSITION',
    'a slice larger than the position',
    () => settleIsolatedLiquidation(market, position, { size: 2, fillPrice: 59100 }),
    {
      field: 'input.size',
      value: 2,
      message: "input.size: got 2; allowed: at most the position's size 1 [SIZE_ABOVE_POSITION]",
    },
  );
  pin(
    'NO_BANKRUPTCY_PRICE',
    'an isolated position that cannot lose its margin',
    () => settleIsolatedLiquidation(market, overCollateralised, { size: '0.5', fillPrice: 59100 }),
    {
      field: 'position',
      value: overCollateralised,
      message:
        'position: got an object; allowed: a position that can lose its margin (it has a bankruptcy price) [NO_BANKRUPTCY_PRICE]',
    },
  );
  pin(
    'NO_BANKRUPTCY_PRICE',
    'a slice of an account that cannot go bankrupt',
    () => settleCrossLiquidation({ ...account, collateral: 100000 }, ref, { size: '0.5', fillPrice: 59100 }),
    {
      field: 'ref',
      value: ref,
      message:
        'ref: got an object; allowed: a slice of an account with equity and a positive bankruptcy price [NO_BANKRUPTCY_PRICE]',
    },
  );
  pin(
    'NO_BANKRUPTCY_PRICE',
    'an ADL bankruptcy price on the wrong side of the mark',
    () => adlScore({ ...pnlAdlInput, bankruptcyPrice: 70000 }),
    {
      field: 'input.bankruptcyPrice',
      value: 70000,
      message:
        'input.bankruptcyPrice: got 70000; allowed: a price below the mark (the position must have equity) [NO_BANKRUPTCY_PRICE]',
    },
  );
});

describe('liquidation index', () => {
  pin('DUPLICATE_ID', 'two positions of one id', () => buildLiquidationIndex([indexed('a'), indexed('a')]), {
    field: 'positions[1].id',
    value: 'a',
    message: 'positions[1].id: got "a"; allowed: an id not used by another position [DUPLICATE_ID]',
  });
  pin('DUPLICATE_ID', 'adding an id already there', () => addToIndex(index, indexed('a')), {
    field: 'position.id',
    value: 'a',
    message: 'position.id: got "a"; allowed: an id not already in the index (use replaceInIndex) [DUPLICATE_ID]',
  });
  pin(
    'DUPLICATE_ID',
    'a batch adding an id already there',
    () => applyToIndex(index, [{ op: 'add', position: indexed('a') }]),
    {
      field: 'changes[0].position.id',
      value: 'a',
      message:
        'changes[0].position.id: got "a"; allowed: an id not in the index (after the changes before it) [DUPLICATE_ID]',
    },
  );
  pin('UNKNOWN_ID', 'removing an id not there', () => removeFromIndex(index, 'zz'), {
    field: 'id',
    value: 'zz',
    message: 'id: got "zz"; allowed: the id of a position in the index [UNKNOWN_ID]',
  });
  pin('UNKNOWN_ID', 'replacing an id not there', () => replaceInIndex(index, indexed('zz')), {
    field: 'position.id',
    value: 'zz',
    message: 'position.id: got "zz"; allowed: the id of a position in the index (use addToIndex) [UNKNOWN_ID]',
  });
  pin('UNKNOWN_ID', 'a batch removing an id not there', () => applyToIndex(index, [{ op: 'remove', id: 'zz' }]), {
    field: 'changes[0].id',
    value: 'zz',
    message:
      'changes[0].id: got "zz"; allowed: the id of a position in the index (after the changes before it) [UNKNOWN_ID]',
  });
});

describe('tier tables', () => {
  pin('TIERS_EMPTY', 'no rows', () => defineTiers(noRows), {
    field: 'rows',
    value: noRows,
    message: 'rows: got an array of length 0; allowed: at least one tier row [TIERS_EMPTY]',
  });
  pin(
    'TIER_NOT_CONTIGUOUS',
    'a gap between two payload rows',
    () => tiersFromCcxt([ccxtRows[0], { ...ccxtRows[1], minNotional: 60000 }] as never),
    {
      field: 'tiers[1].minNotional',
      value: 60000,
      message: "tiers[1].minNotional: got 60000; allowed: 50000, the previous row's cap [TIER_NOT_CONTIGUOUS]",
    },
  );
  pin(
    'TIER_CAP_NOT_INCREASING',
    'a cap equal to the one before',
    () => defineTiers([row(50000, '0.004', 125), row(50000, '0.005', 100), row(null, '0.01', 50)]),
    {
      field: 'rows[1].cap',
      value: 50000,
      message: 'rows[1].cap: got 50000; allowed: a cap greater than the previous cap 50000 [TIER_CAP_NOT_INCREASING]',
    },
  );
  pin(
    'TIER_CAP_UNBOUNDED_NOT_LAST',
    'an unbounded cap before the last row',
    () => defineTiers([row(null, '0.004', 125), row(100000, '0.005', 100)]),
    {
      field: 'rows[0].cap',
      value: null,
      message:
        'rows[0].cap: got null; allowed: a finite cap (only the last tier may be unbounded) [TIER_CAP_UNBOUNDED_NOT_LAST]',
    },
  );
  pin(
    'TIER_RATE_DECREASING',
    'a rate below the one before',
    () => defineTiers([row(50000, '0.005', 100), row(null, '0.004', 100)]),
    {
      field: 'rows[1].maintenanceMarginRate',
      value: '0.004',
      message:
        'rows[1].maintenanceMarginRate: got "0.004"; allowed: at least the previous rate 0.005 [TIER_RATE_DECREASING]',
    },
  );
  pin(
    'TIER_LEVERAGE_INCREASING',
    'a max leverage above the one before',
    () => defineTiers([row(50000, '0.004', 100), row(null, '0.005', 125)]),
    {
      field: 'rows[1].maxLeverage',
      value: 125,
      message:
        'rows[1].maxLeverage: got 125; allowed: at most the previous max leverage 100 [TIER_LEVERAGE_INCREASING]',
    },
  );
  pin(
    'TIER_RATE_ABOVE_INITIAL',
    'a maintenance rate above 1/maxLeverage',
    () => defineTiers([row(null, '0.02', 100)]),
    {
      field: 'rows[0].maintenanceMarginRate',
      value: '0.02',
      message:
        'rows[0].maintenanceMarginRate: got "0.02"; allowed: at most 1/maxLeverage = 1/100 [TIER_RATE_ABOVE_INITIAL]',
    },
  );
  pin(
    'TIER_AMOUNT_NOT_ALLOWED',
    "a maintenance amount in a 'flat' table",
    () => defineTiers([{ ...row(null, '0.01', 75), maintenanceAmount: 10 }], { method: 'flat' }),
    {
      field: 'rows[0].maintenanceAmount',
      value: 10,
      message: "rows[0].maintenanceAmount: got 10; allowed: 0 or no amount in a 'flat' table [TIER_AMOUNT_NOT_ALLOWED]",
    },
  );
  pin(
    'TIER_AMOUNT_EXCEEDS_MARGIN',
    "a maintenance amount above the tier's margin at its floor",
    () => defineTiers([row(50000, '0.004', 125), { ...row(null, '0.005', 100), maintenanceAmount: 1000 }]),
    {
      field: 'rows[1].maintenanceAmount',
      value: 1000,
      message: 'rows[1].maintenanceAmount: got 1000; allowed: at most floor × rate = 250 [TIER_AMOUNT_EXCEEDS_MARGIN]',
    },
  );
  pin('TOO_LARGE', 'more rows than LIMITS.tierRows', () => defineTiers(tooManyRows), {
    field: 'rows',
    value: tooManyRows,
    message: `rows: got an array of length ${LIMITS.tierRows + 1}; allowed: at most 10000 tier rows (LIMITS) [TOO_LARGE]`,
  });
});

describe('LIQMATH_ERROR_CODES', () => {
  it('has a pinned example of every code in this file', () => {
    const missing = Object.keys(LIQMATH_ERROR_CODES).filter((code) => !pinned.has(code as LiqMathErrorCode));
    expect(missing, 'codes without a pinned message: add a pin(...) for each').toEqual([]);
  });
});
