// One run per stack: a lock file per compose project, created atomically (O_EXCL). A lock whose process is gone
// is stale and taken over; a live one stops the second run before it touches anything.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UnsafeTargetError } from '../common/errors.js';

/** What a lock file says about its holder. */
export interface LockHolder {
  readonly pid: number;
  /** What holds it (`vitest suites/phase1`, `phasegate rebuild phase1`). */
  readonly purpose: string;
  /** ISO time it was taken. */
  readonly since: string;
}

export interface RunLockOptions {
  /** Directory of lock files. @default `.phasegate/locks` under the working directory */
  readonly dir?: string;
  /** What takes the lock, for the other run's message. */
  readonly purpose: string;
  /** @default process.pid */
  readonly pid?: number;
  /** Whether a process is alive. @default `process.kill(pid, 0)` */
  readonly isAlive?: (pid: number) => boolean;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A held lock; {@link RunLock.release} removes it (only when it is still ours). */
export class RunLock {
  private constructor(
    readonly path: string,
    readonly holder: LockHolder,
  ) {}

  /** Takes the lock of `project` or throws an {@link UnsafeTargetError} naming the holder. */
  static acquire(project: string, options: RunLockOptions): RunLock {
    const dir = options.dir ?? join(process.cwd(), '.phasegate', 'locks');
    const path = join(dir, `${project}.lock`);
    const holder: LockHolder = { pid: options.pid ?? process.pid, purpose: options.purpose, since: new Date().toISOString() };
    mkdirSync(dir, { recursive: true });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, JSON.stringify(holder));
        closeSync(fd);
        return new RunLock(path, holder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const other = readHolder(path);
      if (other && (options.isAlive ?? alive)(other.pid) && other.pid !== holder.pid) {
        throw new UnsafeTargetError(`the stack "${project}" is in use by another phasegate run (pid ${other.pid}, ${other.purpose}, since ${other.since})`, {
          hint: `wait for it to end; gate one suite per vitest call; if that process is gone, remove ${path}`,
        });
      }
      rmSync(path, { force: true }); // stale (its process is gone), unreadable, or our own
    }
    throw new UnsafeTargetError(`could not take the lock ${path} for "${project}"`, { hint: 'another run took it at the same moment; try again' });
  }

  release(): void {
    const current = readHolder(this.path);
    if (current && current.pid === this.holder.pid && current.since === this.holder.since) rmSync(this.path, { force: true });
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, purpose: String(parsed.purpose ?? '?'), since: String(parsed.since ?? '?') } : undefined;
  } catch {
    return undefined;
  }
}
