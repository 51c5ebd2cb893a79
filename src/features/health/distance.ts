/**
 * How far a position is from its liquidation price: exact distances, the buffered stop price of
 * freqtrade's convention, and a model estimate of the chance of touching the price within a
 * horizon (a float model, computed in floats). Derivation: `docs/health.md`.
 */
import type Big from 'big.js';
import { type Numeric, toExact } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { add, cmp, div, E1, type Exact, mul, neg, scale, toResult } from '../../core/exact.js';
import { expectChoice, expectKnownFields, expectRecord, required } from '../../core/input.js';
import type { Side } from '../../model/position.js';

/**
 * A position's side with its mark and liquidation prices (a record: other fields, such as those of
 * a ccxt position, are ignored).
 *
 * @example
 * ```ts
 * import type { LiquidationDistanceInput } from 'liqmath';
 *
 * const position: LiquidationDistanceInput = { side: 'long', markPrice: 100000, liquidationPrice: 90000 };
 * ```
 * @group Health
 */
export interface LiquidationDistanceInput {
  readonly side: Side;
  readonly markPrice: Numeric;
  readonly liquidationPrice: Numeric;
}

/**
 * The distance from the mark to the liquidation price, positive while the mark is on the safe
 * side (above it for a long, below it for a short), negative past it.
 *
 * @example
 * ```ts
 * import type { LiquidationDistance } from 'liqmath';
 *
 * const words = (d: LiquidationDistance) => `${d.fraction.times(100).toFixed(2)}% to liquidation`;
 * ```
 * @group Health
 */
export interface LiquidationDistance {
  /** Mark − liquidation price for a long, liquidation price − mark for a short. */
  readonly absolute: Big;
  /** `absolute ÷ mark`: the fraction the price may move against the position before liquidation. */
  readonly fraction: Big;
}

/**
 * The distance from the mark to the liquidation price, exact: in price, and as a fraction of the
 * mark (the share of the price an adverse move may take).
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (not an object), `MISSING_FIELD`, `INVALID_OPTION`
 * (`side`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`markPrice`, `liquidationPrice`)
 *
 * @example
 * ```ts
 * import { liquidationDistance } from 'liqmath';
 *
 * const d = liquidationDistance({ side: 'long', markPrice: 100000, liquidationPrice: 90452 });
 * d.absolute.toString(); //=> '9548'
 * d.fraction.toString(); //=> '0.09548'
 * ```
 * @group Health
 */
export function liquidationDistance(position: LiquidationDistanceInput): LiquidationDistance {
  const { sign, mark, liquidation } = readDistanceInput(position, 'position');
  const absolute = scale(add(mark, neg(liquidation)), sign);
  return Object.freeze({ absolute: toResult(absolute), fraction: toResult(div(absolute, mark)) });
}

/**
 * freqtrade's buffered liquidation price: the liquidation price moved toward the entry by
 * `buffer` × |entry − liquidation| (a long's stop above its liquidation price, a short's below), the
 * price at which to act before the venue does. Exact.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE`, `MISSING_FIELD`, `INVALID_OPTION` (`side`), `INVALID_NUMBER`,
 * `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`entryPrice`, `liquidationPrice`), `RATE_OUT_OF_RANGE` (`buffer`
 * outside [0, 1))
 *
 * @example
 * ```ts
 * import { bufferedLiquidationPrice } from 'liqmath';
 *
 * // freqtrade's docs: open 10, liquidation 8, buffer 0.05 → 8.1
 * bufferedLiquidationPrice({ side: 'long', entryPrice: 10, liquidationPrice: 8 }, '0.05').toString(); //=> '8.1'
 * ```
 * @group Health
 */
export function bufferedLiquidationPrice(
  position: { readonly side: Side; readonly entryPrice: Numeric; readonly liquidationPrice: Numeric },
  buffer: Numeric,
): Big {
  const record = expectRecord(position, 'position', 'a position { side, entryPrice, liquidationPrice }');
  const sign = readSide(record);
  const entry = toExact(required(record, 'entryPrice', 'position'), 'position.entryPrice', 'positive');
  const liquidation = toExact(
    required(record, 'liquidationPrice', 'position'),
    'position.liquidationPrice',
    'positive',
  );
  const rate = toExact(buffer, 'buffer', 'non-negative');
  if (cmp(rate, E1) >= 0) fail('RATE_OUT_OF_RANGE', 'buffer', buffer, 'a buffer from 0 up to (not including) 1');
  const gap = add(entry, neg(liquidation));
  const distance = cmp(gap, { n: 0n, d: 1n, s: 0 }) < 0 ? neg(gap) : gap;
  return toResult(add(liquidation, scale(mul(distance, rate), sign)));
}

/**
 * The estimated probability that the price touches the liquidation price within a horizon, under
 * driftless geometric Brownian motion (reflection principle): `2·N(−|ln(L ÷ M)| ÷ (σ·√T))`, with σ
 * the volatility of the log price per unit of time and T the horizon in the same unit (σ daily and
 * T in days, say). A model estimate in floating point, not an exact figure: crypto returns have
 * fatter tails and jumps than the model, and a venue liquidates on its mark, which is smoother than
 * trades. 1 when the mark is at or past the liquidation price.
 *
 * @throws {@link LiqMathError} the codes of {@link liquidationDistance} for `position`; for `model`:
 * `INVALID_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD`, `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`,
 * `NOT_POSITIVE` (`volatility`, `horizon`)
 *
 * @example
 * ```ts
 * import { liquidationTouchProbability } from 'liqmath';
 *
 * const position = { side: 'long', markPrice: 100000, liquidationPrice: '90452.26' } as const;
 * liquidationTouchProbability(position, { volatility: '0.03', horizon: 7 }).toFixed(3); //=> '0.206'
 * ```
 * @group Health
 */
export function liquidationTouchProbability(
  position: LiquidationDistanceInput,
  model: { readonly volatility: Numeric; readonly horizon: Numeric },
): number {
  const { sign, mark, liquidation } = readDistanceInput(position, 'position');
  const record = expectRecord(model, 'model', 'a model { volatility, horizon }');
  expectKnownFields(record, ['volatility', 'horizon'], 'model');
  const volatility = toExact(required(record, 'volatility', 'model'), 'model.volatility', 'positive');
  const horizon = toExact(required(record, 'horizon', 'model'), 'model.horizon', 'positive');
  // At or past the price: touched. Decided exactly, before any float.
  if (cmp(scale(add(mark, neg(liquidation)), sign), { n: 0n, d: 1n, s: 0 }) <= 0) return 1;
  const logDistance = Math.abs(Math.log(toNumber(liquidation)) - Math.log(toNumber(mark)));
  const z = logDistance / (toNumber(volatility) * Math.sqrt(toNumber(horizon)));
  return Math.min(1, 2 * normalTail(z));
}

/** N(−z) for z ≥ 0: ½·erfc(z/√2), accurate to about 1e-14 relative. */
export function normalTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** erfc(t) for t ≥ 0: the Taylor series of erf below 1.5, Lentz's continued fraction above. */
function erfc(t: number): number {
  if (t < 1.5) {
    let term = t;
    let sum = t;
    for (let n = 1; n < 60; n += 1) {
      term *= (-t * t) / n;
      sum += term / (2 * n + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(t) = e^(−t²)/√π · 1/(t + (1/2)/(t + 1/(t + (3/2)/(t + …)))), evaluated by modified Lentz.
  const tiny = 1e-300;
  let f = t;
  let c = t;
  let d = 0;
  for (let n = 1; n < 500; n += 1) {
    const a = n / 2;
    d = t + a * d;
    d = d === 0 ? tiny : d;
    c = t + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-t * t) / Math.sqrt(Math.PI) / f;
}

function toNumber(value: Exact): number {
  return Number(toResult(value).toString());
}

function readSide(record: Readonly<Record<string, unknown>>): 1 | -1 {
  return expectChoice(required(record, 'side', 'position'), ['long', 'short'], 'position.side') === 'long' ? 1 : -1;
}

function readDistanceInput(value: unknown, field: string) {
  const record = expectRecord(value, field, 'a position { side, markPrice, liquidationPrice }');
  return {
    sign: readSide(record),
    mark: toExact(required(record, 'markPrice', field), `${field}.markPrice`, 'positive'),
    liquidation: toExact(required(record, 'liquidationPrice', field), `${field}.liquidationPrice`, 'positive'),
  };
}
