import { readFileSync } from 'node:fs';
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../src/core/errors.js';
import { isLiqMathError, LIQMATH_ERROR_CODES, LiqMathError } from '../../src/index.js';

describe('LiqMathError', () => {
  it('carries code, field, value and allowed, and says them in the message', () => {
    const error = new LiqMathError({ code: 'NEGATIVE', field: 'notional', value: -5, allowed: 'a number ≥ 0' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('LiqMathError');
    expect([error.code, error.field, error.value, error.allowed]).toEqual(['NEGATIVE', 'notional', -5, 'a number ≥ 0']);
    expect(error.message).toBe('notional: got -5; allowed: a number ≥ 0 [NEGATIVE]');
  });

  it('isLiqMathError recognises look-alikes from other copies only when the code is real', () => {
    expect(isLiqMathError({ name: 'LiqMathError', code: 'NEGATIVE' })).toBe(true);
    expect(isLiqMathError({ name: 'LiqMathError', code: 'MADE_UP' })).toBe(false);
    expect(isLiqMathError({ name: 'LiqMathError', code: 'toString' })).toBe(false);
    expect(isLiqMathError(new Error('x'))).toBe(false);
    expect(isLiqMathError(null)).toBe(false);
    expect(isLiqMathError('LiqMathError')).toBe(false);
  });

  it('lists each code once with a meaning, frozen', () => {
    expect(Object.isFrozen(LIQMATH_ERROR_CODES)).toBe(true);
    for (const meaning of Object.values(LIQMATH_ERROR_CODES)) expect(meaning.length).toBeGreaterThan(10);
    // As many codes as documented sections: a code without a section, or a section without a code, fails.
    const page = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...page.matchAll(/^### `([A-Z_]+)`$/gm)].map((m) => m[1]);
    expect(Object.keys(LIQMATH_ERROR_CODES).sort()).toEqual(documented.sort());
  });
});

describe('describeValue (how a bad value is shown)', () => {
  it.each([
    ['abc', '"abc"'],
    [-0, '-0'],
    [Number.NaN, 'NaN'],
    [12n, '12n'],
    [undefined, 'undefined'],
    [null, 'null'],
    [[1, 2], 'an array of length 2'],
    [{}, 'an object'],
    [new Big('1.5'), 'Big(1.5)'],
    [() => 1, 'a function'],
    [Symbol('s'), 'Symbol(s)'],
    [true, 'true'],
  ])('%s is shown as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  it('truncates long values and never throws on hostile objects', () => {
    expect(describeValue('x'.repeat(500))).toHaveLength(61);
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    expect(describeValue(hostile)).toBe('an unprintable value');
  });
});
