/**
 * Auto-deleveraging: scores that rank the opposite side, the queue with its 1–5 light
 * indicator, and the allocation of a liquidated size across the queue at the bankruptcy price.
 * See `docs/adl.md`.
 */
import type Big from 'big.js';
import {
  freezeDecimal,
  LIMITS,
  type Numeric,
  ONE,
  toDecimal,
  toNonNegative,
  toPositive,
  ZERO,
} from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { expectArray, expectChoice, expectKnownFields, expectRecord, required } from '../../core/input.js';
import { notionalAt, pnlAt } from '../../engine/valuation.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { Side } from '../../model/position.js';

/**
 * What an ADL score is computed from:
 * - `'pnl-leverage'` (BitMEX, Bybit classic): PnL% × effective leverage when PnL% > 0, else
 *   PnL% ÷ effective leverage; PnL% = unrealised PnL ÷ |entry value|; effective leverage =
 *   |mark value| ÷ (mark value − bankrupt value), i.e. notional at the mark ÷ equity of the position.
 * - `'binance'`: leverage PnL = max(0, uPnL)/max(1, wallet) × margin ratio, where margin ratio =
 *   maintenance ÷ (wallet + uPnL) when that is > 0, else 0 (a transcription from Binance's
 *   developer forum of a formula Binance publishes as an image: see docs/adl.md).
 *
 * @example
 * ```ts
 * import type { AdlScoreInput } from 'liqmath';
 *
 * const binance: AdlScoreInput = { method: 'binance', unrealizedPnl: 1500, walletBalance: 10000, maintenanceMargin: 400 };
 * ```
 * @group ADL
 */
export type AdlScoreInput =
  | {
      readonly method: 'pnl-leverage';
      readonly market: Market;
      readonly side: Side;
      readonly size: Numeric;
      readonly entryPrice: Numeric;
      readonly markPrice: Numeric;
      /** The position's own bankruptcy price (below the mark for a long, above for a short). */
      readonly bankruptcyPrice: Numeric;
    }
  | {
      readonly method: 'binance';
      readonly unrealizedPnl: Numeric;
      readonly walletBalance: Numeric;
      readonly maintenanceMargin: Numeric;
    };

/**
 * The ADL ranking score of one position: higher is deleveraged first.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`input` not an object, `input.market` not made by
 * {@link defineMarket}), `MISSING_FIELD` (`method` and the fields of its method), `UNKNOWN_FIELD`,
 * `INVALID_OPTION` (`method`, `side`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`size`,
 * `entryPrice`, `markPrice`, `bankruptcyPrice`), `NEGATIVE` (`maintenanceMargin`), `NO_BANKRUPTCY_PRICE` (a
 * `bankruptcyPrice` on the wrong side of the mark, where the position has no equity)
 *
 * @example
 * ```ts
 * import { adlScore, defineMarket, defineTiers } from 'liqmath';
 *
 * const market = defineMarket({ symbol: 'X', contract: 'linear', settle: 'USD', tiers: defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]) });
 * // Long 10 at 100, mark 110, bankruptcy 90: PnL% = 10%, effective leverage = 1,100 / 200 = 5.5
 * adlScore({ method: 'pnl-leverage', market, side: 'long', size: 10, entryPrice: 100, markPrice: 110, bankruptcyPrice: 90 }).toString(); //=> '0.55'
 * adlScore({ method: 'binance', unrealizedPnl: 1500, walletBalance: 10000, maintenanceMargin: 400 }).toFixed(6); //=> '0.005217'
 * ```
 * @group ADL
 */
export function adlScore(input: AdlScoreInput): Big {
  const record = expectRecord(input, 'input', "an ADL input { method: 'pnl-leverage' | 'binance', … }");
  const method = expectChoice(required(record, 'method', 'input'), ['pnl-leverage', 'binance'], 'input.method');
  return freezeDecimal(method === 'binance' ? binanceScore(record) : pnlLeverageScore(record));
}

function binanceScore(record: Readonly<Record<string, unknown>>): Big {
  expectKnownFields(record, ['method', 'unrealizedPnl', 'walletBalance', 'maintenanceMargin'], 'input');
  const pnl = toDecimal(required(record, 'unrealizedPnl', 'input'), 'input.unrealizedPnl');
  const wallet = toDecimal(required(record, 'walletBalance', 'input'), 'input.walletBalance');
  const maintenance = toNonNegative(required(record, 'maintenanceMargin', 'input'), 'input.maintenanceMargin');
  const pnlPercent = (pnl.gt(0) ? pnl : ZERO).div(wallet.gt(1) ? wallet : ONE);
  const balance = wallet.plus(pnl);
  const ratio = balance.gt(0) ? maintenance.div(balance) : ZERO;
  return pnlPercent.times(ratio);
}

function pnlLeverageScore(record: Readonly<Record<string, unknown>>): Big {
  expectKnownFields(
    record,
    ['method', 'market', 'side', 'size', 'entryPrice', 'markPrice', 'bankruptcyPrice'],
    'input',
  );
  const market = expectMarket(required(record, 'market', 'input'), 'input.market');
  const sign = expectChoice(required(record, 'side', 'input'), ['long', 'short'], 'input.side') === 'long' ? 1 : -1;
  const size = toPositive(required(record, 'size', 'input'), 'input.size');
  const entry = toPositive(required(record, 'entryPrice', 'input'), 'input.entryPrice');
  const mark = toPositive(required(record, 'markPrice', 'input'), 'input.markPrice');
  const bankrupt = toPositive(required(record, 'bankruptcyPrice', 'input'), 'input.bankruptcyPrice');
  const value = (price: Big) => notionalAt(market, size, price);
  const pnl = (price: Big) => pnlAt(market, sign, size, entry, price);
  const equity = pnl(mark).minus(pnl(bankrupt));
  if (equity.lte(0)) {
    fail(
      'NO_BANKRUPTCY_PRICE',
      'input.bankruptcyPrice',
      record.bankruptcyPrice,
      `a price ${sign === 1 ? 'below' : 'above'} the mark (the position must have equity)`,
    );
  }
  const pnlPercent = pnl(mark).div(value(entry));
  const leverage = value(mark).div(equity);
  return pnlPercent.gt(0) ? pnlPercent.times(leverage) : pnlPercent.div(leverage);
}

/**
 * A ranked ADL candidate: its place, and the BitMEX-style indicator: `lights` 1–5 (the
 * cumulative size share of the queue up to and including it, rounded up to 20% steps).
 *
 * @example
 * ```ts
 * import type { AdlQueueEntry } from 'liqmath';
 *
 * const describe = (e: AdlQueueEntry) => `${e.id}: ${e.lights}/5`;
 * ```
 * @group ADL
 */
export interface AdlQueueEntry {
  readonly id: string;
  readonly size: Big;
  readonly score: Big;
  /** 0-based place in the queue. */
  readonly rank: number;
  /** 1 to 5. */
  readonly lights: 1 | 2 | 3 | 4 | 5;
}

/**
 * Ranks the opposite side for ADL: by score, highest first; ties by larger size, then by id
 * (string order), so the queue is deterministic. Each entry carries its 1–5 light indicator.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`candidates` not an array, a candidate not an object, an `id`
 * not a string of 1 to 256 characters), `TOO_LARGE` (more candidates than `LIMITS.adlCandidates`),
 * `MISSING_FIELD` (`id`, `size`, `score`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`size`)
 *
 * @example
 * ```ts
 * import { adlQueue } from 'liqmath';
 *
 * const queue = adlQueue([
 *   { id: 'a', size: 10, score: 3 },
 *   { id: 'b', size: 30, score: 6 },
 *   { id: 'c', size: 60, score: 1 },
 * ]);
 * queue.map((e) => `${e.id}:${e.lights}`); //=> ['b:2', 'a:2', 'c:5']
 * ```
 * @group ADL
 */
export function adlQueue(
  candidates: readonly {
    readonly id: string;
    readonly size: Numeric;
    readonly score: Numeric;
  }[],
): readonly AdlQueueEntry[] {
  const items = expectArray(candidates, 'candidates', 'an array of { id, size, score }', {
    limit: LIMITS.adlCandidates,
    of: 'candidates',
  });
  const seen = new Set<string>();
  const list = items.map((item, k) => {
    const field = `candidates[${k}]`;
    const record = expectRecord(item, field, 'a candidate { id, size, score }');
    const id = expectId(required(record, 'id', field), `${field}.id`);
    // An id names one position: two candidates with one id would be deleveraged as two.
    if (seen.has(id)) fail('DUPLICATE_POSITION', `${field}.id`, id, 'an id no other candidate has');
    seen.add(id);
    return {
      id,
      size: toPositive(required(record, 'size', field), `${field}.size`),
      score: toDecimal(required(record, 'score', field), `${field}.score`),
    };
  });
  list.sort((a, b) => b.score.cmp(a.score) || b.size.cmp(a.size) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const total = list.reduce((sum, e) => sum.plus(e.size), ZERO);
  let cumulative = ZERO;
  return Object.freeze(
    list.map((entry, rank) => {
      cumulative = cumulative.plus(entry.size);
      // lights = ⌈5·cumulative/total⌉, without dividing: the smallest n with n·total ≥ 5·cumulative.
      let lights = 1;
      // Stryker disable next-line EqualityOperator,ConditionalExpression: cumulative ≤ total, so the second test stops the loop at 5 anyway
      while (lights < 5 && total.times(lights).lt(cumulative.times(5))) lights += 1;
      return Object.freeze({
        id: entry.id,
        size: freezeDecimal(entry.size),
        score: freezeDecimal(entry.score),
        rank,
        lights: lights as 1 | 2 | 3 | 4 | 5,
      });
    }),
  );
}

/**
 * Allocates a liquidated size across an ADL queue at the bankruptcy price, in queue order: each
 * candidate is reduced by up to its size until the size is absorbed. `unfilled` is what the
 * queue could not absorb (0 when it sufficed).
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`queue` not an array, an entry not an object, an `id` not a
 * string of 1 to 256 characters), `TOO_LARGE` (more entries than `LIMITS.deleverageQueue`), `MISSING_FIELD`
 * (an entry's `size` or `id`), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE`, `NOT_POSITIVE` (`size`,
 * `bankruptcyPrice`, an entry's `size`). Entries after the size is absorbed are not read.
 *
 * @example
 * ```ts
 * import { adlQueue, deleverage } from 'liqmath';
 *
 * const queue = adlQueue([{ id: 'a', size: 10, score: 6 }, { id: 'b', size: 20, score: 5 }]);
 * const result = deleverage(queue, 20, 650);
 * result.fills.map((f) => [f.id, f.size.toString(), f.remainingSize.toString()]); //=> [['a', '10', '0'], ['b', '10', '10']]
 * ```
 * @group ADL
 */
export function deleverage(
  queue: readonly AdlQueueEntry[],
  size: Numeric,
  bankruptcyPrice: Numeric,
): {
  readonly fills: readonly {
    readonly id: string;
    readonly size: Big;
    readonly price: Big;
    readonly remainingSize: Big;
  }[];
  readonly unfilled: Big;
} {
  const entries = expectArray(queue, 'queue', 'a queue from adlQueue', {
    limit: LIMITS.deleverageQueue,
    of: 'queue entries',
  });
  let left = toPositive(size, 'size');
  const price = freezeDecimal(toPositive(bankruptcyPrice, 'bankruptcyPrice'));
  // Every entry is validated, also those after the size is absorbed: a bad queue is refused whole.
  const read = entries.map((item, k) => {
    const record = expectRecord(item, `queue[${k}]`, 'an entry of adlQueue');
    return {
      available: toPositive(required(record, 'size', `queue[${k}]`), `queue[${k}].size`),
      id: expectId(required(record, 'id', `queue[${k}]`), `queue[${k}].id`),
    };
  });
  const fills: { id: string; size: Big; price: Big; remainingSize: Big }[] = [];
  for (const { available, id } of read) {
    if (left.eq(0)) break;
    const take = available.lt(left) ? available : left;
    left = left.minus(take);
    fills.push(
      Object.freeze({
        id,
        size: freezeDecimal(take),
        price,
        remainingSize: freezeDecimal(available.minus(take)),
      }),
    );
  }
  return Object.freeze({ fills: Object.freeze(fills), unfilled: freezeDecimal(left) });
}

/** An id: a string of 1 to 256 characters (sorting and messages stay bounded). */
function expectId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    fail('INVALID_TYPE', field, value, 'a string id of 1 to 256 characters');
  }
  return value;
}
