/**
 * dYdX v4: the methodology (flat maintenance fraction per market, per-block liquidation limits),
 * the indexer's `perpetualMarkets` adapter, and the protocol's own liquidation arithmetic: the
 * fillable price of a liquidation order and the bankruptcy quote of a closed slice, with their
 * rounding. Parameters are in the protocol's units (ppm, USDC). See `docs/venues/dydx.md`.
 */
import type Big from 'big.js';
import { decimal, freezeDecimal, type Numeric, ONE, PRECISION, toDecimal, toPositive, ZERO } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { expectKnownFields, expectRecord, required } from '../core/input.js';
import { roundToMultiple } from '../core/rounding.js';
import { defineTiers } from '../model/tiers.js';
import {
  type Methodology,
  methodology,
  readVenueOptions,
  type VenueMarketOptions,
  venueMarket,
} from './methodology.js';

/**
 * dYdX v4 mainnet liquidation parameters (genesis values, governance may change them): ppm
 * fields are parts per million (1,000,000 ppm = 1, so 15,000 ppm = 1.5%); USDC fields are
 * dollars (the chain stores quote quantums, 10⁻⁶ USDC).
 *
 * @example
 * ```ts
 * import { DYDX_V4_MAINNET } from 'liqmath';
 *
 * DYDX_V4_MAINNET.maxLiquidationFeePpm; //=> 15000
 * DYDX_V4_MAINNET.minPositionNotionalLiquidatedUsdc; //=> 1000
 * ```
 * @group Venues
 */
export const DYDX_V4_MAINNET = /* @__PURE__ */ Object.freeze({
  /** BA in the fillable price: 1.0. */
  bankruptcyAdjustmentPpm: 1_000_000,
  /** SMMR: the fillable price is at most 1.5 × MMF from the oracle. */
  spreadToMaintenanceMarginRatioPpm: 1_500_000,
  /** Liquidation fee cap on the quote received: 1.5%. */
  maxLiquidationFeePpm: 15_000,
  /** Per block, a position is liquidated by at least this notional (or all of it if smaller). */
  minPositionNotionalLiquidatedUsdc: 1_000,
  /** Per block, at most this portion of a position beyond the minimum: 10%. */
  maxPositionPortionLiquidatedPpm: 100_000,
  /** Per block, at most this notional per subaccount. */
  maxNotionalLiquidatedUsdc: 100_000,
  /** Per block, at most this insurance-fund loss per subaccount. */
  maxQuantumsInsuranceLostUsdc: 1_000_000,
});

const MILLION = /* @__PURE__ */ decimal(1_000_000);
/** One quote quantum: 10⁻⁶ USDC. */
const QUANTUM = /* @__PURE__ */ decimal('0.000001');

/**
 * What {@link dydxFillablePrice} takes: the liquidated position (signed size, oracle price, its
 * market's MMF), the account's totals, and optionally other parameters and a tick to round to.
 *
 * @example
 * ```ts
 * import type { DydxFillableInput } from 'liqmath';
 *
 * const input: DydxFillableInput = { positionSize: '0.1', oraclePrice: 3000, maintenanceFraction: '0.1', totalNetCollateral: 10, totalMaintenanceMargin: 50 };
 * ```
 * @group Venues
 */
export interface DydxFillableInput {
  /** PS: positive for a long, negative for a short. */
  readonly positionSize: Numeric;
  readonly oraclePrice: Numeric;
  /** MMF of the position's market. */
  readonly maintenanceFraction: Numeric;
  /** TNC: collateral plus the value of every position (may be negative). */
  readonly totalNetCollateral: Numeric;
  /** TMMR: the account's total maintenance requirement, > 0. */
  readonly totalMaintenanceMargin: Numeric;
  readonly bankruptcyAdjustmentPpm?: number;
  readonly spreadToMaintenanceMarginRatioPpm?: number;
  /** Rounds the price to this tick: up when the order sells (a long), down when it buys. */
  readonly tickSize?: Numeric;
}

/**
 * The fillable price of a dYdX v4 liquidation order: `(PNNV − ABR·SMMR·PMMR)/PS` with
 * `ABR = clamp(BA·(1 − TNC/TMMR), 0, 1)`, i.e. the oracle price moved against the liquidated
 * position by `ABR·SMMR·MMF` of it. Defaults are mainnet's BA and SMMR.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`input` not an object), `UNKNOWN_FIELD`, `MISSING_FIELD`
 * (`positionSize`, `oraclePrice`, `maintenanceFraction`, `totalNetCollateral`, `totalMaintenanceMargin`),
 * `INVALID_NUMBER` (also a ppm parameter that is not a whole number ≥ 0), `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`
 * (a `positionSize` of 0; `oraclePrice`, `maintenanceFraction`, `totalMaintenanceMargin`, `tickSize`)
 *
 * @example
 * ```ts
 * import { dydxFillablePrice } from 'liqmath';
 *
 * // v4-chain test "multiple long positions": TNC 10, TMMR 50 → ABR 0.8; SMMR 0.1
 * dydxFillablePrice({ positionSize: '0.1', oraclePrice: 3000, maintenanceFraction: '0.1', totalNetCollateral: 10, totalMaintenanceMargin: 50, spreadToMaintenanceMarginRatioPpm: 100000 }).toString(); //=> '2976'
 * ```
 * @group Venues
 */
export function dydxFillablePrice(input: DydxFillableInput): Big {
  const record = expectRecord(input, 'input', 'a fillable-price input { positionSize, oraclePrice, … }');
  expectKnownFields(record, FILLABLE_FIELDS, 'input');
  const size = toDecimal(required(record, 'positionSize', 'input'), 'input.positionSize');
  if (size.eq(0)) fail('NOT_POSITIVE', 'input.positionSize', record.positionSize, 'a non-zero signed size');
  const oracle = toPositive(required(record, 'oraclePrice', 'input'), 'input.oraclePrice');
  const mmf = toPositive(required(record, 'maintenanceFraction', 'input'), 'input.maintenanceFraction');
  const tnc = toDecimal(required(record, 'totalNetCollateral', 'input'), 'input.totalNetCollateral');
  const tmmr = toPositive(required(record, 'totalMaintenanceMargin', 'input'), 'input.totalMaintenanceMargin');
  const ba = ppm(
    record.bankruptcyAdjustmentPpm,
    DYDX_V4_MAINNET.bankruptcyAdjustmentPpm,
    'input.bankruptcyAdjustmentPpm',
  );
  const smmr = ppm(
    record.spreadToMaintenanceMarginRatioPpm,
    DYDX_V4_MAINNET.spreadToMaintenanceMarginRatioPpm,
    'input.spreadToMaintenanceMarginRatioPpm',
  );
  const raw = ba.times(ONE.minus(tnc.div(tmmr)));
  const abr = raw.lt(0) ? ZERO : raw.gt(1) ? ONE : raw;
  const netNotional = size.times(oracle);
  const maintenance = size.abs().times(oracle).times(mmf);
  const price = netNotional.minus(abr.times(smmr).times(maintenance)).div(size);
  if (record.tickSize === undefined) return freezeDecimal(price);
  const tick = toPositive(record.tickSize, 'input.tickSize');
  return freezeDecimal(roundToMultiple(price, tick, size.gt(0) ? 'up' : 'down'));
}

const FILLABLE_FIELDS = [
  'positionSize',
  'oraclePrice',
  'maintenanceFraction',
  'totalNetCollateral',
  'totalMaintenanceMargin',
  'bankruptcyAdjustmentPpm',
  'spreadToMaintenanceMarginRatioPpm',
  'tickSize',
] as const;

/** A ppm parameter: a non-negative integer number of parts per million, as a fraction. */
function ppm(value: unknown, fallback: number, field: string): Big {
  const raw = value === undefined ? fallback : value;
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) {
    fail('INVALID_NUMBER', field, raw, 'a whole number of parts per million (1,000,000 = 1)');
  }
  return decimal(raw).div(MILLION);
}

/**
 * What {@link dydxBankruptcyQuote} takes: the slice's change of position net notional and of
 * maintenance requirement, and the account's totals before it.
 *
 * @example
 * ```ts
 * import type { DydxBankruptcyInput } from 'liqmath';
 *
 * const input: DydxBankruptcyInput = { deltaNetNotional: 1000, deltaMaintenance: 75, totalNetCollateral: -400, totalMaintenanceMargin: 75 };
 * ```
 * @group Venues
 */
export interface DydxBankruptcyInput {
  /** ΔNNV: the slice's change of position net notional (closing a short of value −1,000 is +1,000). */
  readonly deltaNetNotional: Numeric;
  /** ΔMMR: the slice's change of maintenance requirement (its sign is ignored). */
  readonly deltaMaintenance: Numeric;
  readonly totalNetCollateral: Numeric;
  readonly totalMaintenanceMargin: Numeric;
}

/**
 * The quote a liquidated account receives (negative: pays) for a slice at its bankruptcy price:
 * `−ΔNNV − TNC·|ΔMMR|/TMMR`, the account's collateral shared among slices by their share of the
 * requirement, rounded **up** to the quote quantum (10⁻⁶ USDC) as the protocol rounds it.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`input` not an object), `UNKNOWN_FIELD`, `MISSING_FIELD` (any of
 * the four fields), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`totalMaintenanceMargin`)
 *
 * @example
 * ```ts
 * import { dydxBankruptcyQuote } from 'liqmath';
 *
 * // dYdX docs: B is short 500 at 1 with 100 deposited; the oracle jumps to 2 (TNC −400).
 * // Closing all of it costs 600 USDC: a bankruptcy price of 600 / 500 = 1.2.
 * dydxBankruptcyQuote({ deltaNetNotional: 1000, deltaMaintenance: 75, totalNetCollateral: -400, totalMaintenanceMargin: 75 }).toString(); //=> '-600'
 * ```
 * @group Venues
 */
export function dydxBankruptcyQuote(input: DydxBankruptcyInput): Big {
  const record = expectRecord(input, 'input', 'a bankruptcy input { deltaNetNotional, deltaMaintenance, … }');
  expectKnownFields(
    record,
    ['deltaNetNotional', 'deltaMaintenance', 'totalNetCollateral', 'totalMaintenanceMargin'],
    'input',
  );
  const deltaNnv = toDecimal(required(record, 'deltaNetNotional', 'input'), 'input.deltaNetNotional');
  const deltaMmr = toDecimal(required(record, 'deltaMaintenance', 'input'), 'input.deltaMaintenance').abs();
  const tnc = toDecimal(required(record, 'totalNetCollateral', 'input'), 'input.totalNetCollateral');
  const tmmr = toPositive(required(record, 'totalMaintenanceMargin', 'input'), 'input.totalMaintenanceMargin');
  const quote = deltaNnv.neg().minus(tnc.times(deltaMmr).div(tmmr));
  return freezeDecimal(roundToMultiple(quote, QUANTUM, 'up'));
}

/**
 * One market of the indexer's `GET /v4/perpetualMarkets` response (`markets[ticker]`); only the
 * fields liqmath reads are typed.
 *
 * @example
 * ```ts
 * import type { DydxPerpetualMarket } from 'liqmath';
 *
 * const eth: DydxPerpetualMarket = { ticker: 'ETH-USD', initialMarginFraction: '0.05', maintenanceMarginFraction: '0.03', tickSize: '0.1', stepSize: '0.001' };
 * ```
 * @group Venues
 */
export interface DydxPerpetualMarket {
  readonly ticker?: string;
  readonly initialMarginFraction: string | number;
  readonly maintenanceMarginFraction: string | number;
  readonly tickSize?: string | number;
  readonly stepSize?: string | number;
  readonly [field: string]: unknown;
}

/**
 * dYdX v4 perpetuals (USDC, cross by default): one flat maintenance fraction per market (MMF),
 * valued at the oracle price, no fee in the requirement, liquidatable when equity < requirement;
 * per-block limits as the `'capped'` policy (mainnet: $1,000 minimum, 10% portion, $100,000 per
 * subaccount); the liquidation fee (≤ 1.5% of the quote, out of the surplus only) is charged at
 * settlement: `settleIsolatedLiquidation(..., { feeRate: '0.015', surplusTo: 'trader' })`.
 * `market(payload, { symbol })` reads `GET /v4/perpetualMarkets` (or one market of it): the
 * maximum leverage is 1/IMF (rounded down), tick and step come from the payload unless given.
 *
 * @throws {@link LiqMathError} from `market(...)`: for the payload, `INVALID_TYPE` (the payload, `markets` or a
 * market not an object), `MISSING_FIELD` (`options.symbol` unless the payload is one market with a `ticker`;
 * `initialMarginFraction`, `maintenanceMarginFraction`), `UNKNOWN_SYMBOL` (a ticker not in `markets`),
 * `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`initialMarginFraction`, `tickSize`, `stepSize`),
 * `LEVERAGE_OUT_OF_RANGE` (an `initialMarginFraction` above 1), `RATE_OUT_OF_RANGE` (a
 * `maintenanceMarginFraction` outside (0, 1]), `TIER_RATE_ABOVE_INITIAL` (a maintenance fraction above the
 * initial one), the last three named as fields of `rows[0]`; for the options, `INVALID_TYPE` (not an object;
 * a `symbol` or `settle` that is not a name), `UNKNOWN_FIELD` (also `takerFeeRate` and `fundingRate`, which
 * dYdX does not count), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`contractSize`, `tickSize`,
 * `lotSize`)
 *
 * @example
 * ```ts
 * import { dydxV4, isolatedLiquidationPrice } from 'liqmath';
 *
 * const payload = { markets: { 'ETH-USD': { ticker: 'ETH-USD', initialMarginFraction: '0.05', maintenanceMarginFraction: '0.05', tickSize: '0.1', stepSize: '0.001' } } };
 * const market = dydxV4.market(payload, { symbol: 'ETH-USD' });
 * // dYdX docs: short 3 ETH at 3,000 with 1,000 USDC of equity liquidates at 3,174.60
 * isolatedLiquidationPrice(market, { side: 'short', size: 3, entryPrice: 3000, margin: 1000 })?.toFixed(2); //=> '3174.60'
 * ```
 * @group Venues
 */
export const dydxV4: Methodology<
  { readonly markets: Readonly<Record<string, DydxPerpetualMarket>> } | DydxPerpetualMarket,
  VenueMarketOptions
> = /* @__PURE__ */ methodology(
  () => ({
    id: 'dydx-v4',
    name: 'dYdX v4 perpetuals',
    contract: 'linear',
    tiers: { method: 'flat', basis: 'notional' },
    maintenanceAt: 'price',
    closeFee: 'none',
    fundingInRequirement: false,
    liquidatableWhen: 'equity < requirement',
    priceRounding: 'none',
    partialLiquidation: {
      kind: 'capped',
      minNotional: DYDX_V4_MAINNET.minPositionNotionalLiquidatedUsdc,
      maxPortion: '0.1',
      maxNotional: DYDX_V4_MAINNET.maxNotionalLiquidatedUsdc,
    },
    adl: 'unpublished',
    evidence: [
      'dydx-v4-isolated-liq-1',
      'dydx-v4-cross-liq-1',
      'dydx-v4-fillable-price-multi',
      'dydx-v4-deleverage-bankruptcy-1',
      'dydx-v4-insurance-fund-1',
    ],
  }),
  (venue, payload, options) => {
    const read = readVenueOptions(options);
    const { ticker, market } = pickMarket(payload, read.symbol);
    const at = `markets[${JSON.stringify(ticker)}]`;
    const imf = toPositive(required(market, 'initialMarginFraction', at), `${at}.initialMarginFraction`);
    const leverage = ONE.div(imf).round(PRECISION.decimalPlaces, 0);
    const rate = required(market, 'maintenanceMarginFraction', at) as Numeric;
    const tiers = defineTiers([{ cap: null, maintenanceMarginRate: rate, maxLeverage: leverage }], { method: 'flat' });
    const fromPayload = {
      ...(market.tickSize === undefined ? {} : { tickSize: market.tickSize }),
      ...(market.stepSize === undefined ? {} : { lotSize: market.stepSize }),
    };
    return venueMarket(venue, tiers, { ...fromPayload, ...read }, { symbol: ticker, settle: 'USDC' });
  },
);

function pickMarket(payload: unknown, symbol: unknown): { ticker: string; market: Readonly<Record<string, unknown>> } {
  const record = expectRecord(payload, 'payload', 'a perpetualMarkets response { markets } or one market');
  if (record.markets === undefined) {
    const ticker = typeof symbol === 'string' ? symbol : record.ticker;
    if (typeof ticker !== 'string')
      fail('MISSING_FIELD', 'options.symbol', symbol, 'the market ticker, e.g. "ETH-USD"');
    return { ticker: ticker as string, market: record };
  }
  const markets = expectRecord(record.markets, 'markets', 'the markets by ticker');
  if (typeof symbol !== 'string') fail('MISSING_FIELD', 'options.symbol', symbol, 'the market ticker, e.g. "ETH-USD"');
  const market = markets[symbol as string];
  if (market === undefined) fail('UNKNOWN_SYMBOL', 'options.symbol', symbol, 'a ticker present in markets');
  return { ticker: symbol as string, market: expectRecord(market, `markets[${JSON.stringify(symbol)}]`, 'a market') };
}
