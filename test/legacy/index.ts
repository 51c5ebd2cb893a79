/**
 * The engine as it was before engine v2 (commit 45ca038): big.js at 50 places, chained
 * divisions. Frozen here as the reference of the old-versus-new differential test and of the
 * benchmark's "today" column; never imported by src/. Only what engine v2 replaced is kept here:
 * the big.js number reader, the position readers, legs, the solver and the isolated and cross
 * prices; the definitions it shares with the library (errors, input checks, rounding, tier
 * tables, margins, markets) it imports from src/.
 */
export { crossLiquidationPrice, crossLiquidationPrices } from './features/liquidation/cross.js';
export { bankruptcyPrice, liquidationPrice } from './features/liquidation/isolated.js';
