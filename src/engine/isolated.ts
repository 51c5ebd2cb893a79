/**
 * An isolated position made ready for the solver: validated once, its margin resolved (from the
 * leverage when given, exactly), its fee to close on the bankruptcy value fixed. A prepared
 * position (`definePosition`) carries this state, so functions given one skip validation.
 * Derivation: `docs/liquidation.md`.
 */
import type Big from 'big.js';
import { decimal, PRECISION } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { add, cmp, div, E0, E1, type Exact, exactOf, mul, neg, sign, toResult } from '../core/exact.js';
import { expectMarket, type Market } from '../model/market.js';
import { type IsolatedPosition, readIsolatedPosition, type Side } from '../model/position.js';
import { priceOfNatural } from './contract.js';
import { type Leg, lookupTier, makeLeg, rootOf } from './legs.js';
import { type Crossing, firstCrossing, healthAt, type Problem, priceOf } from './solve.js';

declare const preparedBrand: unique symbol;

/**
 * An isolated position validated once for one market (from `definePosition`): every function
 * that takes an {@link IsolatedPosition} takes it too, and skips re-validation.
 *
 * @example
 * ```ts
 * import { defineMarket, definePosition, defineTiers, type PreparedPosition } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]);
 * const market = defineMarket({ symbol: 'ETHUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const prepared: PreparedPosition = definePosition(market, { side: 'short', size: 2, entryPrice: 3000, leverage: 10 });
 * prepared.margin.toString(); //=> '600'
 * ```
 * @group Isolated positions
 */
export interface PreparedPosition {
  readonly market: Market;
  readonly side: Side;
  readonly size: Big;
  readonly entryPrice: Big;
  /** The isolated margin: as given, or entry notional ÷ leverage (rounded once at 50 places when not a finite decimal). */
  readonly margin: Big;
  readonly [preparedBrand]: true;
}

/** The solver's view of an isolated position. */
export interface IsolatedState {
  readonly market: Market;
  /** The leg, its fee to close on the bankruptcy value charged. */
  readonly leg: Leg;
  readonly margin: Exact;
  readonly entryPrice: Exact;
}

/** Prepared positions and their state: held here, never a property, so no Proxy or copy can reach or forge it. */
const STATES = new WeakMap<object, IsolatedState>();

/** The smallest magnitude liqmath takes, exact. */
const SMALLEST = /* @__PURE__ */ exactOf(decimal(PRECISION.minMagnitude));

/** Validates and prepares; the public object carries the state (not enumerable). */
export function preparePosition(market: Market, position: IsolatedPosition): PreparedPosition {
  const state = readIsolated(market, position);
  const prepared = {
    market: state.market,
    side: state.leg.sign === 1 ? 'long' : 'short',
    size: toResult(state.leg.size),
    entryPrice: toResult(state.entryPrice),
    margin: toResult(state.margin),
  };
  const frozen = Object.freeze(prepared);
  STATES.set(frozen, state);
  return frozen as unknown as PreparedPosition;
}

/** The state of a prepared position, or null for anything else. */
function preparedState(position: unknown): IsolatedState | null {
  if (typeof position !== 'object' || position === null) return null;
  return STATES.get(position) ?? null;
}

/** The solver's view of a raw or prepared isolated position; a prepared one must belong to `market`. */
export function isolatedOf(
  market: Market,
  position: IsolatedPosition | PreparedPosition,
  field = 'position',
): IsolatedState {
  const state = preparedState(position);
  if (state === null) return readIsolated(market, position as IsolatedPosition, field);
  if (state.market !== market) {
    expectMarket(market);
    fail('INVALID_TYPE', field, position, `a position prepared for the market ${market.symbol}`);
  }
  return state;
}

/** Validates an isolated position and resolves its margin (from leverage when given). */
function readIsolated(market: Market, position: IsolatedPosition, field = 'position'): IsolatedState {
  const checked = expectMarket(market);
  const parsed = readIsolatedPosition(position, field);
  const { entryPrice } = parsed;
  const leg = makeLeg(
    { market: checked, sign: parsed.sign, size: parsed.size, entryPrice, sizeGiven: parsed.sizeGiven },
    field,
  );
  const margin =
    parsed.margin ?? marginFromLeverage(leg, parsed.leverage as NonNullable<typeof parsed.leverage>, field);
  return { market: checked, leg: chargeBankruptcyFee(leg, margin), margin, entryPrice };
}

function marginFromLeverage(
  leg: Leg,
  leverage: { readonly value: Exact; readonly given: unknown },
  field: string,
): Exact {
  const notional = mul(leg.k, leg.entryX);
  // makeLeg has checked the entry notional against the table already: this lookup cannot fail.
  const tier =
    leg.fixedTier ??
    lookupTier(leg.compiled, notional, { field: `${field}.size`, given: undefined }, 'the entry price');
  // The error carries the leverage exactly as the caller passed it.
  const shown = () => leverage.given;
  if (cmp(leverage.value, E1) < 0)
    fail('LEVERAGE_OUT_OF_RANGE', `${field}.leverage`, shown(), 'a leverage of at least 1');
  if (cmp(leverage.value, tier.maxLeverage) > 0) {
    fail(
      'LEVERAGE_ABOVE_MAX',
      `${field}.leverage`,
      shown(),
      `at most ${tier.tier.maxLeverage}, the max leverage of the position's tier`,
    );
  }
  const initial = div(notional, leverage.value);
  // A margin below the smallest magnitude liqmath takes would show as 0 at 50 places.
  if (cmp(initial, SMALLEST) < 0) {
    fail(
      'NUMBER_OUT_OF_RANGE',
      `${field}.leverage`,
      shown(),
      `a leverage whose margin (entry notional / leverage) is at least ${PRECISION.minMagnitude}`,
    );
  }
  return openingMargin(leg, leverage.value);
}

/**
 * The margin a position opened at `leverage` holds: its entry notional ÷ leverage, plus, where the
 * venue reserves the fee to close inside the margin (BitMEX), rate × (entry notional + initial
 * margin). Unchecked: the caller has checked the leverage against the tier.
 */
export function openingMargin(leg: Leg, leverage: Exact): Exact {
  const notional = mul(leg.k, leg.entryX);
  const initial = div(notional, leverage);
  const fee = leg.compiled.closeFee;
  return fee?.reserve === true ? add(initial, mul(fee.rate, add(notional, initial))) : initial;
}

/** The solver's state of a position given in exact numbers (an entry that is an average need not be a finite decimal). */
export function exactIsolatedState(leg: Leg, margin: Exact): IsolatedState {
  return { market: leg.market, leg: chargeBankruptcyFee(leg, margin), margin, entryPrice: leg.entryPrice };
}

/**
 * The fee reserve of a position holding `margin`: `rate × (entry notional + margin − reserve)`
 * (BitMEX's posComm on posCost + posInit + posCross), so `rate × (N + margin) / (1 + rate)`.
 */
export function reserveOf(leg: Leg, margin: Exact): Exact {
  const rate = (leg.compiled.closeFee as { readonly rate: Exact }).rate;
  return div(mul(rate, add(mul(leg.k, leg.entryX), margin)), add(E1, rate));
}

/**
 * x at which margin + PnL = the fee to close on the bankruptcy value, or the fee reserve (when
 * charged: the margin that pays the fee is not there to absorb a loss); null when not positive.
 */
export function bankruptcyX(leg: Leg, margin: Exact): Exact | null {
  const fee = leg.compiled.closeFee;
  const feeSlope = fee?.onBankruptcy === true ? mul(fee.rate, leg.k) : E0;
  const held = fee?.reserve === true ? reserveOf(leg, margin) : E0;
  const x = rootOf({
    constant: add(add(margin, neg(held)), leg.pnl.constant),
    slope: add(leg.pnl.slope, neg(feeSlope)),
  });
  return x !== null && sign(x) > 0 ? x : null;
}

/** The leg with its fee to close fixed: at the bankruptcy price, or the reserve its margin holds. */
function chargeBankruptcyFee(leg: Leg, margin: Exact): Leg {
  const fee = leg.compiled.closeFee;
  if (fee === null || !(fee.onBankruptcy || fee.reserve)) return leg;
  if (fee.reserve) return { ...leg, fixedCharge: add(leg.fixedCharge, reserveOf(leg, margin)) };
  const x = bankruptcyX(leg, margin);
  return x === null ? leg : { ...leg, fixedCharge: add(leg.fixedCharge, mul(mul(fee.rate, leg.k), x)) };
}

/** The bankruptcy price; null when no positive price exists. */
export function bankruptcyPriceOf(state: IsolatedState): Big | null {
  const x = bankruptcyX(state.leg, state.margin);
  return x === null ? null : toResult(priceOfNatural(state.leg.compiled.contract, x));
}

/** Equity minus requirement at x. */
export function isolatedHealth(state: IsolatedState, x: Exact): Exact {
  return healthAt({ legs: [state.leg], constant: state.margin }, x);
}

/**
 * The liquidation price: where equity = requirement, walking from the entry in the adverse
 * direction; when the position is liquidatable at entry, where it becomes healthy on the
 * favourable side. null when no positive price exists.
 */
export function liquidationPriceOf(state: IsolatedState): Big | null {
  const { leg, margin } = state;
  const problem: Problem = { legs: [leg], constant: margin };
  const atEntry = sign(healthAt(problem, leg.entryX));
  if (atEntry === 0) return toResult(state.entryPrice);
  // Adverse: the direction in x in which this position loses (x falls for a linear long).
  const adverse: 1 | -1 = sign(leg.pnl.slope) > 0 ? -1 : 1;
  const crossing: Crossing | null =
    atEntry > 0
      ? firstCrossing(problem, leg.entryX, adverse, 1)
      : firstCrossing(problem, leg.entryX, adverse === 1 ? -1 : 1, -1);
  return crossing === null ? null : priceOf(leg, crossing);
}
