/**
 * Shared by the venue test files: the venue payloads of test/fixtures/ and examples/, a tier table
 * as plain rows, and the error check that states the whole message in the test itself.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { LiqMathErrorCode, TierTable } from '../../src/index.js';
import { expectLiqMathErrorCode } from '../helpers.js';

/** A venue payload of test/fixtures/ (see its README for the endpoint each one mirrors). */
export const fixture = <T = unknown>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;

/** Binance GET /fapi/v1/leverageBracket for BTCUSDT, 2024-10 (examples/binance-btcusdt-2024.json). */
export const binanceBtcusdt2024 = JSON.parse(
  readFileSync(new URL('../../examples/binance-btcusdt-2024.json', import.meta.url), 'utf8'),
) as {
  symbol: string;
  brackets: Record<string, unknown>[];
};

/** A fresh copy of those brackets, for a test to break. */
export const binanceBtcusdt2024Brackets = () => binanceBtcusdt2024.brackets.map((b) => ({ ...b }));

/** A tier table as rows of strings: cap (`null` when unbounded), rate, max leverage, amount. */
export const tierRows = (t: TierTable) =>
  t.tiers.map((x) => [
    x.cap?.toString() ?? null,
    x.maintenanceMarginRate.toString(),
    x.maxLeverage.toString(),
    x.maintenanceAmount.toString(),
  ]);

/**
 * Asserts that `action` throws a LiqMathError with this code and field, and that its whole message
 * is `message`: the words are reviewed here, beside the call, rather than in a snapshot file.
 */
export function expectLiqMathErrorMessage(
  action: () => unknown,
  code: LiqMathErrorCode,
  field: string,
  message: string,
): void {
  expect(expectLiqMathErrorCode(action, code, field).message).toBe(message);
}
