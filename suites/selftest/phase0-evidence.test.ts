// Self-test of the Phase 0 checks whose fault lives outside the twins' knobs: the evidence the gate writes
// (diagnostics, the Python audit CSV, the rebuild log tree, the monitors' logs), the in-container DNS lookup, the
// containers' log rotation, the build environment, the frontends' Node base image and `.env` in git. Each runs the
// gate's own step (suites/_setup/phase0-evidence.ts, repo-hygiene.ts) against a broken thing — a container that never
// ran, a container without a network, a file where a folder belongs, a project container without rotation, a checkout
// that tracks .env — and expects the check to fail naming it. Extra containers are network-less or on a private
// network of their own, labelled into the project only where the check reads the project; all are removed after.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DockerExecVersionSource, FRONTEND_APPS, scanRepo } from '../../lib/audit/index.js';
import { writeTree } from '../../lib/audit/testing.test-helper.js';
import { checkBuildEnv, checkDnsFromContainer, checkHaApiFromContainer, haApiInContainer, checkDockerBaseImage, checkEvidenceFiles, checkLogRotation, checkPythonAuditCsv, checkRebuildLogLayout, checkRuntimePython, resolveInContainer, rollUp } from '../../lib/checks/index.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { rebuildLogDate } from '../../lib/reports/phase0-artifacts.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';
import { expectFails, target } from '../_setup/gate.js';
import { captureContainerDiagnostics, prepareRebuildLogs, projectLogConfigs, readIfExists, runMonitorsOnce, writePythonAudit } from '../_setup/phase0-evidence.js';
import { envFileIgnored } from '../_setup/repo-hygiene.js';
import { composeProjectLabels } from './project-labels.js';

const t = target();
const docker = new Docker();
const inspector = new DockerodeContainerInspector();
const runner = new ExecaCommandRunner();
const SERVICE = 'websocket-ingestion';
const websocket = t.initialContainers.find((c) => c.service === SERVICE)?.name ?? 'homeiq-websocket';
const BASE_IMAGE = 'phasegate/nodebase:local';
const PREFIX = `${t.projectName}_phasegate-selftest`;
const date = rebuildLogDate(new Date());
const temps: string[] = [];
const containers: string[] = [];
const networks: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phasegate-p0-'));
  temps.push(dir);
  return dir;
}

/** `docker create`/`run` of a throwaway container from the base image (removed after the test). */
async function container(name: string, args: readonly string[], command: readonly string[], start = true): Promise<string> {
  await execa('docker', ['rm', '-f', name], { reject: false });
  containers.push(name);
  await execa('docker', [start ? 'run' : 'create', ...(start ? ['-d'] : []), '--name', name, ...args, BASE_IMAGE, ...command]);
  return name;
}

afterEach(async () => {
  for (const name of containers.splice(0)) await execa('docker', ['rm', '-f', name], { reject: false });
  for (const name of networks.splice(0)) await execa('docker', ['network', 'rm', name], { reject: false });
});
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('self-test: the Phase 0 evidence and environment checks fail on their faults', () => {
  it('P0-S2-AC1a/b/c pass on the running websocket container, then fail on one that never ran and on one that is gone (the old files do not count)', async (ctx) => {
    const dir = tempDir();
    const healthy = await captureContainerDiagnostics({ docker, inspector }, websocket, SERVICE, dir);
    expect(checkEvidenceFiles([healthy.logs], { criterionId: 'P0-S2-AC1a', what: 'log tail' })).toPassCheck();
    expect(checkEvidenceFiles([healthy.inspect], { criterionId: 'P0-S2-AC1b', what: 'inspect' })).toPassCheck();
    expect(checkEvidenceFiles([healthy.stats], { criterionId: 'P0-S2-AC1c', what: 'stats' })).toPassCheck();

    const silent = await container(`${PREFIX}-silent`, ['--network', 'none'], ['true'], false);
    const never = await captureContainerDiagnostics({ docker, inspector }, silent, SERVICE, dir);
    expectFails(ctx, checkEvidenceFiles([never.logs], { criterionId: 'P0-S2-AC1a', what: `${SERVICE} log tail (500 lines)` }), new RegExp(`websocket-ingestion\\.logs\\.txt: holds no log line: ${silent} has written nothing`));
    expect(checkEvidenceFiles([never.inspect], { criterionId: 'P0-S2-AC1b', what: 'inspect' })).toPassCheck();
    expectFails(ctx, checkEvidenceFiles([never.stats], { criterionId: 'P0-S2-AC1c', what: `${SERVICE} resource stats` }), new RegExp(`websocket-ingestion\\.stats\\.json: holds no memory reading \\(memory_stats\\.usage is absent\\): ${silent} is not running`));

    const gone = await captureContainerDiagnostics({ docker, inspector }, `${PREFIX}-gone`, SERVICE, dir);
    for (const [id, file] of [['P0-S2-AC1a', gone.logs], ['P0-S2-AC1b', gone.inspect], ['P0-S2-AC1c', gone.stats]] as const) {
      expectFails(ctx, checkEvidenceFiles([file], { criterionId: id, what: SERVICE }), /: not written: .*no such container/i);
      expect(file.bytes).toBeUndefined();
    }
  });

  it('P0-S2-AC2b fails on a token Home Assistant refuses and on an HA address where nothing listens, and passes in the websocket container', async (ctx) => {
    const auth = { service: SERVICE, auth: 'bearer' as const };
    // Loopback only (network_mode host): the simulator's real port, and a loopback port that was just free.
    const wrong = await container(`${PREFIX}-ha-token`, ['--network', 'host', '-e', `HOME_ASSISTANT_URL=${t.ha.url}`, '-e', 'HOME_ASSISTANT_TOKEN=wrong-token-0000000000'], ['sleep', '60']);
    const refused = await haApiInContainer(runner, wrong, 'bearer');
    expectFails(ctx, checkHaApiFromContainer(refused.outcome, { ...auth, container: wrong, command: refused.command }), /with the token in HOME_ASSISTANT_TOKEN answered HTTP 401: .*hint: the token in HOME_ASSISTANT_TOKEN is wrong or revoked/);

    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as AddressInfo).port;
    await new Promise((resolve) => free.close(resolve));
    const nowhere = await container(`${PREFIX}-ha-down`, ['--network', 'host', '-e', `HOME_ASSISTANT_URL=http://127.0.0.1:${port}`, '-e', 'HOME_ASSISTANT_TOKEN=any-token-0000000000'], ['sleep', '60']);
    const down = await haApiInContainer(runner, nowhere, 'bearer');
    expectFails(ctx, checkHaApiFromContainer(down.outcome, { ...auth, container: nowhere, command: down.command }), new RegExp(`GET http://127\\.0\\.0\\.1:${port}/api/ \\(from HOME_ASSISTANT_URL\\) failed: .*ECONNREFUSED.*hint: Home Assistant \\(or the simulator\\) is down`));

    const ok = await haApiInContainer(runner, websocket, 'bearer');
    expect(checkHaApiFromContainer(ok.outcome, { ...auth, container: websocket, command: ok.command })).toPassCheck();
  });

  it('P0-S2-AC2d fails when the name influxdb does not resolve inside the container, and passes on a network where it does', async (ctx) => {
    const isolated = await container(`${PREFIX}-nodns`, ['--network', 'none'], ['sleep', '60']);
    const failed = await resolveInContainer(runner, isolated, 'influxdb');
    expectFails(ctx, checkDnsFromContainer(failed.outcome, { service: SERVICE, container: isolated, networkMode: 'none', command: failed.command }), new RegExp(`^inside ${isolated}: \`busybox nslookup influxdb\` did not resolve influxdb \\(exit 1\\).*hint: both services must share a compose network`));

    const network = `${PREFIX}-dns`;
    await execa('docker', ['network', 'rm', network], { reject: false });
    await execa('docker', ['network', 'create', network]);
    networks.push(network);
    await container(`${PREFIX}-influx-alias`, ['--network', network, '--network-alias', 'influxdb'], ['sleep', '60']);
    const asker = await container(`${PREFIX}-asker`, ['--network', network], ['sleep', '60']);
    const found = await resolveInContainer(runner, asker, 'influxdb');
    expect(checkDnsFromContainer(found.outcome, { service: SERVICE, container: asker, networkMode: network, command: found.command })).toPassCheck();
  });

  it('P0-S3-AC1a fails on a Python service whose container cannot answer `python --version` (it is not running)', async (ctx) => {
    const stopped = await container(`${PREFIX}-python`, ['--network', 'none'], ['true'], false);
    const runtime = new DockerExecVersionSource({ runner, containerFor: (s) => (s === 'ml-service' ? stopped : undefined) });
    expectFails(ctx, await checkRuntimePython(runtime, 'P0-S3-AC1a', ['ml-service'], '0'), new RegExp(`\`python --version\` in ${stopped} printed no version: .*is not running`));
  });

  it('P0-S3-AC1b and P0-SC3 fail on an audit that cannot be written, and P0-SC3 on a service with no version anywhere', async (ctx) => {
    const root = writeTree({
      'services/ml-service/requirements.txt': 'numpy>=2\n',
      'services/ml-service/Dockerfile': 'FROM python:3.12-slim\n',
      'services/bare-service/requirements.txt': 'fastapi>=0.119\n',
    });
    temps.push(root);
    const scan = scanRepo(root);
    const python = ['bare-service', 'ml-service'];
    const runtime = new DockerExecVersionSource({ runner, containerFor: () => undefined });
    const input = { scan, python, running: [], runtime, containerFor: () => undefined, floor: '3.10' };

    const dir = tempDir();
    const written = await writePythonAudit({ ...input, dir });
    expect(checkPythonAuditCsv(readIfExists(written.path), { criterionId: 'P0-S3-AC1b', path: written.path, services: python })).toPassCheck();
    expectFails(ctx, checkPythonAuditCsv(readIfExists(written.path), { criterionId: 'P0-SC3', path: written.path, services: python, requireVersion: true }), /no version documented \(neither python --version nor a FROM python: tag\) for bare-service$/);

    // A file where the reports folder belongs: nothing can be written, and the old copy was removed first.
    const blocked = join(tempDir(), 'diagnostics');
    writeFileSync(blocked, 'not a folder');
    const failed = await writePythonAudit({ ...input, dir: blocked });
    expect(failed.problem).toMatch(/^not written: .*(ENOTDIR|EEXIST|not a directory)/i);
    for (const id of ['P0-S3-AC1b', 'P0-SC3']) {
      expectFails(ctx, checkPythonAuditCsv(readIfExists(failed.path), { criterionId: id, path: failed.path, services: python, requireVersion: id === 'P0-SC3', writeError: failed.problem! }), /python_versions_audit\.csv: not written: .*hint: the reports folder must be writable/);
    }
  });

  it("P0-S4-AC3ab fails when a frontend's Dockerfile has no node build stage (nginx only)", (ctx) => {
    const root = writeTree({
      'services/health-dashboard/package.json': '{"name":"health-dashboard"}\n',
      'services/health-dashboard/Dockerfile': 'FROM node:20-alpine AS build\nRUN npm ci\nFROM nginx:alpine\n',
      'services/ai-automation-ui/package.json': '{"name":"ai-automation-ui"}\n',
      'services/ai-automation-ui/Dockerfile': 'FROM nginx:alpine\nCOPY dist /usr/share/nginx/html\n',
    });
    temps.push(root);
    expectFails(ctx, checkDockerBaseImage(scanRepo(root), 'P0-S4-AC3ab', { services: FRONTEND_APPS, image: 'node', minimum: '0' }), /^services\/ai-automation-ui\/Dockerfile: no FROM node:<version> stage$/);
  });

  it('P0-S5-AC1a-c and the P0-SC5 roll-up fail on a build environment without BuildKit, and pass with 000 Task 5.1\'s values', (ctx) => {
    const results = checkBuildEnv({ PATH: process.env.PATH, DOCKER_BUILDKIT: '0', BUILDKIT_PROGRESS: 'auto' });
    expectFails(ctx, results[0]!, /^DOCKER_BUILDKIT is "0" in the environment the gate and its rebuilds run with; 000 Task 5\.1 requires DOCKER_BUILDKIT=1/);
    expectFails(ctx, results[1]!, /^BUILDKIT_PROGRESS is "auto" .* requires BUILDKIT_PROGRESS=plain/);
    expectFails(ctx, results[2]!, /^COMPOSE_DOCKER_CLI_BUILD is not set .* requires COMPOSE_DOCKER_CLI_BUILD=1/);
    const good = checkBuildEnv({ DOCKER_BUILDKIT: '1', BUILDKIT_PROGRESS: 'plain', COMPOSE_DOCKER_CLI_BUILD: '1' });
    for (const r of good) expect(r).toPassCheck();
    // The roll-up the gate makes of Story 5 (with the other parts passing here) fails on the one broken part, naming it.
    const layout = checkRebuildLogLayout(prepareRebuildLogs(tempDir(), date).listing);
    expectFails(ctx, rollUp('P0-SC5', 'build monitoring operational (000 Story 5)', [...results, layout]), /P0-S5-AC1a-c/);
    expect(rollUp('P0-SC5', 'build monitoring operational (000 Story 5)', [...good, layout])).toPassCheck();
  });

  it('P0-S5-AC2ab fails when the log tree cannot be laid out (a file where rebuild_<date>/phase2 belongs), naming the missing folders', (ctx) => {
    const root = tempDir();
    expect(checkRebuildLogLayout(prepareRebuildLogs(root, date).listing)).toPassCheck();

    const broken = tempDir();
    mkdirSync(join(broken, `rebuild_${date}`), { recursive: true });
    writeFileSync(join(broken, `rebuild_${date}`, 'phase2'), 'a file, not a folder');
    const { listing, error } = prepareRebuildLogs(broken, date);
    expect(error).toBeDefined();
    expectFails(ctx, checkRebuildLogLayout(listing, { createError: error! }), new RegExp(`laying it out failed: .*; 16 of 24 folder\\(s\\) missing: rebuild_${date}/phase2/build, .*; current_rebuild is not a symlink\\. hint: 000 Task 5\\.2`));
  });

  it('P0-S5-AC2c fails on a project container whose json-file log has no max-size', async (ctx) => {
    expect(checkLogRotation(await projectLogConfigs({ docker, inspector }, t.projectName))).toPassCheck();
    const service = 'phasegate-selftest-unrotated';
    await container(`${t.projectName}_${service}_1`, ['--network', 'none', '--log-driver', 'json-file', ...composeProjectLabels(t.projectName, service)], ['sleep', '60']);
    const r = checkLogRotation(await projectLogConfigs({ docker, inspector }, t.projectName));
    expectFails(ctx, r, new RegExp(`${service} \\(${t.projectName}_${service}_1\\): json-file without max-size \\(the log grows without bound\\)`));
    expect(r.message).not.toMatch(/data-api|influxdb \(/);
  });

  it('P0-S5-AC4ab fails when a monitor cannot write its log (a file where phase0/errors belongs)', async (ctx) => {
    const run = tempDir();
    expect(checkEvidenceFiles(await runMonitorsOnce(inspector, t.projectName, run), { criterionId: 'P0-S5-AC4ab', what: 'monitor logs', maxAgeMs: 300_000 })).toPassCheck();

    const broken = tempDir();
    mkdirSync(join(broken, 'phase0'), { recursive: true });
    writeFileSync(join(broken, 'phase0', 'errors'), 'a file, not a folder');
    const files = await runMonitorsOnce(inspector, t.projectName, broken);
    expectFails(ctx, checkEvidenceFiles(files, { criterionId: 'P0-S5-AC4ab', what: 'monitor logs (health, resources, errors)', maxAgeMs: 300_000 }), /^monitor logs \(health, resources, errors\): .*phase0\/errors\/errors_[^:]+\.log: not written: /);
    expect(files.filter((f) => f.problem === undefined)).toHaveLength(2);
  });

  it('P0-001-CI5a fails on a checkout whose git tracks .env, and on one whose .gitignore does not name it', async (ctx) => {
    const repo = tempDir();
    await execa('git', ['init', '-q', repo]);
    writeFileSync(join(repo, '.env'), 'INFLUXDB_TOKEN=selftest-not-a-secret\n');
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
    expectFails(ctx, await envFileIgnored(repo, 'P0-001-CI5a'), /\.gitignore does not ignore \.env .*hint: add the line \.env to \.gitignore/);
    await execa('git', ['-C', repo, 'add', '.env', '.gitignore']);
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n.env\n');
    expectFails(ctx, await envFileIgnored(repo, 'P0-001-CI5a'), /git tracks \.env, so its secrets are in the history\. hint: git rm --cached \.env/);
    await execa('git', ['-C', repo, 'rm', '-q', '--cached', '.env']);
    expect(await envFileIgnored(repo, 'P0-001-CI5a')).toPassCheck();
  });
});
