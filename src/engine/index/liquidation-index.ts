/**
 * The liquidation index: many isolated positions by liquidation price, for backends that ask on
 * every mark tick "who is liquidatable now?". Per market and side, a persistent B+tree keeps the
 * positions so that the liquidatable ones form a prefix; updates copy one path and share the rest.
 * See docs/liquidation-index.md. This module gathers the public names of the folder.
 */
export { applyToIndex, type IndexChange } from './batch.js';
export { buildLiquidationIndex } from './build.js';
export { crossedBetween, liquidatable } from './queries.js';
export type { IndexedPosition, LiquidationIndex } from './state.js';
export { addToIndex, removeFromIndex, replaceInIndex } from './updates.js';
