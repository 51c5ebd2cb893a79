/**
 * The cross-account counterpart of the band: a symbol's liquidation prices (every other market at
 * its mark) under the account's open limit orders on that symbol, as they fill in the order the
 * price reaches them, each a `previewCrossOrder` at its limit price with the symbol marked there.
 */
import type Big from 'big.js';
import { LIMITS } from '../../core/big.js';
import { type Numeric, toPositive } from '../../core/decimal.js';
import { fail, LiqMathError } from '../../core/errors.js';
import { toResult } from '../../core/exact.js';
import { expectArray, expectKnownFields, expectRecord, required } from '../../core/input.js';
import { accountOf } from '../../engine/account.js';
import { priceOfNatural } from '../../engine/contract.js';
import { accountHealth, atEquality, type CrossLiquidation, solveSymbol } from '../../engine/cross.js';
import { expectMarket, type Market } from '../../model/market.js';
import type { CrossAccount, Side } from '../../model/position.js';
import { type CrossOrderPreview, previewCrossOrder } from './cross-order.js';
import { asListElement, type Order, type OrderRejection } from './order.js';

/**
 * One open order of a cross band, in the order the price reaches it.
 *
 * @example
 * ```ts
 * import type { CrossBandStep } from 'liqmath';
 *
 * const say = (s: CrossBandStep) => (s.fills ? `at ${s.price}: below ${s.liquidation?.below ?? '—'}` : `skipped: ${s.skipped}`);
 * ```
 * @group What if
 */
export interface CrossBandStep {
  readonly index: number;
  readonly price: Big;
  readonly fills: boolean;
  readonly skipped: 'liquidated-first' | OrderRejection | null;
  /** The symbol's liquidation prices once this order (and those before it) filled; unchanged when it does not. */
  readonly liquidation: CrossLiquidation | null;
}

/**
 * A symbol's liquidation prices in a cross account under open limit orders.
 *
 * @example
 * ```ts
 * import type { CrossLiquidationPriceBand } from 'liqmath';
 *
 * const lowest = (b: CrossLiquidationPriceBand) => b.allBuys?.below ?? null;
 * ```
 * @group What if
 */
export interface CrossLiquidationPriceBand {
  /** No order fills: the account as it is (null when it holds no position in the symbol). */
  readonly none: CrossLiquidation | null;
  readonly allBuys: CrossLiquidation | null;
  readonly allSells: CrossLiquidation | null;
  readonly buys: readonly CrossBandStep[];
  readonly sells: readonly CrossBandStep[];
}

/**
 * {@link isolatedLiquidationPriceBand} for one symbol of a cross account: the symbol's liquidation
 * prices (below and above, every other market at its mark) if none of the open limit orders on it
 * fills, if every buy fills, if every sell fills, and step by step — buys from the highest limit
 * down, sells from the lowest up, each a {@link previewCrossOrder} at its limit with the symbol
 * marked there. A walk stops once the account would be liquidated before the price reaches the next
 * order (its `below` at or above a buy's limit, its `above` at or below a sell's). Orders may carry
 * `positionSide` (hedge mode). At most 10,000 orders (`TOO_LARGE`).
 *
 * @throws {@link LiqMathError} the codes of {@link previewCrossOrder} for the account, `market` and
 * each order (`orders[k]`, limit orders only: `INVALID_OPTION` for another type); `options`:
 * `INVALID_TYPE`, `UNKNOWN_FIELD`, and the codes of `leverage` and `feeRate`; `TOO_LARGE`
 *
 * @example
 * ```ts
 * import { crossLiquidationPriceBand, defineMarket, defineTiers } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', tiers });
 * const account = { collateral: 1000, positions: [{ market: eth, side: 'long', size: 1, entryPrice: 3000, markPrice: 3000 }] } as const;
 * const band = crossLiquidationPriceBand(account, eth, [{ side: 'buy', size: 1, type: 'limit', price: 2800 }], { leverage: 10 });
 * band.none?.below?.toFixed(2); //=> '2105.26'
 * band.allBuys?.below?.toFixed(2); //=> '2526.32'
 * ```
 * @group What if
 */
export function crossLiquidationPriceBand(
  account: CrossAccount,
  market: Market,
  orders: readonly Order[],
  options: { readonly leverage?: Numeric; readonly feeRate?: Numeric },
): CrossLiquidationPriceBand {
  const state = accountOf(account);
  const checked = expectMarket(market);
  const symbol = checked.symbol;
  const list = expectArray(orders, 'orders', 'an array of limit orders', { limit: LIMITS.tierRows, of: 'orders' });
  const read = list.map((item, index) => {
    const field = `orders[${index}]`;
    const record = expectRecord(item, field, 'a limit order { side, size, type: "limit", price, positionSide? }');
    if (record.type !== 'limit') {
      fail('INVALID_OPTION', `${field}.type`, record.type, "'limit': a band is about orders resting at a price");
    }
    return {
      index,
      field,
      order: record as unknown as Order & { readonly positionSide?: Side },
      side: record.side,
      price: toPositive(required(record, 'price', field), `${field}.price`),
    };
  });
  const settings = expectRecord(options, 'options', 'band options { leverage?, feeRate? }');
  expectKnownFields(settings, ['leverage', 'feeRate'], 'options');
  const extra = {
    ...(settings.leverage === undefined ? {} : { leverage: settings.leverage as Numeric }),
    ...(settings.feeRate === undefined ? {} : { feeRate: settings.feeRate as Numeric }),
  };
  const mine = state.legs.filter((l) => l.leg.market.symbol === symbol);
  const others = state.legs.filter((l) => l.leg.market.symbol !== symbol);
  const none =
    mine.length === 0 ? null : solveSymbol(mine, accountHealth(state.collateral, others), atEquality(state.legs));
  // The account as a record (from the state read once), to re-mark the symbol at each order's price.
  const start: CrossAccount = {
    collateral: toResult(state.collateral),
    positions: state.legs.map(({ leg, markX }) => ({
      market: leg.market,
      side: leg.sign === 1 ? 'long' : 'short',
      size: toResult(leg.size),
      entryPrice: toResult(leg.entryPrice),
      markPrice: toResult(priceOfNatural(leg.compiled.contract, markX)),
    })),
  };
  const heldMark =
    mine[0] === undefined ? null : toResult(priceOfNatural(mine[0].leg.compiled.contract, mine[0].markX));
  // Every order is checked now, on the account as it is, also those a walk will not reach.
  for (const step of read) {
    asListElement(step.field, () =>
      previewCrossOrder(start, { ...step.order, market: checked }, { markPrice: heldMark ?? step.price, ...extra }),
    );
  }
  const walk = (steps: typeof read, falling: boolean) => {
    let current: CrossAccount = start;
    let liquidation = none;
    let stopped = false;
    const out: CrossBandStep[] = [];
    for (const step of steps) {
      const bound = liquidation?.status === 'liquidatable' ? null : falling ? liquidation?.below : liquidation?.above;
      if (
        !stopped &&
        (liquidation?.status === 'liquidatable' ||
          (bound != null && (falling ? bound.gte(step.price) : bound.lte(step.price))))
      ) {
        stopped = true;
      }
      const shown = { index: step.index, price: step.price };
      if (stopped) {
        out.push(Object.freeze({ ...shown, fills: false, skipped: 'liquidated-first', liquidation }));
        continue;
      }
      const preview: CrossOrderPreview = asListElement(step.field, () =>
        previewCrossOrder(
          remarked(current, symbol, step.price),
          { ...step.order, market: checked },
          { markPrice: step.price, ...extra },
        ),
      );
      if (preview.rejected !== null) {
        out.push(Object.freeze({ ...shown, fills: false, skipped: preview.rejected, liquidation }));
        continue;
      }
      current = preview.after.account as unknown as CrossAccount;
      liquidation = preview.after.liquidation;
      out.push(Object.freeze({ ...shown, fills: true, skipped: null, liquidation }));
    }
    return { steps: Object.freeze(out), last: liquidation };
  };
  const buys = read.filter((o) => o.side === 'buy').sort((a, b) => b.price.cmp(a.price) || a.index - b.index);
  const sells = read.filter((o) => o.side !== 'buy').sort((a, b) => a.price.cmp(b.price) || a.index - b.index);
  const down = walk(buys, true);
  const up = walk(sells, false);
  return Object.freeze({ none, allBuys: down.last, allSells: up.last, buys: down.steps, sells: up.steps });
}

/** The account with every position of `symbol` marked at `price`. */
function remarked(account: CrossAccount, symbol: string, price: Big): CrossAccount {
  return {
    collateral: account.collateral,
    positions: account.positions.map((p) => (p.market.symbol === symbol ? { ...p, markPrice: price } : p)),
  };
}
