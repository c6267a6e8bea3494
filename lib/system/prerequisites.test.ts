import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandResult, CommandRunner } from './command-runner.js';
import { formatDoctorTable, prerequisitesMet } from './doctor-table.js';
import { checkPrerequisites, versionAtLeast } from './prerequisites.js';

/** Answers commands from a table keyed by `file args…`; unknown commands are "not found". */
class TableRunner implements CommandRunner {
  readonly calls: string[] = [];
  constructor(private readonly table: Record<string, Partial<CommandResult>>) {}
  async run(file: string, args: readonly string[]): Promise<CommandResult> {
    const key = [file, ...args].join(' ');
    this.calls.push(key);
    const hit = Object.entries(this.table).find(([prefix]) => key.startsWith(prefix))?.[1];
    if (!hit) return { exitCode: undefined, stdout: '', stderr: '', timedOut: false, notFound: true, durationMs: 1 };
    return { exitCode: 0, stdout: '', stderr: '', timedOut: false, notFound: false, durationMs: 1, ...hit };
  }
}

const healthy: Record<string, Partial<CommandResult>> = {
  'docker version --format {{.Client.Version}}': { stdout: '28.2.2\n' },
  'docker version --format {{.Server.Version}}': { stdout: '20.10.24+dfsg1\n' },
  'docker compose version': { exitCode: 1, stderr: "unknown command" },
  'docker-compose version --short': { stdout: '1.29.2\n' },
  '/bin/true --version': { stdout: 'Chromium 156.0.8078.79 built on Debian\n' },
  'busybox --help': { stdout: 'BusyBox v1.35.0 (Debian) multi-call binary.\n' },
  'sh -c': { stdout: '/usr/bin/busybox: ELF 64-bit LSB executable, statically linked\n' },
  'wrk --version': { stdout: 'wrk debian/4.1.0 [epoll]\n' },
  'docker image inspect': { stdout: 'sha256:7ba17a1d0e7c0000\n' },
};

function ctx(table: Record<string, Partial<CommandResult>>) {
  return { runner: new TableRunner(table), rootDir: mkdtempSync(join(tmpdir(), 'pg-doctor-')), env: {}, nodeVersion: '20.20.2', chromiumPath: '/bin/true' };
}

describe('versionAtLeast', () => {
  it('should compare dotted versions numerically', () => {
    expect(versionAtLeast('20.10.24+dfsg1', '20.10')).toBe(true);
    expect(versionAtLeast('20.9.1', '20.10')).toBe(false);
    expect(versionAtLeast('v2.24.0', '2.0')).toBe(true);
    expect(versionAtLeast('20.18.3', '20.19')).toBe(false);
  });
});

describe('checkPrerequisites', () => {
  it('should name the stopped Docker daemon and its fix', async () => {
    const results = await checkPrerequisites(
      ctx({
        ...healthy,
        'docker version --format {{.Server.Version}}': {
          exitCode: 1,
          stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
        },
      }),
    );
    const daemon = results.find((r) => r.name === 'docker daemon');
    expect(daemon).toEqual({
      name: 'docker daemon',
      status: 'missing',
      found: 'not reachable at unix:///var/run/docker.sock: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      required: true,
      fix: 'start the Docker daemon: as root run `nohup dockerd >/var/log/phasegate-dockerd.log 2>&1 &` (or npm run bootstrap)',
    });
    expect(prerequisitesMet(results)).toBe(false);
    expect(results.find((r) => r.name === 'base image')?.status).toBe('missing');
  });

  it('should report a hung daemon as broken, not as missing', async () => {
    const results = await checkPrerequisites(ctx({ ...healthy, 'docker version --format {{.Server.Version}}': { exitCode: undefined, timedOut: true } }));
    expect(results.find((r) => r.name === 'docker daemon')).toMatchObject({ status: 'broken', found: 'no answer from unix:///var/run/docker.sock within 8000ms' });
  });

  it('should accept compose v1 when v2 is absent and flag an old node', async () => {
    const results = await checkPrerequisites({ ...ctx(healthy), nodeVersion: '20.11.0' });
    expect(results.find((r) => r.name === 'compose')).toMatchObject({ status: 'ok', found: 'docker-compose 1.29.2 (v1)' });
    expect(results.find((r) => r.name === 'node')).toMatchObject({ status: 'outdated', fix: 'install Node.js 20.19 or newer' });
  });

  it('should name the browser it found, and the one PHASEGATE_CHROMIUM names when that is missing', async () => {
    const found = await checkPrerequisites(ctx(healthy));
    expect(found.find((r) => r.name === 'chromium')).toEqual({ name: 'chromium', status: 'ok', found: 'Chromium 156.0.8078.79 (/bin/true)', required: true });
    const named = await checkPrerequisites({ ...ctx(healthy), chromiumPath: undefined, env: { PHASEGATE_CHROMIUM: '/nonexistent/chrome' } });
    expect(named.find((r) => r.name === 'chromium')).toMatchObject({ status: 'missing', found: 'PHASEGATE_CHROMIUM=/nonexistent/chrome: no such file', required: true, fix: expect.stringMatching(/^apt-get install -y chromium-headless-shell chromium/) });
  });

  it("should accept a Google Chrome named in PHASEGATE_CHROMIUM, and point at that binary when it does not run", async () => {
    const chrome = await checkPrerequisites({ ...ctx({ ...healthy, '/bin/true --version': { stdout: 'Google Chrome 131.0.6778.85 \n' } }), chromiumPath: undefined, env: { PHASEGATE_CHROMIUM: '/bin/true' } });
    expect(chrome.find((r) => r.name === 'chromium')).toEqual({ name: 'chromium', status: 'ok', found: 'Google Chrome 131.0.6778.85 (/bin/true)', required: true });
    const broken = await checkPrerequisites({ ...ctx({ ...healthy, '/bin/true --version': { exitCode: 127, stderr: 'error while loading shared libraries: libnss3.so\n' } }), chromiumPath: undefined, env: { PHASEGATE_CHROMIUM: '/bin/true' } });
    expect(broken.find((r) => r.name === 'chromium')).toMatchObject({
      status: 'broken', found: '/bin/true --version failed: error while loading shared libraries: libnss3.so', fix: 'check the browser at /bin/true (PHASEGATE_CHROMIUM) runs: /bin/true --version',
    });
  });

  it('should treat a missing wrk as optional', async () => {
    const { 'wrk --version': _wrk, ...noWrk } = healthy;
    const results = await checkPrerequisites(ctx(noWrk));
    expect(results.find((r) => r.name === 'wrk')).toMatchObject({ status: 'missing', required: false });
    const withoutNodeModules = results.filter((r) => r.name !== 'npm dependencies');
    expect(prerequisitesMet(withoutNodeModules)).toBe(true);
  });
});

describe('formatDoctorTable', () => {
  it('should list every check and one fix line per problem', () => {
    const text = formatDoctorTable([
      { name: 'node', status: 'ok', found: 'v20.20.2', required: true },
      { name: 'docker daemon', status: 'missing', found: 'not reachable at unix:///x.sock: refused', required: true, fix: 'start dockerd' },
      { name: 'wrk', status: 'missing', found: 'not on PATH', required: false, fix: 'apt-get install -y wrk' },
    ]);
    expect(text).toMatchInlineSnapshot(`
      "check            status              found
      ✓ node           ok                  v20.20.2
      ✗ docker daemon  missing             not reachable at unix:///x.sock: refused
      ✗ wrk            missing (optional)  not on PATH

      problem: docker daemon: not reachable at unix:///x.sock: refused
        fix: start dockerd
      note: wrk: not on PATH
        fix: apt-get install -y wrk

      doctor: 1 required prerequisite(s) missing or broken"
    `);
  });
});
