/**
 * Shared plumbing for venue payload adapters: read a list of raw rows by their venue field
 * names, check they tile the notional axis (each floor is the previous cap), and report any
 * error under the payload's own path (`brackets[3].maintMarginRatio`), never a half-built table.
 */
import type Big from 'big.js';
import { toNonNegative } from '../decimal.js';
import { fail, isLiqMathError, LiqMathError } from '../errors.js';
import { expectArray, expectRecord, required } from '../input.js';
import { defineTiers, type TierRow, type TierTable } from '../tiers.js';

/** Where a venue keeps each field of a row. `amount` may be absent from a venue's rows. */
export interface RowFields {
  readonly floor: string;
  readonly cap: string;
  readonly rate: string;
  readonly leverage: string;
  readonly amount?: string;
}

/**
 * Turns raw rows into a table. Floors must be contiguous (first 0, each the previous cap), else
 * `TIER_NOT_CONTIGUOUS`; a last cap at or above `unboundedFrom` (venues send sentinels such as
 * 9.2e18) is read as unbounded. Errors from the table's own rules are renamed to the payload path.
 */
export function tableFromRows(
  value: unknown,
  path: string,
  fields: RowFields,
  unboundedFrom: Big | null,
): TierTable<'notional'> {
  const list = expectArray(value, path, 'an array of tier rows');
  let previousCap: Big | null = null;
  const rows: TierRow[] = list.map((item, k) => {
    const at = `${path}[${k}]`;
    const record = expectRecord(item, at, 'a tier row object');
    const floor = toNonNegative(required(record, fields.floor, at), `${at}.${fields.floor}`);
    const expected = previousCap;
    if (expected === null ? !floor.eq(0) : !floor.eq(expected)) {
      fail(
        'TIER_NOT_CONTIGUOUS',
        `${at}.${fields.floor}`,
        record[fields.floor],
        `${expected ?? 0}, the previous row's cap`,
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
    const unbounded = last && unboundedFrom !== null && cap.gte(unboundedFrom);
    return rowOf(record, fields, at, unbounded ? null : (capValue as string | number));
  });
  return renamed(() => defineTiers(rows), path, fields);
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
function renamed<T>(build: () => T, path: string, fields: RowFields): T {
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
      .replace(/^rows\[(\d+)\]\.(\w+)$/, (_m, k: string, name: string) => `${path}[${k}].${names[name] ?? name}`)
      .replace(/^rows$/, path);
    throw new LiqMathError({ code: error.code, field, value: error.value, allowed: error.allowed });
  }
}
