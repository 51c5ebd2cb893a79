/**
 * Tier tables and markets compiled once for the engine: every constant as an exact bigint value,
 * made on a table's or market's first use and kept beside it.
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
  readonly closeFee: { readonly rate: Exact; readonly onBankruptcy: boolean; readonly reserve: boolean } | null;
  /** The signed funding rate in the requirement (0 when none): the side that pays it adds rate × entry notional. */
  readonly fundingRate: Exact;
  readonly maintenanceAtEntry: boolean;
  /** Whether the market is liquidatable when equity equals the requirement (`≤`, the default). */
  readonly liquidatableAtEquality: boolean;
}

/**
 * Compiled forms by table and market, made on first use: a WeakMap, so a copy made by another
 * copy of liqmath (ESM beside CJS) is compiled too, and nothing outlives its table or market.
 */
const tables = new WeakMap<TierTable, CompiledTable>();
const markets = new WeakMap<Market, CompiledMarket>();

/** Compiles a validated table. */
function compileTable(table: TierTable): CompiledTable {
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
    }),
  );
  return Object.freeze({ table, byContracts: table.basis === 'contracts', tiers: Object.freeze(tiers) });
}

export function compiledTable(table: TierTable): CompiledTable {
  let compiled = tables.get(table);
  if (compiled === undefined) {
    compiled = compileTable(table);
    tables.set(table, compiled);
  }
  return compiled;
}

export function compiledMarket(market: Market): CompiledMarket {
  let compiled = markets.get(market);
  if (compiled === undefined) {
    const fee = market.closeFee;
    compiled = Object.freeze({
      market,
      contract: market.contract,
      contractSize: exactOf(market.contractSize),
      table: compiledTable(market.tiers),
      closeFee:
        fee === null
          ? null
          : Object.freeze({
              rate: exactOf(fee.rate),
              onBankruptcy: fee.on === 'bankruptcy',
              reserve: fee.on === 'reserve',
            }),
      fundingRate: market.fundingRate === null ? E0 : exactOf(market.fundingRate),
      maintenanceAtEntry: market.maintenanceAt === 'entry',
      liquidatableAtEquality: market.liquidatableWhen === 'equity ≤ requirement',
    });
    markets.set(market, compiled);
  }
  return compiled;
}
