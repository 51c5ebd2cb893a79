import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CloseTarget,
  crossEquity,
  crossMinimumCloseSize,
  crossRequirement,
  defineMarket,
  defineTiers,
  isolatedEquity,
  isolatedMinimumCloseSize,
  isolatedRequirement,
  type Market,
} from '../../src/index.js';
import { crossCase, decimalIn, isolatedCase } from '../engine-arbitraries.js';
import { expectLiqMathError } from '../helpers.js';

const tiers = defineTiers([
  { cap: 50000, maintenanceMarginRate: '0.004', maxLeverage: 125 },
  { cap: 250000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
  { cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 },
]);
const btc = (lotSize?: string) =>
  defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers, ...(lotSize ? { lotSize } : {}) });

/** A test-local big.js constructor with more places than liqmath keeps, for independent bookkeeping. */
const Exact = Big();
Exact.DP = 80;

/** The remainder after closing `closed` at `fill` with `feeRate`, as an isolated position (independent bookkeeping). */
function remainder(
  market: Market,
  position: { side: 'long' | 'short'; size: string; entryPrice: string; margin: string },
  closed: Big,
  fill: Big,
  feeRate: Big,
) {
  const sign = position.side === 'long' ? 1 : -1;
  const c = new Exact(market.contractSize.toString());
  const entry = new Exact(position.entryPrice);
  const q = new Exact(closed.toString());
  const f = new Exact(fill.toString());
  const linear = market.contract === 'linear';
  const realized = linear
    ? q.times(c).times(f.minus(entry)).times(sign)
    : q
        .times(c)
        .times(new Exact(1).div(entry).minus(new Exact(1).div(f)))
        .times(sign);
  const fee = (linear ? q.times(c).times(f) : q.times(c).div(f)).times(feeRate.toString());
  return {
    side: position.side,
    size: new Exact(position.size).minus(q).toString(),
    entryPrice: position.entryPrice,
    margin: new Exact(position.margin).plus(realized).minus(fee).toString(),
  };
}

describe('minimumCloseSize: worked examples', () => {
  it('closes until the tier-2 maintenance of the remainder fits the equity (1,050/245 kept)', () => {
    // Equity 6,000 − 5·1,000 = 1,000; MM of Q' at 49,000 in tier 2: 245·Q' − 50 ≤ 1,000 → Q' ≤ 4.2857…
    const result = isolatedMinimumCloseSize(
      btc('0.001'),
      { side: 'long', size: 5, entryPrice: 50000, margin: 6000 },
      { markPrice: 49000 },
    );
    expect(result).toMatchObject({ status: 'partial' });
    if (result.status !== 'partial') return;
    expect(result.size.toString()).toBe('0.715');
    expect(result.remainingSize.toString()).toBe('4.285');
    expect(result.equityAfter.toString()).toBe('1000');
    expect(result.requirementAfter.toString()).toBe('999.825');
  });

  it('without a lot the size is the exact root', () => {
    const result = isolatedMinimumCloseSize(
      btc(),
      { side: 'long', size: 5, entryPrice: 50000, margin: 6000 },
      { markPrice: 49000 },
    );
    if (result.status !== 'partial') throw new Error(result.status);
    expect(result.remainingSize.times(245).minus(1050).abs().lt('1e-45')).toBe(true);
  });

  it('a liquidation fee costs equity per contract closed, so more must close', () => {
    const result = isolatedMinimumCloseSize(
      btc('0.001'),
      { side: 'long', size: 5, entryPrice: 50000, margin: 6000 },
      { markPrice: 49000, feeRate: '0.001' },
    );
    // 1,000 − 49·q ≥ 245·(5 − q) − 50 → q ≥ 175/196 = 0.8928…
    expect(result.status === 'partial' && result.size.toString()).toBe('0.893');
  });

  it('a buffer and an initial-margin target ask for more', () => {
    const position = { side: 'long', size: 5, entryPrice: 50000, margin: 6000 } as const;
    const sizeFor = (target: CloseTarget) => {
      const result = isolatedMinimumCloseSize(btc('0.001'), position, { markPrice: 49000, target });
      return result.status === 'partial' ? result.size.toString() : result.status;
    };
    // (245·Q' − 50)·1.5 ≤ 1,000 → Q' ≤ 2.9251… (still tier 2: 143,333 notional)
    expect(sizeFor({ kind: 'buffer', buffer: '0.5' })).toBe('2.075');
    // 49,000·Q'/100 ≤ 1,000 → Q' ≤ 2.0408…
    expect(sizeFor({ kind: 'initial', leverage: 100 })).toBe('2.96');
  });

  it('healthy, closing-does-not-help, remainder below a lot', () => {
    const position = { side: 'long', size: 5, entryPrice: 50000, margin: 6000 } as const;
    expect(isolatedMinimumCloseSize(btc(), position, { markPrice: 50000 })).toEqual({ status: 'healthy' });
    const feeTooHigh = isolatedMinimumCloseSize(btc(), position, { markPrice: 49000, feeRate: '0.006' });
    expect(feeTooHigh).toMatchObject({ status: 'full', reason: 'closing-does-not-help' });
    expect(feeTooHigh.status === 'full' && feeTooHigh.size.toString()).toBe('5');
    const coarse = isolatedMinimumCloseSize(btc('4'), position, { markPrice: 49000 });
    expect(coarse).toMatchObject({ status: 'full', reason: 'remainder-below-minimum' });
    const minimum = isolatedMinimumCloseSize(btc('0.001'), position, { markPrice: 49000, minimumRemaining: 4.5 });
    expect(minimum).toMatchObject({ status: 'full', reason: 'remainder-below-minimum' });
  });

  it('a bankrupt position: closing lowers the requirement but never lifts equity to it (target-unreachable)', () => {
    // Equity 6,000 − 5·2,000 = −4,000 at 48,000; closing at the mark keeps it there while the
    // requirement falls: closing helps, yet no size reaches the target.
    const position = { side: 'long', size: 5, entryPrice: 50000, margin: 6000 } as const;
    expect(isolatedMinimumCloseSize(btc(), position, { markPrice: 48000 })).toMatchObject({
      status: 'full',
      reason: 'target-unreachable',
    });
  });

  it('a tier segment that holds the kink where the remainder stops paying a fee at its bankruptcy price', () => {
    // Tier 2 (10%, deduction 9.5) runs from 100 contracts down to 1. Long 100 @ 100, margin 300, fee
    // 0.1% charged at the remainder's bankruptcy price B(R) = (100R − 300)/(0.999R), zero at R = 3:
    // below that the fee term switches off (a kink inside the segment). Above it the target is
    // 300 = 10R − 9.5 + 0.001·R·B(R) → R = (309.5 + 0.3/0.999)/(10 + 0.1/0.999) = 30.672993…,
    // so 69.327006… must close. A chord across the kink answers 69.34… (not minimal).
    const kinked = defineTiers([
      { cap: 100, maintenanceMarginRate: '0.005', maxLeverage: 100 },
      { cap: null, maintenanceMarginRate: '0.1', maxLeverage: 5 },
    ]);
    const market = (lotSize?: string) =>
      defineMarket({
        symbol: 'X',
        contract: 'linear',
        settle: 'USD',
        tiers: kinked,
        closeFee: { rate: '0.001', on: 'bankruptcy' },
        ...(lotSize ? { lotSize } : {}),
      });
    const position = { side: 'long', size: 100, entryPrice: 100, margin: 300 } as const;
    const exact = isolatedMinimumCloseSize(market(), position, { markPrice: 100 });
    const R = new Exact('309.5')
      .plus(new Exact('0.3').div('0.999'))
      .div(new Exact(10).plus(new Exact('0.1').div('0.999')));
    expect(exact.status).toBe('partial');
    if (exact.status === 'partial') expect(exact.remainingSize.minus(R.toString()).abs().lt('1e-45')).toBe(true);
    expect(isolatedMinimumCloseSize(market('0.01'), position, { markPrice: 100 })).toMatchObject({ status: 'partial' });
    const lots = isolatedMinimumCloseSize(market('0.01'), position, { markPrice: 100 });
    expect(lots.status === 'partial' && lots.size.toString()).toBe('69.33');
  });

  it('bad input: fill price ≤ 0, fee rates outside [0, 1), unknown target, a mark that is not the account’s', () => {
    const position = { side: 'long', size: 5, entryPrice: 50000, margin: 6000 } as const;
    expectLiqMathError(
      () => isolatedMinimumCloseSize(btc(), position, { markPrice: 49000, fillPrice: 0 }),
      'NOT_POSITIVE',
      'options.fillPrice',
    );
    expectLiqMathError(
      () => isolatedMinimumCloseSize(btc(), position, { markPrice: 49000, feeRate: 1 }),
      'RATE_OUT_OF_RANGE',
      'options.feeRate',
    );
    expectLiqMathError(
      () => isolatedMinimumCloseSize(btc(), position, { markPrice: 49000, feeRate: '-0.001' }),
      'RATE_OUT_OF_RANGE',
      'options.feeRate',
    );
    expectLiqMathError(
      () =>
        isolatedMinimumCloseSize(btc(), position, { markPrice: 49000, target: { kind: 'initial', leverage: '0.5' } }),
      'LEVERAGE_OUT_OF_RANGE',
      'options.target.leverage',
    );
    expectLiqMathError(
      () =>
        isolatedMinimumCloseSize(btc(), position, {
          markPrice: 49000,
          target: { kind: 'x' } as unknown as CloseTarget,
        }),
      'INVALID_OPTION',
      'options.target.kind',
    );
    const market = btc();
    const account = {
      collateral: 900,
      positions: [{ market, side: 'long', size: 10, entryPrice: 1000, markPrice: 920 }],
    } as const;
    expectLiqMathError(
      () => crossMinimumCloseSize(account, { symbol: 'BTCUSDT', side: 'long' }, { markPrice: 921 }),
      'MARK_PRICE_MISMATCH',
      'options.markPrice',
    );
    expectLiqMathError(
      () => crossMinimumCloseSize(account, { symbol: 'BTCUSDT', side: 'short' }, { markPrice: 920 }),
      'UNKNOWN_SYMBOL',
      'ref',
    );
  });
});

describe('minimumCloseSize: properties', () => {
  const withLot = isolatedCase.chain((c) =>
    fc.record({
      c: fc.constant(c),
      lotShare: fc.constantFrom(null, '0.001', '0.01', '0.1'),
      feeRate: decimalIn(0, 0.003, 5),
      fillShift: decimalIn(0.995, 1.005, 4),
      markShift: decimalIn(0.9, 1.1, 3),
      buffer: fc.constantFrom('0', '0', '0.2'),
    }),
  );

  it('the size meets the target and one lot less does not (isolated)', () => {
    fc.assert(
      fc.property(withLot, ({ c, lotShare, feeRate, fillShift, markShift, buffer }) => {
        const lot =
          lotShare === null ? null : new Big(c.position.size).times(lotShare).round(6, Big.roundUp).toString();
        fc.pre(lot === null || new Big(lot).gt(0));
        const market = defineMarket({
          symbol: 'X',
          contract: c.spec.contract,
          settle: 'USD',
          contractSize: c.spec.contractSize,
          tiers: c.market.tiers,
          ...(c.spec.fee === null ? {} : { closeFee: c.spec.fee }),
          ...(lot === null ? {} : { lotSize: lot }),
        });
        const mark = new Big(c.position.entryPrice).times(markShift).round(2);
        const fill = mark.times(fillShift).round(4);
        const target: CloseTarget = buffer === '0' ? { kind: 'maintenance' } : { kind: 'buffer', buffer };
        const factor = new Big(1).plus(buffer);
        const result = isolatedMinimumCloseSize(market, c.position, {
          markPrice: mark,
          fillPrice: fill,
          feeRate,
          target,
        });
        // Independent bookkeeping and liqmath's 50 places differ by ~1e-48 of the equity: compare
        // with a tolerance far above that and far below what one lot (or a 1e-30 nudge) changes.
        const scale = isolatedEquity(market, c.position, mark)
          .abs()
          .plus(isolatedRequirement(market, c.position, mark));
        const tolerance = scale.times('1e-40');
        const surplusAfter = (closed: Big) => {
          const rest = remainder(market, c.position, closed, fill, new Big(feeRate));
          // A remainder whose margin went negative cannot be an isolated position: count it as failing.
          if (new Big(rest.margin).lt(0)) return new Big(-1);
          return isolatedEquity(market, rest, mark).minus(isolatedRequirement(market, rest, mark).times(factor));
        };
        const meets = (closed: Big) => surplusAfter(closed).gte(tolerance.neg());
        if (result.status === 'healthy') {
          expect(
            isolatedEquity(market, c.position, mark).gte(isolatedRequirement(market, c.position, mark).times(factor)),
          ).toBe(true);
          return;
        }
        if (result.status === 'full') return;
        const size = new Big(result.size.toString());
        expect(meets(size), `the returned ${size} must meet the target`).toBe(true);
        // Without a lot, "one less" is a relative nudge far above the 50-place arithmetic's noise.
        const step = lot === null ? size.times('1e-30') : new Big(lot);
        if (size.minus(step).gt(0))
          expect(surplusAfter(size.minus(step)).lt(0), `${size} minus ${step} must fail`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('crossMinimumCloseSize: properties', () => {
  it('the account after the close meets maintenance, and one lot (1e-30 relative) less does not', () => {
    fc.assert(
      fc.property(crossCase, fc.nat(), fc.integer({ min: 1, max: 999 }), ({ account: drawn, symbols }, pick, depth) => {
        const symbol = symbols[pick % symbols.length] as string;
        const chosen = drawn.positions.find((p) => p.market.symbol === symbol);
        if (chosen === undefined) return;
        // Set the collateral so that equity lies between the others' requirement and the total:
        // liquidatable, and rescuable by closing part of the chosen position.
        const others = { collateral: '0', positions: drawn.positions.filter((p) => p !== chosen) };
        const othersRequirement =
          others.positions.length === 0 ? new Big(0) : new Big(crossRequirement(others).toString());
        const total = new Big(crossRequirement(drawn).toString());
        const target = othersRequirement.plus(total.minus(othersRequirement).times(depth).div(1000));
        const collateral = new Big(drawn.collateral).plus(target.minus(crossEquity(drawn).toString()));
        fc.pre(collateral.gte(0));
        const account = { ...drawn, collateral: collateral.toString() };
        const ref = { symbol, side: chosen.side };
        const result = crossMinimumCloseSize(account, ref, { markPrice: chosen.markPrice });
        if (result.status !== 'partial') return;
        // Closing at the mark without a fee moves no equity: after the close, equity is the account
        // with the smaller position plus the closed slice's realized PnL.
        const surplus = (closed: Big) => {
          const k = new Exact(closed.toString()).times(chosen.market.contractSize.toString());
          const entry = new Exact(chosen.entryPrice);
          const mark = new Exact(chosen.markPrice);
          const sign = chosen.side === 'long' ? 1 : -1;
          const realized =
            chosen.market.contract === 'linear'
              ? k.times(mark.minus(entry)).times(sign)
              : k.times(new Exact(1).div(entry).minus(new Exact(1).div(mark))).times(sign);
          const next = {
            ...account,
            positions: account.positions.map((p) =>
              p === chosen ? { ...p, size: new Exact(p.size).minus(closed.toString()).toString() } : p,
            ),
          };
          return new Exact(crossEquity(next).minus(crossRequirement(next)).toString()).plus(realized);
        };
        const size = new Big(result.size.toString());
        const scale = new Big(crossEquity(account).abs().plus(crossRequirement(account)).toString());
        // surplus() adds two library results, each rounded once at 50 places: ±1e-50 of its own.
        expect(surplus(size).gte(scale.times('-1e-40').minus('1e-49').toString())).toBe(true);
        expect(surplus(size.minus(size.times('1e-30'))).lt(0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
