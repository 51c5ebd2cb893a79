/**
 * Exact rationals over bigint, for the differential oracle. Written for the tests alone: it
 * shares no code with `src/` (which works in 50-place decimals), so an error in one cannot hide
 * the same error in the other.
 */

/** An exact rational `num/den` in lowest terms, `den > 0`. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new Error('oracle: division by zero');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const R0 = rational(0n);
export const R1 = rational(1n);

/** Parses a plain or exponent decimal string ("12.5", "1e-8", "-3.25e4") exactly. */
export function parse(text: string): Rational {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`oracle: not a decimal: ${text}`);
  const [, minus, whole = '', fraction = '', exponentText = '0'] = match;
  const digits = BigInt(`${whole}${fraction}` || '0') * (minus === '-' ? -1n : 1n);
  const exponent = Number(exponentText) - fraction.length;
  return exponent >= 0 ? rational(digits * 10n ** BigInt(exponent)) : rational(digits, 10n ** BigInt(-exponent));
}

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const neg = (a: Rational): Rational => rational(-a.num, a.den);
export const sign = (a: Rational): -1 | 0 | 1 => (a.num > 0n ? 1 : a.num < 0n ? -1 : 0);
export const cmp = (a: Rational, b: Rational): -1 | 0 | 1 => sign(sub(a, b));
export const lt = (a: Rational, b: Rational): boolean => cmp(a, b) < 0;
export const le = (a: Rational, b: Rational): boolean => cmp(a, b) <= 0;
export const eq = (a: Rational, b: Rational): boolean => cmp(a, b) === 0;
export const min = (a: Rational, b: Rational): Rational => (lt(a, b) ? a : b);
export const max = (a: Rational, b: Rational): Rational => (lt(a, b) ? b : a);
export const abs = (a: Rational): Rational => (a.num < 0n ? neg(a) : a);
export const sum = (values: readonly Rational[]): Rational => values.reduce(add, R0);

/** Whether `a` and `b` agree to a relative error of at most `tolerance` (of `b`, the exact one). */
export function closeTo(a: Rational, b: Rational, tolerance: Rational): boolean {
  return le(abs(sub(a, b)), mul(tolerance, abs(b)));
}

/** A readable form for failure messages: the fraction and 25 significant digits. */
export function show(a: Rational): string {
  const scale = 10n ** 30n;
  const scaled = (a.num * scale) / a.den;
  const text = (scaled < 0n ? -scaled : scaled).toString().padStart(31, '0');
  const decimal = `${scaled < 0n ? '-' : ''}${text.slice(0, -30)}.${text.slice(-30)}`;
  return a.den === 1n ? a.num.toString() : `${decimal}… (${a.num}/${a.den})`;
}
