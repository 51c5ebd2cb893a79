/**
 * The health ratios venues show, and the warning levels they publish on them, as data. A level is
 * here only where the venue publishes it; `docs/health.md` lists the sources and what is left out.
 */
import { type HealthDefinition, venueHealth } from '../model/health.js';

/**
 * Binance USDⓈ-M futures: margin ratio = maintenance margin ÷ margin balance; liquidation at 100%.
 * Binance publishes no numeric warning level for it (its MARGIN_CALL push has no threshold).
 *
 * @example
 * ```ts
 * import { binanceMarginRatio } from 'liqmath';
 *
 * binanceMarginRatio.ratio; //=> 'requirement/equity'
 * ```
 * @group Health
 */
export const binanceMarginRatio: HealthDefinition = /* @__PURE__ */ venueHealth({
  venue: 'Binance USDⓈ-M',
  name: 'margin ratio',
  ratio: 'requirement/equity',
  levels: [{ name: 'liquidation', ratio: '1', action: 'the position is liquidated', liquidates: true }],
  source: 'https://www.binance.com/en/support/faq/360033162192',
});

/**
 * Binance Portfolio Margin Pro: uniMMR = adjusted equity ÷ maintenance margin, with its published
 * risk levels: 150% margin call, 120% reduce-only (new orders refused), 105% liquidation, 100%
 * (equity below the requirement: the loss is claimed).
 *
 * @example
 * ```ts
 * import { binancePortfolioMargin } from 'liqmath';
 *
 * binancePortfolioMargin.levels.map((level) => level.ratio.toString()); //=> ['1.5', '1.2', '1.05', '1']
 * ```
 * @group Health
 */
export const binancePortfolioMargin: HealthDefinition = /* @__PURE__ */ venueHealth({
  venue: 'Binance Portfolio Margin Pro',
  name: 'uniMMR',
  ratio: 'equity/requirement',
  levels: [
    { name: 'margin call', ratio: '1.5', action: 'a margin call is sent' },
    { name: 'reduce only', ratio: '1.2', action: 'new orders that increase the position are refused' },
    { name: 'liquidation', ratio: '1.05', action: 'the account is liquidated', liquidates: true },
    { name: 'bankruptcy', ratio: '1', action: 'equity is below the requirement: the remaining loss is claimed' },
  ],
  source: 'https://www.binance.com/en/support/faq/4868b2f1aa6c4d08af973328462bb0bd',
});

/**
 * Bybit: account maintenance margin rate = maintenance margin ÷ margin balance; liquidation at
 * 100%. Bybit's other triggers (the MMR close order) are levels the trader sets.
 *
 * @example
 * ```ts
 * import { bybitMaintenanceMarginRate } from 'liqmath';
 *
 * bybitMaintenanceMarginRate.name; //=> 'maintenance margin rate'
 * ```
 * @group Health
 */
export const bybitMaintenanceMarginRate: HealthDefinition = /* @__PURE__ */ venueHealth({
  venue: 'Bybit',
  name: 'maintenance margin rate',
  ratio: 'requirement/equity',
  levels: [{ name: 'liquidation', ratio: '1', action: 'the account is liquidated', liquidates: true }],
  source: 'https://www.bybit.com/en/help-center/article/Glossary-Unified-Trading-Account',
});

/**
 * OKX: margin ratio = equity ÷ (maintenance margin + fee to close); liquidation at 100% or below.
 *
 * @example
 * ```ts
 * import { okxMarginRatio } from 'liqmath';
 *
 * okxMarginRatio.levels[0]?.ratio.toString(); //=> '1'
 * ```
 * @group Health
 */
export const okxMarginRatio: HealthDefinition = /* @__PURE__ */ venueHealth({
  venue: 'OKX',
  name: 'margin ratio',
  ratio: 'equity/requirement',
  levels: [{ name: 'liquidation', ratio: '1', action: 'the position is liquidated', liquidates: true }],
  source: 'https://www.okx.com/help/iv-introduction-to-margin-ratio',
});

/**
 * Hyperliquid: cross margin ratio = maintenance margin ÷ account value; liquidation above 100%,
 * and the backstop (the liquidator vault takes the account) when account value falls below ⅔
 * of maintenance margin, a ratio of 150%.
 *
 * @example
 * ```ts
 * import { hyperliquidMarginRatio } from 'liqmath';
 *
 * hyperliquidMarginRatio.levels.map((level) => level.name); //=> ['liquidation', 'backstop']
 * ```
 * @group Health
 */
export const hyperliquidMarginRatio: HealthDefinition = /* @__PURE__ */ venueHealth({
  venue: 'Hyperliquid',
  name: 'cross margin ratio',
  ratio: 'requirement/equity',
  levels: [
    { name: 'liquidation', ratio: '1', action: 'positions are closed by market orders', liquidates: true },
    {
      name: 'backstop',
      ratio: '1.5',
      action: 'the liquidator vault takes over the account (account value < ⅔ of maintenance)',
    },
  ],
  source: 'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations',
});

/**
 * Drift: health = 100 × (1 − maintenance requirement ÷ total collateral), clamped to 0–100;
 * liquidatable at 0. Drift's app shows it rounded to a whole number.
 *
 * @example
 * ```ts
 * import { driftHealth } from 'liqmath';
 *
 * driftHealth.ratio; //=> 'health-percent'
 * ```
 * @group Health
 */
export const driftHealth: HealthDefinition = /* @__PURE__ */ venueHealth({
  venue: 'Drift',
  name: 'health',
  ratio: 'health-percent',
  levels: [{ name: 'liquidation', ratio: '0', action: 'the account can be liquidated', liquidates: true }],
  source: 'https://github.com/drift-labs/protocol-v2/blob/master/sdk/src/user.ts (getHealth)',
});

/**
 * dYdX v4: margin usage = initial requirement ÷ equity (1 − free collateral ÷ equity). dYdX
 * liquidates on the maintenance requirement, not on this ratio, and publishes no level on it.
 *
 * @example
 * ```ts
 * import { dydxMarginUsage } from 'liqmath';
 *
 * dydxMarginUsage.levels.length; //=> 0
 * ```
 * @group Health
 */
export const dydxMarginUsage: HealthDefinition = /* @__PURE__ */ venueHealth({
  venue: 'dYdX v4',
  name: 'margin usage',
  ratio: 'initial/equity',
  levels: [],
  source: 'https://github.com/dydxprotocol/v4-abacus (SubaccountCalculator: marginUsage)',
});
