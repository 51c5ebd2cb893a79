/**
 * liqmath: exact risk math of forced liquidation on perpetual and futures markets.
 *
 * Every export is a pure function or a type; results are frozen; numbers are exact `Big`s.
 * Guides: `docs/`. Error codes: `docs/errors.md`.
 *
 * @packageDocumentation
 */

export { LIMITS, type Numeric, PRECISION, parseDecimal } from './core/decimal.js';
export {
  isLiqMathError,
  LIQMATH_ERROR_CODES,
  LiqMathError,
  type LiqMathErrorCode,
  type LiqMathErrorDetails,
} from './core/errors.js';
export { type RoundingDirection, roundToIncrement } from './core/rounding.js';
export type { PreparedAccount } from './engine/account.js';
export type { CloseSize, CloseTarget, FullCloseReason } from './engine/close.js';
export type { CrossLiquidation, SymbolLiquidation } from './engine/cross.js';
export {
  addToIndex,
  applyToIndex,
  buildLiquidationIndex,
  crossedBetween,
  type IndexChange,
  type IndexedPosition,
  type LiquidationIndex,
  liquidatable,
  removeFromIndex,
  replaceInIndex,
} from './engine/index/liquidation-index.js';
export type { PreparedPosition } from './engine/isolated.js';
export {
  type CloseOptions,
  crossMinimumCloseSize,
  isolatedMinimumCloseSize,
  minimumCloseSize,
} from './engine/partial/minimum-close.js';
export {
  isolatedLiquidationStep,
  type LiquidationStep,
  liquidationStep,
  sizeToCoverShortage,
} from './engine/partial/policies.js';
export {
  type CrossHealth,
  crossHealth,
  type HealthOptions,
  type PriceBounds,
  type SymbolHealth,
} from './features/health/cross-health.js';
export {
  bufferedLiquidationPrice,
  type LiquidationDistance,
  type LiquidationDistanceInput,
  liquidationDistance,
  liquidationTouchProbability,
} from './features/health/distance.js';
export {
  type CrossFundingOptions,
  type CrossFundingProjection,
  type CrossFundingStep,
  type IsolatedFundingOptions,
  type IsolatedFundingProjection,
  type IsolatedFundingStep,
  isolatedIntervalsToLiquidation,
  projectCrossFunding,
  projectIsolatedFunding,
} from './features/health/funding.js';
export { type IsolatedHealth, isolatedHealth } from './features/health/isolated-health.js';
export type { HealthNumbers } from './features/health/ratio.js';
export {
  crossEquity,
  crossLiquidationPrice,
  crossLiquidationPrices,
  crossMarginRatio,
  crossRequirement,
  crossTier,
  equity,
  isCrossLiquidatable,
  isLiquidatable,
  maintenanceRequirement,
  marginRatio,
} from './features/liquidation/cross.js';
export {
  bankruptcyPrice,
  isIsolatedLiquidatable,
  isolatedBankruptcyPrice,
  isolatedEquity,
  isolatedLiquidationPrice,
  isolatedMarginRatio,
  isolatedRequirement,
  isolatedTier,
  liquidationPrice,
  roundLiquidationPrice,
} from './features/liquidation/isolated.js';
export { positionNotional } from './features/liquidation/notional.js';
export {
  defineAccount,
  definePosition,
  isolatedLiquidationPrices,
  liquidationPrices,
} from './features/liquidation/prepared.js';
export {
  type CrossPlan,
  type CrossPlanEnd,
  type CrossPlanOptions,
  type CrossPlanStep,
  crossLiquidationPlan,
} from './features/partial/cross-plan.js';
export { isolatedLiquidationPlan, liquidationPlan, MAX_PLAN_STEPS, type PlanStep } from './features/partial/plan.js';
export {
  type BandStep,
  isolatedLiquidationPriceBand,
  type LiquidationPriceBand,
} from './features/preview/band.js';
export {
  type CrossBandStep,
  type CrossLiquidationPriceBand,
  crossLiquidationPriceBand,
} from './features/preview/cross-band.js';
export { crossMaxOrderSize } from './features/preview/cross-max.js';
export {
  type CrossAfterOrder,
  type CrossOrder,
  type CrossOrderPreview,
  previewCrossOrder,
} from './features/preview/cross-order.js';
export {
  type IsolatedAfterOrder,
  type IsolatedOrderPreview,
  previewIsolatedOrder,
} from './features/preview/isolated-order.js';
export {
  isolatedLeverageForLiquidationPrice,
  isolatedMarginForLiquidationPrice,
  type MarginForLiquidationPrice,
} from './features/preview/margin-for-target.js';
export { isolatedMaxOrderSize, type MaxOrderSize } from './features/preview/max-order-size.js';
export {
  isolatedMaxSizeForLiquidationPrice,
  type MaxSizeForLiquidationPrice,
} from './features/preview/max-size-for-price.js';
export type {
  FillAssumption,
  Order,
  OrderCost,
  OrderPreviewOptions,
  OrderRejection,
  OrderTransition,
  TierAfter,
} from './features/preview/order.js';
export { isolatedMaxRemovableMargin, type RemovableMarginRule } from './features/preview/removable-margin.js';
export { type AdlQueueEntry, type AdlScoreInput, adlQueue, adlScore, deleverage } from './features/settlement/adl.js';
export {
  crossSliceBankruptcyPrice,
  type Settlement,
  type SettlementInput,
  settleCrossLiquidation,
  settleIsolatedLiquidation,
  settleLiquidation,
} from './features/settlement/settlement.js';
export {
  type Book,
  type BookAccount,
  type BookInput,
  type BookPosition,
  defineBook,
} from './features/stress/book.js';
export {
  type CascadeLedger,
  type CascadeOptions,
  type CascadeResult,
  type CascadeScenario,
  type CascadeStep,
  type SideNotional,
  simulateCascade,
} from './features/stress/cascade.js';
export type { ImpactModel } from './features/stress/impact.js';
export {
  type LeverageConcentration,
  type LiquidationBucket,
  type LiquidationMap,
  leverageConcentration,
  liquidationMap,
} from './features/stress/views.js';
export type {
  CollateralAccount,
  CollateralAsset,
  CollateralWeightTier,
} from './model/collateral.js';
export type { HealthDefinition, HealthDefinitionInput, HealthRatio, WarningLevel } from './model/health.js';
export {
  type CloseFeeInput,
  type ContractType,
  defineMarket,
  type LiquidationTrigger,
  type MaintenanceBasis,
  type Market,
  type MarketInput,
  type PriceRounding,
} from './model/market.js';
export type { AdlMethod, LiquidationPolicy } from './model/policy.js';
export type { CrossAccount, CrossPosition, IsolatedPosition, PositionRef, Side } from './model/position.js';
export { checkMaintenanceAmounts, type MaintenanceAmountMismatch } from './model/tier-check.js';
export {
  initialMargin,
  maintenanceMargin,
  maxLeverage,
  maxNotional,
  type NotionalAndContracts,
  type PositionScale,
  tierFor,
} from './model/tier-margin.js';
export {
  type ContractTierOptions,
  defineTiers,
  type NotionalTierOptions,
  type Tier,
  type TierBasis,
  type TierMethod,
  type TierRow,
  type TierTable,
} from './model/tiers.js';
export { type BinanceLeverageBracket, binanceCoinm, binanceUsdm, tiersFromBinanceBrackets } from './venues/binance.js';
export { type BitgetPositionTiers, bitgetUsdt, tiersFromBitgetPositionTiers } from './venues/bitget.js';
export {
  type BitmexInstrument,
  type BitmexMarketOptions,
  bitmexInverse,
  bitmexLinear,
  bitmexQuanto,
  tiersFromBitmexInstrument,
} from './venues/bitmex.js';
export {
  type BybitMarketOptions,
  type BybitRiskLimitResponse,
  bybitInverse,
  bybitInverseUta,
  bybitLinear,
  bybitLinearUta,
  tiersFromBybitRiskLimit,
} from './venues/bybit.js';
export { type CcxtLeverageTier, tiersFromCcxt } from './venues/ccxt.js';
export {
  type BinanceCollateralRateResponse,
  type BybitCollateralRatioResponse,
  type OkxDiscountRateResponse,
  weightsFromBinanceCollateralRate,
  weightsFromBybitCollateralRatio,
  weightsFromOkxDiscountRate,
} from './venues/collateral.js';
export {
  DYDX_V4_MAINNET,
  type DydxBankruptcyInput,
  type DydxFillableInput,
  type DydxPerpetualMarket,
  dydxBankruptcyQuote,
  dydxFillablePrice,
  dydxV4,
} from './venues/dydx.js';
export {
  type GateMarketOptions,
  type GateRiskLimitTiers,
  gateUsdt,
  tiersFromGateRiskLimitTiers,
} from './venues/gate.js';
export {
  binanceMarginRatio,
  binancePortfolioMargin,
  bybitMaintenanceMarginRate,
  driftHealth,
  dydxMarginUsage,
  hyperliquidMarginRatio,
  okxMarginRatio,
} from './venues/health.js';
export { type HyperliquidMeta, hyperliquid, tiersFromHyperliquidMeta } from './venues/hyperliquid.js';
export { VENUES, type VenueId, venueById } from './venues/index.js';
export { type KrakenInstruments, krakenInverse, krakenLinear, tiersFromKrakenInstrument } from './venues/kraken.js';
export {
  type KucoinMarketOptions,
  type KucoinRiskLimit,
  kucoinFutures,
  tiersFromKucoinRiskLimit,
} from './venues/kucoin.js';
export type { FeeVenueMarketOptions, Methodology, VenueMarketOptions } from './venues/methodology.js';
export {
  type OkxMarketOptions,
  type OkxPositionTiersResponse,
  okxInverseSwap,
  okxSwap,
  tiersFromOkxPositionTiers,
} from './venues/okx.js';
