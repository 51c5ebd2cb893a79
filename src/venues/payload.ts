/**
 * Shared plumbing for venue payload adapters: read a list of raw rows by their venue field
 * names, check they tile the notional axis (each floor is the previous cap), and report any
 * error under the payload's own path (`brackets[3].maintMarginRatio`), never a half-built table.
 */
import type Big from 'big.js';
import { toNonNegative, ZERO } from '../core/decimal.js';
import { fail, isLiqMathError, LiqMathError } from '../core/errors.js';
import { expectArray, expectRecord, required } from '../core/input.js';
import { defineTiers, type TierRow, type TierTable } from '../model/tiers.js';

/** Where a venue keeps each field of a row. `amount` may be absent from a venue's rows. */
export interface RowFields {
  readonly floor: string;
  readonly cap: string;
  readonly rate: string;
  readonly leverage: string;
  readonly amount?: string;
}

/** How {@link tableFromRows} reads a venue's list beyond its field names. */
export interface RowListOptions {
  /** A last cap at or above this (venues send sentinels such as 9.2e18) means unbounded. */
  readonly unboundedFrom?: Big;
  /** Maps a row's position in the list read to its index in the payload, for error paths. */
  readonly indexOf?: (k: number) => number;
  /** Caps count contracts (OKX): a flat table keyed by contracts. */
  readonly contracts?: boolean;
  /** A floor may also be the previous cap plus this step (OKX: 0–5,000 then 5,001–7,500). */
  readonly floorStep?: Big;
}

/**
 * Turns raw rows into a table. Floors must be contiguous (first 0, each the previous cap), else
 * `TIER_NOT_CONTIGUOUS`. Errors from the table's own rules are renamed to the payload path.
 */
export function tableFromRows(
  value: unknown,
  path: string,
  fields: RowFields,
  options: RowListOptions = {},
): TierTable {
  const indexOf = options.indexOf ?? ((k: number) => k);
  const list = expectArray(value, path, 'an array of tier rows');
  let previousCap: Big | null = null;
  const rows: TierRow[] = list.map((item, k) => {
    const at = `${path}[${indexOf(k)}]`;
    const record = expectRecord(item, at, 'a tier row object');
    const floor = toNonNegative(required(record, fields.floor, at), `${at}.${fields.floor}`);
    const expected: Big = previousCap ?? ZERO;
    const stepped = options.floorStep !== undefined && floor.eq(expected.plus(options.floorStep));
    if (!floor.eq(expected) && !stepped) {
      const allowed = options.floorStep === undefined ? '' : ` or that plus ${options.floorStep}`;
      fail(
        'TIER_NOT_CONTIGUOUS',
        `${at}.${fields.floor}`,
        record[fields.floor],
        `${expected}, the previous row's cap${allowed}`,
      );
    }
    const last = k === list.length - 1;
    const capValue = record[fields.cap];
    // A last row may say "no cap" as null, Infinity (ccxt) or a huge sentinel (Binance's 9.2e18).
    if (last && (capValue === null || capValue === Number.POSITIVE_INFINITY)) {
      return rowOf(record, fields, at, null);
    }
    const cap = toNonNegative(required(record, fields.cap, at), `${at}.${fields.cap}`);
    previousCap = cap;
    const unbounded = last && options.unboundedFrom !== undefined && cap.gte(options.unboundedFrom);
    return rowOf(record, fields, at, unbounded ? null : (capValue as string | number));
  });
  const build = () =>
    options.contracts === true ? defineTiers(rows, { basis: 'contracts', method: 'flat' }) : defineTiers(rows);
  return renamed(build, path, fields, indexOf);
}

function rowOf(
  record: Readonly<Record<string, unknown>>,
  fields: RowFields,
  at: string,
  cap: string | number | null,
): TierRow {
  const amount = fields.amount === undefined ? undefined : record[fields.amount];
  return {
    cap,
    maintenanceMarginRate: required(record, fields.rate, at) as string | number,
    maxLeverage: required(record, fields.leverage, at) as string | number,
    ...(amount === undefined || amount === null ? {} : { maintenanceAmount: amount as string | number }),
  };
}

/** Runs `build`, renaming a `rows[k].field` error to the payload's `path[k].venueField`. */
function renamed<T>(build: () => T, path: string, fields: RowFields, indexOf: (k: number) => number): T {
  try {
    return build();
  } catch (error) {
    if (!isLiqMathError(error)) throw error;
    const names: Record<string, string | undefined> = {
      cap: fields.cap,
      maintenanceMarginRate: fields.rate,
      maxLeverage: fields.leverage,
      maintenanceAmount: fields.amount,
    };
    const field = error.field
      .replace(
        /^rows\[(\d+)\]\.(\w+)$/,
        (_m, k: string, name: string) => `${path}[${indexOf(Number(k))}].${names[name] ?? name}`,
      )
      .replace(/^rows$/, path);
    throw new LiqMathError({ code: error.code, field, value: error.value, allowed: error.allowed });
  }
}
