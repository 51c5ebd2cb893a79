/**
 * A small benchmark harness for a noisy machine (2 shared cores).
 *
 * - Every case is a `batch(n)` that makes n calls and returns a number folded from every result
 *   (the black hole): the harness adds it to a sink that outlives the run, so V8 cannot drop
 *   the work as dead code.
 * - Calibration, once per case at the start: n doubles until one batch takes `sampleMs`, then
 *   eight batches settle the JIT, and the fastest time per call seen fixes n for the run (done
 *   twice over all cases: the first pass warms them all up). A sample is one timed batch, so
 *   the clock read and the harness's own loop cost nothing measurable even for a 25 ns call.
 * - Rounds: each round runs one sample of every case, the order rotated by one case per round
 *   and reversed every other round, so no case always follows the same neighbour. Warm-up
 *   rounds are run and discarded.
 * - Ratios are taken per round (case A's time ÷ case B's time within the same round), so drift
 *   of the machine between rounds cancels; each ratio and each ns/op is reported as the median
 *   with the 10th and 90th percentiles over the rounds.
 */

export interface BenchCase {
  /** Unique within the run; ratios name cases by it. */
  readonly name: string;
  /** Makes `n` calls and returns a number folded from every result (see {@link digest}). */
  readonly batch: (n: number) => number;
  /** Units of work per call (positions in a batch call), to report ns per unit. Default 1. */
  readonly unitsPerCall?: number;
}

export interface HarnessOptions {
  readonly rounds: number;
  readonly warmupRounds: number;
  /** Target duration of one sample (one timed batch), in ms. */
  readonly sampleMs: number;
  /** Called after each round with (round index from 0, total incl. warm-up). */
  readonly onRound?: (round: number, total: number) => void;
}

export interface Spread {
  readonly median: number;
  readonly p10: number;
  readonly p90: number;
}

export interface CaseResult {
  readonly name: string;
  /** Calls per sample, fixed by calibration. */
  readonly callsPerSample: number;
  readonly unitsPerCall: number;
  /** ns per unit of work, one entry per measured round. */
  readonly nsPerUnit: readonly number[];
  readonly ns: Spread;
}

export interface RoundsResult {
  readonly rounds: number;
  readonly cases: readonly CaseResult[];
  /** A's ns/unit ÷ B's ns/unit, taken per round, summarised over rounds. */
  ratio(numerator: string, denominator: string): Spread;
}

let sink = 0;

/** The black hole's current value; reading it keeps every batch's result observable. */
export function blackHole(): number {
  return sink;
}

/**
 * A number folded from a result, cheap to compute: a float itself, a Big its exponent and
 * digit count, an array its length plus its first element, any other object 1, null 0.
 */
export function digest(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.length + (value.length > 0 ? digest(value[0]) : 0);
  if (typeof value === 'object') {
    const big = value as { e?: unknown; c?: unknown };
    if (typeof big.e === 'number' && Array.isArray(big.c)) return big.e + big.c.length;
    return 1;
  }
  return 1;
}

/**
 * A batch that calls `call(k)` for k = 0 … n − 1 and folds every result with {@link digest}.
 * The call goes through a shared call site: fine for calls of a microsecond or more; a case
 * of a few nanoseconds (the float baseline) should write its own loop.
 */
export function repeat(call: (k: number) => unknown): (n: number) => number {
  return (n) => {
    let acc = 0;
    for (let k = 0; k < n; k += 1) acc += digest(call(k));
    return acc;
  };
}

function timeBatch(batch: (n: number) => number, n: number): number {
  const started = process.hrtime.bigint();
  const folded = batch(n);
  const elapsed = Number(process.hrtime.bigint() - started);
  sink += Number.isFinite(folded) ? folded : 1;
  return elapsed;
}

/**
 * Sizes a case's batch so that one sample takes about `sampleMs`: n doubles until one batch
 * takes the target, then up to eight more batches (about five samples' time), each resized to
 * the fastest time per call seen so far (`fastest`, carried over from an earlier pass), let the
 * JIT reach its top tier (the first calls run in the interpreter, many times slower). The
 * fastest time sets n, so a steady-state sample lasts about the target or more even when the
 * machine was busy during calibration.
 */
function calibrate(
  batch: (n: number) => number,
  sampleMs: number,
  start = { n: 1, fastest: Number.POSITIVE_INFINITY },
) {
  const target = sampleMs * 1e6;
  let n = start.n;
  let fastest = start.fastest;
  for (;;) {
    const elapsed = Math.max(timeBatch(batch, n), 1);
    fastest = Math.min(fastest, elapsed / n);
    if (elapsed >= target || n >= 1 << 30) break;
    n *= 2;
  }
  // A case slower than the target per call settles within its first call: stop at ~5 samples' time.
  let spent = 0;
  for (let k = 0; k < 8 && spent < 5 * target; k += 1) {
    n = Math.max(1, Math.round(target / fastest));
    const elapsed = Math.max(timeBatch(batch, n), 1);
    spent += elapsed;
    fastest = Math.min(fastest, elapsed / n);
  }
  return { n: Math.max(1, Math.round(target / fastest)), fastest };
}

/** The q-quantile (0 … 1) of unsorted values, interpolating between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (at - low);
}

export function spread(values: readonly number[]): Spread {
  return { median: quantile(values, 0.5), p10: quantile(values, 0.1), p90: quantile(values, 0.9) };
}

/** The order of round r: rotated by r, reversed on odd rounds. */
function orderOf<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  const rotated = [...items.slice(shift), ...items.slice(0, shift)];
  return round % 2 === 1 ? rotated.reverse() : rotated;
}

/** Calibrates every case, runs warm-up and measured rounds, and returns per-round timings. */
export function runRounds(cases: readonly BenchCase[], options: HarnessOptions): RoundsResult {
  const names = new Set(cases.map((c) => c.name));
  if (names.size !== cases.length) throw new Error('bench: case names must be unique');
  // Twice: the first pass warms every case (and the code they share), the second sizes them.
  const first = cases.map((c) => calibrate(c.batch, options.sampleMs));
  const calls = new Map(cases.map((c, k) => [c.name, calibrate(c.batch, options.sampleMs, first[k]).n]));
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const total = options.warmupRounds + options.rounds;
  for (let round = 0; round < total; round += 1) {
    for (const c of orderOf(cases, round)) {
      const n = calls.get(c.name) as number;
      const elapsed = timeBatch(c.batch, n);
      if (round >= options.warmupRounds) samples.get(c.name)?.push(elapsed / n / (c.unitsPerCall ?? 1));
    }
    options.onRound?.(round, total);
  }
  const results = cases.map((c) => {
    const nsPerUnit = samples.get(c.name) as number[];
    return {
      name: c.name,
      callsPerSample: calls.get(c.name) as number,
      unitsPerCall: c.unitsPerCall ?? 1,
      nsPerUnit,
      ns: spread(nsPerUnit),
    };
  });
  const byName = new Map(results.map((r) => [r.name, r]));
  const series = (name: string) => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(`bench: no case named ${name}`);
    return found.nsPerUnit;
  };
  return {
    rounds: options.rounds,
    cases: results,
    ratio(numerator, denominator) {
      const a = series(numerator);
      const b = series(denominator);
      return spread(a.map((x, k) => x / (b[k] as number)));
    },
  };
}
