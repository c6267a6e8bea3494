// Runs one probe per item with a concurrency bound, a hard per-probe bound and progress. The health sweep of a
// 44-service stack must take about as long as its slowest probe, must not open 44 sockets at once on a small
// machine, and must end even when a probe's own timeout does not fire.
import { ConfigError } from '../common/errors.js';

/** Progress of a {@link sweep}, reported after each item settles. */
export interface SweepProgress<T, R> {
  /** The item that just settled. */
  readonly item: T;
  /** Its index in the input. */
  readonly index: number;
  /** Its result (the `onHardTimeout` result when the hard bound fired). */
  readonly result: R;
  /** True when the hard bound ended this item rather than its own probe. */
  readonly hardTimedOut: boolean;
  /** Items settled so far, this one included. */
  readonly done: number;
  /** Number of items in the sweep. */
  readonly total: number;
  /** Time from the sweep's start until this item settled, ms. */
  readonly elapsedMs: number;
}

/** Options of {@link sweep}. */
export interface SweepOptions<T, R> {
  /** Probes in flight at most at any time (an integer ≥ 1). @default 16 */
  readonly concurrency?: number;
  /**
   * Bound on one probe, ms, independent of the probe's own timeout: when it runs out the item settles with
   * `onHardTimeout(item, ms)` and the sweep moves on (the probe's promise is left to its own bound). @default 10000
   */
  readonly hardTimeoutMs?: number;
  /** The result of an item whose probe did not settle within `hardTimeoutMs`. */
  readonly onHardTimeout: (item: T, hardTimeoutMs: number) => R;
  /** Called after each item settles, in completion order. Errors it throws are ignored. @default none */
  readonly onProgress?: (progress: SweepProgress<T, R>) => void;
  /** Monotonic milliseconds, for `elapsedMs`. @default performance.now */
  readonly now?: () => number;
}

/** The results of a {@link sweep}, in input order, and how it went. */
export interface SweepOutcome<R> {
  /** One result per item, in input order. */
  readonly results: R[];
  /** Wall time of the whole sweep, ms. */
  readonly wallMs: number;
  /** Indices of the items the hard bound ended. */
  readonly hardTimedOut: readonly number[];
  /** Most probes in flight at once (≤ `concurrency`). */
  readonly peakInFlight: number;
}

/**
 * 16: on the 44 endpoints of the full profile a bound of 8 queues the slowest probe (ai-core-service, 20th in
 * compose order) behind others (1.06× the slowest probe on an idle machine); 16 starts it almost at once (1.01×)
 * while still bounding the sockets (bench/health-sweep/sweep.ts).
 */
export const DEFAULT_SWEEP_CONCURRENCY = 16;
export const DEFAULT_SWEEP_HARD_TIMEOUT_MS = 10_000;

/**
 * Probes every item with at most `concurrency` in flight; each probe is cut at `hardTimeoutMs`. A probe that
 * rejects is a programming error and rejects the sweep (probes report failures as results). Never leaves a timer
 * behind.
 */
export async function sweep<T, R>(items: readonly T[], probe: (item: T, index: number) => Promise<R>, options: SweepOptions<T, R>): Promise<SweepOutcome<R>> {
  const concurrency = options.concurrency ?? DEFAULT_SWEEP_CONCURRENCY;
  const hardTimeoutMs = options.hardTimeoutMs ?? DEFAULT_SWEEP_HARD_TIMEOUT_MS;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigError(`sweep concurrency is ${concurrency}; expected an integer >= 1`, { hint: 'pass e.g. concurrency: 8' });
  }
  if (!Number.isFinite(hardTimeoutMs) || hardTimeoutMs <= 0) {
    throw new ConfigError(`sweep hardTimeoutMs is ${hardTimeoutMs}; expected a number of ms > 0`, { hint: 'pass e.g. hardTimeoutMs: 10000' });
  }
  const now = options.now ?? (() => performance.now());
  const start = now();
  const results = new Array<R>(items.length);
  const hardTimedOut: number[] = [];
  let next = 0;
  let done = 0;
  let inFlight = 0;
  let peakInFlight = 0;

  const runOne = async (index: number): Promise<void> => {
    const item = items[index] as T;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<{ cut: true }>((resolve) => {
      timer = setTimeout(() => resolve({ cut: true }), hardTimeoutMs);
    });
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    try {
      const settled = await Promise.race([probe(item, index).then((value) => ({ cut: false as const, value })), bound]);
      const result = settled.cut ? options.onHardTimeout(item, hardTimeoutMs) : settled.value;
      if (settled.cut) hardTimedOut.push(index);
      results[index] = result;
      done += 1;
      try {
        options.onProgress?.({ item, index, result, hardTimedOut: settled.cut, done, total: items.length, elapsedMs: now() - start });
      } catch {
        // progress output must never change a verdict
      }
    } finally {
      clearTimeout(timer);
      inFlight -= 1;
    }
  };

  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await runOne(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { results, wallMs: now() - start, hardTimedOut: hardTimedOut.sort((a, b) => a - b), peakInFlight };
}
