/**
 * A cross account made ready for the solver: validated once, every position a leg at its mark.
 * A prepared account (`defineAccount`) carries this state, so functions given one skip
 * validation; it is also a plain {@link CrossAccount}, so every function that takes one takes it.
 */
import type Big from 'big.js';
import { freezeDecimal } from '../core/decimal.js';
import { type Exact, exactOf } from '../core/exact.js';
import type { Market } from '../model/market.js';
import { type CrossAccount, readCrossAccount, type Side } from '../model/position.js';
import type { Leg } from './legs.js';
import { crossLegOf } from './valuation.js';

/** One position of a cross account, on the solver's side: its leg and the x of its mark. */
export interface CrossLeg {
  readonly leg: Leg;
  readonly markX: Exact;
}

/** The solver's view of a cross account. */
export interface AccountState {
  readonly collateral: Exact;
  readonly legs: readonly CrossLeg[];
}

declare const preparedAccountBrand: unique symbol;

/**
 * A cross account validated once (from `defineAccount`): its numbers as frozen Bigs, and the
 * solver's state carried with it (not enumerable: a copy is an ordinary account again).
 *
 * @example
 * ```ts
 * import { defineAccount, type PreparedAccount } from 'liqmath';
 *
 * const account: PreparedAccount = defineAccount({ collateral: '250.5', positions: [] });
 * account.collateral.toString(); //=> '250.5'
 * ```
 * @group Cross accounts
 */
export interface PreparedAccount extends CrossAccount {
  readonly collateral: Big;
  readonly positions: readonly {
    readonly market: Market;
    readonly side: Side;
    readonly size: Big;
    readonly entryPrice: Big;
    readonly markPrice: Big;
  }[];
  readonly [preparedAccountBrand]: true;
}

/** Prepared accounts and their state: held here, never a property, so no Proxy or copy can reach or forge it. */
const STATES = new WeakMap<object, AccountState>();

/** Validates and prepares a cross account. */
export function prepareAccount(account: CrossAccount): PreparedAccount {
  const { collateral, positions } = readCrossAccount(account);
  const legs = positions.map((position, index) => crossLegOf(position, `account.positions[${index}]`));
  const view = positions.map((position) =>
    Object.freeze({
      market: position.market,
      side: position.sign === 1 ? 'long' : 'short',
      size: freezeDecimal(position.size),
      entryPrice: freezeDecimal(position.entryPrice),
      markPrice: freezeDecimal(position.markPrice),
    }),
  );
  const prepared = { collateral: freezeDecimal(collateral), positions: Object.freeze(view) };
  const frozen = Object.freeze(prepared);
  STATES.set(frozen, { collateral: exactOf(collateral), legs });
  return frozen as unknown as PreparedAccount;
}

/** The solver's view of a raw or prepared cross account. */
export function accountOf(account: CrossAccount): AccountState {
  const own = typeof account === 'object' && account !== null ? STATES.get(account) : undefined;
  if (own !== undefined) return own;
  const { collateral, positions } = readCrossAccount(account);
  return {
    collateral: exactOf(collateral),
    legs: positions.map((position, index) => crossLegOf(position, `account.positions[${index}]`)),
  };
}
