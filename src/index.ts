/**
 * liqmath: exact risk math of forced liquidation on perpetual and futures markets.
 *
 * Every export is a pure function or a type; results are frozen; numbers are exact `Big`s.
 * Guides: `docs/`. Error codes: `docs/errors.md`.
 *
 * @packageDocumentation
 */

export { type CcxtLeverageTier, tiersFromCcxt } from './adapters/ccxt.js';
export { type AdlMethod, type AdlQueueEntry, type AdlScoreInput, adlQueue, adlScore, deleverage } from './adl.js';
export type { CloseSize, CloseTarget, FullCloseReason } from './close.js';
export {
  type CrossLiquidation,
  crossLiquidationPrice,
  crossLiquidationPrices,
  equity,
  isLiquidatable,
  maintenanceRequirement,
  marginRatio,
  type SymbolLiquidation,
} from './cross.js';
export { type Numeric, PRECISION } from './decimal.js';
export {
  isLiqMathError,
  LIQMATH_ERROR_CODES,
  LiqMathError,
  type LiqMathErrorCode,
  type LiqMathErrorDetails,
} from './errors.js';
export {
  bankruptcyPrice,
  isIsolatedLiquidatable,
  isolatedEquity,
  isolatedRequirement,
  liquidationPrice,
  roundLiquidationPrice,
} from './liquidation.js';
export {
  addToIndex,
  buildLiquidationIndex,
  type IndexedPosition,
  type LiquidationIndex,
  liquidatable,
  removeFromIndex,
  replaceInIndex,
} from './liquidation-index.js';
export {
  type CloseFeeInput,
  type ContractType,
  defineMarket,
  type MaintenanceBasis,
  type Market,
  type MarketInput,
} from './market.js';
export { type CloseOptions, crossMinimumCloseSize, minimumCloseSize } from './minimum-close.js';
export { liquidationPlan, MAX_PLAN_STEPS, type PlanStep } from './plan.js';
export { type LiquidationPolicy, type LiquidationStep, liquidationStep, sizeToCoverShortage } from './policies.js';
export type { CrossAccount, CrossPosition, IsolatedPosition, PositionRef, Side } from './position.js';
export { type RoundingDirection, roundToIncrement } from './rounding.js';
export {
  crossSliceBankruptcyPrice,
  type Settlement,
  type SettlementInput,
  settleCrossLiquidation,
  settleLiquidation,
} from './settlement.js';
export { checkMaintenanceAmounts, type MaintenanceAmountMismatch } from './tier-check.js';
export {
  initialMargin,
  maintenanceMargin,
  maxLeverage,
  maxNotional,
  type NotionalAndContracts,
  type PositionScale,
  tierFor,
} from './tier-margin.js';
export {
  type ContractTierOptions,
  defineTiers,
  type NotionalTierOptions,
  type Tier,
  type TierBasis,
  type TierMethod,
  type TierRow,
  type TierTable,
} from './tiers.js';
export { type BinanceLeverageBracket, binanceCoinm, binanceUsdm, tiersFromBinanceBrackets } from './venues/binance.js';
export { bitmexInverse } from './venues/bitmex.js';
export {
  type BybitRiskLimitResponse,
  bybitInverse,
  bybitInverseUta,
  bybitLinear,
  bybitLinearUta,
  tiersFromBybitRiskLimit,
} from './venues/bybit.js';
export {
  DYDX_V4_MAINNET,
  type DydxBankruptcyInput,
  type DydxFillableInput,
  type DydxPerpetualMarket,
  dydxBankruptcyQuote,
  dydxFillablePrice,
  dydxV4,
} from './venues/dydx.js';
export { type HyperliquidMeta, hyperliquid, tiersFromHyperliquidMeta } from './venues/hyperliquid.js';
export { VENUES } from './venues/index.js';
export type { FeeVenueMarketOptions, Methodology, VenueMarketOptions } from './venues/methodology.js';
export {
  type OkxMarketOptions,
  type OkxPositionTiersResponse,
  okxInverseSwap,
  okxSwap,
  tiersFromOkxPositionTiers,
} from './venues/okx.js';
