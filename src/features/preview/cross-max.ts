/**
 * The largest order a cross account can take on one symbol: the isolated closed form with the
 * account's symbol position as the one held, the caller's available balance (venues compute it
 * from the whole account), and one more bound — the fee comes out of the collateral, which an
 * account cannot take below zero. One-way positions, as `previewCrossOrder`.
 */
import { fail } from '../../core/errors.js';
import { add, div, E0, type Exact, mul, sign, sub, toResult } from '../../core/exact.js';
import { expectRecord } from '../../core/input.js';
import { accountOf } from '../../engine/account.js';
import { naturalOf } from '../../engine/contract.js';
import { pnlAtX } from '../../engine/legs.js';
import { compiledMarket } from '../../model/compiled.js';
import { expectMarket } from '../../model/market.js';
import type { CrossAccount } from '../../model/position.js';
import type { CrossOrder } from './cross-order.js';
import { type MaxOrderSize, maxOpened } from './max-order-size.js';
import { type OrderPreviewOptions, readOrder, readPreviewOptions } from './order.js';

/**
 * The largest size of an order on one symbol of a cross account that a venue would accept:
 * `isolatedMaxOrderSize`'s closed form with the account's position in `order.market` as the one
 * held, `options.availableBalance` as the balance (a venue's available balance for the account:
 * its equity less the initial margin of every position), and the collateral bound of a cross
 * account (the order's fee, less the PnL a flip realises, cannot exceed the collateral). The
 * preview of that size (`previewCrossOrder`) is accepted; one lot more is refused.
 *
 * @throws {@link LiqMathError} the codes of {@link previewCrossOrder}, and `MISSING_FIELD` for
 * `options.leverage` or `options.availableBalance`, `UNKNOWN_FIELD` for `order.size`
 *
 * @example
 * ```ts
 * import { crossMaxOrderSize, defineMarket, defineTiers } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: 1000000, maintenanceMarginRate: '0.05', maxLeverage: 20 }]);
 * const eth = defineMarket({ symbol: 'ETH-USD', contract: 'linear', settle: 'USDC', lotSize: '0.01', tiers });
 * const account = { collateral: 1000, positions: [{ market: eth, side: 'long', size: 1, entryPrice: 3000, markPrice: 3000 }] } as const;
 * const order = { market: eth, side: 'buy', type: 'market' } as const;
 * // 700 available at 10x buys 700 / 300 = 2.33 ETH.
 * crossMaxOrderSize(account, order, { markPrice: 3000, leverage: 10, availableBalance: 700 }).size.toString(); //=> '2.33'
 * ```
 * @group What if
 */
export function crossMaxOrderSize(
  account: CrossAccount,
  order: Omit<CrossOrder, 'size'>,
  options: OrderPreviewOptions,
): MaxOrderSize {
  const state = accountOf(account);
  const record = expectRecord(order, 'order', "an order { market, side: 'buy' | 'sell', type, price?, reduceOnly? }");
  if (record.size !== undefined) {
    fail('UNKNOWN_FIELD', 'order.size', record.size, 'no size: the size is what this function finds');
  }
  const read = readOrder({ ...record, size: 1 }, ['market']);
  const market = expectMarket(record.market, 'order.market');
  const o = readPreviewOptions(options, read);
  if (o.leverage === null) fail('MISSING_FIELD', 'options.leverage', undefined, 'the leverage of the order');
  if (o.availableBalance === null) {
    fail('MISSING_FIELD', 'options.availableBalance', undefined, 'the balance the order may use');
  }
  const mine = state.legs.filter((l) => l.leg.market.symbol === market.symbol);
  const held = mine[0];
  if (held !== undefined && held.leg.market !== market) {
    fail('SYMBOL_CONFLICT', 'order.market', market, `the account's Market object for ${market.symbol}`);
  }
  if (mine.length > 1) {
    fail(
      'INVALID_OPTION',
      'order.market',
      market,
      `a symbol the account holds on one side only (hedge mode is not covered yet)`,
    );
  }
  const compiled = compiledMarket(market);
  const cs = compiled.contractSize;
  const xFill = naturalOf(compiled.contract, o.fill.price);
  const perContract = mul(cs, xFill);
  const adds = held !== undefined && held.leg.sign === read.sign;
  const closes = held !== undefined && !adds ? held.leg.size : E0;
  // A flip first closes the position: its PnL comes in, less the fee on the closed part.
  const freed =
    held !== undefined && !adds ? sub(pnlAtX(held.leg, xFill), mul(o.feeRate, mul(closes, perContract))) : E0;
  const heldKey =
    adds && held !== undefined
      ? compiled.table.byContracts
        ? held.leg.size
        : mul(mul(held.leg.size, cs), held.leg.entryX)
      : E0;
  // The collateral pays the fee on the opened contracts: n·feeRate·CS·x ≤ collateral + freed.
  const room = add(state.collateral, freed);
  const feePerContract = mul(o.feeRate, perContract);
  // A flip whose realised loss already exceeds the collateral may open nothing.
  const byCollateral = sign(room) < 0 ? E0 : sign(feePerContract) === 0 ? null : div(room, feePerContract);
  const balance = add(o.availableBalance, freed);
  const { openedSize, limitedBy } = maxOpened(market, read.sign, o, balance, heldKey, byCollateral as Exact | null);
  return Object.freeze({
    size: toResult(add(closes, openedSize)),
    notional: toResult(mul(openedSize, perContract)),
    limitedBy,
  });
}
