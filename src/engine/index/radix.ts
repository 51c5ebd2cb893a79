/**
 * Stable counting-sort passes over typed arrays: the O(n) building block of the build's sorts,
 * which have to stay within a few times a native sort of 10⁶ doubles (a comparison sort through a
 * callback alone costs several times that).
 */

/** Digit width of a pass: 65,536 counters, one pass per 16 bits. */
export const DIGIT = 16;

/**
 * Reorders `order` stably by `digits[position]` (each in [0, radix)); returns `order` itself when
 * every digit is the same (the pass would change nothing).
 */
export function countingPass(order: Int32Array, radix: number, digits: Int32Array): Int32Array {
  const counts = new Int32Array(radix + 1);
  for (let k = 0; k < order.length; k += 1) {
    const d = (digits[order[k] as number] as number) + 1;
    counts[d] = (counts[d] as number) + 1;
  }
  for (let d = 0; d < radix; d += 1) {
    if (counts[d + 1] === order.length) return order;
    counts[d + 1] = (counts[d + 1] as number) + (counts[d] as number);
  }
  const sorted = new Int32Array(order.length);
  for (let k = 0; k < order.length; k += 1) {
    const position = order[k] as number;
    const d = digits[position] as number;
    const at = counts[d] as number;
    counts[d] = at + 1;
    sorted[at] = position;
  }
  return sorted;
}

/** The positions 0…n−1 ordered stably by `values` (non-negative, below 2^bits, bits ≤ 32). */
export function radixOrder(values: Int32Array, bits: number): Int32Array {
  let order: Int32Array = new Int32Array(values.length);
  for (let k = 0; k < order.length; k += 1) order[k] = k;
  const digits = new Int32Array(values.length);
  for (let shift = 0; shift < bits; shift += DIGIT) {
    for (let k = 0; k < values.length; k += 1) digits[k] = ((values[k] as number) >>> shift) & ((1 << DIGIT) - 1);
    order = countingPass(order, 1 << DIGIT, digits);
  }
  return order;
}
