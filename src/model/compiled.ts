/**
 * Tier tables and markets compiled once for the engine: every constant as an exact bigint value
 * (and as a double, which may only guide a search). `defineTiers` and `defineMarket` attach the
 * compiled form; a table or market made by another copy of liqmath is compiled on first use.
 */
import { E0, type Exact, exactOf } from '../core/exact.js';
import type { ContractType, Market } from './market.js';
import type { Tier, TierTable } from './tiers.js';

/** One tier, exact. A flat table's deduction is 0. */
export interface CompiledTier {
  readonly tier: Tier;
  readonly index: number;
  readonly floor: Exact;
  /** null for an unbounded last tier. */
  readonly cap: Exact | null;
  readonly rate: Exact;
  readonly deduction: Exact;
  readonly maxLeverage: Exact;
  /** The cap as a double (Infinity when unbounded), to guide searches only. */
  readonly capGuide: number;
}

export interface CompiledTable {
  readonly table: TierTable;
  readonly byContracts: boolean;
  readonly tiers: readonly CompiledTier[];
}

export interface CompiledMarket {
  readonly market: Market;
  readonly contract: ContractType;
  readonly contractSize: Exact;
  readonly table: CompiledTable;
  /** The fee to close: its rate, and whether it is charged on the bankruptcy value. */
  readonly closeFee: { readonly rate: Exact; readonly onBankruptcy: boolean } | null;
  readonly maintenanceAtEntry: boolean;
}

const COMPILED = Symbol('liqmath.compiled');
const lateTables = new WeakMap<TierTable, CompiledTable>();
const lateMarkets = new WeakMap<Market, CompiledMarket>();

/** Compiles a validated table. */
export function compileTable(table: TierTable): CompiledTable {
  const flat = table.method === 'flat';
  const tiers = table.tiers.map((tier) =>
    Object.freeze({
      tier,
      index: tier.index,
      floor: exactOf(tier.floor),
      cap: tier.cap === null ? null : exactOf(tier.cap),
      rate: exactOf(tier.maintenanceMarginRate),
      deduction: flat ? E0 : exactOf(tier.maintenanceAmount),
      maxLeverage: exactOf(tier.maxLeverage),
      capGuide: tier.cap === null ? Number.POSITIVE_INFINITY : Number(tier.cap.toString()),
    }),
  );
  return Object.freeze({ table, byContracts: table.basis === 'contracts', tiers: Object.freeze(tiers) });
}

/** Compiles a validated market. */
export function compileMarket(market: Market): CompiledMarket {
  const fee = market.closeFee;
  return Object.freeze({
    market,
    contract: market.contract,
    contractSize: exactOf(market.contractSize),
    table: compiledTable(market.tiers),
    closeFee: fee === null ? null : Object.freeze({ rate: exactOf(fee.rate), onBankruptcy: fee.on === 'bankruptcy' }),
    maintenanceAtEntry: market.maintenanceAt === 'entry',
  });
}

/** Attaches a compiled form to an object before it is frozen (not enumerable: a copy does not carry it). */
export function attachCompiled<T extends object>(target: T, compiled: CompiledTable | CompiledMarket): T {
  Object.defineProperty(target, COMPILED, { value: compiled });
  return target;
}

export function compiledTable(table: TierTable): CompiledTable {
  const own = (table as unknown as Record<symbol, CompiledTable | undefined>)[COMPILED];
  if (own !== undefined) return own;
  let late = lateTables.get(table);
  if (late === undefined) {
    late = compileTable(table);
    lateTables.set(table, late);
  }
  return late;
}

export function compiledMarket(market: Market): CompiledMarket {
  const own = (market as unknown as Record<symbol, CompiledMarket | undefined>)[COMPILED];
  if (own !== undefined) return own;
  let late = lateMarkets.get(market);
  if (late === undefined) {
    late = compileMarket(market);
    lateMarkets.set(market, late);
  }
  return late;
}
