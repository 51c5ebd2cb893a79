/**
 * Accounts whose collateral is several assets, each valued at a price and a weight (a haircut,
 * tiered by amount where the venue tiers it), and whose positive unrealised PnL may count at a
 * weight below 1. Validated here; valued by `engine/collateral.ts`. Derivation: `docs/health.md`.
 */
import type Big from 'big.js';
import { LIMITS, type Numeric, toExact, toNonNegative } from '../core/decimal.js';
import { fail } from '../core/errors.js';
import { add, cmp, E0, E1, type Exact, mul, neg, sign, toBig } from '../core/exact.js';
import { expectArray, expectKnownFields, expectRecord, isList, required } from '../core/input.js';
import { type CrossPosition, type ParsedPosition, readCrossPositions } from './position.js';

/**
 * One tier of a collateral weight: the weight of the part of the amount up to `upTo` (above the
 * previous tier's `upTo`); the last tier has `upTo: null`.
 *
 * @example
 * ```ts
 * import type { CollateralWeightTier } from 'liqmath';
 *
 * // Bybit's collateral value ratio of BTC: 0.98 for the first 10 BTC, 0.95 for the next 10, …
 * const first: CollateralWeightTier = { upTo: 10, weight: '0.98' };
 * ```
 * @group Health
 */
export interface CollateralWeightTier {
  readonly upTo: Numeric | null;
  readonly weight: Numeric;
}

/**
 * One collateral asset of a {@link CollateralAccount}. Its value in the settle currency is
 * `weight(amount) × price` for a positive amount (the weight tiered by amount when given as
 * tiers) and `amount × price` for a negative one (a borrowed amount counts in full).
 *
 * The price is either given (`price`, in the settle currency: frozen while a symbol's price moves)
 * or follows a position's market (`movesWith: symbol`): then the asset's price is that market's
 * mark for a linear market (BTC behind BTCUSDT) and 1 ÷ mark for an inverse one (USD
 * behind BTCUSD, valued in BTC), and it moves with that symbol's price.
 *
 * @example
 * ```ts
 * import type { CollateralAsset } from 'liqmath';
 *
 * const usdt: CollateralAsset = { asset: 'USDT', amount: 1000, price: 1 };
 * const btc: CollateralAsset = { asset: 'BTC', amount: '0.5', movesWith: 'BTCUSDT', weight: '0.95' };
 * ```
 * @group Health
 */
export interface CollateralAsset {
  readonly asset: string;
  /** Signed: negative for a borrowed amount. */
  readonly amount: Numeric;
  /** In the settle currency; omit with `movesWith`. */
  readonly price?: Numeric;
  /** The symbol of a position in the account whose mark prices this asset. */
  readonly movesWith?: string;
  /** A weight in [0, 1], or weights tiered by amount; default 1. */
  readonly weight?: Numeric | readonly CollateralWeightTier[];
}

/**
 * A cross account whose collateral is a list of weighted assets, and whose positive unrealised
 * PnL counts at `positivePnlWeight` (default 1; Drift's unrealised-PnL asset weight), position by
 * position. One asset `{ amount: C, price: 1 }` at weight 1 is the {@link CrossAccount}
 * `{ collateral: C }`. Read by {@link crossHealth} (its liquidation prices per symbol among its
 * answers); the other cross functions take `collateral` and refuse this shape.
 *
 * @example
 * ```ts
 * import type { CollateralAccount } from 'liqmath';
 *
 * const account: CollateralAccount = {
 *   assets: [{ asset: 'USDC', amount: 1000, price: 1 }],
 *   positions: [],
 *   positivePnlWeight: 0,
 * };
 * ```
 * @group Health
 */
export interface CollateralAccount {
  readonly assets: readonly CollateralAsset[];
  readonly positions: readonly CrossPosition[];
  readonly positivePnlWeight?: Numeric;
}

/** One asset as read: its weighted amount, and its price or the symbol it moves with. */
export interface ReadAsset {
  readonly asset: string;
  readonly amount: Exact;
  /** The amount as counted: weighted for a positive amount, in full for a negative one. */
  readonly weighted: Exact;
  readonly price: Exact | null;
  readonly movesWith: string | null;
}

/** A collateral account as read. */
export interface ReadCollateralAccount {
  readonly assets: readonly ReadAsset[];
  readonly positions: readonly (ParsedPosition & { markPrice: Big })[];
  /** null when 1 (the default). */
  readonly positivePnlWeight: Exact | null;
}

/** Whether an account is read as a collateral account: it has `assets` or `positivePnlWeight` (own fields). */
export function isCollateralAccount(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || isList(value)) return false;
  try {
    return Object.hasOwn(value, 'assets') || Object.hasOwn(value, 'positivePnlWeight');
  } catch {
    // A revoked Proxy: not this shape; the plain account's reader refuses it with a LiqMathError.
    return false;
  }
}

/** Validates a collateral account (a record: unknown fields are ignored). */
export function readCollateralAccount(value: unknown): ReadCollateralAccount {
  const record = expectRecord(value, 'account', 'an account { assets | collateral, positions, positivePnlWeight? }');
  if (record.collateral !== undefined && record.assets !== undefined) {
    fail(
      'INVALID_OPTION',
      'account.collateral',
      record.collateral,
      'either collateral (one amount) or assets (a list), not both',
    );
  }
  const positions = readCrossPositions(record);
  // One collateral amount is one asset in the settle currency at price 1 and weight 1.
  const list =
    record.assets === undefined
      ? [
          {
            asset: positions[0]?.market.settle ?? 'collateral',
            amount: toNonNegative(required(record, 'collateral', 'account'), 'account.collateral'),
            price: 1,
          },
        ]
      : expectArray(record.assets, 'account.assets', 'an array of collateral assets', {
          limit: LIMITS.collateralAssets,
          of: 'assets',
        });
  const symbols = new Set(positions.map((p) => p.market.symbol));
  const names = new Set<string>();
  const assets = list.map((item, index) => {
    const asset = readAsset(item, `account.assets[${index}]`, symbols);
    if (names.has(asset.asset)) {
      fail(
        'DUPLICATE_ASSET',
        `account.assets[${index}].asset`,
        asset.asset,
        'one entry per asset (tiers apply to the whole amount)',
      );
    }
    names.add(asset.asset);
    return asset;
  });
  const weight = record.positivePnlWeight;
  const positivePnlWeight = weight === undefined ? null : readWeight(weight, 'account.positivePnlWeight');
  return {
    assets,
    positions,
    positivePnlWeight: positivePnlWeight !== null && cmp(positivePnlWeight, E1) === 0 ? null : positivePnlWeight,
  };
}

function readAsset(value: unknown, field: string, symbols: ReadonlySet<string>): ReadAsset {
  const record = expectRecord(value, field, 'a collateral asset { asset, amount, price | movesWith, weight? }');
  const name = required(record, 'asset', field);
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
    fail('INVALID_TYPE', `${field}.asset`, name, 'a non-empty name of at most 100 characters');
  }
  const amount = toExact(required(record, 'amount', field), `${field}.amount`, 'any');
  const { price, movesWith } = record;
  if (price !== undefined && movesWith !== undefined) {
    fail(
      'INVALID_OPTION',
      `${field}.movesWith`,
      movesWith,
      'either price or movesWith, not both (the mark is the price)',
    );
  }
  if (price === undefined && movesWith === undefined) {
    fail(
      'MISSING_FIELD',
      `${field}.price`,
      undefined,
      'a price in the settle currency, or movesWith: the symbol whose mark prices it',
    );
  }
  if (movesWith !== undefined && (typeof movesWith !== 'string' || !symbols.has(movesWith))) {
    fail('UNKNOWN_SYMBOL', `${field}.movesWith`, movesWith, 'the symbol of a position in the account');
  }
  // The weight is read whatever the amount: whether a payload is valid must not depend on a balance.
  const positive = weightedAmount(sign(amount) > 0 ? amount : E0, record.weight, `${field}.weight`);
  const weighted = sign(amount) <= 0 ? amount : positive;
  return {
    asset: name,
    amount,
    weighted,
    price: price === undefined ? null : toExact(price, `${field}.price`, 'positive'),
    movesWith: movesWith === undefined ? null : (movesWith as string),
  };
}

/** Σ weight × the part of a positive amount in each tier; a flat weight multiplies the whole. */
function weightedAmount(amount: Exact, weight: unknown, field: string): Exact {
  if (weight === undefined) return amount;
  if (!isList(weight)) return mul(amount, readWeight(weight, field));
  const tiers = expectArray(weight, field, 'a weight, or tiers [{ upTo, weight }] with the last upTo null', {
    limit: LIMITS.tierRows,
    of: 'tiers',
  });
  if (tiers.length === 0) fail('TIERS_EMPTY', field, weight, 'at least one tier { upTo, weight }');
  let floor = E0;
  let total = E0;
  tiers.forEach((item, index) => {
    const at = `${field}[${index}]`;
    const tier = expectRecord(item, at, 'a tier { upTo, weight }');
    // Tiers are configuration: a misspelt field would drop a haircut without a word.
    expectKnownFields(tier, ['upTo', 'weight'], at);
    const rate = readWeight(required(tier, 'weight', at), `${at}.weight`);
    const last = index === tiers.length - 1;
    const upTo = tier.upTo === undefined ? undefined : tier.upTo;
    if (upTo === undefined)
      fail('MISSING_FIELD', `${at}.upTo`, undefined, 'the amount this tier runs up to (null on the last tier)');
    if (upTo === null) {
      if (!last)
        fail('TIER_CAP_UNBOUNDED_NOT_LAST', `${at}.upTo`, upTo, 'a number: only the last tier runs without end');
      if (cmp(amount, floor) > 0) total = add(total, mul(rate, add(amount, neg(floor))));
      return;
    }
    const cap = toExact(upTo, `${at}.upTo`, 'positive');
    if (cmp(cap, floor) <= 0)
      fail('TIER_CAP_NOT_INCREASING', `${at}.upTo`, upTo, `an amount above ${toBig(floor)}, the tier before`);
    if (last) fail('INVALID_OPTION', `${at}.upTo`, upTo, 'null on the last tier (every amount must have a weight)');
    if (cmp(amount, floor) > 0) total = add(total, mul(rate, add(cmp(amount, cap) < 0 ? amount : cap, neg(floor))));
    floor = cap;
  });
  return total;
}

/** A weight in [0, 1]. */
function readWeight(value: unknown, field: string): Exact {
  const weight = toExact(value, field, 'non-negative');
  if (cmp(weight, E1) > 0) fail('RATE_OUT_OF_RANGE', field, value, 'a weight from 0 to 1');
  return weight;
}
