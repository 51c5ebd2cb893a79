/**
 * fast-check generators shared by the property tests. Runs are seeded per run and print the seed
 * and the shrunk counter-example on failure; re-run one with `fc.assert(..., { seed, path })`.
 */
import Big from 'big.js';
import fc from 'fast-check';
import type { TierMethod, TierRow } from '../src/index.js';

export interface GeneratedTable {
  readonly rows: TierRow[];
  readonly method: TierMethod;
  /** The highest value that has a tier (the last cap), or null when unbounded. */
  readonly lastCap: Big | null;
}

/**
 * Valid tier rows: 1–15 tiers, increasing caps at several scales, max leverage non-increasing in
 * 1..200, rates non-decreasing with rate ≤ 1/maxLeverage, last cap bounded or not.
 */
export function validTierRows(method: TierMethod = 'deduction'): fc.Arbitrary<GeneratedTable> {
  return fc.integer({ min: 1, max: 15 }).chain((n) =>
    fc
      .record({
        capSteps: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: n, maxLength: n }),
        leverages: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: n, maxLength: n }),
        rateFractions: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }),
        unbounded: fc.boolean(),
        scale: fc.integer({ min: -2, max: 4 }),
      })
      .map(({ capSteps, leverages, rateFractions, unbounded, scale }) => {
        const sortedLeverage = [...leverages].sort((a, b) => b - a);
        let cap = new Big(0);
        let rateMicros = 1;
        const rows: TierRow[] = sortedLeverage.map((leverage, k) => {
          cap = cap.plus(new Big(capSteps[k] as number).times(new Big(10).pow(scale)));
          const highest = Math.floor(1_000_000 / leverage);
          rateMicros = rateMicros + Math.floor(((rateFractions[k] as number) / 1000) * (highest - rateMicros));
          const last = k === n - 1;
          return {
            cap: last && unbounded ? null : cap.toString(),
            maintenanceMarginRate: new Big(rateMicros).div(1_000_000).toString(),
            maxLeverage: leverage,
          };
        });
        return { rows, method, lastCap: unbounded ? null : cap };
      }),
  );
}

/** A non-negative amount inside the table's range (≤ the last cap, or up to 2× the largest finite cap). */
export function amountWithin(table: GeneratedTable): fc.Arbitrary<Big> {
  const finiteCaps = table.rows.map((r) => r.cap).filter((c): c is string => c !== null);
  const top = table.lastCap ?? new Big(finiteCaps.at(-1) ?? '1000').times(2);
  return fc.integer({ min: 0, max: 1_000_000 }).map((k) => top.times(k).div(1_000_000).round(12, Big.roundDown));
}
