/**
 * The cascade simulator: an exogenous price path applied step by step to a whole book; within a
 * step, liquidations move the price (an explicit impact model), the move liquidates the next
 * layer, until no new liquidation (a fixed point). Losses beyond a position's margin are paid by
 * the insurance fund of its settle currency, then socialised by ADL on the opposite side's
 * profit. Deterministic; exact. Derivation and assumptions: `docs/stress.md`.
 */
import type Big from 'big.js';
import { type Numeric, toExact } from '../../core/decimal.js';
import { fail } from '../../core/errors.js';
import { add, cmp, div, E0, E1, type Exact, mul, neg, sign, toResult } from '../../core/exact.js';
import { expectChoice, expectKnownFields, expectRecord, isList, required } from '../../core/input.js';
import { naturalOf } from '../../engine/contract.js';
import { buildLiquidationIndex } from '../../engine/index/build.js';
import { liquidatable } from '../../engine/index/queries.js';
import type { LiquidationIndex } from '../../engine/index/state.js';
import { removeFromIndex, replaceInIndex } from '../../engine/index/updates.js';
import { exactIsolatedState, liquidationPriceOf } from '../../engine/isolated.js';
import { healthOfLeg, type Leg, makeLeg, pnlAtX } from '../../engine/legs.js';
import { isolatedLiquidationStep, readPolicy } from '../../engine/partial/policies.js';
import { liquidatableAt } from '../../engine/trigger.js';
import type { Market } from '../../model/market.js';
import type { LiquidationPolicy } from '../../model/policy.js';
import { type AccountEntry, type Book, bookState, type IsolatedEntry } from './book.js';
import { type Impact, type ImpactModel, readImpact } from './impact.js';

/**
 * The exogenous price path of a cascade (closed): `steps` steps, and per symbol either a total
 * relative `shock` reached in equal steps (−0.15 for −15%) or an explicit `path` of marks, one per
 * step. Symbols with neither keep their mark.
 *
 * @example
 * ```ts
 * import type { CascadeScenario } from 'liqmath';
 *
 * const crash: CascadeScenario = { steps: 100, shock: { BTCUSDT: '-0.2', ETHUSDT: '-0.25' } };
 * ```
 * @group Stress
 */
export interface CascadeScenario {
  readonly steps: number;
  readonly shock?: Readonly<Record<string, Numeric>>;
  readonly path?: Readonly<Record<string, readonly Numeric[]>>;
}

/**
 * Options of {@link simulateCascade} (closed).
 *
 * @example
 * ```ts
 * import type { CascadeOptions } from 'liqmath';
 *
 * const options: CascadeOptions = { impact: { kind: 'linear', lambda: '1e-8' }, liquidationFeeRate: '0.005', adl: 'pro-rata' };
 * ```
 * @group Stress
 */
export interface CascadeOptions {
  /** One model for every symbol, or one per symbol (absent symbols: none). Default none. */
  readonly impact?: ImpactModel | Readonly<Record<string, ImpactModel>>;
  /** The share of the accumulated impact that fades at the end of each step, in [0, 1]; default 0 (permanent). */
  readonly decay?: Numeric;
  /** Fee on the notional a liquidation closes, paid to the insurance fund from what margin is left; default 0. */
  readonly liquidationFeeRate?: Numeric;
  /**
   * Where what is left of a liquidated margin goes after the fee: `'fund'` (the default: settled
   * against the bankruptcy price, the whole margin is lost and a fill better than bankruptcy goes
   * to the insurance fund, as BitMEX, Bybit and Binance settle) or `'trader'` (back to the trader).
   */
  readonly surplus?: 'fund' | 'trader';
  /**
   * A venue's partial-liquidation policy per symbol (`venue.partialLiquidation`: tier step-down,
   * fraction, capped, shortage): an isolated position of that symbol is liquidated by the policy's
   * steps, one per round, while it stays liquidatable (cooldowns are not modelled); cross accounts
   * and symbols without a policy are closed in full.
   */
  readonly policies?: Readonly<Record<string, LiquidationPolicy>>;
  /** How ADL picks whose profit covers a loss the fund cannot: `'ranking'` (PnL × leverage, highest first; the default) or `'pro-rata'` (by profit). */
  readonly adl?: 'ranking' | 'pro-rata';
  /** Liquidation rounds within one step before it stops (`limited` in the trace); default 10,000. */
  readonly maxIterationsPerStep?: number;
  /** Called after each step with its number and the number of steps (for progress output). */
  readonly onStep?: (step: number, steps: number) => void;
}

/**
 * Liquidated notional of one symbol (at the fill price), by the side of the positions closed.
 *
 * @example
 * ```ts
 * import type { SideNotional } from 'liqmath';
 *
 * const total = (n: SideNotional) => n.long.plus(n.short);
 * ```
 * @group Stress
 */
export interface SideNotional {
  readonly long: Big;
  readonly short: Big;
}

/**
 * One step of a cascade.
 *
 * @example
 * ```ts
 * import type { CascadeStep } from 'liqmath';
 *
 * const line = (s: CascadeStep) => `${s.step}: ${s.liquidations} liquidations in ${s.iterations} rounds`;
 * ```
 * @group Stress
 */
export interface CascadeStep {
  /** 1 for the first step. */
  readonly step: number;
  /** The exogenous mark of each symbol at this step. */
  readonly exogenous: Readonly<Record<string, Big>>;
  /** Each symbol's mark at the end of the step, impact included. */
  readonly marks: Readonly<Record<string, Big>>;
  /** Liquidation rounds until the fixed point (0 when nothing was liquidatable). */
  readonly iterations: number;
  /** Liquidations in the step: positions and accounts closed, and partial steps (counted in `partial` too). */
  readonly liquidations: number;
  /** Of those, the partial steps of isolated positions under their market's policy. */
  readonly partial: number;
  readonly liquidated: Readonly<Record<string, SideNotional>>;
  /**
   * Per settle currency: paid to the fund by liquidations (the fee, and with `surplus: 'fund'` what
   * was left above the bankruptcy price), losses the fund paid, losses ADL took, losses left unpaid.
   */
  readonly fees: Readonly<Record<string, Big>>;
  readonly fundPaid: Readonly<Record<string, Big>>;
  readonly adl: Readonly<Record<string, Big>>;
  readonly badDebt: Readonly<Record<string, Big>>;
  /** The fund of each settle currency after the step. */
  readonly fund: Readonly<Record<string, Big>>;
  /** Each haircut ADL took from a winning position or account in the step, by id. */
  readonly haircuts: readonly { readonly id: string; readonly amount: Big }[];
  /** The step stopped at `maxIterationsPerStep` before a fixed point. */
  readonly limited: boolean;
  /** Some flow went beyond a ladder's last level. */
  readonly ladderExhausted: boolean;
  /** Some impacted price would have fallen to 0 or below and was held at the smallest price (see docs). */
  readonly floored: boolean;
}

/**
 * What moved in one settle currency over a run, from the trader's side: traders' realised
 * change (liquidated positions' PnL less fees, plus the loss beyond their margin that others paid,
 * less ADL haircuts), the fund's change, the fills' counterparties (the market), and the loss
 * nobody paid. `traders + fund + market − badDebt` is exactly 0: nothing is created or lost.
 *
 * @example
 * ```ts
 * import type { CascadeLedger } from 'liqmath';
 *
 * const balanced = (l: CascadeLedger) => l.balance.eq(0);
 * ```
 * @group Stress
 */
export interface CascadeLedger {
  readonly traders: Big;
  readonly fund: Big;
  readonly market: Big;
  readonly badDebt: Big;
  /** traders + fund + market − badDebt. */
  readonly balance: Big;
}

/**
 * A cascade's trace and aggregates.
 *
 * @example
 * ```ts
 * import type { CascadeResult } from 'liqmath';
 *
 * const amplified = (r: CascadeResult, symbol: string) => r.amplification[symbol]?.gt(1) ?? false;
 * ```
 * @group Stress
 */
export interface CascadeResult {
  readonly steps: readonly CascadeStep[];
  readonly liquidations: number;
  readonly liquidated: Readonly<Record<string, SideNotional>>;
  /** Per symbol: the final move ÷ the exogenous move (null where the exogenous move is 0). */
  readonly amplification: Readonly<Record<string, Big | null>>;
  /** Per settle currency: the fund at the start less its lowest balance over the run. */
  readonly fundDrawdown: Readonly<Record<string, Big>>;
  readonly badDebt: Readonly<Record<string, Big>>;
  /** Positions and accounts that lost profit to ADL. */
  readonly deleveraged: number;
  /** The last step with a liquidation (null when none): the run was stable after it. */
  readonly stabilisedAfter: number | null;
  readonly ledger: Readonly<Record<string, CascadeLedger>>;
}

interface LiveIsolated {
  readonly entry: IsolatedEntry;
  /** The position as it is now: smaller after a partial liquidation. */
  leg: Leg;
  margin: Exact;
  open: boolean;
}

interface LiveAccount {
  readonly entry: AccountEntry;
  collateral: Exact;
  open: boolean;
  /**
   * A float guide to skip exact checks far from liquidation: the surplus at the last exact check,
   * each leg's x then, and how fast the surplus can fall per unit of x (see {@link mayBeDue}).
   * null until the first check, and after a haircut.
   */
  guide: { surplus: number; xs: Float64Array; rates: Float64Array; jumps: Float64Array; scale: number } | null;
  /** Each leg's symbol as its position in the book's list of symbols (for the guide's floats). */
  readonly slots: Int32Array;
}

type Live = LiveIsolated | LiveAccount;

/** Per settle currency sums of the run. */
interface Money {
  traders: Exact;
  fund: Exact;
  market: Exact;
  badDebt: Exact;
}

/**
 * Runs a book through an exogenous price path. At each step every symbol moves to its exogenous
 * mark plus the impact carried from earlier steps; then rounds of liquidation until none is new:
 * every position and account liquidatable at the current marks is closed in full (ties by id),
 * their orders' net notional per symbol moves the price by the impact model, and they fill at the
 * moved price; a fill beyond a position's bankruptcy price leaves a loss, paid by the fund of its
 * settle currency, then by ADL haircuts on the profit of the opposite side of the same symbols,
 * and what is left is bad debt. The moved prices start the next round. Deterministic: the same
 * input gives the same trace.
 *
 * Cost: each round queries the liquidation index of the isolated positions (O(log n + k)) and
 * values the cross accounts holding a moved symbol (O(legs)); see docs/stress.md for figures.
 *
 * @throws {@link LiqMathError} `INVALID_TYPE` (`book` not from {@link defineBook}; options or scenario not
 * objects), `UNKNOWN_FIELD`, `MISSING_FIELD` (`scenario.steps`, a model's fields), `INVALID_OPTION`
 * (`steps` or `maxIterationsPerStep` not a whole number ≥ 1, a path of the wrong length, both a shock and a
 * path for a symbol, `adl`, an impact `kind`), `UNKNOWN_SYMBOL` (a shock, path or impact for a symbol the
 * book does not hold), `INVALID_NUMBER`, `NUMBER_OUT_OF_RANGE` (a shock at or below −1), `NOT_POSITIVE`,
 * `NEGATIVE`, `RATE_OUT_OF_RANGE` (`decay` outside [0, 1], `liquidationFeeRate` outside [0, 1)),
 * `TIERS_EMPTY`, `TIER_CAP_NOT_INCREASING` (a ladder), `TOO_LARGE` (more than `LIMITS.cascadeSteps` steps)
 *
 * @example
 * ```ts
 * import { defineBook, defineMarket, defineTiers, simulateCascade } from 'liqmath';
 *
 * const tiers = defineTiers([{ cap: null, maintenanceMarginRate: '0.01', maxLeverage: 50 }]);
 * const btc = defineMarket({ symbol: 'BTC', contract: 'linear', settle: 'USD', tiers });
 * // five longs of 1 BTC at 100,000 whose liquidation prices are 95,000, 94,000 … 91,000
 * const positions = ['5950', '6940', '7930', '8920', '9910'].map((margin, k) => ({
 *   id: `p${k}`, market: btc, side: 'long' as const, size: 1, entryPrice: 100000, margin,
 * }));
 * const book = defineBook({ marks: { BTC: 100000 }, positions });
 * const crash = { steps: 1, shock: { BTC: '-0.05' } };
 * // each liquidation sells 100,000 of notional; at λ = 10⁻⁷ that moves the price 1%: a cascade
 * const run = simulateCascade(book, crash, { impact: { kind: 'linear', lambda: '1e-7' } });
 * run.liquidations; //=> 5
 * run.steps[0]?.marks.BTC?.toString(); //=> '90000'
 * run.amplification.BTC?.toString(); //=> '2'
 * // at half the impact the first liquidation moves the price 0.5% and nobody else is reached
 * simulateCascade(book, crash, { impact: { kind: 'linear', lambda: '5e-8' } }).liquidations; //=> 1
 * ```
 * @group Stress
 */
export function simulateCascade(book: Book, scenario: CascadeScenario, options?: CascadeOptions): CascadeResult {
  const state = bookState(book);
  const symbols = [...state.markets.keys()];
  const { steps, exogenousAt } = readScenario(scenario, state.prices, symbols);
  const config = readCascadeOptions(options, symbols);

  const live = new Map<string, Live>();
  for (const entry of state.isolated) live.set(entry.id, { entry, leg: entry.leg, margin: entry.margin, open: true });
  for (const entry of state.accounts)
    live.set(entry.id, {
      entry,
      collateral: entry.collateral,
      open: true,
      guide: null,
      slots: Int32Array.from(entry.legs, (leg) => symbols.indexOf(leg.market.symbol)),
    });
  let index = buildLiquidationIndex(state.isolated.map((entry) => indexed(live.get(entry.id) as LiveIsolated)));
  const accounts = state.accounts.map((entry) => live.get(entry.id) as LiveAccount);
  const opposite = oppositeHolders(state.isolated, state.accounts, live);

  const funds = new Map(state.funds);
  const lowest = new Map(state.funds);
  const money = new Map<string, Money>(
    [...state.funds.keys()].map((c) => [c, { traders: E0, fund: E0, market: E0, badDebt: E0 }]),
  );
  const carried = new Map(symbols.map((s) => [s, E0]));
  const marks = new Map(state.prices);
  const total = new Map(symbols.map((s) => [s, { long: E0, short: E0 }]));
  const trace: CascadeStep[] = [];
  let liquidations = 0;
  let stabilisedAfter: number | null = null;
  const deleveraged = new Set<string>();
  const adlTaken = new Map<string, Exact>();

  for (let step = 1; step <= steps; step += 1) {
    const exogenous = new Map(symbols.map((s) => [s, exogenousAt(s, step)]));
    const flow = new Map(symbols.map((s) => [s, E0]));
    const stepNotional = new Map(symbols.map((s) => [s, { long: E0, short: E0 }]));
    const sums = {
      fees: new Map<string, Exact>(),
      fundPaid: new Map<string, Exact>(),
      adl: new Map<string, Exact>(),
      badDebt: new Map<string, Exact>(),
    };
    const haircuts: { id: string; amount: Exact }[] = [];
    const pending = new Map<string, Pending>();
    const stepHaircuts: { id: string; amount: Exact }[] = [];
    let flags = { ladderExhausted: false, floored: false };
    const priceNow = (symbol: string): Exact => {
      const reference = state.prices.get(symbol) as Exact;
      const { move, exhausted } = config.impact(symbol).move(flow.get(symbol) as Exact);
      if (exhausted) flags = { ...flags, ladderExhausted: true };
      const raw = add(add(exogenous.get(symbol) as Exact, carried.get(symbol) as Exact), neg(mul(reference, move)));
      const market = state.markets.get(symbol) as Market;
      const priced = onTick(raw, market);
      if (sign(priced) > 0) return priced;
      flags = { ...flags, floored: true };
      return smallestPrice(market, reference);
    };
    for (const symbol of symbols) marks.set(symbol, priceNow(symbol));
    let iterations = 0;
    let stepLiquidations = 0;
    let stepPartial = 0;
    let limited = false;
    for (;;) {
      const due = dueEntries(state, symbols, marks, index, live, accounts);
      if (due.length === 0) break;
      if (iterations === config.maxIterations) {
        limited = true;
        break;
      }
      iterations += 1;
      // The venue's step for an isolated position whose market has a policy, decided at the mark
      // it was found at: the contracts it closes, or null to close it all.
      const partial = new Map<Live, Exact>();
      for (const holder of due) {
        const policy = holder.entry.kind === 'isolated' ? config.policies.get(holder.entry.symbol) : undefined;
        if (policy === undefined) continue;
        const size = stepSize(holder as LiveIsolated, policy, marks);
        if (size !== null) partial.set(holder, size);
      }
      // Orders: the size each closes, as notional at the symbol's starting mark (so that an impact
      // model calibrated in notional stays linear in size through the run).
      for (const holder of due) {
        const share = partial.get(holder);
        for (const leg of legsOf(holder)) {
          const x = state.marks.get(leg.market.symbol) as Exact;
          const notional = share === undefined ? mul(leg.k, x) : mul(mul(share, leg.compiled.contractSize), x);
          const symbol = leg.market.symbol;
          flow.set(symbol, add(flow.get(symbol) as Exact, leg.sign === 1 ? notional : neg(notional)));
        }
      }
      for (const symbol of symbols) marks.set(symbol, priceNow(symbol));
      for (const holder of due) {
        stepLiquidations += 1;
        const share = partial.get(holder);
        if (
          share !== undefined &&
          reduce(holder as LiveIsolated, share, marks, config.feeRate, stepNotional, money, funds)
        ) {
          stepPartial += 1;
          index = replaceInIndex(index, indexed(holder as LiveIsolated));
          continue;
        }
        holder.open = false;
        if (holder.entry.kind === 'isolated') index = removeFromIndex(index, holder.entry.id);
        const settled = settle(holder, marks, config.feeRate, stepNotional);
        const currency = holder.entry.settle;
        const ledger = money.get(currency) as Money;
        const fund = funds.get(currency) ?? E0;
        const fromFund = cmp(settled.deficit, fund) <= 0 ? settled.deficit : fund;
        const uncovered = add(settled.deficit, neg(fromFund));
        const toFund = config.surplus === 'fund' ? add(settled.fee, settled.rest) : settled.fee;
        funds.set(currency, add(add(fund, toFund), neg(fromFund)));
        const lowestNow = lowest.get(currency) ?? E0;
        if (cmp(funds.get(currency) as Exact, lowestNow) < 0) lowest.set(currency, funds.get(currency) as Exact);
        ledger.traders = add(ledger.traders, add(add(settled.pnl, neg(toFund)), settled.deficit));
        ledger.fund = add(ledger.fund, add(toFund, neg(fromFund)));
        ledger.market = add(ledger.market, neg(settled.pnl));
        bump(sums.fees, currency, toFund);
        bump(sums.fundPaid, currency, fromFund);
        if (sign(uncovered) > 0) owe(pending, holder, uncovered, marks);
      }
      // What no fund covered, by symbol and side, socialised once per round (ties by key).
      for (const key of [...pending.keys()].sort()) {
        const { symbol, side, currency, loss } = pending.get(key) as Pending;
        const taken = socialise(symbol, side, loss, marks, opposite, config.adl, haircuts, adlTaken);
        const unpaid = add(loss, neg(taken));
        const ledger = money.get(currency) as Money;
        ledger.traders = add(ledger.traders, neg(taken));
        ledger.badDebt = add(ledger.badDebt, unpaid);
        bump(sums.adl, currency, taken);
        bump(sums.badDebt, currency, unpaid);
      }
      pending.clear();
      // Haircuts changed winners' margins: their liquidation prices move.
      for (const cut of haircuts.splice(0)) {
        deleveraged.add(cut.id);
        const holder = live.get(cut.id) as Live;
        if (holder.entry.kind === 'isolated' && holder.open) {
          index = replaceInIndex(index, indexed(holder as LiveIsolated));
        }
        stepHaircuts.push(cut);
      }
    }
    liquidations += stepLiquidations;
    if (stepLiquidations > 0) stabilisedAfter = step;
    for (const symbol of symbols) {
      const move = neg(
        mul(state.prices.get(symbol) as Exact, config.impact(symbol).move(flow.get(symbol) as Exact).move),
      );
      carried.set(symbol, mul(add(carried.get(symbol) as Exact, move), add(E1, neg(config.decay))));
      const t = total.get(symbol) as { long: Exact; short: Exact };
      const s = stepNotional.get(symbol) as { long: Exact; short: Exact };
      total.set(symbol, { long: add(t.long, s.long), short: add(t.short, s.short) });
    }
    trace.push(
      Object.freeze({
        step,
        exogenous: record(symbols, (s) => exogenous.get(s) as Exact),
        marks: record(symbols, (s) => marks.get(s) as Exact),
        iterations,
        liquidations: stepLiquidations,
        partial: stepPartial,
        liquidated: sideRecord(symbols, stepNotional),
        fees: currencyRecord(funds, sums.fees),
        fundPaid: currencyRecord(funds, sums.fundPaid),
        adl: currencyRecord(funds, sums.adl),
        badDebt: currencyRecord(funds, sums.badDebt),
        fund: record([...funds.keys()], (c) => funds.get(c) as Exact),
        haircuts: Object.freeze(
          stepHaircuts.splice(0).map((h) => Object.freeze({ id: h.id, amount: toResult(h.amount) })),
        ),
        limited,
        ladderExhausted: flags.ladderExhausted,
        floored: flags.floored,
      }),
    );
    config.onStep?.(step, steps);
  }
  return Object.freeze({
    steps: Object.freeze(trace),
    liquidations,
    liquidated: sideRecord(symbols, total),
    amplification: record(symbols, (s) =>
      amplification(state.prices.get(s) as Exact, exogenousAt(s, steps), marks.get(s) as Exact),
    ),
    fundDrawdown: record([...funds.keys()], (c) => add(state.funds.get(c) ?? E0, neg(lowest.get(c) ?? E0))),
    badDebt: record([...money.keys()], (c) => (money.get(c) as Money).badDebt),
    deleveraged: deleveraged.size,
    stabilisedAfter,
    ledger: Object.freeze(
      Object.fromEntries(
        [...money].map(([c, m]) => [
          c,
          Object.freeze({
            traders: toResult(m.traders),
            fund: toResult(m.fund),
            market: toResult(m.market),
            badDebt: toResult(m.badDebt),
            balance: toResult(add(add(add(m.traders, m.fund), m.market), neg(m.badDebt))),
          }),
        ]),
      ),
    ),
  });
}

/**
 * The contracts a venue's policy closes in one step of an isolated position at the marks, or null
 * when it closes the whole position (or says nothing to close). The margin goes in as a decimal
 * (rounded once at 50 places when it is a fraction), as every public function takes it.
 */
function stepSize(holder: LiveIsolated, policy: LiquidationPolicy, marks: ReadonlyMap<string, Exact>): Exact | null {
  const leg = holder.leg;
  if (sign(holder.margin) < 0) return null;
  const step = isolatedLiquidationStep(
    leg.market,
    {
      side: leg.sign === 1 ? 'long' : 'short',
      size: toResult(leg.size),
      entryPrice: toResult(leg.entryPrice),
      margin: toResult(holder.margin),
    },
    policy,
    { markPrice: toResult(marks.get(leg.market.symbol) as Exact) },
  );
  if (step.status !== 'close' || step.full) return null;
  const size = toExact(step.size, 'size', 'positive');
  return cmp(size, leg.size) < 0 ? size : null;
}

/**
 * A partial liquidation of `closed` contracts at the marks: the slice's PnL and fee come out of the
 * margin, the rest of the position stays open with what is left. False (nothing done) when the
 * slice would leave the margin below zero: then the whole position is closed instead.
 */
function reduce(
  holder: LiveIsolated,
  closed: Exact,
  marks: ReadonlyMap<string, Exact>,
  feeRate: Exact,
  notional: Map<string, { long: Exact; short: Exact }>,
  money: Map<string, Money>,
  funds: Map<string, Exact>,
): boolean {
  const leg = holder.leg;
  const x = naturalOf(leg.market.contract, marks.get(leg.market.symbol) as Exact);
  const share = div(closed, leg.size);
  const pnl = mul(pnlAtX(leg, x), share);
  const value = mul(mul(closed, leg.compiled.contractSize), x);
  const fee = mul(feeRate, value);
  const margin = add(add(holder.margin, pnl), neg(fee));
  if (sign(margin) < 0) return false;
  holder.margin = margin;
  holder.leg = makeLeg(
    { market: leg.market, sign: leg.sign, size: add(leg.size, neg(closed)), entryPrice: leg.entryPrice },
    'position',
  );
  const currency = holder.entry.settle;
  const ledger = money.get(currency) as Money;
  ledger.traders = add(ledger.traders, add(pnl, neg(fee)));
  ledger.fund = add(ledger.fund, fee);
  ledger.market = add(ledger.market, neg(pnl));
  funds.set(currency, add(funds.get(currency) ?? E0, fee));
  const sides = notional.get(leg.market.symbol) as { long: Exact; short: Exact };
  notional.set(
    leg.market.symbol,
    leg.sign === 1 ? { ...sides, long: add(sides.long, value) } : { ...sides, short: add(sides.short, value) },
  );
  return true;
}

/** An isolated entry as the index holds it, at a margin. */
function indexed(holder: LiveIsolated) {
  return {
    id: holder.entry.id,
    symbol: holder.entry.symbol,
    side: holder.leg.sign === 1 ? ('long' as const) : ('short' as const),
    liquidationPrice: liquidationPriceOf(exactIsolatedState(holder.leg, holder.margin)),
  };
}

function legsOf(holder: Live): readonly Leg[] {
  return holder.entry.kind === 'isolated' ? [(holder as LiveIsolated).leg] : holder.entry.legs;
}

/** Everything liquidatable at the marks, by id: isolated positions the index finds (each checked exactly), cross accounts valued exactly. */
function dueEntries(
  state: ReturnType<typeof bookState>,
  symbols: readonly string[],
  marks: ReadonlyMap<string, Exact>,
  index: LiquidationIndex,
  live: ReadonlyMap<string, Live>,
  accounts: readonly LiveAccount[],
): Live[] {
  const due: Live[] = [];
  // Each symbol's x as a float, once per round, for the accounts' guides.
  const floats = Float64Array.from(symbols, (symbol) =>
    toFloat(naturalOf((state.markets.get(symbol) as Market).contract, marks.get(symbol) as Exact)),
  );
  for (const [symbol, market] of state.markets) {
    const mark = marks.get(symbol) as Exact;
    const x = naturalOf(market.contract, mark);
    const equality = market.liquidatableWhen === 'equity ≤ requirement';
    for (const id of liquidatable(index, symbol, toResult(mark))) {
      const holder = live.get(id) as LiveIsolated;
      const surplus = isolatedSurplus(holder, x);
      if (liquidatableAt(surplus, equality)) due.push(holder);
    }
  }
  for (const holder of accounts) {
    if (!holder.open || !mayBeDue(holder, floats)) continue;
    let surplus = holder.collateral;
    let equalityAny = false;
    for (const leg of holder.entry.legs) {
      surplus = add(surplus, healthOfLeg(leg, naturalOf(leg.market.contract, marks.get(leg.market.symbol) as Exact)));
      equalityAny ||= leg.market.liquidatableWhen === 'equity ≤ requirement';
    }
    if (liquidatableAt(surplus, equalityAny)) due.push(holder);
    else guideAt(holder, surplus, marks);
  }
  return due.sort((a, b) => (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
}

/**
 * Whether an account may have become liquidatable since its last exact check. Between checks the
 * surplus falls at most by Σ (|PnL slope| + the steepest rate of the leg's table × k + its fee
 * slope) × |Δx| per leg, plus, where the table jumps at its caps (flat), the largest possible jump,
 * k × the last rate × the larger x; while the surplus of the last check exceeds that bound by a
 * margin far above float error (10⁻⁹ of the account's scale), the account cannot be liquidatable
 * and no exact check is made. The float only skips work; every liquidation is decided exactly, and
 * any float that is not finite sends the account to the exact check.
 */
function mayBeDue(holder: LiveAccount, floats: Float64Array): boolean {
  const guide = holder.guide;
  if (guide === null) return true;
  let fall = 0;
  const legs = holder.entry.legs;
  for (let k = 0; k < legs.length; k += 1) {
    const then = guide.xs[k] as number;
    const x = floats[holder.slots[k] as number] as number;
    fall += (guide.rates[k] as number) * Math.abs(x - then) + (guide.jumps[k] as number) * Math.max(x, then);
  }
  return !(guide.surplus - fall > 1e-9 * guide.scale);
}

/** Records an exact check's surplus and marks as the account's guide. */
function guideAt(holder: LiveAccount, surplus: Exact, marks: ReadonlyMap<string, Exact>): void {
  const legs = holder.entry.legs;
  const xs = new Float64Array(legs.length);
  const rates = new Float64Array(legs.length);
  const jumps = new Float64Array(legs.length);
  let scale = Math.abs(toFloat(holder.collateral));
  legs.forEach((leg, k) => {
    const x = toFloat(naturalOf(leg.market.contract, marks.get(leg.market.symbol) as Exact));
    const tiers = leg.compiled.table.tiers;
    const size = toFloat(leg.k);
    const steepest = toFloat((tiers[tiers.length - 1] as (typeof tiers)[number]).rate);
    xs[k] = x;
    rates[k] = Math.abs(toFloat(leg.pnl.slope)) + size * steepest + toFloat(leg.feeSlope);
    // A table whose requirement jumps at a cap (no deduction keeps it continuous) may jump by up to
    // the whole requirement at the last rate.
    const continuous =
      tiers.length === 1 ||
      leg.fixedMaintenance !== null ||
      leg.fixedTier !== null ||
      tiers.every((t, n) => n === 0 || sign(t.deduction) !== 0);
    jumps[k] = continuous ? 0 : size * steepest;
    scale += size * x;
  });
  holder.guide = { surplus: toFloat(surplus), xs, rates, jumps, scale };
}

/** A float of an exact value (for the guide only); NaN never arises unnoticed: see {@link mayBeDue}. */
function toFloat(value: Exact): number {
  const quick = Number(value.n) / Number(value.d);
  return Number.isFinite(quick) ? quick : Number(toResult(value).toPrecision(17));
}

function isolatedSurplus(holder: LiveIsolated, x: Exact): Exact {
  const state = exactIsolatedState(holder.leg, holder.margin);
  return add(state.margin, healthOfLeg(state.leg, x));
}

/** Closes a holder in full at the marks: its PnL there, the fee it can pay, the loss beyond its margin. */
function settle(
  holder: Live,
  marks: ReadonlyMap<string, Exact>,
  feeRate: Exact,
  notional: Map<string, { long: Exact; short: Exact }>,
): { pnl: Exact; fee: Exact; rest: Exact; deficit: Exact } {
  let pnl = E0;
  let closed = E0;
  for (const leg of legsOf(holder)) {
    const symbol = leg.market.symbol;
    const x = naturalOf(leg.market.contract, marks.get(symbol) as Exact);
    pnl = add(pnl, pnlAtX(leg, x));
    const value = mul(leg.k, x);
    closed = add(closed, value);
    const sides = notional.get(symbol) as { long: Exact; short: Exact };
    notional.set(
      symbol,
      leg.sign === 1 ? { ...sides, long: add(sides.long, value) } : { ...sides, short: add(sides.short, value) },
    );
  }
  const held = holder.entry.kind === 'isolated' ? (holder as LiveIsolated).margin : (holder as LiveAccount).collateral;
  const equity = add(held, pnl);
  const due = mul(feeRate, closed);
  const fee = sign(equity) <= 0 ? E0 : cmp(due, equity) <= 0 ? due : equity;
  // What is left after the fee: the trader's, or (settled against the bankruptcy price) the fund's.
  const rest = sign(equity) <= 0 ? E0 : add(equity, neg(fee));
  return { pnl, fee, rest, deficit: sign(equity) < 0 ? neg(equity) : E0 };
}

/** Holders by symbol with their legs there, for ADL. */
function oppositeHolders(
  isolated: readonly IsolatedEntry[],
  accounts: readonly AccountEntry[],
  live: ReadonlyMap<string, Live>,
): ReadonlyMap<string, { readonly holder: Live; readonly leg: Leg }[]> {
  const bySymbol = new Map<string, { holder: Live; leg: Leg }[]>();
  const put = (holder: Live, leg: Leg) => {
    const list = bySymbol.get(leg.market.symbol) ?? [];
    list.push({ holder, leg });
    bySymbol.set(leg.market.symbol, list);
  };
  for (const entry of isolated) put(live.get(entry.id) as Live, entry.leg);
  for (const entry of accounts) for (const leg of entry.legs) put(live.get(entry.id) as Live, leg);
  return bySymbol;
}

/** A loss no fund covered, owed by the positions of one side of one symbol. */
interface Pending {
  readonly symbol: string;
  /** The side of the bankrupt positions: ADL takes from the other. */
  readonly side: 1 | -1;
  readonly currency: string;
  loss: Exact;
}

/**
 * Files a bankrupt holder's uncovered loss under the symbol and side of its losing position: the
 * position itself when isolated, and for a cross account its leg with the largest loss (ties: the
 * first), so that the loss is carried whole (no share of it is a new fraction).
 */
function owe(pending: Map<string, Pending>, holder: Live, loss: Exact, marks: ReadonlyMap<string, Exact>): void {
  const legs = legsOf(holder);
  let worst = legs[0] as Leg;
  let worstPnl: Exact | null = null;
  if (legs.length > 1) {
    for (const leg of legs) {
      const pnl = pnlAtX(leg, naturalOf(leg.market.contract, marks.get(leg.market.symbol) as Exact));
      if (worstPnl === null || cmp(pnl, worstPnl) < 0) {
        worst = leg;
        worstPnl = pnl;
      }
    }
  }
  const key = `${worst.market.symbol}\u0000${worst.sign}`;
  const known = pending.get(key);
  if (known === undefined)
    pending.set(key, { symbol: worst.market.symbol, side: worst.sign, currency: holder.entry.settle, loss });
  else known.loss = add(known.loss, loss);
}

/**
 * ADL as a haircut: a loss no fund covers is taken from the unrealised profit of the open positions
 * on the other side of the symbol — highest PnL × leverage first (ties by id), or in proportion to
 * profit — each at most its profit there, from its margin or collateral.
 */
function socialise(
  symbol: string,
  side: 1 | -1,
  loss: Exact,
  marks: ReadonlyMap<string, Exact>,
  bySymbol: ReadonlyMap<string, readonly { readonly holder: Live; readonly leg: Leg }[]>,
  mode: 'ranking' | 'pro-rata',
  haircuts: { id: string; amount: Exact }[],
  taken: Map<string, Exact>,
): Exact {
  const mark = marks.get(symbol) as Exact;
  const candidates: Candidate[] = [];
  for (const other of bySymbol.get(symbol) ?? []) {
    if (!other.holder.open || other.leg.sign === side) continue;
    // An isolated position's leg as it is now (a partial liquidation made it smaller).
    const leg = other.holder.entry.kind === 'isolated' ? (other.holder as LiveIsolated).leg : other.leg;
    const key = `${other.holder.entry.id}\u0000${leg.market.symbol}\u0000${leg.sign}`;
    const x = naturalOf(leg.market.contract, mark);
    // In profit, decided exactly: the PnL line rises with x (or falls) through the entry's x.
    if (cmp(x, leg.entryX) * sign(leg.pnl.slope) <= 0) continue;
    // Profit already taken by ADL is gone: only what is left can pay again.
    const before = taken.get(key) ?? null;
    const left = before === null ? null : add(pnlAtX(leg, x), neg(before));
    if (left !== null && sign(left) <= 0) continue;
    candidates.push({ id: other.holder.entry.id, holder: other.holder, leg, key, x, profit: left, taken: before });
  }
  if (candidates.length === 0) return E0;
  const ordered = mode === 'pro-rata' ? candidates : ranked(candidates, loss, marks);
  const profitOf = (c: Candidate) => (c.profit ??= pnlAtX(c.leg, c.x));
  const cuts: [Candidate, Exact][] = [];
  let available = E0;
  for (const c of ordered) available = add(available, profitOf(c));
  if (mode === 'pro-rata' || cmp(available, loss) <= 0) {
    // Everyone in proportion (or everything, when the profit does not cover the loss).
    const share = cmp(available, loss) <= 0 ? E1 : div(loss, available);
    for (const c of ordered) cuts.push([c, mul(profitOf(c), share)]);
  } else {
    let left = loss;
    for (const c of ordered) {
      if (sign(left) <= 0) break;
      const cut = cmp(profitOf(c), left) <= 0 ? profitOf(c) : left;
      cuts.push([c, cut]);
      left = add(left, neg(cut));
    }
  }
  let total = E0;
  for (const [c, cut] of cuts) {
    if (sign(cut) <= 0) continue;
    const holder = c.holder;
    if (holder.entry.kind === 'isolated')
      (holder as LiveIsolated).margin = add((holder as LiveIsolated).margin, neg(cut));
    else {
      (holder as LiveAccount).collateral = add((holder as LiveAccount).collateral, neg(cut));
      (holder as LiveAccount).guide = null;
    }
    taken.set(c.key, add(c.taken ?? E0, cut));
    haircuts.push({ id: holder.entry.id, amount: cut });
    total = add(total, cut);
  }
  return total;
}

/** A position that may pay ADL: its holder, its leg on the symbol, the symbol's x, its profit once computed. */
interface Candidate {
  readonly id: string;
  readonly holder: Live;
  readonly leg: Leg;
  /** The holder, symbol and side: what ADL took from it is kept under this key. */
  readonly key: string;
  readonly x: Exact;
  /** Profit left to take (PnL less what ADL took before); null until computed. */
  profit: Exact | null;
  /** What ADL took from this leg before, or null. */
  readonly taken: Exact | null;
}

/**
 * The candidates that pay a loss under the ranking, in exact rank order: ordered by a float score
 * first, then the shortest prefix whose exact profit covers the loss, widened by every candidate
 * whose float score is within 10⁻⁹ of the prefix's last (far beyond float error), ranked exactly.
 * Nobody outside that set can outrank someone inside it, so the allocation is the exact ranking's.
 * When the profit of everyone does not cover the loss, everyone pays all of it (order irrelevant).
 */
function ranked(candidates: Candidate[], loss: Exact, marks: ReadonlyMap<string, Exact>): Candidate[] {
  const floats = candidates.map((c) => ({ c, score: floatScore(c, marks) }));
  floats.sort((a, b) => b.score - a.score || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0));
  let covered = E0;
  let end = 0;
  while (end < floats.length && cmp(covered, loss) < 0) {
    const c = (floats[end] as (typeof floats)[number]).c;
    c.profit ??= pnlAtX(c.leg, c.x);
    covered = add(covered, c.profit);
    end += 1;
  }
  if (end === floats.length) return floats.map((f) => f.c);
  const last = (floats[end - 1] as (typeof floats)[number]).score;
  const band = last === Number.POSITIVE_INFINITY ? last : last - Math.abs(last) * 1e-9 - 1e-300;
  while (end < floats.length && (floats[end] as (typeof floats)[number]).score >= band) end += 1;
  const chosen = floats.slice(0, end).map(({ c }) => ({ c, score: exactScore(c, marks) }));
  chosen.sort((a, b) => compareScores(b.score, a.score) || (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0));
  return chosen.map(({ c }) => c);
}

/** PnL × leverage in floats, for ordering only: (profit ÷ entry notional) × (notional ÷ equity); equity ≤ 0 first. */
function floatScore(c: Candidate, marks: ReadonlyMap<string, Exact>): number {
  const line = floatLine(c.leg);
  const x = toFloat(c.x);
  const profit = line.constant + line.slope * x - (c.taken === null ? 0 : toFloat(c.taken));
  let equity = toFloat(
    c.holder.entry.kind === 'isolated' ? (c.holder as LiveIsolated).margin : (c.holder as LiveAccount).collateral,
  );
  for (const leg of legsOf(c.holder)) {
    const other = floatLine(leg);
    equity +=
      other.constant + other.slope * toFloat(naturalOf(leg.market.contract, marks.get(leg.market.symbol) as Exact));
  }
  if (!(equity > 0)) return Number.POSITIVE_INFINITY;
  const score = (profit / line.entryNotional) * ((line.k * x) / equity);
  return Number.isFinite(score) ? score : Number.POSITIVE_INFINITY;
}

/** A leg's PnL line and sizes as floats, computed once per leg (for ordering only). */
const FLOAT_LINES = new WeakMap<Leg, { slope: number; constant: number; k: number; entryNotional: number }>();

function floatLine(leg: Leg) {
  let line = FLOAT_LINES.get(leg);
  if (line === undefined) {
    line = {
      slope: toFloat(leg.pnl.slope),
      constant: toFloat(leg.pnl.constant),
      k: toFloat(leg.k),
      entryNotional: toFloat(mul(leg.k, leg.entryX)),
    };
    FLOAT_LINES.set(leg, line);
  }
  return line;
}

/** The BitMEX ranking exactly; null stands for equity ≤ 0 (ranked first). */
function exactScore(c: Candidate, marks: ReadonlyMap<string, Exact>): Exact | null {
  const equity = equityOf(c.holder, marks);
  if (sign(equity) <= 0) return null;
  c.profit ??= pnlAtX(c.leg, c.x);
  return mul(div(c.profit, mul(c.leg.k, c.leg.entryX)), div(mul(c.leg.k, c.x), equity));
}

function compareScores(a: Exact | null, b: Exact | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return cmp(a, b);
}

/** A holder's equity at the marks: its margin or collateral plus every leg's PnL. */
function equityOf(holder: Live, marks: ReadonlyMap<string, Exact>): Exact {
  let equity = holder.entry.kind === 'isolated' ? (holder as LiveIsolated).margin : (holder as LiveAccount).collateral;
  for (const leg of legsOf(holder)) {
    equity = add(equity, pnlAtX(leg, naturalOf(leg.market.contract, marks.get(leg.market.symbol) as Exact)));
  }
  return equity;
}

function bump(map: Map<string, Exact>, key: string, value: Exact): void {
  map.set(key, add(map.get(key) ?? E0, value));
}

function record<T extends Exact | null>(
  keys: readonly string[],
  value: (key: string) => T,
): Readonly<Record<string, T extends Exact ? Big : Big | null>> {
  const out: Record<string, Big | null> = {};
  for (const key of keys) {
    const v = value(key);
    out[key] = v === null ? null : toResult(v);
  }
  return Object.freeze(out) as Readonly<Record<string, T extends Exact ? Big : Big | null>>;
}

function currencyRecord(
  funds: ReadonlyMap<string, Exact>,
  sums: ReadonlyMap<string, Exact>,
): Readonly<Record<string, Big>> {
  return record([...funds.keys()], (c) => sums.get(c) ?? E0);
}

function sideRecord(symbols: readonly string[], sums: ReadonlyMap<string, { long: Exact; short: Exact }>) {
  const out: Record<string, SideNotional> = {};
  for (const symbol of symbols) {
    const s = sums.get(symbol) as { long: Exact; short: Exact };
    out[symbol] = Object.freeze({ long: toResult(s.long), short: toResult(s.short) });
  }
  return Object.freeze(out);
}

function amplification(start: Exact, exogenous: Exact, final: Exact): Exact | null {
  const move = add(exogenous, neg(start));
  return sign(move) === 0 ? null : div(add(final, neg(start)), move);
}

/** A price on the market's tick (half to even) when it has one; as it is otherwise. */
function onTick(price: Exact, market: Market): Exact {
  if (market.tickSize === null) return price;
  const tick = toExact(market.tickSize, 'tickSize', 'positive');
  const q = div(price, tick);
  const floor = q.n >= 0n ? q.n / q.d : -((-q.n + q.d - 1n) / q.d);
  const twice = 2n * (q.n - floor * q.d);
  const up = twice > q.d || (twice === q.d && floor % 2n !== 0n);
  return mul({ n: up ? floor + 1n : floor, d: 1n, s: 0 }, tick);
}

/** The smallest price a cascade holds a symbol at: one tick, or a trillionth of its starting mark. */
function smallestPrice(market: Market, reference: Exact): Exact {
  return market.tickSize !== null
    ? toExact(market.tickSize, 'tickSize', 'positive')
    : mul(reference, { n: 1n, d: 10n ** 12n, s: 12 });
}

function readScenario(value: unknown, prices: ReadonlyMap<string, Exact>, symbols: readonly string[]) {
  const record = expectRecord(value, 'scenario', 'a scenario { steps, shock?, path? }');
  expectKnownFields(record, ['steps', 'shock', 'path'], 'scenario');
  const steps = wholeNumber(required(record, 'steps', 'scenario'), 'scenario.steps', LIMITS_STEPS);
  const known = new Set(symbols);
  const shocks = new Map<string, Exact>();
  const paths = new Map<string, readonly Exact[]>();
  if (record.shock !== undefined) {
    for (const [symbol, given] of Object.entries(
      expectRecord(record.shock, 'scenario.shock', 'an object { [symbol]: relative move }'),
    )) {
      if (!known.has(symbol)) fail('UNKNOWN_SYMBOL', `scenario.shock.${symbol}`, given, 'a symbol the book holds');
      const shock = toExact(given, `scenario.shock.${symbol}`, 'any');
      if (cmp(shock, neg(E1)) <= 0)
        fail(
          'NUMBER_OUT_OF_RANGE',
          `scenario.shock.${symbol}`,
          given,
          'a relative move above −1 (a price stays positive)',
        );
      shocks.set(symbol, shock);
    }
  }
  if (record.path !== undefined) {
    for (const [symbol, given] of Object.entries(
      expectRecord(record.path, 'scenario.path', 'an object { [symbol]: marks, one per step }'),
    )) {
      if (!known.has(symbol)) fail('UNKNOWN_SYMBOL', `scenario.path.${symbol}`, given, 'a symbol the book holds');
      if (shocks.has(symbol))
        fail('INVALID_OPTION', `scenario.path.${symbol}`, given, 'a shock or a path for a symbol, not both');
      if (!isList(given) || given.length !== steps) {
        fail('INVALID_OPTION', `scenario.path.${symbol}`, given, `an array of ${steps} marks, one per step`);
      }
      paths.set(
        symbol,
        (given as readonly unknown[]).map((p, k) => toExact(p, `scenario.path.${symbol}[${k}]`, 'positive')),
      );
    }
  }
  const exogenousAt = (symbol: string, step: number): Exact => {
    const start = prices.get(symbol) as Exact;
    const path = paths.get(symbol);
    if (path !== undefined) return path[step - 1] as Exact;
    const shock = shocks.get(symbol);
    if (shock === undefined) return start;
    return mul(start, add(E1, div(mul(shock, { n: BigInt(step), d: 1n, s: 0 }), { n: BigInt(steps), d: 1n, s: 0 })));
  };
  return { steps, exogenousAt };
}

const LIMITS_STEPS = 100_000;

function wholeNumber(value: unknown, field: string, most: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    fail('INVALID_OPTION', field, value, 'a whole number, at least 1');
  }
  if (value > most) fail('TOO_LARGE', field, value, `at most ${most} (LIMITS)`);
  return value;
}

function readCascadeOptions(value: unknown, symbols: readonly string[]) {
  const record = value === undefined ? {} : expectRecord(value, 'options', 'an options object');
  expectKnownFields(
    record,
    ['impact', 'decay', 'liquidationFeeRate', 'surplus', 'adl', 'policies', 'maxIterationsPerStep', 'onStep'],
    'options',
  );
  const impacts = new Map<string, Impact>();
  let shared: Impact = readImpact(undefined, 'options.impact');
  const given = record.impact;
  if (given !== undefined) {
    const impact = expectRecord(given, 'options.impact', 'an impact model, or an object { [symbol]: impact model }');
    if (impact.kind !== undefined) shared = readImpact(given, 'options.impact');
    else {
      const known = new Set(symbols);
      for (const [symbol, model] of Object.entries(impact)) {
        if (!known.has(symbol)) fail('UNKNOWN_SYMBOL', `options.impact.${symbol}`, model, 'a symbol the book holds');
        impacts.set(symbol, readImpact(model, `options.impact.${symbol}`));
      }
    }
  }
  const decay = record.decay === undefined ? E0 : toExact(record.decay, 'options.decay', 'non-negative');
  if (cmp(decay, E1) > 0) fail('RATE_OUT_OF_RANGE', 'options.decay', record.decay, 'a share from 0 to 1');
  const feeRate =
    record.liquidationFeeRate === undefined
      ? E0
      : toExact(record.liquidationFeeRate, 'options.liquidationFeeRate', 'non-negative');
  if (cmp(feeRate, E1) >= 0)
    fail(
      'RATE_OUT_OF_RANGE',
      'options.liquidationFeeRate',
      record.liquidationFeeRate,
      'a fee rate from 0 up to (not including) 1',
    );
  const adl = record.adl === undefined ? 'ranking' : expectChoice(record.adl, ['ranking', 'pro-rata'], 'options.adl');
  const surplus =
    record.surplus === undefined ? 'fund' : expectChoice(record.surplus, ['fund', 'trader'], 'options.surplus');
  const policies = new Map<string, LiquidationPolicy>();
  if (record.policies !== undefined) {
    const known = new Set(symbols);
    for (const [symbol, policy] of Object.entries(
      expectRecord(record.policies, 'options.policies', 'an object { [symbol]: liquidation policy }'),
    )) {
      if (!known.has(symbol)) fail('UNKNOWN_SYMBOL', `options.policies.${symbol}`, policy, 'a symbol the book holds');
      // Read now, so that a bad policy is refused before the run (its errors name `policy`).
      readPolicy(policy);
      policies.set(symbol, policy as LiquidationPolicy);
    }
  }
  const maxIterations =
    record.maxIterationsPerStep === undefined
      ? 10_000
      : wholeNumber(record.maxIterationsPerStep, 'options.maxIterationsPerStep', Number.MAX_SAFE_INTEGER);
  const onStep = record.onStep;
  if (onStep !== undefined && typeof onStep !== 'function')
    fail('INVALID_TYPE', 'options.onStep', onStep, 'a function (step, steps) => void');
  return {
    impact: (symbol: string): Impact => impacts.get(symbol) ?? shared,
    decay,
    feeRate,
    adl,
    surplus,
    policies,
    maxIterations,
    onStep: onStep as ((step: number, steps: number) => void) | undefined,
  };
}
