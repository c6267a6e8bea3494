// Phase 0, Story 4's host checks (000 L330-370), measured from the Docker API and the host's docker CLI. Shared by
// suites/phase0/infrastructure.test.ts (the gate, the real daemon) and suites/selftest/infrastructure.test.ts, which
// points the same code at a stand-in daemon and stand-in CLI tools reporting an unready host, so every check is
// proven able to fail on the facts of a host this machine is not.
import { statfsSync } from 'node:fs';
import type Docker from 'dockerode';
import { execa } from 'execa';
import { FRONTEND_APPS, scanRepo, type RepoScan } from '../../lib/audit/index.js';
import { checkAtLeast, checkBuildkit, checkDockerBaseImage, checkVersionAtLeast, type CheckResult } from '../../lib/checks/index.js';
import type { InfrastructureEntry } from '../../lib/reports/infrastructure-report.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';

/** Where the checks look. */
export interface HostProbe {
  /** The Docker API client (dockerode). */
  readonly docker: Docker;
  /** Environment of the `docker` / `docker-compose` CLI calls (PATH decides which binaries answer). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Bound of each Docker API call, in milliseconds. @default 10000 */
  readonly apiTimeoutMs?: number;
}


/** A Docker API call bounded by `ms`: a daemon that does not answer becomes an error naming the call, never a hang. */
async function bounded<T>(what: string, ms: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([call(), new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] ?? '';

/** P0-S4-AC1a: Docker Engine >= 20.10 (`GET /version`). */
export async function engineVersion(p: HostProbe): Promise<CheckResult> {
  try {
    const version = await bounded('GET /version', p.apiTimeoutMs ?? 10_000, () => p.docker.version());
    return checkVersionAtLeast('P0-S4-AC1a', 'Docker Engine', version.Version, '20.10');
  } catch (error) {
    return { criterionId: 'P0-S4-AC1a', title: 'Docker Engine version', status: 'failed', limit: '>= 20.10', message: `the Docker daemon did not report its version: ${firstLine(error)}. hint: is dockerd running and is DOCKER_HOST right?` };
  }
}

/** P0-S4-AC1b: Docker Compose >= v2.0 (`docker compose version`, else `docker-compose version`). */
export async function composeVersion(p: HostProbe): Promise<CheckResult> {
  const env = p.env ?? process.env;
  const v2 = await execa('docker', ['compose', 'version', '--short'], { reject: false, timeout: 10_000, env, extendEnv: false });
  const v1 = v2.exitCode === 0 ? undefined : await execa('docker-compose', ['version', '--short'], { reject: false, timeout: 10_000, env, extendEnv: false });
  const found = v2.exitCode === 0 ? String(v2.stdout).trim().replace(/^v/, '') : v1?.exitCode === 0 ? String(v1.stdout).trim() : undefined;
  return checkVersionAtLeast('P0-S4-AC1b', 'Docker Compose', found, '2.0', 'install the Compose v2 plugin (`docker-compose-plugin` from Docker\'s apt repository; Debian 12 bookworm ships only v1) until `docker compose version` answers 2.x: the plans use `docker compose`, and HomeIQ\'s compose file has a top-level name:, which v1 cannot load');
}

/**
 * P0-S4-AC1c: `docker buildx version` / `buildx ls` (000 L359-363). The daemon's own BuildKit is tried as evidence
 * with a one-line Dockerfile FROM the local base image (no registry); the image it builds is removed at once.
 */
export async function buildkit(p: HostProbe): Promise<CheckResult> {
  const env = p.env ?? process.env;
  const runner = new ExecaCommandRunner();
  const version = await runner.run('docker', ['buildx', 'version'], { timeoutMs: 15_000, env });
  const ls = version.exitCode === 0 ? await runner.run('docker', ['buildx', 'ls'], { timeoutMs: 15_000, env }) : undefined;
  const iid = `/tmp/pgtest-p0diag-buildkit-${process.pid}.iid`;
  const builtin = await execa('docker', ['build', '--quiet', '--iidfile', iid, '-'], { input: 'FROM phasegate/nodebase:local\nLABEL phasegate.probe="p0-s4-ac1c"\n', env: { ...env, DOCKER_BUILDKIT: '1' }, extendEnv: false, reject: false, timeout: 60_000 });
  const id = (await execa('cat', [iid], { reject: false })).stdout;
  if (id) await execa('docker', ['image', 'rm', '--no-prune', id], { reject: false, timeout: 30_000, env, extendEnv: false });
  await execa('rm', ['-f', iid], { reject: false });
  return checkBuildkit(version, ls, { builtin: { exitCode: builtin.exitCode, stdout: String(builtin.stdout), stderr: String(builtin.stderr) } });
}

/** P0-S4-AC1d: the daemon answers `GET /_ping` with OK within the API bound. */
export async function daemonPing(p: HostProbe): Promise<CheckResult> {
  const limitMs = p.apiTimeoutMs ?? 10_000;
  const base = { criterionId: 'P0-S4-AC1d', title: 'Docker /_ping', limit: `OK within ${limitMs} ms` };
  const started = performance.now();
  try {
    const answer = String(await bounded('GET /_ping', limitMs, () => p.docker.ping()));
    const ms = performance.now() - started;
    return { ...base, status: answer === 'OK' ? 'passed' : 'failed', measurement: answer, message: `Docker /_ping answered ${JSON.stringify(answer)} in ${ms.toFixed(1)}ms${answer === 'OK' ? '' : '; expected "OK". hint: the daemon is up but unhealthy; see journalctl -u docker or dockerd\'s log'}` };
  } catch (error) {
    return { ...base, status: 'failed', measurement: 'no answer', message: `Docker /_ping failed after ${(performance.now() - started).toFixed(0)} ms: ${firstLine(error)}; expected "OK". hint: is dockerd running and responsive (docker info)?` };
  }
}

/** P0-S4-AC2a/b/c: memory >= 16 GB, free disk >= 50 GB under the Docker root, CPU cores >= 4 (`GET /info`). */
export async function resources(p: HostProbe, options: { readonly freeBytes?: (dir: string) => number } = {}): Promise<CheckResult[]> {
  const ids = ['P0-S4-AC2a', 'P0-S4-AC2b', 'P0-S4-AC2c'];
  let info: { MemTotal: number; NCPU: number; DockerRootDir?: string };
  try {
    info = await bounded('GET /info', p.apiTimeoutMs ?? 10_000, () => p.docker.info() as Promise<typeof info>);
  } catch (error) {
    return ids.map((criterionId) => ({ criterionId, title: 'host resources visible to Docker', status: 'failed', message: `the Docker daemon did not report its resources: ${firstLine(error)}. hint: is dockerd running?` }));
  }
  const root = info.DockerRootDir ?? '/var/lib/docker';
  const free = options.freeBytes ?? ((dir: string) => {
    const disk = statfsSync(dir);
    return disk.bavail * disk.bsize;
  });
  return [
    checkAtLeast('P0-S4-AC2a', 'memory visible to Docker (MemTotal)', info.MemTotal / 1e9, 16, 'GB', 'give the Docker host (VM or machine) 16 GB or more; the full stack and parallel builds need it (000 L330)'),
    checkAtLeast('P0-S4-AC2b', `free disk under ${root}`, free(root) / 1e9, 50, 'GB', `free space under ${root} (\`docker system df\` shows what images, build cache and volumes take) or move Docker's data-root to a larger disk`),
    checkAtLeast('P0-S4-AC2c', 'CPU cores available to Docker', info.NCPU, 4, 'cores', 'give the Docker host 4 or more cores (a larger VM or machine); with fewer, parallel rebuilds run slower than the plan assumes'),
  ];
}

/** Every automatable Story 4 host check (AC1a-d, AC2a-c), in order. */
export async function hostChecks(p: HostProbe): Promise<CheckResult[]> {
  return (await infrastructureEntries(p)).map((e) => e.result);
}

/** P0-S4-AC3c: Node >= 18 (Vite 6) in the frontends' Dockerfiles of a scanned checkout. */
export function frontendNode(scan: RepoScan): CheckResult {
  return checkDockerBaseImage(scan, 'P0-S4-AC3c', { services: FRONTEND_APPS, image: 'node', minimum: '18', hint: 'Vite 6 needs Node 18+ (000 L338)' });
}

/**
 * Story 4's automatable checks with what each is about, for the roll-up (P0-SC4) and the report (P0-S4-AC4): the host
 * checks (AC1a-d, AC2a-c) and, given the checkout, AC3c (Node >= 18 in the frontends' Dockerfiles).
 */
export async function infrastructureEntries(p: HostProbe, repoRoot?: string): Promise<InfrastructureEntry[]> {
  const [engine, compose, kit, ping] = [await engineVersion(p), await composeVersion(p), await buildkit(p), await daemonPing(p)];
  return [
    { kind: 'version', result: engine },
    { kind: 'version', result: compose },
    { kind: 'version', result: kit },
    { kind: 'service', result: ping },
    ...(await resources(p)).map((result) => ({ kind: 'resource' as const, result })),
    ...(repoRoot === undefined ? [] : [{ kind: 'version' as const, result: frontendNode(scanRepo(repoRoot)) }]),
  ];
}

