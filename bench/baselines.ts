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

/**
 * The float closed form over n calls, call k on variant k & (sizes.length − 1) (a power of two),
 * folded into one number. Its own loop, with a direct call the JIT can inline: a shared
 * harness loop calling through a closure would add its call overhead to a ~50 ns case.
 */
export function floatLiquidationBatch(
  tiers: readonly PlainTier[],
  contract: 'linear' | 'inverse',
  sign: 1 | -1,
  sizes: readonly number[],
  entries: readonly number[],
  margins: readonly number[],
  n: number,
): number {
  const mask = sizes.length - 1;
  let acc = 0;
  for (let k = 0; k < n; k += 1) {
    const j = k & mask;
    acc +=
      floatLiquidationPrice(tiers, contract, sign, sizes[j] as number, entries[j] as number, margins[j] as number) ?? 0;
  }
  return acc;
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
