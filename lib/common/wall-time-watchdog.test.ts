import { describe, expect, it } from 'vitest';
import type { Clock } from './clock.js';
import { ExitCode } from './exit-codes.js';
import { stopOnWallTime, WallTimeExceededError, WallTimeWatchdog, type ScheduleTimer } from './wall-time-watchdog.js';

/** A clock and a timer that only move when the test says so. */
class ManualTime implements Clock {
  t = 0;
  timers: Array<{ at: number; fire: () => void; cancelled: boolean }> = [];
  now(): number {
    return 1_700_000_000_000 + this.t;
  }
  monotonicMs(): number {
    return this.t;
  }
  sleep(): Promise<void> {
    throw new Error('not used');
  }
  readonly schedule: ScheduleTimer = (ms, fire) => {
    const timer = { at: this.t + ms, fire, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  advance(ms: number): void {
    this.t += ms;
    for (const timer of this.timers.filter((x) => !x.cancelled && x.at <= this.t)) {
      timer.cancelled = true;
      timer.fire();
    }
  }
}

function watchdog(time: ManualTime, limitMs: number, expired: WallTimeExceededError[]): WallTimeWatchdog {
  return new WallTimeWatchdog({ name: 'gate phase1', limitMs, clock: time, schedule: time.schedule, onExpire: (e) => expired.push(e) });
}

describe('WallTimeWatchdog', () => {
  it('should name the running step, the limit and the elapsed time when the limit passes', () => {
    const time = new ManualTime();
    const expired: WallTimeExceededError[] = [];
    const dog = watchdog(time, 3_600_000, expired).start();
    dog.enter('stack up');
    time.advance(600_000);
    dog.enter('tests');
    time.advance(2_999_999);
    expect(expired).toEqual([]);
    expect(dog.remainingMs()).toBe(1);
    time.advance(1);
    expect(expired).toHaveLength(1);
    const error = expired[0]!;
    expect(error).toBeInstanceOf(WallTimeExceededError);
    expect(error.message).toBe(
      'gate phase1 exceeded its wall-time limit of 3600 s while "tests" was running (gate 3600 s, step 3000 s)\n'
        + 'hint: raise gate.wallTimeMs in phasegate.config.ts or set PHASEGATE_WALL_TIME_S; the log lines above show where the step stalled',
    );
    expect(error).toMatchObject({ code: 'PHASEGATE_TIMEOUT', step: 'tests', timeoutMs: 3_600_000, elapsedMs: 3_600_000, stepElapsedMs: 3_000_000, exitCode: ExitCode.Interrupted });
    expect(dog.expired).toBe(error);
    expect(dog.remainingMs()).toBe(0);
  });

  it('should never fire once stopped', () => {
    const time = new ManualTime();
    const expired: WallTimeExceededError[] = [];
    const dog = watchdog(time, 1_000, expired).start();
    dog.enter('teardown');
    dog.stop();
    time.advance(5_000);
    expect(expired).toEqual([]);
    expect(dog.expired).toBeUndefined();
  });

  it('should fire at most once and arm only once', () => {
    const time = new ManualTime();
    const expired: WallTimeExceededError[] = [];
    watchdog(time, 1_500, expired).start().start();
    time.advance(10_000);
    expect(time.timers).toHaveLength(1);
    expect(expired.map((e) => e.shortMessage)).toEqual(['gate phase1 exceeded its wall-time limit of 1.5 s while "start" was running (gate 10 s, step 10 s)']);
  });

  it('should treat a limit of 0 as off', () => {
    const time = new ManualTime();
    const dog = watchdog(time, 0, []).start();
    expect(time.timers).toHaveLength(0);
    expect(dog.remainingMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it('should refuse a negative limit', () => {
    expect(() => watchdog(new ManualTime(), -1, [])).toThrow('wall-time limit must be a non-negative number of ms, got -1');
  });

  it('should fire on the real timer too (unref\'d)', async () => {
    const expired: WallTimeExceededError[] = [];
    const dog = new WallTimeWatchdog({ name: 'gate selftest', limitMs: 30, onExpire: (e) => expired.push(e) }).start();
    dog.enter('rebuild');
    await new Promise((r) => setTimeout(r, 200));
    expect(expired[0]?.step).toBe('rebuild');
  });
});

describe('stopOnWallTime', () => {
  const error = new WallTimeExceededError('gate phase1', 'stack up', 60_000, 60_000, 45_000, 'raise it');

  it('should say why, clean up, then exit with the interrupted code', async () => {
    const lines: string[] = [];
    const events: string[] = [];
    await stopOnWallTime(error, {
      log: (l) => lines.push(l),
      cleanup: async () => {
        events.push('cleanup');
      },
      exit: (code) => events.push(`exit ${code}`),
    });
    expect(events).toEqual(['cleanup', 'exit 130']);
    expect(lines).toEqual([
      '[gate] gate phase1 exceeded its wall-time limit of 60 s while "stack up" was running (gate 60 s, step 45 s)',
      '[gate] hint: raise it',
      '[gate] cleaning up (at most 240 s), then exiting with 130',
    ]);
  });

  it('should exit even when the cleanup hangs or fails', async () => {
    const lines: string[] = [];
    const codes: number[] = [];
    const started = performance.now();
    await stopOnWallTime(error, { log: (l) => lines.push(l), cleanup: () => new Promise(() => {}), cleanupTimeoutMs: 100, exit: (c) => codes.push(c) });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(lines.at(-1)).toBe('[gate] cleanup did not finish within 0.1 s; the target may still be running (phasegate stack down)');
    await stopOnWallTime(error, { log: (l) => lines.push(l), cleanup: () => Promise.reject(new Error('compose down exited 1\nstderr…')), exit: (c) => codes.push(c) });
    expect(lines.at(-1)).toBe('[gate] cleanup failed: compose down exited 1; the target may still be running (phasegate stack down)');
    expect(codes).toEqual([130, 130]);
  });
});
