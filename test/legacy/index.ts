/**
 * The engine as it was before engine v2 (commit 45ca038): big.js at 50 places, chained
 * divisions. Frozen here as the reference of the old-versus-new differential test and of the
 * benchmark's "today" column; never imported by src/. Markets and tables made by the current
 * library pass its brand checks (the brands are global symbols and the public shapes agree).
 */
export { crossLiquidationPrice, crossLiquidationPrices } from './features/liquidation/cross.js';
export { bankruptcyPrice, liquidationPrice } from './features/liquidation/isolated.js';
