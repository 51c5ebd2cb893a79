/**
 * Price impact of liquidation orders: how far a symbol's price moves when liquidations sell (or
 * buy) a notional within a step. Explicit models, each a documented assumption. Derivation:
 * `docs/stress.md`.
 */
import { type Numeric, toExact } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { add, cmp, decimalExact, div, E0, type Exact, mul, neg, sign } from '../../core/exact.js';
import { expectArray, expectChoice, expectKnownFields, expectRecord, required } from '../../core/input.js';

/**
 * A price-impact model for liquidation orders (closed options). The move is a fraction of the
 * symbol's price at the start of the step, against the flow (net selling pushes the price down):
 *
 * - `{ kind: 'none' }`;
 * - `{ kind: 'linear', lambda }`: λ × the net notional of the step (λ per unit of settle currency);
 * - `{ kind: 'sqrt', Y, sigma, volume }`: Y·σ·√(Q ÷ V), the square-root law of metaorders, for a
 *   net notional Q of the step, daily volatility σ and daily volume V (the root truncated at 50 places);
 * - `{ kind: 'ladder', levels }`: a depth ladder on each side, `levels` of `{ move, notional }`
 *   with the cumulative notional resting within that move; the move interpolates linearly between
 *   levels and stays at the last level's move beyond it (the book is exhausted: said in the trace).
 *
 * @example
 * ```ts
 * import type { ImpactModel } from 'liqmath';
 *
 * const sqrt: ImpactModel = { kind: 'sqrt', Y: '0.5', sigma: '0.04', volume: '2e9' };
 * const linear: ImpactModel = { kind: 'linear', lambda: '1e-9' };
 * ```
 * @group Stress
 */
export type ImpactModel =
  | { readonly kind: 'none' }
  | { readonly kind: 'linear'; readonly lambda: Numeric }
  | { readonly kind: 'sqrt'; readonly Y: Numeric; readonly sigma: Numeric; readonly volume: Numeric }
  | { readonly kind: 'ladder'; readonly levels: readonly { readonly move: Numeric; readonly notional: Numeric }[] };

/** A model as read: the relative move for a net notional (positive: sold), and whether a ladder ran out. */
export interface Impact {
  readonly move: (net: Exact) => { readonly move: Exact; readonly exhausted: boolean };
}

const NONE: Impact = { move: () => ({ move: E0, exhausted: false }) };

/** Reads an impact model (closed). */
export function readImpact(value: unknown, field: string): Impact {
  if (value === undefined) return NONE;
  const record = expectRecord(value, field, "an impact model { kind: 'none' | 'linear' | 'sqrt' | 'ladder', … }");
  const kind = expectChoice(required(record, 'kind', field), ['none', 'linear', 'sqrt', 'ladder'], `${field}.kind`);
  switch (kind) {
    case 'none':
      expectKnownFields(record, ['kind'], field);
      return NONE;
    case 'linear': {
      expectKnownFields(record, ['kind', 'lambda'], field);
      const lambda = toExact(required(record, 'lambda', field), `${field}.lambda`, 'non-negative');
      return { move: (net) => ({ move: mul(lambda, net), exhausted: false }) };
    }
    case 'sqrt': {
      expectKnownFields(record, ['kind', 'Y', 'sigma', 'volume'], field);
      const y = toExact(required(record, 'Y', field), `${field}.Y`, 'non-negative');
      const sigma = toExact(required(record, 'sigma', field), `${field}.sigma`, 'non-negative');
      const volume = toExact(required(record, 'volume', field), `${field}.volume`, 'positive');
      const scale = mul(y, sigma);
      return {
        move: (net) => {
          if (sign(net) === 0) return { move: E0, exhausted: false };
          const root = squareRoot(div(sign(net) < 0 ? neg(net) : net, volume));
          const move = mul(scale, root);
          return { move: sign(net) < 0 ? neg(move) : move, exhausted: false };
        },
      };
    }
    default: {
      expectKnownFields(record, ['kind', 'levels'], field);
      const list = expectArray(required(record, 'levels', field), `${field}.levels`, 'an array of { move, notional }', {
        limit: 10_000,
        of: 'levels',
      });
      if (list.length === 0) fail('TIERS_EMPTY', `${field}.levels`, value, 'at least one level { move, notional }');
      let previous = { move: E0, notional: E0 };
      const levels = list.map((item, index) => {
        const at = `${field}.levels[${index}]`;
        const level = expectRecord(item, at, 'a level { move, notional }');
        expectKnownFields(level, ['move', 'notional'], at);
        const move = toExact(required(level, 'move', at), `${at}.move`, 'positive');
        const notional = toExact(required(level, 'notional', at), `${at}.notional`, 'positive');
        if (cmp(move, previous.move) <= 0 || cmp(notional, previous.notional) <= 0) {
          fail('TIER_CAP_NOT_INCREASING', `${at}`, item, 'a move and a cumulative notional above the level before');
        }
        previous = { move, notional };
        return previous;
      });
      return { move: (net) => ladderMove(levels, net) };
    }
  }
}

/** The move of a ladder for a net notional: linear between levels (from 0 at 0), flat beyond the last. */
function ladderMove(levels: readonly { move: Exact; notional: Exact }[], net: Exact) {
  const negative = sign(net) < 0;
  const q = negative ? neg(net) : net;
  let from = { move: E0, notional: E0 };
  for (const level of levels) {
    if (cmp(q, level.notional) <= 0) {
      const share = div(add(q, neg(from.notional)), add(level.notional, neg(from.notional)));
      const move = add(from.move, mul(share, add(level.move, neg(from.move))));
      return { move: negative ? neg(move) : move, exhausted: false };
    }
    from = level;
  }
  return { move: negative ? neg(from.move) : from.move, exhausted: true };
}

/** √v for v ≥ 0, truncated at 50 places: an exact integer square root of v·10^100. */
function squareRoot(value: Exact): Exact {
  const scaled = (value.n * 10n ** 100n) / value.d;
  return decimalExact(isqrt(scaled), 50);
}

/** ⌊√n⌋ for a bigint n ≥ 0 (Newton's method from above). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next >= x) return x;
    x = next;
  }
}
