/**
 * The differential oracle: liquidation, bankruptcy and minimum-close answers computed from the
 * *definitions* (equity, requirement, the tier of the notional at a price) in exact rationals.
 * It uses none of liqmath's closed forms, natural variable or event walk, and imports nothing
 * from `src/`:
 *
 * - the tier of a measure is the first tier whose cap is ≥ it (the last tier continues past a
 *   bounded last cap); deduction amounts come from the recurrence `cum₀ = 0`,
 *   `cumᵢ = cumᵢ₋₁ + capᵢ₋₁·(rateᵢ − rateᵢ₋₁)`;
 * - a liquidation price is the first price, moving adversely from the start, at which the
 *   position is liquidatable (equity ≤ requirement), or the boundary where that set begins;
 * - roots are found segment by segment between tier breakpoints. On a segment `h(P)·w(P)` is
 *   affine in `P` (`w = 1` linear, `w = P` inverse: multiply the definition out), so two exact
 *   evaluations inside the segment give its line, and the line its root. Nothing is iterated.
 * - the minimum close is a brute force over every multiple of the lot.
 */
import { add, cmp, div, le, lt, mul, neg, R0, R1, type Rational, rational, sign, sub, sum } from './rational.js';

export interface ModelTier {
  readonly cap: Rational | null;
  readonly rate: Rational;
}

export interface ModelMarket {
  readonly contract: 'linear' | 'inverse' | 'quanto';
  readonly contractSize: Rational;
  readonly method: 'deduction' | 'flat';
  readonly basis: 'notional' | 'contracts';
  readonly tiers: readonly ModelTier[];
  readonly maintenanceAt: 'price' | 'entry';
  readonly closeFee: null | { readonly rate: Rational; readonly on: 'mark' | 'bankruptcy' | 'reserve' };
  /** Signed: the paying side (longs when > 0) adds |rate| × entry notional to its requirement. */
  readonly fundingRate?: Rational;
  /** The trigger `<` (healthy at equality); default `≤` (liquidatable at equality). */
  readonly strictTrigger?: boolean;
}

/** Whether equity meets a requirement: strictly above it under `≤`, at least it under `<`. */
function meetsUnder(strict: boolean, equity: Rational, requirement: Rational): boolean {
  return strict ? !lt(equity, requirement) : lt(requirement, equity);
}

export interface ModelPosition {
  readonly side: 1 | -1;
  readonly size: Rational;
  readonly entry: Rational;
}

/** Notional of `size` contracts at `price`: size·CS·P (linear) or size·CS/P (inverse). */
export function notional(m: ModelMarket, size: Rational, price: Rational): Rational {
  const k = mul(size, m.contractSize);
  return m.contract !== 'inverse' ? mul(k, price) : div(k, price);
}

/** Unrealised PnL: s·k·(P − E) (linear) or s·k·(1/E − 1/P) (inverse). */
export function pnl(m: ModelMarket, p: ModelPosition, price: Rational): Rational {
  const sk = mul(rational(BigInt(p.side)), mul(p.size, m.contractSize));
  return m.contract !== 'inverse' ? mul(sk, sub(price, p.entry)) : mul(sk, sub(div(R1, p.entry), div(R1, price)));
}

/** Index of the tier of a measure: the first whose cap is ≥ it; the last one past every cap. */
export function tierIndex(m: ModelMarket, measure: Rational): number {
  const index = m.tiers.findIndex((tier) => tier.cap === null || le(measure, tier.cap));
  return index === -1 ? m.tiers.length - 1 : index;
}

/** Deduction amount of tier i by the recurrence (0 for flat tables). */
export function deduction(m: ModelMarket, i: number): Rational {
  if (m.method === 'flat') return R0;
  let cum = R0;
  for (let j = 1; j <= i; j += 1) {
    const previous = m.tiers[j - 1] as ModelTier;
    cum = add(cum, mul(previous.cap as Rational, sub((m.tiers[j] as ModelTier).rate, previous.rate)));
  }
  return cum;
}

/** Maintenance margin of `size` contracts valued at `price`, on the tier of its notional (or of its contracts). */
export function maintenanceMargin(m: ModelMarket, size: Rational, price: Rational): Rational {
  const n = notional(m, size, price);
  const i = tierIndex(m, m.basis === 'contracts' ? size : n);
  return sub(mul(n, (m.tiers[i] as ModelTier).rate), deduction(m, i));
}

/** The price at which the maintenance margin is valued: the mark, or the entry (`maintenanceAt: 'entry'`). */
function valuedAt(m: ModelMarket, p: ModelPosition, price: Rational): Rational {
  return m.maintenanceAt === 'entry' ? p.entry : price;
}

/** A function of price that is affine in P once multiplied by w(P) (1 linear, P inverse), on a segment. */
type Health = (price: Rational) => Rational;

function weight(m: ModelMarket, price: Rational): Rational {
  return m.contract !== 'inverse' ? R1 : price;
}

/** Root of an affine `g` known by two points; null when flat. */
function rootOfLine(p1: Rational, g1: Rational, p2: Rational, g2: Rational): Rational | null {
  const slope = div(sub(g2, g1), sub(p2, p1));
  return sign(slope) === 0 ? null : sub(p1, div(g1, slope));
}

/** Bankruptcy price of an isolated position: margin + PnL − (fee on the bankruptcy value) = 0; null unless > 0. */
export function bankruptcy(m: ModelMarket, p: ModelPosition, margin: Rational): Rational | null {
  const feeRate = m.closeFee?.on === 'bankruptcy' ? m.closeFee.rate : R0;
  const held = reserve(m, p, margin);
  const f: Health = (price) => sub(sub(add(margin, pnl(m, p, price)), mul(feeRate, notional(m, p.size, price))), held);
  const g = (price: Rational) => mul(f(price), weight(m, price));
  const one = R1;
  const two = rational(2n);
  const root = rootOfLine(one, g(one), two, g(two));
  return root !== null && sign(root) > 0 ? root : null;
}

/** The fee reserve R = rate·(entry notional + margin − R) (BitMEX posComm), or 0. */
export function reserve(m: ModelMarket, p: ModelPosition, margin: Rational): Rational {
  if (m.closeFee?.on !== 'reserve') return R0;
  const rate = m.closeFee.rate;
  return div(mul(rate, add(notional(m, p.size, p.entry), margin)), add(R1, rate));
}

/** Funding the position pays, in its requirement: |rate| × entry notional when its side pays. */
export function funding(m: ModelMarket, p: ModelPosition): Rational {
  const rate = m.fundingRate ?? R0;
  return sign(rate) === p.side ? mul(mul(rate, rational(BigInt(p.side))), notional(m, p.size, p.entry)) : R0;
}

/** Isolated equity − requirement at a price, by the definitions. */
export function isolatedHealth(m: ModelMarket, p: ModelPosition, margin: Rational): Health {
  const bankrupt = bankruptcy(m, p, margin);
  const bankruptcyFee =
    m.closeFee?.on === 'bankruptcy' && bankrupt !== null ? mul(m.closeFee.rate, notional(m, p.size, bankrupt)) : R0;
  return (price) => {
    const markFee = m.closeFee?.on === 'mark' ? mul(m.closeFee.rate, notional(m, p.size, price)) : R0;
    const requirement = add(
      add(add(maintenanceMargin(m, p.size, valuedAt(m, p, price)), markFee), bankruptcyFee),
      add(reserve(m, p, margin), funding(m, p)),
    );
    return sub(add(margin, pnl(m, p, price)), requirement);
  };
}

/** Prices where the tier of a position's notional changes (none when it cannot change). */
export function breakpoints(m: ModelMarket, p: ModelPosition): Rational[] {
  if (m.basis === 'contracts' || m.maintenanceAt === 'entry') return [];
  const k = mul(p.size, m.contractSize);
  return m.tiers.flatMap((tier) =>
    tier.cap === null ? [] : [m.contract !== 'inverse' ? div(tier.cap, k) : div(k, tier.cap)],
  );
}

/**
 * The first liquidatable price moving from `start` in `direction` (+1 up, −1 down), or the
 * boundary where liquidatable prices begin; null when none. `h(start)` must be > 0.
 */
export function firstLiquidatable(
  contract: 'linear' | 'inverse' | 'quanto',
  h: Health,
  start: Rational,
  direction: 1 | -1,
  cuts: readonly Rational[],
): Rational | null {
  const w = (price: Rational) => (contract !== 'inverse' ? R1 : price);
  const g = (price: Rational) => mul(h(price), w(price));
  const ahead = (a: Rational, b: Rational) => cmp(a, b) === direction; // a is beyond b
  const points = [...cuts]
    .filter((point) => sign(point) > 0 && ahead(point, start))
    .sort((a, b) => cmp(a, b) * direction)
    .filter((point, i, all) => i === 0 || cmp(point, all[i - 1] as Rational) !== 0);
  let current = start;
  for (const end of [...points, null]) {
    // Two points strictly inside (current, end): thirds, or steps of 1 (up) / thirds of current (down, to 0).
    const far = end ?? (direction === 1 ? add(current, rational(3n)) : R0);
    const p1 = add(current, div(sub(far, current), rational(3n)));
    const p2 = add(current, div(mul(sub(far, current), rational(2n)), rational(3n)));
    const g1 = g(p1);
    const g2 = g(p2);
    const slope = div(sub(g2, g1), sub(p2, p1));
    const atStart = add(g1, mul(slope, sub(current, p1))); // the segment's line at its start
    const falling = sign(slope) * direction;
    if (sign(atStart) < 0 || (sign(atStart) === 0 && falling <= 0)) return current;
    const root = rootOfLine(p1, g1, p2, g2);
    if (root !== null && ahead(root, current) && (end === null ? sign(root) > 0 : ahead(end, root))) return root;
    if (end === null) return null;
    if (sign(h(end)) <= 0) return end;
    current = end;
  }
  return null;
}

/**
 * Isolated liquidation price by the definitions. When the position is liquidatable at its entry,
 * the documented answer is where it becomes healthy moving favourably: the first price there with
 * equity ≥ requirement (the walk on −h), `fromEntry: 'healthy'`.
 */
export function isolatedLiquidation(
  m: ModelMarket,
  p: ModelPosition,
  margin: Rational,
): { price: Rational | null; fromEntry: 'liquidatable' | 'healthy' } {
  const h = isolatedHealth(m, p, margin);
  const adverse = p.side === 1 ? -1 : 1;
  const atEntry = sign(h(p.entry));
  if (atEntry === 0) return { price: p.entry, fromEntry: 'liquidatable' };
  if (atEntry > 0)
    return { price: firstLiquidatable(m.contract, h, p.entry, adverse, breakpoints(m, p)), fromEntry: 'healthy' };
  const unhealthy: Health = (price) => neg(h(price));
  return {
    price: firstLiquidatable(m.contract, unhealthy, p.entry, adverse === 1 ? -1 : 1, breakpoints(m, p)),
    fromEntry: 'liquidatable',
  };
}

export interface ModelCrossPosition extends ModelPosition {
  readonly symbol: string;
  readonly market: ModelMarket;
  readonly mark: Rational;
}

/** A cross position's requirement at a price: maintenance margin plus the fee to close at that price. */
function crossRequirement(p: ModelCrossPosition, price: Rational): Rational {
  const fee = p.market.closeFee === null ? R0 : mul(p.market.closeFee.rate, notional(p.market, p.size, price));
  return add(add(maintenanceMargin(p.market, p.size, valuedAt(p.market, p, price)), fee), funding(p.market, p));
}

/** Cross account equity − requirement with `symbol` at `price` and everything else at its mark. */
export function crossHealth(collateral: Rational, positions: readonly ModelCrossPosition[], symbol: string): Health {
  const others = positions.filter((p) => p.symbol !== symbol);
  const fixed = sum(others.map((p) => sub(pnl(p.market, p, p.mark), crossRequirement(p, p.mark))));
  const moving = positions.filter((p) => p.symbol === symbol);
  return (price) =>
    add(add(collateral, fixed), sum(moving.map((p) => sub(pnl(p.market, p, price), crossRequirement(p, price)))));
}

export type ModelCross =
  | { readonly status: 'liquidatable' }
  | { readonly status: 'healthy'; readonly below: Rational | null; readonly above: Rational | null };

export function crossLiquidation(
  collateral: Rational,
  positions: readonly ModelCrossPosition[],
  symbol: string,
): ModelCross {
  const moving = positions.filter((p) => p.symbol === symbol);
  const first = moving[0] as ModelCrossPosition;
  const h = crossHealth(collateral, positions, symbol);
  if (sign(h(first.mark)) <= 0) return { status: 'liquidatable' };
  const cuts = moving.flatMap((p) => breakpoints(p.market, p));
  return {
    status: 'healthy',
    below: firstLiquidatable(first.market.contract, h, first.mark, -1, cuts),
    above: firstLiquidatable(first.market.contract, h, first.mark, 1, cuts),
  };
}

export type ModelTarget =
  | { readonly kind: 'maintenance' }
  | { readonly kind: 'buffer'; readonly buffer: Rational }
  | { readonly kind: 'initial'; readonly leverage: Rational };

export interface ModelClose {
  readonly mark: Rational;
  readonly fill: Rational;
  readonly feeRate: Rational;
  readonly target: ModelTarget;
  readonly lot: Rational;
}

/** Equity after closing `q` of an isolated position, and what the target requires of the remainder. */
export function afterClose(
  m: ModelMarket,
  p: ModelPosition,
  margin: Rational,
  o: ModelClose,
  q: Rational,
): { equity: Rational; requirement: Rational } {
  const remainder: ModelPosition = { ...p, size: sub(p.size, q) };
  const slice: ModelPosition = { ...p, size: q };
  const equity = sub(
    add(add(margin, pnl(m, remainder, o.mark)), pnl(m, slice, o.fill)),
    mul(o.feeRate, notional(m, q, o.fill)),
  );
  if (o.target.kind === 'initial')
    return { equity, requirement: div(notional(m, remainder.size, o.mark), o.target.leverage) };
  let requirement = maintenanceMargin(m, remainder.size, valuedAt(m, p, o.mark));
  if (m.closeFee?.on === 'mark')
    requirement = add(requirement, mul(m.closeFee.rate, notional(m, remainder.size, o.mark)));
  if (m.closeFee?.on === 'bankruptcy') {
    // The remainder keeps the whole equity as its margin; its fee is charged at its own bankruptcy price.
    const bankrupt = bankruptcy(m, remainder, sub(equity, pnl(m, remainder, o.mark)));
    if (bankrupt !== null) requirement = add(requirement, mul(m.closeFee.rate, notional(m, remainder.size, bankrupt)));
  }
  if (sign(remainder.size) > 0) {
    // The remainder's reserve is held in the margin it keeps; its funding on its own entry notional.
    requirement = add(requirement, reserve(m, remainder, sub(equity, pnl(m, remainder, o.mark))));
    requirement = add(requirement, funding(m, remainder));
  }
  const factor = o.target.kind === 'buffer' ? add(R1, o.target.buffer) : R1;
  return { equity, requirement: mul(requirement, factor) };
}

export type ModelCloseResult =
  | { readonly status: 'healthy' }
  | { readonly status: 'partial'; readonly size: Rational }
  | { readonly status: 'full' };

/** The smallest multiple of the lot after which the remainder meets the target (≥), by trying every one. */
export function minimumClose(m: ModelMarket, p: ModelPosition, margin: Rational, o: ModelClose): ModelCloseResult {
  const meets = (q: Rational) => {
    const { equity, requirement } = afterClose(m, p, margin, o, q);
    return meetsUnder(m.strictTrigger === true, equity, requirement);
  };
  if (meets(R0)) return { status: 'healthy' };
  for (let q = o.lot; lt(q, p.size); q = add(q, o.lot)) {
    if (meets(q)) return le(o.lot, sub(p.size, q)) ? { status: 'partial', size: q } : { status: 'full' };
  }
  return { status: 'full' };
}

/** Equity after closing `q` of position `chosen` of a cross account, and what the target requires of the account. */
export function crossAfterClose(
  collateral: Rational,
  positions: readonly ModelCrossPosition[],
  chosen: number,
  o: ModelClose,
  q: Rational,
): { equity: Rational; requirement: Rational } {
  const own = positions[chosen] as ModelCrossPosition;
  const others = positions.filter((_, i) => i !== chosen);
  const remainder: ModelCrossPosition = { ...own, size: sub(own.size, q) };
  const slice: ModelCrossPosition = { ...own, size: q };
  const equity = sub(
    add(
      add(collateral, sum(others.map((p) => pnl(p.market, p, p.mark)))),
      add(pnl(own.market, remainder, o.mark), pnl(own.market, slice, o.fill)),
    ),
    mul(o.feeRate, notional(own.market, q, o.fill)),
  );
  const kept = sign(remainder.size) > 0 ? [...others, remainder] : others;
  if (o.target.kind === 'initial') {
    return { equity, requirement: div(sum(kept.map((p) => notional(p.market, p.size, p.mark))), o.target.leverage) };
  }
  const requirement = sum(kept.map((p) => crossRequirement(p, p.mark)));
  const factor = o.target.kind === 'buffer' ? add(R1, o.target.buffer) : R1;
  return { equity, requirement: mul(requirement, factor) };
}

/** The smallest multiple of the lot of one cross position after which the account meets the target. */
export function crossMinimumClose(
  collateral: Rational,
  positions: readonly ModelCrossPosition[],
  chosen: number,
  o: ModelClose,
): ModelCloseResult {
  const meets = (q: Rational) => {
    const { equity, requirement } = crossAfterClose(collateral, positions, chosen, o, q);
    return meetsUnder(
      positions.every((q) => q.market.strictTrigger === true),
      equity,
      requirement,
    );
  };
  const size = (positions[chosen] as ModelCrossPosition).size;
  if (meets(R0)) return { status: 'healthy' };
  for (let q = o.lot; lt(q, size); q = add(q, o.lot)) {
    if (meets(q)) return le(o.lot, sub(size, q)) ? { status: 'partial', size: q } : { status: 'full' };
  }
  return { status: 'full' };
}
