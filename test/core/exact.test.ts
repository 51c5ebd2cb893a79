/**
 * The engine's exact arithmetic (src/core/exact.ts) against independent references: the oracle's
 * reduced rationals (test/oracle/rational.ts) for every operation, and big.js at 50 places in
 * each rounding mode for the one rounding a result gets when it leaves the engine.
 */
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  cmp,
  decimalExact,
  div,
  type Exact,
  exactOf,
  mul,
  neg,
  scale,
  sign,
  sub,
  toBig,
  toResult,
} from '../../src/core/exact.js';
import * as R from '../oracle/rational.js';

/** A reference constructor: 50 places, rounding set per check. */
const Reference = Big();
Reference.DP = 50;

const asRational = (a: Exact): R.Rational => R.rational(a.n, a.d);
const same = (a: Exact, b: R.Rational) => expect(R.eq(asRational(a), b), `${a.n}/${a.d} vs ${R.show(b)}`).toBe(true);

/** Decimals of either sign, scales 0 to 60, including zero. */
const decimal = fc
  .tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 60 }))
  .map(([n, s]) => decimalExact(n, s));
/** Fractions that do not end (quotients of decimals), and decimals. */
const value = fc.oneof(
  decimal,
  fc
    .tuple(decimal, decimal)
    .filter(([, b]) => b.n !== 0n)
    .map(([a, b]) => div(a, b)),
);

describe('exact arithmetic', () => {
  it('adds, subtracts, multiplies, divides, negates and compares as the rationals do', () => {
    fc.assert(
      fc.property(value, value, fc.constantFrom(1 as const, -1 as const), (a, b, m) => {
        const ra = asRational(a);
        const rb = asRational(b);
        same(add(a, b), R.add(ra, rb));
        same(sub(a, b), R.sub(ra, rb));
        same(mul(a, b), R.mul(ra, rb));
        same(neg(a), R.neg(ra));
        same(scale(a, m), R.mul(ra, R.rational(BigInt(m))));
        if (b.n !== 0n) same(div(a, b), R.div(ra, rb));
        expect(cmp(a, b)).toBe(R.cmp(ra, rb));
        // Equal values compare equal, however they are written (a fraction over a scaled denominator too).
        expect([cmp(a, a), cmp(a, mul(div(a, decimalExact(7n, 0)), decimalExact(7n, 0)))]).toEqual([0, 0]);
        expect(sign(a)).toBe(R.sign(ra));
        expect(add(a, b).d > 0n && mul(a, b).d > 0n).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps decimals decimal: sums and products of decimals have a power-of-ten denominator', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        for (const r of [add(a, b), sub(a, b), mul(a, b)]) {
          expect(r.s).toBeGreaterThanOrEqual(0);
          expect(r.d).toBe(10n ** BigInt(r.s));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a Big of either sign and any exponent exactly', () => {
    const text = fc
      .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -40, max: 40 }))
      .map(([n, e]) => `${n}e${e}`);
    fc.assert(
      fc.property(text, (t) => {
        same(exactOf(new Big(t)), R.parse(new Big(t).toFixed()));
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds once at the 50th place: half to even, floor and ceiling, as big.js does', () => {
    fc.assert(
      fc.property(value, (a) => {
        if (a.s >= 0) {
          // A decimal leaves exactly, in every mode.
          const exact = new Big(`${a.n}e-${a.s}`).toString();
          expect([toBig(a), toBig(a, 'floor'), toBig(a, 'ceiling')].map(String)).toEqual([exact, exact, exact]);
          return;
        }
        const numerator = new Reference(a.n.toString());
        const denominator = new Reference(a.d.toString());
        Reference.RM = 2;
        expect(toBig(a).toString()).toBe(numerator.div(denominator).toString());
        // Floor is toward zero for a positive value and away from it for a negative one.
        Reference.RM = a.n < 0n ? 3 : 0;
        expect(toBig(a, 'floor').toString()).toBe(numerator.div(denominator).toString());
        Reference.RM = a.n < 0n ? 0 : 3;
        expect(toBig(a, 'ceiling').toString()).toBe(numerator.div(denominator).toString());
      }),
      { numRuns: 3000 },
    );
  });

  it('gives a finite decimal exactly, whatever its length, and ties to the even digit', () => {
    const long = decimalExact(-123456789012345678901234567890123456789012345678901234567890123n, 60);
    expect(toBig(long).toString()).toBe(new Big(`${long.n}e-60`).toString());
    // 0.5e-50 rounds to 0 (even), 1.5e-50 to 2e-50, -2.5e-50 to -2e-50: ties to even.
    const tie = (numerator: bigint) => div(decimalExact(numerator, 51), decimalExact(1n, 0));
    Reference.RM = 2;
    expect(toBig(div(decimalExact(5n, 51), decimalExact(3n, 0))).toString()).toBe(
      new Reference('5e-51').div(3).toString(),
    );
    expect(toBig({ ...tie(5n), s: -1 }).toString()).toBe('0');
    expect(toBig({ ...tie(15n), s: -1 }).toString()).toBe('2e-50');
    expect(toBig({ ...tie(-25n), s: -1 }).toString()).toBe('-2e-50');
    expect(Object.isFrozen(toResult(long))).toBe(true);
    expect(Object.isFrozen(toBig(long))).toBe(false);
  });
});
