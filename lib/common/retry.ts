import { SystemClock, type Clock } from './clock.js';
import { TimeoutError } from './errors.js';

export interface RetryUntilOptions<T> {
  /** Pause between attempts, in milliseconds. @default 500 */
  readonly intervalMs?: number;
  /** Give up after this many milliseconds. */
  readonly timeoutMs: number;
  /** Builds the timeout message from the last result or error seen. */
  readonly describeTimeout: (last: { value?: T; error?: unknown; attempts: number; elapsedMs: number }) => string;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
}

/**
 * Calls `fn` until `predicate` accepts its result or `timeoutMs` passes. Errors thrown by `fn`
 * count as a failed attempt; the last one becomes the timeout's cause.
 */
export async function retryUntil<T>(
  fn: () => Promise<T>,
  predicate: (value: T) => boolean,
  options: RetryUntilOptions<T>,
): Promise<T> {
  const clock = options.clock ?? new SystemClock();
  const intervalMs = options.intervalMs ?? 500;
  const started = clock.monotonicMs();
  let attempts = 0;
  let last: { value?: T; error?: unknown };
  for (;;) {
    attempts += 1;
    try {
      const value = await fn();
      last = { value };
      if (predicate(value)) return value;
    } catch (error) {
      last = { error };
    }
    const elapsedMs = clock.monotonicMs() - started;
    if (elapsedMs + intervalMs > options.timeoutMs) {
      throw new TimeoutError(options.describeTimeout({ ...last, attempts, elapsedMs: Math.round(elapsedMs) }), options.timeoutMs, {
        cause: last.error,
      });
    }
    await clock.sleep(intervalMs, options.signal);
  }
}
