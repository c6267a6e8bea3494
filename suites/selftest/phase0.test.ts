// Self-test of the Phase 0 checks that a fault knob or a broken websocket container can break (suites/phase0): each
// is proven able to FAIL on the reference stack, as in faults.test.ts. The evidence, DNS, log-rotation, build-env,
// Dockerfile and .env checks are proven in phase0-evidence.test.ts, the host checks in infrastructure.test.ts and
// the backup in backup.test.ts.
import Docker from 'dockerode';
import { afterEach, describe, it } from 'vitest';
import { execa } from 'execa';
import { checkContainersHealthy, checkContainerWatch, checkEnvVars, checkEventsFlowing, checkHealthBody, checkInfluxFromContainer, checkNoErrorLogs, checkRecovery, httpGetInContainer, influxHealthUrlInside, rollUp, watchContainer } from '../../lib/checks/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { SystemClock } from '../../lib/common/clock.js';
import { DockerodeContainerInspector, waitForHealthy } from '../../lib/docker/index.js';
import { FaultClient, waitHealthy } from '../../lib/stack/index.js';
import { ExecaCommandRunner } from '../../lib/system/command-runner.js';
import { FaultInjector } from './fault-injector.js';
import { expectFails, target } from '../_setup/gate.js';

const t = target();
const faults = new FaultInjector(t);
const inspector = new DockerodeContainerInspector();
const docker = new Docker();
const runner = new ExecaCommandRunner();
const clock = new SystemClock();
const SERVICE = 'websocket-ingestion';
const container = t.initialContainers.find((c) => c.service === SERVICE)?.name ?? 'homeiq-websocket';
const health = `${t.urls[SERVICE]}/health`;

describe('self-test: the Phase 0 checks fail on their faults', () => {
  afterEach(() => faults.clearAll());

  it('P0-SC2 fails when websocket-ingestion answers 200 with status "unhealthy" (Docker\'s healthcheck only sees HTTP 200)', async (ctx) => {
    await faults.inject(SERVICE, { healthStatus: 'unhealthy' });
    const state = checkContainersHealthy(await inspector.listProject(t.projectName), { criterionId: 'P0-SC2', expected: [SERVICE] });
    const body = await checkHealthBody({ criterionId: 'P0-SC2', service: SERVICE, url: health, rule: { field: 'status', equals: 'healthy' } });
    expectFails(ctx, rollUp('P0-SC2', `${SERVICE} healthy (Blocker 1)`, [state, body]), /part\(s\) of websocket-ingestion healthy \(Blocker 1\) failed: \[P0-SC2\] .*status = "unhealthy"/);
  });

  it('P0-S2-AC3a / P0-S2-AC1d / P0-001-CI1 fail when websocket-ingestion answers 200 with status "unhealthy"', async (ctx) => {
    await faults.inject(SERVICE, { healthStatus: 'unhealthy' });
    for (const id of ['P0-S2-AC3a', 'P0-S2-AC1d', 'P0-001-CI1']) {
      expectFails(ctx, await checkHealthBody({ criterionId: id, service: SERVICE, url: health, rule: { field: 'status', equals: 'healthy' } }), /websocket-ingestion .* answered HTTP 200 but status = "unhealthy"/);
    }
  });

  it('P0-S2-AC3b fails when websocket-ingestion logs ERROR lines', async (ctx) => {
    // Lines since the knob was set: earlier scenarios (a failing InfluxDB) leave their own, real error lines.
    const since = Date.now();
    await faults.inject(SERVICE, { logErrors: 5 });
    await new Promise((r) => setTimeout(r, 2_000));
    const r = await checkNoErrorLogs(inspector, await inspector.listProject(t.projectName), { criterionId: 'P0-S2-AC3b', services: [SERVICE], tail: 500, sinceMs: since });
    expectFails(ctx, r, /websocket-ingestion \(homeiq-websocket\): \d+ error line\(s\), first: .*ERROR phasegate fault: injected error line/);
  });

  it('P0-S2-AC3c fails when Home Assistant sends no events (nothing to ingest)', async (ctx) => {
    await faults.inject('ha-simulator', { stopEvents: true });
    const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });
    const r = await checkEventsFlowing({ criterionId: 'P0-S2-AC3c', ingestionHealthUrl: health, flux, bucket: t.influx.bucket, windowMs: 3_000 });
    expectFails(ctx, r, /websocket-ingestion received 0 events in 3s/);
  });

  it('P0-S2-AC2c fails on a websocket-ingestion container created without its .env (no HA_* / INFLUX* variables)', async (ctx) => {
    const image = (await docker.getContainer(container).inspect()).Config.Image;
    const name = `${t.projectName}_selftest-noenv`;
    await execa('docker', ['rm', '-f', name], { reject: false });
    await execa('docker', ['create', '--name', name, '--network', 'none', image]);
    try {
      const env = (await docker.getContainer(name).inspect()).Config.Env ?? [];
      expectFails(ctx, checkEnvVars(env, { service: SERVICE }), /^websocket-ingestion: .*missing.*HA.*hint: set them in \.env/);
    } finally {
      await execa('docker', ['rm', '-f', name], { reject: false });
    }
  });

  it('P0-S2-AC2a fails when InfluxDB, seen from inside the websocket container, says fail or answers 503', async (ctx) => {
    const networkMode = (await docker.getContainer(container).inspect()).HostConfig.NetworkMode ?? 'default';
    const url = influxHealthUrlInside({ networkMode, hostInfluxUrl: t.influx.url });
    await faults.inject('influxdb', { healthStatus: 'fail', healthHttpStatus: 200 });
    const fail = await httpGetInContainer(runner, container, url);
    expectFails(ctx, checkInfluxFromContainer(fail.outcome, { service: SERVICE, container, url, command: fail.command }), /InfluxDB's status is "fail"; expected "pass"/);
    await faults.inject('influxdb', { healthHttpStatus: 503 });
    const down = await httpGetInContainer(runner, container, url);
    expectFails(ctx, checkInfluxFromContainer(down.outcome, { service: SERVICE, container, url, command: down.command }), /exit 1: .*hint: InfluxDB is down/);
  });

  it('P0-S2-AC3d / P0-001-T2 fail at once when websocket-ingestion crashes during the watch', { timeout: 120_000 }, async (ctx) => {
    await faults.inject(SERVICE, { crashAfterMs: 1_000 });
    faults.forget(SERVICE); // the process is gone; its knobs die with it
    // The first bad sample shows the crash as exited, restarting, or (when Docker restarted it between two samples)
    // running with health "starting" again: all three are the crash; a healthy sample would not be bad.
    const samples = await watchContainer(() => inspector.inspect(container), { durationMs: 30_000, intervalMs: 500 });
    await waitHealthy(inspector, t.projectName, clock, 60_000);
    expectFails(ctx, checkContainerWatch(samples, { criterionId: 'P0-001-T2', service: SERVICE, requiredWindowMs: 300_000, maxGapMs: 20_000 }), /^websocket-ingestion: 1 bad sample\(s\) of .*(restarted \(RestartCount|homeiq-websocket (exited|restarting|running\/starting))/);
  });

  it('P0-S2-T3 fails when websocket-ingestion crash-loops after docker restart', { timeout: 180_000 }, async (ctx) => {
    // crashLoopMs is sticky across restarts (state in the container's /tmp); crashLoopTimes ends the loop by itself.
    await faults.inject(SERVICE, { crashLoopMs: 1_500, crashLoopTimes: 4 });
    faults.forget(SERVICE);
    await docker.getContainer(container).restart({ t: 5 });
    const started = performance.now();
    let waitError: string | undefined;
    await waitForHealthy(inspector, [container], { timeoutMs: 30_000, intervalMs: 500 }).catch((e: unknown) => (waitError = e instanceof Error ? e.message.split('\n', 1)[0] : String(e)));
    const elapsedMs = performance.now() - started;
    const after = await inspector.inspect(container).catch(() => undefined);
    const r = checkRecovery({ service: SERVICE, elapsedMs, ...(waitError ? { waitError } : {}), ...(after ? { after } : {}) });
    // Let the loop run out, then remove the knob file, so later scenarios see a whole stack.
    await waitHealthy(inspector, t.projectName, clock, 120_000);
    await new FaultClient(SERVICE, t.urls[SERVICE]!).clear();
    expectFails(ctx, r, /after docker restart; expected healthy within 30 s/);
  });
});
