// The global wall-time limit of a gate: one timer over setup, tests and teardown that, when it runs out, names the
// step that was running. Pure: the clock and the timer are injected; what "stop the gate" means is the caller's.
import { SystemClock, type Clock } from './clock.js';
import { TimeoutError } from './errors.js';
import { ExitCode } from './exit-codes.js';

/** Default wall-time limit of one gate run, in milliseconds (1 h). */
export const DEFAULT_WALL_TIME_MS = 3_600_000;

/** Schedules `fire` after `ms` milliseconds; returns a function that cancels it. */
export type ScheduleTimer = (ms: number, fire: () => void) => () => void;

/** The real timer, unref'd: a watchdog never keeps a finished process alive. */
export const scheduleUnrefTimer: ScheduleTimer = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/** A gate ran past its wall-time limit. Ends the run with {@link ExitCode.Interrupted} (130). */
export class WallTimeExceededError extends TimeoutError {
  override name = 'WallTimeExceededError';
  /** The step that was running when the limit passed (`stack up`, `tests`, `teardown`). */
  readonly step: string;
  /** Time since the watchdog started, in ms. */
  readonly elapsedMs: number;
  /** Time the running step had taken, in ms. */
  readonly stepElapsedMs: number;
  /** Exit code the gate ends with. */
  readonly exitCode = ExitCode.Interrupted;

  constructor(name: string, step: string, limitMs: number, elapsedMs: number, stepElapsedMs: number, hint: string) {
    super(
      `${name} exceeded its wall-time limit of ${formatSeconds(limitMs)} while "${step}" was running (gate ${formatSeconds(elapsedMs)}, step ${formatSeconds(stepElapsedMs)})`,
      limitMs,
      { hint },
    );
    this.step = step;
    this.elapsedMs = elapsedMs;
    this.stepElapsedMs = stepElapsedMs;
  }
}

/** Options of {@link WallTimeWatchdog}. */
export interface WallTimeWatchdogOptions {
  /** What is limited, as messages name it (`gate phase1`). */
  readonly name: string;
  /** The limit, in milliseconds; 0 turns the watchdog off. @default 3600000 (1 h, {@link DEFAULT_WALL_TIME_MS}) */
  readonly limitMs?: number;
  /** Called once when the limit passes, with the error that names the running step. Stopping the run is its job. */
  readonly onExpire: (error: WallTimeExceededError) => void;
  /** How to raise the limit, appended as the hint. @default 'raise gate.wallTimeMs in phasegate.config.ts or set PHASEGATE_WALL_TIME_S; the log lines above show where the step stalled' */
  readonly hint?: string;
  /** @default new SystemClock() */
  readonly clock?: Clock;
  /** @default {@link scheduleUnrefTimer} */
  readonly schedule?: ScheduleTimer;
}

const DEFAULT_HINT = 'raise gate.wallTimeMs in phasegate.config.ts or set PHASEGATE_WALL_TIME_S; the log lines above show where the step stalled';

/**
 * One deadline over a whole run. `enter(step)` names what runs now; when the limit passes, `onExpire` gets a
 * {@link WallTimeExceededError} naming that step, the limit and the elapsed time. `stop()` disarms it.
 */
export class WallTimeWatchdog {
  readonly limitMs: number;
  readonly #options: WallTimeWatchdogOptions;
  readonly #clock: Clock;
  #startedAt: number | undefined;
  #step = 'start';
  #stepStartedAt = 0;
  #cancel: (() => void) | undefined;
  #expired: WallTimeExceededError | undefined;

  constructor(options: WallTimeWatchdogOptions) {
    const limitMs = options.limitMs ?? DEFAULT_WALL_TIME_MS;
    if (!Number.isFinite(limitMs) || limitMs < 0) throw new RangeError(`wall-time limit must be a non-negative number of ms, got ${limitMs}`);
    this.limitMs = limitMs;
    this.#options = options;
    this.#clock = options.clock ?? new SystemClock();
  }

  /** Arms the timer (once); the limit counts from here. */
  start(): this {
    if (this.#startedAt !== undefined) return this;
    this.#startedAt = this.#clock.monotonicMs();
    this.#stepStartedAt = this.#startedAt;
    if (this.limitMs > 0) this.#cancel = (this.#options.schedule ?? scheduleUnrefTimer)(this.limitMs, () => this.#expire());
    return this;
  }

  /** Names the step that runs from now on (`stack up`, `rebuild`, `tests`, `teardown`). */
  enter(step: string): void {
    this.#step = step;
    this.#stepStartedAt = this.#clock.monotonicMs();
  }

  /** The step running now. */
  get step(): string {
    return this.#step;
  }

  /** The error the limit produced, once it passed. */
  get expired(): WallTimeExceededError | undefined {
    return this.#expired;
  }

  /** Milliseconds left before the limit (Infinity when off, 0 once passed). */
  remainingMs(): number {
    if (this.limitMs === 0) return Number.POSITIVE_INFINITY;
    if (this.#startedAt === undefined) return this.limitMs;
    return Math.max(0, this.limitMs - (this.#clock.monotonicMs() - this.#startedAt));
  }

  /** Disarms the timer; the limit no longer applies. */
  stop(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  #expire(): void {
    if (this.#expired || this.#cancel === undefined) return;
    this.#cancel = undefined;
    const now = this.#clock.monotonicMs();
    this.#expired = new WallTimeExceededError(
      this.#options.name,
      this.#step,
      this.limitMs,
      now - (this.#startedAt ?? now),
      now - this.#stepStartedAt,
      this.#options.hint ?? DEFAULT_HINT,
    );
    this.#options.onExpire(this.#expired);
  }
}

/** `3600 s`, `1.5 s`: whole seconds when whole, else one decimal. */
function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** What {@link stopOnWallTime} needs from its surroundings. */
export interface StopOnWallTimeOptions {
  /** Writes one line for the operator. */
  readonly log: (line: string) => void;
  /** Takes the target down and releases what the run holds (the teardown, or a best-effort down). */
  readonly cleanup: () => Promise<void>;
  /** Bound on `cleanup`, in milliseconds; past it the run exits anyway and says what is left. @default 240000 */
  readonly cleanupTimeoutMs?: number;
  /** Ends the process with the given code (the gate passes `process.exit`; tests pass a recorder). */
  readonly exit: (code: number) => void;
}

/**
 * What a gate does when its wall-time limit passes: prints the one-line reason and hint, runs the cleanup (bounded,
 * so a hung `down` cannot hang the exit either), then exits with {@link ExitCode.Interrupted}.
 */
export async function stopOnWallTime(error: WallTimeExceededError, options: StopOnWallTimeOptions): Promise<void> {
  const { log } = options;
  const boundMs = options.cleanupTimeoutMs ?? 240_000;
  log(`[gate] ${error.shortMessage}`);
  if (error.hint) log(`[gate] hint: ${error.hint}`);
  log(`[gate] cleaning up (at most ${formatSeconds(boundMs)}), then exiting with ${error.exitCode}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), boundMs);
  });
  try {
    const outcome = await Promise.race([options.cleanup().then(() => 'done' as const), bound]);
    if (outcome === 'timeout') log(`[gate] cleanup did not finish within ${formatSeconds(boundMs)}; the target may still be running (phasegate stack down)`);
  } catch (cleanupError) {
    log(`[gate] cleanup failed: ${cleanupError instanceof Error ? cleanupError.message.split('\n')[0] : String(cleanupError)}; the target may still be running (phasegate stack down)`);
  } finally {
    clearTimeout(timer);
  }
  options.exit(error.exitCode);
}
