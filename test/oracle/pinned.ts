/**
 * Counter-examples pinned as fixed cases: each property runs these first, whatever the scale.
 * Each was the shrunk case by which the full-scale oracle caught a deliberate fault that a tenth
 * of the random cases (the scale mutation testing uses) did not reach.
 */

/** Isolated minimum closes, in the shape of the oracle's `closeCase`. */
export const PINNED_ISOLATED_CLOSES = [
  // Maintenance valued at the entry (not the mark) picks the remainder's tier and prices it.
  {
    position: { side: 'short', lots: 60, lotExponent: -1, entry: '240.52', lot: '0.1', size: '6' },
    market: {
      contract: 'inverse',
      contractSize: '1',
      method: 'flat',
      basis: 'notional',
      maintenanceAt: 'entry',
      closeFee: { rate: '0.00016', on: 'bankruptcy' },
      rows: [
        { cap: '0.00074837851', maintenanceMarginRate: '0.0001', maxLeverage: 15 },
        { cap: null, maintenanceMarginRate: '0.003099', maxLeverage: 1 },
      ],
    },
    marginFraction: '0.0001',
    markMove: '-0.003',
    slippage: '0',
    feeRate: '0',
    target: { kind: 'buffer', buffer: '0.02' },
  },
  // An isolated position's fee charged at the mark is not a fee at its bankruptcy price.
  {
    position: { side: 'short', lots: 94, lotExponent: -1, entry: '5216700', lot: '0.1', size: '9.4' },
    market: {
      contract: 'inverse',
      contractSize: '1',
      method: 'flat',
      basis: 'contracts',
      maintenanceAt: 'price',
      closeFee: { rate: '0.00198', on: 'mark' },
      rows: [
        { cap: '0.28200000', maintenanceMarginRate: '0.004302', maxLeverage: 100 },
        { cap: '0.56400000', maintenanceMarginRate: '0.004342', maxLeverage: 56 },
        { cap: '8.6480000', maintenanceMarginRate: '0.006043', maxLeverage: 54 },
        { cap: '8.9300000', maintenanceMarginRate: '0.006043', maxLeverage: 1 },
        { cap: '9.2120000', maintenanceMarginRate: '0.006043', maxLeverage: 1 },
        { cap: '9.4940000', maintenanceMarginRate: '0.006043', maxLeverage: 1 },
        { cap: '9.7760000', maintenanceMarginRate: '0.006043', maxLeverage: 1 },
        { cap: '10.058000', maintenanceMarginRate: '0.006043', maxLeverage: 1 },
        { cap: null, maintenanceMarginRate: '0.006043', maxLeverage: 1 },
      ],
    },
    marginFraction: '0.00754',
    markMove: '0.0009',
    slippage: '-0.0004',
    feeRate: '0.0004',
    target: { kind: 'maintenance' },
  },
] as const;
