import { describe, expect, it } from 'vitest';
import type { Clock } from './clock.js';
import { TimeoutError } from './errors.js';
import { retryUntil } from './retry.js';

/** A clock whose time only moves when someone sleeps. */
class FakeClock implements Clock {
  t = 0;
  now(): number {
    return this.t;
  }
  monotonicMs(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

describe('retryUntil', () => {
  it('should return the first value the predicate accepts', async () => {
    let n = 0;
    const value = await retryUntil(async () => ++n, (v) => v >= 3, { timeoutMs: 10_000, intervalMs: 100, clock: new FakeClock(), describeTimeout: () => 'never' });
    expect(value).toBe(3);
  });

  it('should time out with the message built from the last value and keep the last error as cause', async () => {
    const clock = new FakeClock();
    const boom = new Error('connect ECONNREFUSED 127.0.0.1:8086');
    const attempt = retryUntil(
      async () => {
        throw boom;
      },
      () => true,
      {
        timeoutMs: 1_000,
        intervalMs: 250,
        clock,
        describeTimeout: ({ error, attempts, elapsedMs }) =>
          `influxdb not healthy after ${elapsedMs}ms (${attempts} attempts); last error: ${(error as Error).message}`,
      },
    );
    await expect(attempt).rejects.toThrowError(new TimeoutError('influxdb not healthy after 1000ms (5 attempts); last error: connect ECONNREFUSED 127.0.0.1:8086', 1000));
    await attempt.catch((e: TimeoutError) => {
      expect(e.cause).toBe(boom);
      expect(e.code).toBe('PHASEGATE_TIMEOUT');
    });
  });
});
