/**
 * A liquidation plan: a policy applied step after step at a constant mark, until the position
 * is healthy or closed. Bounded by construction. See `docs/partial.md`.
 */
import type Big from 'big.js';
import { freezeDecimal } from '../../core/decimal.js';
import { after, type CloseProblem, notionalOfSize, remainderOf } from '../../engine/close.js';
import { type CloseOptions, isolatedCloseProblem } from '../../engine/partial/minimum-close.js';
import { readPolicy, stepOf } from '../../engine/partial/policies.js';
import type { Market } from '../../model/market.js';
import type { LiquidationPolicy } from '../../model/policy.js';
import type { IsolatedPosition } from '../../model/position.js';

/**
 * The most steps a plan takes. A plan that has not ended by then closes the rest in its last
 * step, so a plan never loops forever.
 *
 * @example
 * ```ts
 * import { MAX_PLAN_STEPS } from 'liqmath';
 *
 * MAX_PLAN_STEPS; //=> 64
 * ```
 * @group Partial liquidation
 */
export const MAX_PLAN_STEPS = 64;

/**
 * One executed step of a plan: what closed, at what price and fee, and the state after it.
 *
 * @example
 * ```ts
 * import type { PlanStep } from 'liqmath';
 *
 * const describe = (s: PlanStep) => `closed ${s.size} at ${s.fillPrice}, ${s.remainingSize} left`;
 * ```
 * @group Partial liquidation
 */
export interface PlanStep {
  readonly size: Big;
  readonly fillPrice: Big;
  /** Liquidation fee charged on the closed notional at the fill. */
  readonly fee: Big;
  readonly remainingSize: Big;
  readonly equityAfter: Big;
  /** Maintenance requirement (or the target's measure) after the step. */
  readonly requirementAfter: Big;
  readonly full: boolean;
  readonly cooldownSeconds: number | null;
  readonly backstop: boolean;
}

/**
 * Applies a policy repeatedly at a constant mark (and fill, fee) until the isolated position is
 * healthy or fully closed, returning each step. At most {@link MAX_PLAN_STEPS} steps.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedMinimumCloseSize} for the market, position and
 * options, and those of {@link isolatedLiquidationStep} for the policy: `INVALID_TYPE`, `MISSING_FIELD`,
 * `UNKNOWN_FIELD`, `INVALID_OPTION`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE`, `NEGATIVE`,
 * `RATE_OUT_OF_RANGE`, `LEVERAGE_OUT_OF_RANGE`, `LEVERAGE_ABOVE_MAX`, `BEYOND_LAST_TIER`
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedLiquidationPlan } from 'liqmath';
 *
 * const market = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USDC', lotSize: '0.001', tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.0125', maxLeverage: 40 }]) });
 * const policy = { kind: 'fraction', fraction: '0.2', threshold: 100000, cooldownSeconds: 30, backstopBelow: { numerator: 2, denominator: 3 } } as const;
 * const plan = isolatedLiquidationPlan(market, { side: 'long', size: 10, entryPrice: 60000, margin: 23000 }, policy, { markPrice: 58200 });
 * plan.map((step) => step.size.toString()); //=> ['2', '1.6']
 * ```
 * @group Partial liquidation
 */
export function isolatedLiquidationPlan(
  market: Market,
  position: IsolatedPosition,
  policy: LiquidationPolicy,
  options: CloseOptions,
): readonly PlanStep[] {
  let problem = isolatedCloseProblem(market, position, options);
  const parsed = readPolicy(policy);
  const steps: PlanStep[] = [];
  while (steps.length < MAX_PLAN_STEPS) {
    const step = stepOf(problem, parsed);
    if (step.status === 'healthy') break;
    const last = steps.length === MAX_PLAN_STEPS - 1;
    const size = last ? problem.size : step.size;
    steps.push(record(problem, size, step.full || last, step.cooldownSeconds, step.backstop));
    if (step.full || last) break;
    problem = remainderOf(problem, size);
  }
  return Object.freeze(steps);
}

function record(
  p: CloseProblem,
  size: Big,
  full: boolean,
  cooldownSeconds: number | null,
  backstop: boolean,
): PlanStep {
  const state = after(p, size);
  const fee = feeOf(p, size);
  return Object.freeze({
    size: freezeDecimal(size),
    fillPrice: freezeDecimal(p.fillPrice),
    fee: freezeDecimal(fee),
    remainingSize: freezeDecimal(p.size.minus(size)),
    equityAfter: freezeDecimal(state.equity),
    requirementAfter: freezeDecimal(state.requirement),
    full,
    cooldownSeconds,
    backstop,
  });
}

/** The fee on the closed notional at the fill. */
function feeOf(p: CloseProblem, size: Big): Big {
  return notionalOfSize(p.market, size, p.fillPrice).times(p.feeRate);
}

// Former names, kept as deprecated aliases through 0.1.x (one naming scheme: every isolated
// function says `isolated`, every cross-account function says `cross`). Removed in 0.2.0.

/**
 * Former name of {@link isolatedLiquidationPlan}, the same function.
 *
 * @deprecated Use {@link isolatedLiquidationPlan}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { isolatedLiquidationPlan, liquidationPlan } from 'liqmath';
 * liquidationPlan === isolatedLiquidationPlan; //=> true
 * ```
 */
export const liquidationPlan: typeof isolatedLiquidationPlan = isolatedLiquidationPlan;
