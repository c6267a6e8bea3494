// Self-test of Phase 0 Story 4's host checks (suites/phase0/infrastructure.test.ts): the host is not a knob of the
// reference stack, so the same check code (suites/_setup/phase0-infrastructure.ts) is pointed at a stand-in Docker
// daemon (an HTTP server on 127.0.0.1 speaking the three Engine API routes the checks read) and at stand-in `docker` /
// `docker-compose` executables first on PATH. An unready host — Engine 19.03, Compose 1.29, no buildx, 8 GB, 2 cores,
// a Docker root with no free space, a daemon that never answers /_ping — must fail every check with its measurement;
// a ready host must pass them all, so the gate's failures on this 2-core, Compose-v1 machine are the machine's.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInfrastructureReport, rollUp } from '../../lib/checks/index.js';
import { expectFails } from '../_setup/gate.js';
import { readIfExists, writeInfrastructureReport } from '../_setup/phase0-evidence.js';
import { hostChecks, infrastructureEntries, type HostProbe } from '../_setup/phase0-infrastructure.js';

/** What the stand-in host reports. */
interface StandInHost {
  readonly engine: string;
  readonly memBytes: number;
  readonly cpus: number;
  /** Docker root directory (its free space is read with statfs on this machine: `/proc` has none). */
  readonly root: string;
  /** `/_ping` never answers. */
  readonly pingHangs: boolean;
  /** `docker compose version --short` output, or null: `docker compose` is not a command, and docker-compose says this. */
  readonly composeV2: string | null;
  readonly composeV1: string;
  /** `docker buildx version` output, or null: not installed. */
  readonly buildx: string | null;
}

const UNREADY: StandInHost = { engine: '19.03.15', memBytes: 8e9, cpus: 2, root: '/proc', pingHangs: true, composeV2: null, composeV1: '1.29.2', buildx: null };
const READY: StandInHost = { engine: '24.0.7', memBytes: 32e9, cpus: 8, root: '/', pingHangs: false, composeV2: 'v2.24.5', composeV1: '1.29.2', buildx: 'github.com/docker/buildx v0.12.1 30feaa1' };

/** A `docker` and a `docker-compose` that answer as `host` says (and accept `build` / `image rm` when buildx exists). */
function standInCli(dir: string, host: StandInHost): void {
  mkdirSync(dir, { recursive: true });
  const docker = [
    '#!/bin/sh',
    'case "$1 $2" in',
    `  "compose version") ${host.composeV2 ? `echo '${host.composeV2}'; exit 0` : `echo "docker: 'compose' is not a docker command." >&2; exit 1`} ;;`,
    `  "buildx version") ${host.buildx ? `echo '${host.buildx}'; exit 0` : `echo "docker: 'buildx' is not a docker command." >&2; exit 1`} ;;`,
    `  "buildx ls") echo 'default * docker'; exit 0 ;;`,
    'esac',
    `case "$1" in build) ${host.buildx ? 'echo sha256:0000; exit 0' : 'echo "ERROR: BuildKit is enabled but the buildx component is missing or broken." >&2; exit 1'} ;; image) exit 0 ;; esac`,
    'echo "stand-in docker: unexpected $*" >&2; exit 2',
  ].join('\n');
  writeFileSync(join(dir, 'docker'), `${docker}\n`);
  writeFileSync(join(dir, 'docker-compose'), `#!/bin/sh\necho '${host.composeV1}'\n`);
  chmodSync(join(dir, 'docker'), 0o755);
  chmodSync(join(dir, 'docker-compose'), 0o755);
}

/** A stand-in Docker daemon on 127.0.0.1 (port 0): GET /version, /info, /_ping. */
async function standInDaemon(host: StandInHost): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0];
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path === '/version') return json({ Version: host.engine, ApiVersion: '1.40', Os: 'linux', Arch: 'amd64' });
    if (path === '/info') return json({ MemTotal: host.memBytes, NCPU: host.cpus, DockerRootDir: host.root });
    if (path === '/_ping') {
      if (host.pingHangs) return; // never answers
      return res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

describe('self-test: the Phase 0 host checks fail on an unready host and pass on a ready one', { timeout: 120_000 }, () => {
  let dir: string;
  const servers: Server[] = [];
  const probe = async (host: StandInHost, name: string): Promise<HostProbe> => {
    const { server, port } = await standInDaemon(host);
    servers.push(server);
    const bin = join(dir, name);
    standInCli(bin, host);
    return { docker: new Docker({ host: '127.0.0.1', port, protocol: 'http' }), env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` }, apiTimeoutMs: 1_000 };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'phasegate-selftest-host-'));
  });
  afterAll(() => {
    for (const server of servers) server.closeAllConnections();
    for (const server of servers) server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('P0-S4-AC1a-d, P0-S4-AC2a-c and P0-SC4 fail on an unready host, each naming its measurement and limit', async (ctx) => {
    const results = await hostChecks(await probe(UNREADY, 'unready'));
    const by = (id: string) => results.find((r) => r.criterionId === id)!;
    expectFails(ctx, by('P0-S4-AC1a'), /^Docker Engine is 19\.03\.15; the plan requires >= 20\.10/);
    expectFails(ctx, by('P0-S4-AC1b'), /^Docker Compose is 1\.29\.2; the plan requires >= 2\.0/);
    expectFails(ctx, by('P0-S4-AC1c'), /`docker buildx version` failed \(exit 1: docker: 'buildx' is not a docker command\.\); `DOCKER_BUILDKIT=1 docker build` failed too/);
    expectFails(ctx, by('P0-S4-AC1d'), /Docker \/_ping failed after \d+ ms: GET \/_ping: no answer within 1000 ms; expected "OK"/);
    expectFails(ctx, by('P0-S4-AC2a'), /^memory visible to Docker \(MemTotal\): 8(\.0+)? GB, below the plan's minimum of 16 GB/);
    expectFails(ctx, by('P0-S4-AC2b'), /^free disk under \/proc: 0(\.0+)? GB, below the plan's minimum of 50 GB/);
    expectFails(ctx, by('P0-S4-AC2c'), /^CPU cores available to Docker: 2 cores, below the plan's minimum of 4 cores/);
    expectFails(ctx, rollUp('P0-SC4', 'infrastructure validated (000 Story 4)', results), /P0-S4-AC1a/);
  });

  it('P0-S4-AC4 documents an unready host (NOT READY, blockers, upgrades, remediation) and fails when the report cannot be written', async (ctx) => {
    const entries = await infrastructureEntries(await probe(UNREADY, 'unready-report'));
    const expectedIds = entries.map((e) => e.result.criterionId);
    const written = await writeInfrastructureReport(join(dir, 'report'), entries);
    const text = readIfExists(written.path) ?? '';
    expect(checkInfrastructureReport(written, text, { expectedIds }).status).toBe('passed');
    expect(text).toContain('**Verdict: NOT READY** — 7 checks: 0 passed, 7 failed.');
    expect(text).toMatch(/## Upgrade requirements\n\n- Docker Engine version: 19\.03\.15 → >= 20\.10 \(P0-S4-AC1a\)\n- Docker Compose version: 1\.29\.2 → >= 2\.0 \(P0-S4-AC1b\)\n- BuildKit \(docker buildx\) enabled and functional: `docker buildx version` failed/);
    expect(text).toMatch(/## Remediation plan\n\n1\. P0-S4-AC1a: /);
    // A file where the report's folder belongs: nothing is written, and no older report stands in for it.
    writeFileSync(join(dir, 'blocked'), 'in the way\n');
    const blocked = await writeInfrastructureReport(join(dir, 'blocked'), entries);
    expectFails(ctx, checkInfrastructureReport(blocked, readIfExists(blocked.path), { expectedIds }), /infrastructure_validation_report\.md: not written: .*ENOTDIR/);
  });

  it('the same checks pass on a ready host (Engine 24.0, Compose v2.24, buildx, 32 GB, 8 cores; disk as this machine has it)', async () => {
    const results = await hostChecks(await probe(READY, 'ready'));
    // The free disk is this machine's real `/` (statfs): it passes exactly when it has the 50 GB the plan asks.
    const disk = statfsSync('/');
    const freeGb = (disk.bavail * disk.bsize) / 1e9;
    expect(Object.fromEntries(results.map((r) => [r.criterionId, r.status]))).toEqual({
      'P0-S4-AC1a': 'passed', 'P0-S4-AC1b': 'passed', 'P0-S4-AC1c': 'passed', 'P0-S4-AC1d': 'passed', 'P0-S4-AC2a': 'passed', 'P0-S4-AC2b': freeGb >= 50 ? 'passed' : 'failed', 'P0-S4-AC2c': 'passed',
    });
  });
});
