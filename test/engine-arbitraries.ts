/**
 * Generators for the engine's property tests: markets (linear and inverse, deduction and flat
 * tables whose caps sit around the positions' notionals), isolated positions and cross accounts.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { defineMarket, defineTiers, type Market, type TierMethod, type TierRow } from '../src/index.js';

/** A decimal in [min, max] with up to `places` decimals, as a string. */
export function decimalIn(min: number, max: number, places: number): fc.Arbitrary<string> {
  const scale = 10 ** places;
  return fc
    .integer({ min: Math.round(min * scale), max: Math.round(max * scale) })
    .map((n) => new Big(n).div(scale).toString());
}

/**
 * Tier rows whose caps are `around` times factors from 0.05 to ~20, rates ≤ 0.5 and ≤ 1/maxLeverage,
 * last tier unbounded (so positions that move past the caps still have a tier).
 */
export function tierRowsAround(around: Big): fc.Arbitrary<TierRow[]> {
  return fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc
      .tuple(
        fc.array(fc.integer({ min: 5, max: 300 }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: 1, max: 125 }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }),
      )
      .map(([steps, leverages, fractions]) => {
        const sorted = [...leverages].sort((a, b) => b - a);
        let cap = new Big(0);
        let micros = 100;
        return sorted.map((leverage, k) => {
          cap = cap.plus(around.times(steps[k] as number).div(100));
          const highest = Math.min(500_000, Math.floor(1_000_000 / leverage));
          micros += Math.floor(((fractions[k] as number) / 1000) * (highest - micros));
          return {
            cap: k === n - 1 ? null : cap.toPrecision(12),
            maintenanceMarginRate: new Big(micros).div(1_000_000).toString(),
            maxLeverage: leverage,
          };
        });
      }),
  );
}

export interface MarketSpec {
  readonly contract: 'linear' | 'inverse';
  readonly method: TierMethod;
  readonly contractSize: string;
  readonly fee: null | { rate: string; on: 'bankruptcy' | 'mark' };
}

export const marketSpec: fc.Arbitrary<MarketSpec> = fc.record({
  contract: fc.constantFrom('linear' as const, 'inverse' as const),
  method: fc.constantFrom('deduction' as const, 'flat' as const),
  contractSize: fc.constantFrom('1', '0.01', '100'),
  fee: fc.option(
    fc.record({ rate: decimalIn(0, 0.002, 5), on: fc.constantFrom('bankruptcy' as const, 'mark' as const) }),
    { nil: null },
  ),
});

/** Notional of `size` contracts at `price`: linear size·CS·P, inverse size·CS/P. */
export function notionalOf(spec: Pick<MarketSpec, 'contract' | 'contractSize'>, size: string, price: string): Big {
  const k = new Big(size).times(spec.contractSize);
  return spec.contract === 'linear' ? k.times(price) : k.div(price);
}

export function buildMarket(symbol: string, spec: MarketSpec, rows: TierRow[], settle = 'USD'): Market {
  return defineMarket({
    symbol,
    contract: spec.contract,
    settle,
    contractSize: spec.contractSize,
    tiers: defineTiers(rows, { method: spec.method }),
    ...(spec.fee === null ? {} : { closeFee: spec.fee }),
  });
}

export interface IsolatedCase {
  readonly spec: MarketSpec;
  readonly market: Market;
  readonly position: { side: 'long' | 'short'; size: string; entryPrice: string; margin: string };
}

/** An isolated position with margin between ~1/125 and ~2 of its entry notional. */
export const isolatedCase: fc.Arbitrary<IsolatedCase> = fc
  .record({
    spec: marketSpec,
    side: fc.constantFrom('long' as const, 'short' as const),
    size: decimalIn(0.001, 500, 3),
    entryPrice: decimalIn(0.5, 90_000, 2),
    marginShare: decimalIn(0.005, 1.5, 4),
  })
  .chain(({ spec, side, size, entryPrice, marginShare }) => {
    const entryNotional = notionalOf(spec, size, entryPrice);
    return tierRowsAround(entryNotional).map((rows) => ({
      spec,
      market: buildMarket('X', spec, rows),
      position: { side, size, entryPrice, margin: entryNotional.times(marginShare).toFixed(12) },
    }));
  });

export interface CrossAccountCase {
  readonly collateral: string;
  readonly positions: { market: Market; side: 'long' | 'short'; size: string; entryPrice: string; markPrice: string }[];
}

export interface CrossCase {
  readonly account: CrossAccountCase;
  readonly symbols: string[];
}

/** A cross account of 1–6 positions over 1–3 markets of one contract type; a market may hold both sides. */
export const crossCase: fc.Arbitrary<CrossCase> = fc
  .record({
    spec: marketSpec,
    markets: fc.integer({ min: 1, max: 3 }),
    legs: fc.array(
      fc.record({
        which: fc.nat(),
        side: fc.constantFrom('long' as const, 'short' as const),
        size: decimalIn(0.01, 200, 2),
        entryShift: decimalIn(0.8, 1.2, 3),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    marks: fc.array(decimalIn(1, 50_000, 2), { minLength: 3, maxLength: 3 }),
    collateralShare: decimalIn(0.01, 1, 3),
  })
  .chain(({ spec, markets, legs, marks, collateralShare }) => {
    const symbols = ['A', 'B', 'C'].slice(0, markets);
    const around = symbols.map((_, m) => notionalOf(spec, '50', marks[m] as string));
    return fc.tuple(...around.map((a) => tierRowsAround(a))).map((tables) => {
      const built = symbols.map((symbol, m) => buildMarket(symbol, spec, tables[m] as TierRow[]));
      const used = new Map<string, Set<string>>();
      const positions = legs.flatMap((leg) => {
        const m = leg.which % markets;
        const market = built[m] as Market;
        const sides = used.get(market.symbol) ?? new Set<string>();
        if (sides.has(leg.side)) return []; // one leg per side per market (hedge mode)
        sides.add(leg.side);
        used.set(market.symbol, sides);
        const mark = marks[m] as string;
        return [
          {
            market,
            side: leg.side,
            size: leg.size,
            entryPrice: new Big(mark).times(leg.entryShift).toFixed(2),
            markPrice: mark,
          },
        ];
      });
      const gross = positions.reduce((sum, p) => sum.plus(notionalOf(spec, p.size, p.markPrice)), new Big(0));
      return {
        account: { collateral: gross.times(collateralShare).toPrecision(12), positions },
        symbols: [...used.keys()],
      };
    });
  });
