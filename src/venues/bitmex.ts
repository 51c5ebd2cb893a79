/**
 * BitMEX inverse perpetuals (XBTUSD): the methodology. BitMEX publishes risk limits as a base
 * limit and steps rather than a table endpoint, so `market(...)` takes tier rows (see
 * `docs/venues/bitmex.md`).
 */
import { defineTiers, type TierRow } from '../model/tiers.js';
import {
  type FeeVenueMarketOptions,
  type Methodology,
  methodology,
  readVenueOptions,
  venueMarket,
} from './methodology.js';

/**
 * BitMEX inverse contracts: contracts of 1 USD, margin in XBT, risk-limit steps that raise the
 * rate of the whole position (flat tiers), maintenance at the mark plus the taker fee to close
 * on the position value (`takerFeeRate` required), tier step-down partial liquidation, a fill
 * better than bankruptcy goes to the insurance fund, ADL by PnL% × effective leverage.
 * `market(rows, options)` takes the risk-limit steps as tier rows.
 *
 * @example
 * ```ts
 * import { bitmexInverse, liquidationPrice } from 'liqmath';
 *
 * const market = bitmexInverse.market(
 *   [{ cap: 200, maintenanceMarginRate: '0.0035', maxLeverage: 100 }],
 *   { symbol: 'XBTUSD', takerFeeRate: '0.00075', tickSize: '0.5' },
 * );
 * market.settle; //=> 'XBT'
 * // 10,000 contracts long at 50,000 with 0.02 XBT: 1/P = (0.2 + 0.02)/(10,000·(1 + 0.0035 + 0.00075))
 * liquidationPrice(market, { side: 'long', size: 10000, entryPrice: 50000, margin: '0.02' })?.toFixed(2); //=> '45647.73'
 * ```
 */
export const bitmexInverse: Methodology<readonly TierRow[], FeeVenueMarketOptions> = /* @__PURE__ */ methodology(
  () => ({
    id: 'bitmex-inverse',
    name: 'BitMEX inverse perpetual',
    contract: 'inverse',
    tiers: { method: 'flat', basis: 'notional' },
    maintenanceAt: 'price',
    closeFee: 'mark',
    liquidatableWhen: 'equity ≤ requirement',
    priceRounding: 'toward-mark',
    partialLiquidation: { kind: 'tier-step-down' },
    adl: 'pnl-leverage',
    // BitMEX's insurance and ADL examples use linear USD arithmetic; see the venue page.
    evidence: [],
  }),
  (venue, rows, options) => {
    const read = readVenueOptions(options);
    return venueMarket(venue, defineTiers(rows, { method: 'flat' }), read, {
      settle: typeof read.symbol === 'string' && read.symbol.startsWith('XBT') ? 'XBT' : undefined,
    });
  },
);
