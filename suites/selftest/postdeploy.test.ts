// Self-test of the post-deployment checks (suites/postdeploy): each is proven able to FAIL on the reference stack
// (core services) through a fault knob, as in faults.test.ts.
import { execa } from 'execa';
import { afterEach, describe, it } from 'vitest';
import { checkContainersHealthy, checkContainersRunning, checkEndToEndEvent, checkEventsFlowing, checkHealthBody, checkNoErrorLogs, checkNoRestarts } from '../../lib/checks/index.js';
import { SystemClock } from '../../lib/common/clock.js';
import { DockerodeContainerInspector } from '../../lib/docker/index.js';
import { FluxClient } from '../../lib/influx/index.js';
import { FaultClient, waitHealthy } from '../../lib/stack/index.js';
import { expectFails, target } from '../_setup/gate.js';

const t = target();
const faults = (service: string) => new FaultClient(service, t.urls[service]!);
const inspector = new DockerodeContainerInspector();
const flux = new FluxClient({ url: t.influx.url, token: t.influx.token, org: t.influx.org });
const HOUR_MS = 3_600_000;
const touched = new Set<string>();
async function inject(service: string, knobs: Record<string, unknown>): Promise<void> {
  touched.add(service);
  await faults(service).set(knobs);
}

describe('self-test: the post-deployment checks fail on their faults', () => {
  afterEach(async () => {
    for (const service of touched) await faults(service).clear();
    touched.clear();
  });

  it('PD-D1-8 fails when data-api answers its events query with an empty list', async (ctx) => {
    await inject('data-api', { eventsEmpty: true });
    const r = await checkHealthBody({ criterionId: 'PD-D1-8', service: 'data-api', url: `${t.urls['data-api']}/api/v1/events?limit=1`, rule: { field: 'length', greaterThan: 0 }, headers: { authorization: `Bearer ${t.apiKey}` } });
    expectFails(ctx, r, /answered HTTP 200 but length = 0; expected 2xx and length > 0/);
  });

  it('PD-D1-3 fails on error lines written in the past hour', async (ctx) => {
    await inject('sports-api', { logErrors: 5 });
    await new Promise((r) => setTimeout(r, 1_500));
    const states = await inspector.listProject(t.projectName);
    const r = await checkNoErrorLogs(inspector, states, { criterionId: 'PD-D1-3', services: ['sports-api'], tail: 2_000, sinceMs: Date.now() - 3_600_000 });
    expectFails(ctx, r, /^sports-api \(homeiq-sports-api\): \d+ error line\(s\), first: /);
  });

  it('PD-D1-4d fails when data-api says it is degraded although it answers 200', async (ctx) => {
    await inject('data-api', { healthStatus: 'degraded' });
    const r = await checkHealthBody({ criterionId: 'PD-D1-4d', service: 'data-api', url: `${t.urls['data-api']}/health`, rule: { field: 'status', equals: 'healthy' } });
    expectFails(ctx, r, /answered HTTP 200 but status = "degraded"/);
  });

  it('PD-D1-4a / PD-D1-4b / PD-D1-4c fail when InfluxDB says fail and websocket-ingestion and admin-api say unhealthy, all with HTTP 200', async (ctx) => {
    await inject('influxdb', { healthStatus: 'fail', healthHttpStatus: 200 });
    await inject('websocket-ingestion', { healthStatus: 'unhealthy' });
    await inject('admin-api', { healthStatus: 'unhealthy' });
    const u = (service: string) => `${t.urls[service]}/health`;
    expectFails(ctx, await checkHealthBody({ criterionId: 'PD-D1-4a', service: 'influxdb', url: u('influxdb'), rule: { field: 'status', equals: 'pass' } }), /influxdb .*answered HTTP 200 but status = "fail"/);
    expectFails(ctx, await checkHealthBody({ criterionId: 'PD-D1-4b', service: 'websocket-ingestion', url: u('websocket-ingestion'), rule: { field: 'status', equals: 'healthy' } }), /websocket-ingestion .*answered HTTP 200 but status = "unhealthy"/);
    expectFails(ctx, await checkHealthBody({ criterionId: 'PD-D1-4c', service: 'admin-api', url: u('admin-api'), rule: { field: 'status', equals: 'healthy' } }), /admin-api .*answered HTTP 200 but status = "unhealthy"/);
  });

  it('PD-D1-6 fails when the Jaeger UI accepts connections and never answers', async (ctx) => {
    await inject('jaeger', { hang: true });
    const r = await checkHealthBody({ criterionId: 'PD-D1-6', service: 'jaeger', url: `${t.urls.jaeger}/`, rule: { any: true } });
    expectFails(ctx, r, /^jaeger \(.*\) did not answer: .*the port accepts connections but nothing answers/);
  });

  it('PD-D1-7 and PD-24H-4 fail when websocket-ingestion stops writing to InfluxDB (its /health still 200)', async (ctx) => {
    await inject('websocket-ingestion', { stopWriting: true });
    await new Promise((r) => setTimeout(r, 1_500)); // let an in-flight batch land
    const flow = await checkEventsFlowing({ criterionId: 'PD-D1-7', ingestionHealthUrl: `${t.urls['websocket-ingestion']}/health`, flux, bucket: t.influx.bucket, windowMs: 3_000 });
    expectFails(ctx, flow, /websocket-ingestion received \d+ events in 3s but InfluxDB bucket home_assistant_events gained 0 points/);
    const e2e = await checkEndToEndEvent({ criterionId: 'PD-24H-4', haUrl: t.ha.url, haToken: t.ha.token, flux, bucket: t.influx.bucket, dataApiUrl: t.urls['data-api']!, apiKey: t.apiKey, timeoutMs: 8_000 });
    expectFails(ctx, e2e, /InfluxDB/);
  });

  it('PD-48H-6 fails when sports-api (an external integration) says unhealthy', async (ctx) => {
    await inject('sports-api', { healthStatus: 'unhealthy' });
    const r = await checkHealthBody({ criterionId: 'PD-48H-6', service: 'sports-api', url: `${t.urls['sports-api']}/health`, rule: { field: 'status', equals: 'healthy' } });
    expectFails(ctx, r, /sports-api .*answered HTTP 200 but status = "unhealthy"/);
  });

  it('PD-D1-1, PD-D1-2 and RUN-POST-1d fail when a service (jaeger) is stopped', { timeout: 120_000 }, async (ctx) => {
    const jaeger = (await inspector.listProject(t.projectName)).find((c) => c.service === 'jaeger')!;
    await execa('docker', ['stop', '-t', '2', jaeger.id]);
    try {
      const now = await inspector.listProject(t.projectName);
      expectFails(ctx, checkContainersRunning(now, { criterionId: 'PD-D1-1', expected: t.services }), /jaeger/);
      expectFails(ctx, checkContainersHealthy(now, { criterionId: 'PD-D1-2', expected: t.services }), /jaeger/);
      // The runbook's RUN-POST-1d is the same judgement (suites/runbook/verification.test.ts).
      expectFails(ctx, checkContainersHealthy(now, { criterionId: 'RUN-POST-1d', expected: t.services }), /jaeger/);
    } finally {
      await execa('docker', ['start', jaeger.id]);
      await waitHealthy(inspector, t.projectName, new SystemClock(), 90_000);
    }
  });

  it('PD-24H-1 and PD-W1-3 fail when a service (sports-api) crashes and Docker restarts it', { timeout: 150_000 }, async (ctx) => {
    await inject('sports-api', { crashAfterMs: 500 });
    touched.delete('sports-api'); // the process is gone; its knobs die with it
    const before = (await inspector.listProject(t.projectName)).find((c) => c.service === 'sports-api')!.restartCount;
    for (let i = 0; i < 60; i++) {
      const c = (await inspector.listProject(t.projectName)).find((x) => x.service === 'sports-api');
      if ((c?.restartCount ?? 0) > before) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    await waitHealthy(inspector, t.projectName, new SystemClock(), 90_000);
    const now = await inspector.listProject(t.projectName);
    for (const [id, windowMs] of [['PD-24H-1', 24 * HOUR_MS], ['PD-W1-3', 7 * 24 * HOUR_MS]] as const) {
      const r = checkNoRestarts(t.initialContainers, now, { criterionId: id, services: t.initialContainers.map((c) => c.service), requiredWindowMs: windowMs, observedWindowMs: Date.now() - t.initialSampledAt });
      expectFails(ctx, r, /sports-api: RestartCount \d+→\d+/);
    }
  });
});
