/**
 * Exact arithmetic on bigint: the number type of the engine. A value is a rational `n/d` with
 * `d > 0`; decimals (every input, every tier constant) keep `d = 10^s` and add by aligning
 * scales, so sums and products of decimals stay decimals with small denominators. Division is
 * exact (a rational), and a result is rounded once, at the end, by {@link toResult}.
 * See `docs/precision.md`.
 */
import type Big from 'big.js';
import { bigFromDigits, freezeDecimal, PRECISION } from './big.js';

/** An exact rational `n/d`, `d > 0`. `s` is the scale when `d = 10^s`, else −1. */
export interface Exact {
  readonly n: bigint;
  readonly d: bigint;
  readonly s: number;
}

const POW10: bigint[] = [1n];

/** 10^k as a bigint, cached. */
export function pow10(k: number): bigint {
  for (let j = POW10.length; j <= k; j += 1) POW10[j] = (POW10[j - 1] as bigint) * 10n;
  return POW10[k] as bigint;
}

/** A decimal `n·10^−s`. */
export function decimalExact(n: bigint, s: number): Exact {
  return { n, d: pow10(s), s };
}

export const E0: Exact = decimalExact(0n, 0);
export const E1: Exact = decimalExact(1n, 0);

/** A Big (any big.js copy) as an exact value, read from its digits. */
export function exactOf(value: Big): Exact {
  const digits = value.c;
  if (digits[0] === 0) return E0;
  const mantissa = BigInt(digits.join('')) * (value.s < 0 ? -1n : 1n);
  const scale = digits.length - 1 - value.e;
  return scale >= 0 ? decimalExact(mantissa, scale) : decimalExact(mantissa * pow10(-scale), 0);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

function rational(n: bigint, d: bigint): Exact {
  return { n, d, s: -1 };
}

/**
 * `a + b`. Decimals align their scales. Other fractions add over the least common multiple of
 * the denominators (Knuth's way: the gcd of the two denominators, then of that with the new
 * numerator), never a gcd of a whole numerator with a whole denominator: a sum over many
 * inverse positions keeps a denominator that grows with the count, and each addition costs a
 * gcd against one small denominator, not a quadratic one.
 */
export function add(a: Exact, b: Exact): Exact {
  if (a.s >= 0 && b.s >= 0) {
    if (a.s === b.s) return { n: a.n + b.n, d: a.d, s: a.s };
    return a.s > b.s
      ? { n: a.n + b.n * pow10(a.s - b.s), d: a.d, s: a.s }
      : { n: a.n * pow10(b.s - a.s) + b.n, d: b.d, s: b.s };
  }
  if (a.d === b.d) return { n: a.n + b.n, d: a.d, s: a.s };
  const g = gcd(a.d, b.d);
  if (g === 1n) return rational(a.n * b.d + b.n * a.d, a.d * b.d);
  const t = a.n * (b.d / g) + b.n * (a.d / g);
  const h = gcd(t, g);
  return rational(t / h, (a.d / g) * (b.d / h));
}

export function neg(a: Exact): Exact {
  return { n: -a.n, d: a.d, s: a.s };
}

export function sub(a: Exact, b: Exact): Exact {
  return add(a, neg(b));
}

export function mul(a: Exact, b: Exact): Exact {
  if (a.s >= 0 && b.s >= 0) return decimalExact(a.n * b.n, a.s + b.s);
  return rational(a.n * b.n, a.d * b.d);
}

/** `a·m` for a small integer m (a side sign). */
export function scale(a: Exact, m: 1 | -1): Exact {
  return m === 1 ? a : neg(a);
}

/** `a / b`, exact; `b ≠ 0`. */
export function div(a: Exact, b: Exact): Exact {
  const n = a.n * b.d;
  const d = a.d * b.n;
  return d < 0n ? rational(-n, -d) : rational(n, d);
}

/** −1, 0 or 1. */
export function sign(a: Exact): -1 | 0 | 1 {
  return a.n > 0n ? 1 : a.n < 0n ? -1 : 0;
}

/** Compares `a` and `b`: −1, 0 or 1. */
export function cmp(a: Exact, b: Exact): -1 | 0 | 1 {
  if (a.d === b.d) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** How {@link toResult} rounds a value that is not a decimal of at most 50 places. */
export type ResultRounding = 'half-even' | 'floor' | 'ceiling';

const PLACES = PRECISION.decimalPlaces;

/**
 * The value as a Big of liqmath's constructor, rounded once: exact when it is a decimal (a sum or
 * product of decimals, or a quotient that ends within 50 places), else rounded at the 50th place
 * (half to even, or toward a named side). Not frozen: for values liqmath goes on computing with
 * in big.js (whose `mod` writes to its operands); results leave through {@link toResult}.
 */
export function toBig(a: Exact, how: ResultRounding = 'half-even'): Big {
  if (a.s >= 0) return bigFromDigits(a.n, a.s);
  const target = pow10(PLACES);
  const scaled = a.n * target;
  let q = scaled / a.d;
  const r = scaled - q * a.d;
  if (r !== 0n) {
    // bigint division truncates toward zero: q is the candidate toward zero, r carries a's sign.
    const up = r > 0n;
    if (how === 'floor') {
      if (!up) q -= 1n;
    } else if (how === 'ceiling') {
      if (up) q += 1n;
    } else {
      const twice = (up ? r : -r) * 2n;
      if (twice > a.d || (twice === a.d && (q & 1n) !== 0n)) q += up ? 1n : -1n;
    }
  }
  return bigFromDigits(q, PLACES);
}

/** {@link toBig}, frozen: a result as it leaves liqmath. */
export function toResult(a: Exact, how: ResultRounding = 'half-even'): Big {
  return freezeDecimal(toBig(a, how));
}
