/**
 * Partial-liquidation policies as data: how much a venue closes in one liquidation step. Each
 * policy is sized with the exact core in `close.ts`; none adds a solver. See `docs/partial.md`.
 */
import type Big from 'big.js';
import {
  freezeDecimal,
  type Numeric,
  ONE,
  toDecimal,
  toFeeRate,
  toNonNegative,
  toPositive,
  ZERO,
} from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { expectChoice, expectKnownFields, expectRecord, required } from '../../core/input.js';
import { roundToMultiple } from '../../core/rounding.js';
import type { Market } from '../../model/market.js';
import type { LiquidationPolicy } from '../../model/policy.js';
import type { IsolatedPosition } from '../../model/position.js';
import type { Tier } from '../../model/tiers.js';
import { after, type CloseProblem, meetsTarget, notionalOfSize, sizeAtKey, tierOfSize } from '../close.js';
import { type CloseOptions, isolatedCloseProblem } from './minimum-close.js';

/**
 * One liquidation step: nothing to do, or a size to close (`full` when it is the whole position),
 * with the venue's cooldown (seconds, null when none) and whether the backstop applies.
 *
 * @example
 * ```ts
 * import type { LiquidationStep } from 'liqmath';
 *
 * const none: LiquidationStep = { status: 'healthy' };
 * ```
 * @group Partial liquidation
 */
export type LiquidationStep =
  | { readonly status: 'healthy' }
  | {
      readonly status: 'close';
      readonly size: Big;
      readonly full: boolean;
      readonly cooldownSeconds: number | null;
      readonly backstop: boolean;
    };

/** A policy with its numbers parsed (internal). */
type ParsedPolicy =
  | { kind: 'tier-step-down' }
  | {
      kind: 'fraction';
      fraction: Big;
      threshold: Big;
      cooldownSeconds: number;
      backstop: { numerator: Big; denominator: Big };
    }
  | { kind: 'capped'; minNotional: Big; maxPortion: Big; maxNotional: Big }
  | { kind: 'shortage'; liquidatorFee: Big; insuranceFee: Big };

/**
 * The size one liquidation step closes under a venue's policy, at the mark (and fill, fee) of
 * `options`, for an isolated position. `'healthy'` when the position meets maintenance.
 *
 * @throws {@link LiqMathError} the codes of {@link isolatedMinimumCloseSize} for the market, position and
 * options; for the policy, `INVALID_TYPE` (`policy` or `policy.backstopBelow` not an object), `MISSING_FIELD`
 * (`kind` and the fields of its kind), `UNKNOWN_FIELD` (`policy`, `policy.backstopBelow`), `INVALID_OPTION`
 * (`kind`), `INVALID_NUMBER` (also a `cooldownSeconds` that is not a whole number ≥ 0), `NUMBER_OUT_OF_RANGE`,
 * `RATE_OUT_OF_RANGE` (`fraction`, `maxPortion` outside (0, 1]; `liquidatorFee`, `insuranceFee` outside
 * [0, 1)), `NEGATIVE` (`threshold`, `backstopBelow.numerator`, `minNotional`), `NOT_POSITIVE`
 * (`backstopBelow.denominator`, `maxNotional`)
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedLiquidationStep } from 'liqmath';
 *
 * const market = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USDC', tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.0125', maxLeverage: 40 }]) });
 * const position = { side: 'long', size: 10, entryPrice: 60000, margin: 20000 } as const;
 * const policy = { kind: 'fraction', fraction: '0.2', threshold: 100000, cooldownSeconds: 30, backstopBelow: { numerator: 2, denominator: 3 } } as const;
 * const step = isolatedLiquidationStep(market, position, policy, { markPrice: 58200 });
 * step.status === 'close' && [step.size.toString(), step.full, step.cooldownSeconds]; //=> ['2', false, 30]
 * ```
 * @group Partial liquidation
 */
export function isolatedLiquidationStep(
  market: Market,
  position: IsolatedPosition,
  policy: LiquidationPolicy,
  options: CloseOptions,
): LiquidationStep {
  return stepOf(isolatedCloseProblem(market, position, options), readPolicy(policy));
}

/** One step of a parsed policy on a validated problem (internal, also used by the plan). */
export function stepOf(p: CloseProblem, policy: ParsedPolicy): LiquidationStep {
  if (meetsTarget(p, ZERO)) return Object.freeze({ status: 'healthy' });
  const now = after(p, ZERO);
  switch (policy.kind) {
    case 'tier-step-down':
      return close(p, tierStepDown(p));
    case 'fraction':
      return fraction(p, policy, now);
    case 'capped':
      return close(p, capped(p, policy));
    case 'shortage':
      return close(p, shortage(p, policy, now));
  }
}

/** The largest remainder under a lower tier's cap that meets maintenance; null when none. */
function tierStepDown(p: CloseProblem): Big | null {
  const tiers = p.market.tiers.tiers;
  for (let j = tierOfSize(p, p.size).index - 1; j >= 0; j -= 1) {
    const remaining = roundDown(p, sizeAtKey(p, (tiers[j] as Tier).cap as Big));
    if (remaining.lte(0) || remaining.gte(p.size)) continue;
    const closed = p.size.minus(remaining);
    if (meetsTarget(p, closed)) return closed;
  }
  return null;
}

function fraction(
  p: CloseProblem,
  policy: Extract<ParsedPolicy, { kind: 'fraction' }>,
  now: { equity: Big; requirement: Big },
): LiquidationStep {
  const notional = notionalOfSize(p.market, p.size, p.markPrice);
  const size = notional.gt(policy.threshold) ? roundUp(p, p.size.times(policy.fraction)) : null;
  // Backstop when equity < (numerator/denominator)·requirement, compared without dividing.
  const backstop = now.equity.times(policy.backstop.denominator).lt(now.requirement.times(policy.backstop.numerator));
  const step = close(p, size);
  return step.status === 'close' ? Object.freeze({ ...step, cooldownSeconds: policy.cooldownSeconds, backstop }) : step;
}

function capped(p: CloseProblem, policy: Extract<ParsedPolicy, { kind: 'capped' }>): Big | null {
  const notional = notionalOfSize(p.market, p.size, p.markPrice);
  const portion = notional.times(policy.maxPortion);
  const floor = notional.lt(policy.minNotional) ? notional : policy.minNotional;
  let limit = portion.gt(floor) ? portion : floor;
  if (limit.gt(policy.maxNotional)) limit = policy.maxNotional;
  if (notional.lte(limit)) return null;
  // The portion in contracts is exact (size·maxPortion); a notional limit is divided by the notional
  // of one contract, which for an inverse contract is a rounded quotient.
  const contracts =
    limit === portion ? p.size.times(policy.maxPortion) : limit.div(notionalOfSize(p.market, ONE, p.markPrice));
  const size = roundDown(p, contracts);
  const lot = p.market.lotSize;
  return size.lte(0) ? (lot ?? null) : size;
}

function shortage(
  p: CloseProblem,
  policy: Extract<ParsedPolicy, { kind: 'shortage' }>,
  now: { equity: Big; requirement: Big },
): Big | null {
  const rate = tierOfSize(p, p.size).maintenanceMarginRate;
  const perContract = notionalOfSize(p.market, ONE, p.markPrice);
  const divisor = perContract.times(rate.minus(policy.liquidatorFee).minus(policy.insuranceFee));
  if (divisor.lte(0)) return null;
  return roundUp(p, now.requirement.minus(now.equity).div(divisor));
}

/** A close of `size` contracts, or of everything when `size` is null or leaves less than one lot. */
function close(p: CloseProblem, size: Big | null): LiquidationStep {
  const lot = p.market.lotSize;
  const whole =
    size === null ||
    size.gte(p.size) ||
    (lot !== null && p.size.minus(size).lt(lot)) ||
    p.size.minus(size).lt(p.minimumRemaining);
  return Object.freeze({
    status: 'close',
    size: freezeDecimal(whole ? p.size : size),
    full: whole,
    cooldownSeconds: null,
    backstop: false,
  });
}

function roundUp(p: CloseProblem, size: Big): Big {
  return p.market.lotSize === null ? size : roundToMultiple(size, p.market.lotSize, 'up');
}

function roundDown(p: CloseProblem, size: Big): Big {
  return p.market.lotSize === null ? size : roundToMultiple(size, p.market.lotSize, 'down');
}

/** Validates a policy (internal; the plan parses once). */
export function readPolicy(value: unknown): ParsedPolicy {
  const record = expectRecord(
    value,
    'policy',
    "a policy { kind: 'tier-step-down' | 'fraction' | 'capped' | 'shortage', … }",
  );
  const kind = expectChoice(
    required(record, 'kind', 'policy'),
    ['tier-step-down', 'fraction', 'capped', 'shortage'],
    'policy.kind',
  );
  const field = (key: string) => required(record, key, 'policy');
  switch (kind) {
    case 'tier-step-down':
      expectKnownFields(record, ['kind'], 'policy');
      return { kind };
    case 'fraction': {
      expectKnownFields(record, ['kind', 'fraction', 'threshold', 'cooldownSeconds', 'backstopBelow'], 'policy');
      const cooldown = field('cooldownSeconds');
      if (typeof cooldown !== 'number' || !Number.isInteger(cooldown) || cooldown < 0) {
        fail('INVALID_NUMBER', 'policy.cooldownSeconds', cooldown, 'a whole number of seconds ≥ 0');
      }
      const backstop = expectRecord(
        field('backstopBelow'),
        'policy.backstopBelow',
        'a fraction { numerator, denominator }',
      );
      expectKnownFields(backstop, ['numerator', 'denominator'], 'policy.backstopBelow');
      return {
        kind,
        fraction: readPortion(field('fraction'), 'policy.fraction'),
        threshold: toNonNegative(field('threshold'), 'policy.threshold'),
        cooldownSeconds: cooldown,
        backstop: {
          numerator: toNonNegative(
            required(backstop, 'numerator', 'policy.backstopBelow'),
            'policy.backstopBelow.numerator',
          ),
          denominator: toPositive(
            required(backstop, 'denominator', 'policy.backstopBelow'),
            'policy.backstopBelow.denominator',
          ),
        },
      };
    }
    case 'capped':
      expectKnownFields(record, ['kind', 'minNotional', 'maxPortion', 'maxNotional'], 'policy');
      return {
        kind,
        minNotional: toNonNegative(field('minNotional'), 'policy.minNotional'),
        maxPortion: readPortion(field('maxPortion'), 'policy.maxPortion'),
        maxNotional: toPositive(field('maxNotional'), 'policy.maxNotional'),
      };
    case 'shortage':
      expectKnownFields(record, ['kind', 'liquidatorFee', 'insuranceFee'], 'policy');
      return {
        kind,
        liquidatorFee: readPortion(field('liquidatorFee'), 'policy.liquidatorFee', true),
        insuranceFee: readPortion(field('insuranceFee'), 'policy.insuranceFee', true),
      };
  }
}

/** A share in (0, 1] (or [0, 1) for a fee). */
function readPortion(value: unknown, field: string, isFee = false): Big {
  if (isFee) return toFeeRate(value, field);
  const share = toDecimal(value, field);
  if (!(share.gt(0) && share.lte(1))) fail('RATE_OUT_OF_RANGE', field, value, 'a share greater than 0 and at most 1');
  return share;
}

/**
 * Drift's amount to liquidate for a margin shortage, exact:
 * `shortage ÷ (price·(maintenanceRate − liquidatorFee) − price·insuranceFee)`, in base units.
 * `null` when the divisor is ≤ 0 (closing cannot cover the shortage). Drift itself floors the
 * result to its base precision (1e-9); {@link isolatedLiquidationStep} rounds up to the lot instead, so
 * the close covers the shortage.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`input` not an object), `UNKNOWN_FIELD`, `MISSING_FIELD` (any of
 * the five fields), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NEGATIVE` (`shortage`), `NOT_POSITIVE` (`price`),
 * `RATE_OUT_OF_RANGE` (`maintenanceRate` outside (0, 1]; `liquidatorFee`, `insuranceFee` outside [0, 1))
 *
 * @example
 * ```ts
 * import { sizeToCoverShortage } from 'liqmath';
 *
 * // Drift's unit test: $10 short of margin, 10% maintenance, price $100, 1% liquidator fee
 * sizeToCoverShortage({ shortage: 10, price: 100, maintenanceRate: '0.1', liquidatorFee: '0.01', insuranceFee: 0 })?.toFixed(9, 0); //=> '1.111111111'
 * ```
 * @group Partial liquidation
 */
export function sizeToCoverShortage(input: {
  readonly shortage: Numeric;
  readonly price: Numeric;
  readonly maintenanceRate: Numeric;
  readonly liquidatorFee: Numeric;
  readonly insuranceFee: Numeric;
}): Big | null {
  const record = expectRecord(
    input,
    'input',
    'an object { shortage, price, maintenanceRate, liquidatorFee, insuranceFee }',
  );
  expectKnownFields(record, ['shortage', 'price', 'maintenanceRate', 'liquidatorFee', 'insuranceFee'], 'input');
  const shortageAmount = toNonNegative(required(record, 'shortage', 'input'), 'input.shortage');
  const price = toPositive(required(record, 'price', 'input'), 'input.price');
  const rate = readPortion(required(record, 'maintenanceRate', 'input'), 'input.maintenanceRate');
  const liquidatorFee = readPortion(required(record, 'liquidatorFee', 'input'), 'input.liquidatorFee', true);
  const insuranceFee = readPortion(required(record, 'insuranceFee', 'input'), 'input.insuranceFee', true);
  const divisor = price.times(rate.minus(liquidatorFee)).minus(price.times(insuranceFee));
  return divisor.lte(0) ? null : freezeDecimal(shortageAmount.div(divisor));
}

// Former names, kept as deprecated aliases through 0.1.x (one naming scheme: every isolated
// function says `isolated`, every cross-account function says `cross`). Removed in 0.2.0.

/**
 * Former name of {@link isolatedLiquidationStep}, the same function.
 *
 * @deprecated Use {@link isolatedLiquidationStep}; this alias is removed in 0.2.0.
 * @group Deprecated
 * @example
 * ```ts
 * import { isolatedLiquidationStep, liquidationStep } from 'liqmath';
 * liquidationStep === isolatedLiquidationStep; //=> true
 * ```
 */
export const liquidationStep: typeof isolatedLiquidationStep = isolatedLiquidationStep;
