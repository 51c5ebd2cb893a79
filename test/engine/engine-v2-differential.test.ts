/**
 * Engine v2 against the engine it replaced (test/legacy, big.js at 50 places with chained
 * divisions): on random isolated positions and cross accounts, both give the same digits, or the
 * new answer is the exact one — within one unit of the 50th decimal of the exact rational that
 * the model of test/oracle computes from the definitions — and the old one is not.
 *
 * Cases per run: 10,000 isolated positions and 1,000 cross accounts, times LIQMATH_DIFF_SCALE
 * (the closing note of engine v2 reports a run at scale 20: 200,000 and 20,000). Seeded under CI.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossLiquidationPrice,
  defineMarket,
  defineTiers,
  isolatedLiquidationPrice,
  isolatedRequirement,
  type Market,
  positionNotional,
  tierFor,
} from '../../src/index.js';
import { crossCase, decimalIn, marketSpec, notionalOf, tierRowsAround } from '../engine-arbitraries.js';
import * as legacy from '../legacy/index.js';
import {
  crossLiquidation,
  isolatedLiquidation,
  type ModelCrossPosition,
  type ModelMarket,
  type ModelPosition,
} from '../oracle/model.js';
import { div, parse, type Rational, rational, sub } from '../oracle/rational.js';

const SCALE = Number(process.env.LIQMATH_DIFF_SCALE ?? '1');
const ISOLATED = Math.round(10_000 * SCALE);
const CROSS = Math.round(1_000 * SCALE);

/** One unit of the 50th decimal place. */
const ULP50 = parse('1e-50');

function modelOf(market: Market): ModelMarket {
  return {
    contract: market.contract,
    contractSize: parse(market.contractSize.toString()),
    method: market.tiers.method,
    basis: market.tiers.basis,
    maintenanceAt: market.maintenanceAt,
    closeFee:
      market.closeFee === null ? null : { rate: parse(market.closeFee.rate.toString()), on: market.closeFee.on },
    tiers: market.tiers.tiers.map((tier) => ({
      cap: tier.cap === null ? null : parse(tier.cap.toString()),
      rate: parse(tier.maintenanceMarginRate.toString()),
    })),
  };
}

/** Within one unit of the 50th place of the exact value. */
function withinUlp(value: Big | null, exact: Rational | null): boolean {
  if (value === null || exact === null) return value === null && exact === null;
  const gap = sub(parse(value.toString()), exact);
  return (gap.num < 0n ? -gap.num : gap.num) * ULP50.den < ULP50.num * gap.den;
}

/** Tallies a comparison; returns whether it is acceptable. */
function judge(
  tally: { same: number; newExact: number },
  fresh: Big | null,
  old: Big | null,
  exact: () => Rational | null,
): boolean {
  if ((fresh?.toString() ?? null) === (old?.toString() ?? null)) {
    tally.same += 1;
    // Equal digits could be equally wrong: every eighth such answer is checked against the model too.
    return tally.same % 8 !== 0 || withinUlp(fresh, exact());
  }
  const model = exact();
  if (withinUlp(fresh, model)) {
    tally.newExact += 1;
    return true;
  }
  return false;
}

/**
 * Isolated positions: linear and inverse, deduction and flat, notional- and contract-keyed
 * tables, maintenance at the price or the entry, fees to close, margin or leverage, and margins
 * set to the requirement at entry (zero health there).
 */
const isolated = fc
  .record({
    spec: marketSpec,
    side: fc.constantFrom('long' as const, 'short' as const),
    size: decimalIn(0.001, 500, 3),
    entryPrice: decimalIn(0.5, 90_000, 2),
    marginShare: decimalIn(0.005, 1.5, 4),
    byContracts: fc.boolean(),
    atEntry: fc.boolean(),
    how: fc.constantFrom('margin' as const, 'leverage' as const, 'zero-health' as const),
  })
  .chain((c) => {
    const entryNotional = notionalOf(c.spec, c.size, c.entryPrice);
    const byContracts = c.byContracts && c.spec.method === 'flat';
    return tierRowsAround(byContracts ? new Big(c.size) : entryNotional).map((rows) => {
      const market = defineMarket({
        symbol: 'X',
        contract: c.spec.contract,
        settle: 'USD',
        contractSize: c.spec.contractSize,
        tiers: byContracts
          ? defineTiers(rows, { method: 'flat', basis: 'contracts' })
          : defineTiers(rows, { method: c.spec.method }),
        maintenanceAt: c.atEntry ? 'entry' : 'price',
        ...(c.spec.fee === null ? {} : { closeFee: c.spec.fee }),
      });
      return { market, c, entryNotional };
    });
  })
  .map(({ market, c, entryNotional }) => {
    const base = { side: c.side, size: c.size, entryPrice: c.entryPrice };
    if (c.how === 'leverage') {
      const key = market.tiers.basis === 'contracts' ? c.size : positionNotional(market, c.size, c.entryPrice);
      return { market, position: { ...base, leverage: tierFor(market.tiers, key).maxLeverage.toString() } };
    }
    if (c.how === 'zero-health' && market.closeFee?.on !== 'bankruptcy') {
      const margin = isolatedRequirement(market, { ...base, margin: '0' }, c.entryPrice);
      return { market, position: { ...base, margin: margin.toString() } };
    }
    return { market, position: { ...base, margin: entryNotional.times(c.marginShare).toFixed(12) } };
  });

/** A call's value, or its error as code and message. */
function attempt<T>(call: () => T): { value: T } | { error: { code: unknown; message: string } } {
  try {
    return { value: call() };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return { error: { code: (error as { code?: unknown }).code, message: error.message } };
  }
}

function exactIsolated(
  market: Market,
  position: { side: 'long' | 'short'; size: string; entryPrice: string; margin?: string; leverage?: string },
) {
  const model = modelOf(market);
  const p: ModelPosition = {
    side: position.side === 'long' ? 1 : -1,
    size: parse(position.size),
    entry: parse(position.entryPrice),
  };
  const k = parse(new Big(position.size).times(market.contractSize.toString()).toString());
  const notional = market.contract === 'linear' ? rational(k.num * p.entry.num, k.den * p.entry.den) : div(k, p.entry);
  const margin =
    position.margin !== undefined ? parse(position.margin) : div(notional, parse(position.leverage ?? '1'));
  return isolatedLiquidation(model, p, margin).price;
}

describe('engine v2 against the engine it replaced', () => {
  it(`isolated liquidation prices: ${ISOLATED} positions, equal or the new one exact`, () => {
    const tally = { same: 0, newExact: 0 };
    fc.assert(
      fc.property(isolated, ({ market, position }) => {
        const fresh = attempt(() => isolatedLiquidationPrice(market, position));
        const old = attempt(() => legacy.liquidationPrice(market as never, position));
        if ('error' in fresh || 'error' in old) {
          // Both refuse, with the same error (a leverage the tier at entry does not allow, for one).
          expect('error' in fresh ? fresh.error : fresh).toEqual('error' in old ? old.error : old);
          tally.same += 1;
          return;
        }
        expect(judge(tally, fresh.value, old.value, () => exactIsolated(market, position))).toBe(true);
      }),
      { numRuns: ISOLATED },
    );
    console.info(
      `engine v2, isolated: ${tally.same} equal digits, ${tally.newExact} where the digits differ and the new answer is the exact one (within 1e-50)`,
    );
    expect(tally.same + tally.newExact).toBe(ISOLATED);
  });

  it(`cross liquidation prices: ${CROSS} accounts with hedge legs, equal or the new one exact`, () => {
    const tally = { same: 0, newExact: 0 };
    fc.assert(
      fc.property(crossCase, ({ account, symbols }) => {
        const model: ModelCrossPosition[] = account.positions.map((p) => ({
          symbol: p.market.symbol,
          market: modelOf(p.market),
          side: p.side === 'long' ? 1 : -1,
          size: parse(p.size),
          entry: parse(p.entryPrice),
          mark: parse(p.markPrice),
        }));
        for (const symbol of symbols) {
          const fresh = crossLiquidationPrice(account, symbol);
          const old = legacy.crossLiquidationPrice(account as never, symbol);
          expect(fresh.status).toBe(old.status);
          const exact = () => crossLiquidation(parse(account.collateral), model, symbol);
          const side = (which: 'below' | 'above') => () => {
            const result = exact();
            return result.status === 'healthy' ? result[which] : null;
          };
          expect(judge(tally, fresh.below, old.below, side('below'))).toBe(true);
          expect(judge(tally, fresh.above, old.above, side('above'))).toBe(true);
        }
      }),
      { numRuns: CROSS },
    );
    console.info(
      `engine v2, cross: ${tally.same} equal digits, ${tally.newExact} where the digits differ and the new answer is the exact one (within 1e-50)`,
    );
  });
});
