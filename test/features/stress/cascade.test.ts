import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Book,
  type BookAccount,
  type BookPosition,
  defineBook,
  defineMarket,
  defineTiers,
  hyperliquid,
  type Market,
  simulateCascade,
} from '../../../src/index.js';
import { decimalIn } from '../../engine-arbitraries.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

const flat = (rate: string, leverage: number) =>
  defineTiers([{ cap: null, maintenanceMarginRate: rate, maxLeverage: leverage }], { method: 'flat' });

describe('simulateCascade: the closed form of a uniform book under linear impact', () => {
  // Longs of 1 contract at 100 whose liquidation prices sit on every tick from 99.99 down to 50:
  // liquidation price L = (100 − margin) / 0.99, so margin = 100 − 0.99·L. Notional at the
  // starting mark: 100 per position, one position per 0.01% of the price: ρ = 10⁶ per unit of move.
  const market = defineMarket({
    symbol: 'X',
    contract: 'linear',
    settle: 'USD',
    tiers: flat('0.01', 100),
  });
  // No tick: prices stay exact and "one tick" is the book's spacing, 0.01 (a market with a tick stops
  // a cascade once a round's move rounds to nothing, which the closed form does not model).
  const positions: BookPosition[] = [];
  for (let t = 1; t <= 5000; t += 1) {
    const liquidation = new Big(10000 - t).div(100);
    positions.push({
      id: `p${String(t).padStart(5, '0')}`,
      market,
      side: 'long',
      size: 1,
      entryPrice: 100,
      margin: new Big(100).minus(liquidation.times('0.99')).toString(),
    });
  }
  const book = defineBook({ marks: { X: 100 }, positions });
  const rho = new Big(1_000_000);

  // The book is discrete: the cascade stops once a round's move falls short of the next position,
  // and that shortfall (under one spacing) is amplified like the shock, by λρ / (1 − λρ). So the
  // final price is within one spacing of the closed form while λρ ≤ ½, and within
  // λρ / (1 − λρ) spacings beyond.
  it.each([
    ['0.05', '0.0000002'],
    ['0.05', '0.0000005'],
    ['0.1', '0.0000001'],
    ['0.02', '0.0000008'],
  ])('a shock of %s at λ = %s settles at s₀ / (1 − λρ)', (shock, lambda) => {
    const run = simulateCascade(book, { steps: 1, shock: { X: `-${shock}` } }, { impact: { kind: 'linear', lambda } });
    const lr = new Big(lambda).times(rho);
    const expected = new Big(100).times(new Big(1).minus(new Big(shock).div(new Big(1).minus(lr))));
    const spacings = lr.lte('0.5') ? new Big(1) : lr.div(new Big(1).minus(lr));
    const final = run.steps[0]?.marks.X as Big;
    expect(final.minus(expected).abs().lte(spacings.times('0.01')), `${final} against ${expected}`).toBe(true);
  });

  it('runs away until the book is exhausted when λρ ≥ 1', () => {
    for (const lambda of ['0.000001', '0.000002']) {
      const run = simulateCascade(book, { steps: 1, shock: { X: '-0.01' } }, { impact: { kind: 'linear', lambda } });
      expect(run.liquidations).toBe(5000);
    }
    // just below: λρ = 0.9 amplifies a 1% shock tenfold, to 10%: 1,000 positions (± 9 spacings)
    const near = simulateCascade(
      book,
      { steps: 1, shock: { X: '-0.01' } },
      { impact: { kind: 'linear', lambda: '0.0000009' } },
    );
    expect(Math.abs(near.liquidations - 1000)).toBeLessThanOrEqual(9);
  });
});

/** A random book: isolated positions and cross accounts on two markets, both sides. */
const bookCase = fc
  .record({
    isolated: fc.array(
      fc.record({
        market: fc.nat(1),
        side: fc.constantFrom('long' as const, 'short' as const),
        size: decimalIn(0.1, 20, 2),
        shift: decimalIn(0.9, 1.1, 3),
        leverage: fc.integer({ min: 2, max: 40 }),
      }),
      { minLength: 1, maxLength: 30 },
    ),
    accounts: fc.array(
      fc.record({
        legs: fc.array(
          fc.record({
            market: fc.nat(1),
            side: fc.constantFrom('long' as const, 'short' as const),
            size: decimalIn(0.1, 20, 2),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        share: decimalIn(0.02, 0.5, 3),
      }),
      { maxLength: 8 },
    ),
    fund: decimalIn(0, 2000, 2),
    fee: decimalIn(0, 0.01, 4),
    inverse: fc.boolean(),
  })
  .map(({ isolated, accounts, fund, fee, inverse }) => {
    const markets: Market[] = ['A', 'B'].map((symbol) =>
      defineMarket({
        symbol,
        contract: inverse && symbol === 'B' ? 'inverse' : 'linear',
        settle: inverse && symbol === 'B' ? 'COIN' : 'USD',
        contractSize: inverse && symbol === 'B' ? 100 : 1,
        tiers: defineTiers([
          { cap: 50000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
          { cap: null, maintenanceMarginRate: '0.02', maxLeverage: 40 },
        ]),
      }),
    );
    const marks = { A: 100, B: 1000 };
    const positions: BookPosition[] = isolated.map((p, k) => ({
      id: `i${k}`,
      market: markets[p.market] as Market,
      side: p.side,
      size: p.size,
      entryPrice: new Big(marks[p.market === 0 ? 'A' : 'B']).times(p.shift).toFixed(2),
      leverage: p.leverage,
    }));
    const crossAccounts: BookAccount[] = accounts.flatMap((a, k) => {
      const legs = new Map<string, BookAccount['positions'][number]>();
      for (const leg of a.legs) {
        const market = markets[leg.market] as Market;
        // one settle currency per account: the first leg's
        const first = [...legs.values()][0];
        if (first !== undefined && first.market.settle !== market.settle) continue;
        if (legs.has(market.symbol)) continue;
        legs.set(market.symbol, {
          market,
          side: leg.side,
          size: leg.size,
          entryPrice: String(marks[market.symbol as 'A' | 'B']),
        });
      }
      const list = [...legs.values()];
      const gross = list.reduce(
        (sum, l) => sum.plus(new Big(l.size).times(l.market.contract === 'inverse' ? '0.1' : l.entryPrice)),
        new Big(0),
      );
      return [{ id: `c${k}`, collateral: gross.times(a.share).toFixed(4), positions: list }];
    });
    return { input: { marks, positions, accounts: crossAccounts, insuranceFund: { USD: fund, COIN: '0.5' } }, fee };
  });

/** The shocks of the symbols a book holds (a random book may hold one market only). */
function only(book: Book, shocks: Record<string, string>): Record<string, string> {
  return Object.fromEntries(book.symbols.map((symbol) => [symbol, shocks[symbol] as string]));
}

describe('simulateCascade: properties', () => {
  it('conserves value in every settle currency: traders + fund + market − bad debt = 0, exactly', () => {
    fc.assert(
      fc.property(
        bookCase,
        decimalIn(-0.4, 0.4, 3),
        fc.constantFrom('ranking' as const, 'pro-rata' as const),
        fc.constantFrom('none', 'linear', 'sqrt'),
        fc.constantFrom('none', 'tier-step-down', 'fraction'),
        ({ input, fee }, shock, adl, kind, partial) => {
          const book = defineBook(input);
          const impact =
            kind === 'none'
              ? { kind: 'none' as const }
              : kind === 'linear'
                ? { kind: 'linear' as const, lambda: '0.0001' }
                : { kind: 'sqrt' as const, Y: '0.5', sigma: '0.05', volume: '100000' };
          const policy =
            partial === 'none'
              ? undefined
              : partial === 'tier-step-down'
                ? ({ kind: 'tier-step-down' } as const)
                : hyperliquid.partialLiquidation;
          const policies =
            policy === undefined ? {} : { policies: Object.fromEntries(book.symbols.map((s) => [s, policy])) };
          const run = simulateCascade(
            book,
            { steps: 4, shock: only(book, { A: shock, B: new Big(shock).div(2).toString() }) },
            { impact, adl, liquidationFeeRate: fee, ...policies },
          );
          for (const ledger of Object.values(run.ledger)) {
            expect(ledger.balance.eq(0), JSON.stringify(ledger)).toBe(true);
            expect(ledger.badDebt.gte(0)).toBe(true);
          }
          for (const step of run.steps)
            for (const balance of Object.values(step.fund)) expect(balance.gte(0)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same input gives the same trace', () => {
    fc.assert(
      fc.property(bookCase, decimalIn(-0.3, 0.3, 3), ({ input, fee }, shock) => {
        const run = () =>
          JSON.stringify(
            simulateCascade(
              defineBook(input),
              { steps: 3, shock: only(defineBook(input), { A: shock, B: shock }) },
              { impact: { kind: 'linear', lambda: '0.0001' }, liquidationFeeRate: fee },
            ),
          );
        expect(run()).toBe(run());
      }),
      { numRuns: 50 },
    );
  });

  it('liquidates at least as much under a larger fall (a book of longs)', () => {
    fc.assert(
      fc.property(bookCase, decimalIn(0, 0.2, 3), decimalIn(0, 0.2, 3), ({ input }, a, b) => {
        const longs = {
          ...input,
          positions: input.positions.filter((p) => p.side === 'long'),
          accounts: input.accounts.filter((acc) => acc.positions.every((p) => p.side === 'long')),
        };
        const book = defineBook(longs);
        const [small, large] = new Big(a).lt(b) ? [a, b] : [b, a];
        const at = (shock: string) =>
          simulateCascade(
            book,
            { steps: 2, shock: only(book, { A: `-${shock}`, B: `-${shock}` }) },
            { impact: { kind: 'linear', lambda: '0.00005' } },
          );
        const less = at(small);
        const more = at(large);
        expect(more.liquidations).toBeGreaterThanOrEqual(less.liquidations);
        // (the notional at the fill can be lower under the larger fall: it fills at a lower price)
      }),
      { numRuns: 80 },
    );
  });
});

describe('simulateCascade: the fund and ADL', () => {
  const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: flat('0.01', 100) });
  // A 50x long whose bankruptcy price is 98 is filled at 90 after a gap: a loss of 8 beyond its margin.
  const loser: BookPosition = { id: 'loser', market, side: 'long', size: 1, entryPrice: 100, margin: 2 };
  const winners: BookPosition[] = [
    { id: 'w1', market, side: 'short', size: 1, entryPrice: 100, margin: 50 },
    { id: 'w2', market, side: 'short', size: 3, entryPrice: 100, margin: 50 },
  ];
  const gap = { steps: 1, path: { X: ['90'] } };

  it('the fund pays a loss beyond the margin while it can', () => {
    const run = simulateCascade(
      defineBook({ marks: { X: 100 }, positions: [loser, ...winners], insuranceFund: { USD: 100 } }),
      gap,
    );
    const step = run.steps[0];
    expect(step?.fundPaid.USD?.toString()).toBe('8');
    expect(step?.fund.USD?.toString()).toBe('92');
    expect(step?.adl.USD?.toString()).toBe('0');
    expect(run.fundDrawdown.USD?.toString()).toBe('8');
  });

  it('what the fund cannot pay, ADL takes from the winners: by ranking or pro rata', () => {
    const book = defineBook({ marks: { X: 100 }, positions: [loser, ...winners], insuranceFund: { USD: 3 } });
    // 5 uncovered. Profits at 90: w1 10 (leverage 100/60), w2 30 (leverage 270/80 = higher): w2 first.
    const ranked = simulateCascade(book, gap, { adl: 'ranking' }).steps[0];
    expect(ranked?.adl.USD?.toString()).toBe('5');
    expect(ranked?.haircuts.map((h) => [h.id, h.amount.toString()])).toEqual([['w2', '5']]);
    const proRata = simulateCascade(book, gap, { adl: 'pro-rata' }).steps[0];
    expect(proRata?.haircuts.map((h) => [h.id, h.amount.toString()])).toEqual([
      ['w1', '1.25'],
      ['w2', '3.75'],
    ]);
  });

  it('what nobody can pay is bad debt, and the ledger still balances', () => {
    const run = simulateCascade(defineBook({ marks: { X: 100 }, positions: [loser], insuranceFund: { USD: 3 } }), gap);
    expect(run.badDebt.USD?.toString()).toBe('5');
    expect(run.ledger.USD?.balance.toString()).toBe('0');
    expect(run.ledger.USD?.market.toString()).toBe('10');
  });
});

describe('simulateCascade: partial liquidation by the venue policy', () => {
  const tiers = defineTiers([
    { cap: 100000, maintenanceMarginRate: '0.005', maxLeverage: 100 },
    { cap: 1000000, maintenanceMarginRate: '0.01', maxLeverage: 50 },
    { cap: null, maintenanceMarginRate: '0.02', maxLeverage: 25 },
  ]);
  const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers, lotSize: '0.001' });
  const book = defineBook({
    marks: { X: 100 },
    positions: [{ id: 'big', market, side: 'long', size: 5000, entryPrice: 100, leverage: 20 }],
    insuranceFund: { USD: 1000 },
  });
  const fall = { steps: 10, shock: { X: '-0.06' } };

  it('a tier step-down closes down to the lower tier and the rest survives; without a policy all of it closes', () => {
    const whole = simulateCascade(book, fall);
    expect(whole.liquidations).toBe(1);
    expect(whole.steps.some((s) => s.partial > 0)).toBe(false);
    const stepped = simulateCascade(book, fall, { policies: { X: { kind: 'tier-step-down' } } });
    const step = stepped.steps.find((s) => s.liquidations > 0);
    expect(step?.partial).toBe(1);
    // the closed notional is less than the whole position's at the fill
    const closed = stepped.liquidated.X as { long: Big };
    const all = whole.liquidated.X as { long: Big };
    expect(closed.long.lt(all.long)).toBe(true);
    expect(stepped.ledger.USD?.balance.toString()).toBe('0');
  });

  it("Hyperliquid's 20% steps liquidate a large position in several rounds", () => {
    const run = simulateCascade(book, fall, { policies: { X: hyperliquid.partialLiquidation } });
    expect(run.liquidations).toBeGreaterThan(1);
    expect(run.steps.reduce((sum, s) => sum + s.partial, 0)).toBeGreaterThan(1);
  });

  it('refuses a policy for a symbol the book does not hold, or a bad one', () => {
    expectLiqMathErrorCode(
      () => simulateCascade(book, fall, { policies: { Y: { kind: 'tier-step-down' } } }),
      'UNKNOWN_SYMBOL',
      'options.policies.Y',
    );
    expectLiqMathErrorCode(
      () => simulateCascade(book, fall, { policies: { X: { kind: 'halve' } as never } }),
      'INVALID_OPTION',
      'policy.kind',
    );
  });
});

describe("the venues' examples replayed through the simulator", () => {
  it("BitMEX's liquidation example: a fill better than bankruptcy goes to the fund (+0.25), a worse one is paid by it (−0.25)", () => {
    // testnet.bitmex.com/app/liquidationExamples: long 1 at 100, liquidation 99.50, bankruptcy 99.00
    const market = defineMarket({
      symbol: 'XBT',
      contract: 'linear',
      settle: 'USD',
      tiers: flat('0.005', 100),
      maintenanceAt: 'entry',
    });
    const trader = { id: 'A', market, side: 'long' as const, size: 1, entryPrice: '100.00', margin: 1 };
    const filledAt = (price: string, fund: string) =>
      simulateCascade(defineBook({ marks: { XBT: 100 }, positions: [trader], insuranceFund: { USD: fund } }), {
        steps: 1,
        path: { XBT: [price] },
      }).steps[0];
    const a = filledAt('99.25', '0');
    expect([a?.liquidations, a?.fees.USD?.toString(), a?.fund.USD?.toString()]).toEqual([1, '0.25', '0.25']);
    const b = filledAt('98.75', '0.25');
    expect([b?.fundPaid.USD?.toString(), b?.fund.USD?.toString()]).toEqual(['0.25', '0']);
    // with the surplus returned to the trader instead, the fund gets nothing from A
    const back = simulateCascade(
      defineBook({ marks: { XBT: 100 }, positions: [trader] }),
      { steps: 1, path: { XBT: ['99.25'] } },
      { surplus: 'trader' },
    );
    expect(back.steps[0]?.fund.USD?.toString()).toBe('0');
  });

  it("BitMEX's ADL example: the highest ranked winner pays first, the next pays the rest (accounts 2, then half of 5)", () => {
    // bitmex.com/app/autoDeleveragingExamples: longs of 10, 10, 20, 30, 20, 10 with rankings
    // 3, 6, 1, 4, 5, 2; a short of 20 is deleveraged against 10 of account 2 and 10 of account 5.
    // Here the ranking (PnL % × leverage) is built from each long's margin, and the short's loss
    // beyond the fund is the profit of account 2 plus half of account 5's: the haircuts follow.
    const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: flat('0.01', 100) });
    const longs = [
      ['1', 10, 3],
      ['2', 10, 6],
      ['3', 20, 1],
      ['4', 30, 4],
      ['5', 20, 5],
      ['6', 10, 2],
    ].map(([id, qty, rank]) => ({
      id: `account ${id}`,
      market,
      side: 'long' as const,
      size: qty as number,
      entryPrice: 100,
      // at 120 every long has PnL 20% and leverage 120·qty ÷ equity = rank ÷ 2
      margin: new Big(qty as number).times(new Big(240).div(rank as number).minus(20)).toString(),
    }));
    const short = { id: 'short', market, side: 'short' as const, size: 25, entryPrice: 100, margin: 100 };
    const run = simulateCascade(defineBook({ marks: { X: 100 }, positions: [...longs, short] }), {
      steps: 1,
      path: { X: ['120'] },
    });
    const step = run.steps[0];
    expect(step?.adl.USD?.toString()).toBe('400');
    expect(step?.haircuts.map((h) => [h.id, h.amount.toString()])).toEqual([
      ['account 2', '200'],
      ['account 5', '200'],
    ]);
  });
});

describe('simulateCascade: input', () => {
  const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: flat('0.01', 100) });
  const book = defineBook({
    marks: { X: 100 },
    positions: [{ id: 'a', market, side: 'long', size: 1, entryPrice: 100, leverage: 10 }],
  });

  it('refuses what it cannot run', () => {
    expectLiqMathErrorCode(() => simulateCascade({} as never, { steps: 1 }), 'INVALID_TYPE', 'book');
    expectLiqMathErrorCode(() => simulateCascade(book, { steps: 0 }), 'INVALID_OPTION', 'scenario.steps');
    expectLiqMathErrorCode(
      () => simulateCascade(book, { steps: 1, shock: { Y: '-0.1' } }),
      'UNKNOWN_SYMBOL',
      'scenario.shock.Y',
    );
    expectLiqMathErrorCode(
      () => simulateCascade(book, { steps: 1, shock: { X: '-1' } }),
      'NUMBER_OUT_OF_RANGE',
      'scenario.shock.X',
    );
    expectLiqMathErrorCode(
      () => simulateCascade(book, { steps: 2, path: { X: ['90'] } }),
      'INVALID_OPTION',
      'scenario.path.X',
    );
    expectLiqMathErrorCode(
      () => simulateCascade(book, { steps: 1, shock: { X: '-0.1' }, path: { X: ['90'] } }),
      'INVALID_OPTION',
      'scenario.path.X',
    );
    expectLiqMathErrorCode(
      // @ts-expect-error: the impact model is closed
      () => simulateCascade(book, { steps: 1 }, { impact: { kind: 'linear', lambda: 1, lamda: 2 } }),
      'UNKNOWN_FIELD',
      'options.impact.lamda',
    );
    expectLiqMathErrorCode(
      () => simulateCascade(book, { steps: 1 }, { decay: '1.5' }),
      'RATE_OUT_OF_RANGE',
      'options.decay',
    );
    expectLiqMathErrorCode(
      () =>
        defineBook({
          marks: {},
          positions: [{ id: 'a', market, side: 'long', size: 1, entryPrice: 100, leverage: 10 }],
        }),
      'MISSING_FIELD',
      'book.marks.X',
    );
    expectLiqMathErrorCode(
      () =>
        defineBook({
          marks: { X: 100 },
          positions: [
            { id: 'a', market, side: 'long', size: 1, entryPrice: 100, leverage: 10 },
            { id: 'a', market, side: 'long', size: 1, entryPrice: 100, leverage: 10 },
          ],
        }),
      'DUPLICATE_ID',
      'book.positions[1].id',
    );
  });

  it("names an account's errors by their place in the book", () => {
    expectLiqMathErrorCode(
      () =>
        defineBook({
          marks: { X: 100 },
          accounts: [{ id: 'a', collateral: 1, positions: [{ market, side: 'long', size: -1, entryPrice: 100 }] }],
        }),
      'NOT_POSITIVE',
      'book.accounts[0].positions[0].size',
    );
  });

  it('reports progress after each step', () => {
    const seen: number[] = [];
    simulateCascade(book, { steps: 3, shock: { X: '-0.3' } }, { onStep: (step) => seen.push(step) });
    expect(seen).toEqual([1, 2, 3]);
  });
});
