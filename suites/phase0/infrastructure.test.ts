// Phase 0, Story 4: infrastructure prerequisites, measured from the Docker API and the host.
import { statfsSync } from 'node:fs';
import Docker from 'dockerode';
import { execa } from 'execa';
import { describe, it } from 'vitest';
import { checkAtLeast, checkVersionAtLeast } from '../../lib/checks/index.js';
import { gate } from '../_setup/gate.js';

const docker = new Docker();

describe('Phase 0 — infrastructure (000 Story 4)', () => {
  it('P0-S4-AC1a: Docker Engine >= 20.10', async (ctx) => {
    const version = await docker.version();
    gate(ctx, checkVersionAtLeast('P0-S4-AC1a', 'Docker Engine', version.Version, '20.10'));
  });

  it('P0-S4-AC1b: Docker Compose >= v2.0', async (ctx) => {
    const v2 = await execa('docker', ['compose', 'version', '--short'], { reject: false, timeout: 10_000 });
    const v1 = v2.exitCode === 0 ? undefined : await execa('docker-compose', ['version', '--short'], { reject: false, timeout: 10_000 });
    const found = v2.exitCode === 0 ? String(v2.stdout).trim().replace(/^v/, '') : v1?.exitCode === 0 ? String(v1.stdout).trim() : undefined;
    gate(ctx, checkVersionAtLeast('P0-S4-AC1b', 'Docker Compose', found, '2.0', 'the plans use `docker compose` v2 (HomeIQ\'s compose file has a top-level name:, which v1 cannot load); Debian bookworm ships only v1'));
  });

  it('P0-S4-AC1d: Docker daemon responsive (/_ping)', async (ctx) => {
    const started = performance.now();
    const answer = String(await docker.ping());
    const ms = performance.now() - started;
    gate(ctx, { criterionId: 'P0-S4-AC1d', title: 'Docker /_ping', status: answer === 'OK' ? 'passed' : 'failed', measurement: answer, limit: 'OK', message: `Docker /_ping answered ${JSON.stringify(answer)} in ${ms.toFixed(1)}ms` });
  });

  it('P0-S4-AC2a/b/c: memory >= 16 GB, free disk >= 50 GB, CPU cores >= 4', async (ctx) => {
    const info = await docker.info();
    const disk = statfsSync(info.DockerRootDir ?? '/var/lib/docker');
    gate(
      ctx,
      checkAtLeast('P0-S4-AC2a', 'memory visible to Docker (MemTotal)', info.MemTotal / 1e9, 16, 'GB'),
      checkAtLeast('P0-S4-AC2b', `free disk under ${info.DockerRootDir}`, (disk.bavail * disk.bsize) / 1e9, 50, 'GB'),
      checkAtLeast('P0-S4-AC2c', 'CPU cores available to Docker', info.NCPU, 4, 'cores', 'parallel rebuilds will be slower; the plan assumes 4'),
    );
  });
});
