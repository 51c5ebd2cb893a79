/**
 * `liqmath stress FILE --sweep N`: many shocks, seeded, run across CPU cores with worker threads
 * (node:worker_threads; each worker reads the book file itself, since markets are made per
 * thread), and the liquidation-at-risk percentiles of what they liquidate.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** What one worker runs: the book file, the scenario and options as the CLI parsed them, and its shocks. */
export interface SweepJob {
  readonly file: string;
  readonly cwd: string;
  /** CLI arguments of the stress command without the shock and sweep flags. */
  readonly argv: readonly string[];
  /** The shocks this worker runs, as relative moves ("-0.12"). */
  readonly shocks: readonly string[];
}

/** One scenario's outcome, as exact decimal strings. */
export interface SweepOutcome {
  readonly shock: string;
  readonly liquidations: number;
  /** Liquidated notional at the fill, all symbols and sides (settle currency units added as they are). */
  readonly liquidated: string;
  readonly badDebt: string;
}

/** mulberry32: a small deterministic generator, so a sweep with a seed is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` shocks drawn uniformly between 0 and `largest` (a relative move, e.g. −0.3), to 4 places,
 * from a seeded generator.
 */
export function drawShocks(count: number, largest: number, seed: number): string[] {
  const next = seeded(seed);
  return Array.from({ length: count }, () => (largest * next()).toFixed(4));
}

/**
 * Runs the shocks across `workers` threads of `script` (the CLI's own file: it runs a job when
 * started as a worker), calling `progress(done, total)` as results come; resolves to every
 * outcome in the order of the shocks.
 */
export function runSweep(
  script: URL,
  job: Omit<SweepJob, 'shocks'>,
  shocks: readonly string[],
  workers: number,
  progress: (done: number, total: number) => void,
): Promise<SweepOutcome[]> {
  const threads = Math.max(1, Math.min(workers, shocks.length));
  const shares = Array.from({ length: threads }, (_, k) => shocks.filter((_, i) => i % threads === k));
  let done = 0;
  const runs = shares.map(
    (share) =>
      new Promise<SweepOutcome[]>((resolve, reject) => {
        const worker = new Worker(script, { workerData: { sweep: { ...job, shocks: share } satisfies SweepJob } });
        const outcomes: SweepOutcome[] = [];
        worker.on('message', (message: SweepOutcome | { readonly error: string }) => {
          if ('error' in message) {
            reject(new Error(message.error));
            return;
          }
          outcomes.push(message);
          done += 1;
          progress(done, shocks.length);
        });
        worker.on('error', reject);
        worker.on('exit', (code) =>
          code === 0 ? resolve(outcomes) : reject(new Error(`a sweep worker stopped with status ${code}`)),
        );
      }),
  );
  return Promise.all(runs).then((results) => {
    // Back in the order of the shocks: worker k ran shocks k, k + threads, …
    const ordered: SweepOutcome[] = [];
    for (let i = 0; i < shocks.length; i += 1)
      ordered.push(results[i % threads]?.[Math.floor(i / threads)] as SweepOutcome);
    return ordered;
  });
}

/** The default number of worker threads: one per core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}
