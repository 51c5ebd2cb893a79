/**
 * The one sort of a build: positions by bucket, then signed price, then id. A stable LSD radix sort
 * on the bits of the double keys does the bulk in O(n) (a comparison sort through a callback costs
 * several times a native sort of the doubles, which is the budget); runs of equal keys (common:
 * prices of two decimals repeat) are then ordered exactly, by exact price where a key is shared
 * with a long price, and by id.
 */
import type Big from 'big.js';
import { compareIds, comparePrices } from './price-key.js';
import { countingPass, DIGIT } from './radix.js';

/** Input-order columns of a build; `buckets[k]` is −1 for a position without a price. */
export interface BuildColumns {
  readonly ids: readonly string[];
  readonly keys: Float64Array;
  readonly buckets: Int32Array;
  readonly exacts: ReadonlyMap<number, Big> | null;
}

const RADIX = 1 << DIGIT;

/** The positions with a price, as input positions in sorted order. */
export function sortPositions(columns: BuildColumns, bucketCount: number): Int32Array {
  const n = columns.buckets.length;
  let order: Int32Array = new Int32Array(n);
  let priced = 0;
  for (let k = 0; k < n; k += 1) if ((columns.buckets[k] as number) >= 0) order[priced++] = k;
  order = order.subarray(0, priced);
  const bits = orderedBits(columns.keys);
  // Low digits first; a stable pass keeps the order of the passes before it among equal digits.
  const digits = new Int32Array(n);
  for (let pass = 0; pass < 4; pass += 1) {
    const word = pass >>> 1;
    const shift = (pass & 1) * DIGIT;
    for (let k = 0; k < n; k += 1) digits[k] = ((bits[2 * k + word] as number) >>> shift) & (RADIX - 1);
    order = countingPass(order, RADIX, digits);
  }
  order = countingPass(order, Math.max(bucketCount, 1), columns.buckets);
  orderTies(order, columns);
  return order;
}

/** The keys' bits as unsigned 64-bit integers (two 32-bit words, low first) that order as the doubles do. */
function orderedBits(keys: Float64Array): Uint32Array {
  const bits = new Uint32Array(new Float64Array(keys).buffer);
  for (let k = 0; k < keys.length; k += 1) {
    const high = bits[2 * k + 1] as number;
    // Negative doubles order backwards by their bits: flip all; positives: set the sign bit.
    if (high >>> 31 === 1) {
      bits[2 * k + 1] = ~high;
      bits[2 * k] = ~(bits[2 * k] as number);
    } else {
      bits[2 * k + 1] = high | 0x80000000;
    }
  }
  return bits;
}

/** Orders each run of equal (bucket, key) exactly: by exact price when one is long, then by id. */
function orderTies(order: Int32Array, columns: BuildColumns): void {
  const { keys, buckets, ids, exacts } = columns;
  const compare = (a: number, b: number) =>
    comparePrices(
      keys[a] as number,
      exacts?.get(a) ?? null,
      keys[b] as number,
      exacts?.get(b) ?? null,
      sign(buckets[a] as number),
    ) || compareIds(ids[a] as string, ids[b] as string);
  const scratch: number[] = [];
  let start = 0;
  for (let k = 1; k <= order.length; k += 1) {
    const first = order[start] as number;
    const position = order[k] as number;
    if (k < order.length && keys[position] === keys[first] && buckets[position] === buckets[first]) continue;
    if (k - start > 1) {
      if (exacts === null || !runHasExact(order, start, k, exacts)) {
        if (k - start <= 64) sortRunByIds(order, start, k, ids, scratch);
        // Long runs (many positions at one price): n log n, not the insertion sort's n².
        else
          order.set(
            Array.from(order.subarray(start, k)).sort((a, b) => compareIds(ids[a] as string, ids[b] as string)),
            start,
          );
      } else order.set(Array.from(order.subarray(start, k)).sort(compare), start);
    }
    start = k;
  }
}

function runHasExact(order: Int32Array, from: number, to: number, exacts: ReadonlyMap<number, Big>): boolean {
  for (let k = from; k < to; k += 1) if (exacts.has(order[k] as number)) return true;
  return false;
}

/**
 * Insertion sort of a run by id. The run's ids are first copied side by side: reading each id
 * once from the 10⁶-entry column, not on every comparison, is most of the speed.
 */
function sortRunByIds(order: Int32Array, from: number, to: number, ids: readonly string[], scratch: number[]): void {
  scratch.length = 0;
  for (let k = from; k < to; k += 1) scratch.push(prefixCode(ids[order[k] as number] as string));
  for (let k = 1; k < scratch.length; k += 1) {
    const code = scratch[k] as number;
    const position = order[from + k] as number;
    let at = k - 1;
    while (at >= 0 && idAfter(scratch[at] as number, code, order[from + at] as number, position, ids)) {
      scratch[at + 1] = scratch[at] as number;
      order[from + at + 1] = order[from + at] as number;
      at -= 1;
    }
    scratch[at + 1] = code;
    order[from + at + 1] = position;
  }
}

/** Whether the id at position a orders after the one at b; unequal prefix codes decide without the strings. */
function idAfter(codeA: number, codeB: number, a: number, b: number, ids: readonly string[]): boolean {
  if (codeA !== codeB) return codeA > codeB;
  return (ids[a] as string) > (ids[b] as string);
}

/**
 * A number that orders as the id's first 7 UTF-16 units do: each unit u as min(u, 127) + 1 in base
 * 129, a missing one as 0 (a prefix sorts first). Monotone, so unequal codes order the ids; equal
 * codes (ids alike for 7 units, or past ASCII) fall back to comparing the strings.
 */
function prefixCode(id: string): number {
  let code = 0;
  for (let k = 0; k < 7; k += 1) code = code * 129 + (k < id.length ? Math.min(id.charCodeAt(k), 127) + 1 : 0);
  return code;
}

/** −1 for a long bucket (even), +1 for a short one. */
export function sign(bucket: number): number {
  return (bucket & 1) === 0 ? -1 : 1;
}
