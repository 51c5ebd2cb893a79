/**
 * The liquidation price under open orders: where it is if none fills, if every buy fills, if every
 * sell fills, and how it moves as they fill one by one in the order the price would reach them
 * (buys from the highest price down, sells from the lowest up). Each fill is a preview of that
 * order at its limit price, valued at that price. See `docs/what-if.md`.
 */
import type Big from 'big.js';
import { LIMITS } from '../../core/big.js';
import { type Numeric, toPositive } from '../../core/decimal.js';
import { fail, LiqMathError } from '../../core/errors.js';
import { E1 } from '../../core/exact.js';
import { expectArray, expectKnownFields, expectRecord, required } from '../../core/input.js';
import type { PreparedPosition } from '../../engine/isolated.js';
import { isolatedOf, liquidationPriceOf } from '../../engine/isolated.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { IsolatedPosition } from '../../model/position.js';
import { type IsolatedOrderPreview, previewIsolatedOrder } from './isolated-order.js';
import { asListElement, type Order, type OrderRejection, readOrder, readPreviewOptions } from './order.js';

/**
 * One open order's effect, in the order the price would reach it.
 *
 * @example
 * ```ts
 * import type { BandStep } from 'liqmath';
 *
 * const say = (s: BandStep) => s.fills ? `#${s.index} at ${s.price}: liquidation ${s.liquidationPrice ?? 'none'}` : `#${s.index}: ${s.skipped}`;
 * ```
 * @group What if
 */
export interface BandStep {
  /** The order's index in the list given. */
  readonly index: number;
  readonly price: Big;
  /** Whether it fills on the walk (false: the position is liquidated first, or a venue would refuse it). */
  readonly fills: boolean;
  readonly skipped: 'liquidated-first' | OrderRejection | null;
  /** The liquidation price once this order (and those before it on the walk) filled; unchanged when it does not fill. */
  readonly liquidationPrice: Big | null;
}

/**
 * The liquidation price under open orders.
 *
 * @example
 * ```ts
 * import type { LiquidationPriceBand } from 'liqmath';
 *
 * const range = (b: LiquidationPriceBand) => [b.allBuys, b.none, b.allSells];
 * ```
 * @group What if
 */
export interface LiquidationPriceBand {
  /** No open order fills (null: no position, or none exists). */
  readonly none: Big | null;
  /** Every buy fills (in price order, each at its limit), the sells do not. */
  readonly allBuys: Big | null;
  /** Every sell fills, the buys do not. */
  readonly allSells: Big | null;
  /** The buys as the price falls to them, highest first. */
  readonly buys: readonly BandStep[];
  /** The sells as the price rises to them, lowest first. */
  readonly sells: readonly BandStep[];
}

/** Open orders a band takes: each walk previews one order per step. */
const MAX_ORDERS = LIMITS.tierRows;

/**
 * The liquidation price of an isolated position under its open limit orders: if none fills, if all
 * buys fill, if all sells fill, and step by step as the price reaches them — buys from the highest
 * price down, sells from the lowest up (ties in list order), each filling at its limit price with
 * the position valued there (`previewIsolatedOrder` with the limit as fill and mark). A walk stops
 * filling once the position would be liquidated before the price reaches the next order (a long's
 * liquidation price at or above a buy's limit): those orders are `'liquidated-first'`. An order a
 * venue would refuse (a reduce-only that would add; a leverage above its tier's) is skipped with
 * its reason. `allBuys` and `allSells` are the walks' last liquidation prices. At most 10,000
 * orders (`TOO_LARGE`); O(n) previews.
 *
 * @throws {@link LiqMathError} the codes of {@link previewIsolatedOrder} for `market`, `position` and
 * each order (`orders[k]`, which must be limit orders: `INVALID_OPTION` for a market order);
 * `options`: `INVALID_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD` (`leverage` when an order opens or
 * adds), `INVALID_NUMBER`, `NOT_POSITIVE`, `LEVERAGE_OUT_OF_RANGE`, `RATE_OUT_OF_RANGE`; `TOO_LARGE`
 *
 * @example
 * ```ts
 * import { defineMarket, defineTiers, isolatedLiquidationPriceBand } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.005', maxLeverage: 100 }]);
 * const market = defineMarket({ symbol: 'BTCUSDT', contract: 'linear', settle: 'USDT', tiers });
 * const position = { side: 'long', size: 1, entryPrice: 50000, leverage: 10 } as const;
 * const band = isolatedLiquidationPriceBand(market, position, [
 *   { side: 'buy', size: 1, type: 'limit', price: 48000 },
 *   { side: 'sell', size: '0.5', type: 'limit', price: 52000 },
 * ], { leverage: 10 });
 * band.none?.toFixed(2); //=> '45226.13'
 * band.allBuys?.toFixed(2); //=> '44321.61'
 * band.allSells?.toFixed(2); //=> '45226.13'
 * ```
 * @group What if
 */
export function isolatedLiquidationPriceBand(
  market: Market,
  position: IsolatedPosition | PreparedPosition | null,
  orders: readonly Order[],
  options: { readonly leverage?: Numeric; readonly feeRate?: Numeric },
): LiquidationPriceBand {
  const checked = expectMarket(market);
  const none = position === null ? null : liquidationPriceOf(isolatedOf(checked, position));
  const list = expectArray(orders, 'orders', 'an array of limit orders', { limit: MAX_ORDERS, of: 'orders' });
  const read = list.map((item, index) => {
    const field = `orders[${index}]`;
    const record = expectRecord(item, field, 'a limit order { side, size, type: "limit", price }');
    if (record.type !== 'limit') {
      fail('INVALID_OPTION', `${field}.type`, record.type, "'limit': a band is about orders resting at a price");
    }
    // Every order is checked now, also those a walk will not reach.
    asListElement(field, () => readOrder(record));
    return {
      index,
      order: record as unknown as Order,
      side: record.side,
      price: toPositive(required(record, 'price', field), `${field}.price`),
    };
  });
  const settings = expectRecord(options, 'options', 'band options { leverage?, feeRate? }');
  expectKnownFields(settings, ['leverage', 'feeRate'], 'options');
  const leverage = settings.leverage as Numeric | undefined;
  const feeRate = settings.feeRate as Numeric | undefined;
  // Checked now as the previews will read them (a walk may make none).
  readPreviewOptions(
    { markPrice: 1, ...settings },
    { sign: 1, size: E1, type: 'market', price: null, reduceOnly: false },
  );
  const buys = read.filter((o) => o.side === 'buy').sort((a, b) => b.price.cmp(a.price) || a.index - b.index);
  const sells = read.filter((o) => o.side !== 'buy').sort((a, b) => a.price.cmp(b.price) || a.index - b.index);
  const walk = (steps: typeof read, falling: boolean) => {
    let current: IsolatedPosition | PreparedPosition | null = position;
    let price: Big | null = none;
    let stopped = false;
    const out: BandStep[] = [];
    for (const step of steps) {
      const field = `orders[${step.index}]`;
      // Liquidated before the price reaches the order: a long on the way down, a short on the way up.
      const side = current === null ? null : sideOf(checked, current);
      if (
        !stopped &&
        price !== null &&
        side !== null &&
        ((falling && side === 'long' && price.gte(step.price)) ||
          (!falling && side === 'short' && price.lte(step.price)))
      ) {
        stopped = true;
      }
      if (stopped) {
        out.push(
          Object.freeze({
            index: step.index,
            price: step.price,
            fills: false,
            skipped: 'liquidated-first',
            liquidationPrice: price,
          }),
        );
        continue;
      }
      const preview: IsolatedOrderPreview = previewAt(
        checked,
        current,
        step.order,
        step.price,
        leverage,
        feeRate,
        field,
      );
      if (preview.rejected !== null) {
        out.push(
          Object.freeze({
            index: step.index,
            price: step.price,
            fills: false,
            skipped: preview.rejected,
            liquidationPrice: price,
          }),
        );
        continue;
      }
      current = preview.after.position;
      price = preview.after.liquidationPrice;
      out.push(
        Object.freeze({ index: step.index, price: step.price, fills: true, skipped: null, liquidationPrice: price }),
      );
    }
    return { steps: Object.freeze(out), last: price };
  };
  const down = walk(buys, true);
  const up = walk(sells, false);
  return Object.freeze({ none, allBuys: down.last, allSells: up.last, buys: down.steps, sells: up.steps });
}

function previewAt(
  market: Market,
  position: IsolatedPosition | PreparedPosition | null,
  order: Order,
  price: Big,
  leverage: Numeric | undefined,
  feeRate: Numeric | undefined,
  field: string,
): IsolatedOrderPreview {
  return asListElement(field, () =>
    previewIsolatedOrder(market, position, order, {
      markPrice: price,
      ...(leverage === undefined ? {} : { leverage }),
      ...(feeRate === undefined ? {} : { feeRate }),
    }),
  );
}

function sideOf(market: Market, position: IsolatedPosition | PreparedPosition): 'long' | 'short' {
  return isolatedOf(market, position).leg.sign === 1 ? 'long' : 'short';
}
