/**
 * An account's health as functions of one symbol's price: equity (weighted collateral, collateral
 * that moves with the price, unrealised PnL with profit at a weight), the maintenance or initial
 * requirement, and the surplus over a multiple of it, whose zeros are the prices where a ratio
 * reaches a level. Every other market and price is held where it is (single-factor, as Drift and
 * Mango state theirs). Solved exactly per segment by `piecewise.ts`. Derivation: `docs/health.md`.
 */
import type Big from 'big.js';
import { fail } from '../core/errors.js';
import { add, div, E0, type Exact, exactOf, mul, neg, sign, toResult } from '../core/exact.js';
import type { ReadCollateralAccount } from '../model/collateral.js';
import type { CrossLeg } from './account.js';
import { fallingPrice, lowerTierSide, priceOfNatural, xIsSettlePrice } from './contract.js';
import { boundaryX, pnlAtX, requirementAtX, tierAt, tierMoves } from './legs.js';
import { firstZero } from './piecewise.js';
import { crossLegOf } from './valuation.js';

/** What a ratio reads: the maintenance requirement (with any fee to close) or the initial one. */
export type RequirementBasis = 'maintenance' | 'initial';

/** An account as the health functions see it. */
export interface HealthState {
  readonly legs: readonly CrossLeg[];
  /** Collateral whose value does not move with any position's price. */
  readonly fixed: Exact;
  /** Per symbol, the weighted amount of collateral priced by that symbol's x (its value is amount × x). */
  readonly moving: ReadonlyMap<string, Exact>;
  /** The weight of a position's positive unrealised PnL; null for 1. */
  readonly pnlWeight: Exact | null;
}

/** A plain cross account: one collateral amount, PnL in full. */
export function plainHealthState(collateral: Exact, legs: readonly CrossLeg[]): HealthState {
  return { legs, fixed: collateral, moving: new Map(), pnlWeight: null };
}

/** A collateral account as read by the model. */
export function collateralHealthState(account: ReadCollateralAccount): HealthState {
  const legs = account.positions.map((position, index) => crossLegOf(position, `account.positions[${index}]`));
  let fixed = E0;
  const moving = new Map<string, Exact>();
  account.assets.forEach((asset, index) => {
    if (asset.price !== null) fixed = add(fixed, mul(asset.weighted, asset.price));
    else {
      const symbol = asset.movesWith as string;
      const leg = legs.find((l) => l.leg.market.symbol === symbol) as CrossLeg;
      if (!xIsSettlePrice(leg.leg.compiled.contract)) {
        // A quanto mark is a price in a third currency, not the asset's price in the settle currency.
        fail(
          'INVALID_OPTION',
          `account.assets[${index}].movesWith`,
          symbol,
          "a linear or inverse market: give a quanto market's asset a price",
        );
      }
      moving.set(symbol, add(moving.get(symbol) ?? E0, asset.weighted));
    }
  });
  return { legs, fixed, moving, pnlWeight: account.positivePnlWeight };
}

/** The legs of one symbol, grouped once per state (a WeakMap: states are plain objects). */
const GROUPS = new WeakMap<HealthState, Map<string, CrossLeg[]>>();

function legsOn(state: HealthState, symbol: string): readonly CrossLeg[] {
  let groups = GROUPS.get(state);
  if (groups === undefined) {
    groups = new Map();
    for (const leg of state.legs) {
      const list = groups.get(leg.leg.market.symbol);
      if (list === undefined) groups.set(leg.leg.market.symbol, [leg]);
      else list.push(leg);
    }
    GROUPS.set(state, groups);
  }
  return groups.get(symbol) ?? [];
}

/** One symbol moved to x (every other at its mark); omitted: everything at its mark. */
export interface Moved {
  readonly symbol: string;
  readonly x: Exact;
}

/** The x of a position: the moved symbol's x, or its mark. */
type XOf = (leg: CrossLeg) => Exact;

const AT_MARK: XOf = (leg) => leg.markX;

/** Equity: collateral (fixed and moving) plus PnL, positive PnL at its weight. */
export function equityOf(state: HealthState, moved?: Moved): Exact {
  const xOf = xFor(moved);
  let sum = state.fixed;
  for (const [symbol, amount] of state.moving) {
    sum = add(sum, mul(amount, moved !== undefined && moved.symbol === symbol ? moved.x : markXOf(state, symbol)));
  }
  for (const leg of state.legs) sum = add(sum, weightedPnl(state, pnlAtX(leg.leg, xOf(leg))));
  return sum;
}

/** The requirement on a basis. */
export function requirementOf(state: HealthState, basis: RequirementBasis, moved?: Moved): Exact {
  const xOf = xFor(moved);
  let sum = E0;
  for (const leg of state.legs) {
    const at = xOf(leg);
    sum = add(sum, requirementOfLeg(leg, basis, at));
  }
  return sum;
}

/** Initial requirement of a position: its notional ÷ the max leverage of its tier there. */
function initialAtX(leg: CrossLeg, x: Exact): Exact {
  const tier = tierAt(leg.leg, x);
  return div(mul(leg.leg.k, x), exactOf(tier.tier.maxLeverage));
}

function weightedPnl(state: HealthState, pnl: Exact): Exact {
  return state.pnlWeight !== null && sign(pnl) > 0 ? mul(pnl, state.pnlWeight) : pnl;
}

function xFor(moved: Moved | undefined): XOf {
  return moved === undefined ? AT_MARK : (leg) => (leg.leg.market.symbol === moved.symbol ? moved.x : leg.markX);
}

function markXOf(state: HealthState, symbol: string): Exact {
  // A moving asset's symbol is held by the account (checked when read).
  return (legsOn(state, symbol)[0] as CrossLeg).markX;
}

/** Where a symbol's price makes `equity − multiple × requirement` reach 0, nearest to its mark on each side. */
export type LevelPrices =
  | { readonly status: 'beyond'; readonly below: null; readonly above: null }
  | { readonly status: 'within'; readonly below: Big | null; readonly above: Big | null };

/**
 * The nearest prices of `symbol`, below and above its mark, at which equity = multiple ×
 * requirement; `beyond` when equity ≤ multiple × requirement at the marks already.
 */
export function levelPrices(
  state: HealthState,
  symbol: string,
  multiple: Exact,
  basis: RequirementBasis,
  totals: { readonly equity: Exact; readonly requirement: Exact } = {
    equity: equityOf(state),
    requirement: requirementOf(state, basis),
  },
): LevelPrices {
  // Everything that does not move with the symbol, as the totals at the marks less the symbol's
  // own part: O(legs of the symbol) here, the totals once per account (pass them for many symbols).
  const moving = legsOn(state, symbol);
  const collateral = state.moving.get(symbol) ?? E0;
  let own = E0;
  let ownRequirement = E0;
  for (const leg of moving) {
    own = add(own, weightedPnl(state, pnlAtX(leg.leg, leg.markX)));
    ownRequirement = add(ownRequirement, requirementOfLeg(leg, basis, leg.markX));
  }
  if (moving.length > 0) own = add(own, mul(collateral, (moving[0] as CrossLeg).markX));
  const constant = add(add(totals.equity, neg(own)), neg(mul(multiple, add(totals.requirement, neg(ownRequirement)))));
  const first = moving[0] as CrossLeg;
  const at = (x: Exact) => {
    let sum = add(constant, mul(collateral, x));
    for (const leg of moving) {
      sum = add(sum, add(weightedPnl(state, pnlAtX(leg.leg, x)), neg(mul(multiple, requirementOfLeg(leg, basis, x)))));
    }
    return sum;
  };
  if (sign(at(first.markX)) <= 0) return Object.freeze({ status: 'beyond', below: null, above: null });
  const breakpoints: Exact[] = [];
  for (const { leg } of moving) {
    // The initial requirement follows the tier of the notional even where maintenance is fixed at entry.
    const tiered = basis === 'initial' ? leg.fixedTier === null : tierMoves(leg);
    if (tiered) {
      for (const tier of leg.compiled.table.tiers) if (tier.cap !== null) breakpoints.push(boundaryX(leg, tier.cap));
    }
    if (state.pnlWeight !== null) breakpoints.push(leg.entryX);
  }
  const contract = first.leg.compiled.contract;
  const priceOf = (crossing: ReturnType<typeof firstZero>): Big | null =>
    crossing === null
      ? null
      : toResult(
          priceOfNatural(contract, crossing.x),
          crossing.kind === 'root' ? 'half-even' : lowerTierSide(contract),
        );
  const falling = fallingPrice(contract);
  const down = firstZero({ at, breakpoints }, first.markX, falling);
  const up = firstZero({ at, breakpoints }, first.markX, falling === 1 ? -1 : 1);
  return Object.freeze({ status: 'within', below: priceOf(down), above: priceOf(up) });
}

function requirementOfLeg(leg: CrossLeg, basis: RequirementBasis, x: Exact): Exact {
  return basis === 'maintenance' ? requirementAtX(leg.leg, x) : initialAtX(leg, x);
}
