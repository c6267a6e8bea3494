// Phase 0, Story 4: infrastructure prerequisites, measured from the Docker API and the host.
import { statfsSync } from 'node:fs';
import Docker from 'dockerode';
import { execa } from 'execa';
import { describe, it } from 'vitest';
import { FRONTEND_APPS, scanRepo } from '../../lib/audit/index.js';
import { checkAtLeast, checkBuildkit, checkDockerBaseImage, checkVersionAtLeast, rollUp, type CheckResult } from '../../lib/checks/index.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';
import { gate, target } from '../_setup/gate.js';

const docker = new Docker();
const runner = new ExecaCommandRunner();

async function engineVersion(): Promise<CheckResult> {
  const version = await docker.version();
  return checkVersionAtLeast('P0-S4-AC1a', 'Docker Engine', version.Version, '20.10');
}

async function composeVersion(): Promise<CheckResult> {
  const v2 = await execa('docker', ['compose', 'version', '--short'], { reject: false, timeout: 10_000 });
  const v1 = v2.exitCode === 0 ? undefined : await execa('docker-compose', ['version', '--short'], { reject: false, timeout: 10_000 });
  const found = v2.exitCode === 0 ? String(v2.stdout).trim().replace(/^v/, '') : v1?.exitCode === 0 ? String(v1.stdout).trim() : undefined;
  return checkVersionAtLeast('P0-S4-AC1b', 'Docker Compose', found, '2.0', 'the plans use `docker compose` v2 (HomeIQ\'s compose file has a top-level name:, which v1 cannot load); Debian bookworm ships only v1');
}

/**
 * P0-S4-AC1c: `docker buildx version` / `buildx ls` (000 L359-363). The daemon's own BuildKit is tried as evidence
 * with a one-line Dockerfile FROM the local base image (no registry); the image it builds is removed at once.
 */
async function buildkit(): Promise<CheckResult> {
  const version = await runner.run('docker', ['buildx', 'version'], { timeoutMs: 15_000 });
  const ls = version.exitCode === 0 ? await runner.run('docker', ['buildx', 'ls'], { timeoutMs: 15_000 }) : undefined;
  const iid = `/tmp/pgtest-p0diag-buildkit-${process.pid}.iid`;
  const builtin = await execa('docker', ['build', '--quiet', '--iidfile', iid, '-'], { input: 'FROM phasegate/nodebase:local\nLABEL phasegate.probe="p0-s4-ac1c"\n', env: { DOCKER_BUILDKIT: '1' }, reject: false, timeout: 60_000 });
  const id = (await execa('cat', [iid], { reject: false })).stdout;
  if (id) await execa('docker', ['image', 'rm', '--no-prune', id], { reject: false, timeout: 30_000 });
  await execa('rm', ['-f', iid], { reject: false });
  return checkBuildkit(version, ls, { builtin: { exitCode: builtin.exitCode, stdout: String(builtin.stdout), stderr: String(builtin.stderr) } });
}

async function daemonPing(): Promise<CheckResult> {
  const started = performance.now();
  const answer = String(await docker.ping());
  const ms = performance.now() - started;
  return { criterionId: 'P0-S4-AC1d', title: 'Docker /_ping', status: answer === 'OK' ? 'passed' : 'failed', measurement: answer, limit: 'OK', message: `Docker /_ping answered ${JSON.stringify(answer)} in ${ms.toFixed(1)}ms` };
}

async function resources(): Promise<CheckResult[]> {
  const info = await docker.info();
  const disk = statfsSync(info.DockerRootDir ?? '/var/lib/docker');
  return [
    checkAtLeast('P0-S4-AC2a', 'memory visible to Docker (MemTotal)', info.MemTotal / 1e9, 16, 'GB'),
    checkAtLeast('P0-S4-AC2b', `free disk under ${info.DockerRootDir}`, (disk.bavail * disk.bsize) / 1e9, 50, 'GB'),
    checkAtLeast('P0-S4-AC2c', 'CPU cores available to Docker', info.NCPU, 4, 'cores', 'parallel rebuilds will be slower; the plan assumes 4'),
  ];
}

describe('Phase 0 — infrastructure (000 Story 4)', () => {
  it('P0-S4-AC1a: Docker Engine >= 20.10', async (ctx) => {
    gate(ctx, await engineVersion());
  });

  it('P0-S4-AC1b: Docker Compose >= v2.0', async (ctx) => {
    gate(ctx, await composeVersion());
  });

  it('P0-S4-AC1c: BuildKit enabled and functional (docker buildx version, buildx ls)', async (ctx) => {
    gate(ctx, await buildkit());
  });

  it('P0-S4-AC1d: Docker daemon responsive (/_ping)', async (ctx) => {
    gate(ctx, await daemonPing());
  });

  it('P0-S4-AC2a/b/c: memory >= 16 GB, free disk >= 50 GB, CPU cores >= 4', async (ctx) => {
    gate(ctx, ...(await resources()));
  });

  it('P0-SC4: infrastructure validated and ready (every automatable Story 4 check passes)', async (ctx) => {
    // Story 4's automatable checks: AC1a-d, AC2a-c and AC3c (Node >= 18 in the frontends' Dockerfiles, as versions.test.ts).
    const node = checkDockerBaseImage(scanRepo(target().repoRoot), 'P0-S4-AC3c', { services: FRONTEND_APPS, image: 'node', minimum: '18', hint: 'Vite 6 needs Node 18+ (000 L338)' });
    const parts = [await engineVersion(), await composeVersion(), await buildkit(), await daemonPing(), ...(await resources()), node];
    gate(ctx, rollUp('P0-SC4', 'infrastructure validated (000 Story 4)', parts));
  });
});
