/**
 * An isolated position made ready for the solver: validated once, its margin resolved (from the
 * leverage when given), its fee to close on the bankruptcy value fixed. Derivation:
 * `docs/liquidation.md`.
 */
import type Big from 'big.js';
import { fail } from '../../../src/core/errors.js';
import { expectMarket, type Market } from '../../../src/model/market.js';
import { lookupTier } from '../../../src/model/tier-margin.js';
import { ZERO } from '../core/decimal.js';
import { type IsolatedPosition, readIsolatedPosition } from '../model/position.js';
import { fromX, type Leg, makeLeg, rootOf, toX } from './legs.js';

/** Validates an isolated position and resolves its margin (from leverage when given); internal. */
export function readIsolated(
  market: Market,
  position: IsolatedPosition,
): { leg: Leg; margin: Big; entryX: Big; entryPrice: Big } {
  const checked = expectMarket(market);
  const parsed = readIsolatedPosition(checked, position);
  const leg = makeLeg(parsed, parsed.entryPrice, 'position');
  const entryX = toX(checked, parsed.entryPrice);
  const margin = parsed.margin ?? marginFromLeverage(leg, parsed.size, entryX, parsed.leverage);
  return { leg, margin, entryX, entryPrice: parsed.entryPrice };
}

function marginFromLeverage(leg: Leg, size: Big, entryX: Big, leverage: Big): Big {
  const table = leg.market.tiers;
  const notional = leg.k.times(entryX);
  const tier = lookupTier(table, table.basis === 'contracts' ? size : notional, 'position.size');
  if (leverage.lt(1))
    fail('LEVERAGE_OUT_OF_RANGE', 'position.leverage', leverage.toString(), 'a leverage of at least 1');
  if (leverage.gt(tier.maxLeverage)) {
    fail(
      'LEVERAGE_ABOVE_MAX',
      'position.leverage',
      leverage.toString(),
      `at most ${tier.maxLeverage}, the max leverage of the position's tier`,
    );
  }
  return notional.div(leverage);
}

/** x at which margin + PnL = fee to close on the bankruptcy value (if charged); null when not positive. */
export function bankruptcyX(leg: Leg, margin: Big): Big | null {
  const fee = leg.market.closeFee;
  const feeSlope = fee !== null && fee.on === 'bankruptcy' ? fee.rate.times(leg.k) : ZERO;
  const x = rootOf({ constant: margin.plus(leg.pnl.constant), slope: leg.pnl.slope.minus(feeSlope) });
  return x?.gt(0) ? x : null;
}

/** The leg with its bankruptcy-basis fee fixed at the bankruptcy price (0 when there is none). */
export function chargeBankruptcyFee(leg: Leg, margin: Big): Leg {
  const fee = leg.market.closeFee;
  if (fee === null || fee.on !== 'bankruptcy') return leg;
  const x = bankruptcyX(leg, margin);
  return x === null ? leg : { ...leg, bankruptcyFee: fee.rate.times(leg.k).times(x) };
}

/** The bankruptcy price of a validated isolated position; null when no positive price exists. */
export function bankruptcyPriceOf(leg: Leg, margin: Big): Big | null {
  const x = bankruptcyX(leg, margin);
  return x === null ? null : fromX(leg.market, x);
}
