/**
 * The numbers every health result carries, from equity and requirements: the venue's ratio, the
 * normalised health, the level reached and the next one. Shared by cross and isolated health.
 */
import type Big from 'big.js';
import { add, cmp, div, E0, E1, type Exact, exactOf, mul, neg, sign, toResult } from '../../core/exact.js';
import { liquidatableAt } from '../../engine/trigger.js';
import {
  type HealthDefinition,
  multipleOf,
  requirementBasis,
  venueHealth,
  type WarningLevel,
} from '../../model/health.js';

/**
 * What {@link crossHealth} and {@link isolatedHealth} report besides prices.
 *
 * @example
 * ```ts
 * import type { HealthNumbers } from 'liqmath';
 *
 * const pct = (h: HealthNumbers) => `${h.health.times(100).toFixed(1)}% healthy`;
 * ```
 * @group Health
 */
export interface HealthNumbers {
  readonly equity: Big;
  /** Maintenance requirement, with any fee to close the venue counts. */
  readonly requirement: Big;
  /** Σ notional ÷ max leverage of each position's tier (what dYdX's margin usage reads). */
  readonly initialRequirement: Big;
  /** The venue's ratio under the venue's name; `null` where it is undefined (a quotient by 0 or by equity ≤ 0). */
  readonly ratio: { readonly name: string; readonly value: Big | null };
  /** 1 − requirement ÷ equity, clamped to [0, 1]: 1 with no requirement, 0 when liquidatable or equity ≤ 0. */
  readonly health: Big;
  /**
   * Whether the venue liquidates now: at the definition's liquidating level (Binance portfolio
   * margin: uniMMR 105%), else at equity = maintenance requirement; ≤ or < by the market's trigger;
   * never with no requirement and equity ≥ 0.
   */
  readonly liquidatable: boolean;
  /** The most severe level reached (the ratio at it or worse), or null. */
  readonly level: WarningLevel | null;
  /** The mildest level not reached, or null. */
  readonly nextLevel: WarningLevel | null;
  /** The definition used. */
  readonly definition: HealthDefinition;
}

/** The default: margin ratio = requirement ÷ equity, liquidation at 1. */
export const defaultHealth: HealthDefinition = /* @__PURE__ */ venueHealth({
  venue: 'liqmath',
  name: 'margin ratio',
  ratio: 'requirement/equity',
  levels: [{ name: 'liquidation', ratio: '1', action: 'equity no longer covers the requirement', liquidates: true }],
  source: '',
});

const HUNDRED: Exact = { n: 100n, d: 1n, s: 0 };

/** The multiple of the requirement at which a level is reached. */
export function levelMultiple(definition: HealthDefinition, level: WarningLevel): Exact {
  return multipleOf(definition.ratio, exactOf(level.ratio));
}

/** The ratio's value; null where undefined. */
export function ratioValue(
  definition: HealthDefinition,
  equity: Exact,
  maintenance: Exact,
  initial: Exact,
): Exact | null {
  switch (definition.ratio) {
    case 'requirement/equity':
      return sign(equity) > 0 ? div(maintenance, equity) : null;
    case 'initial/equity':
      return sign(equity) > 0 ? div(initial, equity) : null;
    case 'equity/requirement':
      return sign(maintenance) > 0 ? div(equity, maintenance) : null;
    default:
      return mul(HUNDRED, normalisedHealth(equity, maintenance));
  }
}

/** 1 − M ÷ E clamped to [0, 1]; 1 when M = 0 and E ≥ 0, 0 when E ≤ 0 otherwise (Drift's order). */
export function normalisedHealth(equity: Exact, maintenance: Exact): Exact {
  if (sign(maintenance) === 0 && sign(equity) >= 0) return E1;
  if (sign(equity) <= 0) return E0;
  const health = add(E1, neg(div(maintenance, equity)));
  if (sign(health) < 0) return E0;
  return cmp(health, E1) > 0 ? E1 : health;
}

/** The level a definition liquidates at, or null (then: equity at the maintenance requirement). */
export function liquidationLevel(definition: HealthDefinition): WarningLevel | null {
  return definition.levels.find((level) => level.liquidates) ?? null;
}

/** The multiple of the maintenance requirement at which the definition liquidates (1 without a liquidating level). */
export function liquidationMultiple(definition: HealthDefinition): Exact {
  const level = liquidationLevel(definition);
  return level === null ? E1 : levelMultiple(definition, level);
}

/**
 * The numbers of a health result. A level is reached when equity ≤ multiple × requirement, except
 * that an account with no requirement and equity ≥ 0 reaches none (it has nothing to close);
 * `liquidatable` follows the definition's liquidating level with the market's trigger (≤ or <).
 */
export function healthNumbers(
  definition: HealthDefinition,
  equity: Exact,
  maintenance: Exact,
  initial: Exact,
  atEquality: boolean,
): HealthNumbers {
  const basis = requirementBasis(definition.ratio) === 'initial' ? initial : maintenance;
  const nothingToClose = (requirement: Exact) => sign(requirement) === 0 && sign(equity) >= 0;
  let level: WarningLevel | null = null;
  let nextLevel: WarningLevel | null = null;
  for (const candidate of definition.levels) {
    const reached =
      !nothingToClose(basis) && sign(add(equity, neg(mul(levelMultiple(definition, candidate), basis)))) <= 0;
    if (reached) level = candidate;
    else {
      nextLevel = candidate;
      break;
    }
  }
  const surplus = add(equity, neg(mul(liquidationMultiple(definition), maintenance)));
  const liquidatable = !nothingToClose(maintenance) && liquidatableAt(surplus, atEquality);
  const value = ratioValue(definition, equity, maintenance, initial);
  return {
    equity: toResult(equity),
    requirement: toResult(maintenance),
    initialRequirement: toResult(initial),
    ratio: Object.freeze({ name: definition.name, value: value === null ? null : toResult(value) }),
    health: toResult(normalisedHealth(equity, maintenance)),
    liquidatable,
    level,
    nextLevel,
    definition,
  };
}
