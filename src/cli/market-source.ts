/**
 * Where a CLI market comes from: a venue methodology and its payload (`--venue`, `--tiers`), a
 * liqmath tier file (`--tiers` alone), or the bundled default table. The same spec shape serves
 * the flags of `price`/`tiers` and the `markets` entries of an account file.
 */
import {
  type ContractType,
  defineMarket,
  defineTiers,
  type Market,
  type NotionalTierOptions,
  type TierBasis,
  type TierMethod,
  type TierRow,
  VENUES,
  type VenueId,
  venueById,
} from '../index.js';
import { DEFAULT_TIERS } from './default-tiers.js';
import { CliError } from './io.js';

/** How to build one market. `tiers` is already-read JSON (a venue payload or liqmath rows). */
export interface MarketSpec {
  readonly venue?: string | undefined;
  /** A `YYYY-MM-DD` day: the venue's method in effect then. */
  readonly asOf?: string | undefined;
  readonly tiers?: unknown;
  readonly tiersLabel?: string | undefined;
  readonly symbol?: string | undefined;
  readonly contract?: ContractType | undefined;
  readonly settle?: string | undefined;
  readonly tickSize?: string | undefined;
  readonly lotSize?: string | undefined;
  readonly contractSize?: string | undefined;
  readonly takerFeeRate?: string | undefined;
}

/** A market and a line saying where its numbers come from. */
export interface SourcedMarket {
  readonly market: Market;
  readonly source: string;
}

export const VENUE_IDS = Object.keys(VENUES) as VenueId[];

/** Builds the market a spec describes; `where` prefixes usage errors (`--venue`, `markets.BTCUSDT`). */
export function marketFrom(spec: MarketSpec, where = ''): SourcedMarket {
  if (spec.venue !== undefined) return venueMarket(spec, where);
  if (spec.tiers === undefined) {
    if (spec.contract === 'inverse') {
      throw new CliError('USAGE', `${where}--tiers: required for an inverse market without --venue (no bundled table)`);
    }
    return venueMarket(
      {
        ...spec,
        venue: DEFAULT_TIERS.venue,
        tiers: DEFAULT_TIERS.payload,
        tiersLabel: DEFAULT_TIERS.label,
        symbol: spec.symbol ?? DEFAULT_TIERS.symbol,
        tickSize: spec.tickSize ?? DEFAULT_TIERS.tickSize,
      },
      where,
    );
  }
  return ownMarket(spec);
}

function venueMarket(spec: MarketSpec, where: string): SourcedMarket {
  const current = spec.venue === undefined ? undefined : venueById(spec.venue);
  if (current === undefined) {
    throw new CliError('USAGE', `${where}--venue: got '${spec.venue}'; allowed: ${VENUE_IDS.join(', ')}`);
  }
  const venue = spec.asOf === undefined ? current : methodOn(current, spec.asOf, where);
  if (spec.contract !== undefined && spec.contract !== venue.contract) {
    throw new CliError('USAGE', `${where}--contract: ${venue.id} is ${venue.contract}, got ${spec.contract}`);
  }
  if (spec.tiers === undefined) {
    throw new CliError('USAGE', `${where}--tiers: required with --venue ${venue.id} (the venue's own tier payload)`);
  }
  const options = defined({
    symbol: spec.symbol,
    settle: spec.settle,
    tickSize: spec.tickSize,
    lotSize: spec.lotSize,
    contractSize: spec.contractSize,
    takerFeeRate: spec.takerFeeRate,
  });
  // Each venue reads its own payload shape; the methodology validates it and names bad fields.
  const build = venue.market as (payload: unknown, options: unknown) => Market;
  return {
    market: build(spec.tiers, options),
    source: `${venue.name} (${venue.id}, ${periodOf(venue)}); tiers: ${spec.tiersLabel ?? 'given'}`,
  };
}

/** The venue's method on a day; a bad day is a usage error naming the flag. */
function methodOn<V extends { asOf(date: string): V }>(venue: V, day: string, where: string): V {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    throw new CliError('USAGE', `${where}--as-of: got '${day}'; allowed: a day YYYY-MM-DD`);
  }
  return venue.asOf(day);
}

/** The period a method covers, in words: "since 2025-09-02", "until 2025-09-01", "current". */
function periodOf(venue: { readonly effectiveFrom: string | null; readonly effectiveUntil: string | null }): string {
  if (venue.effectiveUntil !== null) {
    return venue.effectiveFrom === null
      ? `method before ${venue.effectiveUntil}`
      : `method from ${venue.effectiveFrom} until ${venue.effectiveUntil}`;
  }
  return venue.effectiveFrom === null ? 'current method' : `current method, since ${venue.effectiveFrom}`;
}

/** A liqmath tier file: rows, or `{ method, basis, tiers: rows }`. */
function ownMarket(spec: MarketSpec): SourcedMarket {
  const file = (Array.isArray(spec.tiers) ? { tiers: spec.tiers } : spec.tiers) as {
    readonly method?: TierMethod;
    readonly basis?: TierBasis;
    readonly tiers?: readonly TierRow[];
  };
  const table = defineTiers(
    file?.tiers as readonly TierRow[],
    // The file may say basis 'contracts'; defineTiers validates the options at run time.
    defined({ method: file?.method, basis: file?.basis }) as NotionalTierOptions,
  );
  const contract = spec.contract ?? 'linear';
  const market = defineMarket({
    symbol: spec.symbol ?? 'MARKET',
    contract,
    settle: spec.settle ?? (contract === 'inverse' ? 'COIN' : contract === 'quanto' ? 'XBT' : 'USDT'),
    tiers: table,
    ...defined({ tickSize: spec.tickSize, lotSize: spec.lotSize, contractSize: spec.contractSize }),
    ...(spec.takerFeeRate === undefined ? {} : { closeFee: { rate: spec.takerFeeRate, on: 'mark' as const } }),
  });
  return {
    market,
    source: `liqmath tier table (${table.method}, by ${table.basis}); tiers: ${spec.tiersLabel ?? 'given'}`,
  };
}

/** The object without its undefined fields (exactOptionalPropertyTypes). */
function defined<T extends Record<string, unknown>>(object: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
