/**
 * How a venue states an account's health: which ratio it shows, under what name, and the warning
 * levels it publishes on that ratio. Venue definitions are data in `venues/health.ts`; a caller
 * may pass its own. Definitions and derivations: `docs/health.md`.
 */
import type Big from 'big.js';
import { freezeDecimal, type Numeric, toExact } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { cmp, type Exact, exactOf, toBig } from '../core/exact.js';
import { expectArray, expectChoice, expectKnownFields, expectRecord, required } from '../core/input.js';

/**
 * The ratio a venue shows, as a function of equity E, maintenance requirement M (maintenance
 * margin plus any fee to close the venue counts) and initial requirement I:
 *
 * - `'requirement/equity'`: M ÷ E, worse when higher, liquidation at 1 (Binance's margin ratio,
 *   Bybit's maintenance margin rate, Hyperliquid's cross margin ratio);
 * - `'equity/requirement'`: E ÷ M, worse when lower, liquidation at 1 (OKX's margin ratio,
 *   Binance portfolio margin's uniMMR);
 * - `'health-percent'`: 100·(1 − M ÷ E) clamped to [0, 100], worse when lower, liquidation at 0
 *   (Drift's health, which Drift shows rounded to a whole number);
 * - `'initial/equity'`: I ÷ E, worse when higher (dYdX's margin usage; the initial requirement is
 *   each position's notional ÷ the max leverage of its tier).
 *
 * @example
 * ```ts
 * import type { HealthRatio } from 'liqmath';
 *
 * const okx: HealthRatio = 'equity/requirement';
 * ```
 * @group Health
 */
export type HealthRatio = 'requirement/equity' | 'equity/requirement' | 'health-percent' | 'initial/equity';

/**
 * A level on a venue's ratio: reached when the ratio is at the level or worse (see
 * {@link HealthRatio} for which way is worse).
 *
 * @example
 * ```ts
 * import { binancePortfolioMargin, type WarningLevel } from 'liqmath';
 *
 * const first: WarningLevel | undefined = binancePortfolioMargin.levels[0];
 * first?.name; //=> 'margin call'
 * ```
 * @group Health
 */
export interface WarningLevel {
  readonly name: string;
  /** The level in the ratio's own units (1.5 for uniMMR 150%, 0.8 for a margin ratio of 80%). */
  readonly ratio: Big;
  /** What the venue does there, in words; empty for a caller's level. */
  readonly action: string;
  /**
   * Whether the venue liquidates here: then `liquidatable` and the liquidation prices of a health
   * result follow this level (Binance portfolio margin liquidates at uniMMR 105%, not 100%).
   * At most one level of a definition liquidates; without one, liquidation is equity at the
   * maintenance requirement.
   */
  readonly liquidates: boolean;
}

/**
 * A venue's health ratio, its name and its published levels, mildest first; the caller's own
 * definition has the same shape (see {@link HealthDefinitionInput}).
 *
 * @example
 * ```ts
 * import { okxMarginRatio } from 'liqmath';
 *
 * okxMarginRatio.ratio; //=> 'equity/requirement'
 * okxMarginRatio.levels.map((level) => level.name); //=> ['liquidation']
 * ```
 * @group Health
 */
export interface HealthDefinition {
  /** Who defines it: `'Binance USDⓈ-M'`, `'caller'`… */
  readonly venue: string;
  /** The ratio's name as the venue shows it: `'margin ratio'`, `'uniMMR'`, `'health'`… */
  readonly name: string;
  readonly ratio: HealthRatio;
  /** Mildest first. */
  readonly levels: readonly WarningLevel[];
  /** Where the venue publishes the ratio and its levels; empty for a caller's definition. */
  readonly source: string;
}

/**
 * A caller's own health definition: a ratio and its levels in the ratio's units (options: unknown
 * fields are refused). `name` defaults to the ratio's formula.
 *
 * @example
 * ```ts
 * import type { HealthDefinitionInput } from 'liqmath';
 *
 * const mine: HealthDefinitionInput = {
 *   ratio: 'requirement/equity',
 *   levels: [{ name: 'warning', ratio: '0.7' }, { name: 'danger', ratio: '0.9' }],
 * };
 * ```
 * @group Health
 */
export interface HealthDefinitionInput {
  readonly ratio: HealthRatio;
  readonly name?: string;
  readonly levels: readonly { readonly name: string; readonly ratio: Numeric; readonly liquidates?: boolean }[];
}

/** Most levels one definition takes. */
const MAX_LEVELS = 100;

const RATIOS: readonly HealthRatio[] = ['requirement/equity', 'equity/requirement', 'health-percent', 'initial/equity'];

/** Whether a higher value of this ratio is worse. */
export function worseWhenHigher(ratio: HealthRatio): boolean {
  return ratio === 'requirement/equity' || ratio === 'initial/equity';
}

/** The requirement a ratio reads: maintenance, or initial (dYdX's margin usage). */
export function requirementBasis(ratio: HealthRatio): 'maintenance' | 'initial' {
  return ratio === 'initial/equity' ? 'initial' : 'maintenance';
}

/**
 * The multiple m such that the ratio is at `level` exactly where equity = m × requirement:
 * 1/r for M ÷ E and I ÷ E, r for E ÷ M, 100 ÷ (100 − h) for a health percentage.
 */
export function multipleOf(ratio: HealthRatio, level: Exact): Exact {
  const { n, d } = level;
  switch (ratio) {
    case 'equity/requirement':
      return level;
    case 'health-percent':
      return { n: 100n * d, d: 100n * d - n, s: -1 };
    default:
      return { n: d, d: n, s: -1 };
  }
}

/** A level read for a ratio: positive for quotients, in [0, 100) for a health percentage. */
function readLevelRatio(value: unknown, ratio: HealthRatio, field: string): Exact {
  if (ratio === 'health-percent') {
    const level = toExact(value, field, 'non-negative');
    if (level.n >= 100n * level.d)
      fail('NUMBER_OUT_OF_RANGE', field, value, 'a health level from 0 up to (not including) 100');
    return level;
  }
  return toExact(value, field, 'positive');
}

/** Reads a caller's definition (closed), or passes a venue's frozen one through. */
export function readHealthDefinition(value: unknown, field: string): HealthDefinition {
  if (VENUE_DEFINITIONS.has(value as object)) return value as HealthDefinition;
  const record = expectRecord(
    value,
    field,
    "a health definition { ratio, levels, name? } or a venue's (binanceMarginRatio…)",
  );
  expectKnownFields(record, ['ratio', 'name', 'levels'], field);
  const ratio = expectChoice(required(record, 'ratio', field), RATIOS, `${field}.ratio`);
  const name = record.name === undefined ? ratio : record.name;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
    fail('INVALID_TYPE', `${field}.name`, name, 'a non-empty name of at most 100 characters');
  }
  const list = expectArray(required(record, 'levels', field), `${field}.levels`, 'an array of levels { name, ratio }', {
    limit: MAX_LEVELS,
    of: 'levels',
  });
  const levels = list.map((item, index) => {
    const at = `${field}.levels[${index}]`;
    const level = expectRecord(item, at, 'a level { name, ratio, liquidates? }');
    expectKnownFields(level, ['name', 'ratio', 'liquidates'], at);
    const liquidates = level.liquidates === undefined ? false : level.liquidates;
    if (typeof liquidates !== 'boolean') fail('INVALID_TYPE', `${at}.liquidates`, liquidates, 'true or false');
    if (liquidates && ratio === 'initial/equity') {
      fail(
        'INVALID_OPTION',
        `${at}.liquidates`,
        liquidates,
        'false: a liquidation level is on the maintenance requirement, not the initial',
      );
    }
    const levelName = required(level, 'name', at);
    if (typeof levelName !== 'string' || levelName.trim() === '' || levelName.length > 100) {
      fail('INVALID_TYPE', `${at}.name`, levelName, 'a non-empty name of at most 100 characters');
    }
    const exact = readLevelRatio(required(level, 'ratio', at), ratio, `${at}.ratio`);
    return { name: levelName, exact, given: level.ratio, liquidates };
  });
  if (levels.filter((level) => level.liquidates).length > 1) {
    fail('INVALID_OPTION', `${field}.levels`, list, 'at most one level that liquidates');
  }
  // Mildest first, strictly: two levels at one ratio, or a list out of order, is a typo.
  const higherIsWorse = worseWhenHigher(ratio);
  for (let k = 1; k < levels.length; k += 1) {
    const previous = levels[k - 1] as (typeof levels)[number];
    const current = levels[k] as (typeof levels)[number];
    const order = cmp(current.exact, previous.exact);
    if (higherIsWorse ? order <= 0 : order >= 0) {
      fail(
        'INVALID_OPTION',
        `${field}.levels[${k}].ratio`,
        current.given,
        `levels mildest first: ${higherIsWorse ? 'above' : 'below'} ${previous.given}, the level before (${ratio} is worse when ${higherIsWorse ? 'higher' : 'lower'})`,
      );
    }
  }
  return Object.freeze({
    venue: 'caller',
    name,
    ratio,
    levels: Object.freeze(
      levels.map((level) =>
        Object.freeze({
          name: level.name,
          ratio: freezeDecimal(toBig(level.exact)),
          action: '',
          liquidates: level.liquidates,
        }),
      ),
    ),
    source: '',
  });
}

/** Venue definitions, known by identity (they are made here, not read). */
const VENUE_DEFINITIONS = new WeakSet<object>();

/** Makes a venue's definition (data in `venues/health.ts`), frozen and known by identity. */
export function venueHealth(data: {
  readonly venue: string;
  readonly name: string;
  readonly ratio: HealthRatio;
  readonly levels: readonly {
    readonly name: string;
    readonly ratio: string;
    readonly action: string;
    readonly liquidates?: true;
  }[];
  readonly source: string;
}): HealthDefinition {
  const definition = Object.freeze({
    ...data,
    levels: Object.freeze(
      data.levels.map((level) =>
        Object.freeze({
          ...level,
          ratio: freezeDecimal(toBig(toExact(level.ratio, 'ratio', 'any'))),
          liquidates: level.liquidates === true,
        }),
      ),
    ),
  });
  VENUE_DEFINITIONS.add(definition);
  return definition;
}

/** A level's ratio as exact. */
export function levelExact(level: WarningLevel): Exact {
  return exactOf(level.ratio);
}
