/**
 * Baselines measured in the same run as liqmath:
 * - the float closed form of the isolated liquidation price (the arithmetic's own speed limit;
 *   wrong in the last digits, fine as a yardstick);
 * - a naive big.js reference, written plainly the way a careful user would: try every tier in
 *   turn with the global Big, keep the one whose notional at the result lies in the tier.
 */
import Big from 'big.js';

export interface PlainTier {
  readonly floor: number;
  readonly cap: number | null;
  readonly rate: number;
  readonly amount: number;
}

/** Float: P = (s·Q·E − M − cum) / (Q·(s − r)) for linear; 1/P = (M + s·Q/E + cum)/(Q·(s + r)) for inverse. */
export function floatLiquidationPrice(
  tiers: readonly PlainTier[],
  contract: 'linear' | 'inverse',
  sign: 1 | -1,
  size: number,
  entry: number,
  margin: number,
): number | null {
  for (const tier of tiers) {
    const price =
      contract === 'linear'
        ? (sign * size * entry - margin - tier.amount) / (size * (sign - tier.rate))
        : (size * (sign + tier.rate)) / (margin + (sign * size) / entry + tier.amount);
    if (!(price > 0)) continue;
    const notional = contract === 'linear' ? size * price : size / price;
    if (notional > tier.floor && (tier.cap === null || notional <= tier.cap)) return price;
  }
  return null;
}

export interface BigTier {
  readonly floor: Big;
  readonly cap: Big | null;
  readonly rate: Big;
  readonly amount: Big;
}

/** The same with big.js (global constructor, DP 20), every tier tried in turn. */
export function naiveBigLiquidationPrice(
  tiers: readonly BigTier[],
  contract: 'linear' | 'inverse',
  sign: 1 | -1,
  size: string,
  entry: string,
  margin: string,
): Big | null {
  const q = new Big(size);
  const e = new Big(entry);
  const m = new Big(margin);
  for (const tier of tiers) {
    const price =
      contract === 'linear'
        ? q
            .times(e)
            .times(sign)
            .minus(m)
            .minus(tier.amount)
            .div(q.times(new Big(sign).minus(tier.rate)))
        : q.times(new Big(sign).plus(tier.rate)).div(m.plus(q.div(e).times(sign)).plus(tier.amount));
    if (price.lte(0)) continue;
    const notional = contract === 'linear' ? q.times(price) : q.div(price);
    if (notional.gt(tier.floor) && (tier.cap === null || notional.lte(tier.cap))) return price;
  }
  return null;
}
