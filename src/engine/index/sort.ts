/**
 * The one sort of a build: positions by bucket, then signed price, then id. One counting pass
 * splits the positions by bucket; each bucket is then sorted by the engine's native sort of
 * doubles (a comparison sort through a callback costs several times that, which is the budget),
 * each double being the key with its low mantissa bits replaced by the position's rank in the
 * bucket. Truncating the mantissa is monotone, so unequal truncated keys order as the prices do;
 * runs of equal truncated keys (common: prices of two decimals repeat) are then ordered exactly,
 * by the full key, the exact price where a key is shared with a long price, and the id.
 */
import type Big from 'big.js';
import { compareIds, comparePrices } from './price-key.js';

/** Input-order columns of a build; `buckets[k]` is −1 for a position without a price. */
export interface BuildColumns {
  readonly ids: readonly string[];
  readonly keys: Float64Array;
  readonly buckets: Int32Array;
  readonly exacts: ReadonlyMap<number, Big> | null;
}

/** The positions with a price, as input positions in sorted order. */
export function sortPositions(columns: BuildColumns, bucketCount: number): Int32Array {
  const { buckets } = columns;
  const starts = new Int32Array(bucketCount + 1);
  for (let k = 0; k < buckets.length; k += 1) {
    const bucket = buckets[k] as number;
    if (bucket >= 0) starts[bucket + 1] = (starts[bucket + 1] as number) + 1;
  }
  let widest = 0;
  for (let b = 0; b < bucketCount; b += 1) {
    widest = Math.max(widest, starts[b + 1] as number);
    starts[b + 1] = (starts[b + 1] as number) + (starts[b] as number);
  }
  const order = new Int32Array(starts[bucketCount] ?? 0);
  const next = starts.slice();
  for (let k = 0; k < buckets.length; k += 1) {
    const bucket = buckets[k] as number;
    if (bucket >= 0) {
      order[next[bucket] as number] = k;
      next[bucket] = (next[bucket] as number) + 1;
    }
  }
  const sorter: Sorter = {
    columns,
    codes: idCodes(columns.ids),
    doubles: new Float64Array(widest),
    keys: new Float64Array(widest),
    codesIn: new Float64Array(widest),
    ranks: new Int32Array(widest),
  };
  for (let b = 0; b < bucketCount; b += 1) sortBucket(sorter, order, starts[b] as number, starts[b + 1] as number, b);
  return order;
}

/** The build's columns and id codes, and scratch columns as long as the widest bucket. */
interface Sorter {
  readonly columns: BuildColumns;
  readonly codes: Float64Array;
  readonly doubles: Float64Array;
  readonly keys: Float64Array;
  readonly codesIn: Float64Array;
  readonly ranks: Int32Array;
}

/**
 * Sorts order[from, to), the positions of one bucket in input order. Keys and id codes are first
 * copied by rank in the bucket (reading the build's columns forward, not at random), so the runs'
 * comparisons read a bucket-sized column that stays in cache.
 */
function sortBucket(sorter: Sorter, order: Int32Array, from: number, to: number, bucket: number): void {
  const count = to - from;
  const { keys, codesIn, ranks } = sorter;
  const doubles = sorter.doubles.subarray(0, count);
  const words = new Uint32Array(doubles.buffer, 0, 2 * count);
  // Ranks take the low `bits` of the low word (little-endian: the low word comes first).
  const bits = Math.max(1, Math.ceil(Math.log2(count)));
  const mask = bits >= 32 ? 0xffffffff : 2 ** bits - 1;
  for (let j = 0; j < count; j += 1) {
    const position = order[from + j] as number;
    keys[j] = doubles[j] = sorter.columns.keys[position] as number;
    codesIn[j] = sorter.codes[position] as number;
    words[2 * j] = (((words[2 * j] as number) & ~mask) | j) >>> 0;
  }
  doubles.sort();
  for (let j = 0; j < count; j += 1) ranks[j] = (words[2 * j] as number) & mask;
  const input = order.slice(from, to);
  const { ids, exacts } = sorter.columns;
  const compare = (a: number, b: number) =>
    comparePrices(
      keys[a] as number,
      exacts?.get(input[a] as number) ?? null,
      keys[b] as number,
      exacts?.get(input[b] as number) ?? null,
      sign(bucket),
    ) ||
    (codesIn[a] as number) - (codesIn[b] as number) ||
    compareIds(ids[input[a] as number] as string, ids[input[b] as number] as string);
  let start = 0;
  for (let j = 1; j <= count; j += 1) {
    const same =
      j < count &&
      words[2 * j + 1] === words[2 * start + 1] &&
      ((words[2 * j] as number) & ~mask) === ((words[2 * start] as number) & ~mask);
    if (same) continue;
    // Short runs (the common case) by insertion; long ones (many positions at one price) in n log n.
    if (j - start > 64) ranks.set(Array.from(ranks.subarray(start, j)).sort(compare), start);
    else
      for (let k = start + 1; k < j; k += 1) {
        const rank = ranks[k] as number;
        let at = k - 1;
        for (; at >= start && compare(ranks[at] as number, rank) > 0; at -= 1) ranks[at + 1] = ranks[at] as number;
        ranks[at + 1] = rank;
      }
    start = j;
  }
  for (let j = 0; j < count; j += 1) order[from + j] = input[ranks[j] as number] as number;
}

/**
 * Numbers that order as the ids do wherever they differ, read once in input order (a tie compares
 * two numbers, not two strings scattered in memory). All ids share their first `skip` units, so a
 * code covers the next 7 UTF-16 units: each u as min(u, 127) + 1 in base 129, a missing one as 0
 * (a prefix sorts first), and all units after one past ASCII as missing (they cannot be told
 * apart by the clamped digit). Monotone; equal codes are decided by the strings.
 */
export function idCodes(ids: readonly string[]): Float64Array {
  const first = ids[0] ?? '';
  let skip = first.length;
  for (let k = 1; k < ids.length && skip > 0; k += 1) {
    const id = ids[k] as string;
    let same = 0;
    while (same < skip && same < id.length && id.charCodeAt(same) === first.charCodeAt(same)) same += 1;
    skip = same;
  }
  const codes = new Float64Array(ids.length);
  for (let k = 0; k < ids.length; k += 1) {
    const id = ids[k] as string;
    let code = 0;
    let end = Math.min(id.length, skip + 7);
    for (let at = skip; at < skip + 7; at += 1) {
      const unit = at < end ? id.charCodeAt(at) : -1;
      // Past ASCII the digit is 128 for every unit, so what follows must not count: 'é' > 'èz'.
      if (unit >= 127) end = at + 1;
      code = code * 129 + Math.min(unit, 127) + 1;
    }
    codes[k] = code;
  }
  return codes;
}

/** −1 for a long bucket (even), +1 for a short one. */
export function sign(bucket: number): number {
  return (bucket & 1) === 0 ? -1 : 1;
}
