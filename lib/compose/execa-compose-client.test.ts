// Runs ExecaComposeClient against a tiny fake `docker-compose` script on PATH: real processes, no Docker.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExecaComposeClient, outputTail } from './execa-compose-client.js';

let bin: string;

beforeAll(() => {
  bin = mkdtempSync(join(tmpdir(), 'pg-fake-compose-'));
  // Echoes its arguments; FAKE_EXIT sets the exit code, FAKE_SLEEP makes it hang.
  writeFileSync(join(bin, 'docker-compose'), '#!/bin/sh\necho "args: $*"\necho "progress on stderr API_TOKEN=hunter2hunter2" >&2\n[ -n "$FAKE_SLEEP" ] && sleep "$FAKE_SLEEP"\nexit "${FAKE_EXIT:-0}"\n');
  chmodSync(join(bin, 'docker-compose'), 0o755);
});

afterAll(() => rmSync(bin, { recursive: true, force: true }));

const client = (env: Record<string, string> = {}) =>
  new ExecaComposeClient({ projectName: 'pgtest-unit', files: ['a.yml', 'b.yml'], envFile: 'x.env', cwd: tmpdir(), driver: 'v1', env: { PATH: `${bin}:${process.env.PATH ?? ''}`, ...env } });

describe('ExecaComposeClient', () => {
  it('should build the v1 command line with flags and return a result', async () => {
    const r = await client().up(['api', 'db'], { noDeps: true, build: true, forceRecreate: true });
    expect(r.command).toBe('docker-compose -p pgtest-unit -f a.yml -f b.yml --env-file x.env up -d --no-deps --build --force-recreate api db');
    expect([r.step, r.exitCode, r.timedOut]).toEqual(['up', 0, false]);
    expect(r.stdoutTail).toBe('args: -p pgtest-unit -f a.yml -f b.yml --env-file x.env up -d --no-deps --build --force-recreate api db');
    expect(r.stderrTail).toBe('progress on stderr API_TOKEN=***');
    expect(r.durationMs).toBeGreaterThan(0);
  });

  it('should map build, down, stop, start and restart options', async () => {
    const c = client();
    expect((await c.build(['api'], { noCache: true })).stdoutTail).toMatch(/ build --force-rm --no-cache api$/);
    expect((await c.build(['api'], { buildArgs: { BUILD_FAIL: '1', SERVICE: 'api' } })).stdoutTail).toMatch(/ build --force-rm --build-arg BUILD_FAIL=1 --build-arg SERVICE=api api$/);
    expect((await c.down({ volumes: true })).stdoutTail).toMatch(/ down -v --remove-orphans$/);
    expect((await c.down({ removeOrphans: false })).stdoutTail).toMatch(/ down$/);
    expect((await c.stop(['api'])).stdoutTail).toMatch(/ stop api$/);
    expect((await c.start(['api'])).stdoutTail).toMatch(/ start api$/);
    expect((await c.restart()).stdoutTail).toMatch(/ restart$/);
  });

  it('should return a failed result instead of throwing', async () => {
    const r = await client({ FAKE_EXIT: '3' }).restart(['api']);
    expect([r.exitCode, r.timedOut]).toEqual([3, false]);
  });

  it('should kill a hung command at the per-call timeout', async () => {
    const r = await client({ FAKE_SLEEP: '10' }).stop([], { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.durationMs).toBeLessThan(5_000);
  });
});

describe('outputTail', () => {
  it('should keep the last 40 non-empty lines and bound each line', () => {
    const text = [...Array.from({ length: 50 }, (_, i) => `line ${i}`), '', 'x'.repeat(2000)].join('\n');
    const tail = outputTail(text).split('\n');
    expect(tail).toHaveLength(40);
    expect(tail[0]).toBe('line 11');
    expect(tail[39]).toBe(`${'x'.repeat(1000)}… [truncated]`);
  });
});
