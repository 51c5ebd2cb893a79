import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { defineTiers, isLiqMathError, type LiqMathError, type LiqMathErrorCode, type TierRow } from '../src/index.js';

/** Published venue examples, copied from ../shared/vectors/published.json (see test/vectors/README.md). */
export interface Vector {
  readonly id: string;
  readonly inputs: Record<string, unknown>;
  readonly expected: Record<string, string>;
  readonly tier_table_used?: Record<string, readonly Record<string, string>[]>;
}

const vectors: readonly Vector[] = JSON.parse(
  readFileSync(new URL('./vectors/published.json', import.meta.url), 'utf8'),
) as Vector[];

export function vector(id: string): Vector {
  const found = vectors.find((v) => v.id === id);
  if (found === undefined) throw new Error(`no published vector ${id}`);
  return found;
}

/**
 * Asserts that `action` throws a LiqMathError with this code and field (never a TypeError or a
 * result), and pins its whole message in the file's snapshot.
 */
export function expectLiqMathError(action: () => unknown, code: LiqMathErrorCode, field?: string): void {
  const thrown = expectLiqMathErrorCode(action, code, field);
  // The whole message is pinned too (test/__snapshots__/): a changed word of it is a reviewed change,
  // not a silent one. Refresh with `npx vitest run -u` and read the diff.
  expect(thrown.message).toMatchSnapshot();
}

/** {@link expectLiqMathError} without the snapshot, for property tests whose inputs are drawn at random. */
export function expectLiqMathErrorCode(action: () => unknown, code: LiqMathErrorCode, field?: string): LiqMathError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected a LiqMathError ${code}`).toBeDefined();
  if (!isLiqMathError(thrown)) throw thrown;
  expect(thrown.code).toBe(code);
  if (field !== undefined) expect(thrown.field).toBe(field);
  // The message names the field and says what is allowed, in words: never an empty explanation.
  expect(thrown.allowed.trim().length, `${code} at ${thrown.field} says what is allowed`).toBeGreaterThan(2);
  expect(thrown.message).toContain(thrown.field);
  expect(thrown.message).toContain(code);
  return thrown;
}

/** Binance BTCUSDT brackets effective 2021-03-18 (vector binance-usdm-cross-oneway-btcusdt-1), amounts omitted. */
export function binanceBtcusdt2021Rows(): TierRow[] {
  const rows = vector('binance-usdm-cross-oneway-btcusdt-1').tier_table_used?.BTCUSDT_2021_03 ?? [];
  return rows.map((row) => ({
    cap: row.notional_cap as string,
    maintenanceMarginRate: row.mmr as string,
    maxLeverage: row.max_leverage as string,
  }));
}

/** Binance BTCUSDT GET /fapi/v1/leverageBracket snapshot of 2024-10, amounts as the API sends them. */
export function binanceBtcusdt2024Rows(): TierRow[] {
  const rows = vector('binance-usdm-bracket-table-btcusdt-2024').inputs.tier_table as Record<string, string>[];
  return rows.map((row) => ({
    cap: row.notionalCap as string,
    maintenanceMarginRate: row.maintMarginRatio as string,
    maxLeverage: row.initialLeverage as string,
    maintenanceAmount: row.cum as string,
  }));
}

export const binance2021 = defineTiers(binanceBtcusdt2021Rows());
export const binance2024 = defineTiers(binanceBtcusdt2024Rows());
