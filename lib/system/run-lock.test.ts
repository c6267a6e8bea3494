import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunLock } from './run-lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'pg-lock-'));

describe('RunLock', () => {
  it('should refuse a second run on the same stack, naming the holder, and allow it after release', () => {
    const d = dir();
    const first = RunLock.acquire('phasegate-ref', { dir: d, purpose: 'vitest suites/phase1', pid: 111, isAlive: () => true });
    expect(() => RunLock.acquire('phasegate-ref', { dir: d, purpose: 'phasegate rebuild phase1', pid: 222, isAlive: () => true })).toThrow(
      /^the stack "phasegate-ref" is in use by another phasegate run \(pid 111, vitest suites\/phase1, since .*\)\nhint: wait for it to end; gate one suite per vitest call; if that process is gone, remove .*phasegate-ref\.lock$/,
    );
    expect(RunLock.acquire('other-project', { dir: d, purpose: 'x', pid: 222, isAlive: () => true })).toBeInstanceOf(RunLock);
    first.release();
    expect(existsSync(first.path)).toBe(false);
    expect(RunLock.acquire('phasegate-ref', { dir: d, purpose: 'phasegate rebuild phase1', pid: 222, isAlive: () => true }).holder.pid).toBe(222);
  });

  it('should take over a stale lock whose process is gone, or an unreadable one', () => {
    const d = dir();
    RunLock.acquire('p', { dir: d, purpose: 'killed run', pid: 111, isAlive: () => true });
    expect(RunLock.acquire('p', { dir: d, purpose: 'next', pid: 222, isAlive: (pid) => pid !== 111 }).holder.purpose).toBe('next');
    writeFileSync(join(d, 'q.lock'), 'garbage');
    expect(RunLock.acquire('q', { dir: d, purpose: 'after garbage', pid: 333, isAlive: () => true }).holder.pid).toBe(333);
  });

  it('should not remove a lock another run took over', () => {
    const d = dir();
    const mine = RunLock.acquire('p', { dir: d, purpose: 'mine', pid: 111, isAlive: () => true });
    const theirs = RunLock.acquire('p', { dir: d, purpose: 'theirs', pid: 222, isAlive: (pid) => pid !== 111 });
    mine.release();
    expect(existsSync(theirs.path)).toBe(true);
  });
});
