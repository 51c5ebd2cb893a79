/**
 * Shared plumbing for venue payload adapters: read a list of raw rows by their venue field
 * names, check they tile the notional axis (each floor is the previous cap), and report any
 * error under the payload's own path (`brackets[3].maintMarginRatio`), never a half-built table.
 */
import type Big from 'big.js';
import { toNonNegative, ZERO } from '../core/decimal.js';
import { fail, isLiqMathError, LiqMathError } from '../core/errors.js';
import { expectArray, expectChoice, expectKnownFields, expectRecord, isList, required } from '../core/input.js';
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
  /** A notional-keyed table's method (default `'deduction'`); a flat one ignores the rows' amounts. */
  readonly method?: 'flat' | 'deduction';
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
  const flat = options.contracts === true || options.method === 'flat';
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
    return rowOf(record, flat ? withoutAmount(fields) : fields, at, unbounded ? null : (capValue as string | number));
  });
  const build = () =>
    options.contracts === true
      ? defineTiers(rows, { basis: 'contracts', method: 'flat' })
      : defineTiers(rows, { method: options.method ?? 'deduction' });
  return renamed(build, path, fields, indexOf);
}

function withoutAmount({ floor, cap, rate, leverage }: RowFields): RowFields {
  return { floor, cap, rate, leverage };
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
    throw new LiqMathError({ code: error.code, field, value: error.value, allowed: error.allowed }, { cause: error });
  }
}

/**
 * The rows of one symbol from a venue list whose rows name their symbol in `key` (rows without
 * it belong to the one symbol asked for), with their indices in the list for error paths.
 * Without `symbol`, the list must hold one symbol.
 */
export function rowsOfSymbol(
  list: readonly unknown[],
  key: string,
  symbol: string | undefined,
  path: string,
): { readonly rows: readonly unknown[]; readonly indices: readonly number[]; readonly symbol: string | undefined } {
  if (symbol !== undefined && typeof symbol !== 'string') {
    fail('INVALID_TYPE', 'options.symbol', symbol, 'a symbol string');
  }
  // Each row is read once, as a snapshot of its own fields (a getter or Proxy cannot answer twice
  // or throw past us); a row that is not an object has no name and is refused by the caller.
  const snapshots = list.map((row, k) =>
    typeof row === 'object' && row !== null && !isList(row) ? expectRecord(row, `${path}[${k}]`, 'a row object') : row,
  );
  const nameAt = (k: number) => {
    const row = snapshots[k];
    const name = typeof row === 'object' && row !== null ? (row as Record<string, unknown>)[key] : undefined;
    return typeof name === 'string' ? name : undefined;
  };
  const names = new Set(list.map((_, k) => nameAt(k)).filter((name) => name !== undefined));
  if (symbol === undefined && names.size > 1) {
    fail('MISSING_FIELD', 'options.symbol', symbol, 'the symbol to read, since the list holds several');
  }
  const indices = list
    .map((_, k) => k)
    .filter((k) => symbol === undefined || nameAt(k) === undefined || nameAt(k) === symbol);
  if (indices.length === 0) fail('UNKNOWN_SYMBOL', 'options.symbol', symbol, 'a symbol present in the list');
  return { rows: indices.map((k) => snapshots[k]), indices, symbol: symbol ?? [...names][0] };
}

/**
 * Rows whose lower bounds are in `lowerKey` (Kraken's margin levels, Gate's previous risk
 * limit) re-shaped with a floor and a cap (the next row's lower bound; the last is unbounded).
 */
export function withCapsFromNextFloor(
  rows: readonly unknown[],
  path: string,
  lowerKey: string,
): readonly Readonly<Record<string, unknown>>[] {
  const records = rows.map((row, k) => expectRecord(row, `${path}[${k}]`, 'a tier row object'));
  return records.map((record, k) => ({
    ...record,
    floor: required(record, lowerKey, `${path}[${k}]`),
    cap: k + 1 < records.length ? (records[k + 1] as Readonly<Record<string, unknown>>)[lowerKey] : null,
  }));
}

/**
 * The rows of one symbol from a response that is the row list itself or `{ data: list }`
 * (Bitget, KuCoin), with the path errors name (`listPath` for a bare list, else `data`).
 */
export function symbolRows(payload: unknown, listPath: string, what: string, symbol: string | undefined) {
  const bare = isList(payload);
  const path = bare ? listPath : 'data';
  const list = bare ? payload : expectRecord(payload, 'payload', 'a response { data }').data;
  return { path, ...rowsOfSymbol(expectArray(list, path, what), 'symbol', symbol, path) };
}

/**
 * The options of an adapter that reads one symbol's rows from a list and may build either
 * method: `{ [key]?: string, method?: 'flat' | 'deduction' }`, closed (an unknown field is a typo).
 */
export function readListOptions(
  options: unknown,
  key: 'symbol' | 'contract',
): { readonly symbol: string | undefined; readonly method: 'flat' | 'deduction' } {
  if (options === undefined) return { symbol: undefined, method: 'deduction' };
  const record = expectRecord(options, 'options', `options { ${key}?, method? }`);
  expectKnownFields(record, [key, 'method'], 'options');
  const symbol = record[key];
  if (symbol !== undefined && typeof symbol !== 'string') {
    fail('INVALID_TYPE', `options.${key}`, symbol, 'a symbol string');
  }
  const method =
    record.method === undefined ? 'deduction' : expectChoice(record.method, ['flat', 'deduction'], 'options.method');
  return { symbol, method };
}
