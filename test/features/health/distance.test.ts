import { describe, expect, it } from 'vitest';
import { normalTail } from '../../../src/features/health/distance.js';
import { bufferedLiquidationPrice, liquidationDistance, liquidationTouchProbability } from '../../../src/index.js';
import { expectLiqMathErrorCode } from '../../helpers.js';

describe('liquidationDistance', () => {
  it('is positive on the safe side, negative past the price, for both sides', () => {
    expect(liquidationDistance({ side: 'long', markPrice: 100, liquidationPrice: 90 }).fraction.toString()).toBe('0.1');
    expect(liquidationDistance({ side: 'short', markPrice: 100, liquidationPrice: 125 }).absolute.toString()).toBe(
      '25',
    );
    expect(liquidationDistance({ side: 'long', markPrice: 80, liquidationPrice: 90 }).absolute.toString()).toBe('-10');
  });

  it('reads a ccxt position as it comes (extra fields ignored)', () => {
    const ccxt = {
      symbol: 'BTC/USDT:USDT',
      side: 'long',
      markPrice: 100000,
      liquidationPrice: 95000,
      contracts: 1,
    } as const;
    expect(liquidationDistance(ccxt).fraction.toString()).toBe('0.05');
  });
});

describe('bufferedLiquidationPrice', () => {
  it("reproduces freqtrade's documented example and mirrors it for a short", () => {
    expect(bufferedLiquidationPrice({ side: 'long', entryPrice: 10, liquidationPrice: 8 }, '0.05').toString()).toBe(
      '8.1',
    );
    expect(bufferedLiquidationPrice({ side: 'short', entryPrice: 10, liquidationPrice: 12 }, '0.05').toString()).toBe(
      '11.9',
    );
    expect(bufferedLiquidationPrice({ side: 'long', entryPrice: 10, liquidationPrice: 8 }, 0).toString()).toBe('8');
  });

  it('refuses a buffer of 1 or more', () => {
    expectLiqMathErrorCode(
      () => bufferedLiquidationPrice({ side: 'long', entryPrice: 10, liquidationPrice: 8 }, 1),
      'RATE_OUT_OF_RANGE',
      'buffer',
    );
  });
});

describe('liquidationTouchProbability', () => {
  it('matches the reflection principle at known points of the normal tail', () => {
    // N(−z) to 14 significant digits (tables of the normal distribution)
    const known: [number, number][] = [
      [0, 0.5],
      [1, 0.15865525393145705],
      [2, 0.022750131948179195],
      [3, 0.0013498980316300946],
      [6, 9.865876450376946e-10],
      [10, 7.61985302416047e-24],
    ];
    for (const [z, tail] of known) expect(Math.abs(normalTail(z) - tail) / tail).toBeLessThan(1e-13);
  });

  it('gives the worked example: 10x long, 3% daily volatility → 0.08% in a day, 21% in a week, 54% in a month', () => {
    const position = { side: 'long', markPrice: 100000, liquidationPrice: '90452.26' } as const;
    expect(liquidationTouchProbability(position, { volatility: '0.03', horizon: 1 })).toBeCloseTo(0.000823, 6);
    expect(liquidationTouchProbability(position, { volatility: '0.03', horizon: 7 })).toBeCloseTo(0.2061, 4);
    expect(liquidationTouchProbability(position, { volatility: '0.03', horizon: 30 })).toBeCloseTo(0.5414, 4);
  });

  it('is 1 at or past the price, decided exactly, and grows with the horizon', () => {
    expect(
      liquidationTouchProbability(
        { side: 'short', markPrice: 100, liquidationPrice: 100 },
        { volatility: 1, horizon: 1 },
      ),
    ).toBe(1);
    let previous = 0;
    for (const horizon of [1, 2, 5, 10, 100]) {
      const p = liquidationTouchProbability(
        { side: 'short', markPrice: 100, liquidationPrice: 120 },
        { volatility: '0.05', horizon },
      );
      expect(p).toBeGreaterThan(previous);
      previous = p;
    }
  });

  it('refuses a model it cannot read', () => {
    const position = { side: 'long', markPrice: 100, liquidationPrice: 90 } as const;
    expectLiqMathErrorCode(
      () => liquidationTouchProbability(position, { volatility: 0, horizon: 1 }),
      'NOT_POSITIVE',
      'model.volatility',
    );
    expectLiqMathErrorCode(
      // @ts-expect-error: the model is closed
      () => liquidationTouchProbability(position, { volatility: 1, horizon: 1, drift: 0 }),
      'UNKNOWN_FIELD',
      'model.drift',
    );
  });
});
