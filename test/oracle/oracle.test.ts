/**
 * Differential tests: liqmath against the exact rational model in `model.ts`, which works from
 * the definitions and shares no code with `src/`. Random markets (linear and inverse, 1–15 tiers,
 * deduction and flat, notional- and contract-keyed, maintenance at the price or the entry, fees
 * to close), isolated positions and cross accounts of 1–8 positions with hedge legs. Every
 * answer must agree to the documented 1e-18 relative (docs/precision.md); a failure prints the
 * shrunk counter-example and its seed.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CloseTarget,
  type CrossPosition,
  crossLiquidationPrice,
  crossMinimumCloseSize,
  defineMarket,
  defineTiers,
  isolatedBankruptcyPrice,
  isolatedLiquidationPrice,
  isolatedMinimumCloseSize,
  type Market,
  type TierRow,
} from '../../src/index.js';
import {
  bankruptcy,
  crossLiquidation,
  crossMinimumClose,
  isolatedLiquidation,
  type ModelCrossPosition,
  type ModelMarket,
  type ModelPosition,
  type ModelTarget,
  minimumClose,
} from './model.js';
import { PINNED_ISOLATED_CLOSES } from './pinned.js';
import { closeTo, parse, type Rational, show } from './rational.js';

const TOLERANCE = parse('1e-18');

/**
 * Runs per property are scaled by LIQMATH_ORACLE_SCALE (default 1): mutation testing runs the
 * oracle against each mutant at a tenth of the cases (vitest.stryker.config.ts).
 */
const SCALE = Number(process.env.LIQMATH_ORACLE_SCALE ?? '1');
const runs = (n: number): number => Math.max(30, Math.round(n * SCALE));
const atLeast = (n: number): number => (SCALE >= 1 ? n : Math.floor(n * SCALE * 0.8));

/** A market as plain data, built both ways. */
interface MarketCase {
  readonly contract: 'linear' | 'inverse' | 'quanto';
  readonly contractSize: string;
  readonly method: 'deduction' | 'flat';
  readonly basis: 'notional' | 'contracts';
  readonly maintenanceAt: 'price' | 'entry';
  readonly closeFee: null | { readonly rate: string; readonly on: 'mark' | 'bankruptcy' | 'reserve' };
  readonly fundingRate?: string | null;
  readonly strictTrigger?: boolean;
  readonly rows: readonly TierRow[];
  readonly lotSize?: string;
}

/** A decimal m·10^e with m in [1, maxMantissa], as a string. */
function scaled(maxMantissa: number, minExp: number, maxExp: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 1, max: maxMantissa }), fc.integer({ min: minExp, max: maxExp }))
    .map(([m, e]) => new Big(m).times(new Big(10).pow(e)).toString());
}

/** A fraction in [lo, hi] with `places` decimals, as a string. */
function fraction(lo: number, hi: number, places: number): fc.Arbitrary<string> {
  const scale = 10 ** places;
  return fc
    .integer({ min: Math.round(lo * scale), max: Math.round(hi * scale) })
    .map((n) => new Big(n).div(scale).toString());
}

/**
 * 1–15 tier rows whose caps straddle `around` (a notional or a contract count): cumulative steps
 * of 3% to 200% of it, rates rising from 0.01% within 1/maxLeverage, leverages falling; the last
 * cap unbounded, or bounded far enough out that the positions fit.
 */
function rowsAround(around: Big): fc.Arbitrary<TierRow[]> {
  return fc.integer({ min: 1, max: 15 }).chain((n) =>
    fc
      .record({
        steps: fc.array(fc.integer({ min: 3, max: 200 }), { minLength: n, maxLength: n }),
        leverages: fc.array(fc.integer({ min: 1, max: 125 }), { minLength: n, maxLength: n }),
        rises: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n, maxLength: n }),
        boundedLast: fc.boolean(),
      })
      .map(({ steps, leverages, rises, boundedLast }) => {
        const sorted = [...leverages].sort((a, b) => b - a);
        let cap = new Big(0);
        let micros = 100;
        return sorted.map((leverage, i) => {
          cap = cap.plus(around.times(steps[i] as number).div(100));
          const highest = Math.floor(1_000_000 / leverage);
          micros += Math.floor(((rises[i] as number) / 1000) * (highest - micros) * 0.5);
          const last = i === n - 1;
          const bounded = last ? (boundedLast ? larger(cap, around.times(40)) : null) : cap;
          return {
            cap: bounded === null ? null : bounded.toPrecision(8),
            maintenanceMarginRate: new Big(micros).div(1_000_000).toString(),
            maxLeverage: leverage,
          };
        });
      }),
  );
}

const larger = (a: Big, b: Big): Big => (a.gt(b) ? a : b);

const contractArb = fc.constantFrom('linear' as const, 'inverse' as const, 'quanto' as const);
const contractSizeArb = fc.constantFrom('1', '0.01', '100', '0.001');
const feeArb = fc.option(
  fc.record({
    rate: fraction(0, 0.002, 5),
    on: fc.constantFrom('bankruptcy' as const, 'mark' as const, 'reserve' as const),
  }),
  { nil: null, freq: 3 },
);
/** A signed funding rate in the requirement (BitMEX), now and then. */
const fundingArb = fc.option(fraction(-0.004, 0.004, 6), { nil: null, freq: 2 });

function notionalOf(contract: MarketCase['contract'], contractSize: string, size: string, price: string): Big {
  const k = new Big(size).times(contractSize);
  return contract === 'inverse' ? k.div(price) : k.times(price);
}

/** A market (its tiers around a position of `size` at `price`) and that position. */
function marketAround(size: string, price: string, allowEntry: boolean): fc.Arbitrary<MarketCase> {
  return fc
    .record({
      contract: contractArb,
      contractSize: contractSizeArb,
      flat: fc.boolean(),
      contracts: fc.boolean(),
      entry: allowEntry ? fc.integer({ min: 0, max: 5 }) : fc.constant(1),
      closeFee: feeArb,
      fundingRate: fundingArb,
      strictTrigger: fc.boolean(),
    })
    .chain(({ contract, contractSize, flat, contracts, entry, closeFee, fundingRate, strictTrigger }) => {
      const basis = flat && contracts ? ('contracts' as const) : ('notional' as const);
      const around = basis === 'contracts' ? new Big(size) : notionalOf(contract, contractSize, size, price);
      return rowsAround(around).map(
        (rows): MarketCase => ({
          contract,
          contractSize,
          method: flat ? 'flat' : 'deduction',
          basis,
          maintenanceAt: entry === 0 ? 'entry' : 'price',
          closeFee,
          fundingRate,
          strictTrigger,
          rows,
        }),
      );
    });
}

function libraryMarket(symbol: string, c: MarketCase): Market {
  const tiers =
    c.basis === 'contracts'
      ? defineTiers(c.rows, { method: 'flat', basis: 'contracts' })
      : defineTiers(c.rows, { method: c.method });
  return defineMarket({
    symbol,
    contract: c.contract,
    settle: 'USD',
    contractSize: c.contractSize,
    tiers,
    maintenanceAt: c.maintenanceAt,
    ...(c.closeFee === null ? {} : { closeFee: c.closeFee }),
    ...((c.fundingRate ?? null) === null ? {} : { fundingRate: c.fundingRate as string }),
    ...(c.strictTrigger === true ? { liquidatableWhen: 'equity < requirement' as const } : {}),
    ...(c.lotSize === undefined ? {} : { lotSize: c.lotSize }),
  });
}

function modelMarket(c: MarketCase): ModelMarket {
  return {
    contract: c.contract,
    contractSize: parse(c.contractSize),
    method: c.method,
    basis: c.basis,
    maintenanceAt: c.maintenanceAt,
    closeFee: c.closeFee === null ? null : { rate: parse(c.closeFee.rate), on: c.closeFee.on },
    ...((c.fundingRate ?? null) === null ? {} : { fundingRate: parse(c.fundingRate as string) }),
    ...(c.strictTrigger === true ? { strictTrigger: true } : {}),
    tiers: c.rows.map((row) => ({
      cap: row.cap === null ? null : parse(String(row.cap)),
      rate: parse(String(row.maintenanceMarginRate)),
    })),
  };
}

const toRational = (value: Big): Rational => parse(value.toString());

/** Library and model agree: both null, or both prices within the tolerance. */
function agree(label: string, library: Big | null, model: Rational | null): void {
  if (library === null || model === null) {
    expect(
      { library: library?.toString() ?? null, model: model === null ? null : show(model) },
      `${label}: one side has no price`,
    ).toEqual({ library: null, model: null });
    return;
  }
  if (!closeTo(toRational(library), model, TOLERANCE)) {
    expect.fail(`${label}: library ${library.toString()} vs model ${show(model)}`);
  }
}

const targetArb = fc.oneof(
  fc.constant({ kind: 'maintenance' as const }),
  fc.record({ kind: fc.constant('buffer' as const), buffer: fraction(0, 0.5, 2) }),
  fc.record({ kind: fc.constant('initial' as const), leverage: fc.integer({ min: 1, max: 50 }).map(String) }),
);

function modelTargetOf(target: CloseTarget & { buffer?: string; leverage?: string }): ModelTarget {
  return target.kind === 'maintenance'
    ? { kind: 'maintenance' }
    : target.kind === 'buffer'
      ? { kind: 'buffer', buffer: parse(String(target.buffer)) }
      : { kind: 'initial', leverage: parse(String(target.leverage)) };
}

const sizeArb = scaled(9999, -4, 3);
const priceArb = scaled(99999, -6, 2);

const isolatedCase = fc
  .record({ side: fc.constantFrom('long' as const, 'short' as const), size: sizeArb, entry: priceArb })
  .chain((position) =>
    fc.record({
      position: fc.constant(position),
      market: marketAround(position.size, position.entry, true),
      marginFraction: fraction(0.001, 1.3, 4),
    }),
  );

/** How many cases each property compared (not skipped): a suite that compares nothing fails. */
const compared = {
  fromLiquidatable: 0,
  isolated: 0,
  bankruptcy: 0,
  cross: 0,
  close: 0,
  partial: 0,
  crossClose: 0,
  crossPartial: 0,
};

describe('differential: liqmath against the exact rational model', () => {
  it('isolated liquidation and bankruptcy prices agree on 3,000 random markets and positions', () => {
    fc.assert(
      fc.property(isolatedCase, ({ position, market, marginFraction }) => {
        const notional = notionalOf(market.contract, market.contractSize, position.size, position.entry);
        const margin = notional.times(marginFraction).toPrecision(12);
        const lib = libraryMarket('X', market);
        const input = { side: position.side, size: position.size, entryPrice: position.entry, margin };
        const m = modelMarket(market);
        const p: ModelPosition = {
          side: position.side === 'long' ? 1 : -1,
          size: parse(position.size),
          entry: parse(position.entry),
        };
        agree('bankruptcy', isolatedBankruptcyPrice(lib, input), bankruptcy(m, p, parse(margin)));
        compared.bankruptcy += 1;
        // Liquidatable at entry, the answer is where it becomes healthy moving favourably (compared too).
        const expected = isolatedLiquidation(m, p, parse(margin));
        agree(`liquidation (${expected.fromEntry} at entry)`, isolatedLiquidationPrice(lib, input), expected.price);
        if (expected.fromEntry === 'healthy') compared.isolated += 1;
        else compared.fromLiquidatable += 1;
      }),
      { numRuns: runs(3000) },
    );
    expect(compared.bankruptcy).toBe(runs(3000));
    expect(compared.isolated).toBeGreaterThan(atLeast(1500));
    expect(compared.fromLiquidatable).toBeGreaterThan(atLeast(300));
  }, 120_000);

  it('cross liquidation prices (below and above) agree on 1,000 random accounts with hedge legs', () => {
    const symbols = ['AAA', 'BBB', 'CCC'];
    const accountCase = fc
      .record({
        markets: fc.tuple(
          ...symbols.map(() =>
            fc.record({ size: sizeArb, price: priceArb }).chain(({ size, price }) =>
              fc.record({
                market: marketAround(size, price, false),
                size: fc.constant(size),
                price: fc.constant(price),
              }),
            ),
          ),
        ),
        // One position per side per symbol (an account holds no more): up to 6 legs.
        positions: fc.uniqueArray(
          fc.record({
            symbol: fc.integer({ min: 0, max: 2 }),
            side: fc.constantFrom('long' as const, 'short' as const),
            // Sizes repeat often, so hedge legs share breakpoints (two tier changes at one price).
            sizeFactor: fc.oneof(fraction(0.05, 3, 3), fc.constantFrom('1', '0.5')),
            entryMove: fraction(-0.2, 0.2, 4),
          }),
          { minLength: 1, maxLength: 6, selector: (p) => `${p.symbol}${p.side}` },
        ),
        collateralFraction: fraction(0, 0.8, 4),
        markMoves: fc.tuple(fraction(-0.1, 0.1, 4), fraction(-0.1, 0.1, 4), fraction(-0.1, 0.1, 4)),
      })
      .map(({ markets, positions, collateralFraction, markMoves }) => {
        const built = markets.map(({ market, size, price }, i) => ({
          market,
          size,
          price,
          mark: new Big(price).times(new Big(1).plus(markMoves[i] as string)).toPrecision(10),
          library: libraryMarket(symbols[i] as string, market),
          model: modelMarket(market),
        }));
        const legs = positions.map((p) => {
          const on = built[p.symbol] as (typeof built)[number];
          return {
            on,
            side: p.side,
            size: new Big(on.size).times(p.sizeFactor).toPrecision(6),
            entry: new Big(on.price).times(new Big(1).plus(p.entryMove)).toPrecision(10),
          };
        });
        const exposure = legs.reduce(
          (total, leg) =>
            total.plus(notionalOf(leg.on.market.contract, leg.on.market.contractSize, leg.size, leg.on.mark)),
          new Big(0),
        );
        return { legs, collateral: exposure.times(collateralFraction).toPrecision(12) };
      });
    fc.assert(
      fc.property(accountCase, ({ legs, collateral }) => {
        const positions: CrossPosition[] = legs.map((leg) => ({
          market: leg.on.library,
          side: leg.side,
          size: leg.size,
          entryPrice: leg.entry,
          markPrice: leg.on.mark,
        }));
        const model: ModelCrossPosition[] = legs.map((leg) => ({
          symbol: leg.on.library.symbol,
          market: leg.on.model,
          side: leg.side === 'long' ? 1 : -1,
          size: parse(leg.size),
          entry: parse(leg.entry),
          mark: parse(leg.on.mark),
        }));
        for (const symbol of new Set(model.map((p) => p.symbol))) {
          const expected = crossLiquidation(parse(collateral), model, symbol);
          const actual = crossLiquidationPrice({ collateral, positions }, symbol);
          expect(actual.status, symbol).toBe(expected.status);
          if (expected.status === 'healthy') {
            agree(`${symbol} below`, actual.below, expected.below);
            agree(`${symbol} above`, actual.above, expected.above);
            compared.cross += 1;
          }
        }
      }),
      { numRuns: runs(1000) },
    );
    expect(compared.cross).toBeGreaterThan(atLeast(500));
  }, 120_000);

  it('minimum close sizes agree with a brute force over every lot on 1,500 random positions', () => {
    const closeCase = fc
      .record({
        side: fc.constantFrom('long' as const, 'short' as const),
        lots: fc.integer({ min: 2, max: 300 }),
        lotExponent: fc.integer({ min: -3, max: 1 }),
        entry: priceArb,
      })
      .chain((position) => {
        const lot = new Big(10).pow(position.lotExponent).toString();
        const size = new Big(lot).times(position.lots).toString();
        return fc.record({
          position: fc.constant({ ...position, lot, size }),
          market: marketAround(size, position.entry, true),
          marginFraction: fraction(0.0001, 0.04, 5),
          markMove: fraction(-0.05, 0.05, 4),
          slippage: fraction(-0.01, 0.01, 4),
          feeRate: fraction(0, 0.01, 4),
          target: fc.oneof(
            fc.constant({ kind: 'maintenance' as const }),
            fc.record({ kind: fc.constant('buffer' as const), buffer: fraction(0, 0.5, 2) }),
            fc.record({ kind: fc.constant('initial' as const), leverage: fc.integer({ min: 1, max: 50 }).map(String) }),
          ),
        });
      });
    type CloseCase = typeof closeCase extends fc.Arbitrary<infer T> ? T : never;
    fc.assert(
      fc.property(closeCase, ({ position, market, marginFraction, markMove, slippage, feeRate, target }) => {
        const withLot = { ...market, lotSize: position.lot };
        const notional = notionalOf(market.contract, market.contractSize, position.size, position.entry);
        const margin = notional.times(marginFraction).toPrecision(12);
        const mark = new Big(position.entry).times(new Big(1).plus(markMove)).toPrecision(10);
        const fill = new Big(mark).times(new Big(1).plus(slippage)).toPrecision(10);
        const libraryTarget: CloseTarget = target;
        const actual = isolatedMinimumCloseSize(
          libraryMarket('X', withLot),
          { side: position.side, size: position.size, entryPrice: position.entry, margin },
          { markPrice: mark, fillPrice: fill, feeRate, target: libraryTarget },
        );
        const modelTarget: ModelTarget =
          target.kind === 'maintenance'
            ? target
            : target.kind === 'buffer'
              ? { kind: 'buffer', buffer: parse(target.buffer) }
              : { kind: 'initial', leverage: parse(target.leverage) };
        const expected = minimumClose(
          modelMarket(withLot),
          { side: position.side === 'long' ? 1 : -1, size: parse(position.size), entry: parse(position.entry) },
          parse(margin),
          {
            mark: parse(mark),
            fill: parse(fill),
            feeRate: parse(feeRate),
            target: modelTarget,
            lot: parse(position.lot),
          },
        );
        expect(actual.status).toBe(expected.status);
        if (actual.status === 'partial' && expected.status === 'partial') {
          expect(show(toRational(actual.size))).toBe(show(expected.size));
        }
        if (expected.status !== 'healthy') compared.close += 1;
        if (expected.status === 'partial') compared.partial += 1;
      }),
      {
        numRuns: runs(1500),
        // Plain data of the arbitrary's shape (readonly in the file, hence the cast).
        examples: PINNED_ISOLATED_CLOSES.map((pinned): [CloseCase] => [pinned as unknown as CloseCase]),
      },
    );
    expect(compared.close).toBeGreaterThan(atLeast(500));
    expect(compared.partial).toBeGreaterThan(atLeast(150));
  }, 120_000);

  it('cross minimum close sizes agree with a brute force over every lot on 800 random accounts', () => {
    const symbols = ['AAA', 'BBB'];
    const accountCase = fc
      .record({
        markets: fc.tuple(
          ...symbols.map(() =>
            fc
              .record({ lotExponent: fc.integer({ min: -3, max: 0 }), price: priceArb })
              .chain(({ lotExponent, price }) => {
                const lot = new Big(10).pow(lotExponent).toString();
                return fc.record({
                  market: marketAround(new Big(lot).times(100).toString(), price, false),
                  lot: fc.constant(lot),
                  price: fc.constant(price),
                  markMove: fraction(-0.05, 0.05, 4),
                });
              }),
          ),
        ),
        positions: fc.uniqueArray(
          fc.record({
            symbol: fc.integer({ min: 0, max: 1 }),
            side: fc.constantFrom('long' as const, 'short' as const),
            lots: fc.integer({ min: 2, max: 200 }),
            entryMove: fraction(-0.05, 0.05, 4),
          }),
          { minLength: 1, maxLength: 4, selector: (p) => `${p.symbol}${p.side}` },
        ),
        collateralFraction: fraction(0, 0.04, 5),
        slippage: fraction(-0.01, 0.01, 4),
        feeRate: fraction(0, 0.01, 4),
        target: targetArb,
      })
      .map(({ markets, positions, collateralFraction, ...rest }) => {
        const built = markets.map((m, i) => ({
          ...m,
          market: { ...m.market, lotSize: m.lot },
          mark: new Big(m.price).times(new Big(1).plus(m.markMove)).toPrecision(10),
          symbol: symbols[i] as string,
        }));
        const legs = positions.map((p) => {
          const on = built[p.symbol] as (typeof built)[number];
          return {
            on,
            side: p.side,
            size: new Big(on.lot).times(p.lots).toString(),
            entry: new Big(on.price).times(new Big(1).plus(p.entryMove)).toPrecision(10),
          };
        });
        const exposure = legs.reduce(
          (total, leg) =>
            total.plus(notionalOf(leg.on.market.contract, leg.on.market.contractSize, leg.size, leg.on.mark)),
          new Big(0),
        );
        return { legs, built, collateral: exposure.times(collateralFraction).toPrecision(12), ...rest };
      });
    fc.assert(
      fc.property(accountCase, ({ legs, built, collateral, slippage, feeRate, target }) => {
        const libraryMarkets = built.map((b) => libraryMarket(b.symbol, b.market));
        const positions: CrossPosition[] = legs.map((leg) => ({
          market: libraryMarkets[built.indexOf(leg.on)] as Market,
          side: leg.side,
          size: leg.size,
          entryPrice: leg.entry,
          markPrice: leg.on.mark,
        }));
        const model: ModelCrossPosition[] = legs.map((leg) => ({
          symbol: leg.on.symbol,
          market: modelMarket(leg.on.market),
          side: leg.side === 'long' ? 1 : -1,
          size: parse(leg.size),
          entry: parse(leg.entry),
          mark: parse(leg.on.mark),
        }));
        const chosen = legs[0] as (typeof legs)[number];
        const fill = new Big(chosen.on.mark).times(new Big(1).plus(slippage)).toPrecision(10);
        const actual = crossMinimumCloseSize(
          { collateral, positions },
          { symbol: chosen.on.symbol, side: chosen.side },
          { markPrice: chosen.on.mark, fillPrice: fill, feeRate, target },
        );
        const expected = crossMinimumClose(parse(collateral), model, 0, {
          mark: parse(chosen.on.mark),
          fill: parse(fill),
          feeRate: parse(feeRate),
          target: modelTargetOf(target),
          lot: parse(chosen.on.lot),
        });
        expect(actual.status).toBe(expected.status);
        if (actual.status === 'partial' && expected.status === 'partial') {
          expect(show(toRational(actual.size))).toBe(show(expected.size));
        }
        if (expected.status !== 'healthy') compared.crossClose += 1;
        if (expected.status === 'partial') compared.crossPartial += 1;
      }),
      { numRuns: runs(800) },
    );
    expect(compared.crossClose).toBeGreaterThan(atLeast(300));
    expect(compared.crossPartial).toBeGreaterThan(atLeast(40));
  }, 120_000);
});
