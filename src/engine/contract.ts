/**
 * Contract math: the one module that knows how contract types differ. Everything else is
 * written in the natural variable `x` of a market, in which notional and PnL are linear:
 *
 * | contract | x | notional | PnL |
 * |---|---|---|---|
 * | linear (BTCUSDT) | `P` | `k·x` | `s·k·(x − x_E)` |
 * | inverse (BTCUSD) | `1/P` | `k·x` | `−s·k·(x − x_E)` |
 * | quanto (BitMEX ETHUSD in XBT) | `P` | `k·x` | `s·k·(x − x_E)` |
 *
 * with `k = size·contractSize`. A quanto contract is linear in its price but pays in a third
 * currency: its contract size is the settle currency per price point (BitMEX ETHUSD: 0.000001
 * XBT per USD), so the algebra is the linear row's. Derivation: `docs/liquidation.md`.
 */
import { div, E1, type Exact, type ResultRounding } from '../core/exact.js';
import type { ContractType } from '../model/market.js';

interface ContractMath {
  /** Whether x is the reciprocal of the price. */
  readonly reciprocal: boolean;
  /** Whether x is a price in the settle currency (of the base, or of the quote for inverse); a quanto price is in a third currency. */
  readonly settlePrice: boolean;
  /** The sign of PnL in x for a long: +1 when a higher x is a gain. */
  readonly direction: 1 | -1;
}

const MATH: Readonly<Record<ContractType, ContractMath>> = Object.freeze({
  linear: Object.freeze({ reciprocal: false, direction: 1, settlePrice: true }),
  inverse: Object.freeze({ reciprocal: true, direction: -1, settlePrice: true }),
  quanto: Object.freeze({ reciprocal: false, direction: 1, settlePrice: false }),
});

/** x of a price: P or 1/P. */
export function naturalOf(contract: ContractType, price: Exact): Exact {
  return MATH[contract].reciprocal ? div(E1, price) : price;
}

/** The price of an x: x or 1/x (the same map: it is its own inverse). */
export function priceOfNatural(contract: ContractType, x: Exact): Exact {
  return MATH[contract].reciprocal ? div(E1, x) : x;
}

/** PnL per unit of k per unit of x for a position of side `sign`: `s` (linear) or `−s` (inverse). */
export function pnlDirection(contract: ContractType, sign: 1 | -1): 1 | -1 {
  return MATH[contract].direction === 1 ? sign : sign === 1 ? -1 : 1;
}

/** The direction in x of a falling price: −1 (linear) or +1 (inverse). */
export function fallingPrice(contract: ContractType): 1 | -1 {
  return MATH[contract].reciprocal ? 1 : -1;
}

/**
 * How to round a price at a tier cap so that it lies on the lower tier's side (notional ≤ cap):
 * down for linear (notional grows with the price), up for inverse (it shrinks).
 */
export function lowerTierSide(contract: ContractType): ResultRounding {
  return MATH[contract].reciprocal ? 'ceiling' : 'floor';
}

/** Whether x is an asset's price in the settle currency, so collateral may move with it (not quanto). */
export function xIsSettlePrice(contract: ContractType): boolean {
  return MATH[contract].settlePrice;
}
